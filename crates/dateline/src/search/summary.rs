//! The overview of the whole archive, kept: the top names of every kind and
//! the articles per day, counted once for a set of segments and names and
//! written beside the index, so that an unfiltered `entities`, `timeline`
//! or first search page does not count every article again. Filtered
//! overviews, and those counting stories, are counted each time.
//!
//! The overview depends on the segments (and their deletions), the merge
//! rules and the names file only: a re-index that changes nothing keeps it.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::Searcher;

use super::entity_count::{top_entities, CountEntities};
use super::facets::entity_counts;
use super::last_built::LastBuilt;
use super::timeline::CountDays;
use super::{query, searches_commit, ArchiveSearcher, Filters, SearchError};
use crate::contract::{Counted, EntityCounts, NameCount};
use crate::extract::EntityKind;
use crate::index::store::{write_whole, OVERVIEW_FILE};
use crate::names::NameTable;

/// Names kept per kind: longer lists are counted each time.
const SUMMARY_TOP_NAMES: usize = 1_000;

/// The version of the file's layout; a file of another is counted again.
const FORMAT: u32 = 1;

/// The kinds kept, in the order of [`Summary::names`].
const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
];

/// The overview of every article of one set of segments under one names
/// table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Summary {
    /// [`FORMAT`] when written.
    format: u32,
    /// What it was counted from (see [`stamp`]).
    stamp: u64,
    /// Articles.
    pub total: u64,
    /// The first [`SUMMARY_TOP_NAMES`] entities of each of [`KINDS`], most
    /// articles first, ties by name.
    names: [Vec<NameCount>; 3],
    /// Articles per day, the dated ones.
    pub days: BTreeMap<NaiveDate, u64>,
}

impl Summary {
    /// The `top` entities of each of `kinds`, as counting them would list
    /// them (`top` at most [`SUMMARY_TOP_NAMES`]: see [`answers`]).
    pub fn entity_counts(&self, kinds: &[EntityKind], top: usize) -> EntityCounts {
        let lists = kinds
            .iter()
            .map(|&kind| {
                let at = KINDS
                    .iter()
                    .position(|&k| k == kind)
                    .expect("every kind is kept");
                self.names[at].iter().take(top).cloned().collect()
            })
            .collect();
        entity_counts(self.total, None, kinds, lists)
    }
}

/// The summary kept in memory, with the table it was counted under.
pub(super) type KeptSummary = LastBuilt<(Arc<NameTable>, Summary)>;

/// Whether the summary answers for the `top` names of the articles
/// matching `filters`, `counted` so: every article, counted as articles.
pub(super) fn answers(filters: &Filters, counted: Counted, top: usize) -> bool {
    counted == Counted::Articles && top <= SUMMARY_TOP_NAMES && is_unfiltered(filters)
}

/// Whether `filters` match every article.
fn is_unfiltered(filters: &Filters) -> bool {
    let Filters {
        query,
        people,
        organizations,
        places,
        sources,
        speakers,
        from,
        to,
    } = filters;
    query.as_deref().is_none_or(|query| query.trim().is_empty())
        && [people, organizations, places, sources, speakers]
            .iter()
            .all(|list| list.is_empty())
        && from.is_none()
        && to.is_none()
}

/// What a summary is counted from: `searcher`'s segments with their
/// deletions, and the rules and names file of `names`.
fn stamp(searcher: &Searcher, names: &NameTable) -> u64 {
    let mut described = format!("{:?}", names.merged_by());
    for (segment, deletions) in searcher.generation().segments() {
        described.push_str(&format!(" {}:{deletions:?}", segment.uuid_string()));
    }
    xxhash_rust::xxh3::xxh3_64(described.as_bytes())
}

impl ArchiveSearcher {
    /// The summary of `searcher`'s articles under `names`: the one kept in
    /// memory, else the one written beside the index, else counted now
    /// (and written for the next process, where the folder is writable).
    pub(super) fn summary(
        &self,
        searcher: &Searcher,
        names: &Arc<NameTable>,
    ) -> Result<Arc<(Arc<NameTable>, Summary)>, SearchError> {
        let stamp = stamp(searcher, names);
        self.summary.get(
            |(table, kept)| Arc::ptr_eq(table, names) && kept.stamp == stamp,
            || {
                let summary = match self.read_summary(stamp) {
                    Some(summary) => summary,
                    None => {
                        let summary = self.count_summary(searcher, names, stamp)?;
                        self.write_summary(searcher, names, &summary);
                        summary
                    }
                };
                Ok((Arc::clone(names), summary))
            },
        )
    }

