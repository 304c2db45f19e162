//! Turning a request into a tantivy query: the user's text query (see
//! [`super::syntax`]) combined with person, organization and date filters.
//! A name filter finds its entity's every spelling (see [`crate::names`]).

use std::ops::Bound;

use chrono::{NaiveDate, NaiveTime};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, Term};

use super::join::ArticleQuotes;
use super::{syntax, Filters, SearchError};
use crate::extract::EntityKind;
use crate::index::keys::normalize;
use crate::index::schema::{kinds, Fields};
use crate::index::ArchiveIndex;
use crate::names::NameTable;
use tantivy::schema::Field;

/// The parsed text query alone (used for snippets), and the whole query with filters.
pub struct BuiltQuery {
    /// The user's text query, if any.
    pub text: Option<Box<dyn Query>>,
    /// Text query and filters together.
    pub full: Box<dyn Query>,
    /// `full` without the clause that asks for articles, when a collector
    /// that skips documents without a story (quotations) can do without it:
    /// with words to match, quotations match only by their article's
    /// headline, and skipping those costs less than an intersection with
    /// every article.
    without_kind: Option<Box<dyn Query>>,
}

impl BuiltQuery {
    /// The query for a collector that skips documents without a story.
    pub fn for_stories(&self) -> &dyn Query {
        self.without_kind.as_deref().unwrap_or(&*self.full)
    }
}

/// Builds the query for articles matching a set of filters, names merged as `names` says.
pub fn build(
    archive: &ArchiveIndex,
    names: &NameTable,
    filters: &Filters,
) -> Result<BuiltQuery, SearchError> {
    let fields = &archive.fields;
    let text = text_query(archive, filters, vec![fields.title, fields.body])?;
    let on_articles_alone: Vec<Box<dyn Query>> = mentioned(fields, names, filters)
        .chain(source(fields, filters))
        .map(unscored)
        .collect();
    // Names and sources are on articles alone, so with one of them and no
    // words (which would be scored by every clause) the kind is not asked:
    // every article would be one more step of the intersection.
    let ask_kind = text.is_some() || on_articles_alone.is_empty();
    let mut clauses: Vec<Box<dyn Query>> = text.iter().map(|text| text.box_clone()).collect();
    clauses.extend(on_articles_alone);
    clauses.extend(speakers(fields, names, filters).map(unscored));
    clauses.extend(dates(fields, filters).map(unscored));
    let without_kind = text
        .is_some()
        .then(|| all_of(clauses.iter().map(|clause| clause.box_clone()).collect()));
    if ask_kind {
        clauses.insert(0, of_kind(fields, kinds::ARTICLE));
    }
    Ok(BuiltQuery {
        text,
        full: all_of(clauses),
        without_kind,
    })
}

/// Builds the query for quotations matching a set of filters: the
/// quotation's words, speaker and date, and its article's names and source
/// (through the article: see [`super::join`]).
pub fn build_quotes(
    archive: &ArchiveIndex,
    names: &NameTable,
    filters: &Filters,
) -> Result<BuiltQuery, SearchError> {
    let fields = &archive.fields;
    let text = text_query(archive, filters, vec![fields.quote])?;
    let mut clauses = vec![of_kind(fields, kinds::QUOTE)];
    clauses.extend(text.as_ref().map(|text| text.box_clone()));
    clauses.extend(speakers(fields, names, filters).map(unscored));
    clauses.extend(dates(fields, filters).map(unscored));
    let articles: Vec<Box<dyn Query>> = mentioned(fields, names, filters)
        .chain(source(fields, filters))
        .collect();
    if !articles.is_empty() {
        clauses.push(unscored(Box::new(ArticleQuotes::new(all_of(articles)))));
    }
    Ok(BuiltQuery {
        text,
        full: all_of(clauses),
        without_kind: None,
    })
}

/// The user's text query over `text_fields`, if there is one; a reversed
/// date range is refused here too, before anything is searched.
fn text_query(
    archive: &ArchiveIndex,
    filters: &Filters,
    text_fields: Vec<Field>,
) -> Result<Option<Box<dyn Query>>, SearchError> {
    if let (Some(from), Some(to)) = (filters.from, filters.to) {
        if from > to {
            return Err(SearchError::ReversedDates { from, to });
        }
    }
    match filters.query.as_deref().map(str::trim) {
        Some(query) if !query.is_empty() => Ok(Some(syntax::parse(archive, query, text_fields)?)),
        _ => Ok(None),
    }
}

/// A filter: it keeps documents and adds nothing to their score, so that
/// hits rank by the words asked for alone, not by how many names an article
/// holds beside the one filtered on.
fn unscored(filter: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(filter, 0.0))
}

