//! The readers on real files of `../shared/data` (see `common::shared_data`).

use chrono::NaiveDate;
use dateline::ingest::read_file;

use crate::common::shared_data;

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn the_seed_article_reads_with_its_date_title_and_body() {
    let read = read_file(&shared_data().join("seed/000_38be661aca5eacde.txt")).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let article = &read.articles[0];
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2024, 10, 23));
    assert!(
        article
            .title
            .starts_with("Russia's President Vladimir Putin"),
        "{}",
        article.title
    );
    assert!(
        article.body.starts_with("North Korea's dispatch"),
        "{}",
        article.body
    );
}

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn the_wikinews_feed_reads_cleanly_every_article_dated() {
    let read = read_file(&shared_data().join("corpus/wikinews.dev.jsonl")).unwrap();
    assert!(read.problems.is_empty(), "{:?}", &read.problems[..1]);
    assert!(read.articles.len() > 200);
    assert!(read
        .articles
        .iter()
        .all(|a| a.date.is_some() && !a.body.is_empty()));
}
