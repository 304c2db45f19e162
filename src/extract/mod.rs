//! Extraction: the people, organizations, places and quotes in an article.
//!
//! [`Extractor::extract`] maps article text to an [`Extraction`]: entity
//! mentions with byte spans and canonical names, and direct quotations with
//! their speaker. Everything downstream (index fields, filters, facets, quote
//! search) reads only this interface.

use serde::{Deserialize, Serialize};

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// An organization: company, agency, party, institution.
    #[serde(rename = "ORG")]
    Organization,
    /// A place: country, city, region, geographic feature.
    #[serde(rename = "LOC")]
    Place,
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// UTF-8 byte offset where the mention starts.
    pub start: usize,
    /// UTF-8 byte offset where the mention ends (exclusive).
    pub end: usize,
    /// What kind of entity is mentioned.
    pub kind: EntityKind,
    /// The entity's canonical name within the article (`Vladimir Putin` for a
    /// later `Putin`).
    pub canonical: String,
}

/// One direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// UTF-8 byte offset where the quotation starts.
    pub start: usize,
    /// UTF-8 byte offset where the quotation ends (exclusive).
    pub end: usize,
    /// Canonical name of the person or organization who said it, if known.
    pub speaker: Option<String>,
}

/// One distinct entity of an article, with every form the article names it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Its canonical name.
    pub canonical: String,
    /// Distinct surface forms used in the article (the canonical name included).
    pub aliases: Vec<String>,
    /// How many times it is mentioned.
    pub mentions: usize,
}

/// Everything extracted from one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Entity mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Direct quotations, in text order.
    pub quotes: Vec<Quote>,
}

mod canonical;
mod features;
mod gazetteer;
mod hash;
mod model;
mod postprocess;
mod tokenize;
pub mod train;

use features::Features;
use model::Model;
use std::collections::BTreeMap;

pub use gazetteer::{Category, Gazetteer};
pub use model::ModelError;

/// The shipped model: tagger weights and gazetteer, rebuilt by `dateline-train`.
static SHIPPED_MODEL: &[u8] = include_bytes!("../../models/ner.bin");

/// Finds people, organizations and places in English news text.
///
/// Immutable after construction, so one instance can be shared by reference
/// across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    model: Model,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// Loads the model embedded in the binary.
    ///
    /// # Panics
    /// Only if the embedded model file is corrupt, which the test suite rules out.
    pub fn new() -> Extractor {
        Self::from_model_bytes(SHIPPED_MODEL).expect("the embedded NER model is valid")
    }

    /// Loads a model from bytes written by the training command.
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Extractor, ModelError> {
        Ok(Extractor {
            model: Model::from_bytes(bytes)?,
        })
    }

    /// Entity mentions of `text` with canonical names; `quotes` is left empty.
    pub fn extract(&self, text: &str) -> Extraction {
        let tokens = tokenize::tokenize(text);
        let mut features = Features::default();
        features.compute(text, &tokens, &self.model.gazetteer, self.model.buckets);
        let (mut emissions, mut part, mut back) = (Vec::new(), Vec::new(), Vec::new());
        let mut tags = Vec::with_capacity(tokens.len());
        // Sentences are decoded separately, as in training, so no name spans a sentence break.
        for range in tokenize::sentences(&tokens) {
            self.model.emissions(&features, range, &mut emissions);
            self.model.viterbi(&emissions, &mut part, &mut back);
            tags.extend_from_slice(&part);
        }
        let mut spans = postprocess::decode(&tags);
        postprocess::join_hyphenated(text, &tokens, &mut spans);
        postprocess::trim(text, &tokens, &self.model.gazetteer, &mut spans);
        postprocess::harmonise(text, &tokens, features.lower(), &mut spans);
        Extraction {
            mentions: canonical::mentions(text, &tokens, &spans),
            quotes: Vec::new(),
        }
    }
}

impl Extraction {
    /// One entry per distinct `(kind, canonical)`, sorted by kind then
    /// canonical name, with every surface form used in `text` (the text the
    /// extraction was made from).
    pub fn entities(&self, text: &str) -> Vec<Entity> {
        let mut groups: BTreeMap<(EntityKind, &str), Entity> = BTreeMap::new();
        for m in &self.mentions {
            let e = groups
                .entry((m.kind, m.canonical.as_str()))
                .or_insert_with(|| Entity {
                    kind: m.kind,
                    canonical: m.canonical.clone(),
                    aliases: vec![m.canonical.clone()],
                    mentions: 0,
                });
            e.mentions += 1;
            let surface = text.get(m.start..m.end).unwrap_or_default();
            if !surface.is_empty() && !e.aliases.iter().any(|a| a == surface) {
                e.aliases.push(surface.to_string());
            }
        }
        groups.into_values().collect()
    }
}

/// One line of the reference scorer's prediction format:
/// `{"id","entities":[{"start","end","type","text","canonical"}],"quotes":[{"start","end","text","speaker"}]}`.
pub fn to_jsonl_record(id: &str, text: &str, extraction: &Extraction) -> serde_json::Value {
    let slice = |s: usize, e: usize| text.get(s..e).unwrap_or_default();
    let entities: Vec<serde_json::Value> = extraction
        .mentions
        .iter()
        .map(|m| {
            serde_json::json!({
                "start": m.start, "end": m.end, "type": m.kind,
                "text": slice(m.start, m.end), "canonical": m.canonical,
            })
        })
        .collect();
    let quotes: Vec<serde_json::Value> = extraction
        .quotes
        .iter()
        .map(|q| serde_json::json!({"start": q.start, "end": q.end, "text": slice(q.start, q.end), "speaker": q.speaker}))
        .collect();
    serde_json::json!({"id": id, "entities": entities, "quotes": quotes})
}
