//! Finding the copies of a story at index time: the same article syndicated
//! or re-published, with small edits.
//!
//! An article's body is cut into overlapping runs of [`SHINGLE_WORDS`]
//! folded words (shingles), and its MinHash signature keeps, for each of
//! [`BANDS`] × [`ROWS`] bins, the least hash of the shingles that fall in
//! it (one-permutation hashing: each shingle is hashed once, where a hash
//! function per minimum made the signature 8% of indexing's instructions
//! rather than 3.5%; an empty bin borrows from the next one that is not,
//! so that short texts compare too). Two articles agree on one such minimum
//! with a probability of about the Jaccard similarity `J` of their shingle
//! sets. The minima are grouped in bands of [`ROWS`], and each band, hashed,
//! is a key kept as a fast value of the article
//! ([`names::COPY_BAND`](super::schema::names::COPY_BAND)). A run that reads
//! files loads the committed articles' band keys into one sorted table, so
//! a new article finds those that share a band by binary search, without
//! comparing it with every other. (Indexed as terms, each key would
//! be an entry of the term dictionary, built and rebuilt at every merge; as
//! a fast value it is 8 bytes.)
//!
//! Two articles share a band with probability `J^ROWS`, so the number of
//! bands they share estimates `J`; a candidate is a copy when it shares at
//! least [`MIN_SHARED_BANDS`] (`J` of about 0.6, checked on the
//! benchmark's planted copies: see docs/index-schema.md).
//!
//! An article joins the story of the article it shares the most bands with,
//! among those already committed and those added earlier in the same run;
//! with none, it starts a story of its own, keyed by its id. Joining is one
//! step under a lock, so two copies read at once in one run still end up in
//! one story.

use rustc_hash::FxHashMap;
use std::sync::Mutex;

use tantivy::schema::Field;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Searcher, Term};

use super::schema::names;

/// Words per shingle: long enough that articles on one topic share few
/// shingles, short enough that one edited word spoils few.
pub const SHINGLE_WORDS: usize = 5;
/// Bands of the signature, each a key kept with the article.
pub const BANDS: usize = 20;
/// Minima per band: two articles share a band with probability `J^ROWS`.
pub const ROWS: usize = 3;
/// Bands a candidate must share to be a copy (of [`BANDS`]): with `ROWS` = 3
/// that is an estimated Jaccard similarity of about 0.6.
pub const MIN_SHARED_BANDS: usize = 5;
/// The most articles looked at, or kept, for one band key. An archive of
/// many near-identical articles (a daily template, one notice filed a
/// thousand times) gives thousands of articles one band; comparing each new
/// article with all of them made a run slow down without end. The first
/// ones of a band are enough to find the story it belongs to.
pub const MAX_ARTICLES_PER_BAND: usize = 32;

/// The band keys of an article's text, or `None` for a text without words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    bands: [u32; BANDS],
}

impl Signature {
    /// The signature of `text` (an article's body).
    pub fn of(text: &str) -> Option<Signature> {
        let words = folded_word_hashes(text);
        if words.is_empty() {
            return None;
        }
        let mut minima = [EMPTY; MINIMA];
        // A text shorter than a shingle is one shingle of all its words.
        for shingle in words.windows(SHINGLE_WORDS.min(words.len())) {
            let hash = shingle_hash(shingle);
            // The hash's high bits pick the bin (a multiply, not a modulo).
            let bin = ((u128::from(hash) * MINIMA as u128) >> 64) as usize;
            minima[bin] = minima[bin].min(hash);
        }
        densify(&mut minima);
        let mut bands = [0; BANDS];
        for (band, (key, rows)) in bands.iter_mut().zip(minima.chunks(ROWS)).enumerate() {
            let mut bytes = [0u8; 8 * (ROWS + 1)];
            let values = std::iter::once(band as u64).chain(rows.iter().copied());
            for (chunk, value) in bytes.chunks_mut(8).zip(values) {
                chunk.copy_from_slice(&value.to_le_bytes());
            }
            // 32 bits are kept: fast values are bit-packed, and a run's
            // table of every band holds a key per band of every article, so
            // a key takes half the bytes. Two unrelated bands match by
            // chance about once in 4 billion pairs, and a copy takes 5
            // shared bands of 20.
            *key = (xxhash_rust::xxh3::xxh3_64(&bytes) >> 32) as u32;
        }
        Some(Signature { bands })
    }

