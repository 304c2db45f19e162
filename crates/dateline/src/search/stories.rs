//! One hit per story: the best-ranked copy of each story among the matches,
//! and the other copies of the stories on a page.
//!
//! Copies share the article field `story` (see `index::copies`), a fast
//! value that means the same in every segment, so stories are told apart
//! while the matches are collected, and paging counts stories.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

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

fn better(sort: Sort, a: &RankedStory, b: &RankedStory) -> bool {
    ranks_before(sort, &a.key, &b.key)
        .then_with(|| a.address.cmp(&b.address))
        .is_lt()
}

impl RankedStory {
    /// Takes in another part of the same story's matches.
    fn merge(&mut self, sort: Sort, other: RankedStory) {
        let articles = self.articles + other.articles;
        if better(sort, &other, self) {
            *self = other;
        }
        self.articles = articles;
    }
}

/// Collects the best copy of each story among the matches, ranked by `sort`
/// (which must not be relevance without a text query: every score is equal).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BestPerStory {
    /// How copies are ranked.
    pub sort: Sort,
}

/// [`BestPerStory`] in one segment.
pub(crate) struct SegmentBestPerStory {
    sort: Sort,
    segment: SegmentOrdinal,
    stories: Column<u64>,
    dates: Option<Column<tantivy::DateTime>>,
    best: ByStory<RankedStory>,
}

impl Collector for BestPerStory {
    type Fruit = ByStory<RankedStory>;
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
        Ok(SegmentBestPerStory {
            sort: self.sort,
            segment,
            stories: fast.u64(names::STORY)?,
            dates,
            best: ByStory::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(
        &self,
        segments: Vec<ByStory<RankedStory>>,
    ) -> tantivy::Result<ByStory<RankedStory>> {
        // The largest segment's stories are taken as they are, and room
        // made at once for the others'.
        let mut segments = segments;
        segments.sort_by_key(|stories| std::cmp::Reverse(stories.len()));
        let mut segments = segments.into_iter();
        let mut all = segments.next().unwrap_or_default();
        all.reserve(segments.as_slice().iter().map(HashMap::len).sum());
        for segment in segments {
            for (story, ranked) in segment {
                match all.entry(story) {
                    std::collections::hash_map::Entry::Occupied(mut known) => {
                        known.get_mut().merge(self.sort, ranked)
                    }
                    std::collections::hash_map::Entry::Vacant(new) => {
                        new.insert(ranked);
                    }
                }
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentBestPerStory {
    type Fruit = ByStory<RankedStory>;

    fn collect(&mut self, doc: DocId, score: Score) {
        // Every article has a story; quotations, which have none, are
        // never matched by an article query.
        let Some(story) = self.stories.first(doc) else {
            return;
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
        self.best
            .entry(story)
            .and_modify(|known| known.merge(self.sort, ranked))
            .or_insert(ranked);
    }

    fn harvest(self) -> ByStory<RankedStory> {
        self.best
    }
}

/// The stories of `best` in rank order, from `offset`, at most `limit`.
pub(crate) fn page(
    best: &ByStory<RankedStory>,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> Vec<(u64, RankedStory)> {
    let mut ranked: Vec<(u64, RankedStory)> = best.iter().map(|(s, r)| (*s, *r)).collect();
    let order = |a: &(u64, RankedStory), b: &(u64, RankedStory)| {
        ranks_before(sort, &a.1.key, &b.1.key).then_with(|| a.1.address.cmp(&b.1.address))
    };
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

/// The documents matching `query` of each of `stories`, oldest first (by
/// date, then address; undated last).
pub(crate) fn copies(
    searcher: &Searcher,
    query: &dyn Query,
    story_field: Field,
    stories: &[u64],
) -> tantivy::Result<HashMap<u64, Vec<DocAddress>>> {
    if stories.is_empty() {
        return Ok(HashMap::new());
    }
    let any_story = stories
        .iter()
        .map(|story| {
            let term = Term::from_field_u64(story_field, *story);
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    let of_stories = BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (Occur::Must, Box::new(BooleanQuery::new(any_story))),
    ]);
    let found = searcher.search(&of_stories, &DocSetCollector)?;
    let mut by_story: HashMap<u64, Vec<(Option<tantivy::DateTime>, DocAddress)>> = HashMap::new();
    let mut columns: HashMap<SegmentOrdinal, (Column<u64>, Column<tantivy::DateTime>)> =
        HashMap::new();
    for address in found {
        let (stories, dates) = match columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                new.insert((fast.u64(names::STORY)?, fast.date(names::DATE)?))
            }
        };
        if let Some(story) = stories.first(address.doc_id) {
            by_story
                .entry(story)
                .or_default()
                .push((dates.first(address.doc_id), address));
        }
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
