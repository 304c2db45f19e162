//! Answering queries: ranked hits with snippets, filters, facets.

mod article;
mod dates;
mod entity_count;
mod entity_ids;
mod facets;
mod join;
mod last_built;
mod overview;
mod query;
mod quotes;
mod snippet;
mod stats;
mod stories;
mod summary;
mod syntax;
mod text;
mod timeline;

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use chrono::NaiveDate;
use rayon::prelude::*;
use tantivy::collector::{Collector, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocAddress, IndexReader, Order, TantivyDocument};

use crate::extract::EntityKind;
use crate::index::roots::Roots;
use crate::index::schema::names;
use crate::index::{ArchiveIndex, IndexError};
use crate::names::{NameTable, NamesStamp};

pub use crate::contract::{
    Bucket, Counted, EntityCounts, Hit, IndexStats, NameCount, Period, QuoteHit, QuoteResults,
    SearchResults, StoredArticle, StoredQuote, StoryCopy, Timeline, MAX_LISTED_COPIES,
};
pub use dates::{period_end, period_start, InvalidDate};
pub use quotes::QuoteRequest;
pub use text::TextUnavailable;
pub use timeline::{MAX_BUCKETS, MAX_STORY_PERIODS};

/// The deepest hit a search pages to: `offset + limit` may be at most this.
/// Collecting the top `offset + limit` hits holds them all in memory at once,
/// so an unbounded offset exhausts memory; deeper hits are reached by
/// narrowing the query instead.
pub const MAX_PAGE_END: usize = 100_000;

/// Hits or quotations a page holds unless a request says otherwise: the
/// command line and the web app answer the same request alike.
pub const DEFAULT_LIMIT: usize = 10;

/// The most names a list of `entities` holds per kind.
pub const MAX_TOP_NAMES: usize = 10_000;

/// Why a search could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index could not be opened.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The query does not parse.
    #[error("invalid query {}{}: {}. Query syntax: words, \"a phrase\", AND, OR, NOT or -word, word* (prefix), word~1 (fuzzy), field:value (fields: {})",
        syntax::excerpt(query), position.map(|p| format!(" at character {}", syntax::char_number(query, p))).unwrap_or_default(),
        syntax::printable(reason), syntax::QUERY_FIELDS)]
    InvalidQuery {
        /// The query as typed.
        query: String,
        /// 0-based byte position of the problem, when known.
        position: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// A page of hits reaches past [`MAX_PAGE_END`].
    #[error("offset {offset} with limit {limit} reaches past hit {MAX_PAGE_END}, the deepest a search pages to: narrow the query (a date range, a person) to reach later hits")]
    PageTooDeep {
        /// Hits to skip, as asked.
        offset: usize,
        /// Hits to return, as asked.
        limit: usize,
    },
    /// More names asked for than [`MAX_TOP_NAMES`].
    #[error("top {top} is more than the {MAX_TOP_NAMES} names a list holds")]
    TooManyNames {
        /// Names asked for.
        top: usize,
    },
    /// The date range ends before it starts.
    #[error("the date range is reversed: it starts on {from} but ends on {to}")]
    ReversedDates {
        /// First day asked for.
        from: NaiveDate,
        /// Last day asked for.
        to: NaiveDate,
    },
    /// A timeline would list more periods than [`MAX_BUCKETS`].
    #[error(
        "the timeline would list {periods} periods, more than the {} it shows",
        timeline::MAX_BUCKETS
    )]
    TooManyPeriods {
        /// Periods the timeline would span.
        periods: u64,
    },
    /// A timeline would count stories in more periods than
    /// [`timeline::MAX_STORY_PERIODS`].
    #[error(
        "counting stories in {periods} periods is more than the {} a timeline counts them in: choose a longer period",
        timeline::MAX_STORY_PERIODS
    )]
    TooManyStoryPeriods {
        /// Periods holding articles.
        periods: usize,
    },
    /// tantivy failed while searching.
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl SearchError {
    /// Whether the request itself is wrong (query, paging, dates), so that
    /// retyping it fixes the error, rather than the index or the disk.
    pub fn is_usage(&self) -> bool {
        !matches!(self, SearchError::Index(_) | SearchError::Tantivy(_))
    }
}

