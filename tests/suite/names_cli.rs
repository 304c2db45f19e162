//! Names merged across the archive, and the names file, as a user sees
//! them: on `tests/data/one_story`, an archive written for these tests.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{dateline, run_json, search_json};

/// The outlets' folders of the one-story archive (its README is no article).
fn outlets() -> Vec<PathBuf> {
    let archive = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/one_story");
    [
        "coastal-wire",
        "harbor-herald",
        "island-times",
        "trade-desk",
    ]
    .iter()
    .map(|outlet| archive.join(outlet))
    .collect()
}

/// A fresh index of the one-story archive.
fn one_story_index() -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::TempDir::new().unwrap();
    let index = work.path().join("index");
    dateline(&index, &["index", "--quiet"])
        .args(outlets())
        .assert()
        .success();
    (work, index)
}

/// The `(name, articles)` of a name list in JSON.
fn counts(list: &Value) -> Vec<(String, u64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["name"].as_str().unwrap().to_string(),
                n["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The articles of `name` in a name list, if it is there.
fn count_of(list: &Value, name: &str) -> Option<u64> {
    counts(list)
        .into_iter()
        .find_map(|(listed, articles)| (listed == name).then_some(articles))
}

#[test]
fn one_entity_for_each_way_the_archive_spells_it() {
    let (_work, index) = one_story_index();
    let places = run_json(
        &index,
        &["entities", "--kind", "place", "--top", "50", "--json"],
    );
    let places = &places["places"];
    // United States, U.S., US, USA and America in five articles, some two at once.
    assert_eq!(count_of(places, "United States"), Some(5), "{places}");
    for spelling in ["US", "U.S.", "USA", "America"] {
        assert_eq!(count_of(places, spelling), None, "{spelling} in {places}");
    }
    let people = run_json(
        &index,
        &["entities", "--kind", "person", "--top", "50", "--json"],
    );
    let people = &people["people"];
    assert_eq!(count_of(people, "Mehmet Erdoğan"), Some(2), "{people}");
    assert_eq!(count_of(people, "Ana Ruiz"), Some(2), "{people}");
    for spelling in ["Mehmet Erdogan", "Ruiz"] {
        assert_eq!(count_of(people, spelling), None, "{spelling} in {people}");
    }
    let orgs = run_json(
        &index,
        &["entities", "--kind", "org", "--top", "50", "--json"],
    );
    let orgs = &orgs["organizations"];
    assert_eq!(count_of(orgs, "Harbor Robotics Inc."), Some(1), "{orgs}");
    assert_eq!(count_of(orgs, "Harbor Robotics"), None, "{orgs}");

    // Facets and timelines count the entity too.
    let facets = run_json(&index, &["search", "--facets", "--json", "tariff"]);
    assert_eq!(
        count_of(&facets["facets"]["places"], "United States"),
        Some(2),
        "{facets}"
    );
    let timeline = run_json(&index, &["timeline", "--place", "America", "--json"]);
    assert_eq!(timeline["total_articles"], 5);

    // A name table cut short (a run killed while writing it would leave the
    // old one; this is worse) is computed again, never half used.
    std::fs::write(index.join("names-table.json"), "{\"entities\": [").unwrap();
    let places = run_json(&index, &["entities", "--kind", "place", "--json"]);
    assert_eq!(
        count_of(&places["places"], "United States"),
        Some(5),
        "{places}"
    );
    // A names file broken by hand says what to do about it.
    std::fs::write(index.join("names.json"), "{\"edits\": 3}").unwrap();
    let broken = dateline(&index, &["entities"]).assert().code(1);
    let stderr = String::from_utf8_lossy(&broken.get_output().stderr).to_string();
    assert!(stderr.contains("not a names file"), "{stderr}");
    assert!(stderr.contains("remove it"), "{stderr}");
}

#[test]
fn filters_find_every_spelling_and_show_keeps_what_the_article_wrote() {
    let (_work, index) = one_story_index();
    for person in ["erdogan", "Mehmet Erdoğan", "mehmet erdogan"] {
        let found = search_json(&index, &["--person", person]);
        assert_eq!(found["total"], 2, "--person {person}");
        for hit in found["hits"].as_array().unwrap() {
            assert!(
                hit["people"]
                    .as_array()
                    .unwrap()
                    .contains(&"Mehmet Erdoğan".into()),
                "{hit}"
            );
        }
    }
    assert_eq!(search_json(&index, &["--person", "Ana Ruiz"])["total"], 2);
    assert_eq!(
        search_json(&index, &["--place", "United States"])["total"],
        5
    );
    assert_eq!(search_json(&index, &["--place", "usa"])["total"], 5);
    assert_eq!(
        search_json(&index, &["--org", "Harbor Robotics"])["total"],
        1
    );

    let quotes = run_json(&index, &["quotes", "--speaker", "Ana Ruiz", "--json"]);
    let speakers: Vec<&Value> = quotes["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| &q["speaker"])
        .collect();
    assert!(speakers.len() >= 2, "{quotes}");
    assert!(
        speakers.iter().all(|speaker| *speaker == "Ana Ruiz"),
        "{quotes}"
    );

    let deal = search_json(&index, &["quota", "--person", "erdogan"]);
    let id = deal["hits"][0]["id"].as_str().unwrap().to_string();
    let shown = run_json(&index, &["show", &id, "--json"]);
    assert_eq!(
        shown["people"],
        serde_json::json!(["Mehmet Erdogan"]),
        "{shown}"
    );
}

#[test]
fn the_names_file_merges_splits_renames_retypes_and_hides_without_reindexing() {
    let (_work, index) = one_story_index();
    let names = |args: &[&str]| {
        dateline(&index, &[&["names"], args].concat())
            .assert()
            .success();
    };
    names(&["hide", "harbor herald"]);
    names(&[
        "merge",
        "Island Transit Company",
        "Marden Ferry Workers Union",
    ]);
    names(&["rename", "Harbor Robotics", "Harbor Robotics Group"]);
    names(&["retype", "Dravonia", "place", "--kind", "person"]);

    let orgs = run_json(
        &index,
        &["entities", "--kind", "org", "--top", "50", "--json"],
    );
    let orgs = &orgs["organizations"];
    assert_eq!(count_of(orgs, "Harbor Herald"), None, "{orgs}");
    assert_eq!(count_of(orgs, "Island Transit Company"), Some(3), "{orgs}");
    assert_eq!(count_of(orgs, "Marden Ferry Workers Union"), None, "{orgs}");
    assert_eq!(count_of(orgs, "Harbor Robotics Group"), Some(1), "{orgs}");
    assert_eq!(
        search_json(&index, &["--org", "harbor robotics group"])["total"],
        1
    );
    let people = run_json(
        &index,
        &["entities", "--kind", "person", "--top", "50", "--json"],
    );
    assert_eq!(count_of(&people["people"], "Dravonia"), None, "{people}");

    // A surname kept apart counts on its own.
    names(&["split", "Ruiz", "--kind", "person"]);
    let people = run_json(
        &index,
        &["entities", "--kind", "person", "--top", "50", "--json"],
    );
    assert_eq!(count_of(&people["people"], "Ana Ruiz"), Some(1), "{people}");
    assert_eq!(count_of(&people["people"], "Ruiz"), Some(1), "{people}");

    let listed = run_json(&index, &["names", "--json"]);
    assert_eq!(listed["edits"].as_array().unwrap().len(), 5, "{listed}");
    let robotics = listed["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entity| entity["name"] == "Harbor Robotics Group")
        .expect("the renamed entity is listed");
    assert_eq!(
        robotics["spellings"].as_array().unwrap().len(),
        2,
        "{robotics}"
    );

    // Unknown and ambiguous names are refused with what to type.
    let unknown = dateline(&index, &["names", "hide", "Nobody Known"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&unknown.get_output().stderr).to_string();
    assert!(
        stderr.contains("nothing named \"Nobody Known\""),
        "{stderr}"
    );
    assert!(stderr.contains("dateline entities"), "{stderr}");
    let ambiguous = dateline(&index, &["names", "hide", "Dravonia"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&ambiguous.get_output().stderr).to_string();
    assert!(stderr.contains("--kind"), "{stderr}");

    // The names file stays through a rebuild.
    dateline(&index, &["index", "--quiet", "--rebuild"])
        .args(outlets())
        .assert()
        .success();
    let orgs = run_json(
        &index,
        &["entities", "--kind", "org", "--top", "50", "--json"],
    );
    assert_eq!(
        count_of(&orgs["organizations"], "Harbor Robotics Group"),
        Some(1),
        "{orgs}"
    );
}

#[test]
fn an_unchanged_reindex_keeps_the_name_table_for_its_new_commit() {
    let (_work, index) = one_story_index();
    let places = || run_json(&index, &["entities", "--json", "--kind", "place"]);
    let before = places();
    dateline(&index, &["index", "--quiet"])
        .args(outlets())
        .assert()
        .success();
    let json = |file: &str| -> Value {
        serde_json::from_slice(&std::fs::read(index.join(file)).unwrap()).unwrap()
    };
    // The table written beside the index is for the new commit, so searches
    // use it instead of reading every name again.
    assert_eq!(
        json("names-table.json")["commit"],
        json("meta.json")["opstamp"]
    );
    assert_eq!(places(), before);
    assert_eq!(count_of(&before["places"], "United States"), Some(5));
}
