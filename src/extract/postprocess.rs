//! From tags to clean name spans: BIO decoding, boundary conventions
//! (no titles, no leading `the`, no possessive), and document-level
//! consistency (a name gets one type throughout an article, and a name found
//! once is found everywhere).

use super::gazetteer::{extend_phrase, Category, Gazetteer, EMPTY_PHRASE, MAX_PHRASE};
use super::hash::hash_lower;
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

/// Lowercase particles inside personal names (`Bashar al-Assad`, `Ludwig van Beethoven`).
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "ben", "de", "da", "di", "del", "della", "der", "den", "du", "dos",
    "das", "van", "von", "le", "la", "ter", "y",
];

/// Extends names over the parts a tagger tends to cut off, merging spans
/// that become one: a capitalised part after a glued hyphen
/// (`Guinea-Bissau`); for persons also a short lowercase part after a hyphen
/// that is not an English compound tail (`Kim Jong-un`), particles before a
/// capitalised part (`al-Assad`, `van Gogh`) and elided particles
/// (`d'Ettorre`).
pub fn join_name_parts(text: &str, tokens: &[Token], spans: &mut Vec<Span>) {
    spans.sort_by_key(|s| s.first);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for mut s in spans.drain(..) {
        if let Some(prev) = out.last_mut() {
            if s.first < prev.last {
                prev.last = prev.last.max(s.last);
                continue;
            }
        }
        while let Some(last) = extension(text, tokens, &s) {
            s.last = last;
        }
        // Leading initials belong to a person's name (`L. Ron Hubbard`).
        let free = out.last().map_or(0, |p| p.last);
        while s.class == PERSON
            && s.first > free
            && !tokens[s.first].sentence_start
            && is_initial(tokens[s.first - 1].text(text))
        {
            s.first -= 1;
        }
        out.push(s);
    }
    *spans = out;
}

/// `J.`: one capital letter and a period.
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.next() == Some('.') && c.next().is_none()
}

/// The new end of `s` if one more name part follows it.
fn extension(text: &str, tokens: &[Token], s: &Span) -> Option<usize> {
    let tok = |k: usize| tokens.get(k).filter(|t| !t.sentence_start);
    let next = tok(s.last)?;
    let w = next.text(text);
    // The tagger may have kept the hyphen and dropped the part after it (`Moon Jae-`).
    let dangling = s.last - s.first > 1 && tokens[s.last - 1].text(text) == "-";
    if (w == "-" && next.glued) || dangling {
        let at = if dangling { s.last } else { s.last + 1 };
        let part = tok(at).filter(|t| t.glued)?;
        let p = part.text(text);
        let joins = p.chars().all(char::is_alphabetic)
            && (starts_upper(p)
                || (s.class == PERSON
                    && p.chars().count() <= 6
                    && !COMPOUND_TAILS.contains(&p.to_lowercase().as_str())));
        return joins.then_some(at + 1);
    }
    if s.class != PERSON {
        return None;
    }
    let mut chars = w.chars();
    let elided = matches!(chars.next(), Some('d' | 'l'))
        && matches!(chars.next(), Some('\'' | '’'))
        && chars.next().is_some_and(char::is_uppercase);
    if elided {
        return Some(s.last + 1);
    }
    let mut j = s.last;
    while tok(j).is_some_and(|t| PARTICLES.contains(&t.text(text))) {
        j += 1;
        if tok(j).is_some_and(|t| t.glued && t.text(text) == "-") {
            j += 1;
        }
    }
    let name = tok(j).is_some_and(|t| starts_upper(t.text(text)) && is_word(t.text(text)));
    (j > s.last && name).then_some(j + 1)
}

