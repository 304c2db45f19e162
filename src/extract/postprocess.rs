//! From tags to clean name spans: BIO decoding, boundary conventions
//! (no titles, no leading `the`, no possessive), and document-level
//! consistency (a name gets one type throughout an article, and a name found
//! once is found everywhere).

use super::features::is_title;
use super::gazetteer::{extend_phrase, Gazetteer, EMPTY_PHRASE, MAX_PHRASE};
use super::hash::HashKeyMap;
use super::model::{class_of, CLASSES, OUTSIDE};
use super::tokenize::Token;

/// Class index of persons in the tagger's classes.
pub const PERSON: usize = 0;
/// Class index of organizations.
pub const ORG: usize = 1;
/// Class index of places.
pub const LOC: usize = 2;
/// Class index of other names (nationalities, events, works), not reported.
pub const MISC: usize = 3;

/// Weight of a full person name's vote for its lone surname: more than any
/// number of tagger votes for another type in one article.
const SURNAME_VOTE: u32 = 1 << 16;

/// A name as a token range `[first, last)` with its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Class index (see [`PERSON`], [`ORG`], [`LOC`], [`MISC`]).
    pub class: usize,
}

/// Spans of a BIO tag sequence; a stray `I-` opens a new span.
pub fn decode(tags: &[usize]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = t != OUTSIDE
            && !(t - 1).is_multiple_of(2)
            && open.is_some_and(|s| s.class == class_of(t));
        if continues {
            if let Some(s) = open.as_mut() {
                s.last = i + 1;
            }
            continue;
        }
        spans.extend(open.take());
        if t != OUTSIDE {
            open = Some(Span {
                first: i,
                last: i + 1,
                class: class_of(t),
            });
        }
    }
    spans.extend(open);
    spans
}

/// Lowercase words that follow a name and a hyphen without being part of it
/// (`Washington-based`, `Obama-era`).
const COMPOUND_TAILS: &[&str] = &[
    "based",
    "led",
    "era",
    "run",
    "born",
    "made",
    "like",
    "held",
    "type",
    "style",
    "owned",
    "backed",
    "linked",
    "funded",
    "bound",
    "wide",
    "free",
    "level",
    "year",
    "old",
    "elect",
    "appointed",
    "controlled",
    "dominated",
    "occupied",
    "allied",
    "friendly",
    "born",
    "trained",
    "educated",
    "specific",
    "centric",
    "related",
    "sponsored",
    "area",
    "region",
    "language",
];

/// Extends names across a glued hyphen: any name over a capitalised part
/// (`Guinea-Bissau`), a person also over a short lowercase part that is not
/// an English compound tail (`Kim Jong-un`, `Kim Du-yeon`).
pub fn join_hyphenated(text: &str, tokens: &[Token], spans: &mut [Span]) {
    let mut taken = vec![false; tokens.len()];
    for s in spans.iter() {
        taken[s.first..s.last].iter_mut().for_each(|t| *t = true);
    }
    for s in spans.iter_mut() {
        while s.last + 1 < tokens.len() && !taken[s.last] && !taken[s.last + 1] {
            let (hyphen, part) = (&tokens[s.last], &tokens[s.last + 1]);
            let w = part.text(text);
            let joins = hyphen.text(text) == "-"
                && hyphen.glued
                && part.glued
                && w.chars().all(char::is_alphabetic)
                && (starts_upper(w)
                    || (s.class == PERSON
                        && w.chars().count() <= 6
                        && !COMPOUND_TAILS.contains(&w.to_lowercase().as_str())));
            if !joins {
                break;
            }
            s.last += 2;
        }
    }
}

