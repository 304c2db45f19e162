//! Counting names over matching articles with tantivy's terms aggregation.

use crate::contract::{EntityCounts, NameCount};
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

/// For each raw fast field in `fields`, its `top` most frequent values among
/// the articles matching `query`, most frequent first (ties by name), and the
/// number of matching articles: one pass over the matches for all of them.
pub fn top_names(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[&str],
    top: usize,
) -> Result<(u64, Vec<Vec<NameCount>>), SearchError> {
    let request = names_request(fields, top);
    let aggregations: Aggregations =
        serde_json::from_value(request.into()).expect("terms aggregation request is valid");
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let (total, results) = searcher.search(query, &(Count, collector))?;
    let json = serde_json::to_value(results).expect("aggregation results serialize");
    Ok((total as u64, names_answer(&json, fields)))
}

/// One terms aggregation per field of `fields`, named after it, counting its
/// `top` most frequent values.
pub(super) fn names_request(
    fields: &[&str],
    top: usize,
) -> serde_json::Map<String, serde_json::Value> {
    fields
        .iter()
        .map(|field| {
            let terms = serde_json::json!({
                "terms": {
                    "field": field,
                    "size": top,
                    "segment_size": top.saturating_mul(SEGMENT_CANDIDATES_PER_NAME).max(MIN_SEGMENT_CANDIDATES),
                    "order": { "_count": "desc" }
                }
            });
            (field.to_string(), terms)
        })
        .collect()
}

/// The name lists of the answer to [`names_request`], in `fields` order,
/// most frequent first (ties by name).
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
                    })
                })
                .collect();
            names.sort_by(|a, b| {
                b.articles
                    .cmp(&a.articles)
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

/// The counts of `total_articles` matches, with the list of each kind asked for.
pub(super) fn entity_counts(
    total_articles: u64,
    asked: &[(EntityKind, &str)],
    lists: Vec<Vec<NameCount>>,
) -> EntityCounts {
    let mut counts = EntityCounts {
        total_articles,
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

/// Approximate number of distinct values of a raw fast field (tantivy's
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
    /// articles matching `filters`; `top` is at most [`MAX_TOP_NAMES`].
    pub fn entities(
        &self,
        filters: &Filters,
        kinds: &[EntityKind],
        top: usize,
    ) -> Result<EntityCounts, SearchError> {
        if top > MAX_TOP_NAMES {
            return Err(SearchError::TooManyNames { top });
        }
        let query = query::build(self.archive(), filters)?.full;
        let asked = name_fields(kinds);
        let fields: Vec<&str> = asked.iter().map(|(_, field)| *field).collect();
        let (total_articles, lists) = top_names(&self.searcher(), &query, &fields, top)?;
        Ok(entity_counts(total_articles, &asked, lists))
    }
}
