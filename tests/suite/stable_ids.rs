//! Article ids and file keys that depend on where a file is inside its
//! archive folder, not on where the folder is: moving, renaming or checking
//! out an archive elsewhere keeps every id and adds nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::{dateline, index_json, run_json, sample_corpus, shared_sample_index};
use tempfile::TempDir;

/// `tests/data/one_story`, an archive written for the tests.
fn one_story() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/one_story")
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every article's id with its path, from `search --json`.
fn ids_and_paths(index: &Path) -> Vec<(String, String)> {
    let listing = run_json(
        index,
        &["search", "--json", "--all-copies", "--limit", "1000"],
    );
    let mut pairs: Vec<(String, String)> = listing["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            let field = |name: &str| hit[name].as_str().unwrap().to_string();
            (field("id"), field("path"))
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn moving_and_renaming_the_archive_keeps_every_id_and_adds_nothing() {
    let work = TempDir::new().unwrap();
    let (first_place, index) = (work.path().join("archive"), work.path().join("index"));
    copy_folder(&one_story(), &first_place);
    let summary = index_json(&index, &first_place);
    let articles = summary["indexed"].as_u64().unwrap();
    assert!(articles >= 8, "{summary}");
    // Every figure but the index's size, which counts the commit's record of
    // where the folder is.
    let stats = || {
        let mut stats = run_json(&index, &["stats", "--json"]);
        stats.as_object_mut().unwrap().remove("index_bytes");
        stats
    };
    let stats_before = stats();
    let before = ids_and_paths(&index);

    let new_place = work.path().join("moved/renamed-archive");
    std::fs::create_dir_all(new_place.parent().unwrap()).unwrap();
    std::fs::rename(&first_place, &new_place).unwrap();
    let summary = index_json(&index, &new_place);
    assert_eq!(summary["indexed"], 0, "nothing is new: {summary}");
    assert_eq!(summary["removed"], 0, "{summary}");
    assert_eq!(
        summary["unchanged"], articles,
        "nothing is read again: {summary}"
    );
    let moved = &summary["moved"][0];
    assert_eq!(moved["from"], first_place.to_str().unwrap(), "{summary}");
    assert_eq!(moved["to"], new_place.to_str().unwrap(), "{summary}");

    assert_eq!(stats(), stats_before);
    let after = ids_and_paths(&index);
    let ids = |pairs: &[(String, String)]| -> Vec<String> {
        pairs.iter().map(|(id, _)| id.clone()).collect()
    };
    assert_eq!(ids(&after), ids(&before));
    for (id, path) in &after {
        assert!(path.starts_with(new_place.to_str().unwrap()), "{path}");
        let shown = run_json(&index, &["show", "--json", id]);
        assert_eq!(
            &shown["path"], path,
            "`show {id}` finds the article at its new place"
        );
    }

    // Once recognised, the folder is known at its new place.
    let again = dateline(&index, &["index"])
        .arg(&new_place)
        .output()
        .unwrap();
    let text = String::from_utf8(again.stdout).unwrap();
    assert!(text.contains(&format!("unchanged {articles}")), "{text}");
    assert!(!text.contains("archive folder"), "{text}");
}

#[test]
fn an_archive_checked_out_anywhere_gets_the_same_ids() {
    let work = TempDir::new().unwrap();
    let here = work.path().join("here/news");
    let there = work.path().join("there/deeper/archive-copy");
    copy_folder(&one_story(), &here);
    copy_folder(&one_story(), &there);
    index_json(&work.path().join("index-here"), &here);
    index_json(&work.path().join("index-there"), &there);
    let ids = |index: &str| -> BTreeSet<String> {
        ids_and_paths(&work.path().join(index))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert_eq!(ids("index-here"), ids("index-there"));
}

#[test]
fn two_folders_with_the_same_file_names_stay_apart() {
    let work = TempDir::new().unwrap();
    for (folder, title) in [("a/news", "Harbor reopens"), ("b/news", "Bridge closes")] {
        let path = work.path().join(folder).join("2024-05-01-story.txt");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            format!("date 2024-05-01 {title}\n\nThe council met.\n"),
        )
        .unwrap();
    }
    let index = work.path().join("index");
    let output = dateline(&index, &["index", "--json"])
        .arg(work.path().join("a/news"))
        .arg(work.path().join("b/news"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let pairs = ids_and_paths(&index);
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert_ne!(pairs[0].0, pairs[1].0);
}

#[test]
fn the_readme_show_example_is_an_article_of_the_sample_corpus() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let id = readme
        .split("$ dateline show ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the README shows an article");
    let shown = run_json(shared_sample_index(), &["show", "--json", id]);
    let title = readme
        .split(&format!("$ dateline show {id}\n"))
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap();
    assert_eq!(shown["title"], title);
    assert!(shown["path"].as_str().unwrap().starts_with(
        std::fs::canonicalize(sample_corpus())
            .unwrap()
            .to_str()
            .unwrap()
    ));
}
