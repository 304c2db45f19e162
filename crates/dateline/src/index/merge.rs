//! Which segments are merged after a commit.
//!
//! Every run of `dateline index` that changes something adds a segment per
//! indexing thread, and every segment is a unit of work for each query.
//! tantivy's log merge policy waits for eight segments of one size before it
//! merges them, so a few small updates left a 20,000-article index with four
//! small segments beside its two large ones, and a phrase query took 0.66
//! instead of 0.47 ms (see `docs/benchmarks.md`). Small segments are cheap
//! to merge, so they are merged as soon as there are two.
//!
//! A large run writes a segment of about 100,000 documents (some 16,000
//! articles and their quotations) each time an indexing thread's memory is
//! full, and eight of those are merged into one. Eight merged segments would
//! be merged again, all at once: past about a million articles, the end of a
//! cold index waited for one thread to rewrite the whole index (in a scaled
//! run, 8% more time and twice the peak memory, with queries no faster).
//! Segments already that large are left as they are.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Segments with fewer documents than this are small: merging them all
/// rewrites little (tantivy's smallest merge level is as large).
const SMALL_SEGMENT_DOCS: u32 = 10_000;

/// Segments with more documents than this are merged no more: more than
/// twice a segment written at once, less than eight of them merged.
const MERGED_ENOUGH_DOCS: usize = 250_000;

/// Small segments are merged together whenever there are at least two; the
/// others are left to tantivy's [`LogMergePolicy`], up to
/// [`MERGED_ENOUGH_DOCS`].
#[derive(Debug)]
pub(crate) struct MergeSmallSegments {
    larger: LogMergePolicy,
}

impl Default for MergeSmallSegments {
    fn default() -> Self {
        let mut larger = LogMergePolicy::default();
        larger.set_max_docs_before_merge(MERGED_ENOUGH_DOCS);
        MergeSmallSegments { larger }
    }
}

impl MergePolicy for MergeSmallSegments {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let (small, larger): (Vec<SegmentMeta>, Vec<SegmentMeta>) = segments
            .iter()
            .cloned()
            .partition(|segment| segment.num_docs() < SMALL_SEGMENT_DOCS);
        let mut candidates = self.larger.compute_merge_candidates(&larger);
        if small.len() >= 2 {
            candidates.push(MergeCandidate(small.iter().map(SegmentMeta::id).collect()));
        }
        candidates
    }
}

#[cfg(test)]
mod tests {
    use tantivy::index::SegmentId;
    use tantivy::Index;

    use super::*;

    fn segments(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(tantivy::schema::Schema::builder().build());
        sizes
            .iter()
            .map(|&docs| index.new_segment_meta(SegmentId::generate_random(), docs))
            .collect()
    }

    fn merged(sizes: &[u32]) -> Vec<Vec<u32>> {
        let segments = segments(sizes);
        MergeSmallSegments::default()
            .compute_merge_candidates(&segments)
            .into_iter()
            .map(|candidate| {
                candidate
                    .0
                    .iter()
                    .map(|id| segments.iter().find(|s| s.id() == *id).unwrap().max_doc())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn two_small_segments_are_merged_and_large_ones_are_left() {
        assert_eq!(merged(&[50_000, 60_000, 300, 200]), vec![vec![300, 200]]);
    }

    #[test]
    fn one_small_segment_is_left_alone() {
        assert!(merged(&[50_000, 60_000, 300]).is_empty());
        assert!(merged(&[]).is_empty());
    }

    #[test]
    fn eight_large_segments_of_one_size_are_still_merged() {
        let mut sizes = vec![20_000; 8];
        sizes.push(100);
        assert_eq!(merged(&sizes), vec![vec![20_000; 8]]);
        assert_eq!(merged(&[100_000; 8]), vec![vec![100_000; 8]]);
    }

    #[test]
    fn segments_merged_once_from_full_writes_are_not_merged_again() {
        let mut sizes = vec![850_000; 8];
        sizes.extend([100_000; 3]);
        assert!(merged(&sizes).is_empty());
    }
}
