//! The integration tests, in one binary so they build and link once: the
//! `dateline` binary run as a user would, and the library through its
//! public API. Each module is one area; `common` has the shared helpers.

mod common;

mod article_size;
mod article_text;
mod browser;
mod copies_cli;
mod export_cli;
mod extract_quality;
mod formats_cli;
mod golden;
mod hostile_archive;
mod hostile_queries;
mod index_cli;
mod names_cli;
mod output_cli;
mod quotes;
mod quotes_cli;
mod search_cli;
mod shared_files;
mod stable_ids;
mod views_cli;
mod web;