    /// The band keys, indexed with the article.
    pub fn bands(&self) -> &[u32] {
        &self.bands
    }
}

/// The hash of each word of `text`, lower-cased and accent-folded as the
/// index's words are, so that a copy that only changed case or accents is
/// the same text.
fn folded_word_hashes(text: &str) -> Vec<u64> {
    thread_local! {
        // One analyzer a thread: building one allocates, and every article asks.
        static ANALYZER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    let mut hashes = Vec::with_capacity(text.len() / 5);
    ANALYZER.with_borrow_mut(|analyzer| {
        analyzer
            .token_stream(text)
            .process(&mut |token| hashes.push(xxhash_rust::xxh3::xxh3_64(token.text.as_bytes())));
    });
    hashes
}

fn shingle_hash(words: &[u64]) -> u64 {
    let mut bytes = [0u8; 8 * SHINGLE_WORDS];
    for (chunk, word) in bytes.chunks_mut(8).zip(words) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(&bytes[..8 * words.len()])
}

/// Minima of a signature: one per bin.
const MINIMA: usize = BANDS * ROWS;
/// A bin no shingle fell in.
const EMPTY: u64 = u64::MAX;
/// Added to a borrowed minimum per bin of distance, so that two texts
/// agree on a borrowed minimum only when they borrowed it alike.
const BORROWED: u64 = 0x9e37_79b9_7f4a_7c15;

/// Fills each empty bin with the minimum of the next bin that is not empty
/// (circularly), shifted by the distance: rotation densification
/// (Shrivastava and Li, 2014), which keeps two texts' agreement an
/// estimate of their similarity when they have fewer shingles than bins.
fn densify(minima: &mut [u64; MINIMA]) {
    let filled = *minima;
    for (bin, minimum) in minima.iter_mut().enumerate() {
        if *minimum != EMPTY {
            continue;
        }
        let borrowed = (1..MINIMA)
            .map(|distance| (distance as u64, filled[(bin + distance) % MINIMA]))
            .find(|(_, value)| *value != EMPTY);
        if let Some((distance, value)) = borrowed {
            *minimum = value.wrapping_add(distance.wrapping_mul(BORROWED));
        }
    }
}

/// The story key of an article that starts a story: a hash of its id.
fn own_story(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// Finds the story each article of a run belongs to (see the module docs).
pub struct StoryFinder {
    /// The committed index, unless the run starts it over.
    committed: Option<Searcher>,
    /// The band keys of the committed articles.
    committed_bands: CommittedBands,
    story_field: Field,
    /// Unique to the run: makes a story key new when an article's own key
    /// is taken by copies of what its file held before.
    stamp: String,
    table: Mutex<RunTable>,
}

/// The band keys of the committed articles, sorted, each with the article
/// (a number of this table) that has it, and each article's story.
#[derive(Default)]
struct CommittedBands {
    bands: Vec<(u32, u32)>,
    stories: Vec<u64>,
}

/// The articles added so far in a run: their stories, and who has each band.
///
/// A hash map of every band of a million articles took 290 MB, most of a
/// run's memory after tantivy's; pairs sorted take 8 bytes a band. The
/// latest articles' bands are kept in a small map and merged into the
/// sorted pairs every [`RECENT_BANDS`] bands. In the small map, most band
/// keys belong to one article: the first is kept on its own, the others in
/// a list made only for a key that several articles have, which spares an
/// allocation per band of every article.
#[derive(Default)]
struct RunTable {
    /// `(band key, article)` of the articles before the recent ones, sorted.
    settled: Vec<(u32, u32)>,
    recent_first: FxHashMap<u32, u32>,
    recent_others: FxHashMap<u32, Vec<u32>>,
    /// Bands in `recent_first` and `recent_others`.
    recent_bands: usize,
    stories: Vec<u64>,
}

/// Bands kept in a [`RunTable`]'s map before they are merged into its
/// sorted pairs: a merge moves the pairs, so the fewer merges the better,
/// and the map takes about 20 bytes a band.
const RECENT_BANDS: usize = 1 << 20;

/// The articles of `sorted` (pairs of band key and article, sorted) that
/// have `band`, at most [`MAX_ARTICLES_PER_BAND`].
fn with_band(sorted: &[(u32, u32)], band: u32) -> impl Iterator<Item = u32> + '_ {
    let start = sorted.partition_point(|(key, _)| *key < band);
    sorted[start..]
        .iter()
        .take_while(move |(key, _)| *key == band)
        .take(MAX_ARTICLES_PER_BAND)
        .map(|(_, article)| *article)
}

impl StoryFinder {
    /// A finder over the committed index `committed` (`None` when the run
    /// drops it) for a run marked `stamp` that reads about `articles`
    /// articles; it reads the committed articles' band keys once.
    pub fn new(
        committed: Option<Searcher>,
        story_field: Field,
        stamp: &str,
        articles: usize,
    ) -> tantivy::Result<Self> {
        let committed_bands = match &committed {
            Some(searcher) => CommittedBands::load(searcher)?,
            None => CommittedBands::default(),
        };
        Ok(StoryFinder {
            committed,
            committed_bands,
            story_field,
            stamp: stamp.to_string(),
            table: Mutex::new(RunTable::for_articles(articles)),
        })
    }

    /// The story key of the article `id` with `signature`.
    pub fn story_of(&self, id: &str, signature: Option<&Signature>) -> tantivy::Result<u64> {
        let Some(signature) = signature else {
            return self.new_story(id);
        };
        let committed = self.committed_bands.best(signature);
        let mut table = self
            .table
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let in_run = table.best(signature);
        let story = match (committed, in_run) {
            (Some((shared, story)), Some((run_shared, _))) if shared >= run_shared => story,
            (_, Some((_, story))) | (Some((_, story)), None) => story,
            (None, None) => self.new_story(id)?,
        };
        table.add(story, signature);
        Ok(story)
    }

    /// A key for a story that `id` starts: its own, unless committed
    /// articles already carry it (copies of a former version of the
    /// article that it no longer resembles).
    fn new_story(&self, id: &str) -> tantivy::Result<u64> {
        let own = own_story(id);
        let Some(searcher) = &self.committed else {
            return Ok(own);
        };
        if searcher.doc_freq(&Term::from_field_u64(self.story_field, own))? == 0 {
            return Ok(own);
        }
        Ok(own_story(&format!("{id}\0{}", self.stamp)))
    }
}

impl CommittedBands {
    /// The band keys and stories of the live articles of `searcher`.
    fn load(searcher: &Searcher) -> tantivy::Result<CommittedBands> {
        let mut table = CommittedBands::default();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let (bands, stories) = (fast.u64(names::COPY_BAND)?, fast.u64(names::STORY)?);
            for doc in segment.doc_ids_alive() {
                // Articles have a story; their quotations do not.
                let Some(story) = stories.first(doc) else {
                    continue;
                };
                let article = table.stories.len() as u32;
                table.stories.push(story);
                // Keys are 32-bit (see `Signature::of`).
                let keys = bands.values_for_doc(doc).map(|band| band as u32);
                table.bands.extend(keys.map(|band| (band, article)));
            }
        }
        table.bands.sort_unstable();
        Ok(table)
    }

    /// The committed article sharing the most bands with `signature`, at
    /// least [`MIN_SHARED_BANDS`]: how many it shares, and its story.
    fn best(&self, signature: &Signature) -> Option<(usize, u64)> {
        let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
        for band in signature.bands() {
            for article in with_band(&self.bands, *band) {
                *shared.entry(article).or_insert(0) += 1;
            }
        }
        best_shared(shared).map(|(article, count)| (count, self.stories[article as usize]))
    }
}

