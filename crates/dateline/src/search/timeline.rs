//! Matching articles per day, week, month or year.
//!
//! tantivy counts articles per day with a date-histogram aggregation; days
//! are then rolled up into the requested calendar period, because tantivy's
//! histogram only has fixed-length intervals and months and years are not.

use std::collections::BTreeMap;

use crate::contract::{Bucket, Counted, Period, Timeline};
use chrono::{Datelike, Days, Months, NaiveDate};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::SearchError;

/// The first day an index can hold: tantivy counts time in nanoseconds
/// since 1970 in an `i64`, so no stored date lies outside 1677–2262.
fn first_storable() -> NaiveDate {
    NaiveDate::from_ymd_opt(1677, 9, 22).expect("a valid date")
}

/// The last day an index can hold; see [`first_storable`].
fn last_storable() -> NaiveDate {
    NaiveDate::from_ymd_opt(2262, 4, 11).expect("a valid date")
}

/// The most periods a timeline lists: a century by week, 270 years by day.
pub const MAX_BUCKETS: u64 = 100_000;
use crate::index::schema::names;

impl Period {
    /// The first day of the period that contains `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => date,
            Period::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Period::Month => date.with_day(1).expect("every month has a first day"),
            Period::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).expect("January 1st exists"),
        }
    }

    /// About how many periods run from `first` to `last` (an upper bound,
    /// cheap to compute), to refuse timelines too long to list.
    pub fn count_between(self, first: NaiveDate, last: NaiveDate) -> u64 {
        let days = u64::try_from((last - first).num_days()).unwrap_or(0) + 1;
        match self {
            Period::Day => days,
            Period::Week => days / 7 + 1,
            Period::Month => days / 28 + 1,
            Period::Year => days / 365 + 1,
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => start + Days::new(1),
            Period::Week => start + Days::new(7),
            Period::Month => start + Months::new(1),
            Period::Year => start + Months::new(12),
        }
    }
}

/// Counts matching articles per day.
pub fn articles_per_day(
    searcher: &Searcher,
    query: &dyn Query,
) -> Result<(u64, BTreeMap<NaiveDate, u64>), SearchError> {
    let (total, days) = searcher.search(query, &(Count, CountDays))?;
    Ok((total as u64, days))
}

/// Seconds in a day.
const DAY_SECONDS: i64 = 86_400;

/// The day of a date, as days since 1970-01-01.
fn day_number(date: tantivy::DateTime) -> i64 {
    date.into_timestamp_secs().div_euclid(DAY_SECONDS)
}

/// Counts the matching articles of each day (undated ones are not counted).
pub(super) struct CountDays;

/// [`CountDays`] in one segment.
pub(super) struct SegmentCountDays {
    dates: Column<tantivy::DateTime>,
    /// The first day of the segment's dates.
    first: i64,
    /// Matching articles per day from `first`.
    days: Vec<u32>,
}

impl Collector for CountDays {
    type Fruit = BTreeMap<NaiveDate, u64>;
    type Child = SegmentCountDays;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCountDays> {
        let dates = reader.fast_fields().date(names::DATE)?;
        let (first, span) = if dates.values.num_vals() == 0 {
            (0, 0)
        } else {
            let first = day_number(dates.min_value());
            (first, day_number(dates.max_value()) - first + 1)
        };
        let span = usize::try_from(span).expect("the last date is not before the first");
        Ok(SegmentCountDays {
            dates,
            first,
            days: vec![0; span],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<Vec<(i64, u32)>>,
    ) -> tantivy::Result<BTreeMap<NaiveDate, u64>> {
        // Summed by day number first: a map built from days in order is
        // built in one go, where adding every segment's days to it one by
        // one costs a search of the map each.
        let first = segments
            .iter()
            .filter_map(|days| days.first())
            .map(|d| d.0)
            .min();
        let last = segments
            .iter()
            .filter_map(|days| days.last())
            .map(|d| d.0)
            .max();
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(BTreeMap::new());
        };
        let span = usize::try_from(last - first + 1).expect("segment days are in order");
        let mut counts = vec![0u64; span];
        for (day, count) in segments.into_iter().flatten() {
            counts[(day - first) as usize] += u64::from(count);
        }
        Ok(counts
            .into_iter()
            .zip(first..)
            .filter(|(count, _)| *count > 0)
            // Past the dates chrono knows: not shown.
            .filter_map(|(count, day)| {
                chrono::DateTime::from_timestamp(day * DAY_SECONDS, 0)
                    .map(|date| (date.date_naive(), count))
            })
            .collect())
    }
}

impl SegmentCollector for SegmentCountDays {
    type Fruit = Vec<(i64, u32)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(date) = self.dates.first(doc) {
            self.days[(day_number(date) - self.first) as usize] += 1;
        }
    }

    fn harvest(self) -> Vec<(i64, u32)> {
        let first = self.first;
        self.days
            .into_iter()
            .zip(first..)
            .filter(|(count, _)| *count > 0)
            .map(|(count, day)| (day, count))
            .collect()
    }
}

/// The timeline of the articles matching `query`, with its stories when
/// they are `counted`.
///
/// The buckets run from the period of `span`'s first day (else of the first
/// matching article) to that of its last day (else of the last article), so
/// a timeline asked for a year shows the whole year, empty months included.
pub fn timeline(
    searcher: &Searcher,
    query: &dyn Query,
    by: Period,
    span: (Option<NaiveDate>, Option<NaiveDate>),
    counted: Counted,
) -> Result<Timeline, SearchError> {
    let (total, days) = articles_per_day(searcher, query)?;
    let mut timeline = roll_up(total, &days, by, span)?;
    if counted == Counted::Stories {
        count_stories(searcher, query, &mut timeline)?;
    }
    Ok(timeline)
}

