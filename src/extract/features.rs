//! Hashed features for the sequence tagger.
//!
//! Every token gets a list of weight-row indices: hashes of (template, value)
//! pairs folded into the model's bucket count. Word-level values (lowercase
//! form, shape, affixes, gazetteer matches) are computed once per token and
//! combined with neighbours by hash mixing, so no strings are built.

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

/// Reusable feature buffers for one document.
#[derive(Debug, Default)]
pub struct Features {
    words: Vec<Word>,
    lower: Vec<u64>,
    gaz: Vec<Match>,
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
    pub fn compute(&mut self, text: &str, tokens: &[Token], gazetteer: &Gazetteer, buckets: usize) {
        debug_assert!(buckets.is_power_of_two());
        let mask = (buckets - 1) as u64;
        self.lower.clear();
        self.lower
            .extend(tokens.iter().map(|t| hash_lower(t.text(text))));
        gazetteer.matches(tokens, &self.lower, &mut self.gaz);
        self.words.clear();
        for (i, t) in tokens.iter().enumerate() {
            self.words
                .push(word(t.text(text), self.lower[i], t, self.gaz[i]));
        }
        mark_document_evidence(&mut self.words);

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
            let mut push = |template: u64, a: u64, b: u64| {
                self.rows
                    .push((finish(mix(mix(template, a), b)) & mask) as u32);
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
            for bit in 0..16u64 {
                if (w.gaz.begin | w.gaz.inside) & (1 << bit) != 0 {
                    push(23, bit, u64::from(w.gaz.begin & (1 << bit) != 0));
                }
            }
            self.offsets.push(self.rows.len() as u32);
        }
    }
}

fn word(s: &str, lower: u64, t: &Token, gaz: Match) -> Word {
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
    }
}

/// Hash of the first (or last) three characters, lowercased.
fn affix(s: &str, prefix: bool) -> u64 {
    let n = s.chars().count();
    if n <= 3 {
        return hash_lower(s);
    }
    let cut = if prefix {
        s.char_indices().nth(3).map_or(s.len(), |(i, _)| i)
    } else {
        s.char_indices().nth(n - 3).map_or(0, |(i, _)| i)
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
    for w in words.iter_mut().filter(|w| w.flags & CAP != 0) {
        if lower_seen.contains(&w.lower) {
            w.flags |= SEEN_LOWER;
        }
        if w.flags & SENTENCE_START != 0 && cap_mid.contains(&w.lower) {
            w.flags |= SEEN_CAP_MID;
        }
    }
}

/// True when the token text is a title or honorific in `gazetteer`.
pub fn is_title(gazetteer: &Gazetteer, word: &str) -> bool {
    gazetteer.get(super::gazetteer::extend_phrase(
        super::gazetteer::EMPTY_PHRASE,
        hash_lower(word),
    )) & Category::Title as u16
        != 0
}
