//! What an index holds, in numbers (`dateline stats`).

use crate::contract::IndexStats;

use super::facets::distinct_names;
use super::query::of_kind;
use super::timeline::articles_per_day;
use super::{ArchiveSearcher, SearchError};
use crate::extract::EntityKind;
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
            people: self.distinct_entities(&searcher, &articles_query, EntityKind::Person)?,
            organizations: self.distinct_entities(
                &searcher,
                &articles_query,
                EntityKind::Organization,
            )?,
            places: self.distinct_entities(&searcher, &articles_query, EntityKind::Place)?,
            index_bytes,
        })
    }

    /// About how many entities of `kind` the articles matching `query` name:
    /// their distinct raw names, less the spellings that merge into an
    /// entity or are hidden, plus those entities (listed) of `kind`.
    fn distinct_entities(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
        kind: EntityKind,
    ) -> Result<u64, SearchError> {
        let field = match kind {
            EntityKind::Person => names::PEOPLE,
            EntityKind::Organization => names::ORGANIZATIONS,
            EntityKind::Place => names::PLACES,
        };
        let table = self.names();
        let spelled = table.spellings_of(kind) as u64;
        let entities = table
            .entities()
            .iter()
            .filter(|entity| entity.kind == kind && !entity.hidden)
            .count() as u64;
        let raw = distinct_names(searcher, query, field)?;
        Ok((raw + entities).saturating_sub(spelled))
    }
}
