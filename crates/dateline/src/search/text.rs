//! An article's body, read back from its file.
//!
//! The index keeps no copy of the body of an article that is a file of its
//! own: the archive already holds it, and a second copy would make the index
//! larger than the archive (see `docs/index-schema.md`, "Article text"). A
//! hit's snippet, `show` and a quotation's text read the file again with
//! the same reader that indexed it, and a hash of the body as indexed says
//! whether the file still gives that text. Records of a JSON or JSON-lines
//! file keep a stored copy ([`crate::index::schema::names::BODY_COPY`]):
//! their file may be gigabytes, read to the record's line for each hit.

use std::path::PathBuf;

use tantivy::TantivyDocument;

use super::{first_text, first_u64};
use crate::index::document::body_hash;
use crate::index::roots::Roots;
use crate::index::schema::Fields;
use crate::ingest;

/// Why an article's body could not be read back from its file.
#[derive(Debug, thiserror::Error)]
pub enum TextUnavailable {
    /// The file is not where the index last saw it.
    #[error("{} is gone (moved or deleted since it was indexed), so its text cannot be shown: put it back, or run `dateline index` on its archive folder to update the index", .path.display())]
    Missing {
        /// Where the file was.
        path: PathBuf,
    },
    /// The file is there but no longer gives the text that was indexed.
    #[error("{} changed since it was indexed, so its text as indexed cannot be shown: run `dateline index` on its archive folder to update the index", .path.display())]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("{}: {reason}, so its text cannot be shown: check the file's permissions and its disk, or run `dateline index` on its archive folder to update the index", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The document names a file of no archive folder the index knows.
    #[error("the index does not know the archive folder of {key}: run `dateline index` on the archive folder again")]
    UnknownFolder {
        /// The file's key in the index.
        key: String,
    },
}

/// The body of the article whose stored document is `doc`: its stored copy
/// if it has one, else read from its file.
pub(crate) fn body_of(
    fields: &Fields,
    roots: &Roots,
    doc: &TantivyDocument,
) -> Result<String, TextUnavailable> {
    if let Some(copy) = first_text(doc, fields.body_copy) {
        return Ok(copy);
    }
    let key = first_text(doc, fields.path).unwrap_or_default();
    let path = roots
        .path_of(&key)
        .ok_or_else(|| TextUnavailable::UnknownFolder { key: key.clone() })?;
    let read = match ingest::read_file(&path) {
        Ok(read) => read,
        Err(ingest::IngestError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Err(TextUnavailable::Missing { path });
        }
        // It was read when indexed: what no longer parses has changed.
        Err(ingest::IngestError::Parse { .. }) => return Err(TextUnavailable::Changed { path }),
        Err(e) => {
            return Err(TextUnavailable::Unreadable {
                reason: e.reason(),
                path,
            })
        }
    };
    let indexed = first_u64(doc, fields.body_hash);
    read.articles
        .into_iter()
        .map(|article| article.body)
        .find(|body| Some(body_hash(body)) == indexed)
        .ok_or(TextUnavailable::Changed { path })
}