/// Names of events, laws and works are not organizations or places:
/// a name ending in such a head word (`World Cup`, `Paris Agreement`) is
/// relabelled MISC. So is a name glued behind a lowercase prefix
/// (`pro-Beijing`, `anti-NATO`), which is an adjective, not a mention, a
/// person or organization name with digits (a product or mission code), and
/// the name of a vehicle (`the shuttle Atlantis`).
/// An organization name headed by a building or place word is a place.
pub fn demote_non_names(text: &str, tokens: &[Token], gazetteer: &Gazetteer, spans: &mut [Span]) {
    for s in spans.iter_mut().filter(|s| s.class != MISC) {
        let last = tokens[s.last - 1].text(text);
        let prefixed = s.first >= 2
            && tokens[s.first].glued
            && tokens[s.first - 1].text(text) == "-"
            && tokens[s.first - 1].glued
            && tokens[s.first - 2]
                .text(text)
                .starts_with(char::is_lowercase);
        // `Institute for the Study of War` is headed by `Institute`.
        let headed = (s.first..s.last).any(|k| {
            gazetteer.word(tokens[k].text(text))
                & (Category::OrgCue as u16 | Category::LocCue as u16)
                != 0
        });
        // Codes with digits (`STS-135`, `IE6`) name things, not people or organizations.
        let coded = s.class != LOC
            && tokens[s.first..s.last]
                .iter()
                .any(|t| t.text(text).contains(|c: char| c.is_ascii_digit()));
        // `the shuttle Atlantis`, `cruise ship Freewinds`: vehicles are things.
        let vehicle = s.first >= 1
            && VEHICLES.contains(&tokens[s.first - 1].text(text).to_lowercase().as_str());
        if prefixed
            || coded
            || vehicle
            || (!headed && gazetteer.word(last) & Category::MiscCue as u16 != 0)
        {
            s.class = MISC;
        } else if s.class == ORG && is_facility(text, tokens, gazetteer, s) {
            s.class = LOC;
        }
    }
}

/// Words that introduce the name of a vehicle.
const VEHICLES: &[&str] = &[
    "shuttle",
    "ship",
    "spacecraft",
    "aircraft",
    "vessel",
    "probe",
    "rover",
    "carrier",
    "submarine",
    "yacht",
    "boat",
    "satellite",
    "telescope",
    "orbiter",
    "capsule",
    "liner",
    "frigate",
    "destroyer",
    "tanker",
    "ferry",
    "jet",
    "train",
];

/// `the Republican party`: a capitalised word before a lowercase `party`
/// names the party, written with it.
pub fn join_parties(text: &str, tokens: &[Token], spans: &mut Vec<Span>) {
    let mut covered = vec![false; tokens.len()];
    for s in spans.iter() {
        covered[s.first..s.last].iter_mut().for_each(|c| *c = true);
    }
    let party = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.text(text) == "party" && !t.sentence_start)
    };
    for s in spans.iter_mut() {
        if party(s.last) && !covered[s.last] && s.class != PERSON {
            s.last += 1;
            s.class = ORG;
        }
    }
    for k in 0..tokens.len().saturating_sub(1) {
        let w = tokens[k].text(text);
        if !covered[k]
            && starts_upper(w)
            && is_word(w)
            && !tokens[k].sentence_start
            && party(k + 1)
            && !covered[k + 1]
        {
            spans.push(Span {
                first: k,
                last: k + 2,
                class: ORG,
            });
        }
    }
    spans.sort_by_key(|s| s.first);
}

/// A name that ends in a place or building word (`Marsh Creek Reservoir`,
/// `Museum of Flight` counts by its first word) and has no organization
/// word is a place.
fn is_facility(text: &str, tokens: &[Token], gazetteer: &Gazetteer, s: &Span) -> bool {
    let bits = |k: usize| gazetteer.word(tokens[k].text(text));
    let org = (s.first..s.last).any(|k| bits(k) & Category::OrgCue as u16 != 0);
    let place_head = bits(s.last - 1) & Category::LocCue as u16 != 0
        || (bits(s.first) & Category::LocCue as u16 != 0
            && s.last - s.first > 2
            && tokens[s.first + 1].text(text) == "of");
    !org && place_head
}

