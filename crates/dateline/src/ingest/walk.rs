//! Finding article files under the archive roots.

use std::collections::HashSet;
use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
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
    /// Entries that are not read, and why: special files (FIFOs, sockets,
    /// devices), links to folders, broken links, links to a file found
    /// already. Sorted by path.
    pub skipped: Vec<Skipped>,
}

/// An entry of the archive that is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry, as found in the walk.
    pub path: PathBuf,
    /// Why it is not read (`a FIFO, not a regular file`).
    pub reason: String,
}

/// Walk each root recursively (walkdir), skipping hidden files and folders (name starting with '.'),
/// keeping only supported article files (see `is_article_file`), sorted by path. Roots are made
/// absolute (std::fs::canonicalize) so paths are stable across working directories. A root that is
/// a single file is accepted too. A root that does not exist is an error in `errors` (message says
/// which path and that it does not exist). Unreadable directory entries go to `errors`, the walk goes on.
///
/// A root that is a single file of an unsupported type is an error too, since
/// the user named it explicitly. A root that is a link is followed. Inside
/// the tree, a symbolic link to an article file is read under the link's
/// path (it cannot loop), unless its target is found under its own path or
/// through an earlier link; links to folders are not followed. Those, broken
/// links and special files (FIFOs, sockets, devices, which are never opened)
/// are listed in `skipped`.
pub fn discover(roots: &[PathBuf]) -> Discovery {
    let mut walked = Walked::default();
    for root in roots {
        let root = match std::fs::canonicalize(root) {
            Ok(root) => root,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                walked
                    .found
                    .errors
                    .push(IngestError::NotFound { path: root.clone() });
                continue;
            }
            Err(source) => {
                walked.found.errors.push(IngestError::Io {
                    path: root.clone(),
                    source,
                });
                continue;
            }
        };
        if root.is_dir() {
            // The root itself is exempt from the hidden check: naming a
            // hidden folder explicitly is a request to read it.
            walked.absorb(Walked::folder(&root, 0));
        } else if root.is_file() && !is_article_file(&root) {
            walked.found.errors.push(IngestError::parse(
                &root,
                "not a supported article file; expected .txt, .text, .md, .markdown, .json, \
                 .jsonl, .ndjson, .html or .htm, optionally followed by .gz",
            ));
        } else {
            let mut files = Vec::new();
            for entry in WalkDir::new(&root) {
                walked.take(entry, &root, &mut files);
            }
            walked.found.add_regular(files);
        }
    }
    let Walked { mut found, links } = walked;
    // Folders are walked in name order, so the files of an archive whose
    // folders hold either files or folders come sorted already.
    if !found
        .files
        .is_sorted_by(|a, b| path_order(&a.path, &b.path).is_le())
    {
        found
            .files
            .sort_unstable_by(|a, b| path_order(&a.path, &b.path));
    }
    // Paths compared as bytes: `Path`'s equality takes them apart.
    found
        .files
        .dedup_by(|a, b| a.path.as_os_str() == b.path.as_os_str());
    found.add_links(links);
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    found.skipped.dedup();
    found
}

/// What the walk found under a root, before links to article files are
/// sorted out against the files found.
#[derive(Default)]
struct Walked {
    found: Discovery,
    links: Vec<Link>,
}

impl Walked {
    /// Walks one folder `depth` levels below its root: its entries, skipping
    /// hidden ones, its article files looked up from the open folder, and
    /// its sub-folders walked the same way, in parallel. On an unchanged
    /// archive, walking and looking up files is most of what a run does.
    fn folder(folder: &Path, depth: usize) -> Walked {
        if depth == PARALLEL_DEPTH {
            return Walked::tree(folder);
        }
        let mut walked = Walked::default();
        let mut files = Vec::new();
        let mut subfolders = Vec::new();
        let entries = WalkDir::new(folder).min_depth(1).max_depth(1).into_iter();
        for entry in entries {
            match entry {
                Ok(entry) if is_hidden(&entry) => {}
                Ok(entry) if entry.file_type().is_dir() => subfolders.push(entry.into_path()),
                entry => walked.take(entry, folder, &mut files),
            }
        }
        // In one folder, paths sort as their names do: compared as bytes
        // (`walkdir`'s sort takes every path apart to find its name).
        files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        subfolders.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        walked.found.add_regular(files);
        let below: Vec<Walked> = subfolders
            .par_iter()
            .map(|subfolder| Walked::folder(subfolder, depth + 1))
            .collect();
        for walked_below in below {
            walked.absorb(walked_below);
        }
        walked
    }

