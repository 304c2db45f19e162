//! What is built from a searcher's segments once and kept until they
//! change: a `dateline serve` builds it once per commit, a command once.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::Searcher;

/// The last value built, kept while it still fits what is asked.
pub(crate) struct LastBuilt<T> {
    last: Mutex<Option<Arc<T>>>,
}

impl<T> Default for LastBuilt<T> {
    fn default() -> Self {
        LastBuilt {
            last: Mutex::new(None),
        }
    }
}

impl<T> LastBuilt<T> {
    /// The value kept if `fits` it, else a new one from `build` (while
    /// other requests wait for it), kept in its place.
    pub fn get<E>(
        &self,
        fits: impl Fn(&T) -> bool,
        build: impl FnOnce() -> Result<T, E>,
    ) -> Result<Arc<T>, E> {
        let mut last = self.last.lock().expect("cache lock");
        if let Some(kept) = last.as_ref().filter(|kept| fits(kept)) {
            return Ok(Arc::clone(kept));
        }
        let built = Arc::new(build()?);
        *last = Some(Arc::clone(&built));
        Ok(built)
    }
}

/// The segments a searcher searches.
pub(crate) fn segment_ids(searcher: &Searcher) -> BTreeSet<SegmentId> {
    searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.segment_id())
        .collect()
}
