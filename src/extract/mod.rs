//! Extraction: the people, organizations, places and quotes in an article.
//!
//! [`Extractor::extract`] maps article text to an [`Extraction`]: entity
//! mentions with byte spans and canonical names, and direct quotations with
//! their speaker. Everything downstream (index fields, filters, facets, quote
//! search) reads only this interface.

pub mod quotes;

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
