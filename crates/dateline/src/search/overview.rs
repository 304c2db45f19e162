//! The names and the timeline of a search, counted in one pass over its
//! matches: what a search page shows beside the hits.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::Count;

use super::entity_count::{top_entities, CountEntities};
use super::facets::{
    entity_counts, entity_lists, names_asked, names_request, stories_answer, RawCounts,
};
use super::summary;
use super::timeline::{count_stories, roll_up, CountDays};
use super::{
    effective_sort, page_end, query, ArchiveSearcher, Filters, SearchError, SearchRequest,
    SearchResults, MAX_TOP_NAMES,
};
use crate::contract::{Counted, EntityCounts, Period, Timeline};
use crate::extract::EntityKind;

impl ArchiveSearcher {
    /// The `top` names of each of `kinds` and the timeline of the articles
    /// matching `filters`, from one pass over them (the same figures as
    /// [`ArchiveSearcher::entities`] and [`ArchiveSearcher::timeline`]).
    /// `period` picks the timeline's period from the span of dates: the
    /// filters' bounds, else the first and last matching article's day.
    /// Stories, when `counted`, take a second pass for the timeline.
    pub fn overview(
        &self,
        filters: &Filters,
        kinds: &[EntityKind],
        top: usize,
        counted: Counted,
        period: impl FnOnce(Option<NaiveDate>, Option<NaiveDate>) -> Period,
    ) -> Result<(EntityCounts, Timeline), SearchError> {
        let (entities, days) = self.overview_of(filters, kinds, top, true, counted)?;
        let mut timeline = timeline_of(filters, entities.total_articles, &days, period)?;
        if counted == Counted::Stories {
            let query = query::build(self.archive(), &self.names(), filters)?.full;
            count_stories(&self.searcher(), query.as_ref(), &mut timeline)?;
        }
        Ok((entities, timeline))
    }

    /// What a search page shows: the results of `request` and the
    /// [`ArchiveSearcher::overview`] of its filters, the same as those two
    /// calls give. Counting articles, the hits, the names and the timeline
    /// come from one pass over the matches.
    pub fn search_with_overview(
        &self,
        request: &SearchRequest,
        kinds: &[EntityKind],
        top: usize,
        counted: Counted,
        period: impl FnOnce(Option<NaiveDate>, Option<NaiveDate>) -> Period,
    ) -> Result<(SearchResults, EntityCounts, Timeline), SearchError> {
        if counted == Counted::Stories || request.all_copies {
            let results = self.search(request)?;
            let (entities, timeline) =
                self.overview(&request.filters, kinds, top, counted, period)?;
            return Ok((results, entities, timeline));
        }
        if top > MAX_TOP_NAMES {
            return Err(SearchError::TooManyNames { top });
        }
        let names = self.names();
        if summary::answers(&request.filters, counted, top) {
            let results = self.search(request)?;
            let kept = self.summary(&self.searcher(), &names)?;
            let (_, summary) = kept.as_ref();
            let entities = summary.entity_counts(kinds, top);
            let timeline = timeline_of(&request.filters, summary.total, &summary.days, period)?;
            return Ok((results, entities, timeline));
        }
        let end = page_end(request.offset, request.limit)?;
        let built = query::build(self.archive(), &names, &request.filters)?;
        let searcher = self.searcher();
        let sort = effective_sort(request.sort, &built);
        let ids = self.entity_ids.get(&searcher, &names)?;
        let collectors = (
            self.best_per_story(&searcher, sort, end)?,
            Count,
            CountEntities::new(Arc::clone(&ids)),
            CountDays,
        );
        let (best, total, articles, days) = searcher.search(&built.full, &collectors)?;
        let results = self.story_results(&searcher, &built, &names, request, sort, &best)?;
        let lists = top_entities(&ids, &articles, kinds, top);
        let entities = entity_counts(total as u64, None, kinds, lists);
        let timeline = timeline_of(&request.filters, entities.total_articles, &days, period)?;
        Ok((results, entities, timeline))
    }

    /// The `top` entities of each of `kinds` among the articles matching
    /// `filters` and, when `per_day`, the matching articles per day (else
    /// no days), from one pass over them.
    pub(super) fn overview_of(
        &self,
        filters: &Filters,
        kinds: &[EntityKind],
        top: usize,
        per_day: bool,
        counted: Counted,
    ) -> Result<(EntityCounts, BTreeMap<NaiveDate, u64>), SearchError> {
        if top > MAX_TOP_NAMES {
            return Err(SearchError::TooManyNames { top });
        }
        let names = self.names();
        let searcher = self.searcher();
        if summary::answers(filters, counted, top) {
            let kept = self.summary(&searcher, &names)?;
            let (_, summary) = kept.as_ref();
            let days = if per_day {
                summary.days.clone()
            } else {
                BTreeMap::new()
            };
            return Ok((summary.entity_counts(kinds, top), days));
        }
        let query = query::build(self.archive(), &names, filters)?.full;
        if counted == Counted::Articles {
            let ids = self.entity_ids.get(&searcher, &names)?;
            let counter = CountEntities::new(Arc::clone(&ids));
            let days = per_day.then_some(CountDays);
            let (total, articles, days) = searcher.search(&query, &(Count, counter, days))?;
            let lists = top_entities(&ids, &articles, kinds, top);
            return Ok((
                entity_counts(total as u64, None, kinds, lists),
                days.unwrap_or_default(),
            ));
        }
        let asked = names_asked(&names, kinds, top);
        let request = names_request(&asked);
        let aggregations: Aggregations =
            serde_json::from_value(request.into()).expect("aggregation request is valid");
        let collector = AggregationCollector::from_aggs(aggregations, Default::default());
        let days = per_day.then_some(CountDays);
        let (total, results, days) = searcher.search(&query, &(Count, collector, days))?;
        let json = serde_json::to_value(results).expect("aggregation results serialize");
        let lists = entity_lists(
            &searcher,
            self.archive(),
            &names,
            query.as_ref(),
            RawCounts {
                asked: &asked,
                json: &json,
            },
            kinds,
            top,
        )?;
        let stories = stories_answer(&json);
        Ok((
            entity_counts(total as u64, stories, kinds, lists),
            days.unwrap_or_default(),
        ))
    }
}

