//! The path of an indexed file as the index stores it: a text key that keeps
//! every byte of the path.
//!
//! tantivy stores text, and a Unix path is bytes. Keying files by a lossy text
//! form merged folders whose names differ only in bytes that are not UTF-8, so
//! an incremental run saw one of them as deleted. A UTF-8 path is its own key;
//! any other path is its readable form, a NUL (which no path contains), and
//! the hex of its exact bytes, so two paths never share a key.

use std::borrow::Cow;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Separates a non-UTF-8 path's readable form from its exact bytes.
const EXACT_BYTES: char = '\0';

/// The key under which the index stores `path`.
pub fn path_key(path: &Path) -> Cow<'_, str> {
    if let Some(text) = path.to_str() {
        return Cow::Borrowed(text);
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut key = readable(bytes);
    key.push(EXACT_BYTES);
    for byte in bytes {
        write!(key, "{byte:02x}").expect("writing to a String cannot fail");
    }
    Cow::Owned(key)
}

/// The path a key was made from.
pub fn path_of_key(key: &str) -> PathBuf {
    match key.split_once(EXACT_BYTES) {
        None => PathBuf::from(key),
        Some((readable, hex)) => {
            path_from_bytes(&hex_bytes(hex)).unwrap_or_else(|| readable.into())
        }
    }
}

/// `path` inside `folder`, like [`Path::strip_prefix`] but compared as
/// bytes rather than component by component: a run that finds nothing
/// changed asks this of every file of the archive. Both paths are absolute
/// and normalised, as the walk and the index give them.
#[cfg(unix)]
pub fn inside<'p>(path: &'p Path, folder: &Path) -> Option<&'p Path> {
    use std::os::unix::ffi::OsStrExt;
    let folder = folder.as_os_str().as_bytes();
    let folder = folder.strip_suffix(b"/").unwrap_or(folder);
    let relative = match path.as_os_str().as_bytes().strip_prefix(folder)? {
        [] => &[][..],
        [b'/', relative @ ..] => relative,
        _ => return None,
    };
    Some(Path::new(std::ffi::OsStr::from_bytes(relative)))
}

/// `path` inside `folder` (see the Unix version).
#[cfg(not(unix))]
pub fn inside<'p>(path: &'p Path, folder: &Path) -> Option<&'p Path> {
    path.strip_prefix(folder).ok()
}

/// The key as shown to a user: the path, bytes that are not UTF-8 as `\xNN`.
pub fn display_path(key: &str) -> &str {
    key.split_once(EXACT_BYTES)
        .map_or(key, |(readable, _)| readable)
}

/// The path's text with each byte that is not UTF-8 written `\xNN`.
fn readable(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            write!(text, "\\x{byte:02X}").expect("writing to a String cannot fail");
        }
    }
    text
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    hex.as_bytes()
        .chunks_exact(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(std::ffi::OsStr::from_bytes(bytes).into())
}

/// Elsewhere paths are (nearly) always Unicode; the readable form stands in.
#[cfg(not(unix))]
fn path_from_bytes(_bytes: &[u8]) -> Option<PathBuf> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::ffi::OsStrExt;

    use super::*;

    fn non_utf8(bytes: &[u8]) -> PathBuf {
        std::ffi::OsStr::from_bytes(bytes).into()
    }

    #[test]
    fn a_utf8_path_is_its_own_key() {
        let path = Path::new("/news/2024/Café.txt");
        assert_eq!(path_key(path), "/news/2024/Café.txt");
        assert_eq!(path_of_key(&path_key(path)), path);
        assert_eq!(display_path(&path_key(path)), "/news/2024/Café.txt");
    }

    #[test]
    fn inside_agrees_with_strip_prefix() {
        let cases = [
            ("/news/2024/a.txt", "/news"),
            ("/news/2024/a.txt", "/news/2024/"),
            ("/news/2024/a.txt", "/news/2024/a.txt"),
            ("/news/2024/a.txt", "/new"),
            ("/news/2024/a.txt", "/news/2024/a"),
            ("/news/2024/a.txt", "/other"),
            ("/news/2024/a.txt", "/"),
            ("/newsroom/a.txt", "/news"),
        ];
        for (path, folder) in cases {
            let (path, folder) = (Path::new(path), Path::new(folder));
            assert_eq!(
                inside(path, folder),
                path.strip_prefix(folder).ok(),
                "{path:?} in {folder:?}"
            );
        }
        let odd = non_utf8(b"/news/caf\xe9/story.txt");
        assert_eq!(
            inside(&odd, &non_utf8(b"/news/caf\xe9")),
            Some(Path::new("story.txt"))
        );
        assert_eq!(inside(&odd, &non_utf8(b"/news/caf\xe8")), None);
    }

    #[test]
    fn paths_that_differ_only_in_invalid_bytes_keep_apart_and_round_trip() {
        let first = non_utf8(b"/news/caf\xe9/story.txt");
        let second = non_utf8(b"/news/caf\xe8/story.txt");
        let (first_key, second_key) = (path_key(&first), path_key(&second));
        assert_ne!(first_key, second_key);
        assert_eq!(path_of_key(&first_key), first);
        assert_eq!(path_of_key(&second_key), second);
        assert_eq!(display_path(&first_key), "/news/caf\\xE9/story.txt");
        // The lossy text form, which merged them, is neither key.
        let lossy = first.to_string_lossy();
        assert_ne!(first_key, lossy);
        assert_ne!(second_key, lossy);
    }
}
