//! The query mix: text queries drawn from the archive's own words, filters
//! on the index's own most frequent names, facets and timelines; timed
//! in-process through [`ArchiveSearcher`], snippets included.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::NaiveDate;
use serde::Serialize;

use super::measure::{timed, Percentiles};
use super::pool::Pool;
use super::rng::Rng;
use dateline::extract::EntityKind;
use dateline::search::{ArchiveSearcher, Filters, SearchError, SearchRequest};
use dateline::search::{Counted, Period};

/// Hits per page, as the CLI shows by default.
const PAGE: usize = 10;
/// Names per kind in a facet query, as issue 5's `entities --top 20`.
const FACET_TOP: usize = 20;
/// Paragraphs tried per word or phrase wanted before giving up, so a tiny
/// source pool gives a shorter mix instead of a hang.
const ATTEMPTS_PER_SAMPLE: usize = 100;
/// Words too common to make a telling query.
const STOPWORDS: [&str; 16] = [
    "about", "after", "again", "being", "could", "their", "there", "these", "those", "where",
    "which", "while", "would", "other", "said", "since",
];

/// What a query is about, for grouping latencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// One word.
    Word,
    /// A two-word phrase.
    Phrase,
    /// AND, OR and NOT of two words.
    Boolean,
    /// A person filter (`--person`).
    Person,
    /// An organization filter (`--org`).
    Org,
    /// A word within a date range.
    DateRange,
    /// A word inside quotations (`quote:word`).
    Quote,
    /// The top 20 people, organizations and places of the whole archive
    /// (`entities --top 20`), issue 15's unfiltered overview.
    Entities,
    /// The same among the articles with a word or an organization.
    EntitiesFiltered,
    /// Articles per month (`timeline --by month`).
    Timeline,
}

impl Class {
    /// The name used in the report and its JSON.
    pub fn name(self) -> &'static str {
        match self {
            Class::Word => "word",
            Class::Phrase => "phrase",
            Class::Boolean => "boolean",
            Class::Person => "person",
            Class::Org => "org",
            Class::DateRange => "date_range",
            Class::Quote => "quote",
            Class::Entities => "entities",
            Class::EntitiesFiltered => "entities_filtered",
            Class::Timeline => "timeline",
        }
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub enum Action {
    /// A search for a page of hits with snippets.
    Search(Filters),
    /// The top names of every kind.
    Entities(Filters),
    /// Articles per month.
    Timeline(Filters),
}

/// One query of the mix.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    /// Its class.
    pub class: Class,
    /// What `dateline` runs.
    pub action: Action,
    /// The same text query in SQLite FTS5 syntax, for text-only classes.
    pub fts5: Option<String>,
}

/// Builds the mix: words and phrases sampled (with `seed`) from the
/// paragraphs the archive was made of, names from the index's own facets.
pub fn mix(
    pool: &Pool,
    searcher: &ArchiveSearcher,
    seed: u64,
) -> Result<Vec<BenchQuery>, SearchError> {
    let mut rng = Rng::new(seed);
    let words = sample_words(pool, &mut rng, 16);
    let phrases = sample_phrases(pool, &mut rng, 8);
    let kinds = [EntityKind::Person, EntityKind::Organization];
    let top = searcher.entities(&Filters::default(), &kinds, FACET_TOP, Counted::Articles)?;
    let spread = |names: Option<Vec<dateline::search::NameCount>>| -> Vec<String> {
        names
            .unwrap_or_default()
            .into_iter()
            .step_by(3)
            .take(6)
            .map(|n| n.name)
            .collect()
    };
    let (people, orgs) = (spread(top.people), spread(top.organizations));

    let text = |query: String| Filters {
        query: Some(query),
        ..Filters::default()
    };
    let mut queries = Vec::new();
    let mut push = |class, action, fts5: Option<String>| {
        queries.push(BenchQuery {
            class,
            action,
            fts5,
        })
    };
    for word in words.iter().take(10) {
        push(
            Class::Word,
            Action::Search(text(word.clone())),
            Some(word.clone()),
        );
    }
    for (a, b) in &phrases {
        let phrase = format!("\"{a} {b}\"");
        push(
            Class::Phrase,
            Action::Search(text(phrase.clone())),
            Some(phrase),
        );
    }
    for pair in words
        .chunks_exact(2)
        .take(8)
        .enumerate()
        .map(|(i, w)| (i, &w[0], &w[1]))
    {
        let (tantivy, fts5) = match pair {
            (i, a, b) if i % 3 == 0 => (format!("{a} {b}"), format!("{a} AND {b}")),
            (i, a, b) if i % 3 == 1 => (format!("{a} OR {b}"), format!("{a} OR {b}")),
            (_, a, b) => (format!("{a} -{b}"), format!("{a} NOT {b}")),
        };
        push(Class::Boolean, Action::Search(text(tantivy)), Some(fts5));
    }
    for name in &people {
        let filters = Filters {
            people: vec![name.clone()],
            ..Filters::default()
        };
        push(Class::Person, Action::Search(filters), None);
    }
    for name in &orgs {
        let filters = Filters {
            organizations: vec![name.clone()],
            ..Filters::default()
        };
        push(Class::Org, Action::Search(filters), None);
    }
    for (i, word) in words.iter().skip(10).enumerate() {
        let year = 2013 + 2 * i as i32;
        let filters = Filters {
            from: NaiveDate::from_ymd_opt(year, 1, 1),
            to: NaiveDate::from_ymd_opt(year + 1, 12, 31),
            ..text(word.clone())
        };
        push(Class::DateRange, Action::Search(filters), None);
    }
    for word in words.iter().take(6) {
        push(
            Class::Quote,
            Action::Search(text(format!("quote:{word}"))),
            None,
        );
    }
    // Overviews of everything, of a word's articles and of an organization's.
    let overviews = [
        (Class::Entities, Filters::default()),
        (
            Class::EntitiesFiltered,
            text(words.first().cloned().unwrap_or_default()),
        ),
        (
            Class::EntitiesFiltered,
            Filters {
                organizations: orgs.first().cloned().into_iter().collect(),
                ..Filters::default()
            },
        ),
    ];
    for (class, filters) in overviews {
        push(class, Action::Entities(filters.clone()), None);
        push(Class::Timeline, Action::Timeline(filters), None);
    }
    Ok(queries)
}

