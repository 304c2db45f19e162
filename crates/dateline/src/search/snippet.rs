//! Snippets: the passage of the body that best matches the query, with the
//! matched terms marked, made by tantivy's `SnippetGenerator`.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Score, Searcher};

use crate::index::schema::{prose_analyzer, LONGEST_WORD};
use crate::index::ArchiveIndex;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// Makes snippets for the hits of one query.
pub struct Snippets {
    generator: Option<SnippetGenerator>,
}

impl Snippets {
    /// Prepares snippets for `text_query`; without one, snippets are the
    /// opening of the body.
    pub fn new(
        searcher: &Searcher,
        archive: &ArchiveIndex,
        text_query: Option<&dyn Query>,
    ) -> tantivy::Result<Snippets> {
        let body = archive.fields.body;
        let generator = match text_query {
            Some(query) => {
                let terms = scored_terms(searcher, query, body)?;
                let words = CandidateWords::of(&terms, SNIPPET_CHARS);
                let analyzer = prose_analyzer(words);
                Some(SnippetGenerator::new(terms, analyzer, body, SNIPPET_CHARS))
            }
            None => None,
        };
        Ok(Snippets { generator })
    }

    /// The snippet of an article's body and the byte ranges of its highlights.
    pub fn for_body(&self, body: &str) -> (String, Vec<[usize; 2]>) {
        if let Some(generator) = &self.generator {
            let snippet = generator.snippet(body);
            if !snippet.is_empty() {
                let ranges = merge_ranges(snippet.highlighted(), 0);
                return (snippet.fragment().to_string(), ranges);
            }
        }
        (opening(body, SNIPPET_CHARS), Vec::new())
    }
}

/// The words of `query` in `field`, each scored as tantivy's
/// `SnippetGenerator::create` scores them (rarer words count more).
fn scored_terms(
    searcher: &Searcher,
    query: &dyn Query,
    field: tantivy::schema::Field,
) -> tantivy::Result<BTreeMap<String, Score>> {
    let mut terms = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.push(term.clone());
        }
    });
    let mut scored = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else {
            continue;
        };
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            scored.insert(text, 1.0 / (1.0 + doc_freq as Score));
        }
    }
    Ok(scored)
}

/// The words of a text as the index splits them, less those that can
/// neither be a query's word nor mark where a passage ends: a snippet needs
/// only the query's words' text, and of the other words only the place of
/// those that bound tantivy's passages, so the costly filters after this
/// (lower case, folding, stems) and the snippet generator's look-up of each
/// word skip nearly every word. English stems keep a word's first two
/// letters, but for stems of one letter and three exceptions (a test holds
/// this over every word of the sample corpus), and lower case and folding
/// keep an ASCII letter ASCII.
///
/// tantivy cuts a text into passages of at most `max_chars` bytes: a word
/// that would end past that starts the next passage, and a passage ends
/// where its last word does. So besides the words that may match, the
/// words handed on are each passage's first and last, emptied (they never
/// match), which gives the same passages, scores and highlights as every
/// word would; a test holds this against the full analyzer.
///
/// Words are split as tantivy's `SimpleTokenizer` splits them (runs of
/// alphanumeric characters), but only where needed: the text is scanned for
/// the first letters of the query's words, and each passage's bounds are
/// found by looking at the few bytes around them, so that the words in
/// between are never split at all.
#[derive(Clone)]
struct CandidateWords {
    /// Which words may be a query's word: by their first two ASCII
    /// characters (lower case), or their only one.
    may_match: Arc<MatchingStarts>,
    /// The snippet generator's longest passage, in bytes.
    max_chars: usize,
}

/// The starts of the query's words: pairs of ASCII characters as bits, and
/// single characters.
struct MatchingStarts {
    pairs: [u128; 128],
    singles: [bool; 128],
    /// Bytes that may start a word that may match, in either case, and
    /// every byte beyond ASCII.
    first_bytes: [bool; 256],
}