    /// Walks a whole tree on this thread, without a stack frame per level:
    /// for folders nested deeper than [`PARALLEL_DEPTH`], where a hostile
    /// archive's thousands of levels would overflow the stack. A folder's
    /// files are looked up from the open folder a run of them at a time
    /// (the walk goes down into a sub-folder as soon as it meets one).
    fn tree(top: &Path) -> Walked {
        let mut walked = Walked::default();
        let mut files: Vec<PathBuf> = Vec::new();
        let entries = WalkDir::new(top)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| !is_hidden(e));
        for entry in entries {
            if let Ok(entry) = &entry {
                if entry.file_type().is_dir() {
                    continue;
                }
                let last_folder = files.last().and_then(|last| last.parent());
                if last_folder.is_some_and(|folder| Some(folder) != entry.path().parent()) {
                    walked.found.add_regular(std::mem::take(&mut files));
                }
            }
            walked.take(entry, top, &mut files);
        }
        walked.found.add_regular(files);
        walked
    }

    /// Sorts one walked entry that is not a folder to walk: an article
    /// file into `files`, anything else into links to look at later,
    /// skipped entries or errors (an error without a path is `at`'s).
    fn take(&mut self, entry: walkdir::Result<DirEntry>, at: &Path, files: &mut Vec<PathBuf>) {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if Format::of_name(name_of(entry.path())).is_some() {
                    files.push(entry.into_path());
                }
            }
            Ok(entry) => self.found.visit(&entry, &mut self.links),
            Err(e) => self.found.errors.push(IngestError::Io {
                path: e.path().map_or_else(|| at.to_path_buf(), Path::to_path_buf),
                source: e.into(),
            }),
        }
    }

    /// Adds what was found further on in the walk.
    fn absorb(&mut self, later: Walked) {
        self.found.files.extend(later.found.files);
        self.found.errors.extend(later.found.errors);
        self.found.skipped.extend(later.found.skipped);
        self.links.extend(later.links);
    }
}

/// The order of [`Path::cmp`] for the absolute, normalised paths of a walk,
/// without taking each path apart into components: a separator sorts
/// before every other byte, as the end of a component does. Sorting the
/// files of a million-file archive is a large part of a run that finds
/// nothing changed, so the paths' long common start is compared eight
/// bytes at a time.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    use std::os::unix::ffi::OsStrExt;
    let (a, b) = (a.as_os_str().as_bytes(), b.as_os_str().as_bytes());
    let shorter = a.len().min(b.len());
    let mut same = 0;
    while same + 8 <= shorter && a[same..same + 8] == b[same..same + 8] {
        same += 8;
    }
    while same < shorter && a[same] == b[same] {
        same += 1;
    }
    let separator = std::path::MAIN_SEPARATOR as u8;
    let rank = |byte: Option<&u8>| byte.map(|&byte| if byte == separator { 0 } else { byte });
    // A path that ends first sorts first (`None` before `Some`).
    rank(a.get(same)).cmp(&rank(b.get(same)))
}

/// Folders nested this deep are walked on one thread, the rest of their
/// tree with them (see [`Walked::tree`]); news archives are a few levels
/// deep.
const PARALLEL_DEPTH: usize = 16;

/// Files of one folder looked up by one task: a folder of a flat archive
/// can hold most of its files.
const FOLDER_CHUNK: usize = 4096;

/// A symbolic link to an article file: the link and its target's real path.
struct Link {
    path: PathBuf,
    target: PathBuf,
}

