//! Hashed features for the sequence tagger.
//!
//! Every token gets a list of weight-row indices: hashes of (template, value)
//! pairs folded into the model's bucket count. Word-level values (lowercase
//! form, shape, affixes, gazetteer matches) are computed once per token and
//! combined with neighbours by hash mixing, so no strings are built.

use super::clusters::{Cluster, Clusters};
use super::gazetteer::{Category, Gazetteer, Match};
use super::hash::{finish, hash_lower, mix, HashKeySet};
use super::tokenize::Token;

/// Word facts of one token, computed once per document.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    lower: u64,
    shape: u64,
    prefix: u64,
    suffix: u64,
    flags: u16,
    gaz: Match,
    cluster: Cluster,
}

const CAP: u16 = 1;
const ALL_CAPS: u16 = 1 << 1;
const DIGIT: u16 = 1 << 2;
const ALPHA: u16 = 1 << 3;
const SENTENCE_START: u16 = 1 << 4;
const GLUED: u16 = 1 << 5;
/// The word's lowercase form also appears in lowercase elsewhere in the document.
const SEEN_LOWER: u16 = 1 << 6;
/// The word also appears capitalised mid-sentence elsewhere in the document.
const SEEN_CAP_MID: u16 = 1 << 7;
/// Somewhere in the document the word follows a capitalised given name or
/// title (`Haddad` after `Omar Haddad` or `Mr. Haddad`).
const SEEN_AFTER_GIVEN: u16 = 1 << 8;
/// Somewhere in the document the word precedes a capitalised organization
/// head word (`Brennik` before `Brennik Institute`).
const SEEN_BEFORE_ORG_CUE: u16 = 1 << 9;
/// Somewhere in the document the word precedes a capitalised place head
/// word (`Coron` before `Coron Island`).
const SEEN_BEFORE_LOC_CUE: u16 = 1 << 10;
/// The document-level evidence flags.
const DOCUMENT: u16 =
    SEEN_LOWER | SEEN_CAP_MID | SEEN_AFTER_GIVEN | SEEN_BEFORE_ORG_CUE | SEEN_BEFORE_LOC_CUE;

/// Most feature rows of one token: 34 for every token, 5 more in a
/// capitalised run, one per gazetteer category it matches (at most 16).
const MAX_ROWS: usize = 34 + 5 + 16;

/// The word lists features look words up in.
#[derive(Debug, Clone, Copy)]
pub struct Lists<'a> {
    /// Name lists.
    pub gazetteer: &'a Gazetteer,
    /// Word clusters.
    pub clusters: &'a Clusters,
}

/// Reusable feature buffers for one document.
#[derive(Debug, Default)]
pub struct Features {
    words: Vec<Word>,
    lower: Vec<u64>,
    gaz: Vec<Match>,
    clusters: Vec<Cluster>,
    runs: Vec<(u32, u32)>,
    /// Weight-row indices of all tokens, back to back.
    pub rows: Vec<u32>,
    /// `rows[offsets[i]..offsets[i + 1]]` are token `i`'s rows.
    pub offsets: Vec<u32>,
}

impl Features {
    /// Lowercase hashes of the tokens of the last [`Features::compute`] call.
    pub fn lower(&self) -> &[u64] {
        &self.lower
    }