impl MatchingStarts {
    fn of<'a>(terms: impl Iterator<Item = &'a str>) -> MatchingStarts {
        let mut starts = MatchingStarts {
            pairs: [0; 128],
            singles: [false; 128],
            first_bytes: [false; 256],
        };
        for term in terms {
            match *term.as_bytes() {
                // Longer words can stem to one letter (`aed` to `a`).
                [first] if first.is_ascii() => {
                    let first = usize::from(first.to_ascii_lowercase());
                    starts.singles[first] = true;
                    starts.pairs[first] = u128::MAX;
                }
                [first, second, ..] if first.is_ascii() && second.is_ascii() => {
                    let (first, second) = (first.to_ascii_lowercase(), second.to_ascii_lowercase());
                    starts.pairs[usize::from(first)] |= 1 << second;
                    // The stemmer's exceptions: `dying`, `lying`, `tying`
                    // are indexed as `die`, `lie`, `tie`.
                    if second == b'i' {
                        starts.pairs[usize::from(first)] |= 1 << b'y';
                    }
                }
                _ => {}
            }
        }
        for first in 0..128u8 {
            if starts.pairs[usize::from(first)] != 0 {
                starts.first_bytes[usize::from(first)] = true;
                starts.first_bytes[usize::from(first.to_ascii_uppercase())] = true;
            }
        }
        starts.first_bytes[128..].fill(true);
        starts
    }

    /// Whether `word` may stem to one of the words (any word that does not
    /// start with ASCII characters may, as folding changes them).
    fn may_match(&self, word: &str) -> bool {
        match *word.as_bytes() {
            [] => false,
            [first] if first.is_ascii() => self.singles[usize::from(first.to_ascii_lowercase())],
            [first, second, ..] if first.is_ascii() && second.is_ascii() => {
                let (first, second) = (first.to_ascii_lowercase(), second.to_ascii_lowercase());
                self.pairs[usize::from(first)] & (1 << second) != 0
            }
            _ => true,
        }
    }
}

impl CandidateWords {
    fn of(terms: &BTreeMap<String, Score>, max_chars: usize) -> CandidateWords {
        CandidateWords {
            may_match: Arc::new(MatchingStarts::of(terms.keys().map(String::as_str))),
            max_chars,
        }
    }
}

impl Tokenizer for CandidateWords {
    type TokenStream<'a> = CandidateStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CandidateStream<'a> {
        CandidateStream {
            text,
            next_from: 0,
            position: 0,
            may_match: &self.may_match,
            max_chars: self.max_chars,
            passage_start: 0,
            candidate: None,
            queued: std::collections::VecDeque::with_capacity(2),
            ended: false,
            token: Token::default(),
        }
    }
}

/// A word: its byte range in the text.
type Word = (usize, usize);

/// The words of [`CandidateWords`].
struct CandidateStream<'a> {
    text: &'a str,
    /// Where the words not yet handed on start: every word before has been
    /// handed on or passed over.
    next_from: usize,
    /// The position given to the next word handed on.
    position: usize,
    may_match: &'a MatchingStarts,
    max_chars: usize,
    /// Where the passage being read starts, as tantivy reckons it.
    passage_start: usize,
    /// The next word at or after `next_from` that may match, once looked
    /// for (`Some(None)`: there is none).
    candidate: Option<Option<Word>>,
    /// Words to hand on, in order.
    queued: std::collections::VecDeque<Token>,
    /// Whether the text's last words have been queued.
    ended: bool,
    token: Token,
}

impl CandidateStream<'_> {
    /// The next word at or after `next_from` that may match.
    fn candidate(&mut self) -> Option<Word> {
        match self.candidate {
            Some(Some((start, _))) if start < self.next_from => {}
            Some(found) => return found,
            None => {}
        }
        let found = self.find_candidate(self.next_from);
        self.candidate = Some(found);
        found
    }

    /// The first word at or after byte `from` (where no word goes on from
    /// before) that is short enough to be indexed and may match.
    fn find_candidate(&self, mut from: usize) -> Option<Word> {
        let bytes = self.text.as_bytes();
        loop {
            let skipped = bytes
                .get(from..)?
                .iter()
                .position(|&byte| self.may_match.first_bytes[usize::from(byte)])?;
            let at = from + skipped;
            // An ASCII byte after an ASCII letter or digit is inside a word
            // whose first two bytes are ASCII, and its first is not one the
            // query's words start with (it would have been found first).
            if at > from && bytes[at].is_ascii() && bytes[at - 1].is_ascii_alphanumeric() {
                from = find_char(self.text, at, false)?;
                continue;
            }
            let c = self.text[at..].chars().next()?;
            if !c.is_alphanumeric() {
                from = at + c.len_utf8();
                continue;
            }
            let word = (
                word_start(self.text, at, from),
                find_char(self.text, at, false).unwrap_or(self.text.len()),
            );
            if is_indexed(word) && self.may_match.may_match(&self.text[word.0..word.1]) {
                return Some(word);
            }
            from = word.1;
        }
    }

    /// Queues `word`, with its text if it may match and emptied if not.
    fn queue(&mut self, (from, to): Word) {
        let text = &self.text[from..to];
        self.queued.push_back(Token {
            offset_from: from,
            offset_to: to,
            position: self.position,
            text: match self.may_match.may_match(text) {
                true => text.to_string(),
                false => String::new(),
            },
            position_length: 1,
        });
        self.position += 1;
    }
}

