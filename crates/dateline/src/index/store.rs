//! Opening, creating and locking the index directory.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use std::sync::Arc;
use std::time::{Duration, Instant};

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, INDEX_WRITER_LOCK,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError};

use super::merge::MergeSmallSegments;
use super::roots::Roots;
use super::schema::{self, Fields};

/// Why the index could not be opened or written. Each message says what is
/// wrong; what to type about it is the front end's to add.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// There is no index in the directory.
    #[error("no index at {}", dir.display())]
    NotFound {
        /// The directory that was looked in.
        dir: PathBuf,
    },
    /// The index path names a file, not a folder.
    #[error("{} is a file, not an index folder", dir.display())]
    NotAFolder {
        /// The path given as the index.
        dir: PathBuf,
    },
    /// The folder holds files that an index does not write, so it is not
    /// ours to fill or to delete.
    #[error("{} holds files that are not part of a dateline index (such as {})", dir.display(), example.display())]
    NotAnIndex {
        /// The folder.
        dir: PathBuf,
        /// One of the files that are not the index's.
        example: PathBuf,
    },
    /// None of the archive folders given to `dateline index` exists.
    #[error("{}: no such file or folder; name the folder that holds the articles", roots.iter().map(|root| root.display().to_string()).collect::<Vec<_>>().join(", "))]
    ArchiveNotFound {
        /// The archive roots as given.
        roots: Vec<PathBuf>,
    },
    /// The index was written by another extractor and holds files outside
    /// the folders being indexed, which would keep the old extraction.
    #[error("the index at {} was written by another version of the extractor, and it holds articles from outside the folders given (such as {})", dir.display(), outside.display())]
    ExtractorChanged {
        /// The index directory.
        dir: PathBuf,
        /// An indexed file outside the folders given.
        outside: PathBuf,
    },
    /// Another process holds the writer lock.
    #[error("the index at {} is being written by another run", dir.display())]
    Locked {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index folder cannot be written to.
    #[error("the index at {} cannot be written (read-only file system or no permission); it can still be searched", dir.display())]
    ReadOnly {
        /// The index directory.
        dir: PathBuf,
    },
    /// The disk ran out of space while writing.
    #[error("no space left on the disk that holds {}; the previous index is intact and this run's partial files were removed", dir.display())]
    DiskFull {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index was written with a different schema or file format.
    #[error("the index at {} was written by a different version of dateline", dir.display())]
    Incompatible {
        /// The index directory.
        dir: PathBuf,
    },
    /// An index file is damaged (cut short, overwritten, not JSON).
    #[error("the index at {} is damaged ({detail})", dir.display())]
    Damaged {
        /// The index directory.
        dir: PathBuf,
        /// What tantivy found wrong, shortened.
        detail: String,
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
    pub(crate) index: Index,
    /// Handles to the schema's fields.
    pub(crate) fields: Fields,
    /// Where the index lives.
    pub(crate) dir: PathBuf,
}

/// Starts the line of a commit's payload that names the extractor.
const EXTRACTOR: &str = "extractor ";

/// Writer memory budget: segments of about 100k articles' text, and room
/// beside it, in the 1 GB a million-article run may take, for the run's
/// list of files and table of copies.
const WRITER_MEMORY_BYTES: usize = 192 * 1024 * 1024;

impl ArchiveIndex {
    /// Opens an existing index, with errors that say how to create or rebuild one.
    ///
    /// Opening takes no write lock: an index on read-only media, or shared
    /// by another user, can be searched.
    pub fn open(dir: &Path) -> Result<ArchiveIndex, IndexError> {
        if dir.is_file() {
            return Err(IndexError::NotAFolder {
                dir: dir.to_path_buf(),
            });
        }
        if !dir.join("meta.json").is_file() {
            return Err(IndexError::NotFound {
                dir: dir.to_path_buf(),
            });
        }
        let directory =
            MmapDirectory::open(dir).map_err(|source| tantivy_error(dir, source.into()))?;
        let index = Index::open(ReadableDirectory(directory))
            .map_err(|source| tantivy_error(dir, source))?;
        schema::register_tokenizers(&index);
        let metas = index
            .load_metas()
            .map_err(|source| tantivy_error(dir, source))?;
        // An index without segments has nothing to misread, whatever wrote it.
        let format = metas
            .payload
            .as_deref()
            .and_then(|payload| payload.lines().next());
        let same_format = format == Some(schema::FORMAT) || metas.segments.is_empty();
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

    /// Creates an empty index in `dir`, a new folder or one holding nothing
    /// but index files (an index that could not be opened is overwritten).
    pub fn create(dir: &Path) -> Result<ArchiveIndex, IndexError> {
        if dir.is_file() {
            return Err(IndexError::NotAFolder {
                dir: dir.to_path_buf(),
            });
        }
        if let Some(example) = foreign_file(dir)? {
            return Err(IndexError::NotAnIndex {
                dir: dir.to_path_buf(),
                example,
            });
        }
        std::fs::create_dir_all(dir).map_err(|source| write_error(dir, source))?;
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(dir)
            .map_err(|source| tantivy_error(dir, source))?;
        schema::register_tokenizers(&index);
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

    /// Deletes the index in `dir`, whatever state it is in, and creates an
    /// empty one; the user's names file stays. Refuses a folder holding
    /// other files, and an index that another run is writing.
    pub fn recreate(dir: &Path) -> Result<ArchiveIndex, IndexError> {
        if let Some(example) = foreign_file(dir)? {
            return Err(IndexError::NotAnIndex {
                dir: dir.to_path_buf(),
                example,
            });
        }
        {
            // Held while the files go, so a running writer is not pulled
            // out from under; released before the new index takes it again.
            let directory =
                MmapDirectory::open(dir).map_err(|source| tantivy_error(dir, source.into()))?;
            let _lock = directory
                .acquire_lock(&INDEX_WRITER_LOCK)
                .map_err(|source| write_lock_error(dir, TantivyError::LockFailure(source, None)))?;
            for entry in read_dir(dir)? {
                let name = entry.file_name();
                let kept = name == INDEX_WRITER_LOCK.filepath.as_os_str()
                    || crate::names::survives_rebuild(&name.to_string_lossy());
                if !kept {
                    std::fs::remove_file(entry.path())
                        .map_err(|source| write_error(&entry.path(), source))?;
                }
            }
        }
        ArchiveIndex::create(dir)
    }

    /// Takes the writer lock; a second writer gets [`IndexError::Locked`].
    /// Files a failed or killed earlier run left behind are removed first,
    /// so that a full disk is not kept full by them.
    pub(crate) fn writer(&self) -> Result<IndexWriter, IndexError> {
        let writer = self
            .index
            .writer(WRITER_MEMORY_BYTES)
            .map_err(|source| write_lock_error(&self.dir, source))?;
        writer.set_merge_policy(Box::new(MergeSmallSegments::default()));
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|source| tantivy_error(&self.dir, source))?;
        Ok(writer)
    }

    /// Commits everything `writer` was given, marked with this build's
    /// [`schema::FORMAT`] and the fingerprint of the extractor that wrote
    /// the index (see [`ArchiveIndex::extractor`]), and waits for the merges
    /// that follow. A commit that fails is abandoned (see
    /// [`ArchiveIndex::abandon`]).
    pub(crate) fn commit(
        &self,
        mut writer: IndexWriter,
        extractor: Option<&str>,
        roots: &Roots,
    ) -> Result<(), IndexError> {
        let mut payload = schema::FORMAT.to_string();
        if let Some(extractor) = extractor {
            payload.push_str(&format!("\n{EXTRACTOR}{extractor}"));
        }
        payload.push('\n');
        payload.push_str(&roots.to_payload());
        let committed = writer.prepare_commit().and_then(|mut commit| {
            commit.set_payload(&payload);
            commit.commit()
        });
        if let Err(source) = committed {
            self.abandon(writer);
            return Err(tantivy_error(&self.dir, source));
        }
        writer
            .wait_merging_threads()
            .map_err(|source| tantivy_error(&self.dir, source))
    }

    /// The archive folders of the last commit, where they were then.
    pub(crate) fn roots(&self) -> Result<Roots, IndexError> {
        let metas = self
            .index
            .load_metas()
            .map_err(|source| tantivy_error(&self.dir, source))?;
        Ok(Roots::from_payload(metas.payload.as_deref().unwrap_or("")))
    }

    /// The fingerprint of the extractor that wrote the last commit (see
    /// [`crate::extract::Extractor::fingerprint`]); `None` for an empty
    /// index or one committed before fingerprints were recorded.
    pub fn extractor(&self) -> Result<Option<String>, IndexError> {
        let metas = self
            .index
            .load_metas()
            .map_err(|source| tantivy_error(&self.dir, source))?;
        Ok(metas.payload.as_deref().and_then(|payload| {
            payload
                .lines()
                .find_map(|line| line.strip_prefix(EXTRACTOR))
                .map(str::to_string)
        }))
    }

    /// Abandons what `writer` was given and removes the files it wrote, so
    /// a failed run leaves the last commit and nothing else.
    pub(crate) fn abandon(&self, mut writer: IndexWriter) {
        // Best effort: the run has already failed with its own error.
        if writer.rollback().is_ok() {
            // A commit that failed in one of tantivy's indexing threads
            // returns without joining the others, which go on writing their
            // segments detached; their files can go once they are done.
            self.wait_until_quiet();
            let _ = writer.garbage_collect_files().wait();
        }
    }

    /// Waits until no file of the index folder has appeared, gone or
    /// changed size for a moment, or a few seconds have passed.
    fn wait_until_quiet(&self) {
        const QUIET: Duration = Duration::from_millis(300);
        const LONGEST: Duration = Duration::from_secs(10);
        let listing = || -> Vec<(std::ffi::OsString, u64)> {
            let mut files: Vec<_> = read_dir(&self.dir)
                .unwrap_or_default()
                .iter()
                .map(|entry| (entry.file_name(), entry.metadata().map_or(0, |m| m.len())))
                .collect();
            files.sort();
            files
        };
        let started = Instant::now();
        let mut before = listing();
        while started.elapsed() < LONGEST {
            std::thread::sleep(QUIET);
            let now = listing();
            if now == before {
                return;
            }
            before = now;
        }
    }

    /// A reader on the last committed state.
    pub(crate) fn reader(&self) -> Result<IndexReader, IndexError> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| tantivy_error(&self.dir, source))
    }
}

/// The entries of a folder; a folder that does not exist has none.
fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>, IndexError> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .collect::<Result<_, _>>()
            .map_err(|source| IndexError::Io {
                path: dir.to_path_buf(),
                source,
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(IndexError::Io {
            path: dir.to_path_buf(),
            source,
        }),
    }
}

/// The first entry of `dir` that an index does not write, if any: the
/// index owns its folder only when nothing else is in it.
fn foreign_file(dir: &Path) -> Result<Option<PathBuf>, IndexError> {
    Ok(read_dir(dir)?
        .into_iter()
        .find(|entry| {
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            !(is_file && is_index_file(&entry.file_name().to_string_lossy()))
        })
        .map(|entry| entry.path()))
}

/// The file beside the index where searches keep the overview of the whole
/// archive, counted once for each set of segments and names (see
/// `crate::search::summary`). Derived: a rebuild removes it.
pub(crate) const OVERVIEW_FILE: &str = "overview.json";

/// Writes `bytes` as the file `name` of the folder `dir`, whole or not at
/// all: into a temporary file named as tantivy names its own (`.tmpXXXXXX`,
/// which the index folder may hold), synced, then renamed over the old one.
/// (tantivy's own atomic write makes the file readable by its owner alone,
/// and an index shared read-only with others must stay searchable.)
pub(crate) fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), IndexError> {
    let seed = format!(
        "{name} {:?} {}",
        std::time::SystemTime::now(),
        std::process::id()
    );
    let mut hash = xxhash_rust::xxh3::xxh3_64(seed.as_bytes());
    let suffix: String = (0..6)
        .map(|_| {
            let letter = b"abcdefghijklmnopqrstuvwxyz0123456789"[(hash % 36) as usize];
            hash /= 36;
            char::from(letter)
        })
        .collect();
    let temporary = dir.join(format!(".tmp{suffix}"));
    let written = File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, dir.join(name)));
    written.map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        IndexError::Io {
            path: dir.join(name),
            source,
        }
    })
}