/// The timeline of the articles per day `days` of a search for `filters`
/// matching `total` articles, by the period `period` picks from the span
/// of dates: the filters' bounds, else the first and last matching day.
fn timeline_of(
    filters: &Filters,
    total: u64,
    days: &BTreeMap<NaiveDate, u64>,
    period: impl FnOnce(Option<NaiveDate>, Option<NaiveDate>) -> Period,
) -> Result<Timeline, SearchError> {
    let first = filters.from.or(days.keys().next().copied());
    let last = filters.to.or(days.keys().next_back().copied());
    roll_up(total, days, period(first, last), (filters.from, filters.to))
}

#[cfg(test)]
mod tests {
    use crate::extract::stand_in::FixedNames;
    use crate::index::{update, UpdateOptions};
    use crate::search::Sort;

    use super::*;

    /// Four dated articles and an undated one, each naming one of two people.
    fn archive_of_two_people(work: &std::path::Path) -> ArchiveSearcher {
        let folder = work.join("archive");
        std::fs::create_dir(&folder).unwrap();
        for (n, date) in ["2023-11-30", "2024-01-05", "2024-01-20", "2024-03-01"]
            .iter()
            .enumerate()
        {
            let name = if n % 2 == 0 {
                "Ada Byron"
            } else {
                "Mary Somerville"
            };
            let text = format!("date {date} Story {n}\n\n{name} at the harbor.");
            std::fs::write(folder.join(format!("{n}.txt")), text).unwrap();
        }
        std::fs::write(folder.join("undated.md"), "# Undated\n\nAda Byron again.").unwrap();
        let extractor = FixedNames::people(&["Ada Byron", "Mary Somerville"], "fixed");
        let dir = work.join("index");
        update(&dir, &[folder], &extractor, UpdateOptions::default(), &()).unwrap();
        ArchiveSearcher::open(&dir).unwrap()
    }

    #[test]
    fn a_search_page_in_one_pass_is_its_search_and_overview() {
        let work = tempfile::tempdir().unwrap();
        let searcher = archive_of_two_people(work.path());
        let kinds = [EntityKind::Person, EntityKind::Place];
        let month = |_: Option<NaiveDate>, _: Option<NaiveDate>| Period::Month;
        for query in [None, Some("harbor"), Some("nowhere")] {
            for sort in [Sort::Relevance, Sort::Oldest] {
                for counted in [Counted::Articles, Counted::Stories] {
                    for all_copies in [false, true] {
                        let request = SearchRequest {
                            filters: Filters {
                                query: query.map(str::to_string),
                                ..Filters::default()
                            },
                            sort,
                            limit: 2,
                            offset: 1,
                            all_copies,
                        };
                        let (results, entities, timeline) = searcher
                            .search_with_overview(&request, &kinds, 5, counted, month)
                            .unwrap();
                        assert_eq!(results, searcher.search(&request).unwrap());
                        assert_eq!(
                            (entities, timeline),
                            searcher
                                .overview(&request.filters, &kinds, 5, counted, month)
                                .unwrap()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn one_pass_gives_what_entities_and_timeline_give() {
        let work = tempfile::tempdir().unwrap();
        let searcher = archive_of_two_people(work.path());
        let kinds = [EntityKind::Person, EntityKind::Place];
        for filters in [
            Filters::default(),
            Filters {
                from: NaiveDate::from_ymd_opt(2024, 1, 1),
                ..Filters::default()
            },
        ] {
            let mut span = None;
            for counted in [Counted::Articles, Counted::Stories] {
                let (entities, timeline) = searcher
                    .overview(&filters, &kinds, 5, counted, |first, last| {
                        span = Some((first, last));
                        Period::Month
                    })
                    .unwrap();
                assert_eq!(
                    entities,
                    searcher.entities(&filters, &kinds, 5, counted).unwrap()
                );
                assert_eq!(
                    timeline,
                    searcher.timeline(&filters, Period::Month, counted).unwrap()
                );
            }
            let (first, last) = span.unwrap();
            assert_eq!(
                first,
                filters.from.or(NaiveDate::from_ymd_opt(2023, 11, 30))
            );
            assert_eq!(last, NaiveDate::from_ymd_opt(2024, 3, 1));
        }
    }
}
