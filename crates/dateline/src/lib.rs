//! `dateline`: a search engine for news archives.
//!
//! Data flows one way through the modules:
//! [`ingest`] finds and reads articles into one [`Article`] type,
//! [`extract`] finds the people, organizations, places and quotes in them,
//! [`index`] writes them into a tantivy index (the schema lives in [`index::schema`]),
//! and [`search`] answers queries, filters, snippets and facets over that index;
//! [`export`] hands the index's articles to a distributed engine.
//! The command-line front end in `main.rs` only parses arguments and prints;
//! [`bench`] is the benchmark suite behind the `dateline-bench` binary.

pub mod article;
pub mod eval;
pub mod export;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod jsonl;
pub mod search;

pub use article::Article;