/// The end of the page `offset..offset + limit`, if it is within [`MAX_PAGE_END`].
fn page_end(offset: usize, limit: usize) -> Result<usize, SearchError> {
    offset
        .checked_add(limit)
        .filter(|&end| end <= MAX_PAGE_END)
        .ok_or(SearchError::PageTooDeep { offset, limit })
}

/// In what order hits come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best BM25 match first (newest first when there is no text query).
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Newest,
    /// Oldest first; undated articles last.
    Oldest,
}

/// Which articles a request is about: a text query and filters, all optional.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// tantivy query-language text; `None` matches every article.
    pub query: Option<String>,
    /// People who must all appear (canonical name, alias or surname; any case).
    pub people: Vec<String>,
    /// Organizations that must all appear (canonical name or alias; any case).
    pub organizations: Vec<String>,
    /// Places that must all appear (canonical name or alias; any case).
    pub places: Vec<String>,
    /// Outlets one of which must have published the article (any case).
    pub sources: Vec<String>,
    /// Speakers who must all be quoted in the article (for quotations: who
    /// must have said it); canonical name, alias or surname, any case.
    pub speakers: Vec<String>,
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

/// A search: which articles, in what order, which page.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Which articles match.
    pub filters: Filters,
    /// Order of hits.
    pub sort: Sort,
    /// Number of hits to return; 0 only counts them.
    pub limit: usize,
    /// Number of hits to skip; `offset + limit` is at most [`MAX_PAGE_END`].
    pub offset: usize,
    /// Every matching copy of a story as a hit of its own (and `limit` and
    /// `offset` counting articles), instead of one hit per story.
    pub all_copies: bool,
}

/// An index opened for searching, with the names merged across it.
pub struct ArchiveSearcher {
    archive: ArchiveIndex,
    reader: IndexReader,
    /// The name table and what it was read from, replaced by [`ArchiveSearcher::refresh`].
    names: RwLock<(Arc<NameTable>, NamesStamp)>,
    /// Held by the caller of [`ArchiveSearcher::refresh`] computing names.
    names_computed: Mutex<()>,
    /// The entity of every raw name, for the last segments and table searched.
    entity_ids: entity_ids::EntityIdsCache,
    /// The overview of every article, counted once per commit.
    summary: summary::KeptSummary,
    /// The articles that share their story, for the last segments searched.
    shared_stories: last_built::LastBuilt<stories::SharedStories>,
    /// What `meta.json` was when the reader last moved to its commit.
    last_meta: Mutex<Option<MetaSeen>>,
    /// Whether summaries of each commit that make every search lighter
    /// are built and kept (see [`ArchiveSearcher::for_many_searches`]).
    many_searches: bool,
    /// The threads that search segments and read hits.
    pool: Arc<rayon::ThreadPool>,
}

/// How long a new commit is searched with the last names while its index
/// run writes its own (see [`ArchiveSearcher::refresh`]): longer means a
/// run killed between its commit and its names; they are then computed.
const NAMES_AWAITED: Duration = Duration::from_secs(60);

/// tantivy's record of the last commit, replaced by every commit.
const META_FILE: &str = "meta.json";

/// How long a searcher trusts an unchanged time and length of `meta.json`
/// before it reads the file again: file systems that keep coarse times
/// (FAT's two seconds) could hide a commit behind them.
const META_TRUSTED: Duration = Duration::from_secs(1);

/// Whether `searcher` searches the segments of the commit `metas`
/// describes, with the same deletions.
fn searches_commit(searcher: &tantivy::Searcher, metas: &tantivy::IndexMeta) -> bool {
    let searched = searcher.generation().segments();
    metas.segments.len() == searched.len()
        && metas
            .segments
            .iter()
            .all(|segment| searched.get(&segment.id()) == Some(&segment.delete_opstamp()))
}

/// What a searcher saw of `meta.json` when it last read it.
#[derive(Debug, Clone)]
struct MetaSeen {
    /// Its modification time and length.
    written: (SystemTime, u64),
    /// When it was read.
    read_at: Instant,
    /// The commit it recorded.
    commit: u64,
    /// The archive folders it recorded.
    roots: Arc<Roots>,
}

