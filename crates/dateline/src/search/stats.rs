//! What an index holds, in numbers (`dateline stats`).

use crate::contract::IndexStats;

use super::facets::distinct_names;
use super::query::of_kind;
use super::timeline::articles_per_day;
use super::{ArchiveSearcher, SearchError};
use crate::index::schema::{kinds, names};

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
            stories: distinct_names(&searcher, &articles_query, names::STORY)?,
            first_date: days.keys().next().copied(),
            last_date: days.keys().next_back().copied(),
            undated: articles - dated,
            people: distinct_names(&searcher, &articles_query, names::PEOPLE)?,
            organizations: distinct_names(&searcher, &articles_query, names::ORGANIZATIONS)?,
            places: distinct_names(&searcher, &articles_query, names::PLACES)?,
            index_bytes,
        })
    }
}
