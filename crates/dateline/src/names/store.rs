//! The names file and the name table beside the index: read, edited and
//! rewritten whole (a write goes to a temporary file renamed over the old
//! one, so a killed run leaves the previous version), one writer at a time.

use std::fs::File;
use std::path::Path;

use super::census::{self, Census};
use super::edits::{Edit, NameRef, NamesFile};
use super::merge::{merge, refers_to};
use super::{MergedName, NameTable};
use crate::contract::NameList;
use crate::extract::EntityKind;
use crate::index::store::{tantivy_error, write_whole};
use crate::index::{ArchiveIndex, IndexError};

/// The user's names file, in the index folder.
const NAMES_FILE: &str = "names.json";
/// The name table computed from the index and the names file.
const TABLE_FILE: &str = "names-table.json";
/// Held while either file is rewritten.
const LOCK_FILE: &str = "names.lock";

/// Why a names edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum NamesError {
    /// The index or a names file could not be read or written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// No entity of the index has that name.
    #[error("{} named {name:?} in the index", kind.map_or("nothing".to_string(), |kind| format!("no {}", kind_word(kind))))]
    Unknown {
        /// The name as typed.
        name: String,
        /// Its kind, if given.
        kind: Option<EntityKind>,
    },
    /// Several entities have that name.
    #[error("{name:?} names {}; say which kind is meant", entities.join(" and "))]
    Ambiguous {
        /// The name as typed.
        name: String,
        /// The entities it names, as `kind name`.
        entities: Vec<String>,
    },
}

/// The word for a kind in messages.
fn kind_word(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
    }
}

/// Whether a file of the index folder is kept when the index is rebuilt:
/// the user's names file, which no run of `dateline index` writes.
pub fn survives_rebuild(name: &str) -> bool {
    name == NAMES_FILE
}

/// Whether a file of the index folder is one this module writes.
pub fn is_names_file(name: &str) -> bool {
    [NAMES_FILE, TABLE_FILE, LOCK_FILE].contains(&name)
}

/// The user's names file of the index in `dir` (empty when there is
/// none) and the hash of its bytes.
pub fn read_names_file(dir: &Path) -> Result<(NamesFile, u64), IndexError> {
    let path = dir.join(NAMES_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => {
            // The user may have edited it by hand: say what to fix, not to rebuild.
            let names = serde_json::from_slice(&bytes).map_err(|error| IndexError::Io {
                path: path.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("not a names file ({error}); fix it, or remove it to drop every edit"),
                ),
            })?;
            Ok((names, xxhash_rust::xxh3::xxh3_64(&bytes)))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok((NamesFile::default(), 0)),
        Err(source) => Err(IndexError::Io { path, source }),
    }
}

/// What a name table was loaded from: the index's commit and the times
/// the table and names files were last written. A searcher that finds
/// another stamp loads the table again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamesStamp {
    commit: u64,
    table: Option<std::time::SystemTime>,
    names: Option<std::time::SystemTime>,
}

impl NamesStamp {
    /// The index's commit it was taken at.
    pub fn commit(&self) -> u64 {
        self.commit
    }
}

/// The stamp of the names of the index at `commit`, its last (see
/// [`last_commit`]; a long-running searcher has just read it).
pub fn stamp(archive: &ArchiveIndex, commit: u64) -> NamesStamp {
    let written = |name: &str| {
        std::fs::metadata(archive.dir.join(name))
            .and_then(|metadata| metadata.modified())
            .ok()
    };
    NamesStamp {
        commit,
        table: written(TABLE_FILE),
        names: written(NAMES_FILE),
    }
}

/// The commit the index is at.
/// The index's last commit (tantivy opstamp), which a name table is for.
pub fn last_commit(archive: &ArchiveIndex) -> Result<u64, IndexError> {
    commit(archive)
}

fn commit(archive: &ArchiveIndex) -> Result<u64, IndexError> {
    archive
        .index
        .load_metas()
        .map(|metas| metas.opstamp)
        .map_err(|source| tantivy_error(&archive.dir, source))
}

/// The names of the index's last commit, and that commit (read first, so
/// that a commit landing meanwhile makes the table look older, not newer).
fn census(archive: &ArchiveIndex) -> Result<(u64, Census), IndexError> {
    let commit = commit(archive)?;
    let searcher = archive.reader()?.searcher();
    let census = census::take(&searcher).map_err(|source| tantivy_error(&archive.dir, source))?;
    Ok((commit, census))
}

/// Holds the lock of the names files until dropped.
fn lock(dir: &Path) -> Result<File, IndexError> {
    let path = dir.join(LOCK_FILE);
    let io = |source| IndexError::Io {
        path: path.clone(),
        source,
    };
    let file = File::create(&path).map_err(io)?;
    file.lock().map_err(io)?;
    Ok(file)
}

/// Writes `value` as the file `name` of the folder `dir`, whole or not at all.
fn write_json(dir: &Path, name: &str, value: &impl serde::Serialize) -> Result<(), IndexError> {
    write_whole(
        dir,
        name,
        &serde_json::to_vec(value).expect("names serialize"),
    )
}

