//! `dateline quotes` through the binary: quotations as hits, by speaker.

use crate::common::{dateline, index_json, shared_data, shared_sample_index};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn quotes_json(index: &std::path::Path, args: &[&str]) -> Value {
    let output = dateline(index, &["quotes", "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn speakers(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["speaker"].as_str().unwrap_or("").to_string())
        .collect()
}

/// An index of an archive (`work/archive`) holding one article, `name` with
/// `text`; the index is `work/index`.
fn index_one_article(name: &str, text: &str) -> (TempDir, std::path::PathBuf) {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    std::fs::write(archive.join(name), text).unwrap();
    let index = work.path().join("index");
    index_json(&index, &archive);
    (work, index)
}

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn seed_quotes_by_speaker() {
    let data = shared_data();
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    std::fs::copy(
        data.join("seed/000_38be661aca5eacde.txt"),
        archive.join("seed.txt"),
    )
    .unwrap();
    let index = work.path().join("index");
    index_json(&index, &archive);

    let troops = quotes_json(&index, &["troops", "--speaker", "cha"]);
    assert_eq!(troops["total"], 1);
    let hit = &troops["hits"][0];
    assert_eq!(hit["speaker"], "Victor Cha");
    assert_eq!(hit["date"], "2024-10-23");
    let text = hit["text"].as_str().unwrap();
    assert!(text.contains("North Korean troops actually die"), "{text}");
    let [start, end] = [
        hit["highlights"][0][0].as_u64().unwrap() as usize,
        hit["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(&text[start..end], "troops");

    let seiler = quotes_json(&index, &["--speaker", "Sydney Seiler"]);
    assert_eq!(speakers(&seiler), ["Sydney Seiler"]);
    assert!(seiler["hits"][0]["text"]
        .as_str()
        .unwrap()
        .contains("real problem"));

    let cha = quotes_json(&index, &["--speaker", "cha"]);
    assert_eq!(speakers(&cha), ["Victor Cha"; 3]);

    dateline(&index, &["quotes", "troops", "--speaker", "cha"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Victor Cha  2024-10-23"))
        .stdout(predicate::str::contains(
            "1 matching quotation (showing 1-1).",
        ));
}

#[test]
fn corpus_quotes_filter_by_speaker_org_and_date() {
    let index = shared_sample_index();

    let all = quotes_json(index, &["--limit", "1000"]);
    let total = all["total"].as_u64().unwrap();
    assert!(total > 40, "{total}");
    let dates: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first without a query"
    );
    for hit in all["hits"].as_array().unwrap() {
        for field in [
            "speaker",
            "text",
            "date",
            "article_id",
            "title",
            "highlights",
        ] {
            assert!(hit.get(field).is_some(), "{field} missing in {hit}");
        }
    }

    let vasquez = quotes_json(index, &["--speaker", "vasquez", "--limit", "1000"]);
    assert!(vasquez["total"].as_u64().unwrap() >= 5);
    assert!(
        speakers(&vasquez).iter().all(|s| s == "Elena Vasquez"),
        "{:?}",
        speakers(&vasquez)
    );

    let in_2024 = quotes_json(
        index,
        &["--from", "2024", "--to", "2024", "--limit", "1000"],
    );
    assert!(in_2024["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2024")));
    assert!(in_2024["total"].as_u64().unwrap() < total);

    let with_org = quotes_json(index, &["--org", "Lumora Systems Inc.", "--limit", "1000"]);
    let lumora_articles: std::collections::BTreeSet<String> =
        crate::common::search_json(index, &["--org", "Lumora Systems Inc.", "--limit", "1000"])
            ["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
    assert!(with_org["total"].as_u64().unwrap() > 0);
    for hit in with_org["hits"].as_array().unwrap() {
        assert!(lumora_articles.contains(hit["article_id"].as_str().unwrap()));
    }
}

#[test]
fn quotes_go_with_their_article_when_the_file_is_deleted() {
    let (work, index) = index_one_article(
        "2024-02-01-pier.txt",
        "date 2024-02-01 Pier reopens\n\n\"We rebuilt every plank of this pier by hand,\" said Marta Quill, the harbor master.\n",
    );
    let archive = work.path().join("archive");
    let file = archive.join("2024-02-01-pier.txt");
    let before = quotes_json(&index, &["plank"]);
    assert_eq!(before["total"], 1);
    assert_eq!(before["hits"][0]["speaker"], "Marta Quill");
    std::fs::remove_file(&file).unwrap();
    let summary = index_json(&index, &archive);
    assert_eq!(summary["removed"], 1);
    assert_eq!(quotes_json(&index, &["plank"])["total"], 0);
}

/// Someone the article does not name is listed as it describes them, and
/// `--speaker` finds them by a word of that description.
#[test]
fn unnamed_speakers_are_listed_as_described() {
    let (_work, index) = index_one_article(
        "2024-03-02-pier.txt",
        "date 2024-03-02 Pier reopens\n\nMarta Quill cut the ribbon on Saturday. \
         \"Every plank was rebuilt by hand,\" said a longtime resident.\n\n\
         One fisherman wrote, \"The pier is finally safe for children again.\"\n",
    );
    let all = quotes_json(&index, &[]);
    let mut listed = speakers(&all);
    listed.sort_unstable();
    assert_eq!(listed, ["One fisherman", "a longtime resident"]);
    let resident = quotes_json(&index, &["--speaker", "resident"]);
    assert_eq!(speakers(&resident), ["a longtime resident"]);
    assert!(resident["hits"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Every plank"));
}

/// A quotation set into a sentence about someone, without a speech verb, is
/// listed as theirs, and `--speaker` finds it by their surname.
#[test]
fn a_quotation_set_into_a_sentence_is_its_subjects() {
    let (_work, index) = index_one_article(
        "2024-03-09-ferry.txt",
        "date 2024-03-09 Ferry plan stalls\n\nThe harbor board met on Friday. \
         Mayor Marta Quill blamed the delay on \"a plan that nobody in the valley \
         asked for and nobody in the valley will pay for.\"\n",
    );
    assert_eq!(speakers(&quotes_json(&index, &[])), ["Marta Quill"]);
    let quill = quotes_json(&index, &["--speaker", "quill"]);
    assert!(quill["hits"][0]["text"]
        .as_str()
        .unwrap()
        .contains("nobody in the valley"));
}

/// Every quotation `quotes` lists is one that `show` gives its article,
/// with its article's title and date, and is text of that article: the
/// index keeps a quotation's text once, with its article.
#[test]
fn listed_quotes_are_their_articles_quotes() {
    let index = shared_sample_index();
    let listed = quotes_json(index, &["--limit", "500"]);
    let hits = listed["hits"].as_array().unwrap();
    assert_eq!(listed["total"].as_u64().unwrap() as usize, hits.len());
    let mut by_article: std::collections::BTreeMap<&str, Vec<&Value>> = Default::default();
    for hit in hits {
        by_article
            .entry(hit["article_id"].as_str().unwrap())
            .or_default()
            .push(hit);
    }
    for (id, quotes) in by_article {
        let shown = crate::common::run_json(index, &["show", "--json", id]);
        let (title, body) = (shown["title"].as_str().unwrap(), shown["body"].as_str());
        let mut expected: Vec<&str> = shown["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|quote| quote["text"].as_str().unwrap())
            .collect();
        let mut found: Vec<&str> = quotes
            .iter()
            .map(|quote| {
                assert_eq!(quote["title"], shown["title"], "{id}");
                assert_eq!(quote["date"], shown["date"], "{id}");
                quote["text"].as_str().unwrap()
            })
            .collect();
        expected.sort_unstable();
        found.sort_unstable();
        assert_eq!(found, expected, "quotes of {id}");
        let text = format!("{title}\n\n{}", body.unwrap());
        for quote in found {
            assert!(text.contains(quote), "{quote:?} is not in article {id}");
        }
    }
}