impl TokenStream for CandidateStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(token) = self.queued.pop_front() {
                self.token = token;
                return true;
            }
            if self.ended {
                return false;
            }
            let limit = self.passage_start + self.max_chars;
            let bound = first_ending_past(self.text, self.next_from, limit);
            let candidate = self.candidate();
            match (candidate, bound) {
                (Some(word), _) if bound.is_none_or(|bound| word.0 < bound.0) => {
                    self.queue(word);
                    self.next_from = word.1;
                }
                (_, Some(bound)) => {
                    // The word before the next passage ends this one.
                    if let Some(last) = last_word_before(self.text, bound.0, self.next_from) {
                        self.queue(last);
                    }
                    self.queue(bound);
                    self.passage_start = bound.0;
                    self.next_from = bound.1;
                }
                (_, None) => {
                    let end = self.text.len();
                    if let Some(last) = last_word_before(self.text, end, self.next_from) {
                        self.queue(last);
                    }
                    self.ended = true;
                }
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Whether the index keeps `word`: it drops words this long, and so does
/// the snippet.
fn is_indexed((from, to): Word) -> bool {
    to - from < LONGEST_WORD
}

/// The first indexed word of `text` at or after byte `from` (where no word
/// goes on from before) that ends past byte `limit`: the word that starts a
/// passage which began at `limit - max_chars`.
fn first_ending_past(text: &str, from: usize, limit: usize) -> Option<Word> {
    let mut word = if limit < from {
        next_word(text, from)?
    } else {
        let mut at = limit.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match text[at..].chars().next() {
            Some(c) if c.is_alphanumeric() => (
                word_start(text, at, from),
                find_char(text, at, false).unwrap_or(text.len()),
            ),
            _ => next_word(text, at)?,
        }
    };
    while !is_indexed(word) {
        word = next_word(text, word.1)?;
    }
    Some(word)
}

/// The last indexed word of `text` that ends at or before byte `end` (a
/// word's start, or the text's end) and starts at or after byte `from`.
fn last_word_before(text: &str, mut end: usize, from: usize) -> Option<Word> {
    loop {
        let before = &text[from..end];
        let last_char = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())?;
        let word_end = from + last_char.0 + last_char.1.len_utf8();
        let word = (
            word_start(text, word_end - last_char.1.len_utf8(), from),
            word_end,
        );
        if is_indexed(word) {
            return Some(word);
        }
        end = word.0;
    }
}

/// Where the word holding the alphanumeric character at byte `at` starts,
/// looking back no further than byte `from`.
fn word_start(text: &str, at: usize, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > from {
        match BYTE_CLASSES[usize::from(bytes[start - 1])] {
            ByteClass::Word => start -= 1,
            ByteClass::Between => break,
            ByteClass::Other => match text[from..start].chars().next_back() {
                Some(c) if c.is_alphanumeric() => start -= c.len_utf8(),
                _ => break,
            },
        }
    }
    start
}

/// The byte range of the first word of `text` at or after byte `from` (a
/// character boundary): a run of alphanumeric characters.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let start = find_char(text, from, true)?;
    let end = find_char(text, start, false).unwrap_or(text.len());
    Some((start, end))
}

