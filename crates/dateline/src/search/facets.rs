//! Counting names over matching articles with tantivy's terms aggregation.

use crate::contract::{Counted, EntityCounts, NameCount};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::query::Query;
use tantivy::Searcher;

use tantivy::collector::Count;

use super::{query, ArchiveSearcher, Filters, SearchError, MAX_TOP_NAMES};
use crate::extract::EntityKind;
use crate::index::schema::names;

/// Per-segment candidates kept per name asked for, before segments are
/// merged: counts of the top names are exact unless a name misses this many
/// times its rank in some segment. More costs time on large indexes.
const SEGMENT_CANDIDATES_PER_NAME: usize = 20;

/// At least this many candidates per segment, for small `--top` values.
const MIN_SEGMENT_CANDIDATES: usize = 500;

/// The name of the distinct-stories aggregation, within a bucket and over
/// all the matches.
pub(super) const STORIES: &str = "stories";

/// The cardinality aggregation that counts distinct stories.
pub(super) fn stories_request() -> serde_json::Value {
    serde_json::json!({ "cardinality": { "field": names::STORY } })
}

/// The value of the [`STORIES`] aggregation in `json`, if it was asked for.
pub(super) fn stories_answer(json: &serde_json::Value) -> Option<u64> {
    json[STORIES]["value"]
        .as_f64()
        .map(|value| value.round() as u64)
}

/// For each kind of name `asked` (with its raw fast field), its `top` most
/// frequent names among the articles matching `query` (most articles or most
/// stories first, by `counted`; ties by name), with the number of matching
/// articles and stories: one pass over the matches for all of them.
pub fn top_names(
    searcher: &Searcher,
    query: &dyn Query,
    asked: &[(EntityKind, &str)],
    top: usize,
    counted: Counted,
) -> Result<EntityCounts, SearchError> {
    let fields: Vec<&str> = asked.iter().map(|(_, field)| *field).collect();
    let request = names_request(&fields, top, counted);
    let aggregations: Aggregations =
        serde_json::from_value(request.into()).expect("terms aggregation request is valid");
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let (total, results) = searcher.search(query, &(Count, collector))?;
    let json = serde_json::to_value(results).expect("aggregation results serialize");
    let lists = names_answer(&json, &fields);
    Ok(entity_counts(
        total as u64,
        stories_answer(&json),
        asked,
        lists,
    ))
}

/// One terms aggregation per field of `fields`, named after it, counting its
/// `top` most frequent values; with `Counted::Stories`, each value's distinct
/// stories too (ordered by them), and the stories of all the matches.
pub(super) fn names_request(
    fields: &[&str],
    top: usize,
    counted: Counted,
) -> serde_json::Map<String, serde_json::Value> {
    let order = match counted {
        Counted::Articles => "_count",
        Counted::Stories => STORIES,
    };
    let mut request: serde_json::Map<String, serde_json::Value> = fields
        .iter()
        .map(|field| {
            let mut terms = serde_json::json!({
                "terms": {
                    "field": field,
                    "size": top,
                    "segment_size": top.saturating_mul(SEGMENT_CANDIDATES_PER_NAME).max(MIN_SEGMENT_CANDIDATES),
                    "order": { order: "desc" }
                }
            });
            if counted == Counted::Stories {
                terms["aggs"] = serde_json::json!({ STORIES: stories_request() });
            }
            (field.to_string(), terms)
        })
        .collect();
    if counted == Counted::Stories {
        request.insert(STORIES.to_string(), stories_request());
    }
    request
}

/// The name lists of the answer to [`names_request`], in `fields` order,
/// most frequent first (most stories first when they were counted; ties by
/// articles, then by name).
pub(super) fn names_answer(json: &serde_json::Value, fields: &[&str]) -> Vec<Vec<NameCount>> {
    fields
        .iter()
        .map(|field| {
            let mut names: Vec<NameCount> = json[*field]["buckets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|bucket| {
                    Some(NameCount {
                        name: bucket["key"].as_str()?.to_string(),
                        articles: bucket["doc_count"].as_u64()?,
                        stories: stories_answer(bucket),
                    })
                })
                .collect();
            names.sort_by(|a, b| {
                (b.stories, b.articles)
                    .cmp(&(a.stories, a.articles))
                    .then_with(|| a.name.cmp(&b.name))
            });
            names
        })
        .collect()
}

/// The name fields of `kinds`, in the order of [`EntityCounts`].
pub(super) fn name_fields(kinds: &[EntityKind]) -> Vec<(EntityKind, &'static str)> {
    [
        (EntityKind::Person, names::PEOPLE),
        (EntityKind::Organization, names::ORGANIZATIONS),
        (EntityKind::Place, names::PLACES),
    ]
    .into_iter()
    .filter(|(kind, _)| kinds.contains(kind))
    .collect()
}

/// The counts of `total_articles` matches (`total_stories` stories, when
/// counted), with the list of each kind asked for.
pub(super) fn entity_counts(
    total_articles: u64,
    total_stories: Option<u64>,
    asked: &[(EntityKind, &str)],
    lists: Vec<Vec<NameCount>>,
) -> EntityCounts {
    let mut counts = EntityCounts {
        total_articles,
        total_stories,
        people: None,
        organizations: None,
        places: None,
    };
    for ((kind, _), list) in asked.iter().zip(lists) {
        let slot = match kind {
            EntityKind::Person => &mut counts.people,
            EntityKind::Organization => &mut counts.organizations,
            EntityKind::Place => &mut counts.places,
        };
        *slot = Some(list);
    }
    counts
}

/// Approximate number of distinct values of a fast field (tantivy's
/// HyperLogLog cardinality aggregation; exact for small counts).
pub fn distinct_names(
    searcher: &Searcher,
    query: &dyn Query,
    field: &str,
) -> Result<u64, SearchError> {
    let request = serde_json::json!({ "distinct": { "cardinality": { "field": field } } });
    let aggregations: Aggregations =
        serde_json::from_value(request).expect("cardinality request is valid");
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let results = searcher.search(query, &collector)?;
    let json = serde_json::to_value(results).expect("aggregation results serialize");
    Ok(json["distinct"]["value"].as_f64().unwrap_or(0.0).round() as u64)
}

impl ArchiveSearcher {
    /// The `top` most frequent names of each kind in `kinds` among the
    /// articles matching `filters`, by articles or by stories (`counted`);
    /// `top` is at most [`MAX_TOP_NAMES`].
    pub fn entities(
        &self,
        filters: &Filters,
        kinds: &[EntityKind],
        top: usize,
        counted: Counted,
    ) -> Result<EntityCounts, SearchError> {
        if top > MAX_TOP_NAMES {
            return Err(SearchError::TooManyNames { top });
        }
        let query = query::build(self.archive(), filters)?.full;
        let asked = name_fields(kinds);
        top_names(&self.searcher(), &query, &asked, top, counted)
    }
}
