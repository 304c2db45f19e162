//! Handing an archive to a distributed engine: every indexed article with
//! everything extracted from it, as NDJSON that Quickwit ingests as it is, or
//! as OpenSearch `_bulk` request bodies. Nothing is extracted again.
//!
//! Each document is exactly what `dateline show --json` prints for the
//! article ([`StoredArticle`]), so the engines and the CLI share one contract;
//! the index configurations in `deploy/` map every one of its fields.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::search::{SearchError, StoredArticle};

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The index could not be read.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// Writing the output failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file written to (`-` for standard output).
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// One article alone is larger than a `_bulk` chunk may be.
    #[error("article {id} takes {bytes} bytes in a _bulk request, more than the {limit}-byte chunk size; choose a larger chunk size")]
    ArticleTooLarge {
        /// The article.
        id: String,
        /// Its action and document lines, in bytes.
        bytes: usize,
        /// The chunk size.
        limit: usize,
    },
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Articles written.
    pub articles: u64,
    /// Files written (OpenSearch chunks; one for Quickwit).
    pub files: Vec<PathBuf>,
}

/// Writes every article as one JSON line to `out` (`path` names it in
/// errors): Quickwit's ingest format (`quickwit index ingest --input-path`).
pub fn write_quickwit(
    articles: impl Iterator<Item = Result<StoredArticle, SearchError>>,
    out: impl Write,
    path: &Path,
) -> Result<u64, ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut out = std::io::BufWriter::new(out);
    let mut written = 0;
    for article in articles {
        out.write_all(&json_line(&article?)).map_err(io)?;
        written += 1;
    }
    out.flush().map_err(io)?;
    Ok(written)
}

/// Writes every article as OpenSearch `_bulk` request bodies (an `index`
/// action line naming `index_name` and the article's id, then the
/// document), in files `bulk-00001.ndjson`, … in `dir`, each at most
/// `chunk_bytes` long, to be posted one by one.
pub fn write_opensearch_chunks(
    articles: impl Iterator<Item = Result<StoredArticle, SearchError>>,
    index_name: &str,
    chunk_bytes: usize,
    dir: &Path,
) -> Result<ExportSummary, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut summary = ExportSummary::default();
    let mut chunk: Vec<u8> = Vec::with_capacity(chunk_bytes.min(64 << 20));
    for article in articles {
        let article = article?;
        let mut pair = json_line(&serde_json::json!({
            "index": { "_index": index_name, "_id": article.id }
        }));
        pair.extend(json_line(&article));
        if pair.len() > chunk_bytes {
            return Err(ExportError::ArticleTooLarge {
                id: article.id,
                bytes: pair.len(),
                limit: chunk_bytes,
            });
        }
        if chunk.len() + pair.len() > chunk_bytes {
            write_chunk(dir, &mut chunk, &mut summary)?;
        }
        chunk.extend(pair);
        summary.articles += 1;
    }
    if !chunk.is_empty() {
        write_chunk(dir, &mut chunk, &mut summary)?;
    }
    Ok(summary)
}

/// Writes the next chunk file and empties `chunk`.
fn write_chunk(
    dir: &Path,
    chunk: &mut Vec<u8>,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let path = dir.join(format!("bulk-{:05}.ndjson", summary.files.len() + 1));
    std::fs::write(&path, &chunk).map_err(|source| ExportError::Io {
        path: path.clone(),
        source,
    })?;
    summary.files.push(path);
    chunk.clear();
    Ok(())
}

/// A value as one line of JSON, newline included.
fn json_line(value: &impl serde::Serialize) -> Vec<u8> {
    let mut line = serde_json::to_vec(value).expect("articles serialize to JSON");
    line.push(b'\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::StoredQuote;

    fn article(n: usize) -> StoredArticle {
        StoredArticle {
            id: format!("{n:016x}"),
            date: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
            title: format!("Harbor report {n}"),
            source: Some("Port Linden Herald".into()),
            byline: None,
            path: format!("/archive/{n}.txt"),
            line: None,
            url: None,
            people: vec!["Elena Vasquez".into()],
            organizations: vec![],
            places: vec!["Port Linden".into()],
            quotes: vec![StoredQuote {
                speaker: Some("Elena Vasquez".into()),
                text: "\"The tide is high,\"".into(),
            }],
            body: "The tide rose over the harbor wall. ".repeat(n + 1),
            text_error: None,
        }
    }

    #[test]
    fn bulk_chunks_stay_under_their_size_and_pair_actions_with_documents() {
        let dir = tempfile::tempdir().unwrap();
        let articles: Vec<StoredArticle> = (0..30).map(article).collect();
        let chunk_bytes = 4000;
        let summary = write_opensearch_chunks(
            articles.clone().into_iter().map(Ok),
            "news",
            chunk_bytes,
            dir.path(),
        )
        .unwrap();
        assert_eq!(summary.articles, 30);
        assert!(summary.files.len() > 1);
        let mut read_back = Vec::new();
        for file in &summary.files {
            let text = std::fs::read_to_string(file).unwrap();
            assert!(text.len() <= chunk_bytes, "{}", file.display());
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len() % 2, 0);
            for pair in lines.chunks(2) {
                let action: serde_json::Value = serde_json::from_str(pair[0]).unwrap();
                let doc: StoredArticle = serde_json::from_str(pair[1]).unwrap();
                assert_eq!(action["index"]["_index"], "news");
                assert_eq!(action["index"]["_id"], doc.id.as_str());
                read_back.push(doc);
            }
        }
        assert_eq!(read_back, articles);
    }

    #[test]
    fn an_article_larger_than_a_chunk_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err =
            write_opensearch_chunks(std::iter::once(Ok(article(200))), "news", 1000, dir.path())
                .unwrap_err();
        assert!(
            err.to_string().contains("choose a larger chunk size"),
            "{err}"
        );
    }

    #[test]
    fn quickwit_lines_are_the_articles() {
        let articles: Vec<StoredArticle> = (0..3).map(article).collect();
        let mut out = Vec::new();
        let written = write_quickwit(
            articles.clone().into_iter().map(Ok),
            &mut out,
            Path::new("-"),
        )
        .unwrap();
        assert_eq!(written, 3);
        let read_back: Vec<StoredArticle> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(read_back, articles);
    }
}
