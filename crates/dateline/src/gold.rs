//! The annotated JSONL format, defined once: one document a line,
//! `{"id","text","entities":[{"start","end","type","text","canonical"}],"quotes":[{"start","end","speaker"}],"annotated_types":[...]}`
//! (the reference scorer's format, `../shared/tools/score.py`). Evaluation,
//! training, tests and examples read it through [`read`]; each decides what
//! it needs of a record (evaluation an id, training a type on every name).
//! Offsets are UTF-8 byte offsets into `text`.

use std::path::Path;

use serde::Deserialize;

use crate::extract::{EntityKind, Mention};
use crate::jsonl;

/// Errors reading an annotated file: the shared JSONL reading error.
pub use crate::jsonl::JsonlError as GoldError;

/// One annotated document.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldRecord {
    /// Document id, numbers read as text; training files may leave it out.
    #[serde(default, deserialize_with = "id_as_text")]
    pub id: Option<String>,
    /// The text all offsets point into.
    pub text: String,
    /// Annotated names.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Annotated quotations; `None` when the line has no `quotes` field,
    /// which is not the same as a document without quotations.
    #[serde(default)]
    pub quotes: Option<Vec<GoldQuote>>,
    /// Types the source annotates; empty: all of them.
    #[serde(default)]
    pub annotated_types: Vec<String>,
}

/// One annotated (or predicted) name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldEntity {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Type label (`PERSON`, `ORG`, `LOC`, `MISC`, or a synonym such as `GPE`).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// The name as written, when the line gives it.
    #[serde(default)]
    pub text: Option<String>,
    /// The entity's canonical name, when the line gives it.
    #[serde(default)]
    pub canonical: Option<String>,
}

/// One annotated (or predicted) quotation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldQuote {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The speaker as named in the article, if any.
    #[serde(default)]
    pub speaker: Option<String>,
}

/// The format's type label of an entity kind.
pub fn type_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PERSON",
        EntityKind::Organization => "ORG",
        EntityKind::Place => "LOC",
    }
}

impl GoldEntity {
    /// A name with a type label and nothing else.
    pub fn typed(start: usize, end: usize, label: &str) -> GoldEntity {
        GoldEntity {
            start,
            end,
            kind: Some(label.to_string()),
            text: None,
            canonical: None,
        }
    }

    /// The entity kind its type label names exactly (`PERSON`, `ORG`,
    /// `LOC`); `None` for other labels and for synonyms, which only the
    /// scorer accepts.
    pub fn entity_kind(&self) -> Option<EntityKind> {
        [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ]
        .into_iter()
        .find(|&kind| self.kind.as_deref() == Some(type_label(kind)))
    }

    /// The name as a mention, named by its canonical form or else its text;
    /// `None` when it has neither or is not a person, organization or place.
    pub fn mention(&self) -> Option<Mention> {
        Some(Mention {
            start: self.start,
            end: self.end,
            kind: self.entity_kind()?,
            canonical: self.canonical.as_ref().or(self.text.as_ref())?.clone(),
        })
    }
}

impl GoldRecord {
    /// The annotated names as mentions in text order (see [`GoldEntity::mention`]),
    /// the input a quotation finder takes from a recognizer.
    pub fn mentions(&self) -> Vec<Mention> {
        let mut mentions: Vec<Mention> = self
            .entities
            .iter()
            .filter_map(GoldEntity::mention)
            .collect();
        mentions.sort_by_key(|m| m.start);
        mentions
    }
}

/// Every record of an annotated file (gunzipped when its name ends in
/// `.gz`), with its 1-based line number for messages; blank lines are skipped.
pub fn read(path: &Path) -> Result<Vec<(usize, GoldRecord)>, GoldError> {
    jsonl::read_text(path)?
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| Ok((n + 1, jsonl::parse_line(path, n + 1, line)?)))
        .collect()
}

fn id_as_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_as_text_and_keeps_absent_quotes_apart() {
        let record: GoldRecord = serde_json::from_str(
            r#"{"id":7,"text":"Ann Lee spoke.","entities":[{"start":0,"end":7,"type":"PERSON"}]}"#,
        )
        .unwrap();
        assert_eq!(record.id.as_deref(), Some("7"));
        assert_eq!(record.entities, [GoldEntity::typed(0, 7, "PERSON")]);
        assert!(record.quotes.is_none());
        let record: GoldRecord = serde_json::from_str(r#"{"text":"","quotes":[]}"#).unwrap();
        assert_eq!((record.id, record.quotes), (None, Some(Vec::new())));
    }

    #[test]
    fn labels_agree_with_the_extractor_output() {
        for kind in [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ] {
            let serialized = serde_json::to_value(kind).unwrap();
            assert_eq!(serialized, type_label(kind));
            let entity = GoldEntity::typed(0, 1, type_label(kind));
            assert_eq!(entity.entity_kind(), Some(kind));
        }
        assert_eq!(GoldEntity::typed(0, 1, "GPE").entity_kind(), None);
    }

    #[test]
    fn mentions_take_the_canonical_name_else_the_text_in_order() {
        let record: GoldRecord = serde_json::from_str(
            r#"{"text":"Cha and Victor Cha","entities":[
                {"start":8,"end":18,"type":"PERSON","text":"Victor Cha"},
                {"start":0,"end":3,"type":"PERSON","text":"Cha","canonical":"Victor Cha"},
                {"start":0,"end":3,"type":"MISC","text":"Cha"},
                {"start":0,"end":3,"type":"PERSON"}]}"#,
        )
        .unwrap();
        let mentions = record.mentions();
        assert_eq!(mentions.len(), 2);
        assert_eq!((mentions[0].start, mentions[1].start), (0, 8));
        assert!(mentions.iter().all(|m| m.canonical == "Victor Cha"));
    }
}