/// Up to `count` words of five to twelve letters from randomly picked
/// paragraphs, so common words come up more often, as in real query logs.
fn sample_words(pool: &Pool, rng: &mut Rng, count: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::with_capacity(count);
    for _ in 0..count * ATTEMPTS_PER_SAMPLE {
        if words.len() == count {
            break;
        }
        let article = rng.pick(&pool.articles);
        let paragraph = rng.pick(&article.paragraphs);
        let candidates: Vec<String> = plain_words(paragraph)
            .filter(|w| (5..=12).contains(&w.len()) && !STOPWORDS.contains(&w.as_str()))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let word = rng.pick(&candidates).clone();
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// Up to `count` adjacent pairs of plain words (so both engines see the
/// same two tokens next to each other) from randomly picked paragraphs.
fn sample_phrases(pool: &Pool, rng: &mut Rng, count: usize) -> Vec<(String, String)> {
    let mut phrases = Vec::with_capacity(count);
    for _ in 0..count * ATTEMPTS_PER_SAMPLE {
        if phrases.len() == count {
            break;
        }
        let article = rng.pick(&pool.articles);
        let paragraph = rng.pick(&article.paragraphs);
        let tokens: Vec<&str> = paragraph.split_whitespace().collect();
        let pairs: Vec<(String, String)> = tokens
            .windows(2)
            .filter(|pair| pair.iter().all(|t| is_plain(t) && t.len() >= 4))
            .map(|pair| (pair[0].to_lowercase(), pair[1].to_lowercase()))
            .collect();
        if !pairs.is_empty() {
            phrases.push(rng.pick(&pairs).clone());
        }
    }
    phrases
}

fn is_plain(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_alphabetic())
}

fn plain_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .filter(|t| is_plain(t))
        .map(str::to_lowercase)
}

/// Runs one query once.
pub fn run(searcher: &ArchiveSearcher, query: &BenchQuery) -> Result<(), SearchError> {
    match &query.action {
        Action::Search(filters) => {
            let request = SearchRequest {
                filters: filters.clone(),
                limit: PAGE,
                ..SearchRequest::default()
            };
            std::hint::black_box(searcher.search(&request)?);
        }
        Action::Entities(filters) => {
            let kinds = [
                EntityKind::Person,
                EntityKind::Organization,
                EntityKind::Place,
            ];
            std::hint::black_box(searcher.entities(
                filters,
                &kinds,
                FACET_TOP,
                Counted::Articles,
            )?);
        }
        Action::Timeline(filters) => {
            std::hint::black_box(searcher.timeline(filters, Period::Month, Counted::Articles)?);
        }
    }
    Ok(())
}

/// Runs the mix once to warm up, then `rounds` times, and returns the
/// latency percentiles of each class.
pub fn measure(
    searcher: &ArchiveSearcher,
    queries: &[BenchQuery],
    rounds: usize,
) -> Result<BTreeMap<Class, Percentiles>, SearchError> {
    for query in queries {
        run(searcher, query)?;
    }
    let mut timings: BTreeMap<Class, Vec<Duration>> = BTreeMap::new();
    for _ in 0..rounds {
        for query in queries {
            let (result, time) = timed(|| run(searcher, query));
            result?;
            timings.entry(query.class).or_default().push(time);
        }
    }
    Ok(timings
        .into_iter()
        .filter_map(|(class, times)| Some((class, Percentiles::of(&times)?)))
        .collect())
}
