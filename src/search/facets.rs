//! Counting names over matching articles with tantivy's terms aggregation.

use serde::{Deserialize, Serialize};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::query::Query;
use tantivy::Searcher;

use tantivy::collector::Count;

use super::{query, ArchiveSearcher, Filters, SearchError};
use crate::extract::EntityKind;
use crate::index::schema::names;

/// How many articles a name appears in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// Canonical name.
    pub name: String,
    /// Number of matching articles it appears in.
    pub articles: u64,
}

/// Per-segment candidates kept before merging, so counts of the top names
/// are exact unless a name is rare in every segment yet frequent overall.
const SEGMENT_CANDIDATES: usize = 10_000;

/// The `top` most frequent values of the raw fast field `field` among the
/// articles matching `query`, most frequent first (ties by name).
pub fn top_names(
    searcher: &Searcher,
    query: &dyn Query,
    field: &str,
    top: usize,
) -> Result<Vec<NameCount>, SearchError> {
    let request = serde_json::json!({
        "names": {
            "terms": {
                "field": field,
                "size": top,
                "segment_size": SEGMENT_CANDIDATES.max(top),
                "order": { "_count": "desc" }
            }
        }
    });
    let aggregations: Aggregations =
        serde_json::from_value(request).expect("terms aggregation request is valid");
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let results = searcher.search(query, &collector)?;
    let json = serde_json::to_value(results).expect("aggregation results serialize");
    let mut names: Vec<NameCount> = json["names"]["buckets"]
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
    Ok(names)
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

/// The most frequent names among matching articles, per kind asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityCounts {
    /// Number of matching articles.
    pub total_articles: u64,
    /// Most frequent people, if asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub people: Option<Vec<NameCount>>,
    /// Most frequent organizations, if asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organizations: Option<Vec<NameCount>>,
    /// Most frequent places, if asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub places: Option<Vec<NameCount>>,
}

impl ArchiveSearcher {
    /// The `top` most frequent names of each kind in `kinds` among the
    /// articles matching `filters`.
    pub fn entities(
        &self,
        filters: &Filters,
        kinds: &[EntityKind],
        top: usize,
    ) -> Result<EntityCounts, SearchError> {
        let searcher = self.searcher();
        let query = query::build(self.archive(), filters)?.full;
        let count =
            |field: &str, kind: EntityKind| -> Result<Option<Vec<NameCount>>, SearchError> {
                if kinds.contains(&kind) {
                    top_names(&searcher, &query, field, top).map(Some)
                } else {
                    Ok(None)
                }
            };
        Ok(EntityCounts {
            total_articles: searcher.search(&query, &Count)? as u64,
            people: count(names::PEOPLE, EntityKind::Person)?,
            organizations: count(names::ORGANIZATIONS, EntityKind::Organization)?,
            places: count(names::PLACES, EntityKind::Place)?,
        })
    }
}
