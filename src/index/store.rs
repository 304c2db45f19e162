//! Opening, creating and locking the index directory.

use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError};

use super::schema::{self, Fields};

/// Why the index could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// There is no index in the directory.
    #[error("no index at {}: create one with `dateline index ARCHIVE_DIR --index {}`", dir.display(), dir.display())]
    NotFound {
        /// The directory that was looked in.
        dir: PathBuf,
    },
    /// Another process holds the writer lock.
    #[error("the index at {} is being written by another `dateline index` run; wait for it to finish, then try again", dir.display())]
    Locked {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index was written with a different schema or file format.
    #[error("the index at {} was written by a different version of dateline; rebuild it with `dateline index ARCHIVE_DIR --index {} --rebuild`", dir.display(), dir.display())]
    Incompatible {
        /// The index directory.
        dir: PathBuf,
    },
    /// A file-system operation on the index directory failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// tantivy reported an error.
    #[error("index at {}: {source}", dir.display())]
    Tantivy {
        /// The index directory.
        dir: PathBuf,
        /// The underlying error.
        #[source]
        source: TantivyError,
    },
}

/// An open index together with its directory and field handles.
pub struct ArchiveIndex {
    /// The tantivy index.
    pub index: Index,
    /// Handles to the schema's fields.
    pub fields: Fields,
    /// Where the index lives.
    pub dir: PathBuf,
}

/// Writer memory budget: enough for large segments, far from the 1 GB peak we allow.
const WRITER_MEMORY_BYTES: usize = 256 * 1024 * 1024;

impl ArchiveIndex {
    /// Opens an existing index, with errors that say how to create or rebuild one.
    pub fn open(dir: &Path) -> Result<ArchiveIndex, IndexError> {
        if !dir.join("meta.json").is_file() {
            return Err(IndexError::NotFound {
                dir: dir.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(dir).map_err(|source| tantivy_error(dir, source))?;
        let metas = index
            .load_metas()
            .map_err(|source| tantivy_error(dir, source))?;
        // An index without segments has nothing to misread, whatever wrote it.
        let same_format =
            metas.payload.as_deref() == Some(schema::FORMAT) || metas.segments.is_empty();
        if !same_format || !schema::matches(&index.schema()) {
            return Err(IndexError::Incompatible {
                dir: dir.to_path_buf(),
            });
        }
        let (_, fields) = schema::build();
        Ok(ArchiveIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// Creates an empty index in `dir`, which must not hold one already.
    pub fn create(dir: &Path) -> Result<ArchiveIndex, IndexError> {
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(dir)
            .map_err(|source| tantivy_error(dir, source))?;
        Ok(ArchiveIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// Opens the index in `dir`, creating it when there is none.
    pub fn open_or_create(dir: &Path) -> Result<ArchiveIndex, IndexError> {
        match ArchiveIndex::open(dir) {
            Err(IndexError::NotFound { .. }) => ArchiveIndex::create(dir),
            other => other,
        }
    }

    /// Takes the writer lock; a second writer gets [`IndexError::Locked`].
    pub fn writer(&self) -> Result<IndexWriter, IndexError> {
        self.index
            .writer(WRITER_MEMORY_BYTES)
            .map_err(|source| tantivy_error(&self.dir, source))
    }

    /// Commits everything `writer` was given, marked with this build's
    /// [`schema::FORMAT`], and waits for the merges that follow.
    pub fn commit(&self, mut writer: IndexWriter) -> Result<(), IndexError> {
        let tantivy = |source| tantivy_error(&self.dir, source);
        let mut commit = writer.prepare_commit().map_err(tantivy)?;
        commit.set_payload(schema::FORMAT);
        commit.commit().map_err(tantivy)?;
        writer.wait_merging_threads().map_err(tantivy)
    }

    /// A reader on the last committed state.
    pub fn reader(&self) -> Result<IndexReader, IndexError> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| tantivy_error(&self.dir, source))
    }
}

/// Maps tantivy's errors to ours, singling out the ones a user can act on.
pub(crate) fn tantivy_error(dir: &Path, source: TantivyError) -> IndexError {
    match source {
        TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked {
            dir: dir.to_path_buf(),
        },
        source => IndexError::Tantivy {
            dir: dir.to_path_buf(),
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use tantivy::TantivyDocument;

    use super::*;

    /// An index holding one document, committed with or without this
    /// build's format mark.
    fn index_with_one_document(dir: &Path, marked: bool) {
        let archive = ArchiveIndex::create(dir).unwrap();
        let mut writer = archive.writer().unwrap();
        let mut doc = TantivyDocument::default();
        doc.add_text(archive.fields.title, "Harbor news");
        writer.add_document(doc).unwrap();
        if marked {
            archive.commit(writer).unwrap();
        } else {
            writer.commit().unwrap();
        }
    }

    #[test]
    fn an_index_from_an_older_format_must_be_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        index_with_one_document(dir.path(), false);
        let err = ArchiveIndex::open(dir.path()).err().unwrap();
        assert!(matches!(err, IndexError::Incompatible { .. }), "{err}");
        assert!(err.to_string().contains("--rebuild"), "{err}");
    }

    #[test]
    fn indexes_of_this_format_open_and_so_do_empty_ones() {
        let marked = tempfile::tempdir().unwrap();
        index_with_one_document(marked.path(), true);
        assert!(ArchiveIndex::open(marked.path()).is_ok());

        let empty = tempfile::tempdir().unwrap();
        ArchiveIndex::create(empty.path()).unwrap();
        assert!(ArchiveIndex::open(empty.path()).is_ok());
    }
}
