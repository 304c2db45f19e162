//! Bringing the index in line with the archive folders: new files are added,
//! changed files replaced, deleted files removed, unchanged files skipped.
//!
//! All changes of a run go into one commit, so an interrupted run leaves the
//! previous commit in place, whole and searchable. The names merged across
//! the archive are computed again after the commit (see [`crate::names`]).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;
use tantivy::indexer::UserOperation;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Term};

use super::copies::{Signature, StoryFinder};
use super::document;
use super::path_key::inside;
use super::roots::{Located, Moved, Roots};
use super::schema::kinds;
use super::state::{self, FileState, FileStates};
use super::store::{tantivy_error, ArchiveIndex, IndexError};
use crate::extract::Extract;
use crate::ingest::{self, SourceFile};
use crate::Article;

/// How to run an update.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpdateOptions {
    /// Drop everything indexed before and read every file again.
    pub rebuild: bool,
    /// How much of a file the readers hold in memory at most.
    pub limits: ingest::Limits,
}

/// Receives progress while files are read; the CLI draws a bar with it.
pub trait Progress: Sync {
    /// Reading starts: this many files and bytes are to be read.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// This many more bytes of the files have been read.
    fn advance(&self, _bytes: u64) {}
    /// Reading is over; committing follows.
    fn finish(&self) {}
}

/// Progress that goes nowhere.
impl Progress for () {}

/// A file that could not be indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedFile {
    /// The file.
    pub path: String,
    /// What went wrong, in words a user can act on.
    pub reason: String,
}

/// An entry of the archive that is not read: a special file, a link to a
/// folder, a broken link, a link to a file read already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// The entry.
    pub path: String,
    /// Why it is not read.
    pub reason: String,
}

/// A caveat about a file that was indexed (a skipped record, lossy decoding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileWarning {
    /// The file.
    pub path: String,
    /// 1-based line, where it applies.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
}

/// What an update did. Counts are articles, except where named otherwise.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSummary {
    /// Articles from new files.
    pub indexed: u64,
    /// Articles from changed files (replacing their previous versions).
    pub updated: u64,
    /// Articles removed because their file is gone.
    pub removed: u64,
    /// Articles in files that had not changed and were not read.
    pub unchanged: u64,
    /// Records that were skipped inside files that were otherwise read.
    pub skipped: u64,
    /// Articles read in this run that have no date.
    pub undated: u64,
    /// Files that could not be indexed.
    pub failed: Vec<FailedFile>,
    /// Caveats about files that were indexed.
    pub warnings: Vec<FileWarning>,
    /// Entries of the archive that are not read, and why.
    pub skipped_files: Vec<SkippedFile>,
    /// Number of files read in this run.
    pub files_read: u64,
    /// Bytes of those files.
    pub bytes_read: u64,
    /// Articles in the index after the update.
    pub total_articles: u64,
    /// Wall-clock time of the run, in seconds.
    pub elapsed_s: f64,
    /// Bytes read per second, in MB (10^6 bytes).
    pub mb_per_s: f64,
    /// Articles read per second.
    pub articles_per_s: f64,
    /// Whether the index had been written by another extractor (an older
    /// model or rule set), so that every file was read and extracted again.
    pub extractor_changed: bool,
    /// Archive folders found at a new place: their articles keep their ids.
    pub moved: Vec<MovedFolder>,
}

/// An archive folder that was indexed at one place and found at another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedFolder {
    /// Where the index had it.
    pub from: String,
    /// Where it is now.
    pub to: String,
}

impl From<Moved> for MovedFolder {
    fn from(moved: Moved) -> MovedFolder {
        MovedFolder {
            from: moved.from.to_string_lossy().into_owned(),
            to: moved.to.to_string_lossy().into_owned(),
        }
    }
}

/// What every file of a run is indexed with.
struct Run<'a> {
    writer: &'a IndexWriter,
    archive: &'a ArchiveIndex,
    extractor: &'a dyn Extract,
    /// Caps on what one file may make the run read.
    limits: ingest::Limits,
    /// Unique to this run, so the documents it writes are a new version of
    /// their file whatever was indexed before.
    stamp: String,
    /// The stories of the articles, committed and of this run.
    stories: StoryFinder,
}

