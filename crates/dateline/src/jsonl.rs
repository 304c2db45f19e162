//! Reading JSON Lines files: the one error type shared by the reader of
//! annotated documents ([`crate::gold`]) and the training lists
//! ([`crate::extract::train`]).

use std::path::{Path, PathBuf};
use thiserror::Error;

/// Errors reading a JSONL file (gold documents, training data, gazetteers).
#[derive(Debug, Error)]
pub enum JsonlError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line is not a valid document.
    #[error("{path}:{line}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The cause.
        source: serde_json::Error,
    },
    /// A line of a plain list does not have the expected fields.
    #[error("{path}:{line}: expected {expected}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What the line should look like.
        expected: &'static str,
    },
}

/// The whole file as text, gunzipped when its name ends in `.gz`.
pub fn read_text(path: &Path) -> Result<String, JsonlError> {
    let io = |source| JsonlError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        let file = std::fs::File::open(path).map_err(io)?;
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut text)
            .map_err(io)?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(io)
}

/// Parses line `line` (1-based) of `path`.
pub fn parse_line<T: serde::de::DeserializeOwned>(
    path: &Path,
    line: usize,
    text: &str,
) -> Result<T, JsonlError> {
    serde_json::from_str(text).map_err(|source| JsonlError::Json {
        path: path.to_path_buf(),
        line,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file_and_line() {
        let path = Path::new("/nonexistent/file.jsonl");
        let err = read_text(path).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("cannot read /nonexistent/file.jsonl"));
        let err = parse_line::<serde_json::Value>(path, 3, "{").unwrap_err();
        assert!(err.to_string().starts_with("/nonexistent/file.jsonl:3:"));
    }
}
