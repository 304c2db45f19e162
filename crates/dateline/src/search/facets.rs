//! Counting entities over matching articles by stories: tantivy's terms
//! aggregation counts the raw names with the distinct stories of each, which
//! are then merged into the archive's entities (see [`crate::names`]), those
//! of several spellings counted again. Articles are counted exactly in one
//! pass instead (see `entity_count.rs`).

use std::collections::{BTreeMap, HashSet};

use crate::contract::{Counted, EntityCounts, NameCount};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::Searcher;

use super::{query, ArchiveSearcher, Filters, SearchError};
use crate::extract::EntityKind;
use crate::index::schema::names;
use crate::index::ArchiveIndex;
use crate::names::{MergedName, NameTable};

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

/// Raw names asked for per name field beyond `top`, at most, for the
/// spellings that merge into names ranked above them or are hidden.
const MAX_SPELLINGS_ASKED: usize = 200;

/// The raw name fields to count for the entities of `kinds`: each kind's
/// own, and the fields of the other spellings of its merged names (a
/// country tagged as an organization), each with how many values to ask
/// for so that `top` entities remain once spellings are merged and hidden
/// names dropped.
pub(super) fn names_asked(
    names: &NameTable,
    kinds: &[EntityKind],
    top: usize,
) -> Vec<(EntityKind, &'static str, usize)> {
    let spelled_as: HashSet<EntityKind> = names
        .entities()
        .iter()
        .filter(|entity| kinds.contains(&entity.kind))
        .flat_map(|entity| entity.spellings.iter().map(|spelling| spelling.kind))
        .chain(kinds.iter().copied())
        .collect();
    name_fields(&[
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
    ])
    .into_iter()
    .filter(|(kind, _)| spelled_as.contains(kind))
    .map(|(kind, field)| {
        let slack = names.spellings_of(kind).min(top + MAX_SPELLINGS_ASKED);
        (kind, field, top + slack)
    })
    .collect()
}

/// One terms aggregation per field asked for, named after it, counting
/// its values with most distinct stories (and each value's stories), and
/// the stories of all the matches.
pub(super) fn names_request(
    asked: &[(EntityKind, &'static str, usize)],
) -> serde_json::Map<String, serde_json::Value> {
    let mut request: serde_json::Map<String, serde_json::Value> = asked
        .iter()
        .map(|(_, field, size)| {
            let terms = serde_json::json!({
                "terms": {
                    "field": field,
                    "size": size,
                    "segment_size": size.saturating_mul(SEGMENT_CANDIDATES_PER_NAME).max(MIN_SEGMENT_CANDIDATES),
                    "order": { STORIES: "desc" }
                },
                "aggs": { STORIES: stories_request() }
            });
            (field.to_string(), terms)
        })
        .collect();
    request.insert(STORIES.to_string(), stories_request());
    request
}

/// The raw names of one field in the answer to [`names_request`], with
/// their articles and stories.
fn raw_counts<'a>(
    json: &'a serde_json::Value,
    field: &str,
) -> impl Iterator<Item = (&'a str, u64, Option<u64>)> + 'a {
    json[field]["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|bucket| {
            Some((
                bucket["key"].as_str()?,
                bucket["doc_count"].as_u64()?,
                stories_answer(bucket),
            ))
        })
}

/// The raw names counted by a [`names_request`]: the fields asked for,
/// and tantivy's answer.
pub(super) struct RawCounts<'a> {
    /// The fields asked for, from [`names_asked`].
    pub asked: &'a [(EntityKind, &'static str, usize)],
    /// The aggregation results, as JSON.
    pub json: &'a serde_json::Value,
}

