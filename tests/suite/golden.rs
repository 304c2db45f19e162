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
    // Every quotation, then quotations under each article filter: a quote's
    // text, title and date come from its article, and the filters on
    // names and sources are its article's.
    (
        "quotes all, newest first",
        &["quotes", "--json", "--limit", "200"],
    ),
    (
        "quotes person filter",
        &["quotes", "--json", "--person", "vasquez", "--limit", "100"],
    ),
    (
        "quotes word and place filter",
        &["quotes", "--json", "water", "--place", "Port Linden"],
    ),
    (
        "quotes org filter and dates",
        &[
            "quotes",
            "--json",
            "--org",
            "Coastal Rights Alliance",
            "--from",
            "2024-06",
            "--to",
            "2024-12",
            "--limit",
            "50",
        ],
    ),
    (
        "quotes source filter",
        &["quotes", "--json", "--source", "Port Linden Herald"],
    ),
    ("quotes phrase", &["quotes", "--json", "\"five-year\""]),
    (
        "search quote field",
        &["search", "--json", "quote:paperwork"],
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
    if let Some(place) = first_difference(&actual, &expected, String::new()) {
        // The whole output is kept: an assertion's dump gets cut in CI logs.
        let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden-actual.json");
        std::fs::write(&kept, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
        panic!(
            "{place} differs from {}; the whole output is in {}; if the change is meant, \
             re-record with DATELINE_BLESS=1",
            golden.display(),
            kept.display()
        );
    }
}

/// Where `actual` first differs from `expected`, as a path with both values.
/// Numbers are equal within a relative 1e-5: tantivy adds the scores of a
/// query's clauses in an order that depends on how the indexing threads
/// split the documents into segments, which moves a score by a rounding step.
fn first_difference(actual: &Value, expected: &Value, at: String) -> Option<String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(e.keys()).collect();
            keys.into_iter()
                .find_map(|key| match (a.get(key), e.get(key)) {
                    (Some(a), Some(e)) => first_difference(a, e, format!("{at}/{key}")),
                    (a, e) => Some(format!("{at}/{key}: {a:?} against {e:?}")),
                })
        }
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => a
            .iter()
            .zip(e)
            .enumerate()
            .find_map(|(i, (a, e))| first_difference(a, e, format!("{at}/{i}"))),
        (Value::Number(a), Value::Number(e)) => {
            let (a_value, e_value) = (a.as_f64().unwrap(), e.as_f64().unwrap());
            let close = (a_value - e_value).abs() <= 1e-5 * e_value.abs().max(1.0);
            (!close).then(|| format!("{at}: {a} against {e}"))
        }
        (a, e) => (a != e).then(|| format!("{at}: {a} against {e}")),
    }
}
