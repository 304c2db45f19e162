//! Interim readers (seed .txt and .jsonl only) until the full readers land.

use std::path::{Path, PathBuf};

use super::{FileRead, IngestError, SourceFile};
use crate::Article;

/// Files found under the roots, and the problems met while walking.
pub struct Discovery {
    /// Article files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Roots or entries that could not be read.
    pub errors: Vec<IngestError>,
}

/// Walks the roots for article files.
pub fn discover(roots: &[PathBuf]) -> Discovery {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        let root = match std::fs::canonicalize(root) {
            Ok(root) => root,
            Err(source) => {
                errors.push(IngestError::Io {
                    path: root.clone(),
                    source,
                });
                continue;
            }
        };
        for entry in walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .flatten()
        {
            if entry.file_type().is_file() && is_article_file(entry.path()) {
                let meta = entry.metadata().unwrap();
                let modified_ns = meta
                    .modified()
                    .unwrap()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as i64;
                files.push(SourceFile {
                    path: entry.path().to_path_buf(),
                    size: meta.len(),
                    modified_ns,
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Discovery { files, errors }
}

/// Whether the file has a supported extension.
pub fn is_article_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "jsonl")
    )
}

/// Stable id of an article.
pub fn article_id(path: &Path, key: Option<&str>) -> String {
    let mut s = path.to_string_lossy().into_owned();
    if let Some(key) = key {
        s.push('#');
        s.push_str(key);
    }
    format!("{:016x}", s.len())
}

/// Reads one file.
pub fn read_file(path: &Path) -> Result<FileRead, IngestError> {
    let text = std::fs::read_to_string(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut read = FileRead::default();
    if path.extension().and_then(|e| e.to_str()) == Some("jsonl") {
        for (i, line) in text.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            read.articles.push(Article {
                id: article_id(path, Some(&(i + 1).to_string())),
                path: path.to_path_buf(),
                date: v["date"]
                    .as_str()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                title: v["title"].as_str().unwrap_or_default().to_string(),
                body: v["text"].as_str().unwrap_or_default().to_string(),
                url: v["url"].as_str().map(String::from),
                source: v["source"].as_str().map(String::from),
                byline: None,
            });
        }
        return Ok(read);
    }
    let (first, body) = text.split_once('\n').unwrap_or((&text, ""));
    let mut parts = first.splitn(3, ' ');
    let (date, title) = match (parts.next(), parts.next(), parts.next()) {
        (Some("date"), Some(d), rest) => (
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
            rest.unwrap_or_default(),
        ),
        _ => (None, first),
    };
    read.articles.push(Article {
        id: article_id(path, None),
        path: path.to_path_buf(),
        date,
        title: title.trim().to_string(),
        body: body.trim().to_string(),
        url: None,
        source: None,
        byline: None,
    });
    Ok(read)
}
