//! The seed article's six quotations, with the gold entities as mentions.
//! Reads `../shared/data/seed/*.gold.jsonl` (see `common::shared_data`).

use crate::common::shared_data;
use dateline::extract::find_quotes;
use dateline::extract::{EntityKind, Mention};
use serde_json::Value;

fn gold_mentions(doc: &Value) -> Vec<Mention> {
    let mut out: Vec<Mention> = doc["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let kind = match e["type"].as_str()? {
                "PERSON" => EntityKind::Person,
                "ORG" => EntityKind::Organization,
                "LOC" => EntityKind::Place,
                _ => return None,
            };
            Some(Mention {
                start: e["start"].as_u64()? as usize,
                end: e["end"].as_u64()? as usize,
                kind,
                canonical: e["canonical"].as_str().or(e["text"].as_str())?.to_string(),
            })
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn seed_quotes_and_speakers() {
    let path = shared_data().join("seed/000_38be661aca5eacde.gold.jsonl");
    let data = std::fs::read_to_string(path).unwrap();
    let doc: Value = serde_json::from_str(data.lines().next().unwrap()).unwrap();
    let text = doc["text"].as_str().unwrap();
    let found = find_quotes(text, &gold_mentions(&doc));
    let gold = doc["quotes"].as_array().unwrap();
    assert_eq!(found.len(), gold.len(), "{found:?}");
    for (q, g) in found.iter().zip(gold) {
        assert_eq!(q.start as u64, g["start"].as_u64().unwrap());
        assert_eq!(q.end as u64, g["end"].as_u64().unwrap());
        assert_eq!(
            q.speaker.as_deref(),
            g["speaker"].as_str(),
            "{}",
            &text[q.start..q.end]
        );
    }
    let speakers: Vec<Option<&str>> = found.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("Victor Cha"),
            Some("Victor Cha"),
            None,
            Some("Kim Du-yeon"),
            Some("Sydney Seiler"),
            Some("Victor Cha"),
        ]
    );
}
