//! Where a name starts and ends: the tagger's spans extended over the parts
//! it tends to cut off and trimmed of what the conventions leave outside.

use super::consistency::listed_class;
use super::{is_acronym, is_word, phrase, starts_upper, Span, LOC, ORG, PERSON};
use crate::extract::gazetteer::{extend_phrase, Category, Gazetteer, EMPTY_PHRASE, MAX_PHRASE};
use crate::extract::hash::hash_lower;
use crate::extract::tokenize::Token;

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
pub(super) const PARTICLES: &[&str] = &[
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
pub(super) fn is_initial(w: &str) -> bool {
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
        let tail = COMPOUND_TAILS.contains(&p.to_lowercase().as_str());
        // `Organisation for Economic Co-operation`: a short capitalised
        // prefix before the hyphen is half of one word.
        let stem = tokens[if dangling { s.last - 2 } else { s.last - 1 }].text(text);
        let prefix = starts_upper(stem) && stem.chars().count() <= 3;
        let joins = p.chars().all(char::is_alphabetic)
            && (starts_upper(p)
                || (!tail && s.class == PERSON && p.chars().count() <= 6)
                || (!tail && s.class != PERSON && prefix));
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

/// Splits a name at a bracket that the name does not close
/// (`World Health Organization (WHO`): a name holds balanced brackets or
/// none, so an unclosed one ends it and what follows is a name of its own
/// (the acronym that the article's canonical names then link to it).
pub fn split_at_open_brackets(text: &str, tokens: &[Token], spans: &mut Vec<Span>) {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        let mut first = s.first;
        let mut depth = 0usize;
        for k in s.first..s.last {
            match tokens[k].text(text) {
                "(" | "[" => {
                    let closed = tokens[k + 1..s.last]
                        .iter()
                        .any(|t| matches!(t.text(text), ")" | "]"));
                    if closed {
                        depth += 1;
                        continue;
                    }
                }
                ")" | "]" if depth > 0 => {
                    depth -= 1;
                    continue;
                }
                ")" | "]" => {}
                _ => continue,
            }
            out.push(Span {
                first,
                last: k,
                ..s
            });
            first = k + 1;
        }
        out.push(Span { first, ..s });
    }
    out.retain(|s| s.first < s.last);
    *spans = out;
}

/// Applies the boundary conventions: drops a leading `the`, leading titles and
/// honorifics of persons, and leading/trailing punctuation and possessives.
pub fn trim(text: &str, tokens: &[Token], gazetteer: &Gazetteer, spans: &mut Vec<Span>) {
    spans.retain_mut(|s| {
        while s.first < s.last {
            let w = tokens[s.first].text(text);
            let bits = gazetteer.word(w);
            // `Dean Kamen`: a title word that is also a given name stays,
            // and so does one a place follows (`Duchess of Cambridge`): the
            // title is then the name.
            let title = s.class == PERSON
                && bits & Category::Title as u16 != 0
                && bits & Category::FirstName as u16 == 0
                && s.last - s.first > 1
                && tokens[s.first + 1].text(text) != "of";
            if w.eq_ignore_ascii_case("the") || title || !is_word(w) {
                s.first += 1;
            } else {
                break;
            }
        }
        while s.last > s.first && !is_word(tokens[s.last - 1].text(text)) {
            s.last -= 1;
        }
        // `NASA Administrator`, `Acme CEO`: a title after an organization's
        // name is the person's, not the organization's; `Korea Chair` is a
        // title altogether.
        let before_titles = s.last;
        while s.class == ORG && s.last - s.first > 1 {
            let bits = gazetteer.word(tokens[s.last - 1].text(text));
            let inner_link = tokens[s.first..s.last]
                .iter()
                .any(|t| matches!(t.text(text), "of" | "for" | "on"));
            if bits & Category::Title as u16 != 0
                && bits & Category::OrgCue as u16 == 0
                && !inner_link
            {
                s.last -= 1;
            } else {
                break;
            }
        }
        // `Ahmed Mohamed Image: ...`: a dictionary word before a colon is a label.
        let label = |k: usize| {
            tokens.get(k).is_some_and(|t| t.text(text) == ":")
                && gazetteer.word(tokens[k - 1].text(text)) & Category::CommonWord as u16 != 0
        };
        if s.last - s.first > 1 && label(s.last) {
            s.last -= 1;
        }
        let place = |s: &Span| {
            let h = tokens[s.first..s.last].iter().fold(EMPTY_PHRASE, |h, t| {
                extend_phrase(h, hash_lower(t.text(text)))
            });
            gazetteer.get(h) & Category::PLACES != 0
        };
        let job_title = s.last < before_titles && place(s);
        !job_title
            && s.first < s.last
            && tokens[s.first..s.last]
                .iter()
                .any(|t| starts_upper(t.text(text)))
    });
}

/// `Senator from Vermont Jane Doe`: a name that opens with a listed place
/// (not itself a given name) followed by a given name and more of a name is
/// the place and a person, not one organization or place that swallows the person.
pub fn split_place_from_person(
    text: &str,
    tokens: &[Token],
    gazetteer: &Gazetteer,
    spans: &mut Vec<Span>,
) {
    let bits = |k: usize| gazetteer.word(tokens[k].text(text));
    let mut out = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        let place_len = (1..=3.min(s.last - s.first)).rev().find(|&n| {
            let h = tokens[s.first..s.first + n]
                .iter()
                .fold(EMPTY_PHRASE, |h, t| {
                    extend_phrase(h, hash_lower(t.text(text)))
                });
            let b = gazetteer.get(h);
            b & Category::PLACES != 0 && b & Category::FirstName as u16 == 0
        });
        let split = place_len.filter(|&n| {
            let given = s.first + n;
            given + 1 < s.last
                && bits(given) & Category::FirstName as u16 != 0
                && bits(given) & Category::PLACES == 0
                && tokens[given..s.last]
                    .iter()
                    .all(|t| starts_upper(t.text(text)))
        });
        match split {
            Some(n) => {
                out.push(Span {
                    first: s.first,
                    last: s.first + n,
                    class: LOC,
                });
                out.push(Span {
                    first: s.first + n,
                    last: s.last,
                    class: PERSON,
                });
            }
            None => out.push(s),
        }
    }
    *spans = out;
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
            // The cheap tests first: the gazetteer is asked about few tokens.
            !covered[k]
                && link(k + 1)
                && cue_class(k) == Some(ORG)
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
            let mut span = Span { first, last, class };
            // The joined name's last word may be half of a hyphenated one
            // (`Organisation for Economic Co-operation`), as a tagged name's.
            while let Some(last) = extension(text, tokens, &span) {
                span.last = last;
            }
            joined.push(span);
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

/// `Democratic People's Republic of Korea`, `People's Liberation Army`: a
/// name opening with `People's` keeps it, and the capitalised words before
/// it; the tokenizer splits the possessive off and the tagger often stops there.
pub fn join_peoples(text: &str, tokens: &[Token], spans: &mut Vec<Span>) {
    let word = |k: usize| tokens[k].text(text);
    let cap = |k: usize| starts_upper(word(k)) && is_word(word(k));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for mut s in spans.drain(..) {
        let possessive = s.first >= 2
            && matches!(word(s.first - 1), "'s" | "’s")
            && word(s.first - 2) == "People"
            && !tokens[s.first].sentence_start;
        if possessive {
            s.first -= 2;
            while s.first > 0 && !tokens[s.first].sentence_start && cap(s.first - 1) {
                s.first -= 1;
            }
            while out.last().is_some_and(|p| p.last > s.first) {
                let p = out.pop().expect("checked");
                s.first = s.first.min(p.first);
            }
        }
        out.push(s);
    }
    *spans = out;
}

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

/// `Bosnia and Herzegovina`, `Trinidad and Tobago`: a listed country or
/// region whose name joins words with `and` is one place, where the tagger
/// took its first word for a name and the rest for another place or for
/// nothing.
pub fn join_listed_places(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    spans: &mut Vec<Span>,
) {
    spans.sort_by_key(|s| s.first);
    let mut joined = Vec::with_capacity(spans.len());
    let mut k = 0;
    while k < spans.len() {
        let s = spans[k];
        let later = &spans[k + 1..];
        let place_end = (s.last + 2..=tokens.len().min(s.first + MAX_PHRASE))
            .rev()
            .find(|&end| {
                tokens[s.last..end - 1]
                    .iter()
                    .any(|t| matches!(t.text(text), "and" | "&"))
                    && listed_class(gazetteer.get(phrase(lower, s.first, end))) == Some(LOC)
                    && later
                        .iter()
                        .take_while(|o| o.first < end)
                        .all(|o| o.last <= end && o.class == LOC)
            });
        k += 1;
        match place_end {
            Some(end) => {
                k += later.iter().take_while(|o| o.first < end).count();
                joined.push(Span {
                    first: s.first,
                    last: end,
                    class: LOC,
                });
            }
            None => joined.push(s),
        }
    }
    *spans = joined;
}

/// Organization head words whose `of`/`for` names a field of work
/// (`Department of Housing`), so that a field joined by `and` continues the
/// name; not those whose `of` names a place or an owner (`University of
/// Miami and …`, `Party of Canada and …`).
const FIELD_HEADS: &[&str] = &[
    "Academy",
    "Agency",
    "Alliance",
    "Association",
    "Authority",
    "Board",
    "Bureau",
    "Center",
    "Centre",
    "Commission",
    "Committee",
    "Council",
    "Department",
    "Federation",
    "Foundation",
    "Institute",
    "Institution",
    "Ministry",
    "Office",
    "Organisation",
    "Organization",
    "Program",
    "Programme",
    "School",
    "Service",
    "Services",
    "Society",
];

/// Most words of a field joined by `and` (`Human Services`).
const MAX_FIELD_WORDS: usize = 4;

/// `Department of Housing and Urban Development`, `Search and Rescue
/// Agency`: an organization named with `and`, where the tagger ended the
/// name before it or began it after it. The words across `and` join when no
/// other name holds them and they are capitalised dictionary words (no
/// given name, place, listed organization or acronym, nor one organization
/// word: `… and Urban Development`, not `… and NASA`, `… and Congress`),
/// after a field head and `of`/`for` or before a name ending in an
/// organization word; or when a listed place follows `of`/`for` and a
/// listed place (`Charity Commission for England and Wales`).
pub fn join_named_with_and(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    spans: &mut Vec<Span>,
) {
    let word = |k: usize| tokens[k].text(text);
    let named = |k: usize| {
        let w = word(k);
        starts_upper(w) && is_word(w) && !tokens[k].sentence_start
    };
    let not_a_name = Category::FirstName as u16
        | Category::KnownOrg as u16
        | Category::Country as u16
        | Category::City as u16
        | Category::Region as u16;
    let field_word = |k: usize| {
        let bits = gazetteer.word(word(k));
        named(k)
            && bits & Category::CommonWord as u16 != 0
            && bits & not_a_name == 0
            && !is_acronym(word(k))
    };
    let place = Category::Country as u16 | Category::City as u16 | Category::Region as u16;
    let listed_place =
        |first: usize, last: usize| gazetteer.get(phrase(lower, first, last)) & place != 0;
    let is_and = |k: usize| word(k) == "and" && !tokens[k].sentence_start;
    spans.sort_by_key(|s| s.first);
    // Built anew rather than edited in place: a long article of such names
    // would otherwise move the rest of the list at every join.
    let mut joined: Vec<Span> = Vec::with_capacity(spans.len());
    let mut k = 0;
    while k < spans.len() {
        let mut s = spans[k];
        k += 1;
        if s.class != ORG {
            joined.push(s);
            continue;
        }
        // After: a field head, `of`/`for`, capitalised words, `and`, the field.
        // The head is looked for only in a name that `and` follows.
        let followed_by_and = s.last + 1 < tokens.len() && is_and(s.last);
        let head = followed_by_and
            .then(|| {
                (s.first..s.last.saturating_sub(2)).rev().find(|&j| {
                    matches!(word(j + 1), "of" | "for") && FIELD_HEADS.contains(&word(j))
                })
            })
            .flatten();
        let field_end = head.and_then(|j| {
            // Capitalised words, or the rest of one (`Economic Co-operation`).
            let object_named = (j + 2..s.last).all(|o| starts_upper(word(o)) || tokens[o].glued);
            let start = s.last + 1;
            let end = (start..tokens.len().min(start + MAX_FIELD_WORDS))
                .take_while(|&q| named(q))
                .last()?
                + 1;
            // One organization word is an organization of its own (`… and Congress`).
            let lone_org =
                end == start + 1 && gazetteer.word(word(start)) & Category::OrgCue as u16 != 0;
            let fields = (start..end).all(field_word) && !lone_org;
            let places = listed_place(s.last - 1, s.last) && listed_place(start, end);
            // Only names wholly inside the words joined, and no person, go.
            let clear = spans[k..]
                .iter()
                .take_while(|o| o.first < end)
                .all(|o| o.first >= start && o.last <= end && o.class != PERSON);
            (object_named && (fields || places) && clear).then_some(end)
        });
        if let Some(end) = field_end {
            k += spans[k..].iter().take_while(|o| o.first < end).count();
            s.last = end;
            joined.push(s);
            continue;
        }
        // Before: fields, `and`, a name of dictionary words ending in an organization word.
        let ends_in_org_word = s.last - s.first >= 2
            && gazetteer.word(word(s.last - 1)) & Category::OrgCue as u16 != 0;
        if ends_in_org_word && field_word(s.first) && s.first >= 2 && is_and(s.first - 1) {
            let and = s.first - 1;
            // Not into the name before.
            let free_from = joined.last().map_or(0, |before| before.last);
            let start = (free_from.max(and.saturating_sub(MAX_FIELD_WORDS))..and)
                .rev()
                .take_while(|&f| field_word(f))
                .last();
            if let Some(start) = start {
                s.first = start;
            }
        }
        joined.push(s);
    }
    *spans = joined;
}

/// Words an acronym's spelling passes over (`People for the Ethical
/// Treatment of Animals`, `Bolt, Beranek and Newman`).
const SPELLING_SKIPS: &[&str] = &["of", "for", "the", "and", "&", ","];

/// `Organisation for Economic Co-operation and Development (OECD)`, `People
/// for the Ethical Treatment of Animals (PETA)`: the words right before a
/// bracketed acronym whose initials spell it are one name, an organization,
/// where the tagger took a part of them for one and no other name crosses
/// their ends. Not a title before `of` and an organization (`Member of
/// Parliament (MP)`, `Fellow of the British Academy (FBA)`): a role.
pub fn join_spelled_acronyms(text: &str, tokens: &[Token], spans: &mut Vec<Span>) {
    let word = |k: usize| tokens[k].text(text);
    // Sorted, the names that meet a stretch of words are one run of them,
    // found by bisection: an article of acronyms is no quadratic work.
    spans.sort_by_key(|s| s.first);
    for k in 1..tokens.len().saturating_sub(1) {
        if !(word(k - 1) == "(" && word(k + 1) == ")" && is_acronym(word(k))) {
            continue;
        }
        let end = k - 1;
        let Some(first) = spelling_start(text, tokens, end, word(k)) else {
            continue;
        };
        let met =
            spans.partition_point(|s| s.last <= first)..spans.partition_point(|s| s.first < end);
        let meeting = &spans[met.clone()];
        let Some(named_from) = meeting
            .iter()
            .filter(|s| s.class == ORG)
            .map(|s| s.first)
            .min()
        else {
            continue;
        };
        let role = (first..named_from).any(|j| word(j).eq_ignore_ascii_case("of"));
        let crosses = meeting.iter().any(|s| s.first < first || s.last > end);
        let whole = meeting.len() == 1 && meeting[0].first == first && meeting[0].last == end;
        if role || crosses || whole {
            continue;
        }
        let joined = Span {
            first,
            last: end,
            class: ORG,
        };
        spans.splice(met, [joined]);
    }
}

/// The first token of the words that end before token `end` and whose
/// initials spell `acronym`, within one sentence; a hyphenated word
/// (`Co-operation`) counts once.
fn spelling_start(text: &str, tokens: &[Token], end: usize, acronym: &str) -> Option<usize> {
    let word = |k: usize| tokens[k].text(text);
    let mut start = end;
    for letter in acronym.chars().rev() {
        loop {
            let mut k = start.checked_sub(1)?;
            while k >= 2 && tokens[k].glued && word(k - 1) == "-" && tokens[k - 1].glued {
                k -= 2;
            }
            if tokens[k + 1..end].iter().any(|t| t.sentence_start) {
                return None;
            }
            start = k;
            let w = word(k);
            if SPELLING_SKIPS
                .iter()
                .any(|skip| skip.eq_ignore_ascii_case(w))
            {
                continue;
            }
            if w.starts_with(letter) {
                break;
            }
            return None;
        }
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokenize::tokenize;

    /// Where `join_name_parts` ends an organization tagged from `first` to `last` (words).
    fn joined_end(text: &str, first: &str, last: &str) -> (usize, usize) {
        let tokens = tokenize(text);
        let at = |w: &str| tokens.iter().position(|t| t.text(text) == w).unwrap();
        let mut spans = vec![Span {
            first: at(first),
            last: at(last) + 1,
            class: ORG,
        }];
        join_name_parts(text, &tokens, &mut spans);
        (spans[0].last, at(last) + 1)
    }

    #[test]
    fn a_short_capitalised_prefix_and_its_hyphenated_word_stay_one() {
        let text = "Figures of the Organisation for Economic Co-operation were late.";
        let (end, after_co) = joined_end(text, "Organisation", "Co");
        assert_eq!(end, after_co + 2, "`-operation` joins");
        // A compound tail stays outside (`Co-based` is no name).
        let (end, after_co) = joined_end("The Acme Co-based team won.", "Acme", "Co");
        assert_eq!(end, after_co);
    }

    /// The position of the token `word` of `text`.
    fn word_at(text: &str, tokens: &[Token], word: &str) -> usize {
        tokens.iter().position(|t| t.text(text) == word).unwrap()
    }

    /// An organization's span.
    fn org(first: usize, last: usize) -> Span {
        Span {
            first,
            last,
            class: ORG,
        }
    }

    #[test]
    fn a_name_ends_at_a_bracket_it_does_not_close() {
        let text = "The World Health Organization (WHO) and Acme (UK) Ltd met.";
        let tokens = tokenize(text);
        let at = |w: &str| word_at(text, &tokens, w);
        let mut spans = vec![
            org(at("World"), at("WHO") + 1),
            org(at("Acme"), at("Ltd") + 1),
        ];
        split_at_open_brackets(text, &tokens, &mut spans);
        assert_eq!(
            spans,
            vec![
                org(at("World"), at("Organization") + 1),
                org(at("WHO"), at("WHO") + 1),
                org(at("Acme"), at("Ltd") + 1),
            ]
        );
    }

    #[test]
    fn titles_after_an_organization_are_the_persons() {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::Title, "Administrator\nChair");
        gazetteer.add_list(Category::Country, "Korea");
        let text = "NASA Administrator Lena Brandt met the Korea Chair of the Lumen Institute.";
        let tokens = tokenize(text);
        let at = |w: &str| word_at(text, &tokens, w);
        let mut spans = vec![
            org(at("NASA"), at("Administrator") + 1),
            org(at("Korea"), at("Chair") + 1),
        ];
        trim(text, &tokens, &gazetteer, &mut spans);
        assert_eq!(spans, vec![org(at("NASA"), at("NASA") + 1)]);
    }

    #[test]
    fn a_listed_country_named_with_and_is_one_place() {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(
            Category::Country,
            "Bosnia and Herzegovina\nTrinidad and Tobago",
        );
        gazetteer.add_list(Category::FirstName, "Trinidad");
        let text =
            "Clubs of Bosnia and Herzegovina, Trinidad and Tobago and Bosnia and Acme Club met.";
        let tokens = tokenize(text);
        let lower: Vec<u64> = tokens.iter().map(|t| hash_lower(t.text(text))).collect();
        let at = |w: &str| word_at(text, &tokens, w);
        let place = |first: usize, last: usize| Span {
            first,
            last,
            class: LOC,
        };
        let person = |first: usize| Span {
            first,
            last: first + 1,
            class: PERSON,
        };
        let second_bosnia = tokens
            .iter()
            .rposition(|t| t.text(text) == "Bosnia")
            .unwrap();
        let mut spans = vec![
            place(at("Bosnia"), at("Bosnia") + 1),
            place(at("Herzegovina"), at("Herzegovina") + 1),
            person(at("Trinidad")),
            place(second_bosnia, second_bosnia + 1),
            org(at("Acme"), at("Club") + 1),
        ];
        join_listed_places(text, &tokens, &lower, &gazetteer, &mut spans);
        assert_eq!(
            spans,
            vec![
                place(at("Bosnia"), at("Herzegovina") + 1),
                place(at("Trinidad"), at("Tobago") + 1),
                place(second_bosnia, second_bosnia + 1),
                org(at("Acme"), at("Club") + 1),
            ]
        );
    }

    #[test]
    fn an_organization_named_with_and_is_joined_across_it() {
        let mut gazetteer = Gazetteer::default();
        let words = "urban\ndevelopment\nsearch\nrescue\nwales\ncongress\nmiami";
        gazetteer.add_list(Category::CommonWord, words);
        gazetteer.add_list(Category::OrgCue, "Agency\nCongress");
        gazetteer.add_list(Category::Country, "England\nWales");
        let text = "The Department of Housing and Urban Development, the Search and Rescue \
                    Agency, the Commission for England and Wales, the Department of Defense and \
                    NASA, the Office of Justice and Congress, the University of Miami and Wales.";
        let tokens = tokenize(text);
        let lower: Vec<u64> = tokens.iter().map(|t| hash_lower(t.text(text))).collect();
        let at = |w: &str| word_at(text, &tokens, w);
        let tagged = [
            ("Department", "Housing"),
            ("Urban", "Development"),
            ("Rescue", "Agency"),
            ("Commission", "England"),
            ("Wales", "Wales"),
            ("Defense", "Defense"),
            ("NASA", "NASA"),
            ("Office", "Justice"),
            ("Congress", "Congress"),
            ("University", "Miami"),
        ];
        let mut spans: Vec<Span> = tagged.iter().map(|(a, b)| org(at(a), at(b) + 1)).collect();
        // `Department of Defense` as one name.
        spans[5].first -= 2;
        let last_wales = tokens
            .iter()
            .rposition(|t| t.text(text) == "Wales")
            .unwrap();
        spans.push(org(last_wales, last_wales + 1));
        join_named_with_and(text, &tokens, &lower, &gazetteer, &mut spans);
        let names: Vec<&str> = spans
            .iter()
            .map(|s| &text[tokens[s.first].start as usize..tokens[s.last - 1].end as usize])
            .collect();
        assert_eq!(
            names,
            [
                "Department of Housing and Urban Development",
                "Search and Rescue Agency",
                "Commission for England and Wales",
                "Department of Defense",
                "NASA",
                "Office of Justice",
                "Congress",
                "University of Miami",
                "Wales",
            ]
        );
    }
}
