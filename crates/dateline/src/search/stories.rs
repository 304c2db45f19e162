//! One hit per story: the best-ranked copy of each story among the matches,
//! and the other copies of the stories on a page.
//!
//! Copies share the article field `story` (see `index::copies`), a fast
//! value that means the same in every segment, so stories are told apart
//! while the matches are collected, and paging counts stories. Most articles
//! are their story's only copy ([`SharedStories`] knows which are not): they
//! are counted and ranked without a map by story.

use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{BitSet, DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::entity_ids::article_docs;
use super::last_built::segment_ids;
use super::{Sort, SortKey};
use crate::index::schema::names;

/// Story keys are xxh3 hashes already: a map by story uses them as they
/// are rather than hashing the key of every match again.
#[derive(Default)]
pub(crate) struct StoryKeyHasher(u64);

impl Hasher for StoryKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A map keyed by story.
pub(crate) type ByStory<T> = HashMap<u64, T, BuildHasherDefault<StoryKeyHasher>>;

/// The best-ranked matching copy of a story, and how many copies match.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RankedStory {
    /// What the best copy is ranked by.
    pub key: SortKey,
    /// The best copy.
    pub address: DocAddress,
    /// Matching copies.
    pub articles: usize,
}

/// Whether `a` ranks before `b` in `sort` order (undated articles last).
fn ranks_before(sort: Sort, a: &SortKey, b: &SortKey) -> Ordering {
    match (a, b) {
        (SortKey::Score(a), SortKey::Score(b)) => b.total_cmp(a),
        (SortKey::Date(a), SortKey::Date(b)) => match (a, b) {
            (Some(a), Some(b)) if sort == Sort::Oldest => a.cmp(b),
            (Some(a), Some(b)) => b.cmp(a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        // One search ranks every document by one kind of key.
        _ => Ordering::Equal,
    }
}

/// The rank order of two copies: by `sort`, then by address.
fn rank_order(sort: Sort, a: &RankedStory, b: &RankedStory) -> Ordering {
    ranks_before(sort, &a.key, &b.key).then_with(|| a.address.cmp(&b.address))
}

impl RankedStory {
    /// Takes in another part of the same story's matches.
    fn merge(&mut self, sort: Sort, other: RankedStory) {
        let articles = self.articles + other.articles;
        if rank_order(sort, &other, self).is_lt() {
            *self = other;
        }
        self.articles = articles;
    }
}

/// The articles, and those whose story has more than one article in the
/// index (deleted ones included), per segment. Most articles are the only
/// copy of their story: those need no map by story to be collected, nor
/// their story read unless they rank among the best.
pub(crate) struct SharedStories {
    /// The segments the sets were built for.
    segments: BTreeSet<SegmentId>,
    by_segment: HashMap<SegmentId, Arc<SegmentStories>>,
}

/// [`SharedStories`] in one segment.
pub(crate) struct SegmentStories {
    articles: BitSet,
    shared: BitSet,
}

impl SharedStories {
    /// Reads the story of every article of every segment of `searcher`.
    pub fn build(searcher: &Searcher) -> tantivy::Result<SharedStories> {
        let mut columns = Vec::new();
        // Whether each story has more than one article.
        let mut shared: ByStory<bool> = ByStory::default();
        for segment in searcher.segment_readers() {
            let stories = segment.fast_fields().u64(names::STORY)?;
            for doc in article_docs(&stories, segment.max_doc()) {
                if let Some(story) = stories.first(doc) {
                    shared
                        .entry(story)
                        .and_modify(|more| *more = true)
                        .or_insert(false);
                }
            }
            columns.push((segment, stories));
        }
        let mut by_segment = HashMap::new();
        for (segment, stories) in columns {
            let mut sets = SegmentStories {
                articles: BitSet::with_max_value(segment.max_doc()),
                shared: BitSet::with_max_value(segment.max_doc()),
            };
            for doc in article_docs(&stories, segment.max_doc()) {
                sets.articles.insert(doc);
                if stories.first(doc).is_some_and(|story| shared[&story]) {
                    sets.shared.insert(doc);
                }
            }
            by_segment.insert(segment.segment_id(), Arc::new(sets));
        }
        Ok(SharedStories {
            segments: segment_ids(searcher),
            by_segment,
        })
    }

    /// Whether the article at `address` in `searcher` shares its story
    /// with another article (when unsure, that it does).
    pub fn shares_story(&self, searcher: &Searcher, address: DocAddress) -> bool {
        let segment = searcher.segment_reader(address.segment_ord).segment_id();
        self.by_segment
            .get(&segment)
            .is_none_or(|sets| sets.shared.contains(address.doc_id))
    }

    /// Whether the sets are those of `searcher`'s segments.
    pub fn is_for(&self, searcher: &Searcher) -> bool {
        self.segments == segment_ids(searcher)
    }
}

/// Collects the matches by story: how many articles and stories match, and
/// the best-ranked copy of each story that may be among the first `keep`
/// (ranked by `sort`, which must not be relevance without a text query:
/// every score is equal).
#[derive(Clone)]
pub(crate) struct BestPerStory {
    /// How copies are ranked.
    pub sort: Sort,
    /// How many of the best stories are asked for: the end of the page.
    pub keep: usize,
    /// The documents that share their story, for the searched segments;
    /// without, every document is taken to share it.
    pub shared: Option<Arc<SharedStories>>,
}

/// The matches of a search, by story.
#[derive(Debug, Default)]
pub(crate) struct StoryMatches {
    /// Matching articles.
    pub articles: usize,
    /// Stories among them.
    pub stories: usize,
    /// The best copy of every story that may rank among the first `keep`,
    /// in no order.
    best: Vec<(u64, RankedStory)>,
    /// Every matching article of a story with other articles, and its
    /// story: where the copies on a page are found without searching again.
    shared_matches: Vec<(u64, DocAddress)>,
}

/// The best `keep` stories of those offered, in no order: a buffer cut back
/// to the best `keep` whenever it holds twice as many, after which only
/// stories that rank before the last one kept are taken.
struct BestStories {
    sort: Sort,
    keep: usize,
    kept: Vec<(u64, RankedStory)>,
    last_kept: Option<RankedStory>,
}

impl BestStories {
    fn new(sort: Sort, keep: usize) -> BestStories {
        BestStories {
            sort,
            keep,
            kept: Vec::new(),
            last_kept: None,
        }
    }

    fn offer(&mut self, story: u64, ranked: RankedStory) {
        if self.takes(&ranked) {
            self.push(story, ranked);
        }
    }

    /// Whether a story ranked so would be kept, for now.
    fn takes(&self, ranked: &RankedStory) -> bool {
        let ranks_before_last = |last: &RankedStory| rank_order(self.sort, ranked, last).is_lt();
        self.keep > 0 && self.last_kept.as_ref().is_none_or(ranks_before_last)
    }

    /// Keeps a story that [`BestStories::takes`].
    fn push(&mut self, story: u64, ranked: RankedStory) {
        self.kept.push((story, ranked));
        if self.kept.len() >= 2 * self.keep {
            self.cut();
        }
    }

    fn cut(&mut self) {
        if self.kept.len() > self.keep {
            let sort = self.sort;
            self.kept
                .select_nth_unstable_by(self.keep - 1, |a, b| rank_order(sort, &a.1, &b.1));
            self.kept.truncate(self.keep);
            self.last_kept = Some(self.kept[self.keep - 1].1);
        }
    }

    fn into_kept(mut self) -> Vec<(u64, RankedStory)> {
        self.cut();
        self.kept
    }
}

/// [`BestPerStory`] in one segment.
pub(crate) struct SegmentBestPerStory {
    sort: Sort,
    segment: SegmentOrdinal,
    stories: Column<u64>,
    dates: Option<Column<tantivy::DateTime>>,
    /// The articles and those that share their story (without, every
    /// document with a story is taken to share it).
    shared: Option<Arc<SegmentStories>>,
    /// Matching articles that are their story's only copy.
    only_copies: usize,
    /// The best of those.
    best_only_copies: BestStories,
    /// The best copy of each story with others, and how many match.
    best_shared: ByStory<RankedStory>,
    /// The matching articles of stories with others.
    shared_matches: Vec<(u64, DocAddress)>,
}

/// What [`SegmentBestPerStory`] collects.
pub(crate) struct SegmentStoryMatches {
    only_copies: usize,
    best_only_copies: Vec<(u64, RankedStory)>,
    best_shared: ByStory<RankedStory>,
    shared_matches: Vec<(u64, DocAddress)>,
}

impl Collector for BestPerStory {
    type Fruit = StoryMatches;
    type Child = SegmentBestPerStory;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentBestPerStory> {
        let fast = reader.fast_fields();
        let dates = match self.sort {
            Sort::Relevance => None,
            Sort::Newest | Sort::Oldest => Some(fast.date(names::DATE)?),
        };
        let shared = match &self.shared {
            None => None,
            Some(shared) => Some(
                shared
                    .by_segment
                    .get(&reader.segment_id())
                    .cloned()
                    .ok_or_else(|| {
                        tantivy::TantivyError::InternalError(
                            "shared stories asked for a segment they were not built for".into(),
                        )
                    })?,
            ),
        };
        Ok(SegmentBestPerStory {
            sort: self.sort,
            segment,
            stories: fast.u64(names::STORY)?,
            dates,
            shared,
            only_copies: 0,
            best_only_copies: BestStories::new(self.sort, self.keep),
            best_shared: ByStory::default(),
            shared_matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, segments: Vec<SegmentStoryMatches>) -> tantivy::Result<StoryMatches> {
        let mut only_copies = 0;
        let mut best_only_copies = BestStories::new(self.sort, self.keep);
        let mut best_shared = ByStory::<RankedStory>::default();
        let mut shared_matches = Vec::new();
        for segment in segments {
            shared_matches.extend(segment.shared_matches);
            only_copies += segment.only_copies;
            for (story, ranked) in segment.best_only_copies {
                best_only_copies.offer(story, ranked);
            }
            for (story, ranked) in segment.best_shared {
                best_shared
                    .entry(story)
                    .and_modify(|known| known.merge(self.sort, ranked))
                    .or_insert(ranked);
            }
        }
        let mut best = best_only_copies.into_kept();
        Ok(StoryMatches {
            articles: only_copies + best_shared.values().map(|s| s.articles).sum::<usize>(),
            stories: only_copies + best_shared.len(),
            best: {
                best.extend(best_shared);
                best
            },
            shared_matches,
        })
    }
}

impl SegmentCollector for SegmentBestPerStory {
    type Fruit = SegmentStoryMatches;

    fn collect(&mut self, doc: DocId, score: Score) {
        // Every article has a story; quotations have none and are skipped
        // (see `BuiltQuery::for_stories`).
        let shares_story = match &self.shared {
            Some(sets) if !sets.articles.contains(doc) => return,
            Some(sets) => sets.shared.contains(doc),
            None => true,
        };
        let key = match &self.dates {
            None => SortKey::Score(score),
            Some(dates) => SortKey::Date(dates.first(doc)),
        };
        let ranked = RankedStory {
            key,
            address: DocAddress::new(self.segment, doc),
            articles: 1,
        };
        if !shares_story {
            self.only_copies += 1;
            if self.best_only_copies.takes(&ranked) {
                if let Some(story) = self.stories.first(doc) {
                    self.best_only_copies.push(story, ranked);
                }
            }
            return;
        }
        let Some(story) = self.stories.first(doc) else {
            return;
        };
        self.shared_matches.push((story, ranked.address));
        self.best_shared
            .entry(story)
            .and_modify(|known| known.merge(self.sort, ranked))
            .or_insert(ranked);
    }

    fn harvest(self) -> SegmentStoryMatches {
        SegmentStoryMatches {
            only_copies: self.only_copies,
            best_only_copies: self.best_only_copies.into_kept(),
            best_shared: self.best_shared,
            shared_matches: self.shared_matches,
        }
    }
}

/// The stories of `matches` in rank order, from `offset`, at most `limit`
/// (whose end must be at most the collector's `keep`).
pub(crate) fn page(
    matches: &StoryMatches,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> Vec<(u64, RankedStory)> {
    let mut ranked = matches.best.clone();
    let order = |a: &(u64, RankedStory), b: &(u64, RankedStory)| rank_order(sort, &a.1, &b.1);
    let end = offset.saturating_add(limit).min(ranked.len());
    if end == 0 {
        return Vec::new();
    }
    // Only the stories up to the page's end need an order.
    if end < ranked.len() {
        ranked.select_nth_unstable_by(end - 1, order);
        ranked.truncate(end);
    }
    ranked.sort_by(order);
    ranked.into_iter().skip(offset).collect()
}

/// The story of the document at `address`.
pub(crate) fn story_of(searcher: &Searcher, address: DocAddress) -> tantivy::Result<Option<u64>> {
    let segment = searcher.segment_reader(address.segment_ord);
    Ok(segment
        .fast_fields()
        .u64(names::STORY)?
        .first(address.doc_id))
}

impl StoryMatches {
    /// The matching articles of each of `stories`, oldest first (by date,
    /// then address; undated last).
    pub fn copies(
        &self,
        searcher: &Searcher,
        stories: &[u64],
    ) -> tantivy::Result<HashMap<u64, Vec<DocAddress>>> {
        let mut dates: HashMap<SegmentOrdinal, Column<tantivy::DateTime>> = HashMap::new();
        let mut by_story: HashMap<u64, Vec<(Option<tantivy::DateTime>, DocAddress)>> =
            HashMap::new();
        for (story, address) in &self.shared_matches {
            if !stories.contains(story) {
                continue;
            }
            let dates = match dates.entry(address.segment_ord) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => new.insert(
                    searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .date(names::DATE)?,
                ),
            };
            by_story
                .entry(*story)
                .or_default()
                .push((dates.first(address.doc_id), *address));
        }
        Ok(by_story
            .into_iter()
            .map(|(story, mut dated)| {
                dated.sort_by(|a, b| {
                    ranks_before(Sort::Oldest, &SortKey::Date(a.0), &SortKey::Date(b.0))
                        .then_with(|| a.1.cmp(&b.1))
                });
                (
                    story,
                    dated.into_iter().map(|(_, address)| address).collect(),
                )
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(score: f32, doc: DocId) -> RankedStory {
        RankedStory {
            key: SortKey::Score(score),
            address: DocAddress::new(0, doc),
            articles: 1,
        }
    }

    #[test]
    fn best_stories_keeps_the_best_whatever_the_order_offered() {
        // Scores with ties, offered in a scrambled order.
        let offered: Vec<RankedStory> = (0..500u32)
            .map(|doc| ranked(((doc * 7919) % 37) as f32, doc))
            .collect();
        let mut all = offered.clone();
        all.sort_by(|a, b| rank_order(Sort::Relevance, a, b));
        for keep in [0, 1, 3, 10, 499, 500, 800] {
            let mut best = BestStories::new(Sort::Relevance, keep);
            for (story, story_ranked) in offered.iter().enumerate() {
                best.offer(story as u64, *story_ranked);
            }
            let mut kept: Vec<DocAddress> = best
                .into_kept()
                .into_iter()
                .map(|(_, r)| r.address)
                .collect();
            kept.sort();
            let mut expected: Vec<DocAddress> = all.iter().take(keep).map(|r| r.address).collect();
            expected.sort();
            assert_eq!(kept, expected, "keep {keep}");
        }
    }
}