/// The `top` entities of each of `kinds` among the articles matching
/// `query`, from the raw names counted in `raw`, most stories first (ties
/// by articles, then by name).
///
/// A merged entity of several spellings is counted again: the articles and
/// stories matching `query` and any of its spellings (an article that
/// writes `US` and `United States` counts once).
pub(super) fn entity_lists(
    searcher: &Searcher,
    archive: &ArchiveIndex,
    names: &NameTable,
    query: &dyn Query,
    raw: RawCounts,
    kinds: &[EntityKind],
    top: usize,
) -> Result<Vec<Vec<NameCount>>, SearchError> {
    kinds
        .iter()
        .map(|&kind| {
            let mut counted: BTreeMap<&str, Bounds> = BTreeMap::new();
            for &(raw_kind, field, _) in raw.asked {
                for (spelling, articles, stories) in raw_counts(raw.json, field) {
                    let entity = names.entity(raw_kind, spelling);
                    let (shown_kind, shown) = match entity {
                        Some(entity) if entity.hidden => continue,
                        Some(entity) => (entity.kind, entity.name.as_str()),
                        None => (raw_kind, spelling),
                    };
                    if shown_kind != kind {
                        continue;
                    }
                    let entity = entity.filter(|entity| entity.spellings.len() > 1);
                    counted
                        .entry(shown)
                        .or_insert_with(|| Bounds::new(entity))
                        .add(articles, stories);
                }
            }
            // Only an entity that could reach the top is counted again: one
            // whose spellings' sum reaches the `top`-th count known so far.
            let mut known: Vec<u64> = counted.values().map(Bounds::least).collect();
            known.sort_unstable_by(|a, b| b.cmp(a));
            let needed = known.get(top.saturating_sub(1)).copied().unwrap_or(0);
            let mut list = Vec::with_capacity(counted.len());
            for (name, bounds) in counted {
                let (articles, stories) = match bounds.entity {
                    Some(_) if bounds.most() < needed => continue,
                    Some(entity) => spelled_count(searcher, archive, query, entity)?,
                    None => (bounds.articles.0, bounds.stories.0),
                };
                list.push(NameCount {
                    name: name.to_string(),
                    articles,
                    stories,
                });
            }
            list.sort_by(|a, b| {
                (b.stories, b.articles)
                    .cmp(&(a.stories, a.articles))
                    .then_with(|| a.name.cmp(&b.name))
            });
            list.truncate(top);
            Ok(list)
        })
        .collect()
}

/// What the raw counts of an entity's spellings say of its count: at
/// least the largest, at most the sum (an article may name it twice).
struct Bounds<'a> {
    /// The entity, when it has several spellings (else the counts are exact).
    entity: Option<&'a MergedName>,
    /// Articles: the largest and the sum of its spellings'.
    articles: (u64, u64),
    /// Stories: the largest and the sum.
    stories: (Option<u64>, Option<u64>),
}

impl<'a> Bounds<'a> {
    fn new(entity: Option<&'a MergedName>) -> Bounds<'a> {
        Bounds {
            entity,
            articles: (0, 0),
            stories: (None, None),
        }
    }

    fn add(&mut self, articles: u64, stories: Option<u64>) {
        self.articles = (self.articles.0.max(articles), self.articles.1 + articles);
        self.stories = (
            self.stories.0.max(stories),
            stories.map(|n| self.stories.1.unwrap_or(0) + n),
        );
    }

    /// The stories it has at least.
    fn least(&self) -> u64 {
        self.stories.0.unwrap_or(0)
    }

    /// The stories it has at most.
    fn most(&self) -> u64 {
        self.stories.1.unwrap_or(0)
    }
}

/// The articles and stories matching `query` that name `entity` by any of
/// its spellings.
fn spelled_count(
    searcher: &Searcher,
    archive: &ArchiveIndex,
    query: &dyn Query,
    entity: &MergedName,
) -> Result<(u64, Option<u64>), SearchError> {
    let any_spelling = entity
        .spellings
        .iter()
        .map(|spelling| {
            let field = query::raw_field(&archive.fields, spelling.kind);
            (Occur::Should, query::raw_query(field, &spelling.name))
        })
        .collect();
    let both = BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (Occur::Must, Box::new(BooleanQuery::new(any_spelling))),
    ]);
    let request = serde_json::json!({ STORIES: stories_request() });
    let aggregations: Aggregations =
        serde_json::from_value(request).expect("cardinality request is valid");
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let (articles, results) = searcher.search(&both, &(Count, collector))?;
    let json = serde_json::to_value(results).expect("aggregation results serialize");
    Ok((articles as u64, stories_answer(&json)))
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
    kinds: &[EntityKind],
    lists: Vec<Vec<NameCount>>,
) -> EntityCounts {
    let mut counts = EntityCounts {
        total_articles,
        total_stories,
        people: None,
        organizations: None,
        places: None,
    };
    for (kind, list) in kinds.iter().zip(lists) {
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
    /// The `top` most frequent entities of each kind in `kinds` among the
    /// articles matching `filters`, names merged across the archive, by
    /// articles or by stories (`counted`); `top` is at most
    /// [`super::MAX_TOP_NAMES`].
    pub fn entities(
        &self,
        filters: &Filters,
        kinds: &[EntityKind],
        top: usize,
        counted: Counted,
    ) -> Result<EntityCounts, SearchError> {
        Ok(self.overview_of(filters, kinds, top, false, counted)?.0)
    }
}