/// Whether a file is new to the index or replaces an indexed version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    New,
    /// Changed since it was indexed, or indexed by another extractor.
    Modified,
}

/// What reading one file gave.
enum FileOutcome {
    Indexed {
        articles: u64,
        undated: u64,
        skipped: u64,
        warnings: Vec<FileWarning>,
    },
    /// With the caveats and skipped records found before it failed.
    Failed(FailedFile, Vec<FileWarning>),
}

/// A file found, against what the index holds.
enum Checked<'k> {
    /// Indexed as it is now, with so many articles.
    Unchanged(&'k str, u64),
    /// To read, and its key if it was indexed before.
    Read(Option<&'k str>, Change),
    /// Under no archive folder being indexed.
    Outside,
}

impl<'k> Checked<'k> {
    /// The file's key, if the index has it.
    fn known_key(&self) -> Option<&'k str> {
        match self {
            Checked::Unchanged(key, _) | Checked::Read(Some(key), _) => Some(key),
            Checked::Read(None, _) | Checked::Outside => None,
        }
    }
}

/// What the files read gave, added up in the order of the files.
#[derive(Default)]
struct Outcomes {
    indexed: u64,
    updated: u64,
    undated: u64,
    skipped: u64,
    failed: Vec<FailedFile>,
    warnings: Vec<FileWarning>,
    /// Whether a changed file that failed keeps its previous version (in a
    /// run that re-extracts, that version is another extractor's).
    kept_old_extraction: bool,
}

impl Outcomes {
    /// These outcomes and that of one file, new or changed as `change` says.
    fn add(mut self, (change, outcome): (Change, FileOutcome)) -> Outcomes {
        match outcome {
            FileOutcome::Indexed {
                articles,
                undated,
                skipped,
                warnings,
            } => {
                match change {
                    Change::New => self.indexed += articles,
                    Change::Modified => self.updated += articles,
                }
                self.undated += undated;
                self.skipped += skipped;
                self.warnings.extend(warnings);
            }
            FileOutcome::Failed(failed, warnings) => {
                self.kept_old_extraction |= change == Change::Modified;
                self.failed.push(failed);
                self.warnings.extend(warnings);
            }
        }
        self
    }

    /// These outcomes, then `later`'s.
    fn join(mut self, later: Outcomes) -> Outcomes {
        self.indexed += later.indexed;
        self.updated += later.updated;
        self.undated += later.undated;
        self.skipped += later.skipped;
        self.failed.extend(later.failed);
        self.warnings.extend(later.warnings);
        self.kept_old_extraction |= later.kept_old_extraction;
        self
    }

    /// Adds these outcomes to `summary`.
    fn into_summary(self, summary: &mut UpdateSummary) {
        summary.indexed += self.indexed;
        summary.updated += self.updated;
        summary.undated += self.undated;
        summary.skipped += self.skipped;
        summary.failed.extend(self.failed);
        summary.warnings.extend(self.warnings);
    }
}

