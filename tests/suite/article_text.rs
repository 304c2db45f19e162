//! An article's text is read back from its file (the index keeps no copy of
//! it, but for records of JSON files): snippets, `show`, quotations and
//! `export` when the file is as indexed, changed, or gone.

use std::fs;

use serde_json::Value;

use crate::common::{dateline, index_json, run_json, run_text, search_json};

const HARBOR: &str = "date 2024-05-01 Harbor wall repaired before the storm season\n\n\
    Crews finished the harbor wall on Tuesday. \"The wall will hold this winter,\" said \
    Elena Vasquez, the harbor master.\n";
const FERRY: &str = "<html><head><title>Ferry timetable changes</title>\
    <meta name=\"date\" content=\"2024-05-02\"></head><body><article>\
    <p>The ferry to the harbor islands leaves an hour earlier from June.</p>\
    </article></body></html>";
const FEED: &str = "{\"title\": \"Harbor fees rise\", \"date\": \"2024-05-03\", \
    \"text\": \"Mooring fees at the harbor rise by a tenth next year.\"}\n";

/// An index of three articles: a text file, a web page and a feed record.
fn indexed() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let archive = work.path().join("archive");
    fs::create_dir(&archive).unwrap();
    fs::write(archive.join("harbor.txt"), HARBOR).unwrap();
    fs::write(archive.join("ferry.html"), FERRY).unwrap();
    fs::write(archive.join("fees.jsonl"), FEED).unwrap();
    let index = work.path().join("index");
    index_json(&index, &archive);
    (work, index, archive)
}

/// The hit of `results` with this title.
fn hit<'a>(results: &'a Value, title: &str) -> &'a Value {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|hit| hit["title"] == title)
        .unwrap_or_else(|| panic!("no hit {title}: {results}"))
}

#[test]
fn snippets_show_and_quotes_read_the_text_from_the_archive() {
    let (_work, index, _archive) = indexed();
    let results = search_json(&index, &["harbor"]);
    assert_eq!(results["total"], 3);
    for title in [
        "Harbor wall repaired before the storm season",
        "Ferry timetable changes",
        "Harbor fees rise",
    ] {
        let hit = hit(&results, title);
        assert!(hit["snippet"].as_str().unwrap().contains("harbor"), "{hit}");
        assert!(hit.get("text_error").is_none(), "{hit}");
    }
    let id = hit(&results, "Harbor wall repaired before the storm season")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown = run_json(&index, &["show", "--json", &id]);
    assert_eq!(
        shown["body"],
        HARBOR.split_once("\n\n").unwrap().1.trim_end()
    );
    let quotes = run_json(&index, &["quotes", "--json", "winter"]);
    assert_eq!(
        quotes["hits"][0]["text"],
        "\"The wall will hold this winter,\""
    );
}

#[test]
fn a_changed_or_missing_file_says_so_and_what_to_run() {
    let (_work, index, archive) = indexed();
    fs::write(
        archive.join("harbor.txt"),
        HARBOR.replace("Tuesday", "Monday"),
    )
    .unwrap();
    fs::remove_file(archive.join("ferry.html")).unwrap();
    // The feed's records keep a copy of their text.
    fs::remove_file(archive.join("fees.jsonl")).unwrap();

    let results = search_json(&index, &["harbor"]);
    let changed = hit(&results, "Harbor wall repaired before the storm season");
    assert_eq!(changed["snippet"], "");
    let message = changed["text_error"].as_str().unwrap();
    assert!(
        message.contains("harbor.txt changed since it was indexed"),
        "{message}"
    );
    assert!(message.contains("run `dateline index`"), "{message}");
    let gone = hit(&results, "Ferry timetable changes")["text_error"]
        .as_str()
        .unwrap();
    assert!(gone.contains("ferry.html is gone"), "{gone}");
    let feed = hit(&results, "Harbor fees rise");
    assert!(feed["snippet"].as_str().unwrap().contains("Mooring fees"));

    let text = run_text(&index, &["search", "harbor"]);
    assert!(text.contains("(no snippet: "), "{text}");

    let id = changed["id"].as_str().unwrap();
    let show = dateline(&index, &["show", id]).output().unwrap();
    assert_eq!(show.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&show.stdout);
    assert!(stdout.contains("Elena Vasquez"), "{stdout}");
    let stderr = String::from_utf8_lossy(&show.stderr);
    assert!(stderr.contains("changed since it was indexed"), "{stderr}");

    let quotes = run_json(&index, &["quotes", "--json", "winter"]);
    assert_eq!(quotes["hits"][0]["text"], "");
    assert!(quotes["hits"][0]["text_error"]
        .as_str()
        .unwrap()
        .contains("changed since it was indexed"));

    let export = dateline(&index, &["export", "--format", "quickwit"])
        .output()
        .unwrap();
    assert_eq!(export.status.code(), Some(1));
    let exported: Vec<Value> = String::from_utf8(export.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0]["title"], "Harbor fees rise");
    let stderr = String::from_utf8_lossy(&export.stderr);
    assert!(stderr.contains("2 articles were left out"), "{stderr}");

    // Indexing again brings the index up to date with the archive.
    index_json(&index, &archive);
    let results = search_json(&index, &["harbor"]);
    assert_eq!(results["total"], 1, "{results}");
    let again = search_json(&index, &["monday"]);
    assert!(again["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("Monday"));
    assert!(again["hits"][0].get("text_error").is_none());
}
