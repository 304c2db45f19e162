//! Finding article files under the archive roots.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::{DirEntry, WalkDir};

use super::{Format, IngestError, SourceFile};

/// The result of walking the archive roots: every article file found, and
/// what could not be walked. A bad root or folder does not stop the walk.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Article files, absolute paths, sorted by path, without duplicates
    /// (overlapping roots list a file once).
    pub files: Vec<SourceFile>,
    /// Roots that do not exist, and entries that could not be read.
    pub errors: Vec<IngestError>,
}

/// Walk each root recursively (walkdir), skipping hidden files and folders (name starting with '.'),
/// keeping only supported article files (see `is_article_file`), sorted by path. Roots are made
/// absolute (std::fs::canonicalize) so paths are stable across working directories. A root that is
/// a single file is accepted too. A root that does not exist is an error in `errors` (message says
/// which path and that it does not exist). Unreadable directory entries go to `errors`, the walk goes on.
///
/// A root that is a single file of an unsupported type is an error too, since
/// the user named it explicitly. Symbolic links inside the tree are not
/// followed (a root that is a link is).
pub fn discover(roots: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for root in roots {
        let root = match std::fs::canonicalize(root) {
            Ok(root) => root,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                found
                    .errors
                    .push(IngestError::NotFound { path: root.clone() });
                continue;
            }
            Err(source) => {
                found.errors.push(IngestError::Io {
                    path: root.clone(),
                    source,
                });
                continue;
            }
        };
        if root.is_file() && !is_article_file(&root) {
            found.errors.push(IngestError::parse(
                &root,
                "not a supported article file; expected .txt, .text, .md, .markdown, .json, \
                 .jsonl, .ndjson, .html or .htm, optionally followed by .gz",
            ));
            continue;
        }
        // The root itself is exempt from the hidden check: naming a hidden
        // folder explicitly is a request to read it.
        let walk = WalkDir::new(&root)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e));
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_file() && is_article_file(entry.path()) => {
                    match source_file(&entry) {
                        Ok(file) => found.files.push(file),
                        Err(e) => found.errors.push(e),
                    }
                }
                Ok(_) => {}
                Err(e) => found.errors.push(IngestError::Io {
                    path: e.path().map_or_else(|| root.clone(), Path::to_path_buf),
                    source: e.into(),
                }),
            }
        }
    }
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    found.files.dedup_by(|a, b| a.path == b.path);
    found
}

/// Whether the path has a supported extension: txt, text, md, markdown, json, jsonl, ndjson, html, htm, each optionally followed by .gz
///
/// Extensions are compared case-insensitively (`STORY.TXT` counts).
pub fn is_article_file(path: &Path) -> bool {
    Format::of(path).is_some()
}

/// Hidden files and folders (dot names) hold editor, VCS and OS clutter.
fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// The size and modification time the indexer uses to skip unchanged files.
fn source_file(entry: &DirEntry) -> Result<SourceFile, IngestError> {
    let io_error = |source| IngestError::Io {
        path: entry.path().to_path_buf(),
        source,
    };
    let meta = entry.metadata().map_err(|e| io_error(e.into()))?;
    // A file system without modification times gives 0: such files are
    // simply never seen as unchanged by time alone.
    let modified_ns = meta
        .modified()
        .map_or(0, |time| match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |ns| -ns),
        });
    Ok(SourceFile {
        path: entry.path().to_path_buf(),
        size: meta.len(),
        modified_ns,
    })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "text").unwrap();
    }

    fn names(found: &Discovery, root: &Path) -> Vec<String> {
        found
            .files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn finds_article_files_sorted_skipping_hidden_and_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        for name in [
            "b/2024/10/23/story.txt",
            "a.md",
            "feed.jsonl.gz",
            "page.HTML",
            "notes.csv",
            "image.png",
            ".hidden.txt",
            ".git/config.txt",
            "b/.drafts/draft.md",
            "c/data.json",
        ] {
            touch(&root.join(name));
        }
        let found = discover(&[dir.path().to_path_buf()]);
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        assert_eq!(
            names(&found, &root),
            [
                "a.md",
                "b/2024/10/23/story.txt",
                "c/data.json",
                "feed.jsonl.gz",
                "page.HTML"
            ]
        );
        let first = &found.files[0];
        assert!(first.path.is_absolute());
        assert_eq!(first.size, 4);
        assert!(first.modified_ns > 0);
    }

    #[test]
    fn relative_roots_become_absolute() {
        // `cargo test` runs in the crate root; src/ingest holds no articles
        // but must still resolve.
        let found = discover(&[PathBuf::from("src/ingest")]);
        assert!(found.errors.is_empty());
        assert!(found.files.iter().all(|f| f.path.is_absolute()));
    }

    #[test]
    fn single_file_root_and_overlapping_roots() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/one.txt");
        touch(&file);
        let found = discover(&[file.clone(), dir.path().to_path_buf()]);
        assert!(found.errors.is_empty());
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.files[0].path, fs::canonicalize(&file).unwrap());
    }

    #[test]
    fn hidden_root_named_explicitly_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        let hidden = dir.path().join(".archive");
        touch(&hidden.join("one.txt"));
        assert_eq!(discover(&[hidden]).files.len(), 1);
    }

    #[test]
    fn missing_root_is_reported_and_others_still_walked() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("one.txt"));
        let missing = dir.path().join("nope");
        let found = discover(&[missing.clone(), dir.path().to_path_buf()]);
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.errors.len(), 1);
        let message = found.errors[0].to_string();
        assert!(message.contains(&*missing.to_string_lossy()), "{message}");
        assert!(message.contains("does not exist"), "{message}");
    }

    #[test]
    fn unsupported_single_file_root_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("table.csv");
        touch(&file);
        let found = discover(&[file]);
        assert!(found.files.is_empty());
        assert_eq!(found.errors.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_folder_is_reported_and_walk_goes_on() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("ok.txt"));
        let locked = dir.path().join("locked");
        touch(&locked.join("secret.txt"));
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let found = discover(&[dir.path().to_path_buf()]);
        let enforced = fs::read_dir(&locked).is_err();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if !enforced {
            // Running as root: permissions are not enforced.
            return;
        }
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.errors.len(), 1);
        assert!(matches!(found.errors[0], IngestError::Io { .. }));
    }
}
