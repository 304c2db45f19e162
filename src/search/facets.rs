//! Counting names over matching articles with tantivy's terms aggregation.

use serde::{Deserialize, Serialize};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::query::Query;
use tantivy::Searcher;

use super::SearchError;

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