/// Updates the index in `dir` from the archive folders `roots`.
pub fn update(
    dir: &Path,
    roots: &[PathBuf],
    extractor: &dyn Extract,
    options: UpdateOptions,
    progress: &dyn Progress,
) -> Result<UpdateSummary, IndexError> {
    let started = Instant::now();
    if !roots.iter().any(|root| root.exists()) {
        return Err(IndexError::ArchiveNotFound {
            roots: roots.to_vec(),
        });
    }
    let archive = open_for_update(dir, options.rebuild)?;
    let writer = archive.writer()?;
    // What the index holds is read while the archive is walked: on an
    // unchanged archive, the two are most of a run.
    let (committed, discovery) = rayon::join(
        || {
            // A rebuild starts over: its articles find copies only among themselves.
            if options.rebuild {
                writer
                    .delete_all_documents()
                    .map(|_| (Default::default(), Roots::default(), None))
                    .map_err(|source| tantivy_error(dir, source))
            } else {
                archive.reader().and_then(|reader| {
                    let searcher = reader.searcher();
                    let known =
                        state::load(&searcher).map_err(|source| tantivy_error(dir, source))?;
                    Ok((known, archive.roots()?, Some(searcher)))
                })
            }
        },
        || ingest::discover(roots),
    );
    let (known, committed) = match committed {
        Ok((known, folders, committed)) => (Ok((known, folders)), committed),
        Err(error) => (Err(error), None),
    };
    let absolute_roots: Vec<PathBuf> = roots
        .iter()
        .filter_map(|root| std::fs::canonicalize(root).ok())
        .collect();
    let known = known.and_then(|(known, mut folders)| {
        let moved = folders.bind(&absolute_roots, known.keys());
        let previous = archive.extractor()?;
        let changed = !known.is_empty() && previous.as_deref() != Some(extractor.fingerprint());
        if changed {
            let outside = known
                .keys()
                .filter_map(|key| folders.path_of(key))
                .find(|path| !absolute_roots.iter().any(|root| path.starts_with(root)));
            if let Some(outside) = outside {
                return Err(IndexError::ExtractorChanged {
                    dir: dir.to_path_buf(),
                    outside,
                });
            }
        }
        Ok((known, folders, moved, previous, changed))
    });
    let (known, folders, moved, previous_extractor, reextract) = match known {
        Ok(known) => known,
        Err(error) => {
            archive.abandon(writer);
            return Err(error);
        }
    };

    let mut summary = UpdateSummary {
        extractor_changed: reextract,
        moved: moved.into_iter().map(MovedFolder::from).collect(),
        ..UpdateSummary::default()
    };
    summary
        .failed
        .extend(discovery.errors.iter().map(|error| FailedFile {
            path: error.path().to_string_lossy().into_owned(),
            reason: error.reason(),
        }));
    let index_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    summary.skipped_files = discovery
        .skipped
        .iter()
        .filter(|skipped| !skipped.path.starts_with(&index_dir))
        .map(|skipped| SkippedFile {
            path: skipped.path.to_string_lossy().into_owned(),
            reason: skipped.reason.clone(),
        })
        .collect();
    // Every file found is under a folder that `bind` made known. A file's
    // key and id are worked out again when it is read, rather than kept for
    // every file of the archive (about 130 bytes a file).
    let mut files = discovery.files;
    files.retain(|file| inside(&file.path, &index_dir).is_none());
    let checked: Vec<Checked> = files
        .par_iter()
        .map_init(String::new, |key, file| {
            if !folders.key_into(&file.path, key) {
                return Checked::Outside;
            }
            match known.get(key.as_str()) {
                Some((key, state)) if !reextract && is_unchanged(state, file) => {
                    Checked::Unchanged(key, state.articles)
                }
                Some((key, _)) => Checked::Read(Some(key), Change::Modified),
                None => Checked::Read(None, Change::New),
            }
        })
        .collect();
    let mut to_read = Vec::new();
    for (file, checked) in files.iter().zip(&checked) {
        match checked {
            Checked::Unchanged(_, articles) => summary.unchanged += articles,
            Checked::Read(_, change) => to_read.push((file, *change)),
            Checked::Outside => {}
        }
    }
    let present = checked.iter().filter_map(Checked::known_key);
    summary.removed = remove_deleted(
        &writer,
        &archive,
        &known,
        &folders,
        &absolute_roots,
        present,
    );
    drop(checked);
    free_in_background(known);

    summary.files_read = to_read.len() as u64;
    summary.bytes_read = to_read.iter().map(|(file, _)| file.size).sum();
    let stamp = run_stamp();
    // The committed articles' bands are read only when there is something to read.
    let committed = committed.filter(|_| !to_read.is_empty());
    let stories = match StoryFinder::new(committed, archive.fields.story, &stamp, to_read.len()) {
        Ok(stories) => stories,
        Err(source) => {
            archive.abandon(writer);
            return Err(tantivy_error(dir, source));
        }
    };
    progress.start(to_read.len(), summary.bytes_read);
    let run = Run {
        writer: &writer,
        archive: &archive,
        extractor,
        limits: options.limits,
        stories,
        stamp,
    };
    let outcomes = to_read
        .par_iter()
        .filter_map(|(file, change)| Some((file, folders.locate(&file.path)?, *change)))
        .map(|(file, place, change)| (change, index_file(&run, file, &place, change, progress)))
        .fold(Outcomes::default, Outcomes::add)
        .reduce(Outcomes::default, Outcomes::join);
    progress.finish();
    // The run's table of copies is not needed to commit; freed first, it
    // does not add to the memory that committing and the names take.
    drop(run);
    drop(to_read);
    free_in_background(files);
    let kept_old_extraction = outcomes.kept_old_extraction;
    outcomes.into_summary(&mut summary);

    // The index is marked as the new extractor's only once nothing of the
    // old one is left, so that a run that could not re-read every file is
    // followed by one that re-extracts again.
    let written_by = if reextract && kept_old_extraction {
        previous_extractor.as_deref()
    } else {
        Some(extractor.fingerprint())
    };
    let previous_commit = crate::names::last_commit(&archive)?;
    archive.commit(writer, written_by, &folders)?;
    let documents_changed = options.rebuild || summary.files_read > 0 || summary.removed > 0;
    if documents_changed {
        crate::names::refresh(&archive)?;
    } else {
        crate::names::carry_over(&archive, previous_commit)?;
    }
    summary.total_articles = count_articles(&archive)?;
    summary.elapsed_s = started.elapsed().as_secs_f64();
    let seconds = summary.elapsed_s.max(1e-9);
    summary.mb_per_s = summary.bytes_read as f64 / 1e6 / seconds;
    summary.articles_per_s = (summary.indexed + summary.updated) as f64 / seconds;
    Ok(summary)
}

