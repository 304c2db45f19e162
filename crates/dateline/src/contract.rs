//! The output contract: every result a front end prints or serves.
//!
//! `dateline … --format json` and the web API's JSON are these types
//! serialized, field for field; the text and CSV renderings are made from
//! them. Dates stay [`NaiveDate`]s until they are printed (as `YYYY-MM-DD` in
//! JSON). A field added here appears in every front end at once; a field
//! renamed or removed breaks scripts, so it is a change worth a CHANGELOG line.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::names::{Edit, MergedName};

/// The length of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// BM25 score; `None` when hits are ordered by date.
    pub score: Option<f32>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Headline.
    pub title: String,
    /// Source file.
    pub path: String,
    /// 1-based line of the article's record in a JSON-lines feed; `None`
    /// for the one article of a file.
    pub line: Option<u64>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Canonical names of the people in the article.
    pub people: Vec<String>,
    /// Canonical names of the organizations in the article.
    pub organizations: Vec<String>,
    /// Canonical names of the places in the article.
    pub places: Vec<String>,
    /// A passage of the body around the best match (plain text).
    pub snippet: String,
    /// Byte ranges `[start, end)` of the matched terms within `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// Matching articles of this article's story, this one included: the
    /// copies of one story syndicated or re-published (1: no other copy).
    pub copies: usize,
    /// The other matching copies of the story, oldest first, at most
    /// [`MAX_LISTED_COPIES`] (`copies` counts them all).
    pub other_copies: Vec<StoryCopy>,
    /// Why the article's text could not be read from its file, when it
    /// could not (the snippet is then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_error: Option<String>,
}

/// The most copies of a story a hit lists (see [`Hit::other_copies`]).
pub const MAX_LISTED_COPIES: usize = 20;

/// Another copy of a hit's story: where and when it ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryCopy {
    /// Article id (for `dateline show`).
    pub id: String,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub source: Option<String>,
    /// Source file.
    pub path: String,
    /// 1-based line of the article's record in a JSON-lines feed.
    pub line: Option<u64>,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The text query, if any.
    pub query: Option<String>,
    /// Number of matching articles (all pages).
    pub total: usize,
    /// Number of stories among them: the copies of one story count once.
    /// Pages count stories, unless every copy was asked for.
    pub stories: usize,
    /// The requested page of hits: one per story (its best-ranked copy),
    /// or one per article when every copy was asked for.
    pub hits: Vec<Hit>,
}

/// One matching quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteHit {
    /// Canonical name of the speaker, if known.
    pub speaker: Option<String>,
    /// The quotation as it stands in the article.
    pub text: String,
    /// The article's date.
    pub date: Option<NaiveDate>,
    /// Id of the article (for `dateline show`).
    pub article_id: String,
    /// The article's headline.
    pub title: String,
    /// Byte ranges `[start, end)` of the query terms within `text`.
    pub highlights: Vec<[usize; 2]>,
    /// Why the article's text could not be read from its file, when it
    /// could not (`text` is then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_error: Option<String>,
}

/// The answer to a quote search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteResults {
    /// The text query, if any.
    pub query: Option<String>,
    /// Number of matching quotations.
    pub total: usize,
    /// The best (or, without a query, newest) quotations.
    pub hits: Vec<QuoteHit>,
}

/// A quotation of an article, with its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredQuote {
    /// Canonical name of the speaker, if known.
    pub speaker: Option<String>,
    /// The quotation as it stands in the article.
    pub text: String,
}

/// An article as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Article id.
    pub id: String,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub source: Option<String>,
    /// Author(s).
    pub byline: Option<String>,
    /// Source file.
    pub path: String,
    /// 1-based line of the article's record in a JSON-lines feed; `None`
    /// for the one article of a file.
    pub line: Option<u64>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Canonical names of the people mentioned.
    pub people: Vec<String>,
    /// Canonical names of the organizations mentioned.
    pub organizations: Vec<String>,
    /// Canonical names of the places mentioned.
    pub places: Vec<String>,
    /// Direct quotations with their speakers.
    pub quotes: Vec<StoredQuote>,
    /// Article text.
    pub body: String,
    /// Why the article's text could not be read from its file, when it
    /// could not (`body` and the quotations' text are then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_error: Option<String>,
}

/// How many articles a name appears in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// Canonical name.
    pub name: String,
    /// Number of matching articles it appears in.
    pub articles: u64,
    /// Number of stories among those articles (the copies of a story count
    /// once), when stories are counted.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stories: Option<u64>,
}

/// What facets and timelines count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Counted {
    /// Articles: every copy of a story counts.
    #[default]
    Articles,
    /// Stories: the copies of a story count once (approximate above a few
    /// thousand, like every distinct count).
    Stories,
}

/// The most frequent names among matching articles, per kind asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityCounts {
    /// Number of matching articles.
    pub total_articles: u64,
    /// Number of stories among them, when stories are counted.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub total_stories: Option<u64>,
    /// Most frequent people, if asked for (most stories first when stories
    /// are counted).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub people: Option<Vec<NameCount>>,
    /// Most frequent organizations, if asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub organizations: Option<Vec<NameCount>>,
    /// Most frequent places, if asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub places: Option<Vec<NameCount>>,
}

/// Number of articles in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// First day of the period, `YYYY-MM-DD`.
    pub start: NaiveDate,
    /// Matching articles dated in the period.
    pub articles: u64,
    /// Stories among them, when stories are counted (a story whose copies
    /// ran in two periods counts in both).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stories: Option<u64>,
}

/// Matching articles over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// Period length.
    pub by: Period,
    /// All matching articles, dated or not.
    pub total_articles: u64,
    /// Stories among them, when stories are counted.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub total_stories: Option<u64>,
    /// Matching articles without a date.
    pub undated: u64,
    /// One bucket per period from the first to the last dated article, empty ones included.
    pub buckets: Vec<Bucket>,
}

/// Figures about the whole index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: u64,
    /// Stories among them: the copies of one story count once
    /// (approximate above a few thousand).
    pub stories: u64,
    /// Earliest article date.
    pub first_date: Option<NaiveDate>,
    /// Latest article date.
    pub last_date: Option<NaiveDate>,
    /// Articles without a date.
    pub undated: u64,
    /// Distinct people, names merged (approximate above a few thousand).
    pub people: u64,
    /// Distinct organizations, names merged (approximate above a few thousand).
    pub organizations: u64,
    /// Distinct places, names merged (approximate above a few thousand).
    pub places: u64,
    /// Size of the index directory in bytes.
    pub index_bytes: u64,
}

/// The archive's merged names and the user's names file (`dateline names`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameList {
    /// The entities of more than one spelling, or renamed, retyped or
    /// hidden, by kind and name.
    pub entities: Vec<MergedName>,
    /// The names file's edits, oldest first.
    pub edits: Vec<Edit>,
    /// The edits that name nothing in the index (any more).
    pub unmatched_edits: Vec<Edit>,
}