/// The article of `shared` (bands shared, by article) that shares the most
/// bands, at least [`MIN_SHARED_BANDS`] (the earliest on a tie).
fn best_shared<A: Copy + Ord>(shared: FxHashMap<A, usize>) -> Option<(A, usize)> {
    shared
        .into_iter()
        .filter(|(_, count)| *count >= MIN_SHARED_BANDS)
        .max_by_key(|(article, count)| (*count, std::cmp::Reverse(*article)))
}

impl RunTable {
    /// An empty table with room for the bands of about `articles` articles.
    fn for_articles(articles: usize) -> RunTable {
        RunTable {
            settled: Vec::with_capacity(articles.saturating_mul(BANDS)),
            ..RunTable::default()
        }
    }

    /// The articles of the run with `band`.
    fn with_band(&self, band: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.recent_first.get(&band).copied();
        let others = self.recent_others.get(&band).into_iter().flatten().copied();
        with_band(&self.settled, band).chain(first).chain(others)
    }

    /// The article of the run sharing the most bands with `signature`, at
    /// least [`MIN_SHARED_BANDS`]: how many it shares, and its story.
    fn best(&self, signature: &Signature) -> Option<(usize, u64)> {
        let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
        for band in signature.bands() {
            for article in self.with_band(*band) {
                *shared.entry(article).or_insert(0) += 1;
            }
        }
        best_shared(shared).map(|(article, count)| (count, self.stories[article as usize]))
    }