/// Frees a large table on a thread of its own: a million file states or
/// paths take a noticeable part of a run that finds nothing changed to
/// free, and the run, often about to exit, need not wait for that. When no
/// thread can be started, the table is freed here.
fn free_in_background<T: Send + 'static>(table: T) {
    let _detached = std::thread::Builder::new()
        .name("free".to_string())
        .spawn(move || drop(table));
}

/// Number of articles (not quotes) in the committed index.
fn count_articles(archive: &ArchiveIndex) -> Result<u64, IndexError> {
    let searcher = archive.reader()?.searcher();
    let articles = tantivy::query::TermQuery::new(
        Term::from_field_text(archive.fields.kind, kinds::ARTICLE),
        tantivy::schema::IndexRecordOption::Basic,
    );
    searcher
        .search(&articles, &tantivy::collector::Count)
        .map(|count| count as u64)
        .map_err(|source| tantivy_error(&archive.dir, source))
}

/// Opens the index for an update; a rebuild also starts over from an index
/// written by another version or damaged, which could not be updated in place.
fn open_for_update(dir: &Path, rebuild: bool) -> Result<ArchiveIndex, IndexError> {
    match ArchiveIndex::open_or_create(dir) {
        Err(IndexError::Incompatible { .. } | IndexError::Damaged { .. }) if rebuild => {
            ArchiveIndex::recreate(dir)
        }
        other => other,
    }
}

fn is_unchanged(state: &FileState, file: &SourceFile) -> bool {
    state.size == file.size && state.modified_ns == file.modified_ns
}

/// Deletes the articles of indexed files that are gone from the archive
/// folders being indexed, `roots` made absolute (files under other folders
/// are left alone).
fn remove_deleted<'k>(
    writer: &IndexWriter,
    archive: &ArchiveIndex,
    known: &FileStates,
    folders: &Roots,
    roots: &[PathBuf],
    present: impl Iterator<Item = &'k str>,
) -> u64 {
    if known.is_empty() {
        return 0;
    }
    // Each file has its own key, and a present file's key is a known one:
    // as many present as known means that none is gone.
    let present: Vec<&str> = present.collect();
    if present.len() == known.len() {
        return 0;
    }
    let present: FxHashSet<&str> = present.into_iter().collect();
    let mut removed = 0;
    // Files still present are most of them: that test comes first, before
    // the path of the key is worked out.
    for (key, state) in known.iter().filter(|(key, _)| !present.contains(key)) {
        let under_roots = folders
            .path_of(key)
            .is_some_and(|path| roots.iter().any(|root| path.starts_with(root)));
        if under_roots {
            writer.delete_term(Term::from_field_text(archive.fields.path, key));
            removed += state.articles;
        }
    }
    removed
}