/// Whether a file name is one the index writes: the names files beside it
/// (see [`crate::names`]), the overview file, and those of tantivy: `meta.json`, its hidden
/// bookkeeping and lock files, segment files named by a 32-hex-digit
/// segment id (`<id>.store`, `<id>.<opstamp>.del`), and the `.tmpXXXXXX`
/// file of an atomic write (of `meta.json`), left behind when a run is
/// killed between writing it and renaming it.
fn is_index_file(name: &str) -> bool {
    if name == "meta.json"
        || name.starts_with(".managed.json")
        || name.starts_with(".tantivy-")
        || crate::names::is_names_file(name)
        || name == OVERVIEW_FILE
    {
        return true;
    }
    if let Some(random) = name.strip_prefix(".tmp") {
        return random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric());
    }
    let (id, _) = name.split_once('.').unwrap_or((name, ""));
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A directory that lets readers in where the meta lock cannot be taken
/// because the folder is read-only (archived media, another user's index).
///
/// tantivy's readers take that lock so that a writer's clean-up cannot
/// delete segment files while they are being opened; where nothing can be
/// written, nothing can be deleted either.
#[derive(Debug, Clone)]
struct ReadableDirectory(MmapDirectory);

impl Directory for ReadableDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(io)) if is_read_only(&io) && lock.is_blocking => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
}