/// Demonyms and nationality adjectives (`North Korean`, `Russians`,
/// `Italian`) are not places: a name that is not itself a known place but
/// becomes one when its last word loses such a suffix is relabelled MISC.
pub fn demote_demonyms(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    spans: &mut [Span],
) {
    const SUFFIXES: [(&str, &str); 10] = [
        ("ians", ""),
        ("ians", "y"),
        ("ian", ""),
        ("ian", "y"),
        ("ans", ""),
        ("an", ""),
        ("ns", ""),
        ("n", ""),
        ("ese", "a"),
        ("ese", ""),
    ];
    for s in spans.iter_mut().filter(|s| s.class != MISC) {
        if gazetteer.get(phrase(lower, s.first, s.last)) & Category::PLACES != 0 {
            continue;
        }
        let last = tokens[s.last - 1].text(text);
        let head = phrase(lower, s.first, s.last - 1);
        let is_demonym = SUFFIXES.iter().any(|(suffix, replacement)| {
            last.len() > suffix.len() + 2
                && last.is_char_boundary(last.len() - suffix.len())
                && last[last.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
                && {
                    let stem = format!("{}{replacement}", &last[..last.len() - suffix.len()]);
                    gazetteer.get(extend_phrase(head, hash_lower(&stem))) & Category::PLACES != 0
                }
        });
        if is_demonym {
            s.class = MISC;
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
            let bits = gazetteer.word(w);
            // `Dean Kamen`: a title word that is also a given name stays.
            let title = s.class == PERSON
                && bits & Category::Title as u16 != 0
                && bits & Category::FirstName as u16 == 0
                && s.last - s.first > 1;
            if w.eq_ignore_ascii_case("the") || title || !is_word(w) {
                s.first += 1;
            } else {
                break;
            }
        }
        while s.last > s.first && !is_word(tokens[s.last - 1].text(text)) {
            s.last -= 1;
        }
        // `Ahmed Mohamed Image: ...`: a dictionary word before a colon is a label.
        let label = |k: usize| {
            tokens.get(k).is_some_and(|t| t.text(text) == ":")
                && gazetteer.word(tokens[k - 1].text(text)) & Category::CommonWord as u16 != 0
        };
        if s.last - s.first > 1 && label(s.last) {
            s.last -= 1;
        }
        s.first < s.last
            && tokens[s.first..s.last]
                .iter()
                .any(|t| starts_upper(t.text(text)))
    });
}