/// Reads, extracts and adds one file, a part at a time (see
/// [`ingest::read_parts`]), extracting each part's articles in parallel.
/// A file goes in whole or not at all: a changed file's old documents are
/// deleted (by their file version) once its new version is in, and a read
/// error part-way deletes what was added of the new version, so the file
/// keeps its last good articles and is read again on the next run.
/// `progress` advances part by part, so a large dump moves the bar too.
fn index_file(
    run: &Run,
    file: &SourceFile,
    place: &Located,
    change: Change,
    progress: &dyn Progress,
) -> FileOutcome {
    let mut reported = 0;
    let outcome = index_parts(run, file, place, change, &mut |read| {
        let now = read.min(file.size);
        progress.advance(now.saturating_sub(reported));
        reported = now;
    });
    progress.advance(file.size.saturating_sub(reported));
    outcome
}

/// The work of [`index_file`], reporting the bytes of the file read after each part.
fn index_parts(
    run: &Run,
    file: &SourceFile,
    place: &Located,
    change: Change,
    read_up_to: &mut dyn FnMut(u64),
) -> FileOutcome {
    let key = &place.key;
    let path = file.path.to_string_lossy().into_owned();
    let failed = |reason: String, warnings: Vec<FileWarning>| {
        let path = path.clone();
        FileOutcome::Failed(FailedFile { path, reason }, warnings)
    };
    let parts = match ingest::read_parts(&file.path, run.limits) {
        Ok(parts) => parts,
        Err(error) => return failed(error.reason(), Vec::new()),
    };
    let file_read = parts.read_progress();
    let version = document::file_version(key, &run.stamp);
    let new_version = Term::from_field_text(run.archive.fields.file_version, &version);
    // Deletes what was added of the new version, then reports the file.
    let give_up = |reason: String, warnings: Vec<FileWarning>| {
        run.writer.delete_term(new_version.clone());
        failed(reason, warnings)
    };
    let (mut articles, mut undated, mut skipped) = (0, 0, 0);
    let mut warnings: Vec<FileWarning> = Vec::new();
    // Why the first record left out was, for a file of which none is read.
    let mut first_skip = None;
    for part in parts {
        read_up_to(file_read.bytes());
        let mut part = match part {
            Ok(part) => part,
            Err(error) if articles == 0 => return failed(error.reason(), warnings),
            Err(error) => {
                let kept = match change {
                    Change::New => "nothing of it is indexed",
                    Change::Modified => "its previous version stays indexed",
                };
                let reason = error.reason();
                return give_up(
                    format!("{reason} (after {articles} articles; {kept}, and it is read again on the next run)"),
                    warnings,
                );
            }
        };
        if first_skip.is_none() {
            first_skip = part
                .problems
                .iter()
                .find(|problem| !problem.caveat)
                .cloned();
        }
        warnings.extend(part.problems.iter().map(|problem| FileWarning {
            path: path.clone(),
            line: problem.line,
            message: problem.message.clone(),
        }));
        skipped += part.skipped as u64;
        if part.articles.is_empty() {
            continue;
        }
        for article in &mut part.articles {
            article.id = ingest::article_id(&place.id_base, article.record_key.as_deref());
        }
        let added = part
            .articles
            .par_iter()
            .try_for_each(|article| add_article(run, file, key, &version, article));
        if let Err(error) = added {
            return give_up(format!("could not add to the index: {error}"), warnings);
        }
        articles += part.articles.len() as u64;
        undated += part.articles.iter().filter(|a| a.date.is_none()).count() as u64;
    }
    if articles == 0 {
        let reason = nothing_read(first_skip, skipped);
        return failed(reason, warnings);
    }
    if change == Change::Modified {
        if let Err(error) = delete_other_versions(run, key, &new_version) {
            return give_up(
                format!("could not replace its previous version: {error}"),
                warnings,
            );
        }
    }
    FileOutcome::Indexed {
        articles,
        undated,
        skipped,
        warnings,
    }
}

