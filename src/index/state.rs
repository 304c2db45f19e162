//! What the index already holds, file by file, for incremental updates.
//!
//! The state is read from fast fields stored with every article (path, size,
//! modification time), so it is always exactly what the last commit holds:
//! there is no side file that a crash could leave out of step.

use std::collections::HashMap;

use tantivy::Searcher;

use super::schema::names;

/// What the index knows about one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    /// File size when it was indexed.
    pub size: u64,
    /// Modification time (ns since the epoch) when it was indexed.
    pub modified_ns: i64,
    /// Number of articles indexed from it.
    pub articles: u64,
}

/// Reads the state of every indexed file, keyed by path.
pub fn load(searcher: &Searcher) -> tantivy::Result<HashMap<String, FileState>> {
    let mut files: HashMap<String, FileState> = HashMap::new();
    let mut path = String::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(names::PATH)? else {
            continue;
        };
        let sizes = fast.u64(names::FILE_SIZE)?;
        let times = fast.i64(names::FILE_MODIFIED)?;
        for doc in segment.doc_ids_alive() {
            // Only articles carry file metadata; their quotes do not.
            let (Some(ord), Some(size)) = (paths.term_ords(doc).next(), sizes.first(doc)) else {
                continue;
            };
            paths.ord_to_str(ord, &mut path)?;
            let entry = files.entry(path.clone()).or_insert(FileState {
                size,
                modified_ns: times.first(doc).unwrap_or_default(),
                articles: 0,
            });
            entry.articles += 1;
        }
    }
    Ok(files)
}
