//! Counting the entities of the matching articles exactly, in one pass over
//! them: each match's entities are listed in its segment's [`SegmentIds`],
//! each once however many of its spellings the article writes.
//!
//! The cost is one step per match and entity, so a query that matches most
//! articles (a common word) costs most. Such a count is taken the other way
//! round: the entities of the documents that do *not* match are taken from
//! the segment's totals. Which way is cheaper is told by the segment's first
//! documents (its sample, counted the direct way): matches come in document
//! order, and the documents between two matches are the ones that do not.

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
    /// How the matches are being counted.
    counting: Counting,
}

/// How a segment's matches are being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counting {
    /// Each match's entities are added while in the sample; `entities` is
    /// how many were added.
    Sampling { entities: usize },
    /// Each match's entities are added.
    Matches,
    /// The totals after the sample were added and the entities of every
    /// document that does not match are taken away, up to `next`.
    Others { next: DocId },
}

impl SegmentCountEntities {
    /// Counts the matches of the segment of `ids`.
    fn new(ids: Arc<SegmentIds>) -> SegmentCountEntities {
        let counts = vec![0; ids.ids.len()];
        SegmentCountEntities {
            ids,
            counts,
            counting: Counting::Sampling { entities: 0 },
        }
    }

    /// Adds one to the count of each entity of `doc`.
    fn add(&mut self, doc: DocId) {
        for &slot in self.ids.of(doc) {
            self.counts[slot as usize] += 1;
        }
    }

    /// Takes one from the count of each entity of the documents from
    /// `first` up to `end`.
    fn take_away(&mut self, first: DocId, end: DocId) {
        let offsets = &self.ids.offsets;
        let slots =
            &self.ids.slots[offsets[first as usize] as usize..offsets[end as usize] as usize];
        for &slot in slots {
            self.counts[slot as usize] -= 1;
        }
    }

    /// Counts `doc`, a match after the sample, the way chosen.
    fn count_after_sample(&mut self, doc: DocId) {
        match self.counting {
            Counting::Others { next } => {
                if doc > next {
                    self.take_away(next, doc);
                }
                self.counting = Counting::Others { next: doc + 1 };
            }
            _ => self.add(doc),
        }
    }

    /// Chooses, at the end of the sample in which the matches named
    /// `matched` entities, the cheaper way to count the rest.
    fn after_sample(&mut self, matched: usize) -> Counting {
        let sampled = self.ids.offsets[self.ids.sample_end as usize] as usize;
        if matched * 2 <= sampled {
            return Counting::Matches;
        }
        for (count, after) in self.counts.iter_mut().zip(&self.ids.after_sample) {
            *count += after;
        }
        Counting::Others {
            next: self.ids.sample_end,
        }
    }
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
        Ok(SegmentCountEntities::new(ids))
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
        match self.counting {
            Counting::Sampling { entities } if doc < self.ids.sample_end => {
                self.add(doc);
                self.counting = Counting::Sampling {
                    entities: entities + self.ids.of(doc).len(),
                };
            }
            Counting::Sampling { entities } => {
                self.counting = self.after_sample(entities);
                self.count_after_sample(doc);
            }
            _ => self.count_after_sample(doc),
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        // Most counts are of matches after the sample: asked once a block.
        if self.counting == Counting::Matches {
            for &doc in docs {
                self.add(doc);
            }
        } else {
            for &doc in docs {
                self.collect(doc, 0.0);
            }
        }
    }

    fn harvest(mut self) -> Vec<u32> {
        if let Counting::Others { next } = self.counting {
            let end = self.ids.offsets.len() - 1;
            self.take_away(
                next,
                DocId::try_from(end).expect("fewer than 2^32 documents"),
            );
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A segment of `docs` documents of five entities (slot n is entity n):
    /// every fourth document is a quotation and names none, the others
    /// name entity `doc % 3` and, when even, entity 3 or 4.
    fn segment(docs: u32) -> Arc<SegmentIds> {
        let mut offsets = vec![0];
        let mut slots = Vec::new();
        for doc in 0..docs {
            if doc % 4 != 3 {
                slots.push(doc % 3);
                if doc % 2 == 0 {
                    slots.push(3 + doc % 4 / 2);
                }
            }
            offsets.push(slots.len() as u32);
        }
        Arc::new(SegmentIds::new(offsets, slots, (0..5).collect()))
    }

    /// The articles of each entity among `matches`, counted one by one.
    fn by_hand(ids: &SegmentIds, matches: &[DocId]) -> Vec<u32> {
        let mut counts = vec![0; ids.ids.len()];
        for &doc in matches {
            for &slot in ids.of(doc) {
                counts[slot as usize] += 1;
            }
        }
        counts
    }

    /// What the collector counts for `matches` and the way it took, given
    /// the matches one by one (as in a segment with deletions) and in
    /// tantivy's blocks (as in one without), which must agree.
    fn collected(ids: &Arc<SegmentIds>, matches: &[DocId]) -> (Vec<u32>, Counting) {
        let mut one_by_one = SegmentCountEntities::new(Arc::clone(ids));
        for &doc in matches {
            one_by_one.collect(doc, 1.0);
        }
        let mut in_blocks = SegmentCountEntities::new(Arc::clone(ids));
        for block in matches.chunks(tantivy::COLLECT_BLOCK_BUFFER_LEN) {
            in_blocks.collect_block(block);
        }
        let counting = one_by_one.counting;
        assert_eq!(in_blocks.counting, counting);
        let mut counts = one_by_one.harvest();
        assert_eq!(in_blocks.harvest(), counts);
        counts.resize(ids.ids.len(), 0);
        (counts, counting)
    }

    #[test]
    fn the_matches_entities_are_counted_exactly_either_way() {
        let ids = segment(400);
        assert_eq!(ids.sample_end, 50);
        let most: Vec<DocId> = (0..400).filter(|doc| doc % 7 != 0).collect();
        let few: Vec<DocId> = (0..400).filter(|doc| doc % 7 == 0).collect();
        let (counts, counting) = collected(&ids, &most);
        assert_eq!(counts, by_hand(&ids, &most));
        assert_eq!(counting, Counting::Others { next: 399 });
        let (counts, counting) = collected(&ids, &few);
        assert_eq!(counts, by_hand(&ids, &few));
        assert_eq!(counting, Counting::Matches);
        let every: Vec<DocId> = (0..400).collect();
        let sample_only: Vec<DocId> = (0..50).collect();
        let sample_and_last: Vec<DocId> = (0..50).chain([398]).collect();
        let after_sample: Vec<DocId> = (50..400).collect();
        for matches in [
            every,
            sample_only,
            sample_and_last,
            after_sample,
            vec![],
            vec![0],
        ] {
            assert_eq!(collected(&ids, &matches).0, by_hand(&ids, &matches));
        }
    }

    #[test]
    fn a_segment_too_small_to_sample_counts_its_matches() {
        let ids = segment(5);
        assert_eq!(ids.sample_end, 0);
        let matches = [1, 2, 4];
        let (counts, counting) = collected(&ids, &matches);
        assert_eq!(counts, by_hand(&ids, &matches));
        assert_eq!(counting, Counting::Matches);
    }
}
