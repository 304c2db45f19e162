//! The real news text new articles are made from: headlines and paragraphs
//! of the source articles, read with the project's own format readers.

use std::path::{Path, PathBuf};

use super::BenchError;
use dateline::ingest;

/// Paragraphs shorter than this are datelines, captions or bylines, not prose.
const MIN_PARAGRAPH_BYTES: usize = 40;

/// One source article, cut into paragraphs.
#[derive(Debug, Clone)]
pub struct SourceArticle {
    /// Headline.
    pub title: String,
    /// Prose paragraphs, in order.
    pub paragraphs: Vec<String>,
}

/// Every source article that has a headline and prose.
#[derive(Debug, Clone)]
pub struct Pool {
    /// The articles; never empty.
    pub articles: Vec<SourceArticle>,
    /// Total bytes of their paragraphs.
    pub bytes: usize,
}

/// The default sources, relative to a checkout: the shared evaluation corpus
/// (restricted text included — read at run time, never copied into the
/// repository) when it is beside the checkout, else the bundled sample corpus.
pub fn default_sources(repo: &Path) -> Vec<PathBuf> {
    let shared = repo.join("../shared/data");
    let found: Vec<PathBuf> = [
        "corpus/wikinews.dev.jsonl",
        "restricted/corpus/polnear_articles.dev.jsonl.gz",
    ]
    .iter()
    .map(|file| shared.join(file))
    .filter(|path| path.is_file())
    .collect();
    if found.is_empty() {
        vec![repo.join("sample_corpus")]
    } else {
        found
    }
}

impl Pool {
    /// Reads every article file under `sources` (files or folders).
    pub fn load(sources: &[PathBuf]) -> Result<Pool, BenchError> {
        let discovery = ingest::discover(sources);
        if let Some(error) = discovery.errors.first() {
            return Err(BenchError::Source(error.to_string()));
        }
        let mut articles = Vec::new();
        for file in &discovery.files {
            let read =
                ingest::read_file(&file.path).map_err(|e| BenchError::Source(e.to_string()))?;
            articles.extend(read.articles.into_iter().filter_map(|article| {
                let paragraphs = paragraphs(&article.body, &article.title);
                (!article.title.is_empty() && !paragraphs.is_empty()).then_some(SourceArticle {
                    title: article.title,
                    paragraphs,
                })
            }));
        }
        if articles.is_empty() {
            return Err(BenchError::Source(format!(
                "no article with a headline and prose in {sources:?}"
            )));
        }
        let bytes = articles
            .iter()
            .flat_map(|a| &a.paragraphs)
            .map(String::len)
            .sum();
        Ok(Pool { articles, bytes })
    }
}

/// The prose paragraphs of a body: sources put one paragraph per line or
/// separate them by blank lines, so every non-empty line is a candidate.
fn paragraphs(body: &str, title: &str) -> Vec<String> {
    body.lines()
        .map(str::trim)
        .filter(|line| line.len() >= MIN_PARAGRAPH_BYTES && *line != title && line.contains(' '))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_corpus_gives_a_pool() {
        let repo = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let pool = Pool::load(&[repo.join("sample_corpus")]).unwrap();
        assert!(pool.articles.len() > 40);
        assert!(pool.bytes > 50_000);
    }

    #[test]
    fn short_lines_and_the_headline_are_not_paragraphs() {
        let body = "Headline\nOctober 3\nA sentence long enough to be a paragraph of prose.\n\nAnother one, also long enough to count as prose.";
        assert_eq!(paragraphs(body, "Headline").len(), 2);
    }
}
