//! Every name the index holds, with the articles and days it appears in,
//! read from the fast fields of the raw name fields (nothing is extracted
//! or read from the stored documents again).

use std::collections::HashMap;

use tantivy::Searcher;

use super::Spelling;
use crate::extract::EntityKind;
use crate::index::schema::names;

/// What the index holds of one spelling of a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameStats {
    /// Articles it appears in.
    pub articles: u64,
    /// The days of those articles that are dated, as days since 1970-01-01
    /// (kept for people only: the other kinds do not need them).
    pub days: Vec<i64>,
}

/// The names of the index, by spelling.
pub type Census = HashMap<Spelling, NameStats>;

/// Seconds in a day.
const DAY_SECONDS: i64 = 86_400;

/// Counts every name of the committed index seen by `searcher`.
pub fn take(searcher: &Searcher) -> tantivy::Result<Census> {
    let mut census = Census::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let dates = fast.date(names::DATE)?;
        for (kind, field) in [
            (EntityKind::Person, names::PEOPLE),
            (EntityKind::Organization, names::ORGANIZATIONS),
            (EntityKind::Place, names::PLACES),
        ] {
            let Some(column) = fast.str(field)? else {
                continue;
            };
            // Only articles hold names, so every row is one article's.
            let mut rows: Vec<(u64, Option<i64>)> = segment
                .doc_ids_alive()
                .flat_map(|doc| {
                    let day = dates
                        .first(doc)
                        .map(|date| date.into_timestamp_secs().div_euclid(DAY_SECONDS));
                    column.term_ords(doc).map(move |ord| (ord, day))
                })
                .collect();
            // Names are looked up in ordinal order, in one pass over the dictionary.
            rows.sort_unstable();
            let ords: Vec<u64> = rows.iter().map(|(ord, _)| *ord).collect();
            let mut days = rows.iter().map(|(_, day)| *day);
            let complete = column.dictionary().sorted_ords_to_term_cb(&ords, |name| {
                let day = days.next().flatten();
                let spelling = Spelling {
                    kind,
                    name: String::from_utf8_lossy(name).into_owned(),
                };
                let stats = census.entry(spelling).or_default();
                stats.articles += 1;
                if kind == EntityKind::Person {
                    stats.days.extend(day);
                }
            })?;
            if !complete {
                return Err(tantivy::TantivyError::InternalError(
                    "a name ordinal is missing from its dictionary".into(),
                ));
            }
        }
    }
    for stats in census.values_mut() {
        stats.days.sort_unstable();
    }
    Ok(census)
}
