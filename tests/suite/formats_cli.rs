//! What the readers of each input format give a user of the binary: the
//! headline of a saved HTML page, where a feed's record is.

use std::path::{Path, PathBuf};

use crate::common::{index_json, run_json, search_json};
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
