//! What an index holds, in numbers (`dateline stats`).

use serde::{Deserialize, Serialize};

use super::facets::distinct_names;
use super::query::of_kind;
use super::timeline::articles_per_day;
use super::{ArchiveSearcher, SearchError};
use crate::index::schema::{kinds, names};

/// Figures about the whole index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: u64,
    /// Earliest article date, `YYYY-MM-DD`.
    pub first_date: Option<String>,
    /// Latest article date, `YYYY-MM-DD`.
    pub last_date: Option<String>,
    /// Articles without a date.
    pub undated: u64,
    /// Distinct people (approximate above a few thousand).
    pub people: u64,
    /// Distinct organizations (approximate above a few thousand).
    pub organizations: u64,
    /// Distinct places (approximate above a few thousand).
    pub places: u64,
    /// Size of the index directory in bytes.
    pub index_bytes: u64,
}

impl ArchiveSearcher {
    /// Figures about the whole index.
    pub fn stats(&self) -> Result<IndexStats, SearchError> {
        let searcher = self.searcher();
        let articles_query = of_kind(&self.archive().fields, kinds::ARTICLE);
        let (articles, days) = articles_per_day(&searcher, &articles_query)?;
        let dated: u64 = days.values().sum();
        let index_bytes = walkdir::WalkDir::new(&self.archive().dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|entry| entry.metadata().ok())
            .filter(|meta| meta.is_file())
            .map(|meta| meta.len())
            .sum();
        Ok(IndexStats {
            articles,
            first_date: days.keys().next().map(ToString::to_string),
            last_date: days.keys().next_back().map(ToString::to_string),
            undated: articles - dated,
            people: distinct_names(&searcher, &articles_query, names::PEOPLE)?,
            organizations: distinct_names(&searcher, &articles_query, names::ORGANIZATIONS)?,
            places: distinct_names(&searcher, &articles_query, names::PLACES)?,
            index_bytes,
        })
    }
}
