//! Turning a request into a tantivy query: the user's text query, parsed by
//! tantivy's query parser, combined with person, organization and date filters.

use std::ops::Bound;

use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::{Filters, SearchError};
use crate::index::document::date_value;
use crate::index::keys::normalize;
use crate::index::schema::{kinds, Fields};
use crate::index::ArchiveIndex;
use tantivy::schema::Field;

/// How much more a match in the headline weighs than one in the body.
const TITLE_BOOST: f32 = 2.0;

/// Fields the query language knows, for error messages.
pub const QUERY_FIELDS: &str = "title, body, quote, person, org, place, source";

/// The parsed text query alone (used for snippets), and the whole query with filters.
pub struct BuiltQuery {
    /// The user's text query, if any.
    pub text: Option<Box<dyn Query>>,
    /// Text query and filters together.
    pub full: Box<dyn Query>,
}

/// Builds the query for articles matching a set of filters.
pub fn build(archive: &ArchiveIndex, filters: &Filters) -> Result<BuiltQuery, SearchError> {
    let fields = &archive.fields;
    let text_fields = vec![fields.title, fields.body, fields.quote];
    build_for(archive, filters, kinds::ARTICLE, text_fields, Vec::new())
}

/// Builds the query for quotations matching a set of filters, said by all
/// of `speakers` (canonical name, alias or surname; any case).
pub fn build_quotes(
    archive: &ArchiveIndex,
    filters: &Filters,
    speakers: &[String],
) -> Result<BuiltQuery, SearchError> {
    let fields = &archive.fields;
    let speaker_clauses = speakers
        .iter()
        .map(|speaker| (Occur::Must, key_query(fields.speaker_key, speaker)))
        .collect();
    build_for(
        archive,
        filters,
        kinds::QUOTE,
        vec![fields.quote],
        speaker_clauses,
    )
}

/// Documents of `kind` matching the text query (over `text_fields`), the
/// filters and the `extra` clauses.
fn build_for(
    archive: &ArchiveIndex,
    filters: &Filters,
    kind: &str,
    text_fields: Vec<Field>,
    extra: Vec<(Occur, Box<dyn Query>)>,
) -> Result<BuiltQuery, SearchError> {
    let fields = &archive.fields;
    if let (Some(from), Some(to)) = (filters.from, filters.to) {
        if from > to {
            return Err(SearchError::ReversedDates { from, to });
        }
    }
    let text = match filters.query.as_deref().map(str::trim) {
        Some(query) if !query.is_empty() => Some(parse_text(archive, query, text_fields)?),
        _ => None,
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, of_kind(fields, kind))];
    if let Some(text) = &text {
        clauses.push((Occur::Must, text.box_clone()));
    }
    clauses.extend(extra);
    for (names, field) in [
        (&filters.people, fields.person_key),
        (&filters.organizations, fields.org_key),
    ] {
        clauses.extend(
            names
                .iter()
                .map(|name| (Occur::Must, key_query(field, name))),
        );
    }
    if filters.from.is_some() || filters.to.is_some() {
        let bound = |date: Option<chrono::NaiveDate>| match date {
            Some(date) => Bound::Included(Term::from_field_date_for_search(
                fields.date,
                date_value(date),
            )),
            None => Bound::Unbounded,
        };
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(bound(filters.from), bound(filters.to))),
        ));
    }
    let full: Box<dyn Query> = match clauses.len() {
        1 => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    };
    Ok(BuiltQuery { text, full })
}

/// Exact match of a normalised name in one of the `*_key` fields.
fn key_query(field: Field, name: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, &normalize(name)),
        IndexRecordOption::Basic,
    ))
}

/// Every document of one kind (articles, or quotes).
pub fn of_kind(fields: &Fields, kind: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(fields.kind, kind),
        IndexRecordOption::Basic,
    ))
}

/// Parses the user's query, reporting where a syntax error is.
fn parse_text(
    archive: &ArchiveIndex,
    query: &str,
    default_fields: Vec<Field>,
) -> Result<Box<dyn Query>, SearchError> {
    let (_, errors) = tantivy::query_grammar::parse_query_lenient(query);
    if let Some(error) = errors.first() {
        return Err(SearchError::InvalidQuery {
            query: query.to_string(),
            position: Some(error.pos),
            reason: error.message.clone(),
        });
    }
    let fields = &archive.fields;
    let mut parser = QueryParser::for_index(&archive.index, default_fields);
    parser.set_field_boost(fields.title, TITLE_BOOST);
    parser.set_conjunction_by_default();
    parser
        .parse_query(query)
        .map_err(|error| SearchError::InvalidQuery {
            query: query.to_string(),
            position: None,
            reason: explain(error),
        })
}

/// Rephrases tantivy's parser errors in the terms of our query language.
fn explain(error: tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError::*;
    match error {
        FieldDoesNotExist(field) => format!("there is no field '{field}'"),
        AllButQueryForbidden => {
            "a query cannot only exclude terms; add a term to look for".to_string()
        }
        FieldNotIndexed(field) => format!("the field '{field}' cannot be searched"),
        other => other.to_string(),
    }
}
