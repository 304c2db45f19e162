//! One type per name within an article, and every occurrence of a name found.

use super::boundaries::{is_initial, PARTICLES};
use super::types::is_demonym;
use super::{is_acronym, is_word, phrase, starts_upper, Span, LOC, MISC, ORG, PERSON};
use crate::extract::gazetteer::{Category, Gazetteer, MAX_PHRASE};
use crate::extract::hash::{hash_lower, HashKeyMap, HashKeySet};
use crate::extract::model::CLASSES;
use crate::extract::tokenize::Token;

/// Weight of a full person name's vote for its lone surname: more than any
/// number of tagger votes for another type in one article.
const SURNAME_VOTE: u64 = 1 << 16;

/// Weight of an article's own words on what a name is (`Mérida is a
/// city`): more than any number of surname votes.
const DEFINITION_VOTE: u64 = 1 << 32;

/// Makes types and coverage consistent within the document.
///
/// A listed organization, country or region takes its listed type. Every
/// distinct name (case-insensitive) takes the majority type of its
/// tagged mentions, and the surname of a tagged full person name is a person,
/// a name the article defines as a town (`Coron is a town`) or names after
/// one (`the town of Coron`) or puts something in it (`grows in Coron`) a
/// place, and a
/// name after a company word (`flag carrier Aeroflot`) an organization, a
/// listed city followed by its country (`Paris, France`) a place. Then
/// capitalised, untagged occurrences of any known name, listed
/// organization, country or region are tagged too, longest first, except
/// a name only the tagger called an organization: an untagged word becomes
/// one only as a company's short name (`Lumora` after `Lumora Systems
/// Inc.`) or from the lists.
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
    // Nor is a word the article also writes capitalised in the plural
    // (`Polaroid` beside `Polaroids`, `Oscar` beside `Oscars`): people's
    // names are not counted, things' names are.
    let plurals: HashKeySet = tokens
        .iter()
        .map(|t| t.text(text))
        .filter(|w| starts_upper(w) && w.len() > 3 && w.ends_with('s'))
        .map(hash_lower)
        .collect();
    let pluralised = |w: &str| !w.ends_with('s') && plurals.contains(&hash_lower(&format!("{w}s")));
    // `Neandertals` beside `Neandertal`: a kind of thing or people. The
    // article's capitalised words are gathered only if a word asks.
    let capitalised = std::cell::OnceCell::new();
    let singular_too = |w: &str| {
        w.strip_suffix('s').is_some_and(|singular| {
            let words: &HashKeySet = capitalised.get_or_init(|| {
                tokens
                    .iter()
                    .zip(lower)
                    .filter(|(t, _)| starts_upper(t.text(text)))
                    .map(|(_, &l)| l)
                    .collect()
            });
            words.contains(&hash_lower(singular))
        })
    };
    let demonyms: HashKeySet = tokens
        .iter()
        .map(|t| t.text(text))
        .filter(|w| starts_upper(w) && w.ends_with("ian"))
        .map(hash_lower)
        .collect();
    for s in spans
        .iter_mut()
        .filter(|s| s.class == PERSON && s.last - s.first == 1)
    {
        let w = tokens[s.first].text(text);
        let bits = gazetteer.word(w);
        if bits & Category::NonName as u16 != 0 || plural_noun(gazetteer, w) || pluralised(w) {
            s.class = MISC;
        } else if bits & Category::City as u16 != 0
            && bits & (Category::FirstName as u16 | Category::Surname as u16) == 0
        {
            // A lone city name that is nobody's name is the city.
            s.class = LOC;
        } else if has_demonym(w, &demonyms)
            && bits & (Category::FirstName as u16 | Category::Surname as u16) == 0
        {
            // `Veskaria` beside `Veskarian`: a country the article names
            // its people or things after.
            s.class = LOC;
        }
    }
    for s in spans
        .iter_mut()
        .filter(|s| s.last - s.first <= MAX_PHRASE && s.class != MISC)
    {
        s.class = listed_class(gazetteer.get(phrase(lower, s.first, s.last))).unwrap_or(s.class);
    }
    let mut votes: HashKeyMap<[u64; CLASSES]> = HashKeyMap::default();
    for s in spans.iter() {
        if s.last - s.first <= MAX_PHRASE {
            votes.entry(phrase(lower, s.first, s.last)).or_default()[s.class] += 2;
        }
        if let Some((a, b)) = family_name(text, tokens, gazetteer, s) {
            // The family name of someone the article names in full is that
            // person, whatever the tagger said about the lone word, and so
            // is it with the particles before it (`La Riva` of `Gloria La
            // Riva`, `bin Laden`), which the tagger takes for a place or
            // an organization.
            votes.entry(phrase(lower, a, b)).or_default()[PERSON] += SURNAME_VOTE;
            let particles = (s.first + 1..a)
                .rev()
                .take_while(|&k| is_particle(tokens[k].text(text)))
                .last();
            if let Some(first) = particles {
                votes.entry(phrase(lower, first, b)).or_default()[PERSON] += SURNAME_VOTE;
            }
        }
        if s.class != MISC && (defined_as_place(text, tokens, s) || named_as_place(text, tokens, s))
        {
            // `Mérida is a city ...`, `the city of Mérida`: the article
            // says what the name is, which outweighs the tagger's guess
            // that it ends a person's name (`Progressive Mérida`).
            votes.entry(phrase(lower, s.first, s.last)).or_default()[LOC] += DEFINITION_VOTE;
        }
        if s.class != MISC && city_of_a_country(text, tokens, lower, gazetteer, s) {
            // `Born 1928 Paris, France`: a listed city the article places
            // in a country, though the city is also a given name the
            // tagger took it for.
            votes.entry(phrase(lower, s.first, s.last)).or_default()[LOC] += DEFINITION_VOTE;
        }
        if s.class != MISC && introduced_as_company(text, tokens, s) {
            // `German company Züblin`, `flag carrier Aeroflot`: a company,
            // though the tagger may take the name for a person's (not a
            // name the rules found to be a thing: `aircraft carrier Nimitz`).
            votes.entry(phrase(lower, s.first, s.last)).or_default()[ORG] += SURNAME_VOTE / 2;
        }
        if let Some((a, b)) = organization_stem(text, tokens, lower, gazetteer, s) {
            // `Lumora` after `Lumora Systems Inc.`: the company's short name,
            // unless someone is also named so in full.
            votes.entry(phrase(lower, a, b)).or_default()[ORG] += SURNAME_VOTE / 2;
        }
    }
    for h in locative_names(text, tokens, lower, gazetteer, |w| {
        pluralised(w) || singular_too(w)
    }) {
        // `the tree grows in Socotra`: a name the article puts something
        // in is a place, though the tagger took its other occurrences
        // (`Socotra is ...`) for a person's; not when the article also
        // names someone with it in full (a surname vote is more), nor a
        // name only ever tagged an organization (`in Congress`).
        if let Some(v) = votes
            .get_mut(&h)
            .filter(|v| v[ORG] == 0 && v[PERSON] + v[LOC] > 0)
        {
            v[LOC] += SURNAME_VOTE / 2;
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
                    // The tagger is least sure of organizations: carrying its
                    // word to untagged occurrences multiplied its mistakes
                    // (held-out folds: organizations +0.4 to +1.3 points on
                    // the news-like sets, people and places unchanged). A
                    // company's short name after its full name still counts.
                    .filter(|&c| c != ORG || votes[&h][ORG] >= SURNAME_VOTE / 2)
                    .or_else(|| listed_name(gazetteer.get(h), tokens[i].text(text), len))
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
pub(super) fn listed_class(bits: u16) -> Option<usize> {
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

/// The type of an untagged occurrence of a listed organization (`Reuters`)
/// or country or region (`DPRK`); short one-word entries count only in
/// capitals (`WHO`, not `Who`).
fn listed_name(bits: u16, first_word: &str, len: usize) -> Option<usize> {
    let short = len == 1 && first_word.chars().count() <= 4;
    let cased = !short || !first_word.chars().any(char::is_lowercase);
    listed_class(bits).filter(|_| cased)
}

/// Token range of the family name of a multi-word person name: its last
/// word, or its first when the last word is a hyphenated given name
/// (`Kim` in `Kim Jong-un`). A listed country or region that no listed
/// family names is none: the tagger's person `Garuda Indonesia` (an
/// airline) does not make every `Indonesia` of the article a person; nor is
/// a title (the tagger's person `Postmaster General` does not make every
/// `General` one).
fn family_name(
    text: &str,
    tokens: &[Token],
    gazetteer: &Gazetteer,
    s: &Span,
) -> Option<(usize, usize)> {
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
    let word = tokens[a].text(text);
    let bits = gazetteer.word(word);
    let named = bits & (Category::FirstName as u16 | Category::Surname as u16) != 0;
    let place = bits & (Category::Country as u16 | Category::Region as u16) != 0 && !named;
    let title = bits & Category::Title as u16 != 0 && !named;
    (is_word(word) && !place && !title).then_some((a, b))
}

/// `Paris, France`, `Athens, Georgia`: the name `s` is a listed city and a
/// comma and a listed country or region follow it (not its possessive:
/// `Paris, France's capital`).
fn city_of_a_country(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    s: &Span,
) -> bool {
    let country = Category::Country as u16 | Category::Region as u16;
    let city = s.last - s.first <= MAX_PHRASE
        && gazetteer.get(phrase(lower, s.first, s.last)) & Category::City as u16 != 0;
    if !city || tokens.get(s.last).is_none_or(|t| t.text(text) != ",") {
        return false;
    }
    let start = s.last + 1;
    (1..=MAX_PHRASE.min(tokens.len().saturating_sub(start))).any(|len| {
        let end = start + len;
        starts_upper(tokens[start].text(text))
            && gazetteer.get(phrase(lower, start, end)) & country != 0
            && tokens
                .get(end)
                .is_none_or(|t| !matches!(t.text(text), "'s" | "’s" | "'" | "’"))
    })
}

/// Prepositions after which a name is a place (`in`, `near`), not a
/// person's (in the seven gold training files `in` came before about 1,900
/// places and 50 people, most of those before a possessive or in the name
/// of a court case).
const LOCATIVES: &[&str] = &["in", "near", "throughout"];

/// What may follow a place name after a locative preposition: the end of a
/// clause or a word that begins another phrase (`in Olympia from 776 BCE`),
/// not a noun the name qualifies (`in Spanish art`, `in Conan stories`),
/// a possessive (`in Tolstoy's War and Peace`) or a second party
/// (`in Brown against the United States`, `in Moran and Pyle`).
const AFTER_LOCATIVE_NAME: &[&str] = &[
    ",", ".", ";", ":", "!", "?", "—", "–", "after", "at", "before", "during", "for", "from", "in",
    "is", "last", "on", "since", "that", "this", "to", "until", "was", "where", "which", "with",
];

/// The names that follow a locative preposition (`in Socotra`, `near
/// Azov`): each capitalised run after one that could be a place — not an
/// acronym (`in DH`, a field), not a word the article also writes in the
/// plural or singular (`in Neandertals`), not a lone given name or surname
/// that is no listed place (`the change in Sarah`), not a given name and
/// more (`drove in Daniel Nava`) — and that ends its phrase.
fn locative_names(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    pluralised: impl Fn(&str) -> bool,
) -> HashKeySet {
    let word = |k: usize| tokens.get(k).map(|t| t.text(text));
    let locative = |w: &str| LOCATIVES.iter().any(|l| l.eq_ignore_ascii_case(w));
    let mut names = HashKeySet::default();
    for (i, pair) in tokens.windows(2).enumerate() {
        let (first, start) = (pair[1].text(text), i + 1);
        if !locative(pair[0].text(text)) || !starts_upper(first) || is_acronym(first) {
            continue;
        }
        let end = (start..tokens.len().min(start + MAX_PHRASE))
            .take_while(|&k| starts_upper(tokens[k].text(text)))
            .last()
            .map_or(start, |k| k + 1);
        let single = end - start == 1;
        let bits = gazetteer.word(first);
        let given_name = bits & Category::FirstName as u16 != 0;
        let personal = bits & (Category::FirstName as u16 | Category::Surname as u16) != 0
            && bits & Category::PLACES == 0;
        let ends_phrase = word(end).is_none_or(|w| AFTER_LOCATIVE_NAME.contains(&w));
        if ends_phrase && (single || !given_name) && !(single && (personal || pluralised(first))) {
            names.insert(phrase(lower, start, end));
        }
    }
    names
}

/// Nouns of places that an article may define a name as (`Coron is a town`).
const PLACE_NOUNS: &[&str] = &[
    "archipelago",
    "borough",
    "capital",
    "city",
    "commune",
    "country",
    "county",
    "district",
    "hamlet",
    "island",
    "lake",
    "municipality",
    "neighborhood",
    "neighbourhood",
    "peninsula",
    "province",
    "region",
    "river",
    "settlement",
    "suburb",
    "town",
    "valley",
    "village",
    "volcano",
];

/// Lowercase words that may follow a place noun that ends its phrase (`a
/// town in`, `a village that`), beside words ending in `ed` (`a city
/// located`): after any other, the noun says what someone does (`a city
/// councillor`, `a county commissioner`).
const AFTER_PLACE_NOUN: &[&str] = &[
    "about", "and", "at", "between", "but", "by", "east", "from", "in", "just", "near", "north",
    "of", "on", "south", "that", "to", "west", "where", "which", "whose", "with",
];

/// `Mérida is a city`, `Bajjat was a district of ...`: the name `s` followed
/// by `is`/`was`, `a`/`an`, at most two words and a place noun that ends its
/// phrase. No one is a town (on the held-out folds this retyped four names,
/// all places).
fn defined_as_place(text: &str, tokens: &[Token], s: &Span) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| t.text(text));
    let ends_phrase = |next: Option<&str>| {
        next.is_none_or(|w| {
            if w.starts_with(['\'', '’']) {
                return false;
            }
            !w.starts_with(char::is_lowercase) || w.ends_with("ed") || AFTER_PLACE_NOUN.contains(&w)
        })
    };
    matches!(word(s.last), Some("is" | "was"))
        && matches!(word(s.last + 1), Some("a" | "an"))
        && (s.last + 2..s.last + 5)
            .any(|k| word(k).is_some_and(|w| PLACE_NOUNS.contains(&w)) && ends_phrase(word(k + 1)))
}

/// `the town of Bridgton`, `the province of Palawan`: a place noun and `of`
/// right before the name `s` (not `capital`: `the stock capital of Apple`).
/// On the held-out folds this retyped 22 names, all places (one the first
/// word of a longer place name).
fn named_as_place(text: &str, tokens: &[Token], s: &Span) -> bool {
    let word = |k: Option<usize>| k.map(|k| tokens[k].text(text));
    word(s.first.checked_sub(1)) == Some("of")
        && word(s.first.checked_sub(2)).is_some_and(|w| w != "capital" && PLACE_NOUNS.contains(&w))
}

/// Words that introduce a company's name. Not `publisher`, `rival`, `giant`,
/// `operator` or `maker`, which introduce people too (`publisher William
/// Randolph Hearst`, `basketball giant`, `film maker`).
const COMPANY_WORDS: &[&str] = &[
    "agency",
    "airline",
    "automaker",
    "band",
    "bank",
    "brand",
    "broadcaster",
    "carmaker",
    "carrier",
    "companies",
    "company",
    "firm",
    "firms",
    "insurer",
    "lender",
    "manufacturer",
    "retailer",
];

/// Whether a company word comes right before the name `s`, or a lowercase
/// one before it set off by commas (`low-cost airline, Ryanair, said`; not
/// `The Rocket Record Company, Kiki Dee,`, where the word ends a name), or
/// ends the short appositive after it (`UpGuard, a cybersecurity firm,`;
/// not `Ode, a spokeswoman for the firm,` nor `Ode, a company director`),
/// or ends what the article says it is (`Crazyhead are an English punk
/// band`). Not a name that opens with an initial.
fn introduced_as_company(text: &str, tokens: &[Token], s: &Span) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| t.text(text));
    // `transport chain, E. Prodan,`: an initial opens a person's name.
    if is_initial(tokens[s.first].text(text)) {
        return false;
    }
    let company = |w: &str| COMPANY_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w));
    let lowercase_company = |k: usize| word(k).is_some_and(|w| COMPANY_WORDS.contains(&w));
    let set_off = s.first >= 2
        && word(s.first - 1) == Some(",")
        && word(s.last) == Some(",")
        && lowercase_company(s.first - 2);
    let described = matches!(word(s.last), Some("," | "is" | "was" | "are"))
        && matches!(word(s.last + 1), Some("a" | "an"))
        && (s.last + 2..s.last + 2 + MAX_APPOSITIVE_WORDS)
            .take_while(|&k| word(k).is_some_and(|w| is_word(w) && !APPOSITIVE_STOPS.contains(&w)))
            .find(|&k| lowercase_company(k))
            .is_some_and(|k| {
                word(k + 1).is_none_or(|w| matches!(w, "," | "." | ";" | ")" | "that" | "which"))
            });
    set_off || described || s.first.checked_sub(1).and_then(word).is_some_and(company)
}

