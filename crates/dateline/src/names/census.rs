//! Every name the index holds, with the articles and days it appears in,
//! read from the fast fields of the raw name fields (nothing is extracted
//! or read from the stored documents again).

use std::collections::{BTreeMap, HashMap};

use tantivy::Searcher;

use super::keys::abbreviates;
use super::Spelling;
use crate::extract::EntityKind;
use crate::index::name_key;
use crate::index::schema::names;

/// What the index holds of one spelling of a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameStats {
    /// Articles it appears in.
    pub articles: u64,
    /// The days of those articles that are dated, as days since 1970-01-01
    /// (kept for people only: the other kinds do not need them).
    pub days: Vec<i64>,
    /// For an organization of one word, the longer organizations it may
    /// stand for, with the number of articles naming both: those whose
    /// first word it is (`Apple`: `Apple Computer` 9, `Apple Corps` 2) and
    /// those it abbreviates ([`abbreviates`]: `WN`: `Wikinews` 6).
    pub longer: BTreeMap<String, u64>,
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
        // Quotations carry their article's names too; only articles carry
        // the size of their file.
        let file_sizes = fast.u64(names::FILE_SIZE)?;
        let articles: Vec<u32> = segment
            .doc_ids_alive()
            .filter(|&doc| file_sizes.first(doc).is_some())
            .collect();
        for (kind, field) in [
            (EntityKind::Person, names::PEOPLE),
            (EntityKind::Organization, names::ORGANIZATIONS),
            (EntityKind::Place, names::PLACES),
        ] {
            let Some(column) = fast.str(field)? else {
                continue;
            };
            let mut rows: Vec<(u64, Option<i64>)> = articles
                .iter()
                .flat_map(|&doc| {
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
                return Err(missing_ordinal());
            }
            if kind == EntityKind::Organization {
                count_longer_names(&articles, &column, &mut census)?;
            }
        }
    }
    for stats in census.values_mut() {
        stats.days.sort_unstable();
    }
    Ok(census)
}

fn missing_ordinal() -> tantivy::TantivyError {
    tantivy::TantivyError::InternalError("a name ordinal is missing from its dictionary".into())
}

/// Counts, for each organization of one word, the `articles` (of one
/// segment, whose organizations are `column`) that also name a longer
/// organization it may stand for ([`NameStats::longer`]).
fn count_longer_names(
    articles: &[u32],
    column: &tantivy::columnar::StrColumn,
    census: &mut Census,
) -> tantivy::Result<()> {
    let articles: Vec<Vec<u64>> = articles
        .iter()
        .map(|&doc| column.term_ords(doc).collect::<Vec<u64>>())
        .filter(|ords| ords.len() > 1)
        .collect();
    let mut ords: Vec<u64> = articles.iter().flatten().copied().collect();
    ords.sort_unstable();
    ords.dedup();
    let mut names = ords.iter();
    let mut name_of: HashMap<u64, String> = HashMap::with_capacity(ords.len());
    let complete = column.dictionary().sorted_ords_to_term_cb(&ords, |name| {
        if let Some(&ord) = names.next() {
            name_of.insert(ord, String::from_utf8_lossy(name).into_owned());
        }
    })?;
    if !complete {
        return Err(missing_ordinal());
    }
    for ords in &articles {
        let names: Vec<&str> = ords.iter().map(|ord| name_of[ord].as_str()).collect();
        for short in names.iter().filter(|name| !name.contains(' ')) {
            let short_key = name_key(short);
            let longer = names.iter().filter(|name| {
                name.split_once(' ')
                    .is_some_and(|(first, _)| name_key(first) == short_key)
                    || abbreviates(short, name)
            });
            for long in longer {
                let spelling = Spelling {
                    kind: EntityKind::Organization,
                    name: (*short).to_string(),
                };
                let stats = census.entry(spelling).or_default();
                *stats.longer.entry((*long).to_string()).or_default() += 1;
            }
        }
    }
    Ok(())
}
