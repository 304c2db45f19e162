//! Canonical names within one article.
//!
//! - A person named by a shorter form (`Putin`, `Mr. Putin` after trimming)
//!   takes the full name the article gives (`Vladimir Putin`): the nearest
//!   earlier full name whose last words match, else the first later one.
//! - An acronym takes the full name it abbreviates, when the article links
//!   them by a parenthesis or the acronym spells the full name's initials
//!   (`CSIS` ↔ `Center for Strategic and International Studies`); untagged
//!   occurrences of such an acronym become mentions too.
//! - Case never splits a name: forms that differ only in case share the
//!   first mixed-case form seen.
//! - A country code written against a currency sign (`US$5 billion`,
//!   `HK$200`) is part of an amount, not a mention of the place, whatever
//!   the tagger, the article's other mentions or an acronym made of it.

use super::postprocess::{Span, LOC, ORG, PERSON};
use super::tokenize::Token;
use super::{EntityKind, Mention};
use std::collections::HashMap;

/// Words left out when matching an acronym to a name's initials.
const ACRONYM_SKIP: &[&str] = &[
    "of", "for", "and", "the", "&", "on", "in", "at", "to", "a", "an", "de",
];

/// The most words of a short form that refers to a longer person name
/// (`Jong-un` or `Kim Jong-un` for `Kim Jong-un`; `Martin Luther King` for
/// `Martin Luther King Jr.`).
const MAX_SHORT_FORM_WORDS: usize = 4;

/// A named span with its text, before canonical names are assigned.
struct Named<'a> {
    span: Span,
    surface: &'a str,
    words: Vec<&'a str>,
}

/// Turns cleaned spans into mentions with canonical names (MISC is dropped).
pub fn mentions(text: &str, tokens: &[Token], spans: &[Span]) -> Vec<Mention> {
    let mut named: Vec<Named> = spans.iter().map(|&s| to_named(text, tokens, s)).collect();
    link_acronyms(text, tokens, &mut named);
    named.sort_by_key(|n| n.span.first);

    let display = display_forms(&named);
    let shown = |s: &str| {
        display
            .get(&s.to_lowercase())
            .cloned()
            .unwrap_or_else(|| s.to_string())
    };
    let acronyms = acronym_map(text, tokens, &named);
    let people = PersonIndex::new(&named);

    let mut out = Vec::with_capacity(named.len());
    for (i, n) in named.iter().enumerate() {
        if priced(text, tokens, n.span) {
            continue;
        }
        let kind = match n.span.class {
            PERSON => EntityKind::Person,
            ORG => EntityKind::Organization,
            LOC => EntityKind::Place,
            _ => continue,
        };
        let full = match kind {
            EntityKind::Person => people.full_name(&named, i),
            _ => acronyms.get(n.surface).copied(),
        };
        let canonical = shown(full.unwrap_or(n.surface));
        out.push(Mention {
            start: tokens[n.span.first].start as usize,
            end: tokens[n.span.last - 1].end as usize,
            kind,
            canonical,
        });
    }
    out
}

/// Whether `span` is a code in capitals glued to a `$` after it.
fn priced(text: &str, tokens: &[Token], span: Span) -> bool {
    span.last - span.first == 1
        && tokens[span.first]
            .text(text)
            .chars()
            .all(|c| c.is_ascii_uppercase())
        && tokens
            .get(span.last)
            .is_some_and(|t| t.glued && t.text(text) == "$")
}

fn to_named<'a>(text: &'a str, tokens: &[Token], span: Span) -> Named<'a> {
    let surface = &text[tokens[span.first].start as usize..tokens[span.last - 1].end as usize];
    Named {
        span,
        surface,
        words: surface.split_whitespace().collect(),
    }
}

/// The first mixed-case form of each lowercased name (an all-caps or
/// all-lowercase form only when no other exists).
fn display_forms(named: &[Named]) -> HashMap<String, String> {
    let mut forms: HashMap<String, String> = HashMap::new();
    for n in named {
        let key = n.surface.to_lowercase();
        let mixed =
            |s: &str| s.chars().any(char::is_uppercase) && s.chars().any(char::is_lowercase);
        match forms.get(&key) {
            Some(existing) if mixed(existing) || !mixed(n.surface) => {}
            _ => {
                forms.insert(key, n.surface.to_string());
            }
        }
    }
    forms
}

/// Multi-word person names (indices into the sorted mentions) under every
/// shorter run of their first or last words, lowercased: `putin` and
/// `vladimir` both lead to `Vladimir Putin`.
struct PersonIndex {
    by_tail: HashMap<String, Vec<usize>>,
    by_head: HashMap<String, Vec<usize>>,
}

impl PersonIndex {
    fn new(named: &[Named]) -> PersonIndex {
        let mut index = PersonIndex {
            by_tail: HashMap::new(),
            by_head: HashMap::new(),
        };
        for (i, n) in named.iter().enumerate() {
            let w = &n.words;
            if n.span.class != PERSON || w.len() < 2 {
                continue;
            }
            // Short forms are a few words; keys of every length would make
            // a run-on "name" of n words (a page of capitals) cost n² bytes.
            for k in 1..w.len().min(MAX_SHORT_FORM_WORDS + 1) {
                index
                    .by_tail
                    .entry(key(&w[w.len() - k..]))
                    .or_default()
                    .push(i);
                index.by_head.entry(key(&w[..k])).or_default().push(i);
            }
        }
        index
    }

