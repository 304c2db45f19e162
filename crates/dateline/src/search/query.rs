//! Turning a request into a tantivy query: the user's text query (see
//! [`super::syntax`]) combined with person, organization and date filters.

use std::ops::Bound;

use chrono::{NaiveDate, NaiveTime};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Term};

use super::{syntax, Filters, SearchError};
use crate::index::keys::normalize;
use crate::index::schema::{kinds, Fields};
use crate::index::ArchiveIndex;
use tantivy::schema::Field;

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
    build_for(archive, filters, kinds::ARTICLE, text_fields)
}

/// Builds the query for quotations matching a set of filters: their
/// articles' names, source and dates, and the quotation's own speaker.
pub fn build_quotes(archive: &ArchiveIndex, filters: &Filters) -> Result<BuiltQuery, SearchError> {
    let fields = &archive.fields;
    build_for(archive, filters, kinds::QUOTE, vec![fields.quote])
}

/// Documents of `kind` matching the text query (over `text_fields`) and the filters.
fn build_for(
    archive: &ArchiveIndex,
    filters: &Filters,
    kind: &str,
    text_fields: Vec<Field>,
) -> Result<BuiltQuery, SearchError> {
    let fields = &archive.fields;
    if let (Some(from), Some(to)) = (filters.from, filters.to) {
        if from > to {
            return Err(SearchError::ReversedDates { from, to });
        }
    }
    let text = match filters.query.as_deref().map(str::trim) {
        Some(query) if !query.is_empty() => Some(syntax::parse(archive, query, text_fields)?),
        _ => None,
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, of_kind(fields, kind))];
    if let Some(text) = &text {
        clauses.push((Occur::Must, text.box_clone()));
    }
    for (names, field) in [
        (&filters.people, fields.person_key),
        (&filters.organizations, fields.org_key),
        (&filters.places, fields.place_key),
        (&filters.speakers, fields.speaker_key),
    ] {
        clauses.extend(
            names
                .iter()
                .map(|name| (Occur::Must, key_query(field, name))),
        );
    }
    if !filters.sources.is_empty() {
        // An article has one source: any of those named will do.
        let any_source = filters
            .sources
            .iter()
            .map(|source| (Occur::Should, key_query(fields.source_key, source)))
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_source))));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let bound = |date: Option<NaiveDate>| match date {
            Some(date) => Bound::Included(Term::from_field_date_for_search(
                fields.date,
                date_bound(date),
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

/// A day as a range bound. tantivy counts time in nanoseconds since 1970 in
/// an `i64`, from 1677-09-21 to 2262-04-11; a day beyond is clamped to that
/// span's end (the multiplication would overflow), where it bounds the same
/// articles, since no stored date lies outside it.
fn date_bound(date: NaiveDate) -> DateTime {
    const NANOS_PER_SECOND: i64 = 1_000_000_000;
    let seconds = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    DateTime::from_timestamp_secs(
        seconds.clamp(i64::MIN / NANOS_PER_SECOND, i64::MAX / NANOS_PER_SECOND),
    )
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