    fn add(&mut self, story: u64, signature: &Signature) {
        let article = u32::try_from(self.stories.len()).expect("fewer than 2^32 articles a run");
        for band in signature.bands() {
            if self.with_band(*band).take(MAX_ARTICLES_PER_BAND).count() >= MAX_ARTICLES_PER_BAND {
                continue;
            }
            match self.recent_first.entry(*band) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(article);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    self.recent_others.entry(*band).or_default().push(article);
                }
            }
            self.recent_bands += 1;
        }
        self.stories.push(story);
        if self.recent_bands >= RECENT_BANDS {
            self.settle();
        }
    }

    /// Merges the recent articles' bands into the sorted pairs, in place.
    fn settle(&mut self) {
        let mut recent: Vec<(u32, u32)> = Vec::with_capacity(self.recent_bands);
        recent.extend(self.recent_first.drain());
        for (band, articles) in self.recent_others.drain() {
            recent.extend(articles.into_iter().map(|article| (band, article)));
        }
        recent.sort_unstable();
        self.recent_bands = 0;
        // Merged from the back into the room after the settled pairs, so
        // that no second copy of them is made.
        let settled_len = self.settled.len();
        self.settled.resize(settled_len + recent.len(), (0, 0));
        let (mut from_settled, mut from_recent) = (settled_len, recent.len());
        for slot in (0..self.settled.len()).rev() {
            let take_recent = from_recent > 0
                && (from_settled == 0 || recent[from_recent - 1] > self.settled[from_settled - 1]);
            self.settled[slot] = if take_recent {
                from_recent -= 1;
                recent[from_recent]
            } else {
                from_settled -= 1;
                self.settled[from_settled]
            };
            if from_recent == 0 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_story(file: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/one_story")
            .join(file);
        let article = crate::ingest::read_file(&path).unwrap().articles.remove(0);
        article.body
    }

    /// How many bands the signatures of `a` and `b` share.
    fn shared(a: &str, b: &str) -> usize {
        let (a, b) = (Signature::of(a).unwrap(), Signature::of(b).unwrap());
        a.bands()
            .iter()
            .zip(b.bands())
            .filter(|(a, b)| a == b)
            .count()
    }

    #[test]
    fn copies_with_small_edits_share_enough_bands_and_other_stories_do_not() {
        let wire = one_story("coastal-wire/2025-02-10-ferry-strike.txt");
        for copy in [
            "harbor-herald/2025-02-10-ferry-strike.txt",
            "island-times/ferry-strike.md",
        ] {
            let shared = shared(&wire, &one_story(copy));
            assert!(shared >= MIN_SHARED_BANDS, "{copy}: {shared} bands");
        }
        let steel = one_story("trade-desk/2025-03-01-steel-talks.txt");
        for other in [
            "trade-desk/2025-03-04-steel-deal.txt",
            "trade-desk/2025-03-08-ruiz-visit.txt",
        ] {
            let shared = shared(&steel, &one_story(other));
            assert!(shared < MIN_SHARED_BANDS, "{other}: {shared} bands");
        }
    }

    #[test]
    fn case_accents_and_punctuation_do_not_change_the_signature() {
        assert_eq!(
            Signature::of("Erdoğan met the ministers, on Monday, in Ankara."),
            Signature::of("erdogan met the ministers on monday in ankara")
        );
        assert_eq!(Signature::of(" \n.,"), None);
        assert!(Signature::of("Short note.").is_some());
    }

    #[test]
    fn copies_in_one_run_join_the_first_ones_story() {
        let (schema, fields) = crate::index::schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        let finder = StoryFinder::new(
            Some(index.reader().unwrap().searcher()),
            fields.story,
            "run",
            4,
        )
        .unwrap();
        let wire = one_story("coastal-wire/2025-02-10-ferry-strike.txt");
        let herald = one_story("harbor-herald/2025-02-10-ferry-strike.txt");
        let steel = one_story("trade-desk/2025-03-01-steel-talks.txt");
        let story = |id, text: &str| finder.story_of(id, Signature::of(text).as_ref()).unwrap();
        let first = story("a", &wire);
        assert_eq!(first, own_story("a"));
        assert_eq!(story("b", &herald), first);
        assert_eq!(story("c", &steel), own_story("c"));
        assert_eq!(story("d", ""), own_story("d"));
    }

    #[test]
    fn a_band_that_thousands_of_articles_share_keeps_only_its_first_ones() {
        let mut table = RunTable::default();
        let notice = Signature::of(&one_story("coastal-wire/2025-02-10-ferry-strike.txt")).unwrap();
        for _ in 0..1_000 {
            let story = table.best(&notice).map_or(7, |(_, story)| story);
            table.add(story, &notice);
        }
        for band in notice.bands() {
            assert_eq!(table.with_band(*band).count(), MAX_ARTICLES_PER_BAND);
        }
        assert_eq!(table.best(&notice), Some((BANDS, 7)));
        assert!(table.stories.iter().all(|&story| story == 7));
        table.settle();
        assert_eq!(table.settled.len(), BANDS * MAX_ARTICLES_PER_BAND);
        table.add(7, &notice);
        assert_eq!(
            table.settled.len() + table.recent_bands,
            BANDS * MAX_ARTICLES_PER_BAND
        );
    }

    #[test]
    fn bands_merged_into_the_sorted_pairs_find_the_same_articles() {
        // Articles whose bands are drawn from few keys, so that many share.
        let mut state = 1u64;
        let mut signature = || {
            let mut bands = [0u32; BANDS];
            for band in &mut bands {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *band = (state >> 40) as u32 % 400;
            }
            Signature { bands }
        };
        let (mut settling, mut kept_recent) = (RunTable::default(), RunTable::default());
        for article in 0..600u64 {
            let next = signature();
            assert_eq!(
                settling.best(&next),
                kept_recent.best(&next),
                "article {article}"
            );
            settling.add(article, &next);
            kept_recent.add(article, &next);
            if article % 37 == 0 {
                settling.settle();
                assert!(settling.settled.is_sorted());
                assert!(settling.recent_first.is_empty() && settling.recent_others.is_empty());
            }
        }
        assert!(settling.settled.len() > 1_000);
        for band in 0..400 {
            let mut a: Vec<u32> = settling.with_band(band).collect();
            let mut b: Vec<u32> = kept_recent.with_band(band).collect();
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "band {band}");
        }
    }
}
