//! The names file a user controls: merges, renames, retypes and hides,
//! applied in order on top of the merges dateline finds by itself.

use serde::{Deserialize, Serialize};

use crate::extract::EntityKind;

/// A name as the user typed it, with its kind when they gave one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameRef {
    /// A spelling, or the name shown (any case, accents optional).
    pub name: String,
    /// Only names of this kind; any kind when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntityKind>,
}

/// One change the user made to the archive's names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "lowercase")]
pub enum Edit {
    /// The names are one entity, shown as the first one is.
    Merge {
        /// The names; the first keeps its name and kind.
        names: Vec<NameRef>,
    },
    /// The spellings the name stands for are kept out of the merges
    /// dateline makes by itself (`Cohen` joined to the wrong Cohen); the
    /// user's own merges still apply.
    Split {
        /// A spelling (all spellings with its key are kept apart).
        name: NameRef,
    },
    /// The entity is shown under another name.
    Rename {
        /// The entity.
        name: NameRef,
        /// Its new name.
        to: String,
    },
    /// The entity is of another kind (`UTC` is not an organization).
    Retype {
        /// The entity.
        name: NameRef,
        /// Its kind.
        to: EntityKind,
    },
    /// The entity is left out of name lists and facets (an outlet's own name).
    Hide {
        /// The entity.
        name: NameRef,
    },
    /// A hidden entity is listed again.
    Unhide {
        /// The entity.
        name: NameRef,
    },
}

impl Edit {
    /// The names the edit is about.
    pub fn names(&self) -> Vec<&NameRef> {
        match self {
            Edit::Merge { names } => names.iter().collect(),
            Edit::Rename { name, .. }
            | Edit::Retype { name, .. }
            | Edit::Split { name }
            | Edit::Hide { name }
            | Edit::Unhide { name } => vec![name],
        }
    }
}

/// The names file: the user's edits, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamesFile {
    /// The edits, oldest first.
    pub edits: Vec<Edit>,
}