/// A value no other run has: the time and the process.
fn run_stamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!(
        "{}.{} {}",
        now.as_secs(),
        now.subsec_nanos(),
        std::process::id()
    )
}

/// Deletes the documents of the file with this path key that are not of
/// `version`: its previous version, whichever extractor wrote it. A delete
/// applies to documents added before it, so the new version is not at risk.
fn delete_other_versions(run: &Run, key: &str, version: &Term) -> tantivy::Result<()> {
    let term =
        |term| -> Box<dyn Query> { Box::new(TermQuery::new(term, IndexRecordOption::Basic)) };
    let fields = &run.archive.fields;
    let others = BooleanQuery::new(vec![
        (Occur::Must, term(Term::from_field_text(fields.path, key))),
        (Occur::MustNot, term(version.clone())),
    ]);
    run.writer.delete_query(Box::new(others)).map(drop)
}

/// Extracts one article and adds it and its quotations to the index.
fn add_article(
    run: &Run,
    file: &SourceFile,
    file_key: &str,
    version: &str,
    article: &Article,
) -> tantivy::Result<()> {
    let text = document::extraction_text(article);
    let extraction = run.extractor.extract(&text);
    let entities = extraction.entities(&text);
    let signature = Signature::of(&article.body);
    let story = run.stories.story_of(&article.id, signature.as_ref())?;
    let source = document::Extracted {
        file,
        file_key,
        version,
        article,
        text: &text,
        extraction: &extraction,
        entities: &entities,
        story,
        copy_bands: signature.as_ref().map_or(&[], |s| s.bands()),
    };
    // One batch: an article and its quotations stay neighbours in one segment.
    let docs = document::documents(&run.archive.fields, &source);
    run.writer
        .run(docs.into_iter().map(UserOperation::Add))
        .map(drop)
}