    /// The feature rows of token `i`.
    #[inline]
    pub fn of(&self, i: usize) -> &[u32] {
        &self.rows[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// Computes the features of every token of `text`, with `buckets` weight rows
    /// (a power of two).
    pub fn compute(&mut self, text: &str, tokens: &[Token], lists: Lists<'_>, buckets: usize) {
        let Lists {
            gazetteer,
            clusters,
        } = lists;
        debug_assert!(buckets.is_power_of_two());
        let mask = (buckets - 1) as u64;
        self.lower.clear();
        self.lower
            .extend(tokens.iter().map(|t| hash_lower(t.text(text))));
        gazetteer.matches(tokens, &self.lower, &mut self.gaz);
        // Looked up in a loop of their own, so that the cache misses of
        // successive tokens overlap.
        self.clusters.clear();
        self.clusters
            .extend(self.lower.iter().map(|&lower| clusters.get(lower)));
        self.words.clear();
        for (i, t) in tokens.iter().enumerate() {
            let lists = (self.gaz[i], self.clusters[i]);
            self.words.push(word(t.text(text), self.lower[i], t, lists));
        }
        mark_document_evidence(&mut self.words);
        capitalised_runs(&self.words, tokens, &mut self.runs);

        self.rows.clear();
        self.offsets.clear();
        self.offsets.push(0);
        let none = Word {
            lower: 1,
            shape: 1,
            ..Word::default()
        };
        for i in 0..self.words.len() {
            let at = |d: isize| -> Word {
                let j = i as isize + d;
                if j < 0 || j as usize >= self.words.len() {
                    none
                } else {
                    self.words[j as usize]
                }
            };
            let (p2, p1, w, n1, n2) = (at(-2), at(-1), at(0), at(1), at(2));
            // The token's rows go to an array first, then to `rows` at once:
            // cheaper than growing the vector row by row.
            let mut token_rows = [0u32; MAX_ROWS];
            let mut n = 0;
            let mut push = |template: u64, a: u64, b: u64| {
                token_rows[n] = (finish(mix(mix(template, a), b)) & mask) as u32;
                n += 1;
            };
            push(1, 0, 0);
            push(2, w.lower, 0);
            push(3, w.shape, 0);
            push(4, w.prefix, 0);
            push(5, w.suffix, 0);
            push(6, p1.lower, 0);
            push(7, n1.lower, 0);
            push(8, p2.lower, 0);
            push(9, n2.lower, 0);
            push(10, p1.shape, w.shape);
            push(11, w.shape, n1.shape);
            push(12, p1.lower, w.shape);
            push(13, w.shape, n1.lower);
            push(14, p1.lower, w.lower);
            push(15, w.lower, n1.lower);
            push(16, u64::from(w.flags), w.shape);
            push(17, u64::from(w.gaz.begin), u64::from(w.gaz.inside));
            push(18, u64::from(p1.gaz.begin | p1.gaz.inside), w.shape);
            push(19, u64::from(n1.gaz.begin), w.shape);
            push(
                20,
                u64::from(p1.flags & CAP),
                u64::from(n1.flags & CAP) | u64::from(w.flags),
            );
            push(21, p2.shape, mix(p1.shape, w.shape));
            push(22, w.shape, mix(n1.shape, n2.shape));
            push(24, p1.lower, n1.lower);
            push(25, p2.lower, p1.lower);
            push(26, n1.lower, n2.lower);
            push(27, w.suffix, u64::from(w.flags & (CAP | SENTENCE_START)));
            let coarse = |x: Word| u64::from(x.cluster.coarse);
            let fine = |x: Word| u64::from(x.cluster.fine);
            let case = u64::from(w.flags & (CAP | ALL_CAPS | SENTENCE_START));
            push(40, fine(w), case);
            push(41, coarse(w), mix(case, w.shape));
            push(42, fine(p1), u64::from(w.flags & CAP));
            push(43, fine(n1), u64::from(w.flags & CAP));
            push(44, coarse(p1), coarse(w));
            push(45, coarse(w), coarse(n1));
            push(46, coarse(p2), mix(coarse(p1), coarse(w)));
            push(47, u64::from(w.flags & DOCUMENT), u64::from(w.flags & CAP));
            let (run_start, run_end) = self.runs[i];
            if run_end > run_start {
                let (a, b) = (run_start as usize, run_end as usize - 1);
                let position = u64::from(i == a) | u64::from(i == b) << 1;
                let len = u64::from(run_end - run_start).min(6);
                let (head, tail) = (self.words[a], self.words[b]);
                push(28, position, len);
                push(29, position, u64::from(tail.gaz.begin | tail.gaz.inside));
                push(30, position, u64::from(head.gaz.begin));
                push(31, position, tail.lower);
                push(32, position, head.lower);
            }
            for bit in 0..16u64 {
                if (w.gaz.begin | w.gaz.inside) & (1 << bit) != 0 {
                    let begins = u64::from(w.gaz.begin & (1 << bit) != 0);
                    push(
                        23,
                        bit,
                        mix(begins, u64::from(w.flags & (CAP | SENTENCE_START))),
                    );
                }
            }
            self.rows.extend_from_slice(&token_rows[..n]);
            self.offsets.push(self.rows.len() as u32);
        }
    }
}

fn word(s: &str, lower: u64, t: &Token, (gaz, cluster): (Match, Cluster)) -> Word {
    let mut flags = 0u16;
    let mut shape = 0x7u64;
    let mut last_class = '\0';
    let mut upper = 0usize;
    let mut letters = 0usize;
    for c in s.chars() {
        let class = if c.is_uppercase() {
            upper += 1;
            letters += 1;
            'X'
        } else if c.is_alphabetic() {
            letters += 1;
            'x'
        } else if c.is_numeric() {
            flags |= DIGIT;
            'd'
        } else {
            c
        };
        if class != last_class {
            shape = mix(shape, u64::from(u32::from(class)));
            last_class = class;
        }
    }
    if s.chars().next().is_some_and(char::is_uppercase) {
        flags |= CAP;
    }
    if letters >= 2 && upper == letters {
        flags |= ALL_CAPS;
    }
    if letters > 0 {
        flags |= ALPHA;
    }
    if t.sentence_start {
        flags |= SENTENCE_START;
    }
    if t.glued {
        flags |= GLUED;
    }
    Word {
        lower,
        shape,
        prefix: affix(s, true),
        suffix: affix(s, false),
        flags,
        gaz,
        cluster,
    }
}

/// For every token, the capitalised run around it as `[start, end)`, or an
/// empty range. A run is a sequence of capitalised words, also across inner
/// `of`/`for`/`and`/`&`/`the`/`-` between capitalised words, so that every
/// word of `Center for Strategic and International Studies` sees the run's
/// head and tail word: the tagger's window alone is too short for that.
fn capitalised_runs(words: &[Word], tokens: &[Token], runs: &mut Vec<(u32, u32)>) {
    let connectors = ["of", "for", "and", "&", "the", "-", "de"].map(hash_lower);
    let cap = |k: usize| words[k].flags & CAP != 0 && words[k].flags & ALPHA != 0;
    runs.clear();
    runs.resize(words.len(), (0, 0));
    let mut i = 0;
    while i < words.len() {
        if !cap(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < words.len() && cap(end) && !tokens[end].sentence_start {
                end += 1;
                continue;
            }
            let bridge = (end..words.len().min(end + 3))
                .take_while(|&k| connectors.contains(&words[k].lower) && !tokens[k].sentence_start)
                .count();
            let next = end + bridge;
            if bridge > 0 && next < words.len() && cap(next) && !tokens[next].sentence_start {
                end = next + 1;
            } else {
                break;
            }
        }
        for r in &mut runs[start..end] {
            *r = (start as u32, end as u32);
        }
        i = end;
    }
}

/// Hash of the first (or last) three characters, lowercased; of the whole
/// word when it has at most three.
fn affix(s: &str, prefix: bool) -> u64 {
    // Where the affix ends (or starts), found from its end of the word
    // without counting the word's characters; `None` for a short word.
    let cut = if prefix {
        s.char_indices().nth(3).map(|(i, _)| i)
    } else {
        let mut from_end = s.char_indices().rev();
        let cut = from_end.nth(2).map(|(i, _)| i);
        cut.filter(|_| from_end.next().is_some())
    };
    let Some(cut) = cut else {
        return hash_lower(s);
    };
    let part = if prefix { &s[..cut] } else { &s[cut..] };
    mix(hash_lower(part), u64::from(prefix))
}

/// Sets the document-level flags: a capitalised sentence-initial word is
/// likely a name when the document also capitalises it mid-sentence, and
/// likely not when the document also writes it in lowercase.
fn mark_document_evidence(words: &mut [Word]) {
    let mut lower_seen = HashKeySet::default();
    let mut cap_mid = HashKeySet::default();
    for w in words.iter() {
        if w.flags & ALPHA != 0 && w.flags & CAP == 0 {
            lower_seen.insert(w.lower);
        } else if w.flags & CAP != 0 && w.flags & SENTENCE_START == 0 {
            cap_mid.insert(w.lower);
        }
    }
    let [after_given, before_org, before_loc] = names_in_context(words);
    for w in words.iter_mut().filter(|w| w.flags & CAP != 0) {
        if lower_seen.contains(&w.lower) {
            w.flags |= SEEN_LOWER;
        }
        for (set, flag) in [
            (&after_given, SEEN_AFTER_GIVEN),
            (&before_org, SEEN_BEFORE_ORG_CUE),
            (&before_loc, SEEN_BEFORE_LOC_CUE),
        ] {
            if set.contains(&w.lower) {
                w.flags |= flag;
            }
        }
        if w.flags & SENTENCE_START != 0 && cap_mid.contains(&w.lower) {
            w.flags |= SEEN_CAP_MID;
        }
    }
}

/// Capitalised words of the document that follow a given name or title, and
/// those that precede an organization or place head word: what the
/// document says about a word elsewhere helps where its own context is thin.
fn names_in_context(words: &[Word]) -> [HashKeySet; 3] {
    let given = Category::FirstName as u16 | Category::Title as u16;
    let mut sets: [HashKeySet; 3] = Default::default();
    for pair in words.windows(2) {
        let (p, w) = (pair[0], pair[1]);
        if p.flags & CAP == 0 || w.flags & CAP == 0 {
            continue;
        }
        if p.gaz.begin & given != 0 {
            sets[0].insert(w.lower);
        }
        if w.gaz.begin & Category::OrgCue as u16 != 0 {
            sets[1].insert(p.lower);
        }
        if w.gaz.begin & Category::LocCue as u16 != 0 {
            sets[2].insert(p.lower);
        }
    }
    sets
}