/// Where the first character at or after byte `from` of `text` is (or, with
/// `alphanumeric` false, is not) alphanumeric. ASCII bytes are told by a
/// table, without decoding: splitting every hit's body into words is much
/// of a search's time.
fn find_char(text: &str, mut from: usize, alphanumeric: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let wanted = match alphanumeric {
        true => ByteClass::Word,
        false => ByteClass::Between,
    };
    loop {
        let skipped = bytes
            .get(from..)?
            .iter()
            .position(|&byte| BYTE_CLASSES[usize::from(byte)] != opposite(wanted))?;
        from += skipped;
        if BYTE_CLASSES[usize::from(bytes[from])] == wanted {
            return Some(from);
        }
        let c = text[from..].chars().next()?;
        if c.is_alphanumeric() == alphanumeric {
            return Some(from);
        }
        from += c.len_utf8();
    }
}

/// What a byte of UTF-8 text says about word boundaries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// An ASCII letter or digit.
    Word,
    /// Any other ASCII character.
    Between,
    /// Part of a character beyond ASCII, which must be decoded.
    Other,
}

/// The ASCII class that a search for `wanted` skips.
const fn opposite(wanted: ByteClass) -> ByteClass {
    match wanted {
        ByteClass::Word => ByteClass::Between,
        _ => ByteClass::Word,
    }
}

/// The class of every byte value.
const BYTE_CLASSES: [ByteClass; 256] = {
    let mut classes = [ByteClass::Other; 256];
    let mut byte = 0;
    while byte < 128 {
        classes[byte] = match (byte as u8).is_ascii_alphanumeric() {
            true => ByteClass::Word,
            false => ByteClass::Between,
        };
        byte += 1;
    }
    classes
};

/// Highlight ranges sorted, with overlapping ones merged, shifted by `offset`.
pub fn merge_ranges(ranges: &[std::ops::Range<usize>], offset: usize) -> Vec<[usize; 2]> {
    let mut sorted: Vec<std::ops::Range<usize>> = ranges.to_vec();
    sorted.sort_by_key(|range| range.start);
    let mut merged: Vec<[usize; 2]> = Vec::with_capacity(sorted.len());
    for range in sorted {
        let (start, end) = (range.start + offset, range.end + offset);
        match merged.last_mut() {
            Some(last) if start <= last[1] => last[1] = last[1].max(end),
            _ => merged.push([start, end]),
        }
    }
    merged
}