impl Discovery {
    /// Adds the article files of one folder found by the walk, with their
    /// size and modification time, looked up from the open folder (in
    /// parallel for a large folder).
    fn add_regular(&mut self, paths: Vec<PathBuf>) {
        let stamps: Vec<std::io::Result<Stamp>> = if paths.len() > FOLDER_CHUNK {
            paths
                .par_chunks(FOLDER_CHUNK)
                .flat_map_iter(look_up_folder)
                .collect()
        } else {
            look_up_folder(&paths)
        };
        for (path, stamp) in paths.into_iter().zip(stamps) {
            match stamp {
                Ok(stamp) => self.files.push(stamp.of(path)),
                Err(source) => self.errors.push(IngestError::Io { path, source }),
            }
        }
    }

    /// Sorts one walked entry that is not a regular file into links to
    /// look at later, skipped entries or errors; folders need nothing.
    fn visit(&mut self, entry: &DirEntry, links: &mut Vec<Link>) {
        let (path, file_type) = (entry.path(), entry.file_type());
        if file_type.is_dir() {
            return;
        }
        if !file_type.is_symlink() {
            self.skip(
                path,
                format!("{}, not a regular file", special_kind(file_type)),
            );
            return;
        }
        // What the link points to, following every link on the way.
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.skip(path, "symbolic link to a folder, not followed"),
            _ if !is_article_file(path) => {}
            Ok(meta) if meta.is_file() => match std::fs::canonicalize(path) {
                Ok(target) => links.push(Link {
                    path: path.to_path_buf(),
                    target,
                }),
                Err(source) => self.errors.push(IngestError::Io {
                    path: path.to_path_buf(),
                    source,
                }),
            },
            Ok(meta) => self.skip(
                path,
                format!(
                    "symbolic link to {}, not a regular file",
                    special_kind(meta.file_type())
                ),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.skip(path, "symbolic link to nothing: its target does not exist")
            }
            Err(e) => self.skip(path, format!("symbolic link that cannot be followed: {e}")),
        }
    }

    fn skip(&mut self, path: &Path, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason: reason.into(),
        });
    }

    /// Adds the links to article files, each read under its own path, unless
    /// its target is read already: under its own path, or by an earlier
    /// link (in path order), so no article is indexed twice.
    fn add_links(&mut self, mut links: Vec<Link>) {
        if links.is_empty() {
            return;
        }
        links.sort_by(|a, b| a.path.cmp(&b.path));
        links.dedup_by(|a, b| a.path == b.path);
        let mut read: HashSet<PathBuf> = self.files.iter().map(|f| f.path.clone()).collect();
        for link in links {
            if !read.insert(link.target.clone()) {
                let reason = format!(
                    "symbolic link to {}, which is read already",
                    link.target.display()
                );
                self.skip(&link.path, reason);
                continue;
            }
            match std::fs::metadata(&link.path) {
                Ok(meta) => self.files.push(Stamp::from_metadata(&meta).of(link.path)),
                Err(source) => self.errors.push(IngestError::Io {
                    path: link.path,
                    source,
                }),
            }
        }
        self.files
            .sort_unstable_by(|a, b| path_order(&a.path, &b.path));
    }
}

/// What a file that is neither a regular file nor a folder nor a link is,
/// in words (`a FIFO`).
fn special_kind(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Whether the path has a supported extension: txt, text, md, markdown, json, jsonl, ndjson, html, htm, each optionally followed by .gz
///
/// Extensions are compared case-insensitively (`STORY.TXT` counts).
pub fn is_article_file(path: &Path) -> bool {
    Format::of(path).is_some()
}

/// Hidden files and folders (dot names) hold editor, VCS and OS clutter.
fn is_hidden(entry: &DirEntry) -> bool {
    name_of(entry.path()).first() == Some(&b'.')
}

/// The name of a walked entry, as bytes: what follows the last separator.
/// A walk joins names to folders, so this is the file name, found without
/// taking the path apart (which, for every file of a large archive, showed
/// in the profile of a run that finds nothing changed).
fn name_of(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .rsplit(|&byte| std::path::is_separator(char::from(byte)))
        .next()
        .unwrap_or(bytes)
}

/// The size and modification time the indexer uses to skip unchanged files.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    size: u64,
    modified_ns: i64,
}

