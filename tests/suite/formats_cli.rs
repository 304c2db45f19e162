//! What the readers of each input format give a user of the binary: the
//! headline of a saved HTML page, where a feed's record is.

use std::path::{Path, PathBuf};

use crate::common::{dateline, index_json, run_json, search_json};
use predicates::prelude::*;
use tempfile::TempDir;

/// An index of an archive holding the files `(name, content)`.
fn index_of(files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    for (name, content) in files {
        std::fs::write(archive.join(name), content).unwrap();
    }
    let index = work.path().join("index");
    index_json(&index, &archive);
    (work, index)
}

/// The headlines of every article of the index, sorted.
fn headlines(index: &Path) -> Vec<String> {
    let hits = search_json(index, &["--limit", "100"])["hits"].clone();
    let mut titles: Vec<String> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["title"].as_str().unwrap().to_string())
        .collect();
    titles.sort();
    titles
}

#[test]
fn an_html_page_titled_with_its_site_name_is_headed_by_its_headline() {
    let (_work, index) = index_of(&[
        (
            "bare-title.html",
            "<html><head><title>Marsh Ledger</title>\
             <link rel=\"canonical\" href=\"https://www.marshledger.test/2024/ferry\"></head>\
             <body><header><a href=\"/\">Marsh Ledger</a></header>\
             <h1>Ferry service to resume after storm repairs</h1>\
             <p>The island ferry runs again on Monday.</p></body></html>",
        ),
        (
            "site-name-og.html",
            "<html><head><title>Tern Valley Post</title>\
             <meta property=\"og:site_name\" content=\"Tern Valley Post\">\
             <meta property=\"og:title\" content=\"Mill reopens with forty jobs\"></head>\
             <body><p>The paper mill reopened on Tuesday.</p></body></html>",
        ),
        (
            "plain-title.html",
            "<html><head><title>Council approves the budget</title></head>\
             <body><h1>Tern Valley Post</h1><p>The council approved it.</p></body></html>",
        ),
    ]);
    assert_eq!(
        headlines(&index),
        [
            "Council approves the budget",
            "Ferry service to resume after storm repairs",
            "Mill reopens with forty jobs",
        ]
    );
    let hit = search_json(&index, &["ferry"])["hits"][0].clone();
    let shown = run_json(&index, &["show", "--json", hit["id"].as_str().unwrap()]);
    assert_eq!(
        shown["title"],
        "Ferry service to resume after storm repairs"
    );
    // The headline is stored apart, so the body does not repeat it.
    assert_eq!(shown["body"], "The island ferry runs again on Monday.");
}

/// A feed of two articles (lines 1 and 4; line 3 is not JSON) beside a
/// one-article file.
const FEED: &[(&str, &str)] = &[
    (
        "feed.jsonl",
        "{\"title\": \"Ferry strike\", \"date\": \"2024-03-01\", \"text\": \"The ferry crews walked out.\"}\n\
         \n\
         {not json\n\
         {\"title\": \"Ferry strike ends\", \"date\": \"2024-03-04\", \"text\": \"The ferry crews went back.\"}\n",
    ),
    (
        "note.txt",
        "date 2024-03-02 Ferry timetable\n\nThe ferry keeps its winter timetable.\n",
    ),
];

#[test]
fn a_feed_record_is_located_by_its_line_in_search_and_show() {
    let (_work, index) = index_of(FEED);
    let hits = search_json(&index, &["ferry", "--sort", "oldest"])["hits"].clone();
    let located: Vec<(&str, &str, &serde_json::Value)> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            let path = hit["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap();
            (hit["title"].as_str().unwrap(), name, &hit["line"])
        })
        .collect();
    assert_eq!(
        located,
        [
            ("Ferry strike", "feed.jsonl", &serde_json::json!(1)),
            ("Ferry timetable", "note.txt", &serde_json::Value::Null),
            ("Ferry strike ends", "feed.jsonl", &serde_json::json!(4)),
        ]
    );

    let text = dateline(&index, &["search", "ferry", "--sort", "oldest"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let feed = hits[0]["path"].as_str().unwrap();
    let note = hits[1]["path"].as_str().unwrap();
    for location in [
        format!("{feed}:1 "),
        format!("{feed}:4 "),
        format!("{note} "),
    ] {
        assert!(text.contains(&location), "{location} in\n{text}");
    }

    let csv = dateline(&index, &["search", "ferry", "--sort", "oldest", "--csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let lines: Vec<String> = reader
        .records()
        .map(|row| row.unwrap()[column("line")].to_string())
        .collect();
    assert_eq!(lines, ["1", "", "4"]);

    for (hit, line) in [(&hits[2], Some(4)), (&hits[1], None)] {
        let id = hit["id"].as_str().unwrap();
        let shown = run_json(&index, &["show", "--json", id]);
        assert_eq!(shown["line"], serde_json::json!(line));
        let path = hit["path"].as_str().unwrap();
        let location = match line {
            Some(line) => format!("path: {path}:{line}\n"),
            None => format!("path: {path}\n"),
        };
        dateline(&index, &["show", id])
            .assert()
            .success()
            .stdout(predicate::str::contains(location));
    }
}
