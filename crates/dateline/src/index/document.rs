//! Turning an article and what was extracted from it into an index document.

use chrono::NaiveDate;
use tantivy::schema::Field;
use tantivy::{DateTime, TantivyDocument};

use super::keys;
use super::schema::{kinds, Fields};
use crate::extract::{Entity, EntityKind, Extraction};
use crate::ingest::SourceFile;
use crate::Article;

/// The text the extractor reads for an article: headline, then body.
pub fn extraction_text(article: &Article) -> String {
    text_of(&article.title, &article.body)
}

/// The text the extractor reads for an article of this headline and body,
/// which a quotation's span points into: what [`extraction_text`] gives
/// the article, made again from its stored headline and body.
pub fn text_of(title: &str, body: &str) -> String {
    if title.is_empty() {
        body.to_string()
    } else {
        format!("{title}\n\n{body}")
    }
}

/// The [`super::schema::names::BODY_HASH`] of an article's body.
pub fn body_hash(body: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(body.as_bytes())
}

/// Midnight UTC of a calendar date, as tantivy stores dates.
pub fn date_value(date: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
}

/// The [`super::schema::names::FILE_VERSION`] value of the documents that
/// one indexing run (`run`, unique to the run) writes for the file with this
/// key: it tells them apart from every earlier version of the file's
/// documents, so that those can be replaced whole (see `index::update`).
pub fn file_version(file_key: &str, run: &str) -> String {
    let mut bytes = file_key.as_bytes().to_vec();
    bytes.push(0);
    bytes.extend_from_slice(run.as_bytes());
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes))
}

/// An article with what was extracted from it, ready to become documents.
#[derive(Debug, Clone, Copy)]
pub struct Extracted<'a> {
    /// The file it was read from.
    pub file: &'a SourceFile,
    /// The file's key in the index (see [`super::roots`]).
    pub file_key: &'a str,
    /// The [`file_version`] of the file's documents in this run.
    pub version: &'a str,
    /// The article.
    pub article: &'a Article,
    /// What the extractor read ([`extraction_text`]).
    pub text: &'a str,
    /// What it found in `text`.
    pub extraction: &'a Extraction,
    /// The names of `extraction`, with their canonical forms.
    pub entities: &'a [Entity],
    /// The story the article is a copy of (see `index::copies`).
    pub story: u64,
    /// The band keys of its signature; none for an article without words.
    pub copy_bands: &'a [u32],
}

/// The documents of one article: its own, then one per quotation, to be
/// added together (one `IndexWriter::run`), so that they are neighbours
/// in one segment (see `search::join`).
pub fn documents(fields: &Fields, source: &Extracted) -> Vec<TantivyDocument> {
    let keys = Keys::new(fields, source);
    let mut docs = Vec::with_capacity(1 + source.extraction.quotes.len());
    docs.push(build(fields, source, &keys));
    docs.extend(quote_documents(fields, source, &keys));
    docs
}

/// The filter keys of an article and the speaker keys of its quotations,
/// worked out once for the article's document and its quotations' documents.
struct Keys {
    /// The `--person`, `--org`, `--place` and `--source` keys ([`filter_keys`]).
    filters: Vec<(Field, String)>,
    /// The `--speaker` keys of each quotation, in order; none without a speaker.
    speakers: Vec<Vec<String>>,
}

impl Keys {
    fn new(fields: &Fields, source: &Extracted) -> Keys {
        let speakers = source
            .extraction
            .quotes
            .iter()
            .map(|quote| {
                quote
                    .speaker
                    .as_deref()
                    .map_or_else(Vec::new, |s| speaker_keys(s, source.entities))
            })
            .collect();
        Keys {
            filters: filter_keys(fields, source.article, source.entities),
            speakers,
        }
    }
}

/// The document of one article.
fn build(fields: &Fields, source: &Extracted, keys: &Keys) -> TantivyDocument {
    let Extracted {
        file,
        file_key,
        version,
        article,
        text,
        extraction,
        entities,
        story,
        copy_bands,
    } = *source;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.kind, kinds::ARTICLE);
    doc.add_u64(fields.quote_count, extraction.quotes.len() as u64);
    doc.add_u64(fields.story, story);
    for band in copy_bands {
        doc.add_u64(fields.copy_band, u64::from(*band));
    }
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.path, file_key);
    if let Some(line) = article.line {
        doc.add_u64(fields.line, line as u64);
    }
    doc.add_u64(fields.file_size, file.size);
    doc.add_i64(fields.file_modified, file.modified_ns);
    doc.add_text(fields.file_version, version);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    doc.add_u64(fields.body_hash, body_hash(&article.body));
    // A record of a JSON file keeps a copy: its file may be gigabytes to
    // read again for one article.
    if article.record_key.is_some() {
        doc.add_text(fields.body_copy, &article.body);
    }
    for (field, value) in [
        (fields.url, &article.url),
        (fields.source, &article.source),
        (fields.byline, &article.byline),
    ] {
        if let Some(value) = value {
            doc.add_text(field, value);
        }
    }
    if let Some(date) = article.date {
        doc.add_date(fields.date, date_value(date));
    }
    add_names(fields, &mut doc, entities);
    for entity in entities {
        let tokenized = match entity.kind {
            EntityKind::Person => fields.person,
            EntityKind::Organization => fields.org,
            EntityKind::Place => fields.place,
        };
        for alias in &entity.aliases {
            doc.add_text(tokenized, alias);
        }
    }
    for (field, key) in &keys.filters {
        doc.add_text(*field, key);
    }
    let mut speakers: Vec<&str> = extraction
        .quotes
        .iter()
        .filter_map(|quote| quote.speaker.as_deref())
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    for speaker in speakers {
        doc.add_text(fields.speaker, speaker);
    }
    for (quote, speaker_keys) in extraction.quotes.iter().zip(&keys.speakers) {
        doc.add_text(fields.quote, &text[quote.start..quote.end]);
        for key in speaker_keys {
            doc.add_text(fields.speaker_key, key);
        }
    }
    doc
}