fn is_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Applies the boundary conventions: drops a leading `the`, leading titles and
/// honorifics of persons, and leading/trailing punctuation and possessives.
pub fn trim(text: &str, tokens: &[Token], gazetteer: &Gazetteer, spans: &mut Vec<Span>) {
    spans.retain_mut(|s| {
        while s.first < s.last {
            let w = tokens[s.first].text(text);
            let title = s.class == PERSON && is_title(gazetteer, w) && s.last - s.first > 1;
            if w.eq_ignore_ascii_case("the") || title || !is_word(w) {
                s.first += 1;
            } else {
                break;
            }
        }
        while s.last > s.first && !is_word(tokens[s.last - 1].text(text)) {
            s.last -= 1;
        }
        s.first < s.last
            && tokens[s.first..s.last]
                .iter()
                .any(|t| starts_upper(t.text(text)))
    });
}

/// Hash of the lowercased token phrase `[first, last)`.
fn phrase(lower: &[u64], first: usize, last: usize) -> u64 {
    lower[first..last]
        .iter()
        .fold(EMPTY_PHRASE, |h, &w| extend_phrase(h, w))
}

/// Makes types and coverage consistent within the document.
///
/// Every distinct name (case-insensitive) takes the majority type of its
/// tagged mentions, and the surname of a tagged full person name is a person. Then capitalised, untagged occurrences of any known name are
/// tagged too, longest first.
pub fn harmonise(text: &str, tokens: &[Token], lower: &[u64], spans: &mut Vec<Span>) {
    let mut votes: HashKeyMap<[u32; CLASSES]> = HashKeyMap::default();
    for s in spans.iter() {
        if s.last - s.first <= MAX_PHRASE {
            votes.entry(phrase(lower, s.first, s.last)).or_default()[s.class] += 2;
        }
        let last_word = tokens[s.last - 1].text(text);
        if s.class == PERSON && s.last - s.first > 1 && is_word(last_word) {
            // The surname of someone the article names in full is that person,
            // whatever the tagger said about the lone word.
            votes.entry(phrase(lower, s.last - 1, s.last)).or_default()[PERSON] += SURNAME_VOTE;
        }
    }
    let majority = |h: u64| -> Option<usize> {
        let v = votes.get(&h)?;
        let best = (0..CLASSES).max_by_key(|&c| (v[c], std::cmp::Reverse(c)))?;
        (v[best] > 0).then_some(best)
    };
    for s in spans.iter_mut() {
        if s.last - s.first <= MAX_PHRASE {
            if let Some(c) = majority(phrase(lower, s.first, s.last)) {
                s.class = c;
            }
        }
    }

    let mut covered = vec![false; tokens.len()];
    for s in spans.iter() {
        covered[s.first..s.last].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered[i] || !starts_upper(tokens[i].text(text)) {
            i += 1;
            continue;
        }
        let longest = (1..=MAX_PHRASE.min(tokens.len() - i))
            .rev()
            .find_map(|len| {
                let end = i + len;
                if covered[i..end].iter().any(|&c| c) || continues_name(text, tokens, end) {
                    return None;
                }
                majority(phrase(lower, i, end)).map(|c| Span {
                    first: i,
                    last: end,
                    class: c,
                })
            });
        match longest {
            Some(s) => {
                i = s.last;
                added.push(s);
            }
            None => i += 1,
        }
    }
    spans.extend(added);
    spans.sort_by_key(|s| s.first);
}

/// True when token `end` glues onto the preceding name (`Putin-era`,
/// `Washington-based` is fine, but `Kim Jong` must not stop before `-un`).
fn continues_name(text: &str, tokens: &[Token], end: usize) -> bool {
    tokens.get(end).is_some_and(|t| {
        t.glued
            && t.text(text) == "-"
            && tokens
                .get(end + 1)
                .is_some_and(|n| n.glued && starts_upper(n.text(text)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::model::{begin, inside};

    #[test]
    fn decodes_bio_with_stray_inside() {
        let tags = [OUTSIDE, begin(0), inside(0), inside(1), OUTSIDE, begin(2)];
        assert_eq!(
            decode(&tags),
            vec![
                Span {
                    first: 1,
                    last: 3,
                    class: 0
                },
                Span {
                    first: 3,
                    last: 4,
                    class: 1
                },
                Span {
                    first: 5,
                    last: 6,
                    class: 2
                },
            ]
        );
    }
}
