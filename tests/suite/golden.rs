//! The JSON of every read command over the sample corpus, compared with
//! `tests/suite/golden/sample_corpus.json`, so a change of structure (moving code
//! between crates, a new output layer) can be shown to change no behaviour.
//!
//! A deliberate change of output (a new model, a new field) is recorded by
//! running `DATELINE_BLESS=1 cargo test --test suite golden` and reviewing the diff.

use std::collections::HashMap;
use std::path::Path;

use crate::common::{run_json, sample_corpus, shared_sample_index};
use serde_json::Value;

/// The commands whose output is pinned, by label.
const COMMANDS: &[(&str, &[&str])] = &[
    ("search all", &["search", "--json", "--limit", "100"]),
    (
        "search phrase with facets",
        &["search", "--json", "\"water rights\"", "--facets"],
    ),
    (
        "search person filter",
        &["search", "--json", "troops", "--person", "marchetti"],
    ),
    (
        "search org and dates, oldest first",
        &[
            "search",
            "--json",
            "--org",
            "Coastal Rights Alliance",
            "--from",
            "2024",
            "--sort",
            "oldest",
        ],
    ),
    ("quotes word", &["quotes", "--json", "water"]),
    (
        "quotes speaker",
        &["quotes", "--json", "--speaker", "haddad", "--limit", "50"],
    ),
    ("entities top", &["entities", "--json", "--top", "20"]),
    (
        "entities with a person",
        &[
            "entities", "--json", "--kind", "person", "--person", "vasquez",
        ],
    ),
    (
        "timeline by month",
        &["timeline", "--json", "--by", "month"],
    ),
    (
        "timeline by year for an org",
        &[
            "timeline",
            "--json",
            "--by",
            "year",
            "--org",
            "Harbor Development Authority",
        ],
    ),
    ("stats", &["stats", "--json"]),
];

/// How many articles of the full listing `show` is run on.
const SHOWN: usize = 3;

/// Replaces what depends on where the checkout is: absolute paths become
/// relative to the repository, and article ids (hashes of those paths)
/// become `ID1`, `ID2`, … in order of first appearance.
fn normalize(value: &mut Value, root: &str, ids: &mut HashMap<String, String>) {
    match value {
        Value::String(text) => {
            if text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
                let next = format!("ID{}", ids.len() + 1);
                *text = ids.entry(text.clone()).or_insert(next).clone();
            } else if let Some(relative) = text.strip_prefix(root) {
                *text = format!("sample_corpus{relative}");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| normalize(v, root, ids)),
        Value::Object(fields) => fields.values_mut().for_each(|v| normalize(v, root, ids)),
        _ => {}
    }
}

#[test]
fn read_commands_print_what_the_golden_file_holds() {
    let index = shared_sample_index();
    let mut outputs = serde_json::Map::new();
    for (label, args) in COMMANDS {
        let mut output = run_json(index, args);
        if *label == "stats" {
            output.as_object_mut().unwrap().remove("index_bytes");
        }
        outputs.insert(label.to_string(), output);
    }
    let listed = outputs["search all"]["hits"].as_array().unwrap().clone();
    for hit in listed.iter().take(SHOWN) {
        let id = hit["id"].as_str().unwrap();
        let title = hit["title"].as_str().unwrap();
        outputs.insert(
            format!("show {title}"),
            run_json(index, &["show", "--json", id]),
        );
    }
    let mut actual = Value::Object(outputs);
    let root = std::fs::canonicalize(sample_corpus()).unwrap();
    normalize(&mut actual, &root.to_string_lossy(), &mut HashMap::new());

    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/golden/sample_corpus.json");
    if std::env::var_os("DATELINE_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        std::fs::write(&golden, text).unwrap();
        return;
    }
    let expected: Value =
        serde_json::from_slice(&std::fs::read(&golden).unwrap_or_else(|e| {
            panic!("{}: {e}; record it with DATELINE_BLESS=1", golden.display())
        }))
        .unwrap();
    for (label, output) in actual.as_object().unwrap() {
        assert_eq!(
            Some(output),
            expected.get(label),
            "`{label}` differs from {}; if the change is meant, re-record with DATELINE_BLESS=1",
            golden.display()
        );
    }
    assert_eq!(actual, expected);
}