/// Documents that every one of `clauses` matches.
fn all_of(mut clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match clauses.len() {
        1 => clauses.remove(0),
        _ => Box::new(BooleanQuery::new(
            clauses
                .into_iter()
                .map(|clause| (Occur::Must, clause))
                .collect(),
        )),
    }
}

/// The `--person`, `--org` and `--place` filters, one query per name (on articles).
fn mentioned<'a>(
    fields: &'a Fields,
    names: &'a NameTable,
    filters: &'a Filters,
) -> impl Iterator<Item = Box<dyn Query>> + 'a {
    [
        (&filters.people, EntityKind::Person),
        (&filters.organizations, EntityKind::Organization),
        (&filters.places, EntityKind::Place),
    ]
    .into_iter()
    .flat_map(move |(wanted, kind)| {
        wanted
            .iter()
            .map(move |name| name_query(fields, names, NameFilter::Mentioned(kind), name))
    })
}

/// The `--speaker` filters, one query per name (on articles and quotations).
fn speakers<'a>(
    fields: &'a Fields,
    names: &'a NameTable,
    filters: &'a Filters,
) -> impl Iterator<Item = Box<dyn Query>> + 'a {
    filters
        .speakers
        .iter()
        .map(move |name| name_query(fields, names, NameFilter::Speaker, name))
}

/// The `--source` filter (on articles): an article has one source, so any
/// of those named will do.
fn source(fields: &Fields, filters: &Filters) -> Option<Box<dyn Query>> {
    if filters.sources.is_empty() {
        return None;
    }
    let any_source = filters
        .sources
        .iter()
        .map(|source| (Occur::Should, key_query(fields.source_key, source)))
        .collect();
    Some(Box::new(BooleanQuery::new(any_source)))
}

/// The `--from` and `--to` filter, if either is given.
fn dates(fields: &Fields, filters: &Filters) -> Option<Box<dyn Query>> {
    if filters.from.is_none() && filters.to.is_none() {
        return None;
    }
    let bound = |date: Option<NaiveDate>| match date {
        Some(date) => Bound::Included(Term::from_field_date_for_search(
            fields.date,
            date_bound(date),
        )),
        None => Bound::Unbounded,
    };
    Some(Box::new(RangeQuery::new(
        bound(filters.from),
        bound(filters.to),
    )))
}

/// A day as a range bound. tantivy counts time in nanoseconds since 1970 in
/// an `i64`, from 1677-09-21 to 2262-04-11; a day beyond is clamped to that
/// span's end (the multiplication would overflow), where it bounds the same
/// articles, since no stored date lies outside it.
pub(super) fn date_bound(date: NaiveDate) -> DateTime {
    const NANOS_PER_SECOND: i64 = 1_000_000_000;
    let seconds = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    DateTime::from_timestamp_secs(
        seconds.clamp(i64::MIN / NANOS_PER_SECOND, i64::MAX / NANOS_PER_SECOND),
    )
}

/// What a name filter asks of a document.
#[derive(Debug, Clone, Copy)]
enum NameFilter {
    /// That it mentions an entity of this kind.
    Mentioned(EntityKind),
    /// That it quotes a person.
    Speaker,
}

/// The raw name field of names the extractor gave `kind`.
pub(super) fn raw_field(fields: &Fields, kind: EntityKind) -> Field {
    match kind {
        EntityKind::Person => fields.people,
        EntityKind::Organization => fields.organizations,
        EntityKind::Place => fields.places,
    }
}

/// Documents that `filter` finds by `name`: by its key (a name, alias or
/// surname the article used), or by any spelling of the entities of the
/// archive that `name` names (`--place "United States"` finds `U.S.`).
fn name_query(
    fields: &Fields,
    names: &NameTable,
    filter: NameFilter,
    name: &str,
) -> Box<dyn Query> {
    let (kind, key_field) = match filter {
        NameFilter::Mentioned(EntityKind::Person) => (EntityKind::Person, fields.person_key),
        NameFilter::Mentioned(EntityKind::Organization) => {
            (EntityKind::Organization, fields.org_key)
        }
        NameFilter::Mentioned(EntityKind::Place) => (EntityKind::Place, fields.place_key),
        NameFilter::Speaker => (EntityKind::Person, fields.speaker_key),
    };
    let spellings = names
        .matching(kind, name)
        .into_iter()
        .flat_map(|entity| &entity.spellings)
        .filter_map(|spelling| {
            match filter {
                NameFilter::Mentioned(_) => Some(raw_field(fields, spelling.kind)),
                NameFilter::Speaker => {
                    (spelling.kind == EntityKind::Person).then_some(fields.speaker)
                }
            }
            .map(|field| (field, spelling.name.as_str()))
        });
    let mut any: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, key_query(key_field, name))];
    any.extend(spellings.map(|(field, spelling)| (Occur::Should, raw_query(field, spelling))));
    match any.len() {
        1 => any.remove(0).1,
        _ => Box::new(BooleanQuery::new(any)),
    }
}

