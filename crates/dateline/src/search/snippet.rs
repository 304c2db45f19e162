//! Snippets: the passage of the body that best matches the query, with the
//! matched terms marked, made by tantivy's `SnippetGenerator`.

use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument};

use super::first_text;
use crate::index::ArchiveIndex;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// Makes snippets for the hits of one query.
pub struct Snippets {
    generator: Option<SnippetGenerator>,
    body: tantivy::schema::Field,
}

impl Snippets {
    /// Prepares snippets for `text_query`; without one, snippets are the
    /// opening of the body.
    pub fn new(
        searcher: &Searcher,
        archive: &ArchiveIndex,
        text_query: Option<&dyn Query>,
    ) -> tantivy::Result<Snippets> {
        let body = archive.fields.body;
        let generator = match text_query {
            Some(query) => {
                let mut generator = SnippetGenerator::create(searcher, query, body)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                Some(generator)
            }
            None => None,
        };
        Ok(Snippets { generator, body })
    }

    /// The snippet of one document and the byte ranges of its highlights.
    pub fn for_doc(&self, doc: &TantivyDocument) -> (String, Vec<[usize; 2]>) {
        if let Some(generator) = &self.generator {
            let snippet = generator.snippet_from_doc(doc);
            if !snippet.is_empty() {
                let ranges = merge_ranges(snippet.highlighted(), 0);
                return (snippet.fragment().to_string(), ranges);
            }
        }
        let body = first_text(doc, self.body).unwrap_or_default();
        (opening(&body, SNIPPET_CHARS), Vec::new())
    }
}

/// Highlight ranges sorted, with overlapping ones merged, shifted by `offset`.
pub fn merge_ranges(ranges: &[std::ops::Range<usize>], offset: usize) -> Vec<[usize; 2]> {
    let mut sorted: Vec<std::ops::Range<usize>> = ranges.to_vec();
    sorted.sort_by_key(|range| range.start);
    let mut merged: Vec<[usize; 2]> = Vec::with_capacity(sorted.len());
    for range in sorted {
        let (start, end) = (range.start + offset, range.end + offset);
        match merged.last_mut() {
            Some(last) if start <= last[1] => last[1] = last[1].max(end),
            _ => merged.push([start, end]),
        }
    }
    merged
}

/// The first `max_chars` characters of `text`, cut at a word boundary.
fn opening(text: &str, max_chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max_chars) {
        None => flat,
        Some((cut, _)) => {
            let cut = flat[..cut].rfind(' ').unwrap_or(cut);
            format!("{}…", &flat[..cut])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{merge_ranges, opening};

    #[test]
    fn overlapping_highlights_merge_and_shift() {
        assert_eq!(
            merge_ranges(&[5..9, 0..3, 7..12], 10),
            vec![[10, 13], [15, 22]]
        );
        assert_eq!(merge_ranges(&[], 0), Vec::<[usize; 2]>::new());
    }

    #[test]
    fn opening_cuts_at_a_word_boundary() {
        assert_eq!(opening("one two  three", 100), "one two three");
        assert_eq!(opening("alpha beta gamma", 12), "alpha beta…");
    }
}
