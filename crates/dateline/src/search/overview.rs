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
use super::timeline::{count_stories, roll_up, CountDays};
use super::{query, ArchiveSearcher, Filters, SearchError, MAX_TOP_NAMES};
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
        let first = filters.from.or(days.keys().next().copied());
        let last = filters.to.or(days.keys().next_back().copied());
        let mut timeline = roll_up(
            entities.total_articles,
            &days,
            period(first, last),
            (filters.from, filters.to),
        )?;
        if counted == Counted::Stories {
            let query = query::build(self.archive(), &self.names(), filters)?.full;
            count_stories(&self.searcher(), query.as_ref(), &mut timeline)?;
        }
        Ok((entities, timeline))
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
        let query = query::build(self.archive(), &names, filters)?.full;
        let searcher = self.searcher();
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

#[cfg(test)]
mod tests {
    use crate::extract::stand_in::FixedNames;
    use crate::index::{update, UpdateOptions};

    use super::*;

    #[test]
    fn one_pass_gives_what_entities_and_timeline_give() {
        let work = tempfile::tempdir().unwrap();
        let folder = work.path().join("archive");
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
        let dir = work.path().join("index");
        update(&dir, &[folder], &extractor, UpdateOptions::default(), &()).unwrap();
        let searcher = ArchiveSearcher::open(&dir).unwrap();
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