    /// The full name mention `i` refers to: a longer person name ending with
    /// the same words (nearest before, else first after), else one starting
    /// with them (`Kim` for `Kim Jong-un` style names).
    fn full_name<'a>(&self, named: &[Named<'a>], i: usize) -> Option<&'a str> {
        let k = key(&named[i].words);
        let nearest = |list: &Vec<usize>| {
            let before = list.partition_point(|&j| j < i);
            let j = if before > 0 {
                list[before - 1]
            } else {
                *list.get(before)?
            };
            Some(named[j].surface)
        };
        self.by_tail
            .get(&k)
            .and_then(nearest)
            .or_else(|| self.by_head.get(&k).and_then(nearest))
    }
}

fn key(words: &[&str]) -> String {
    words.join(" ").to_lowercase()
}

/// Letters of an acronym (`CSIS`, `U.N.`), or `None` when `s` is not one.
///
/// Every token of an article is asked, so the letters are only collected
/// once `s` qualifies.
fn acronym_letters(s: &str) -> Option<String> {
    let letters = || s.chars().filter(|c| *c != '.');
    let ok = letters().all(|c| c.is_uppercase() || c == '&')
        && letters().nth(1).is_some()
        && s.chars().all(|c| c.is_alphabetic() || c == '.' || c == '&');
    ok.then(|| letters().collect())
}

/// Initials of a multi-word name's content words, plus the initials of all
/// its words (`DPRK` spells `Democratic People's Republic of Korea` only
/// without `of`, while some acronyms keep every word).
fn initials(words: &[&str]) -> (String, String) {
    let first_upper = |w: &&str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().next().unwrap_or(c))
    };
    let content: String = words
        .iter()
        .filter(|w| !ACRONYM_SKIP.contains(&w.to_lowercase().as_str()))
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty())
        .filter_map(|w| first_upper(&w))
        .collect();
    let all: String = words.iter().filter_map(first_upper).collect();
    (content, all)
}

/// Acronym surface → full name, for acronyms the article links to a full name.
fn acronym_map<'a>(text: &str, tokens: &[Token], named: &[Named<'a>]) -> HashMap<&'a str, &'a str> {
    let mut spelled: HashMap<String, &'a str> = HashMap::new();
    for m in named
        .iter()
        .filter(|m| m.words.len() >= 2 && m.span.class != PERSON)
    {
        let (content, all) = initials(&m.words);
        spelled.entry(content).or_insert(m.surface);
        spelled.entry(all).or_insert(m.surface);
    }
    let mut map = HashMap::new();
    for (i, n) in named.iter().enumerate() {
        let Some(letters) = acronym_letters(n.surface) else {
            continue;
        };
        let full = parenthesised_partner(text, tokens, named, i)
            .or_else(|| spelled.get(&letters).copied());
        if let Some(full) = full {
            map.insert(n.surface, full);
        }
    }
    map
}

/// The multi-word name written right before `named[i]` in parentheses
/// (`Center for ... Studies (CSIS)`), or inside parentheses right after it.
fn parenthesised_partner<'a>(
    text: &str,
    tokens: &[Token],
    named: &[Named<'a>],
    i: usize,
) -> Option<&'a str> {
    let tok = |k: usize| tokens.get(k).map(|t| t.text(text));
    let s = named[i].span;
    if s.first >= 1 && tok(s.first - 1) == Some("(") && tok(s.last) == Some(")") {
        let prev = named[..i].last().filter(|m| m.span.last + 1 == s.first)?;
        return (prev.words.len() >= 2).then_some(prev.surface);
    }
    if tok(s.last) == Some("(") {
        let next = named
            .get(i + 1)
            .filter(|m| m.span.first == s.last + 1 && tok(m.span.last) == Some(")"))?;
        return (next.words.len() >= 2).then_some(next.surface);
    }
    None
}

/// Types an acronym like the full name it spells, and tags untagged
/// occurrences of acronyms that spell a tagged multi-word name.
fn link_acronyms<'a>(text: &'a str, tokens: &[Token], named: &mut Vec<Named<'a>>) {
    let mut spelled: HashMap<String, usize> = HashMap::new();
    for m in named
        .iter()
        .filter(|m| m.words.len() >= 2 && matches!(m.span.class, ORG | LOC))
    {
        let (content, all) = initials(&m.words);
        for key in [content, all] {
            if key.chars().count() >= 2 {
                spelled.entry(key).or_insert(m.span.class);
            }
        }
    }
    if spelled.is_empty() {
        return;
    }
    let mut covered = vec![false; tokens.len()];
    for n in named.iter_mut() {
        covered[n.span.first..n.span.last]
            .iter_mut()
            .for_each(|c| *c = true);
        if let Some(&class) = acronym_letters(n.surface).and_then(|l| spelled.get(&l)) {
            if n.span.class != PERSON {
                n.span.class = class;
            }
        }
    }
    for (k, t) in tokens.iter().enumerate() {
        if covered[k] {
            continue;
        }
        if let Some(&class) = acronym_letters(t.text(text)).and_then(|l| spelled.get(&l)) {
            let span = Span {
                first: k,
                last: k + 1,
                class,
            };
            named.push(to_named(text, tokens, span));
        }
    }
}