/// Whether an I/O error means the file system refuses writes here.
fn is_read_only(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    matches!(error.kind(), PermissionDenied | ReadOnlyFilesystem)
}

/// The I/O error inside a tantivy error, where there is one.
fn io_error(error: &TantivyError) -> Option<&std::io::Error> {
    match error {
        TantivyError::IoError(io) | TantivyError::LockFailure(LockError::IoError(io), _) => {
            Some(io)
        }
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. })
        | TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. })
        | TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. }) => {
            Some(io_error)
        }
        _ => None,
    }
}

/// Whether an I/O error is, or wraps, "no space left on device".
fn is_disk_full(error: &std::io::Error) -> bool {
    // tantivy's indexing threads hand errors on wrapped in other errors.
    let mut cause = error.get_ref().map(|inner| inner as &dyn std::error::Error);
    while let Some(inner) = cause {
        if inner
            .downcast_ref::<std::io::Error>()
            .is_some_and(is_disk_full)
        {
            return true;
        }
        cause = inner.source();
    }
    error.kind() == std::io::ErrorKind::StorageFull
}

/// Whether a tantivy error that carries only text (one from an indexing or
/// merging thread) reports "no space left on device".
fn reports_disk_full(error: &TantivyError) -> bool {
    match error {
        TantivyError::InternalError(text)
        | TantivyError::ErrorInThread(text)
        | TantivyError::SystemError(text) => text.contains(&format!("(os error {})", libc::ENOSPC)),
        _ => false,
    }
}