/// Exact match of a name as written in a raw name field.
pub(super) fn raw_query(field: Field, name: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, name),
        IndexRecordOption::Basic,
    ))
}

/// Exact match of a normalised name in one of the `*_key` fields.
fn key_query(field: Field, name: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, &normalize(name)),
        IndexRecordOption::Basic,
    ))
}

/// Every document of one kind (articles, or quotes). It adds nothing to a
/// score, so that a search scores the same with the kind asked or left to
/// its collector (see [`BuiltQuery::for_stories`]).
pub fn of_kind(fields: &Fields, kind: &str) -> Box<dyn Query> {
    let term = TermQuery::new(
        Term::from_field_text(fields.kind, kind),
        IndexRecordOption::Basic,
    );
    Box::new(ConstScoreQuery::new(Box::new(term), 0.0))
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;

    use super::*;
    use crate::extract::stand_in::FixedNames;
    use crate::extract::EntityKind;
    use crate::index::{update, UpdateOptions};
    use crate::search::{ArchiveSearcher, SearchRequest, Sort};

    /// An index of three dated stories naming two people and an organization.
    fn archive() -> (tempfile::TempDir, ArchiveIndex) {
        let work = tempfile::tempdir().unwrap();
        let folder = work.path().join("archive");
        std::fs::create_dir(&folder).unwrap();
        for (file, date, body) in [
            ("a.txt", "2024-01-05", "Ada Byron spoke at the harbor."),
            (
                "b.txt",
                "2024-03-01",
                "Ada Byron and Mary Somerville met the Tide Board.",
            ),
            ("c.txt", "2024-06-01", "Mary Somerville measured the tide."),
        ] {
            let text = format!("date {date} Story {file}\n\n{body}");
            std::fs::write(folder.join(file), text).unwrap();
        }
        let extractor = FixedNames {
            names: vec![
                ("Ada Byron", EntityKind::Person),
                ("Mary Somerville", EntityKind::Person),
                ("Tide Board", EntityKind::Organization),
            ],
            fingerprint: "fixed",
        };
        let dir = work.path().join("index");
        update(&dir, &[folder], &extractor, UpdateOptions::default(), &()).unwrap();
        let archive = ArchiveIndex::open(&dir).unwrap();
        (work, archive)
    }

    /// How many articles the built query matches.
    fn matches(archive: &ArchiveIndex, filters: Filters) -> usize {
        let built = build(archive, &NameTable::default(), &filters).unwrap();
        let searcher = archive.reader().unwrap().searcher();
        searcher.search(&built.full, &Count).unwrap()
    }

    fn day(month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, month, day)
    }

    #[test]
    fn every_filter_must_hold() {
        let (_work, archive) = archive();
        let people = |names: &[&str]| Filters {
            people: names.iter().map(|name| name.to_string()).collect(),
            ..Filters::default()
        };
        assert_eq!(matches(&archive, Filters::default()), 3);
        assert_eq!(matches(&archive, people(&["Ada Byron"])), 2);
        assert_eq!(
            matches(&archive, people(&["ada byron", "Mary Somerville"])),
            1
        );
        let board_and_mary = Filters {
            organizations: vec!["Tide Board".into()],
            ..people(&["Mary Somerville"])
        };
        assert_eq!(matches(&archive, board_and_mary), 1);
        let tide_with_mary = Filters {
            query: Some("tide".into()),
            ..people(&["Mary Somerville"])
        };
        assert_eq!(matches(&archive, tide_with_mary), 2);
        let tide_with_ada = Filters {
            query: Some("tide".into()),
            ..people(&["Ada Byron"])
        };
        assert_eq!(matches(&archive, tide_with_ada), 1);
    }

    /// Scores of the documents `filters` finds, in document order.
    fn scores(archive: &ArchiveIndex, filters: Filters) -> Vec<(u32, f32)> {
        let built = build(archive, &NameTable::default(), &filters).unwrap();
        let searcher = archive.reader().unwrap().searcher();
        let top = tantivy::collector::TopDocs::with_limit(10).order_by_score();
        let mut found: Vec<(u32, f32)> = searcher
            .search(&built.full, &top)
            .unwrap()
            .into_iter()
            .map(|(score, address)| (address.doc_id, score))
            .collect();
        found.sort_by_key(|(doc, _)| *doc);
        found
    }

    #[test]
    fn filters_keep_documents_without_changing_their_scores() {
        let (_work, archive) = archive();
        let tide = Filters {
            query: Some("tide".into()),
            ..Filters::default()
        };
        let unfiltered = scores(&archive, tide.clone());
        assert_eq!(unfiltered.len(), 2);
        let filtered = [
            Filters {
                people: vec!["Mary Somerville".into()],
                ..tide.clone()
            },
            Filters {
                people: vec!["Ada Byron".into()],
                organizations: vec!["Tide Board".into()],
                from: day(1, 1),
                ..tide
            },
        ];
        for filters in filtered {
            let found = scores(&archive, filters.clone());
            assert!(!found.is_empty(), "{filters:?}");
            for hit in &found {
                assert!(unfiltered.contains(hit), "{hit:?} of {filters:?}");
            }
        }
    }

    /// An index of one article with two quotations, in a folder of its own.
    fn quoted_article() -> (tempfile::TempDir, std::path::PathBuf) {
        let work = tempfile::tempdir().unwrap();
        let folder = work.path().join("archive");
        std::fs::create_dir(&folder).unwrap();
        let text = "date 2024-01-05 Harbor plan\n\n\"We will rebuild the harbor,\" said Ada \
                    Byron, the mayor of Dover. \"It will take years,\" Byron added.";
        std::fs::write(folder.join("a.txt"), text).unwrap();
        let dir = work.path().join("index");
        let extractor = crate::extract::Extractor::new();
        update(&dir, &[folder], &extractor, UpdateOptions::default(), &()).unwrap();
        let documents = ArchiveIndex::open(&dir)
            .unwrap()
            .reader()
            .unwrap()
            .searcher()
            .num_docs();
        assert!(documents >= 3, "an article and its quotations: {documents}");
        (work, dir)
    }

    #[test]
    fn name_filters_match_articles_alone_though_quotations_are_documents_too() {
        let (_work, dir) = quoted_article();
        let archive = ArchiveIndex::open(&dir).unwrap();
        let ada = Filters {
            people: vec!["Ada Byron".into()],
            ..Filters::default()
        };
        assert_eq!(matches(&archive, ada.clone()), 1);
        let dover = Filters {
            places: vec!["Dover".into()],
            ..Filters::default()
        };
        assert_eq!(matches(&archive, dover), 1);
        let spoken = Filters {
            speakers: vec!["Ada Byron".into()],
            ..ada
        };
        assert_eq!(matches(&archive, spoken), 1);
    }

    #[test]
    fn a_headline_s_words_find_its_article_once_though_its_quotations_carry_the_headline() {
        let (_work, dir) = quoted_article();
        for searcher in [
            ArchiveSearcher::open(&dir).unwrap(),
            ArchiveSearcher::open(&dir).unwrap().for_many_searches(),
        ] {
            for (query, all_copies) in [("plan", false), ("plan", true), ("title:plan", false)] {
                let request = SearchRequest {
                    filters: Filters {
                        query: Some(query.into()),
                        ..Filters::default()
                    },
                    sort: Sort::Relevance,
                    limit: 10,
                    offset: 0,
                    all_copies,
                };
                let results = searcher.search(&request).unwrap();
                let titles: Vec<&str> = results.hits.iter().map(|hit| hit.title.as_str()).collect();
                assert_eq!(titles, ["Harbor plan"], "{query}, all copies {all_copies}");
                assert_eq!((results.total, results.stories), (1, 1), "{query}");
            }
        }
    }

    #[test]
    fn date_bounds_include_both_ends() {
        let (_work, archive) = archive();
        let range = |from, to| Filters {
            from,
            to,
            ..Filters::default()
        };
        assert_eq!(matches(&archive, range(day(3, 1), day(3, 1))), 1);
        assert_eq!(matches(&archive, range(day(1, 6), None)), 2);
        assert_eq!(matches(&archive, range(None, day(3, 1))), 2);
        let far = NaiveDate::from_ymd_opt(9999, 12, 31);
        assert_eq!(matches(&archive, range(day(1, 1), far)), 3);
    }

    #[test]
    fn a_reversed_range_and_a_bad_query_are_refused() {
        let (_work, archive) = archive();
        let reversed = Filters {
            from: day(6, 1),
            to: day(1, 1),
            ..Filters::default()
        };
        assert!(matches!(
            build(&archive, &NameTable::default(), &reversed).err(),
            Some(SearchError::ReversedDates { .. })
        ));
        let unbalanced = Filters {
            query: Some("(tide".into()),
            ..Filters::default()
        };
        assert!(matches!(
            build(&archive, &NameTable::default(), &unbalanced).err(),
            Some(SearchError::InvalidQuery { .. })
        ));
    }
}