/// Computes the name table of the index's last commit and its names file,
/// and writes it beside the index: `dateline index` does this after each
/// commit.
pub fn refresh(archive: &ArchiveIndex) -> Result<NameTable, IndexError> {
    let _lock = lock(&archive.dir)?;
    let (names, hash) = read_names_file(&archive.dir)?;
    let (commit, census) = census(archive)?;
    let table = NameTable::new(commit, hash, merge(&census, &names.edits));
    write_json(&archive.dir, TABLE_FILE, &table)?;
    Ok(table)
}

/// [`refresh`] after a commit that changed no document: the table written
/// for `previous_commit`, the commit before, is this commit's too, and only
/// its mark changes (reading every name again cost a re-index of an
/// unchanged 100k archive half its time). Without one, a full refresh.
pub fn carry_over(archive: &ArchiveIndex, previous_commit: u64) -> Result<NameTable, IndexError> {
    {
        let _lock = lock(&archive.dir)?;
        let (_, hash) = read_names_file(&archive.dir)?;
        let stored = std::fs::read(archive.dir.join(TABLE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<NameTable>(&bytes).ok())
            .filter(|table| table.is_for(previous_commit, hash));
        if let Some(mut table) = stored {
            table.commit = commit(archive)?;
            write_json(&archive.dir, TABLE_FILE, &table)?;
            return Ok(table.with_lookups());
        }
    }
    refresh(archive)
}

/// The name table of the index as it stands: the one written beside it,
/// or, when that is missing or older than the index or its names file (a
/// run killed between the two, an index on read-only media), one computed
/// now and not written.
pub fn load(archive: &ArchiveIndex) -> Result<NameTable, IndexError> {
    if let Some(table) = written(archive)? {
        return Ok(table);
    }
    let (names, hash) = read_names_file(&archive.dir)?;
    let (commit, census) = census(archive)?;
    Ok(NameTable::new(commit, hash, merge(&census, &names.edits)))
}

/// The name table written beside the index, if it is that of the index
/// and its names file as they stand.
pub fn written(archive: &ArchiveIndex) -> Result<Option<NameTable>, IndexError> {
    let (_, hash) = read_names_file(&archive.dir)?;
    let commit = commit(archive)?;
    Ok(std::fs::read(archive.dir.join(TABLE_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<NameTable>(&bytes).ok())
        .filter(|table| table.is_for(commit, hash))
        .map(NameTable::with_lookups))
}

/// The entities `name` refers to in the index, with the names file applied.
pub fn resolve(archive: &ArchiveIndex, name: &NameRef) -> Result<Vec<MergedName>, IndexError> {
    let (names, _) = read_names_file(&archive.dir)?;
    let (_, census) = census(archive)?;
    Ok(found(&census, &names.edits, name))
}

/// The merged names of the index and its names file, as `dateline names` lists them.
pub fn list(archive: &ArchiveIndex) -> Result<NameList, IndexError> {
    let (names, _) = read_names_file(&archive.dir)?;
    let (_, census) = census(archive)?;
    let merged = merge(&census, &names.edits);
    let mut entities: Vec<MergedName> = merged
        .entities
        .into_iter()
        .filter(|entity| !entity.is_plain())
        .collect();
    entities.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    let unmatched_edits = merged
        .unmatched
        .iter()
        .map(|&at| names.edits[at].clone())
        .collect();
    Ok(NameList {
        entities,
        edits: names.edits,
        unmatched_edits,
    })
}

/// The entities `name` refers to among the names of `census` with `edits` applied.
fn found(census: &Census, edits: &[Edit], name: &NameRef) -> Vec<MergedName> {
    merge(census, edits)
        .entities
        .into_iter()
        .filter(|entity| refers_to(entity, name))
        .collect()
}

/// Adds `edit` to the names file of the index and writes the new name
/// table; refused, with nothing written, when a name in it names no entity
/// or several.
pub fn edit(archive: &ArchiveIndex, edit: Edit) -> Result<NameTable, NamesError> {
    let _lock = lock(&archive.dir)?;
    let (mut names, _) = read_names_file(&archive.dir)?;
    let (commit, census) = census(archive)?;
    for name in edit.names() {
        let entities = found(&census, &names.edits, name);
        match entities.as_slice() {
            [_] => {}
            [] => {
                return Err(NamesError::Unknown {
                    name: name.name.clone(),
                    kind: name.kind,
                })
            }
            several => {
                return Err(NamesError::Ambiguous {
                    name: name.name.clone(),
                    entities: several
                        .iter()
                        .map(|entity| format!("the {} {}", kind_word(entity.kind), entity.name))
                        .collect(),
                })
            }
        }
    }
    names.edits.push(edit);
    write_json(&archive.dir, NAMES_FILE, &names)?;
    let (_, hash) = read_names_file(&archive.dir)?;
    let table = NameTable::new(commit, hash, merge(&census, &names.edits));
    write_json(&archive.dir, TABLE_FILE, &table)?;
    Ok(table)
}