/// An error writing to the index folder, read-only media named as such.
fn write_error(path: &Path, source: std::io::Error) -> IndexError {
    if is_read_only(&source) {
        IndexError::ReadOnly {
            dir: path.to_path_buf(),
        }
    } else {
        IndexError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// An error taking the writer lock: busy, or the folder is read-only.
fn write_lock_error(dir: &Path, source: TantivyError) -> IndexError {
    match io_error(&source) {
        Some(io) if is_read_only(io) => IndexError::ReadOnly {
            dir: dir.to_path_buf(),
        },
        _ => tantivy_error(dir, source),
    }
}

/// Maps tantivy's errors to ours, singling out the ones a user can act on.
pub(crate) fn tantivy_error(dir: &Path, source: TantivyError) -> IndexError {
    let dir = dir.to_path_buf();
    if io_error(&source).is_some_and(is_disk_full) || reports_disk_full(&source) {
        return IndexError::DiskFull { dir };
    }
    if let Some(detail) = damage(&source) {
        return IndexError::Damaged { dir, detail };
    }
    match source {
        TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked { dir },
        source => IndexError::Tantivy { dir, source },
    }
}

/// What is damaged, when the error says an index file is: unreadable JSON
/// (`meta.json`), or a file whose footer is gone (cut short, overwritten).
fn damage(error: &TantivyError) -> Option<String> {
    match error {
        TantivyError::DataCorruption(corruption) => Some(shorten(&format!("{corruption:?}"))),
        TantivyError::IncompatibleIndex(_) => {
            Some("an index file is cut short or overwritten".into())
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath })
            if io_error.kind() == std::io::ErrorKind::InvalidData =>
        {
            Some(format!(
                "{} is cut short or overwritten",
                filepath.display()
            ))
        }
        _ => None,
    }
}

/// tantivy's own words on damage, cut to a readable length.
fn shorten(detail: &str) -> String {
    const MAX_CHARS: usize = 160;
    let detail = detail.trim();
    match detail.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{}…", &detail[..end]),
        None => detail.to_string(),
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
            archive
                .commit(writer, Some("test"), &Roots::default())
                .unwrap();
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
        // What to type about it is the CLI's to add (tests/suite/index_cli.rs).
        assert!(
            err.to_string()
                .ends_with("was written by a different version of dateline"),
            "{err}"
        );
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

    #[test]
    fn the_small_segments_of_several_commits_are_merged_into_one() {
        let dir = tempfile::tempdir().unwrap();
        let archive = ArchiveIndex::create(dir.path()).unwrap();
        for title in ["Harbor news", "Harbor closed", "Harbor open again"] {
            let writer = archive.writer().unwrap();
            let mut doc = TantivyDocument::default();
            doc.add_text(archive.fields.title, title);
            writer.add_document(doc).unwrap();
            archive
                .commit(writer, Some("test"), &Roots::default())
                .unwrap();
        }
        let searcher = archive.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        assert_eq!(searcher.num_docs(), 3);
    }

    #[test]
    fn a_half_written_meta_file_of_a_killed_run_does_not_make_the_folder_foreign() {
        let dir = tempfile::tempdir().unwrap();
        // What tantivy's atomic write leaves when killed before its rename.
        std::fs::write(dir.path().join(".tmpA1b2C3"), "{\"segments\":").unwrap();
        assert!(ArchiveIndex::create(dir.path()).is_ok());
        std::fs::write(dir.path().join(".tmp-notes.txt"), "mine").unwrap();
        let err = ArchiveIndex::recreate(dir.path()).err().unwrap();
        assert!(matches!(err, IndexError::NotAnIndex { .. }), "{err}");
    }
}
