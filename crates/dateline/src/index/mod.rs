//! The tantivy index: schema, opening and locking, writing articles.

pub mod document;
pub mod keys;
pub mod path_key;
pub mod schema;
pub mod state;
pub mod store;
pub mod update;

pub use store::{ArchiveIndex, IndexError};
pub use update::{update, Progress, UpdateOptions, UpdateSummary};