/// Most words of an appositive that says what a company is (`a Canadian
/// automobile parts company`).
const MAX_APPOSITIVE_WORDS: usize = 5;

/// Words that end such an appositive's description before a company word
/// (`a spokeswoman for the firm`, `a lawyer at the firm`).
const APPOSITIVE_STOPS: &[&str] = &[
    "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "who", "with",
];

/// A name particle in any case (`van`, `La`, `bin`), which begins a family name.
fn is_particle(word: &str) -> bool {
    PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// `Veskaria` when the document also writes `Veskarian`.
fn has_demonym(w: &str, demonyms: &HashKeySet) -> bool {
    w.ends_with("ia") && demonyms.contains(&hash_lower(&format!("{w}n")))
}

/// Token range of the short name of a company named with trailing
/// organization words (`Lumora` in `Lumora Systems Inc.`), when that short
/// name is not also a place, a personal name (`Boston` in `Boston University`)
/// or a place's people (`European` in `European Commission`).
fn organization_stem(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    s: &Span,
) -> Option<(usize, usize)> {
    if s.class != ORG {
        return None;
    }
    let cue = |k: usize| {
        let w = tokens[k].text(text);
        starts_upper(w) && gazetteer.word(w) & Category::OrgCue as u16 != 0 || w == "."
    };
    let mut end = s.last;
    while end > s.first + 1 && cue(end - 1) {
        end -= 1;
    }
    let other = Category::PLACES
        | Category::FirstName as u16
        | Category::Surname as u16
        | Category::CommonWord as u16;
    let stem_words = &tokens[s.first..end];
    let plain = stem_words
        .iter()
        .all(|t| is_word(t.text(text)) && gazetteer.word(t.text(text)) & other == 0);
    // `European` of `European Commission` names a continent's people, not the commission.
    let demonym = || {
        is_demonym(
            phrase(lower, s.first, end - 1),
            tokens[end - 1].text(text),
            gazetteer,
        )
    };
    (end < s.last && end - s.first <= 2 && plain && !demonym()).then_some((s.first, end))
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
    use crate::extract::tokenize::tokenize;

    /// The names and classes `harmonise` leaves in `text` when the tagger
    /// found `tagged`: each a phrase, which of its occurrences (from 0) and
    /// its class.
    fn harmonised<'t>(
        text: &'t str,
        gazetteer: &Gazetteer,
        tagged: &[(&str, usize, usize)],
    ) -> Vec<(&'t str, usize)> {
        let tokens = tokenize(text);
        let lower: Vec<u64> = tokens.iter().map(|t| hash_lower(t.text(text))).collect();
        let mut spans: Vec<Span> = tagged
            .iter()
            .map(|&(name, nth, class)| {
                let words: Vec<&str> = tokenize(name).iter().map(|t| t.text(name)).collect();
                let first = (0..tokens.len())
                    .filter(|&k| {
                        tokens[k..]
                            .iter()
                            .map(|t| t.text(text))
                            .take(words.len())
                            .eq(words.iter().copied())
                    })
                    .nth(nth)
                    .unwrap();
                Span {
                    first,
                    last: first + words.len(),
                    class,
                }
            })
            .collect();
        harmonise(text, &tokens, &lower, gazetteer, &mut spans);
        spans
            .iter()
            .map(|s| {
                let (a, b) = (
                    tokens[s.first].start as usize,
                    tokens[s.last - 1].end as usize,
                );
                (&text[a..b], s.class)
            })
            .collect()
    }

    #[test]
    fn untagged_occurrences_take_a_persons_or_a_companys_full_name_but_not_the_taggers_guess() {
        let text = "Ana Ruiz met Brennik staff. Lumora Systems Inc. said so. \
                    Later Ruiz left. Brennik agreed. Lumora grew.";
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::OrgCue, "Systems\nInc.");
        let tagged = [
            ("Ana Ruiz", 0, PERSON),
            ("Brennik", 0, ORG),
            ("Lumora Systems Inc.", 0, ORG),
        ];
        assert_eq!(
            harmonised(text, &gazetteer, &tagged),
            vec![
                ("Ana Ruiz", PERSON),
                ("Brennik", ORG),
                ("Lumora Systems Inc.", ORG),
                ("Ruiz", PERSON),
                ("Lumora", ORG),
            ]
        );
    }

    #[test]
    fn a_title_ending_a_taggers_person_is_no_family_name() {
        let text = "Osgood became Postmaster General. Major General Ward came, \
                    and Sam Ward left.";
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::Title, "General\nMajor");
        let tagged = [("Postmaster General", 0, PERSON), ("Sam Ward", 0, PERSON)];
        assert_eq!(
            harmonised(text, &gazetteer, &tagged),
            vec![
                ("Postmaster General", PERSON),
                ("Ward", PERSON),
                ("Sam Ward", PERSON),
            ]
        );
    }

    #[test]
    fn a_name_set_off_after_a_lowercase_company_word_is_a_company() {
        let text = "The airline, Ryanair, said so. Ryanair grew. \
                    The Rocket Record Company, Kiki Dee, sang.";
        let tagged = [
            ("Ryanair", 0, PERSON),
            ("Ryanair", 1, PERSON),
            ("Rocket Record Company", 0, ORG),
            ("Kiki Dee", 0, PERSON),
        ];
        assert_eq!(
            harmonised(text, &Gazetteer::default(), &tagged),
            vec![
                ("Ryanair", ORG),
                ("Ryanair", ORG),
                ("Rocket Record Company", ORG),
                ("Kiki Dee", PERSON),
            ]
        );
    }

    #[test]
    fn a_listed_city_followed_by_its_country_is_a_place_throughout() {
        let text = "Born 1928 Paris, France. She lived in Paris. \
                    Paris, France's capital, grew. Paris Holm, Chile, won.";
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::City, "Paris");
        gazetteer.add_list(Category::FirstName, "Paris");
        gazetteer.add_list(Category::Country, "France\nChile");
        let tagged = [
            ("Paris", 0, PERSON),
            ("France", 0, LOC),
            ("Paris", 1, PERSON),
            ("Paris Holm", 0, PERSON),
            ("Chile", 0, LOC),
        ];
        assert_eq!(
            harmonised(text, &gazetteer, &tagged),
            vec![
                ("Paris", LOC),
                ("France", LOC),
                ("Paris", LOC),
                ("Paris", LOC),
                ("France", LOC),
                ("Paris Holm", PERSON),
                ("Chile", LOC),
            ]
        );
        // Before a country's possessive the city is not placed in it.
        let text = "Paris, France's star, sang. Paris left.";
        let tagged = [("Paris", 0, PERSON), ("Paris", 1, PERSON)];
        assert_eq!(
            harmonised(text, &gazetteer, &tagged),
            vec![("Paris", PERSON), ("France", LOC), ("Paris", PERSON)]
        );
    }

    #[test]
    fn a_name_something_is_in_is_a_place_throughout() {
        let text = "Socotra is remote. The tree grows in Socotra, nowhere else. \
                    Sarah Holt came. The change in Sarah was clear. \
                    The Neandertal site was old. Tools were rare in Neandertals. \
                    It was set out in Moran and Pyle. Moran objected.";
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::FirstName, "Sarah");
        let tagged = [
            ("Socotra", 0, PERSON),
            ("Socotra", 1, PERSON),
            ("Sarah Holt", 0, PERSON),
            ("Sarah", 1, PERSON),
            ("Neandertals", 0, PERSON),
            ("Moran", 0, PERSON),
            ("Pyle", 0, PERSON),
            ("Moran", 1, PERSON),
        ];
        assert_eq!(
            harmonised(text, &gazetteer, &tagged),
            vec![
                ("Socotra", LOC),
                ("Socotra", LOC),
                ("Sarah Holt", PERSON),
                ("Sarah", PERSON),
                ("Neandertals", PERSON),
                ("Moran", PERSON),
                ("Pyle", PERSON),
                ("Moran", PERSON),
            ]
        );
    }

    #[test]
    fn a_listed_country_ending_a_taggers_person_is_no_family_name() {
        let text = "Garuda Indonesia flew. Indonesia agreed. Ana Jordan spoke. Jordan left.";
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::Country, "Indonesia\nJordan");
        gazetteer.add_list(Category::Surname, "Jordan");
        let tagged = [
            ("Garuda Indonesia", 0, PERSON),
            ("Indonesia", 1, LOC),
            ("Ana Jordan", 0, PERSON),
            ("Jordan", 1, LOC),
        ];
        assert_eq!(
            harmonised(text, &gazetteer, &tagged),
            vec![
                ("Garuda Indonesia", PERSON),
                ("Indonesia", LOC),
                ("Ana Jordan", PERSON),
                ("Jordan", PERSON),
            ]
        );
    }

    #[test]
    fn a_name_a_short_appositive_calls_a_company_is_a_company() {
        let text = "UpGuard, a cybersecurity firm, said so. UpGuard grew. \
                    Ana Ode, a spokeswoman for the firm, said. Ben Holm, a company director, left.";
        let tagged = [
            ("UpGuard", 0, PERSON),
            ("UpGuard", 1, PERSON),
            ("Ana Ode", 0, PERSON),
            ("Ben Holm", 0, PERSON),
        ];
        assert_eq!(
            harmonised(text, &Gazetteer::default(), &tagged),
            vec![
                ("UpGuard", ORG),
                ("UpGuard", ORG),
                ("Ana Ode", PERSON),
                ("Ben Holm", PERSON),
            ]
        );
    }

    #[test]
    fn a_name_the_article_calls_a_band_or_a_maker_is_an_organization() {
        let text = "Crazyhead are an English punk band. Crazyhead toured. \
                    The band Van Canto sang, and Botox manufacturer Allergan grew. \
                    The manufacturer, E. Prodan, wrote.";
        let tagged = [
            ("Crazyhead", 0, PERSON),
            ("Crazyhead", 1, PERSON),
            ("Van Canto", 0, PERSON),
            ("Allergan", 0, LOC),
            ("E. Prodan", 0, PERSON),
        ];
        let named = harmonised(text, &Gazetteer::default(), &tagged);
        let class_of = |name: &str| named.iter().find(|(n, _)| *n == name).map(|(_, c)| *c);
        assert_eq!(class_of("Crazyhead"), Some(ORG));
        assert_eq!(class_of("Van Canto"), Some(ORG));
        assert_eq!(class_of("Allergan"), Some(ORG));
        // An initial opens a person's name, whatever word is before it.
        assert_eq!(class_of("E. Prodan"), Some(PERSON));
    }

    #[test]
    fn a_places_people_are_no_short_name_of_an_organization() {
        let text = "The European Commission agreed. European airlines and Lumora Systems \
                    objected. Lumora grew.";
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::Region, "Europe");
        gazetteer.add_list(Category::OrgCue, "Commission\nSystems");
        // The tagger's lone `European`, which `demote_demonyms` made MISC.
        let tagged = [
            ("European Commission", 0, ORG),
            ("European", 1, MISC),
            ("Lumora Systems", 0, ORG),
        ];
        assert_eq!(
            harmonised(text, &gazetteer, &tagged),
            vec![
                ("European Commission", ORG),
                ("European", MISC),
                ("Lumora Systems", ORG),
                ("Lumora", ORG),
            ]
        );
    }
}
