//! What the index already holds, file by file, for incremental updates.
//!
//! The state is read from fast fields stored with every article (path, size,
//! modification time), so it is always exactly what the last commit holds:
//! there is no side file that a crash could leave out of step.

use std::ops::Range;

use rayon::prelude::*;
use tantivy::{Searcher, SegmentReader};

use super::packed::PackedMap;
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

/// The state of every indexed file, keyed by its key (see [`super::roots`]).
/// A run that finds nothing changed looks up every file of the archive
/// here, so the keys are packed (see [`PackedMap`]).
#[derive(Default)]
pub struct FileStates {
    files: PackedMap<FileState>,
}

impl FileStates {
    /// Counts an article of the file `key`, indexed with `state` (the
    /// file's first article gives its state).
    fn add_article(&mut self, key: &str, state: FileState) {
        let (known, found) = self.files.get_or_insert_with(key, |_| state);
        if found {
            known.articles += 1;
        }
    }

    /// The file `key`, with its key as kept here, if it is indexed.
    pub fn get(&self, key: &str) -> Option<(&str, &FileState)> {
        self.files.get(key)
    }

    /// Every indexed file, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FileState)> + Clone {
        self.files.iter()
    }

    /// Every indexed file's key, in no order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.iter().map(|(key, _)| key)
    }

    /// Number of indexed files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is indexed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Reads the state of every indexed file.
pub fn load(searcher: &Searcher) -> tantivy::Result<FileStates> {
    // Segments are read on all cores; their files are then counted in
    // segment order, into a table made once at its final size.
    let segments: Vec<SegmentFiles> = searcher
        .segment_readers()
        .par_iter()
        .map(SegmentFiles::read)
        .collect::<tantivy::Result<_>>()?;
    let mut files = FileStates {
        files: PackedMap::with_capacity(
            segments.iter().map(|s| s.keys.len()).sum(),
            segments.iter().map(|s| s.files.len()).sum(),
        ),
    };
    for segment in &segments {
        for (key, state) in &segment.files {
            files.add_article(&segment.keys[key.clone()], *state);
        }
    }
    Ok(files)
}

/// The file of each article of one segment, in key order (the order of the
/// path dictionary), with the state it was indexed with; the keys one after
/// another in one string.
struct SegmentFiles {
    keys: String,
    files: Vec<(Range<usize>, FileState)>,
}

impl SegmentFiles {
    fn read(segment: &SegmentReader) -> tantivy::Result<SegmentFiles> {
        let mut found = SegmentFiles {
            keys: String::new(),
            files: Vec::new(),
        };
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(names::PATH)? else {
            return Ok(found);
        };
        let sizes = fast.u64(names::FILE_SIZE)?;
        let times = fast.i64(names::FILE_MODIFIED)?;
        // Only articles carry file metadata; their quotes do not.
        let mut rows: Vec<(u64, FileState)> = segment
            .doc_ids_alive()
            .filter_map(|doc| {
                let ord = paths.term_ords(doc).next()?;
                let size = sizes.first(doc)?;
                let modified_ns = times.first(doc).unwrap_or_default();
                Some((
                    ord,
                    FileState {
                        size,
                        modified_ns,
                        articles: 1,
                    },
                ))
            })
            .collect();
        // Paths are looked up in ordinal order, in one pass over the
        // dictionary: one lookup per document would decompress a dictionary
        // block each time, which made re-indexing an unchanged archive slow.
        rows.sort_unstable_by_key(|(ord, _)| *ord);
        let ords: Vec<u64> = rows.iter().map(|(ord, _)| *ord).collect();
        let mut states = rows.iter().map(|(_, state)| state);
        found.files.reserve(rows.len());
        let complete = paths.dictionary().sorted_ords_to_term_cb(&ords, |path| {
            if let Some(state) = states.next() {
                let start = found.keys.len();
                found.keys.push_str(&String::from_utf8_lossy(path));
                found.files.push((start..found.keys.len(), *state));
            }
        })?;
        if !complete {
            return Err(tantivy::TantivyError::InternalError(
                "a path ordinal is missing from the path dictionary".into(),
            ));
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::index::store::ArchiveIndex;
    use crate::index::update::{update, UpdateOptions};

    #[test]
    fn state_counts_articles_per_file_across_runs() {
        let work = tempfile::TempDir::new().unwrap();
        let archive = work.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        let feed = archive.join("feed.jsonl");
        let lines: Vec<String> = (1..=3)
            .map(|n| {
                format!(r#"{{"title":"Tide {n}","date":"2024-05-0{n}","text":"The tide rose."}}"#)
            })
            .collect();
        std::fs::write(&feed, lines.join("\n")).unwrap();
        let index = work.path().join("index");
        let roots = [archive.clone()];
        let extractor = Extractor::new();
        update(&index, &roots, &extractor, UpdateOptions::default(), &()).unwrap();
        // A second run adds a segment, so the state spans segments.
        let story = archive.join("story.txt");
        std::fs::write(&story, "date 2024-06-01 Harbor\n\nThe harbor froze.").unwrap();
        update(&index, &roots, &extractor, UpdateOptions::default(), &()).unwrap();

        let reader = ArchiveIndex::open(&index).unwrap().reader().unwrap();
        let state = load(&reader.searcher()).unwrap();
        // Keyed by the archive folder's label and the path inside it.
        let (feed_state, story_state) = (
            state.get("archive/feed.jsonl").unwrap().1,
            state.get("archive/story.txt").unwrap().1,
        );
        assert_eq!(state.len(), 2);
        assert_eq!(feed_state.articles, 3);
        assert_eq!(feed_state.size, std::fs::metadata(&feed).unwrap().len());
        assert_eq!(story_state.articles, 1);
        assert_eq!(story_state.size, std::fs::metadata(&story).unwrap().len());
    }
}