impl ArchiveSearcher {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &std::path::Path) -> Result<ArchiveSearcher, SearchError> {
        let mut archive = ArchiveIndex::open(dir)?;
        // Segments are searched and aggregated, and hits read, in parallel on
        // one pool of a thread per core: with a pool for each, the threads
        // of one spun idle on the cores the other's needed.
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|number| format!("dateline-search-{number}"))
            .build()
            .map_err(tantivy::TantivyError::from)?;
        let pool = Arc::new(pool);
        archive
            .index
            .set_executor(tantivy::Executor::ThreadPool(Arc::clone(&pool)));
        let reader = archive.reader()?;
        let stamp = crate::names::stamp(&archive, crate::names::last_commit(&archive)?);
        let table = crate::names::load(&archive)?;
        let searcher = ArchiveSearcher {
            archive,
            reader,
            names: RwLock::new((Arc::new(table), stamp)),
            names_computed: Mutex::new(()),
            entity_ids: entity_ids::EntityIdsCache::default(),
            summary: summary::KeptSummary::default(),
            shared_stories: last_built::LastBuilt::default(),
            last_meta: Mutex::new(None),
            many_searches: false,
            pool,
        };
        searcher.move_to_last_commit()?;
        Ok(searcher)
    }

    /// Prepares the searcher for many searches (a server, a benchmark):
    /// which articles share their story with others is then read once a
    /// commit, so that each search ranks the others without a map by
    /// story. A single search is quicker without: reading it costs more
    /// than one search saves.
    pub fn for_many_searches(mut self) -> ArchiveSearcher {
        self.many_searches = true;
        self
    }

    /// Moves to the index's last commit and names, so that a long-running
    /// searcher (`dateline serve`) sees what a `dateline index` run has
    /// committed and what `dateline names` has changed.
    ///
    /// An index run writes the names of its commit right after committing;
    /// until then, reading them means computing them, which takes seconds
    /// at a million articles (four clients of a server each doing so during
    /// a commit waited 40 s). So a new commit is searched with the last
    /// names for up to [`NAMES_AWAITED`], and names computed here are
    /// computed by one caller at a time, the others going on meanwhile.
    pub fn refresh(&self) -> Result<(), SearchError> {
        let commit = self.move_to_last_commit()?;
        let stamp = crate::names::stamp(&self.archive, commit);
        let last_commit = {
            let names = self.names.read().expect("names lock");
            if names.1 == stamp {
                return Ok(());
            }
            names.1.commit()
        };
        let table = match crate::names::written(&self.archive)? {
            Some(table) => table,
            None if last_commit != commit && self.commit_age() < NAMES_AWAITED => return Ok(()),
            None => {
                let Ok(_computing) = self.names_computed.try_lock() else {
                    return Ok(());
                };
                crate::names::load(&self.archive)?
            }
        };
        *self.names.write().expect("names lock") = (Arc::new(table), stamp);
        Ok(())
    }

    /// How long ago the last commit read was written.
    fn commit_age(&self) -> Duration {
        let last = self.last_meta.lock().expect("meta lock");
        last.as_ref()
            .and_then(|seen| seen.written.0.elapsed().ok())
            .unwrap_or(Duration::MAX)
    }

    /// The index's last commit, to which the reader is moved if its
    /// segments are not those searched already (reloading opens every
    /// segment again and empties the document cache). Every commit replaces
    /// `meta.json`, which is read again only if it was written since (or
    /// read over [`META_TRUSTED`] ago).
    fn move_to_last_commit(&self) -> Result<u64, SearchError> {
        let written = std::fs::metadata(self.archive.dir.join(META_FILE))
            .ok()
            .and_then(|meta| Some((meta.modified().ok()?, meta.len())));
        let mut last = self.last_meta.lock().expect("meta lock");
        if let (Some(written), Some(seen)) = (written, last.as_ref()) {
            if written == seen.written && seen.read_at.elapsed() < META_TRUSTED {
                return Ok(seen.commit);
            }
        }
        let read_at = Instant::now();
        let metas = self.archive.index.load_metas()?;
        if !searches_commit(&self.reader.searcher(), &metas) {
            self.reader.reload()?;
        }
        *last = written.map(|written| MetaSeen {
            written,
            read_at,
            commit: metas.opstamp,
            roots: Arc::new(Roots::from_payload(metas.payload.as_deref().unwrap_or(""))),
        });
        Ok(metas.opstamp)
    }

    /// The index's archive folders, as the last commit read records them.
    fn roots(&self) -> Result<Arc<Roots>, SearchError> {
        match self.last_meta.lock().expect("meta lock").as_ref() {
            Some(seen) => Ok(Arc::clone(&seen.roots)),
            None => Ok(Arc::new(self.archive.roots()?)),
        }
    }

    /// The names merged across the index.
    pub fn names(&self) -> Arc<NameTable> {
        Arc::clone(&self.names.read().expect("names lock").0)
    }

    /// The open index.
    pub fn archive(&self) -> &ArchiveIndex {
        &self.archive
    }

    /// A tantivy searcher on the committed index.
    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Runs a search: one hit per story (its best-ranked copy, with the
    /// others listed), or one per article with `all_copies`.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let end = page_end(request.offset, request.limit)?;
        let names = self.names();
        let built = query::build(&self.archive, &names, &request.filters)?;
        let sort = effective_sort(request.sort, &built);
        if request.all_copies && request.limit > 0 {
            let (page, matches) = ranked_page(
                &searcher,
                &built.full,
                sort,
                request.limit,
                request.offset,
                self.best_per_story(&searcher, sort, 0)?,
            )?;
            return self.results(&searcher, &built, &names, request, page, &matches);
        }
        let matches = searcher.search(
            built.for_stories(),
            &self.best_per_story(&searcher, sort, end)?,
        )?;
        self.story_results(&searcher, &built, &names, request, sort, &matches)
    }

    /// A collector of the matches by story that keeps the best `keep`.
    fn best_per_story(
        &self,
        searcher: &tantivy::Searcher,
        sort: Sort,
        keep: usize,
    ) -> tantivy::Result<stories::BestPerStory> {
        let shared = self.shared_stories(searcher)?;
        Ok(stories::BestPerStory { sort, keep, shared })
    }

    /// The articles of `searcher`'s segments that share their story, when
    /// prepared [for many searches](ArchiveSearcher::for_many_searches).
    fn shared_stories(
        &self,
        searcher: &tantivy::Searcher,
    ) -> tantivy::Result<Option<Arc<stories::SharedStories>>> {
        if !self.many_searches {
            return Ok(None);
        }
        self.shared_stories
            .get(
                |shared| shared.is_for(searcher),
                || stories::SharedStories::build(searcher),
            )
            .map(Some)
    }

    /// Runs `work` on the searcher's threads, those that search segments,
    /// so that its parallel iterators share them instead of waking a second
    /// pool. `work` must take no lock: a thread of the pool that waits for
    /// its parallel parts may meanwhile run another search's, and a lock its
    /// own thread holds further down would never be released.
    pub(crate) fn on_search_threads<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        self.pool.install(work)
    }

    /// The results of a search whose matches were collected by story into
    /// `matches`.
    fn story_results(
        &self,
        searcher: &tantivy::Searcher,
        built: &query::BuiltQuery,
        names: &NameTable,
        request: &SearchRequest,
        sort: Sort,
        matches: &stories::StoryMatches,
    ) -> Result<SearchResults, SearchError> {
        let page = stories::page(matches, sort, request.offset, request.limit)
            .into_iter()
            .map(|(_, story)| (story.key, story.address))
            .collect();
        self.results(searcher, built, names, request, page, matches)
    }

    /// The results of a search: the hits of `page`, and the matches counted
    /// by story in `matches`.
    fn results(
        &self,
        searcher: &tantivy::Searcher,
        built: &query::BuiltQuery,
        names: &NameTable,
        request: &SearchRequest,
        page: Ranked,
        matches: &stories::StoryMatches,
    ) -> Result<SearchResults, SearchError> {
        let total = matches.articles;
        let hits = if page.is_empty() {
            Vec::new()
        } else {
            self.hits(searcher, built, page, matches, names)?
        };
        Ok(SearchResults {
            query: request.filters.query.clone(),
            total,
            stories: matches.stories,
            hits,
        })
    }

    /// The hits of a page of ranked documents, each with the other
    /// matching copies of its story (among `matches`).
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        built: &query::BuiltQuery,
        page: Ranked,
        matches: &stories::StoryMatches,
        names: &NameTable,
    ) -> Result<Vec<Hit>, SearchError> {
        let snippets = snippet::Snippets::new(searcher, &self.archive, built.text.as_deref())?;
        let roots = self.roots()?;
        // Only the stories with other articles are looked up for copies.
        let shared = self.shared_stories(searcher)?;
        let mut page_stories = Vec::with_capacity(page.len());
        for (_, address) in &page {
            let shares = shared
                .as_ref()
                .is_none_or(|shared| shared.shares_story(searcher, *address));
            page_stories.push(match shares {
                true => stories::story_of(searcher, *address)?,
                false => None,
            });
        }
        let wanted: Vec<u64> = page_stories.iter().flatten().copied().collect();
        let copies = matches.copies(searcher, &wanted)?;
        // Reading a hit's stored block and cutting its snippet are most of a
        // search's time, and each hit's are its own: they run on every core.
        let made: Vec<Hit> = self.on_search_threads(|| {
            page.par_iter()
                .map(|(key, address)| -> Result<Hit, SearchError> {
                    let doc: TantivyDocument = searcher.doc(*address)?;
                    let score = match key {
                        SortKey::Score(score) => Some(*score),
                        SortKey::Date(_) => None,
                    };
                    Ok(self.hit(&doc, score, &snippets, &roots, names))
                })
                .collect::<Result<_, _>>()
        })?;
        let mut ranked = Vec::with_capacity(page.len());
        for (((key, address), story), mut hit) in page.into_iter().zip(page_stories).zip(made) {
            let copies = story.and_then(|story| copies.get(&story));
            if let Some(copies) = copies {
                hit.copies = copies.len().max(1);
                for other in copies
                    .iter()
                    .filter(|a| **a != address)
                    .take(MAX_LISTED_COPIES)
                {
                    hit.other_copies
                        .push(self.story_copy(&searcher.doc(*other)?, &roots));
                }
                // Copies of one day by id, not by where indexing put them.
                hit.other_copies.sort_by(|a, b| {
                    (a.date.is_none(), a.date, &a.id).cmp(&(b.date.is_none(), b.date, &b.id))
                });
            }
            let tie = format!("{}\0{}", hit.title, hit.id);
            ranked.push((key, tie, hit));
        }
        Ok(settle_ties(ranked))
    }

    fn story_copy(&self, doc: &TantivyDocument, roots: &Roots) -> StoryCopy {
        let fields = &self.archive.fields;
        StoryCopy {
            id: first_text(doc, fields.id).unwrap_or_default(),
            date: first_date(doc, fields.date),
            title: first_text(doc, fields.title).unwrap_or_default(),
            source: first_text(doc, fields.source),
            path: stored_path(doc, fields.path, roots),
            line: first_u64(doc, fields.line),
        }
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        score: Option<f32>,
        snippets: &snippet::Snippets,
        roots: &Roots,
        names: &NameTable,
    ) -> Hit {
        let fields = &self.archive.fields;
        let (snippet, highlights, text_error) = match text::body_of(fields, roots, doc) {
            Ok(body) => {
                let (snippet, highlights) = snippets.for_body(&body);
                (snippet, highlights, None)
            }
            Err(e) => (String::new(), Vec::new(), Some(e.to_string())),
        };
        let [people, organizations, places] = names.shown_lists([
            (EntityKind::Person, all_text(doc, fields.people)),
            (
                EntityKind::Organization,
                all_text(doc, fields.organizations),
            ),
            (EntityKind::Place, all_text(doc, fields.places)),
        ]);
        Hit {
            id: first_text(doc, fields.id).unwrap_or_default(),
            score,
            date: first_date(doc, fields.date),
            title: first_text(doc, fields.title).unwrap_or_default(),
            path: stored_path(doc, fields.path, roots),
            line: first_u64(doc, fields.line),
            url: first_text(doc, fields.url),
            source: first_text(doc, fields.source),
            people,
            organizations,
            places,
            snippet,
            highlights,
            copies: 1,
            other_copies: Vec::new(),
            text_error,
        }
    }
}