impl Stamp {
    fn of(self, path: PathBuf) -> SourceFile {
        SourceFile {
            path,
            size: self.size,
            modified_ns: self.modified_ns,
        }
    }

    #[cfg(unix)]
    fn from_metadata(meta: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.len(),
            modified_ns: epoch_ns(meta.mtime(), meta.mtime_nsec()),
        }
    }

    #[cfg(not(unix))]
    fn from_metadata(meta: &Metadata) -> Stamp {
        // A file system without modification times gives 0: such files are
        // simply never seen as unchanged by time alone.
        let modified_ns =
            meta.modified()
                .map_or(0, |time| match time.duration_since(std::time::UNIX_EPOCH) {
                    Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
                    Err(before) => {
                        i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |ns| -ns)
                    }
                });
        Stamp {
            size: meta.len(),
            modified_ns,
        }
    }
}

/// Nanoseconds since the epoch of a time in seconds and nanoseconds.
#[cfg(unix)]
fn epoch_ns(seconds: i64, nanos: i64) -> i64 {
    let ns = i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
    i64::try_from(ns).unwrap_or(if ns < 0 { i64::MIN } else { i64::MAX })
}

/// Looks up files of one folder (not following links) from the open
/// folder, so the kernel finds each by its name alone; by path when the
/// folder cannot be opened.
#[cfg(unix)]
fn look_up_folder(files: &[PathBuf]) -> Vec<std::io::Result<Stamp>> {
    use rustix::fs::{AtFlags, Mode, OFlags};
    use std::os::unix::ffi::OsStrExt;
    let Some(first) = files.first() else {
        return Vec::new();
    };
    let folder = first.parent().unwrap_or(Path::new("/"));
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let Ok(open) = rustix::fs::open(folder, flags, Mode::empty()) else {
        return files.iter().map(look_up_path).collect();
    };
    files
        .iter()
        .map(|path| {
            let name = std::ffi::OsStr::from_bytes(name_of(path));
            let stat = rustix::fs::statat(&open, name, AtFlags::SYMLINK_NOFOLLOW)?;
            Ok(Stamp {
                size: u64::try_from(stat.st_size).unwrap_or_default(),
                modified_ns: epoch_ns(stat.st_mtime as i64, stat.st_mtime_nsec as i64),
            })
        })
        .collect()
}

#[cfg(not(unix))]
fn look_up_folder(files: &[PathBuf]) -> Vec<std::io::Result<Stamp>> {
    files.iter().map(look_up_path).collect()
}

