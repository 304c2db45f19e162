//! The archive folders an index was made from, each under a label of its
//! own, so that what the index keeps of a file — its key, its articles' ids —
//! depends on where the file is inside its folder, not on where the folder
//! is. Moving or renaming an archive and indexing it again changes nothing.
//!
//! A file's key is `LABEL/RELATIVE`: the label of its archive folder (the
//! folder's name when it was first indexed, kept from then on) and its path
//! inside that folder (as [`path_key`] writes paths). The folders' current
//! places are kept in the commit's payload beside the labels, so they change
//! in the same commit as the documents.

use std::path::{Path, PathBuf};

use super::path_key::{display_path, inside, path_key, path_of_key};

/// Starts the payload line of one archive folder: `root LABEL<TAB>PATH`.
const ROOT_LINE: &str = "root ";

/// How many indexed files of a vanished folder are looked for in a new one
/// to decide that the folder moved there.
const MOVE_SAMPLE: usize = 64;

/// The archive folders of an index, the first one first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roots {
    folders: Vec<Folder>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Folder {
    label: String,
    path: PathBuf,
}

/// A file as the index knows it: under which folder, and where inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The file's key (see the module's documentation).
    pub key: String,
    /// What its articles' ids are made from: its path inside its folder,
    /// under the label too for every folder but the index's first, so that
    /// two folders' `index.html` stay apart.
    pub id_base: PathBuf,
}

/// An archive folder found at a new place, and where it was before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Where the index had it.
    pub from: PathBuf,
    /// Where it is now.
    pub to: PathBuf,
}

impl Roots {
    /// The folders named in a commit's payload.
    pub fn from_payload(payload: &str) -> Roots {
        let folders = payload
            .lines()
            .filter_map(|line| line.strip_prefix(ROOT_LINE))
            .filter_map(|line| line.split_once('\t'))
            .map(|(label, path)| Folder {
                label: label.to_string(),
                path: path_of_key(path),
            })
            .collect();
        Roots { folders }
    }

    /// The payload lines that [`Roots::from_payload`] reads back.
    pub fn to_payload(&self) -> String {
        self.folders
            .iter()
            .map(|folder| format!("{ROOT_LINE}{}\t{}\n", folder.label, path_key(&folder.path)))
            .collect()
    }

    /// Makes every folder of a run known: a folder indexed before, or inside
    /// one, is that one; a new folder holding the files of an indexed folder
    /// that is gone is that folder moved (its place is updated, its labels
    /// and ids stay); any other gets a new label. `folders` are absolute;
    /// `indexed` are the keys the index holds.
    pub fn bind<'a>(
        &mut self,
        folders: &[PathBuf],
        indexed: impl Iterator<Item = &'a str> + Clone,
    ) -> Vec<Moved> {
        let mut moved = Vec::new();
        for folder in folders.iter().map(|path| archive_folder(path)) {
            if self
                .folders
                .iter()
                .any(|known| folder.starts_with(&known.path))
            {
                continue;
            }
            if let Some(index) = self.vanished_folder_found_in(&folder, indexed.clone()) {
                let known = &mut self.folders[index];
                moved.push(Moved {
                    from: std::mem::replace(&mut known.path, folder.clone()),
                    to: folder,
                });
                continue;
            }
            let label = self.new_label(&folder);
            self.folders.push(Folder {
                label,
                path: folder,
            });
        }
        moved
    }

    /// The known folder whose place no longer exists and of whose indexed
    /// files the most are under `folder`, if any is.
    fn vanished_folder_found_in<'a>(
        &self,
        folder: &Path,
        indexed: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<usize> {
        let found = |label: &str| {
            indexed
                .clone()
                .filter_map(|key| split_key(key).filter(|(l, _)| *l == label))
                .take(MOVE_SAMPLE)
                .filter(|(_, relative)| {
                    folder
                        .join(path_of_key(relative))
                        .symlink_metadata()
                        .is_ok()
                })
                .count()
        };
        self.folders
            .iter()
            .enumerate()
            .filter(|(_, known)| !known.path.exists())
            .map(|(index, known)| (index, found(&known.label)))
            .filter(|(_, count)| *count > 0)
            .max_by_key(|(_, count)| *count)
            .map(|(index, _)| index)
    }

    /// A label for a new folder: its name, numbered when another has it.
    fn new_label(&self, folder: &Path) -> String {
        let name = folder
            .file_name()
            .map(|name| name.to_string_lossy().replace(['\t', '\n'], " "))
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "archive".to_string());
        let taken = |label: &str| self.folders.iter().any(|known| known.label == label);
        (1..)
            .map(|n| match n {
                1 => name.clone(),
                n => format!("{name}-{n}"),
            })
            .find(|label| !taken(label))
            .expect("some numbered label is free")
    }

    /// Where the index keeps `path` (absolute), under the innermost known
    /// folder that holds it; `None` outside every folder.
    pub fn locate(&self, path: &Path) -> Option<Located> {
        let (index, folder, relative) = self.innermost(path)?;
        Some(Located {
            key: folder.key(relative),
            id_base: if index == 0 {
                relative.to_path_buf()
            } else {
                Path::new(&folder.label).join(relative)
            },
        })
    }

    /// The key of `path` (absolute), as [`Roots::locate`] gives it, without
    /// working out its articles' ids, written into `key` (cleared first): a
    /// run checks every file of the archive, and one buffer spares an
    /// allocation each. False for a path outside every folder.
    pub fn key_into(&self, path: &Path, key: &mut String) -> bool {
        key.clear();
        let Some((_, folder, relative)) = self.innermost(path) else {
            return false;
        };
        folder.write_key(relative, key);
        true
    }

    /// Of the folders holding `path`, the innermost (the longest), its
    /// place among the folders, and the path inside it.
    fn innermost<'p>(&self, path: &'p Path) -> Option<(usize, &Folder, &'p Path)> {
        self.folders
            .iter()
            .enumerate()
            .filter_map(|(at, known)| Some((at, known, inside(path, &known.path)?)))
            .max_by_key(|(_, known, _)| known.path.as_os_str().len())
    }

    /// The file a key names, where its folder is now; `None` for a key of
    /// no known folder.
    pub fn path_of(&self, key: &str) -> Option<PathBuf> {
        let (label, relative) = split_key(key)?;
        let folder = self.folders.iter().find(|known| known.label == label)?;
        Some(folder.path.join(path_of_key(relative)))
    }

    /// The file a key names, as shown to a user: its path where its folder
    /// is now, bytes that are not UTF-8 written `\xNN`.
    pub fn display(&self, key: &str) -> String {
        match split_key(key) {
            Some((label, relative)) => {
                let folder = self.folders.iter().find(|known| known.label == label);
                match folder {
                    Some(folder) => format!(
                        "{}/{}",
                        display_path(&path_key(&folder.path)),
                        display_path(relative)
                    ),
                    None => display_path(key).to_string(),
                }
            }
            None => display_path(key).to_string(),
        }
    }
}

