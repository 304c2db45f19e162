//! The one article type that every format reader produces.

use std::path::PathBuf;

use chrono::NaiveDate;

/// One news article, as read from an archive file.
///
/// Every format reader (`.txt`, `.md`, `.json`, `.jsonl`, `.html`, and their
/// gzip forms) produces this type, so everything downstream is format-blind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier: the same file (and line or url, for files holding
    /// several articles) gives the same id on every run.
    pub id: String,
    /// Which of its file's articles this is, for files holding several: the
    /// record's url, else its line (JSON lines) or position (JSON array).
    /// Part of the id, which an index makes again from the file's place in
    /// its archive folder.
    pub record_key: Option<String>,
    /// The file the article was read from.
    pub path: PathBuf,
    /// 1-based line of the article's record in a JSON-lines feed, so that a
    /// user finds it among the feed's thousands; `None` for the one article
    /// of a file, and for records of a JSON array, which have no line of
    /// their own.
    pub line: Option<usize>,
    /// Publication date, if the article or its path gives one.
    pub date: Option<NaiveDate>,
    /// Headline (or caption); may be empty when the source has none.
    pub title: String,
    /// Plain text of the article body, paragraphs separated by blank lines.
    pub body: String,
    /// Canonical URL, if known.
    pub url: Option<String>,
    /// Outlet or publisher, if known.
    pub source: Option<String>,
    /// Author(s), if known.
    pub byline: Option<String>,
}