fn look_up_path(path: &PathBuf) -> std::io::Result<Stamp> {
    std::fs::symlink_metadata(path).map(|meta| Stamp::from_metadata(&meta))
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
    fn path_order_is_the_order_of_paths() {
        let mut paths: Vec<PathBuf> = [
            "/a/b.txt",
            "/a.b/c.txt",
            "/a/b/c.txt",
            "/ab/c.txt",
            "/a/a.txt",
            "/a-b/c.txt",
            // Common starts longer than the eight bytes compared at once.
            "/archive/2019/03/a.txt",
            "/archive/2019/03-b/a.txt",
            "/archive/2019/03/a.txt.gz",
            "/archive/2019/03.txt",
            "/archive/2019/0/zz.txt",
            "/archive/2019/03/a",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_components = paths.clone();
        by_components.sort();
        paths.sort_by(|a, b| path_order(a, b));
        assert_eq!(paths, by_components);
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
    fn special_files_and_links_are_read_or_listed_with_a_reason() {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let work = fs::canonicalize(dir.path()).unwrap();
        let root = work.join("archive");
        touch(&root.join("a/story.txt"));
        let far = work.join("outside/far.md");
        touch(&far);
        touch(&root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")));
        let fifo = std::ffi::CString::new(root.join("pipe.txt").as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        let _socket = std::os::unix::net::UnixListener::bind(root.join("sock.txt")).unwrap();
        let story = root.join("a/story.txt");
        for (target, link) in [
            (&story, "again.txt"),
            (&far, "b-far.md"),
            (&far, "c-far.md"),
            (&root.join("a"), "folder-link"),
            (&root.join("gone.txt"), "broken.txt"),
            (&root.join("gone.txt"), "broken.csv"),
        ] {
            symlink(target, root.join(link)).unwrap();
        }

        let found = discover(std::slice::from_ref(&root));
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        assert_eq!(
            names(&found, &root),
            ["a/story.txt", "b-far.md", "caf\u{FFFD}.txt"]
        );
        let skipped: Vec<(String, String)> = found
            .skipped
            .iter()
            .map(|s| {
                let name = s.path.strip_prefix(&root).unwrap().to_string_lossy();
                (name.into_owned(), s.reason.clone())
            })
            .collect();
        let read_already = |target: &Path| {
            format!(
                "symbolic link to {}, which is read already",
                target.display()
            )
        };
        let expected = [
            ("again.txt", read_already(&story)),
            (
                "broken.txt",
                "symbolic link to nothing: its target does not exist".into(),
            ),
            ("c-far.md", read_already(&far)),
            (
                "folder-link",
                "symbolic link to a folder, not followed".into(),
            ),
            ("pipe.txt", "a FIFO (named pipe), not a regular file".into()),
            ("sock.txt", "a socket, not a regular file".into()),
        ]
        .map(|(name, reason)| (name.to_string(), reason));
        assert_eq!(skipped, expected);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_stamped_alike_from_their_folder_and_by_path() {
        use std::time::{Duration, UNIX_EPOCH};
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let times = [
            UNIX_EPOCH + Duration::new(1_717_000_000, 123_456_789),
            UNIX_EPOCH - Duration::new(1, 500_000_000),
        ];
        let paths: Vec<PathBuf> = times
            .iter()
            .enumerate()
            .map(|(n, time)| {
                let path = root.join(format!("{n}.txt"));
                touch(&path);
                fs::File::options()
                    .write(true)
                    .open(&path)
                    .unwrap()
                    .set_modified(*time)
                    .unwrap();
                path
            })
            .collect();
        let from_folder = look_up_folder(&paths);
        let expected_ns = [1_717_000_000_123_456_789, -1_500_000_000];
        for ((path, stamp), expected_ns) in paths.iter().zip(from_folder).zip(expected_ns) {
            let (stamp, by_path) = (stamp.unwrap(), look_up_path(path).unwrap());
            assert_eq!((stamp.size, stamp.modified_ns), (4, expected_ns));
            assert_eq!((by_path.size, by_path.modified_ns), (4, expected_ns));
        }
        let gone = [root.join("gone.txt")];
        let error = look_up_folder(&gone).remove(0).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn a_folder_of_many_files_beside_folders_is_found_whole_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let many = FOLDER_CHUNK + 7;
        for n in 0..many {
            let path = root.join("wire").join(format!("{n:05}.txt"));
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            // Each file's size is its number, to tell the stamps apart.
            fs::write(&path, "x".repeat(n)).unwrap();
        }
        for name in ["a.md", "a/b.txt", "a-b/c.txt", "a/z/d.txt", "b.txt"] {
            touch(&root.join(name));
        }
        let found = discover(std::slice::from_ref(&root));
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        let listed = names(&found, &root);
        assert_eq!(
            listed[..5],
            ["a/b.txt", "a/z/d.txt", "a-b/c.txt", "a.md", "b.txt"]
        );
        assert_eq!(listed.len(), 5 + many);
        for (n, file) in found.files[5..].iter().enumerate() {
            assert_eq!(listed[5 + n], format!("wire/{n:05}.txt"));
            assert_eq!(file.size, n as u64);
        }
    }

    #[test]
    fn a_tree_thousands_of_folders_deep_is_walked_without_overflowing_the_stack() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let deep = root.join(["d"; 1800].join("/"));
        touch(&deep.join("bottom.txt"));
        touch(&root.join("d/top.txt"));
        let found = discover(std::slice::from_ref(&root));
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        let listed = names(&found, &root);
        assert_eq!(listed.len(), 2);
        assert!(listed[0].ends_with("/d/bottom.txt"), "{}", listed[0]);
        assert_eq!(listed[1], "d/top.txt");
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