impl Folder {
    /// The key of a file at `relative` inside this folder.
    fn key(&self, relative: &Path) -> String {
        let mut key = String::new();
        self.write_key(relative, &mut key);
        key
    }

    /// [`Folder::key`], appended to `key`.
    fn write_key(&self, relative: &Path, key: &mut String) {
        key.push_str(&self.label);
        key.push('/');
        key.push_str(&path_key(relative));
    }
}

/// The folder a root given to a run stands for: itself, or for a single
/// file, the folder it is in.
fn archive_folder(root: &Path) -> PathBuf {
    if root.is_file() {
        root.parent()
            .map_or_else(|| root.to_path_buf(), Path::to_path_buf)
    } else {
        root.to_path_buf()
    }
}

/// A key's label and relative path.
fn split_key(key: &str) -> Option<(&str, &str)> {
    key.split_once('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots_of(folders: &[&Path]) -> Roots {
        let mut roots = Roots::default();
        let folders: Vec<PathBuf> = folders.iter().map(|f| f.to_path_buf()).collect();
        roots.bind(&folders, std::iter::empty());
        roots
    }

    #[test]
    fn keys_and_ids_do_not_depend_on_where_the_folder_is() {
        let here = roots_of(&[Path::new("/srv/news")]);
        let there = roots_of(&[Path::new("/mnt/backup/old-news")]);
        let a = here.locate(Path::new("/srv/news/2024/a.txt")).unwrap();
        let b = there
            .locate(Path::new("/mnt/backup/old-news/2024/a.txt"))
            .unwrap();
        assert_eq!(a.id_base, b.id_base);
        assert_eq!(a.id_base, Path::new("2024/a.txt"));
        assert_eq!(a.key, "news/2024/a.txt");
        assert_eq!(
            here.display(&a.key),
            "/srv/news/2024/a.txt",
            "shown where it is"
        );
        assert_eq!(here.locate(Path::new("/srv/other/a.txt")), None);
    }

    #[test]
    fn a_second_folder_gets_a_label_of_its_own_in_its_ids() {
        let roots = roots_of(&[Path::new("/a/news"), Path::new("/b/news")]);
        let first = roots.locate(Path::new("/a/news/index.html")).unwrap();
        let second = roots.locate(Path::new("/b/news/index.html")).unwrap();
        assert_eq!(first.key, "news/index.html");
        assert_eq!(second.key, "news-2/index.html");
        assert_ne!(first.id_base, second.id_base);
    }

    #[test]
    fn a_folder_inside_an_indexed_one_keeps_its_files_keys() {
        let mut roots = roots_of(&[Path::new("/srv/news")]);
        let moved = roots.bind(&[PathBuf::from("/srv/news/2024")], std::iter::empty());
        assert!(moved.is_empty());
        let file = roots.locate(Path::new("/srv/news/2024/a.txt")).unwrap();
        assert_eq!(file.key, "news/2024/a.txt");
    }

    #[test]
    fn a_vanished_folder_found_elsewhere_is_moved_not_added() {
        let work = tempfile::TempDir::new().unwrap();
        let new_place = work.path().join("renamed");
        std::fs::create_dir_all(new_place.join("2024")).unwrap();
        std::fs::write(new_place.join("2024/a.txt"), "x").unwrap();
        let old_place = work.path().join("gone");
        let mut roots = roots_of(&[&old_place]);
        let keys = ["gone/2024/a.txt", "gone/2024/b.txt"];
        let moved = roots.bind(std::slice::from_ref(&new_place), keys.iter().copied());
        assert_eq!(
            moved,
            vec![Moved {
                from: old_place,
                to: new_place.clone()
            }]
        );
        assert_eq!(
            roots.path_of("gone/2024/a.txt"),
            Some(new_place.join("2024/a.txt"))
        );
        let again = Roots::from_payload(&roots.to_payload());
        assert_eq!(again, roots, "the payload keeps labels and places");
    }

    #[test]
    fn a_new_folder_without_the_files_of_a_vanished_one_is_new() {
        let work = tempfile::TempDir::new().unwrap();
        let mut roots = roots_of(&[&work.path().join("gone")]);
        let moved = roots.bind(&[work.path().to_path_buf()], ["gone/a.txt"].into_iter());
        assert!(moved.is_empty());
        assert_eq!(roots.folders.len(), 2);
    }
}