/// Midnight UTC of `day` in nanoseconds since 1970, as a date aggregation
/// takes its bounds (clamped to the days an index can hold).
fn nanoseconds(day: NaiveDate) -> f64 {
    super::query::date_bound(day).into_timestamp_nanos() as f64
}

/// The most periods whose stories one timeline counts: tantivy's range
/// aggregation makes a bucket of each period and of each gap between two,
/// and refuses more than 65,000 buckets.
pub const MAX_STORY_PERIODS: usize = 30_000;

/// Fills in the stories of each of `timeline`'s periods and of all the
/// matches: a range aggregation over the periods that hold articles
/// (calendar months and years are not of fixed length) with a cardinality
/// sub-aggregation.
pub(super) fn count_stories(
    searcher: &Searcher,
    query: &dyn Query,
    timeline: &mut Timeline,
) -> Result<(), SearchError> {
    use super::facets::{stories_answer, stories_request, STORIES};
    let ranges: Vec<serde_json::Value> = timeline
        .buckets
        .iter()
        .filter(|bucket| bucket.articles > 0)
        .map(|bucket| {
            let end = timeline.by.next(bucket.start);
            serde_json::json!({ "from": nanoseconds(bucket.start), "to": nanoseconds(end) })
        })
        .collect();
    if ranges.len() > MAX_STORY_PERIODS {
        return Err(SearchError::TooManyStoryPeriods {
            periods: ranges.len(),
        });
    }
    let mut request = serde_json::json!({ STORIES: stories_request() });
    if !ranges.is_empty() {
        request[PERIODS] = serde_json::json!({
            "range": { "field": names::DATE, "ranges": ranges, "keyed": false },
            "aggs": { STORIES: stories_request() }
        });
    }
    let aggregations: Aggregations =
        serde_json::from_value(request).expect("range aggregation request is valid");
    let collector = AggregationCollector::from_aggs(aggregations, Default::default());
    let json = serde_json::to_value(searcher.search(query, &collector)?)
        .expect("aggregation results serialize");
    let mut by_start: BTreeMap<i64, u64> = BTreeMap::new();
    for bucket in json[PERIODS]["buckets"].as_array().into_iter().flatten() {
        if let (Some(from), Some(stories)) = (bucket["from"].as_f64(), stories_answer(bucket)) {
            by_start.insert(from as i64, stories);
        }
    }
    for bucket in &mut timeline.buckets {
        let start = nanoseconds(bucket.start) as i64;
        bucket.stories = Some(by_start.get(&start).copied().unwrap_or(0));
    }
    timeline.total_stories = Some(stories_answer(&json).unwrap_or(0));
    Ok(())
}

/// The name of the per-period aggregation of [`count_stories`].
const PERIODS: &str = "periods";

/// The timeline of `total` matching articles counted per day in `days`:
/// the days rolled up into periods `by`, over `span` (see [`timeline`]).
pub(super) fn roll_up(
    total: u64,
    days: &BTreeMap<NaiveDate, u64>,
    by: Period,
    span: (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<Timeline, SearchError> {
    let mut periods: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (day, count) in days {
        *periods.entry(by.start_of(*day)).or_insert(0) += count;
    }
    let dated: u64 = periods.values().sum();
    let mut buckets = Vec::new();
    let start_of = |day: NaiveDate| by.start_of(day.clamp(first_storable(), last_storable()));
    let first = span.0.map(start_of).or(periods.keys().next().copied());
    let last = span.1.map(start_of).or(periods.keys().next_back().copied());
    if let (Some(first), Some(last)) = (first, last) {
        let periods_spanned = by.count_between(first, last);
        if periods_spanned > MAX_BUCKETS {
            return Err(SearchError::TooManyPeriods {
                periods: periods_spanned,
            });
        }
        let mut start = first;
        while start <= last {
            buckets.push(Bucket {
                start,
                articles: periods.get(&start).copied().unwrap_or(0),
                stories: None,
            });
            start = by.next(start);
        }
    }
    Ok(Timeline {
        by,
        total_articles: total,
        total_stories: None,
        undated: total - dated,
        buckets,
    })
}

impl super::ArchiveSearcher {
    /// The timeline of the articles matching `filters`, with their stories
    /// when they are `counted`.
    pub fn timeline(
        &self,
        filters: &super::Filters,
        by: Period,
        counted: Counted,
    ) -> Result<Timeline, SearchError> {
        let names = self.names();
        let searcher = self.searcher();
        let span = (filters.from, filters.to);
        if super::summary::answers(filters, counted, 0) {
            let kept = self.summary(&searcher, &names)?;
            let (_, summary) = kept.as_ref();
            return roll_up(summary.total, &summary.days, by, span);
        }
        let query = super::query::build(self.archive(), &names, filters)?.full;
        timeline(&searcher, &query, by, span, counted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_start_on_monday_first_of_month_and_new_year() {
        let date = day(2024, 10, 23);
        assert_eq!(Period::Day.start_of(date), date);
        assert_eq!(Period::Week.start_of(date), day(2024, 10, 21));
        assert_eq!(Period::Month.start_of(date), day(2024, 10, 1));
        assert_eq!(Period::Year.start_of(date), day(2024, 1, 1));
    }

    #[test]
    fn next_period_crosses_month_and_year_ends() {
        assert_eq!(Period::Month.next(day(2024, 12, 1)), day(2025, 1, 1));
        assert_eq!(Period::Week.next(day(2024, 12, 30)), day(2025, 1, 6));
        assert_eq!(Period::Year.next(day(2024, 1, 1)), day(2025, 1, 1));
    }
}