/// Joins names that a tagger splits at an inner `of`/`for`/`on` after an
/// organization or place head word: `Church of Scientology`,
/// `University of Helsinki`, `Council on Foreign Relations`, `Gulf of Mexico`.
/// The head word must be a capitalised organization (or place) cue word from
/// the gazetteer; the joined name takes the cue's type.
pub fn join_headed_names(
    text: &str,
    tokens: &[Token],
    gazetteer: &Gazetteer,
    spans: &mut Vec<Span>,
) {
    let word = |k: usize| tokens.get(k).map(|t| t.text(text));
    let cue_class = |k: usize| {
        let w = word(k).filter(|w| starts_upper(w))?;
        let bits = gazetteer.word(w);
        if bits & Category::OrgCue as u16 != 0 {
            Some(ORG)
        } else if bits & Category::LocCue as u16 != 0 {
            Some(LOC)
        } else {
            None
        }
    };
    let link = |k: usize| matches!(word(k), Some("of" | "for" | "on")) && !tokens[k].sentence_start;
    // Weekdays and months end a name: `the Board on Tuesday`.
    let cap = |k: usize| {
        word(k).is_some_and(|w| {
            starts_upper(w)
                && is_word(w)
                && !w.eq_ignore_ascii_case("the")
                && gazetteer.word(w) & Category::NonName as u16 == 0
        }) && !tokens[k].sentence_start
    };
    let connector = |k: usize| matches!(word(k), Some("and" | "&" | "of" | "for" | "on"));
    // A joined name never swallows a person (`University of Texas Arlington Amneh Jafari`).
    let mut person = vec![false; tokens.len()];
    for s in spans.iter().filter(|s| s.class == PERSON) {
        person[s.first..s.last].iter_mut().for_each(|p| *p = true);
    }
    let free = |k: usize| cap(k) && !person[k];
    let mut joined: Vec<Span> = Vec::new();
    // `for a New American Security`, `for the Study of War`.
    let article = |k: usize| matches!(word(k), Some("a" | "an" | "the"));
    // An untagged organization word before `of`/`for` and a capitalised word
    // seeds a name of its own (`Church of Scientology`).
    let mut covered = vec![false; tokens.len()];
    for s in spans.iter() {
        covered[s.first..s.last].iter_mut().for_each(|c| *c = true);
    }
    let seeds: Vec<Span> = (0..tokens.len())
        .filter(|&k| {
            let after = if article(k + 2) { k + 3 } else { k + 2 };
            !covered[k]
                && cue_class(k) == Some(ORG)
                && link(k + 1)
                && free(after)
                && !covered[after]
        })
        .map(|k| Span {
            first: k,
            last: k + 1,
            class: ORG,
        })
        .collect();
    let mut all: Vec<Span> = spans.iter().copied().chain(seeds).collect();
    all.sort_by_key(|s| s.first);
    for s in all.iter() {
        let (mut first, mut last, mut class) = (s.first, s.last, s.class);
        let before = if first >= 1 && article(first - 1) {
            first - 1
        } else {
            first
        };
        if before >= 2 && link(before - 1) && !tokens[first].sentence_start {
            if let Some(c) = cue_class(before - 2) {
                class = c;
                first = before - 2;
                while first > 0 && !tokens[first].sentence_start && free(first - 1) {
                    first -= 1;
                }
            }
        }
        let after = if article(last + 1) {
            last + 2
        } else {
            last + 1
        };
        // `on` joins only a longer name (`Council on Foreign Relations`, not `Center on STS-1`).
        let long_enough = word(last) != Some("on") || free(after + 1);
        if let Some(c) = cue_class(last - 1).filter(|_| link(last) && free(after) && long_enough) {
            class = c;
            last = after;
            loop {
                if free(last) {
                    last += 1;
                } else if connector(last) && free(last + 1) {
                    last += 2;
                } else {
                    break;
                }
            }
        }
        if (first, last) != (s.first, s.last) && joined.last().is_none_or(|j| j.last <= first) {
            joined.push(Span { first, last, class });
        }
    }
    if !joined.is_empty() {
        let mut taken = vec![false; tokens.len()];
        for j in &joined {
            taken[j.first..j.last].iter_mut().for_each(|t| *t = true);
        }
        spans.retain(|s| !taken[s.first..s.last].iter().any(|&t| t));
        spans.extend(joined);
        spans.sort_by_key(|s| s.first);
    }
    // `United Dock` + `and` + `Harbor Workers Union`: a multi-word
    // organization without a head word, joined by `and`/`&` to one that
    // ends in a head word, is one name.
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (spans[k], spans[k + 1]);
        let joins = a.class == ORG
            && b.class == ORG
            && a.last - a.first >= 2
            && b.first == a.last + 1
            && matches!(word(a.last), Some("and" | "&"))
            && cue_class(a.last - 1).is_none()
            && cue_class(b.last - 1) == Some(ORG);
        if joins {
            spans[k].last = b.last;
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// Hash of the lowercased token phrase `[first, last)`.
fn phrase(lower: &[u64], first: usize, last: usize) -> u64 {
    lower[first..last]
        .iter()
        .fold(EMPTY_PHRASE, |h, &w| extend_phrase(h, w))
}

/// Makes types and coverage consistent within the document.
///
/// A listed organization, country or region takes its listed type. Every
/// distinct name (case-insensitive) takes the majority type of its
/// tagged mentions, and the surname of a tagged full person name is a person. Then capitalised, untagged occurrences of any known name are
/// tagged too, longest first.
pub fn harmonise(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    spans: &mut Vec<Span>,
) {
    // A lone weekday, month or compass word is no person (`the North's`),
    // nor is a plural (`Arabs`, `Polaroids`), unless the article names
    // someone in full with it (below).
    for s in spans
        .iter_mut()
        .filter(|s| s.class == PERSON && s.last - s.first == 1)
    {
        let w = tokens[s.first].text(text);
        if gazetteer.word(w) & Category::NonName as u16 != 0 || plural_noun(gazetteer, w) {
            s.class = MISC;
        }
    }
    for s in spans
        .iter_mut()
        .filter(|s| s.last - s.first <= MAX_PHRASE && s.class != MISC)
    {
        s.class = listed_class(gazetteer.get(phrase(lower, s.first, s.last))).unwrap_or(s.class);
    }
    let mut votes: HashKeyMap<[u32; CLASSES]> = HashKeyMap::default();
    for s in spans.iter() {
        if s.last - s.first <= MAX_PHRASE {
            votes.entry(phrase(lower, s.first, s.last)).or_default()[s.class] += 2;
        }
        if let Some((a, b)) = family_name(text, tokens, s) {
            // The family name of someone the article names in full is that
            // person, whatever the tagger said about the lone word.
            votes.entry(phrase(lower, a, b)).or_default()[PERSON] += SURNAME_VOTE;
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
                let h = phrase(lower, i, end);
                majority(h)
                    .or_else(|| listed_org(gazetteer.get(h), tokens[i].text(text), len))
                    .map(|c| Span {
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

/// The type a name has whatever its context: a listed organization
/// (`NATO`, `Twitter`), country or region (`Soviet Union`), unless it is also
/// a personal name. Cities are left to the tagger: too many are also people
/// (`Sydney`, `Florence`).
fn listed_class(bits: u16) -> Option<usize> {
    let personal = Category::FirstName as u16 | Category::Surname as u16;
    if bits & personal != 0 {
        None
    } else if bits & Category::KnownOrg as u16 != 0 {
        Some(ORG)
    } else if bits & (Category::Country as u16 | Category::Region as u16) != 0 {
        Some(LOC)
    } else {
        None
    }
}

/// `Arabs`, `Polaroids`: a plural of a dictionary word that is not itself a
/// known surname (`Williams`, `Gates`).
fn plural_noun(gazetteer: &Gazetteer, w: &str) -> bool {
    let Some(stem) = w.strip_suffix('s') else {
        return false;
    };
    let dictionary = Category::CommonWord as u16 | Category::ProperNoun as u16;
    stem.len() >= 3
        && !stem.ends_with(['s', 'u', 'i'])
        && gazetteer.word(w) & (Category::Surname as u16 | Category::FirstName as u16) == 0
        && gazetteer.word(stem) & dictionary != 0
}

/// ORG for an untagged occurrence of a listed organization (`Reuters`);
/// short one-word entries count only in capitals (`WHO`, not `Who`).
fn listed_org(bits: u16, first_word: &str, len: usize) -> Option<usize> {
    let short = len == 1 && first_word.chars().count() <= 4;
    let cased = !short || !first_word.chars().any(char::is_lowercase);
    (cased && listed_class(bits) == Some(ORG)).then_some(ORG)
}

/// Token range of the family name of a multi-word person name: its last
/// word, or its first when the last word is a hyphenated given name
/// (`Kim` in `Kim Jong-un`).
fn family_name(text: &str, tokens: &[Token], s: &Span) -> Option<(usize, usize)> {
    if s.class != PERSON || s.last - s.first < 2 {
        return None;
    }
    // The last word starts after the last token that is not glued to its predecessor.
    let start = (s.first + 1..s.last).rev().find(|&k| !tokens[k].glued)?;
    let hyphenated = (start..s.last).any(|k| tokens[k].text(text) == "-");
    let (a, b) = if hyphenated {
        (s.first, s.first + 1)
    } else {
        (start, s.last)
    };
    is_word(tokens[a].text(text)).then_some((a, b))
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
