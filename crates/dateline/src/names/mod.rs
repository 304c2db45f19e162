//! Names merged across the archive: one entity for the spellings of one
//! person, organization or place (`US`, `U.S.`, `United States`; `Apple`,
//! `Apple Inc.`; `Erdogan`, `Erdoğan`; `Ruiz` alone and `Ana Ruiz`), and
//! the names file in which the user merges, renames, retypes and hides them.
//!
//! The extractor's output stays as the article wrote it, in the index's raw
//! name fields; this module computes, from those fields and the names file,
//! a table of the entities that differ from their one spelling
//! ([`NameTable`]), kept beside the index. Search reads it to count, list
//! and filter entities (see `search/facets.rs` and `search/query.rs`).

mod census;
mod edits;
mod keys;
mod merge;
mod store;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use census::{Census, NameStats};
pub use edits::{Edit, NameRef, NamesFile};
pub use keys::{country, merge_key};
pub use merge::{merge, refers_to, Merged, SURNAME_WINDOW_DAYS};
pub use store::{
    carry_over, edit, is_names_file, last_commit, list, load, read_names_file, refresh, resolve,
    stamp, survives_rebuild, written, NamesError, NamesStamp,
};

use crate::extract::EntityKind;

/// A name as the index holds it: as the extractor wrote it, of the kind it gave.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Spelling {
    /// The kind the extractor gave it.
    pub kind: EntityKind,
    /// The name as written (an article's canonical form of it).
    pub name: String,
}

/// One entity of the archive: its spellings and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedName {
    /// What it is.
    pub kind: EntityKind,
    /// The name it is listed and counted under.
    pub name: String,
    /// Every spelling of it in the index.
    pub spellings: Vec<Spelling>,
    /// Left out of name lists and facets, by the user's names file.
    pub hidden: bool,
}

impl MergedName {
    /// Whether the entity is just its one spelling, shown as written.
    pub(crate) fn is_plain(&self) -> bool {
        match self.spellings.as_slice() {
            [only] => only.kind == self.kind && only.name == self.name && !self.hidden,
            _ => false,
        }
    }
}

/// The archive's entities that are more than one spelling shown as written
/// (merged, renamed, retyped or hidden), for one commit of the index and
/// one version of the names file; every other name is an entity of its own.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NameTable {
    /// The rules it was computed by ([`merge::RULES`]).
    rules: u32,
    /// The commit (tantivy opstamp) whose names it merges.
    commit: u64,
    /// The hash of the names file it applies.
    names_file: u64,
    /// The entities.
    entities: Vec<MergedName>,
    /// Position in `entities` of each spelling.
    #[serde(skip)]
    by_spelling: HashMap<Spelling, usize>,
    /// Positions in `entities` under the keys of their names and spellings,
    /// worked out at the first filter by name: a search without one (most
    /// of them, and a sixth of a short `dateline search` process's work at
    /// 100k articles) never needs them.
    #[serde(skip)]
    by_key: OnceLock<HashMap<(EntityKind, String), Vec<usize>>>,
}

impl NameTable {
    /// The table of what `merged` found, for this commit and names file.
    fn new(commit: u64, names_file: u64, merged: Merged) -> NameTable {
        let entities = merged
            .entities
            .into_iter()
            .filter(|entity| !entity.is_plain())
            .collect();
        NameTable {
            rules: merge::RULES,
            commit,
            names_file,
            entities,
            ..NameTable::default()
        }
        .with_lookups()
    }

    /// Builds the lookup by spelling, which is not stored.
    fn with_lookups(mut self) -> NameTable {
        for (at, entity) in self.entities.iter().enumerate() {
            for spelling in &entity.spellings {
                self.by_spelling.insert(spelling.clone(), at);
            }
        }
        self
    }

