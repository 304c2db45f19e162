//! Which segments are merged after a commit.
//!
//! Every run of `dateline index` that changes something adds a segment per
//! indexing thread, and every segment is a unit of work for each query.
//! tantivy's log merge policy waits for eight segments of one size before it
//! merges them, so a few small updates left a 20,000-article index with four
//! small segments beside its two large ones, and a phrase query took 0.66
//! instead of 0.47 ms (see `docs/benchmarks.md`). Small segments are cheap
//! to merge, so they are merged as soon as there are two.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Segments with fewer documents than this are small: merging them all
/// rewrites little (tantivy's smallest merge level is as large).
const SMALL_SEGMENT_DOCS: u32 = 10_000;

/// Small segments are merged together whenever there are at least two; the
/// others are left to tantivy's [`LogMergePolicy`].
#[derive(Debug, Default)]
pub(crate) struct MergeSmallSegments {
    larger: LogMergePolicy,
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
    }
}