    /// The summary written beside the index, if it is for `stamp`.
    fn read_summary(&self, stamp: u64) -> Option<Summary> {
        let bytes = std::fs::read(self.archive().dir.join(OVERVIEW_FILE)).ok()?;
        serde_json::from_slice::<Summary>(&bytes)
            .ok()
            .filter(|summary| summary.format == FORMAT && summary.stamp == stamp)
    }

    /// Counts the summary of every article, in one pass over them.
    fn count_summary(
        &self,
        searcher: &Searcher,
        names: &Arc<NameTable>,
        stamp: u64,
    ) -> Result<Summary, SearchError> {
        let ids = self.entity_ids.get(searcher, names)?;
        let everything = query::build(self.archive(), names, &Filters::default())?.full;
        let collectors = (Count, CountEntities::new(Arc::clone(&ids)), CountDays);
        let (total, articles, days) = searcher.search(&everything, &collectors)?;
        let [people, organizations, places]: [Vec<NameCount>; 3] =
            top_entities(&ids, &articles, &KINDS, SUMMARY_TOP_NAMES)
                .try_into()
                .expect("one list per kind");
        Ok(Summary {
            format: FORMAT,
            stamp,
            total: total as u64,
            names: [people, organizations, places],
            days,
        })
    }

    /// Writes `summary` beside the index when `names` is the table of the
    /// commit `searcher` searches (a server between reloading the index and
    /// its names could count under the one before), and where the folder
    /// can be written: it is only kept to save counting again.
    fn write_summary(&self, searcher: &Searcher, names: &NameTable, summary: &Summary) {
        let Ok(metas) = self.archive().index.load_metas() else {
            return;
        };
        if metas.opstamp == names.commit() && searches_commit(searcher, &metas) {
            let bytes = serde_json::to_vec(summary).expect("a summary serializes");
            let _ = write_whole(&self.archive().dir, OVERVIEW_FILE, &bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::contract::Period;
    use crate::extract::stand_in::FixedNames;
    use crate::index::{update, UpdateOptions};
    use crate::names::{Edit, NameRef};

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Writes `articles` (date, person) into `folder` and indexes them in
    /// `index`; an article without a date is written in Markdown.
    fn index_articles(folder: &Path, index: &Path, articles: &[(Option<&str>, &str)]) {
        std::fs::create_dir_all(folder).unwrap();
        for (n, (date, person)) in articles.iter().enumerate() {
            let (name, text) = match date {
                Some(date) => (
                    format!("{n}.txt"),
                    format!("date {date} Story {n}\n\n{person} at the harbor."),
                ),
                None => (format!("{n}.md"), format!("# Story {n}\n\n{person} again.")),
            };
            std::fs::write(folder.join(name), text).unwrap();
        }
        let extractor = FixedNames::people(&["Ada Byron", "Mary Somerville"], "fixed");
        let options = UpdateOptions::default();
        update(index, &[folder.to_path_buf()], &extractor, options, &()).unwrap();
    }

    /// A searcher of `articles` indexed in a new folder (`archive`,
    /// `index` inside it).
    fn searcher_of(articles: &[(Option<&str>, &str)]) -> (tempfile::TempDir, ArchiveSearcher) {
        let work = tempfile::tempdir().unwrap();
        let dir = work.path().join("index");
        index_articles(&work.path().join("archive"), &dir, articles);
        (work, ArchiveSearcher::open(&dir).unwrap())
    }

    const ARTICLES: [(Option<&str>, &str); 4] = [
        (Some("2024-01-05"), "Ada Byron"),
        (Some("2024-01-05"), "Mary Somerville"),
        (Some("2024-03-01"), "Ada Byron"),
        (None, "Ada Byron"),
    ];

    fn people(searcher: &ArchiveSearcher, top: usize) -> Vec<(String, u64)> {
        let counts = searcher
            .entities(
                &Filters::default(),
                &[EntityKind::Person],
                top,
                Counted::Articles,
            )
            .unwrap();
        let listed = counts.people.unwrap().into_iter();
        listed.map(|name| (name.name, name.articles)).collect()
    }

    #[test]
    fn the_whole_archive_is_counted_once_and_kept_beside_the_index() {
        let (work, searcher) = searcher_of(&ARTICLES);
        let dir = work.path().join("index");
        let both = vec![
            ("Ada Byron".to_string(), 3),
            ("Mary Somerville".to_string(), 1),
        ];
        assert_eq!(people(&searcher, 5), both);
        assert_eq!(people(&searcher, 1), both[..1]);
        let timeline = searcher
            .timeline(&Filters::default(), Period::Month, Counted::Articles)
            .unwrap();
        let months: Vec<(NaiveDate, u64)> = timeline
            .buckets
            .iter()
            .map(|bucket| (bucket.start, bucket.articles))
            .collect();
        assert_eq!(
            months,
            [
                (day(2024, 1, 1), 2),
                (day(2024, 2, 1), 0),
                (day(2024, 3, 1), 1)
            ]
        );
        assert_eq!((timeline.total_articles, timeline.undated), (4, 1));

        // Another process reads the written overview instead of counting:
        // one edited by hand shows.
        let path = dir.join(OVERVIEW_FILE);
        let mut written: Summary = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(written.total, 4);
        written.names[0][0].articles = 99;
        std::fs::write(&path, serde_json::to_vec(&written).unwrap()).unwrap();
        let reopened = ArchiveSearcher::open(&dir).unwrap();
        assert_eq!(people(&reopened, 1), [("Ada Byron".to_string(), 99)]);
    }

    #[test]
    fn new_articles_and_names_edits_are_counted_again() {
        let (work, searcher) = searcher_of(&ARTICLES);
        let (folder, dir) = (work.path().join("archive"), work.path().join("index"));
        assert_eq!(people(&searcher, 5)[1], ("Mary Somerville".to_string(), 1));

        let more = [(Some("2024-03-02"), "Mary Somerville"); 6];
        index_articles(&folder.join("more"), &dir, &more);
        searcher.refresh().unwrap();
        assert_eq!(
            people(&searcher, 1),
            [("Mary Somerville".to_string(), 7)],
            "kept in memory"
        );
        let reopened = ArchiveSearcher::open(&dir).unwrap();
        assert_eq!(
            people(&reopened, 1),
            [("Mary Somerville".to_string(), 7)],
            "kept in the file"
        );

        let hide = Edit::Hide {
            name: NameRef {
                name: "Mary Somerville".into(),
                kind: None,
            },
        };
        crate::names::edit(reopened.archive(), hide).unwrap();
        reopened.refresh().unwrap();
        assert_eq!(people(&reopened, 5), [("Ada Byron".to_string(), 3)]);
    }

    #[test]
    fn a_new_commit_is_searched_with_the_last_names_until_its_own_are_written() {
        let (work, searcher) = searcher_of(&ARTICLES);
        let (folder, dir) = (work.path().join("archive"), work.path().join("index"));
        let names_commit = |searcher: &ArchiveSearcher| searcher.names.read().unwrap().1.commit();
        let first = names_commit(&searcher);
        index_articles(
            &folder.join("more"),
            &dir,
            &[(Some("2024-03-02"), "Mary Somerville")],
        );
        // As if the index run had committed and not yet written its names.
        std::fs::remove_file(dir.join("names-table.json")).unwrap();
        searcher.refresh().unwrap();
        assert_eq!(
            names_commit(&searcher),
            first,
            "the last names, not computed"
        );
        assert_eq!(
            searcher
                .search(&crate::search::SearchRequest::default())
                .unwrap()
                .total,
            5
        );

        // A run killed before writing them: past the wait, they are computed.
        let meta = std::fs::File::options()
            .write(true)
            .open(dir.join(crate::search::META_FILE))
            .unwrap();
        meta.set_modified(std::time::SystemTime::now() - 2 * crate::search::NAMES_AWAITED)
            .unwrap();
        searcher.refresh().unwrap();
        assert_ne!(names_commit(&searcher), first);
        assert!(people(&searcher, 5).contains(&("Mary Somerville".to_string(), 2)));
    }

    #[test]
    fn only_filters_that_keep_every_article_are_answered_from_it() {
        let everything = Filters::default();
        assert!(answers(&everything, Counted::Articles, SUMMARY_TOP_NAMES));
        assert!(!answers(&everything, Counted::Stories, 10));
        assert!(!answers(
            &everything,
            Counted::Articles,
            SUMMARY_TOP_NAMES + 1
        ));
        let blank = Filters {
            query: Some("  ".into()),
            ..Filters::default()
        };
        assert!(answers(&blank, Counted::Articles, 10));
        let narrowed = [
            Filters {
                query: Some("harbor".into()),
                ..Filters::default()
            },
            Filters {
                speakers: vec!["Ada".into()],
                ..Filters::default()
            },
            Filters {
                to: Some(day(2024, 1, 31)),
                ..Filters::default()
            },
        ];
        for filters in narrowed {
            assert!(!answers(&filters, Counted::Articles, 10), "{filters:?}");
        }
    }
}