/// The first `max_chars` characters of `text`, cut at a word boundary.
fn opening(text: &str, max_chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max_chars) {
        None => flat,
        Some((cut, _)) => {
            let cut = flat[..cut].rfind(' ').unwrap_or(cut);
            format!("{}…", &flat[..cut])
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::SimpleTokenizer;

    use super::*;

    #[test]
    fn snippets_are_those_of_the_index_s_own_words() {
        let body = tantivy::schema::Schema::builder().add_text_field("body", tantivy::schema::TEXT);
        let texts = [
            "The Harbor Authority said harbors were dredged. Harbour-side residents objected.",
            "Émile Zola's ÉCOLE opened; écoles across France followed, said the minister of schools.",
            "Numbers: 2024 budgets, 1.5 billion; troops troop trooping TROOPS in 2025.",
            "supercalifragilisticexpialidociousandthensomeextralettersforlength troops march",
            "troops march on, supercalifragilisticexpialidociousandthensomeextralettersforlength",
            "Skies over the skiing slopes; dying trees, lying reports, tying knots, early news.",
            "Straße «troops» 北京市 troops ٣ ½ naïve—café’s 𝔘 troops\u{a0}troops",
            "",
        ];
        let long_texts: Vec<String> = (1..=8)
            .map(|n| {
                // Words of every length, the query's among them, in an order
                // that differs with `n`: passages end at many places.
                let mut state = 7u64 * n;
                (0..600)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        let words = texts[..texts.len() - 1].join(" ");
                        let words: Vec<&str> = words.split(' ').collect();
                        words[(state >> 33) as usize % words.len()].to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(match n % 4 {
                        0 => " ",
                        1 => "  \n",
                        2 => "—",
                        _ => " ’¿",
                    })
            })
            .collect();
        let queries: [&[&str]; 5] = [
            &["harbor", "dredg"],
            &["ecol", "school"],
            &["troop", "2024"],
            &["sky", "die", "lie", "earli"],
            &["zola", "minist", "march"],
        ];
        for words in queries {
            let terms: BTreeMap<String, Score> = words
                .iter()
                .enumerate()
                .map(|(n, w)| (w.to_string(), 1.0 / (2.0 + n as Score)))
                .collect();
            for max_chars in [40, 150, SNIPPET_CHARS] {
                let plain = SnippetGenerator::new(
                    terms.clone(),
                    prose_analyzer(SimpleTokenizer::default()),
                    body,
                    max_chars,
                );
                let candidates = SnippetGenerator::new(
                    terms.clone(),
                    prose_analyzer(CandidateWords::of(&terms, max_chars)),
                    body,
                    max_chars,
                );
                for text in texts
                    .iter()
                    .copied()
                    .chain(long_texts.iter().map(String::as_str))
                {
                    let (a, b) = (plain.snippet(text), candidates.snippet(text));
                    assert_eq!(a.fragment(), b.fragment(), "{words:?} in {text:?}");
                    assert_eq!(a.highlighted(), b.highlighted(), "{words:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn the_index_s_words_keep_the_first_two_letters_of_what_was_written() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_corpus");
        let mut text = String::new();
        for entry in walkdir::WalkDir::new(&corpus) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                text.push_str(&String::from_utf8_lossy(
                    &std::fs::read(entry.path()).unwrap(),
                ));
                text.push(' ');
            }
        }
        // Words whose stems the English stemmer spells differently.
        text.push_str(
            " dying lying tying skis skies ties cries idly gently ugly early only singly owed \
             agreed generously communism arsenal news atlas cosmos yelled ied aed ys sss",
        );
        let mut words = SimpleTokenizer::default();
        let mut stream = words.token_stream(&text);
        let mut analyzer = prose_analyzer(SimpleTokenizer::default());
        let mut checked = 0;
        while let Some(word) = stream.next() {
            let mut indexed = analyzer.token_stream(&word.text);
            let Some(stem) = indexed.next() else {
                continue;
            };
            let starts = MatchingStarts::of(std::iter::once(stem.text.as_str()));
            assert!(
                starts.may_match(&word.text),
                "{:?} is indexed as {:?}",
                word.text,
                stem.text
            );
            checked += 1;
        }
        assert!(checked > 10_000, "{checked} words");
    }

    #[test]
    fn words_are_split_as_tantivy_splits_them() {
        for text in [
            "Hello, happy tax payer!",
            "  Straße «troops» 北京市 ٣ ½ naïve—café’s 𝔘\u{a0}x2 ",
            "",
            "¿",
            "a½b x²y é1 Ωmega2024—ok",
            "end",
        ] {
            let mut tantivy_words = Vec::new();
            let mut tokenizer = SimpleTokenizer::default();
            let mut stream = tokenizer.token_stream(text);
            while let Some(word) = stream.next() {
                tantivy_words.push((word.offset_from, word.offset_to));
            }
            let mut words = Vec::new();
            let mut from = 0;
            while let Some((start, end)) = next_word(text, from) {
                words.push((start, end));
                from = end;
            }
            assert_eq!(words, tantivy_words, "{text:?}");
        }
    }

    #[test]
    fn words_are_candidates_by_their_first_two_letters() {
        let starts = MatchingStarts::of(["troop", "a", "ecol", "die"].into_iter());
        for word in [
            "Troops", "TR", "a", "A", "Ab", "aed", "ecole", "École", "ÉCOLE", "eÇ", "dying",
        ] {
            assert!(starts.may_match(word), "{word}");
        }
        for word in ["tea", "t", "b", "eagle", "", "school"] {
            assert!(!starts.may_match(word), "{word}");
        }
    }

    #[test]
    fn overlapping_highlights_merge_and_shift() {
        assert_eq!(
            merge_ranges(&[5..9, 0..3, 7..12], 10),
            vec![[10, 13], [15, 22]]
        );
        assert_eq!(merge_ranges(&[], 0), Vec::<[usize; 2]>::new());
    }

    #[test]
    fn opening_cuts_at_a_word_boundary() {
        assert_eq!(opening("one two  three", 100), "one two three");
        assert_eq!(opening("alpha beta gamma", 12), "alpha beta…");
    }
}
