//! The tantivy index: schema, opening and locking, writing articles.

pub(crate) mod copies;
pub(crate) mod document;
pub(crate) mod keys;
mod merge;
mod packed;
pub(crate) mod path_key;
pub(crate) mod roots;
pub mod schema;
mod state;
pub(crate) mod stems;
pub(crate) mod store;
mod update;

pub use document::extraction_text;
pub use keys::{normalize as name_key, surname_key};
pub use store::{ArchiveIndex, IndexError};
pub use update::{update, Progress, UpdateOptions, UpdateSummary};
