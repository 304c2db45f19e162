//! Counting the entities of the matching articles exactly, in one pass over
//! them: each match's entities are listed in its segment's [`SegmentIds`],
//! each once however many of its spellings the article writes.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::entity_ids::{EntityIds, SegmentIds};
use crate::contract::NameCount;
use crate::extract::EntityKind;

/// Counts the articles of each entity among the matches; its fruit is the
/// number of matching articles of each entity id.
pub(crate) struct CountEntities {
    ids: Arc<EntityIds>,
}

impl CountEntities {
    /// Counts the entities of `ids`.
    pub fn new(ids: Arc<EntityIds>) -> CountEntities {
        CountEntities { ids }
    }
}

/// [`CountEntities`] in one segment.
pub(crate) struct SegmentCountEntities {
    ids: Arc<SegmentIds>,
    /// Matching articles per slot of the segment.
    counts: Vec<u32>,
}

impl Collector for CountEntities {
    type Fruit = Vec<u32>;
    type Child = SegmentCountEntities;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCountEntities> {
        let ids = self.ids.segment(reader.segment_id()).ok_or_else(|| {
            tantivy::TantivyError::InternalError(
                "entity ids asked for a segment they were not built for".into(),
            )
        })?;
        let counts = vec![0; ids.ids.len()];
        Ok(SegmentCountEntities { ids, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<u32>>) -> tantivy::Result<Vec<u32>> {
        let mut all = vec![0; self.ids.len()];
        for segment in segments {
            for (total, count) in all.iter_mut().zip(segment) {
                *total += count;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentCountEntities {
    type Fruit = Vec<u32>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for &slot in self.ids.of(doc) {
            self.counts[slot as usize] += 1;
        }
    }

    fn harvest(self) -> Vec<u32> {
        let mut articles = Vec::new();
        for (slot, count) in self.counts.into_iter().enumerate() {
            if count > 0 {
                let id = self.ids.ids[slot] as usize;
                if articles.len() <= id {
                    articles.resize(id + 1, 0);
                }
                articles[id] += count;
            }
        }
        articles
    }
}

/// The `top` entities of each of `kinds` in `articles` (articles per entity
/// id, as [`CountEntities`] counts them), most articles first, ties by name.
pub(crate) fn top_entities(
    ids: &EntityIds,
    articles: &[u32],
    kinds: &[EntityKind],
    top: usize,
) -> Vec<Vec<NameCount>> {
    kinds
        .iter()
        .map(|&kind| {
            let mut counted: Vec<(u32, u32)> = articles
                .iter()
                .enumerate()
                .filter(|(id, count)| **count > 0 && ids.entity(*id as u32).0 == kind)
                .map(|(id, count)| (*count, id as u32))
                .collect();
            if top == 0 {
                return Vec::new();
            }
            // Only the names with at least the `top`-th count need their
            // names compared.
            if counted.len() > top {
                counted.select_nth_unstable_by(top - 1, |a, b| b.0.cmp(&a.0));
                let least = counted[top - 1].0;
                counted.retain(|(count, _)| *count >= least);
            }
            let mut list: Vec<NameCount> = counted
                .into_iter()
                .map(|(count, id)| NameCount {
                    name: ids.entity(id).1.to_string(),
                    articles: u64::from(count),
                    stories: None,
                })
                .collect();
            list.sort_by(|a, b| {
                b.articles
                    .cmp(&a.articles)
                    .then_with(|| a.name.cmp(&b.name))
            });
            list.truncate(top);
            list
        })
        .collect()
}
