//! Finding and reading articles: archive walking, format readers, dates.
//!
//! Every reader turns one file into zero or more [`Article`]s. Problems that
//! spoil a whole file are an [`IngestError`]; problems confined to one record
//! of a multi-article file (a bad JSON line) are [`Problem`]s next to the
//! articles that were read.

use std::path::PathBuf;

use crate::Article;

/// A file found in an archive, with the metadata used to skip it when unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: i64,
}

/// A problem with one record of a file that otherwise read fine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number, where the format has lines.
    pub line: Option<usize>,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

/// Everything read from one file.
#[derive(Debug, Clone, Default)]
pub struct FileRead {
    /// The articles found in the file.
    pub articles: Vec<Article>,
    /// Records that were skipped, or read with a caveat (lossy decoding).
    pub problems: Vec<Problem>,
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file or folder could not be opened or read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file was read but its content is not an article in its format.
    #[error("{}: {}{reason}", path.display(), line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        reason: String,
    },
}
