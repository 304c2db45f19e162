//! How well indexing found the copies planted in a generated archive: the
//! pairs of articles the index puts in one story against the pairs that
//! are copies of one original.

use std::collections::HashMap;
use std::path::Path;

use dateline::index::schema::names;
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::archive::Archive;
use super::BenchError;

/// Copy detection, counted in pairs of articles.
#[derive(Debug, Clone, Serialize)]
pub struct CopyFigures {
    /// Articles planted as copies of an earlier one.
    pub planted_copies: usize,
    /// Pairs of articles that are copies of one original.
    pub true_pairs: u64,
    /// Pairs the index puts in one story.
    pub found_pairs: u64,
    /// Pairs in both.
    pub right_pairs: u64,
    /// `right_pairs / found_pairs`.
    pub precision: f64,
    /// `right_pairs / true_pairs`.
    pub recall: f64,
}

/// Compares the stories of the index in `index_dir` with the truth of
/// `archive`; articles are matched by file name (unique in a generated
/// archive) and feed line.
pub fn measure(index_dir: &Path, archive: &Archive) -> Result<CopyFigures, BenchError> {
    let truth: HashMap<(String, Option<u64>), usize> = archive
        .placed
        .iter()
        .map(|placed| {
            (
                (file_name(&placed.path.to_string_lossy()), placed.line),
                placed.story,
            )
        })
        .collect();
    let index = tantivy::Index::open_in_dir(index_dir)?;
    let schema = index.schema();
    let field = |name: &str| schema.get_field(name);
    let (path, line) = (field(names::PATH)?, field(names::LINE)?);
    let searcher = index.reader()?.searcher();
    // (found story, true story) of every article.
    let mut pairs: Vec<(u64, usize)> = Vec::with_capacity(archive.articles);
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let stories = segment.fast_fields().u64(names::STORY)?;
        for doc in segment.doc_ids_alive() {
            // Articles have a story; their quotations do not.
            let Some(story) = stories.first(doc) else {
                continue;
            };
            let address = tantivy::DocAddress::new(segment_ord as u32, doc);
            let stored: TantivyDocument = searcher.doc(address)?;
            let key = (
                file_name(
                    stored
                        .get_first(path)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default(),
                ),
                stored.get_first(line).and_then(|v| v.as_u64()),
            );
            let planted = truth.get(&key).ok_or_else(|| {
                BenchError::Source(format!("indexed article {key:?} was not generated"))
            })?;
            pairs.push((story, *planted));
        }
    }
    let found_pairs = pairs_alike(pairs.iter().map(|(found, _)| *found));
    let true_pairs = pairs_alike(pairs.iter().map(|(_, planted)| *planted));
    let right_pairs = pairs_alike(pairs.iter().copied());
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Ok(CopyFigures {
        planted_copies: archive.placed.len()
            - archive
                .placed
                .iter()
                .map(|placed| placed.story)
                .collect::<std::collections::HashSet<_>>()
                .len(),
        true_pairs,
        found_pairs,
        right_pairs,
        precision: ratio(right_pairs, found_pairs),
        recall: ratio(right_pairs, true_pairs),
    })
}

/// The number of pairs of equal keys among `keys`.
fn pairs_alike<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> u64 {
    let mut groups: HashMap<K, u64> = HashMap::new();
    for key in keys {
        *groups.entry(key).or_insert(0) += 1;
    }
    groups.values().map(|n| n * (n - 1) / 2).sum()
}

/// The last component of a stored path.
fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}
