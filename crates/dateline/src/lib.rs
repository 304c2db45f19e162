//! `dateline`: a search engine for news archives.
//!
//! Data flows one way through the modules:
//! [`ingest`] finds and reads articles into one [`Article`] type,
//! [`extract`] finds the people, organizations, places and quotes in them,
//! [`index`] writes them into a tantivy index (the schema lives in [`index::schema`]),
//! [`names`] merges the spellings of one entity across the archive,
//! and [`search`] answers queries, filters, snippets and facets over that index;
//! [`export`] hands the index's articles to a distributed engine and [`eval`]
//! scores the extractor on annotated articles, read in the one format of
//! [`gold`] that training reads too.
//!
//! The front ends (the `dateline` command and its web server) live in the
//! workspace's root package; the benchmark and the model trainer are crates
//! of their own. The items most callers need are re-exported here:
//!
//! ```no_run
//! use dateline::{update, ArchiveSearcher, Extractor, Filters, SearchRequest, UpdateOptions};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let index = std::path::Path::new("archive-index");
//! let archive = vec![std::path::PathBuf::from("archive")];
//! update(index, &archive, &Extractor::new(), UpdateOptions::default(), &())?;
//! let request = SearchRequest {
//!     filters: Filters {
//!         query: Some("troops".into()),
//!         people: vec!["Victor Cha".into()],
//!         ..Filters::default()
//!     },
//!     limit: 10,
//!     ..SearchRequest::default()
//! };
//! for hit in ArchiveSearcher::open(index)?.search(&request)?.hits {
//!     let date = hit.date.map_or("undated".to_string(), |date| date.to_string());
//!     println!("{date} {}", hit.title);
//! }
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

pub mod article;
pub mod contract;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gold;
pub mod index;
pub mod ingest;
mod jsonl;
pub mod names;
pub mod search;

pub use article::Article;
pub use extract::{EntityKind, Extract, Extraction, Extractor};
pub use index::{update, ArchiveIndex, IndexError, UpdateOptions, UpdateSummary};
pub use search::{ArchiveSearcher, Filters, SearchError, SearchRequest, SearchResults};