/// The source file of a stored document, as displayed: where its archive
/// folder is now.
fn stored_path(doc: &TantivyDocument, field: tantivy::schema::Field, roots: &Roots) -> String {
    first_text(doc, field)
        .map(|key| roots.display(&key))
        .unwrap_or_default()
}

/// The order hits come in: relevance means newest first when no text is
/// searched, since every score is then equal.
fn effective_sort(asked: Sort, built: &query::BuiltQuery) -> Sort {
    match (asked, &built.text) {
        (Sort::Relevance, None) => Sort::Newest,
        (sort, _) => sort,
    }
}

/// Documents in rank order, with what they were ranked by.
pub(crate) type Ranked = Vec<(SortKey, DocAddress)>;

/// One page (`limit` from `offset`) of the documents matching `query` in
/// `sort` order with their sort keys, and what `counter` (such as tantivy's `Count`)
/// makes of all the matches.
pub(crate) fn ranked_page<C: Collector>(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    sort: Sort,
    limit: usize,
    offset: usize,
    counter: C,
) -> Result<(Ranked, C::Fruit), SearchError> {
    let page = TopDocs::with_limit(limit).and_offset(offset);
    let order = match sort {
        Sort::Relevance => {
            let (top, counted) = searcher.search(query, &(page.order_by_score(), counter))?;
            let top = top.into_iter().map(|(s, a)| (SortKey::Score(s), a));
            return Ok((top.collect(), counted));
        }
        Sort::Newest => Order::Desc,
        Sort::Oldest => Order::Asc,
    };
    let by_date = page.order_by_fast_field::<tantivy::DateTime>(names::DATE, order);
    let (top, counted) = searcher.search(query, &(by_date, counter))?;
    let top = top.into_iter().map(|(d, a)| (SortKey::Date(d), a));
    Ok((top.collect(), counted))
}

