//! What the index already holds, file by file, for incremental updates.
//!
//! The state is read from fast fields stored with every article (path, size,
//! modification time), so it is always exactly what the last commit holds:
//! there is no side file that a crash could leave out of step.

use rustc_hash::FxHashMap;
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

/// The state of every indexed file, keyed by its key (see [`super::roots`]).
/// A fast hash: an unchanged run looks up every file of the archive in it,
/// and the keys are the user's own paths, not an attacker's.
pub type FileStates = FxHashMap<String, FileState>;

/// Reads the state of every indexed file.
pub fn load(searcher: &Searcher) -> tantivy::Result<FileStates> {
    let mut files = FileStates::default();
    // Most articles are a file of their own: growing the table a file at a
    // time would move every key several times over.
    let documents: u32 = searcher
        .segment_readers()
        .iter()
        .map(|s| s.num_docs())
        .sum();
    files.reserve(documents as usize);
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(names::PATH)? else {
            continue;
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
        let complete = paths.dictionary().sorted_ords_to_term_cb(&ords, |path| {
            let Some(state) = states.next() else {
                return;
            };
            files
                .entry(String::from_utf8_lossy(path).into_owned())
                .and_modify(|known| known.articles += 1)
                .or_insert(*state);
        })?;
        if !complete {
            return Err(tantivy::TantivyError::InternalError(
                "a path ordinal is missing from the path dictionary".into(),
            ));
        }
    }
    Ok(files)
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
        let (feed_state, story_state) = (state["archive/feed.jsonl"], state["archive/story.txt"]);
        assert_eq!(state.len(), 2);
        assert_eq!(feed_state.articles, 3);
        assert_eq!(feed_state.size, std::fs::metadata(&feed).unwrap().len());
        assert_eq!(story_state.articles, 1);
        assert_eq!(story_state.size, std::fs::metadata(&story).unwrap().len());
    }
}