/// Why a file that was read gave no article: the first record left out
/// (not a caveat such as lossy decoding), and how many more there were.
fn nothing_read(first_skip: Option<ingest::Problem>, skipped: u64) -> String {
    let Some(first) = first_skip else {
        return "no article found in the file".to_string();
    };
    let line = first
        .line
        .map(|l| format!("line {l}: "))
        .unwrap_or_default();
    let more = match skipped.saturating_sub(1) {
        0 => String::new(),
        more => format!(" (and {more} more records left out, listed as warnings)"),
    };
    format!("no article could be read: {line}{}{more}", first.message)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;
    use crate::extract::stand_in::FixedNames;
    use crate::extract::Extractor;

    #[derive(Default)]
    struct Recorded {
        planned: AtomicU64,
        advanced: AtomicU64,
    }

    impl Progress for Recorded {
        fn start(&self, _files: usize, bytes: u64) {
            self.planned.store(bytes, Ordering::Relaxed);
        }
        fn advance(&self, bytes: u64) {
            self.advanced.fetch_add(bytes, Ordering::Relaxed);
        }
    }

    fn gzip(text: &str) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text.as_bytes()).unwrap();
        gz.finish().unwrap()
    }

    fn feed(stories: std::ops::Range<usize>, word: &str) -> String {
        stories
            .map(|n| {
                format!("{{\"title\":\"Report {n}\",\"date\":\"2024-05-01\",\"text\":\"The {word} rose {n} times over the harbor wall.\"}}\n")
            })
            .collect()
    }

    /// Articles of the index in `index` matching `filters`.
    fn matching(index: &Path, filters: crate::search::Filters) -> usize {
        let searcher = crate::search::ArchiveSearcher::open(index).unwrap();
        let request = crate::search::SearchRequest {
            filters,
            ..Default::default()
        };
        searcher.search(&request).unwrap().total
    }

    fn total(index: &Path, word: &str) -> usize {
        matching(
            index,
            crate::search::Filters {
                query: Some(word.to_string()),
                ..Default::default()
            },
        )
    }

    #[test]
    fn a_file_cut_short_part_way_goes_in_whole_or_not_at_all() {
        let work = tempfile::TempDir::new().unwrap();
        let archive = work.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        let path = archive.join("feed.jsonl.gz");
        let index = work.path().join("index");
        let roots = [archive.clone()];
        let extractor = Extractor::new();
        let run = || update(&index, &roots, &extractor, UpdateOptions::default(), &()).unwrap();

        // Cut short after several parts: nothing of it goes in.
        let long = gzip(&feed(0..40, "tide"));
        std::fs::write(&path, &long[..long.len() * 2 / 3]).unwrap();
        let summary = run();
        assert_eq!((summary.indexed, summary.failed.len()), (0, 1));
        assert!(
            summary.failed[0]
                .reason
                .contains("read again on the next run"),
            "{:?}",
            summary.failed
        );
        assert_eq!(total(&index, "tide"), 0);

        // A good version, then a changed one cut short: the good one stays.
        std::fs::write(&path, gzip(&feed(0..3, "flood"))).unwrap();
        assert_eq!(run().indexed, 3);
        std::fs::write(&path, &long[..long.len() * 2 / 3]).unwrap();
        let summary = run();
        assert_eq!((summary.updated, summary.failed.len()), (0, 1));
        assert!(
            summary.failed[0].reason.contains("previous version stays"),
            "{:?}",
            summary.failed
        );
        assert_eq!((total(&index, "flood"), total(&index, "tide")), (3, 0));

        // Whole again: the new version replaces the old one.
        std::fs::write(&path, &long).unwrap();
        assert_eq!(run().updated, 40);
        assert_eq!((total(&index, "flood"), total(&index, "tide")), (0, 40));
    }

    #[cfg(unix)]
    #[test]
    fn folders_whose_names_differ_only_in_bytes_that_are_not_utf8_both_stay_indexed() {
        use std::os::unix::ffi::OsStrExt;
        let work = tempfile::TempDir::new().unwrap();
        let archive = work.path().join("archive");
        for (folder, word) in [(&b"caf\xe9"[..], "tide"), (b"caf\xe8", "flood")] {
            let folder = archive.join(std::ffi::OsStr::from_bytes(folder));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("story.jsonl"), feed(0..1, word)).unwrap();
        }
        let index = work.path().join("index");
        let roots = [archive];
        let extractor = Extractor::new();
        let run = || update(&index, &roots, &extractor, UpdateOptions::default(), &()).unwrap();
        let first = run();
        assert_eq!((first.indexed, first.total_articles), (2, 2));
        for _ in 0..3 {
            let again = run();
            assert_eq!(
                (
                    again.unchanged,
                    again.removed,
                    again.indexed,
                    again.total_articles
                ),
                (2, 0, 0, 2)
            );
            assert_eq!((total(&index, "tide"), total(&index, "flood")), (1, 1));
        }
    }

    #[test]
    fn an_index_is_marked_as_the_new_extractors_only_once_every_file_was_extracted_again() {
        let work = tempfile::TempDir::new().unwrap();
        let archive = work.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        let feed_path = archive.join("feed.jsonl.gz");
        let story = archive.join("story.jsonl");
        std::fs::write(&feed_path, gzip(&feed(0..40, "tide"))).unwrap();
        std::fs::write(&story, feed(0..1, "flood")).unwrap();
        let index = work.path().join("index");
        let roots = [archive];
        let model_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ner.bin");
        let mut model = std::fs::read(model_path).unwrap();
        *model.last_mut().unwrap() ^= 1;
        let older = Extractor::from_model_bytes(&model).unwrap();
        let current = Extractor::new();
        let run = |extractor: &Extractor| {
            update(&index, &roots, extractor, UpdateOptions::default(), &()).unwrap()
        };
        let written_by = || ArchiveIndex::open(&index).unwrap().extractor().unwrap();
        run(&older);
        assert_eq!(written_by().as_deref(), Some(older.fingerprint()));

        // The feed cannot be read again: it keeps the older extraction, so
        // the index stays marked as the older extractor's.
        let whole = gzip(&feed(0..40, "tide"));
        std::fs::write(&feed_path, &whole[..whole.len() / 2]).unwrap();
        let summary = run(&current);
        assert!(summary.extractor_changed);
        assert_eq!((summary.updated, summary.failed.len()), (1, 1));
        assert_eq!(written_by().as_deref(), Some(older.fingerprint()));
        assert_eq!((total(&index, "tide"), total(&index, "flood")), (40, 1));

        std::fs::write(&feed_path, &whole).unwrap();
        let summary = run(&current);
        assert!(summary.extractor_changed);
        assert_eq!(summary.updated, 41);
        assert_eq!(written_by().as_deref(), Some(current.fingerprint()));
        assert_eq!((total(&index, "tide"), total(&index, "flood")), (40, 1));
        assert!(!run(&current).extractor_changed);
    }

    /// Articles that mention `person`, by the `--person` filter.
    fn mentioning(index: &Path, person: &str) -> usize {
        matching(
            index,
            crate::search::Filters {
                people: vec![person.to_string()],
                ..Default::default()
            },
        )
    }

    #[test]
    fn the_index_holds_what_its_extractor_found_and_extracts_again_when_it_changes() {
        let work = tempfile::TempDir::new().unwrap();
        let archive = work.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        let story = "date 2024-06-01 Harbor\n\nAda Byron met Mary Somerville at the harbor.";
        std::fs::write(archive.join("story.txt"), story).unwrap();
        std::fs::write(
            archive.join("other.txt"),
            "date 2024-06-02 Tide\n\nMary Somerville measured the tide.",
        )
        .unwrap();
        let (index, roots) = (work.path().join("index"), [archive]);
        let run = |extractor: &dyn Extract| {
            update(&index, &roots, extractor, UpdateOptions::default(), &()).unwrap()
        };
        let ada = FixedNames::people(&["Ada Byron"], "ada-1");
        let mary = FixedNames::people(&["Mary Somerville"], "mary-1");

        run(&ada);
        assert_eq!(
            (
                mentioning(&index, "Ada Byron"),
                mentioning(&index, "Mary Somerville")
            ),
            (1, 0)
        );
        // Same files, same extractor: nothing is read again.
        assert_eq!(run(&ada).unchanged, 2);
        // Same files, another extractor: every article is extracted again.
        let summary = run(&mary);
        assert!(summary.extractor_changed);
        assert_eq!(summary.updated, 2);
        assert_eq!(
            (
                mentioning(&index, "Ada Byron"),
                mentioning(&index, "Mary Somerville")
            ),
            (0, 2)
        );
    }

    #[test]
    fn progress_adds_up_to_the_bytes_to_read() {
        let work = tempfile::TempDir::new().unwrap();
        let archive = work.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        let line = r#"{"title":"Tide","date":"2024-05-01","text":"The tide rose."}"#;
        std::fs::write(archive.join("feed.jsonl"), [line; 3].join("\n")).unwrap();
        std::fs::write(
            archive.join("story.txt"),
            "date 2024-06-01 Harbor\n\nIt froze.",
        )
        .unwrap();
        std::fs::write(archive.join("broken.json"), "{").unwrap();
        let progress = Recorded::default();
        let roots = [archive];
        let index = work.path().join("index");
        let summary = update(
            &index,
            &roots,
            &Extractor::new(),
            UpdateOptions::default(),
            &progress,
        )
        .unwrap();
        assert_eq!(summary.indexed, 4);
        let planned = progress.planned.load(Ordering::Relaxed);
        assert_eq!(planned, summary.bytes_read);
        assert_eq!(progress.advanced.load(Ordering::Relaxed), planned);
    }
}