    /// Positions in `entities` under the keys of their names and spellings.
    fn by_key(&self) -> &HashMap<(EntityKind, String), Vec<usize>> {
        self.by_key.get_or_init(|| {
            let mut by_key: HashMap<(EntityKind, String), Vec<usize>> = HashMap::new();
            for (at, entity) in self.entities.iter().enumerate() {
                let names = std::iter::once(entity.name.as_str())
                    .chain(entity.spellings.iter().map(|s| s.name.as_str()));
                for name in names {
                    let positions = by_key
                        .entry((entity.kind, merge_key(entity.kind, name)))
                        .or_default();
                    if !positions.contains(&at) {
                        positions.push(at);
                    }
                }
            }
            by_key
        })
    }

    /// The entities that are more than one spelling shown as written.
    pub fn entities(&self) -> &[MergedName] {
        &self.entities
    }

    /// The entity of a spelling, when it is in the table.
    pub fn entity(&self, kind: EntityKind, name: &str) -> Option<&MergedName> {
        let spelling = Spelling {
            kind,
            name: name.to_string(),
        };
        self.by_spelling
            .get(&spelling)
            .map(|&at| &self.entities[at])
    }

    /// The kind and name a spelling is shown with; `None` when it is hidden.
    pub fn shown<'a>(&'a self, kind: EntityKind, name: &'a str) -> Option<(EntityKind, &'a str)> {
        match self.entity(kind, name) {
            Some(entity) if entity.hidden => None,
            Some(entity) => Some((entity.kind, &entity.name)),
            None => Some((kind, name)),
        }
    }

    /// The name a quotation's speaker is shown with: that of their entity,
    /// hidden or not (a quotation keeps its speaker).
    pub fn speaker<'a>(&'a self, name: &'a str) -> &'a str {
        self.entity(EntityKind::Person, name)
            .map_or(name, |entity| entity.name.as_str())
    }

    /// An article's people, organizations and places as its entities:
    /// each shown once, under its kind and name, hidden ones left out.
    pub fn shown_lists(&self, lists: [(EntityKind, Vec<String>); 3]) -> [Vec<String>; 3] {
        let mut shown: [Vec<String>; 3] = Default::default();
        for (kind, names) in &lists {
            for name in names {
                let Some((kind, name)) = self.shown(*kind, name) else {
                    continue;
                };
                let list = match kind {
                    EntityKind::Person => &mut shown[0],
                    EntityKind::Organization => &mut shown[1],
                    EntityKind::Place => &mut shown[2],
                };
                if !list.iter().any(|known| known == name) {
                    list.push(name.to_string());
                }
            }
        }
        shown
    }

    /// The entities of `kind` that a filter's `name` names, by their name or
    /// one of their spellings (see [`merge_key`]); a short name typed in
    /// lower case finds its acronym too (`usa` finds `USA`).
    pub fn matching(&self, kind: EntityKind, name: &str) -> Vec<&MergedName> {
        let mut keys = vec![merge_key(kind, name), merge_key(kind, &name.to_uppercase())];
        keys.dedup();
        let mut positions: Vec<usize> = keys
            .into_iter()
            .filter_map(|key| self.by_key().get(&(kind, key)))
            .flatten()
            .copied()
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions.into_iter().map(|at| &self.entities[at]).collect()
    }

    /// How many spellings the table holds that the extractor gave `kind`.
    pub fn spellings_of(&self, kind: EntityKind) -> usize {
        self.by_spelling.keys().filter(|s| s.kind == kind).count()
    }

    /// The commit whose names it merges.
    pub(crate) fn commit(&self) -> u64 {
        self.commit
    }

    /// What, beside the index's names, decides the table: the merge rules'
    /// version and the hash of the names file.
    pub(crate) fn merged_by(&self) -> (u32, u64) {
        (self.rules, self.names_file)
    }

    /// Whether it was computed for this commit and names file, by these rules.
    fn is_for(&self, commit: u64, names_file: u64) -> bool {
        self.rules == merge::RULES && self.commit == commit && self.names_file == names_file
    }
}
