//! `dateline export` through the binary: the documents equal `show --json`,
//! `_bulk` chunks are well formed, and the index configurations shipped in
//! `deploy/` map every exported field, and only those, with fitting types.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{dateline, run_json, sample_index, shared_sample_index};
use serde_json::Value;

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn exported_quickwit(index: &Path) -> Vec<Value> {
    let output = dateline(index, &["export", "--format", "quickwit"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{:?}", output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("49 articles written"), "{stderr}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn shown(index: &Path, id: &str) -> Value {
    run_json(index, &["show", "--json", id])
}

#[test]
fn quickwit_export_is_every_article_as_show_prints_it() {
    let index = shared_sample_index();
    let docs = exported_quickwit(index);
    assert_eq!(docs.len(), 49);
    for doc in &docs {
        assert_eq!(doc, &shown(index, doc["id"].as_str().unwrap()));
    }
    assert!(docs
        .iter()
        .any(|doc| !doc["quotes"].as_array().unwrap().is_empty()));
}

#[test]
fn opensearch_bulk_chunks_pair_actions_with_the_articles() {
    let (work, index) = sample_index();
    let out = work.path().join("bulk");
    dateline(
        &index,
        &[
            "export",
            "--format",
            "opensearch",
            "--chunk-mb",
            "1",
            "--index-name",
            "news",
            "--output",
        ],
    )
    .arg(&out)
    .assert()
    .success();
    let mut articles = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(text.len() <= 1_000_000);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len() % 2, 0);
        for pair in lines.chunks(2) {
            let action: Value = serde_json::from_str(pair[0]).unwrap();
            let doc: Value = serde_json::from_str(pair[1]).unwrap();
            assert_eq!(action["index"]["_index"], "news");
            assert_eq!(action["index"]["_id"], doc["id"]);
            assert_eq!(doc, shown(&index, doc["id"].as_str().unwrap()));
            articles += 1;
        }
    }
    assert_eq!(articles, 49);
    dateline(&index, &["export", "--format", "opensearch"])
        .assert()
        .code(2);
}

/// The JSON kind of each field of the exported documents, `quotes.speaker`
/// style for the fields of quotations: "string", "strings" (array of
/// strings) or "objects" (array of objects); nulls say nothing.
fn exported_fields(docs: &[Value]) -> BTreeMap<String, &'static str> {
    let mut fields = BTreeMap::new();
    let mut note = |name: String, value: &Value| {
        let kind = match value {
            Value::String(_) => "string",
            Value::Number(n) if n.is_u64() => "count",
            Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
                "objects"
            }
            Value::Array(_) => "strings",
            Value::Null => return,
            other => panic!("{name}: unexpected {other}"),
        };
        let known = fields.entry(name.clone()).or_insert(kind);
        if *known == "strings" && kind == "objects" {
            *known = kind;
        }
    };
    for doc in docs {
        for (name, value) in doc.as_object().unwrap() {
            note(name.clone(), value);
            for quote in value
                .as_array()
                .into_iter()
                .flatten()
                .filter(|v| v.is_object())
            {
                for (inner, value) in quote.as_object().unwrap() {
                    note(format!("{name}.{inner}"), value);
                }
            }
        }
    }
    fields
}

#[test]
fn both_engine_mappings_cover_every_exported_field_with_a_fitting_type() {
    let index = shared_sample_index();
    let exported = exported_fields(&exported_quickwit(index));
    assert!(exported.contains_key("quotes.speaker"), "{exported:?}");
    let top_level: Vec<&String> = exported.keys().filter(|k| !k.contains('.')).collect();

    let quickwit: serde_yaml::Value =
        serde_yaml::from_str(&repo_file("deploy/quickwit/dateline.yaml")).unwrap();
    let mapped: BTreeMap<String, String> = quickwit["doc_mapping"]["field_mappings"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["type"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        mapped.keys().collect::<Vec<_>>(),
        top_level,
        "quickwit fields"
    );
    for (name, kind) in &exported {
        let Some(mapped_type) = mapped.get(name) else {
            // Fields of quotations fall under the `json` field `quotes`.
            assert_eq!(mapped[name.split('.').next().unwrap()], "json", "{name}");
            continue;
        };
        let fits = match *kind {
            "string" => ["text", "datetime"].contains(&mapped_type.as_str()),
            "strings" => mapped_type == "array<text>",
            "count" => mapped_type == "u64",
            _ => mapped_type == "json",
        };
        assert!(fits, "quickwit maps {name} ({kind}) as {mapped_type}");
    }
    assert_eq!(quickwit["doc_mapping"]["timestamp_field"], "date");

    let opensearch: Value =
        serde_json::from_str(&repo_file("deploy/opensearch/dateline.json")).unwrap();
    let properties = &opensearch["template"]["mappings"]["properties"];
    let mapped: Vec<&String> = properties.as_object().unwrap().keys().collect();
    assert_eq!(mapped, top_level, "opensearch fields");
    for (name, kind) in &exported {
        let mapping = match name.split_once('.') {
            Some((outer, inner)) => &properties[outer]["properties"][inner],
            None => &properties[name],
        };
        let mapped_type = mapping["type"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} unmapped"));
        let fits = match *kind {
            "string" | "strings" => ["text", "keyword", "date"].contains(&mapped_type),
            "count" => ["integer", "long"].contains(&mapped_type),
            _ => mapped_type == "nested",
        };
        assert!(fits, "opensearch maps {name} ({kind}) as {mapped_type}");
    }
    for nested in properties["quotes"]["properties"]
        .as_object()
        .unwrap()
        .keys()
    {
        assert!(
            exported.contains_key(&format!("quotes.{nested}")),
            "quotes.{nested}"
        );
    }
}