/// The canonical names of an article's entities, in the raw name fields:
/// what its document shows and counts, and what a filter on a merged
/// entity's spellings finds on its quotations too.
fn add_names(fields: &Fields, doc: &mut TantivyDocument, entities: &[Entity]) {
    for entity in entities {
        let raw = match entity.kind {
            EntityKind::Person => fields.people,
            EntityKind::Organization => fields.organizations,
            EntityKind::Place => fields.places,
        };
        doc.add_text(raw, &entity.canonical);
    }
}

/// The keys under which the filters (`--person`, `--org`, `--place`,
/// `--source`) find an article and its quotations.
fn filter_keys(fields: &Fields, article: &Article, entities: &[Entity]) -> Vec<(Field, String)> {
    let names = entities.iter().flat_map(|entity| {
        let field = match entity.kind {
            EntityKind::Person => fields.person_key,
            EntityKind::Organization => fields.org_key,
            EntityKind::Place => fields.place_key,
        };
        keys::entity_keys(entity)
            .into_iter()
            .map(move |key| (field, key))
    });
    let source = article
        .source
        .iter()
        .map(|source| (fields.source_key, keys::normalize(source)));
    names.chain(source).collect()
}

/// One document per quotation of the article, so quotes can be searched as
/// hits of their own. Each holds the quotation's words, its place in the
/// article's text and its speaker (for `--speaker`); the article's date,
/// so that quotes sort and are kept to a date range by themselves; its
/// headline, so that `title:` finds quotations and the headline's word
/// statistics, which rank articles, stay what they were; and the article's
/// file and version, so that it goes when the article goes. The rest
/// (text, names, source) is its article's, found next to it.
fn quote_documents(fields: &Fields, source: &Extracted, keys: &Keys) -> Vec<TantivyDocument> {
    let Extracted {
        file_key,
        version,
        article,
        text,
        extraction,
        ..
    } = *source;
    extraction
        .quotes
        .iter()
        .zip(&keys.speakers)
        .map(|(quote, speaker_keys)| {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.kind, kinds::QUOTE);
            doc.add_text(fields.path, file_key);
            doc.add_text(fields.file_version, version);
            doc.add_text(fields.title, &article.title);
            if let Some(date) = article.date {
                doc.add_date(fields.date, date_value(date));
            }
            doc.add_text(fields.quote, &text[quote.start..quote.end]);
            doc.add_u64(fields.quote_span, quote.start as u64);
            doc.add_u64(fields.quote_span, quote.end as u64);
            if let Some(speaker) = &quote.speaker {
                doc.add_text(fields.speaker, speaker);
                for key in speaker_keys {
                    doc.add_text(fields.speaker_key, key);
                }
            }
            doc
        })
        .collect()
}

/// Id of the `number`th (1-based) quotation of an article.
pub fn quote_id(article_id: &str, number: usize) -> String {
    format!("{article_id}-q{number}")
}

/// Keys of a speaker: those of the article's entity of that name, or, for a
/// speaker the recognizer did not list, the name and its surname.
fn speaker_keys(speaker: &str, entities: &[Entity]) -> Vec<String> {
    match entities.iter().find(|entity| entity.canonical == speaker) {
        Some(entity) => keys::entity_keys(entity),
        None => keys::person_name_keys(speaker),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_ids_carry_their_position() {
        assert_eq!(quote_id("c61d4335b68e9050", 12), "c61d4335b68e9050-q12");
    }

    #[test]
    fn a_quotation_span_points_into_the_text_made_again() {
        let article = Article {
            title: "Ferry back".into(),
            body: "\"We sail at dawn,\" she said.".into(),
            ..Article::default()
        };
        let text = extraction_text(&article);
        assert_eq!(text, text_of(&article.title, &article.body));
        assert_eq!(&text[12..30], "\"We sail at dawn,\"");
        let untitled = Article {
            title: String::new(),
            ..article.clone()
        };
        assert_eq!(text_of("", &untitled.body), untitled.body);
    }
}