/// What hits were ranked by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum SortKey {
    Score(f32),
    Date(Option<tantivy::DateTime>),
}

/// The hits in rank order, those with equal sort keys ordered by a key of
/// their own (the headline or quotation first, then the id).
///
/// tantivy breaks ties by document address, which depends on how the
/// indexing threads interleaved, so two indexes of one archive would list
/// equal hits in different orders; ids alone would still differ between
/// checkouts, since they hash the archive's path. (A tie that straddles the
/// page's edge can still put different hits on the page.)
pub(crate) fn settle_ties<K: PartialEq, T>(mut ranked: Vec<(K, String, T)>) -> Vec<T> {
    for run in ranked.chunk_by_mut(|a, b| a.0 == b.0) {
        run.sort_by(|a, b| a.1.cmp(&b.1));
    }
    ranked.into_iter().map(|(_, _, hit)| hit).collect()
}

/// The day of a stored date field (`None` when absent or past the dates
/// chrono knows).
pub fn first_date(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<NaiveDate> {
    let date = doc.get_first(field)?.as_datetime()?;
    chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0).map(|d| d.date_naive())
}

/// The first text value of a stored field.
pub fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|value| value.as_str())
        .map(str::to_string)
}

/// The first number of a stored field.
pub fn first_u64(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<u64> {
    doc.get_first(field).and_then(|value| value.as_u64())
}

/// Every text value of a stored field.
pub fn all_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|value| value.as_str())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_sort_keys_are_ordered_by_id_and_ranks_are_kept() {
        let ranked = vec![
            (SortKey::Score(2.0), "c".to_string(), 'c'),
            (SortKey::Score(1.0), "b".to_string(), 'b'),
            (SortKey::Score(1.0), "a".to_string(), 'a'),
            (SortKey::Score(0.5), "0".to_string(), '0'),
        ];
        assert_eq!(settle_ties(ranked), ['c', 'a', 'b', '0']);
    }
}
