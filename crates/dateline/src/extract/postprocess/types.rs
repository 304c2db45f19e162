//! Types that general rules know better than the tagger.

use std::collections::HashSet;

use super::{is_acronym, phrase, starts_upper, Span, LOC, MISC, ORG, PERSON};
use crate::extract::gazetteer::{extend_phrase, Category, Gazetteer, MAX_PHRASE};
use crate::extract::hash::hash_lower;
use crate::extract::tokenize::Token;

/// Names of events, laws and works are not organizations or places:
/// a name ending in such a head word (`World Cup`, `Paris Agreement`) is
/// relabelled MISC. So is a name glued behind a lowercase prefix
/// (`pro-Beijing`, `anti-NATO`), which is an adjective, not a mention, a
/// person or organization name with digits (a product or mission code), the
/// name of a vehicle (`the shuttle Atlantis`) and that of a storm (`Typhoon
/// Haiyan`, then `Haiyan`).
/// An organization name headed by a building or place word is a place, and
/// so is a person name opening with a place word (`Port Linden`, `Fort
/// Worth`, `Lake Placid`), which the tagger takes for a given name, or
/// ending in one that is no family name (`Collins Ave`, `Bridgton Junction`,
/// `Odessa Oblast`; not `Anita Hill`).
/// A lone word that is no name (`UTC`, `Monday`) or a dictionary word written
/// in capitals (`TRIAL`, `BREAKING`) is no name either.
pub fn demote_non_names(text: &str, tokens: &[Token], gazetteer: &Gazetteer, spans: &mut [Span]) {
    let surface = |s: &Span| &text[tokens[s.first].start as usize..tokens[s.last - 1].end as usize];
    // A name the article introduces as a vehicle names that vehicle everywhere
    // in it. Not after an indefinite article (`an aircraft Boeing has under
    // development`), and a carrier only as an aircraft carrier: a `flag
    // carrier Aeroflot` or a `wireless carrier` is a company (on the training
    // folds this gave back 24 mentions of companies, `Boeing`, `Aeroflot` and
    // airlines, and lost no vehicle).
    let word = |k: usize| tokens[k].text(text).to_lowercase();
    let introduced = |s: &Span| {
        let Some(cue) = s.first.checked_sub(1).map(word) else {
            return false;
        };
        let before = s.first.checked_sub(2).map(word);
        VEHICLES.contains(&cue.as_str())
            && !matches!(before.as_deref(), Some("a" | "an"))
            && (cue != "carrier" || before.as_deref() == Some("aircraft"))
    };
    let vehicles: HashSet<&str> = spans
        .iter()
        .filter(|s| introduced(s))
        .map(surface)
        .collect();
    // A storm's name (`Typhoon Haiyan`, `Tropical Storm Chantal`, and then
    // `Haiyan` alone) names an event, whatever the tagger took it for.
    // Asked of every token: capitals first, and no lower-cased copy.
    let storm_word = |k: usize| {
        let w = tokens[k].text(text);
        starts_upper(w) && STORMS.iter().any(|s| s.eq_ignore_ascii_case(w))
    };
    // The name is one capitalised word that heads no organization or place
    // (not the `Center` of `National Hurricane Center`).
    let storm_name = |k: usize| {
        let w = tokens[k].text(text);
        k >= 1
            && starts_upper(w)
            && storm_word(k - 1)
            && gazetteer.word(w) & (Category::OrgCue as u16 | Category::LocCue as u16) == 0
    };
    let storms: HashSet<&str> = (1..tokens.len())
        .filter(|&k| storm_name(k))
        .map(|k| tokens[k].text(text))
        .collect();
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
        let vehicle = introduced(s) || (s.class != PERSON && vehicles.contains(surface(s)));
        if prefixed
            || no_name_word(text, tokens, gazetteer, s)
            || coded
            || vehicle
            || storms.contains(surface(s))
            || storm_name(s.last - 1)
            || species(text, tokens, gazetteer, s)
            || (!headed && gazetteer.word(last) & Category::MiscCue as u16 != 0)
        {
            s.class = MISC;
        } else if (s.class == ORG && is_facility(text, tokens, gazetteer, s))
            || (s.class == PERSON
                && s.last - s.first >= 2
                && (PLACE_PREFIXES.contains(&tokens[s.first].text(text))
                    || is_place_head(gazetteer.word(last))))
        {
            s.class = LOC;
        }
    }
}

/// A one-word name that the lists say is no name (a time-zone, weekday or
/// month word, or a common English word written in capitals for emphasis),
/// or a plural acronym: `DVDs`, `NGOs`, `MPs` name kinds of things or
/// people, not one (on the training folds such a word was tagged 45 times
/// and never rightly), or a country's or someone's exit (`Brexit`,
/// `Grexit`, `Megxit`), which names an event, not a person or place.
fn no_name_word(text: &str, tokens: &[Token], gazetteer: &Gazetteer, s: &Span) -> bool {
    if s.last - s.first != 1 {
        return false;
    }
    let w = tokens[s.first].text(text);
    let bits = gazetteer.word(w);
    let shouted = w.chars().count() >= 4
        && w.chars().all(|c| c.is_ascii_uppercase())
        && bits & Category::CommonWord as u16 != 0
        && bits & (Category::KnownOrg as u16 | Category::PLACES) == 0;
    let plural_acronym = w
        .strip_suffix('s')
        .is_some_and(|stem| stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase()));
    let exit = w.len() >= 5
        && w.get(w.len() - 3..)
            .is_some_and(|end| end.eq_ignore_ascii_case("xit"));
    bits & Category::NonName as u16 != 0 || shouted || plural_acronym || exit
}

/// `Formica fusca`, `Beauveria bassiana`: a genus name followed by a
/// lowercase Latin species epithet (not an English word, with a Latin
/// ending) names a species, not a person, organization or place.
fn species(text: &str, tokens: &[Token], gazetteer: &Gazetteer, s: &Span) -> bool {
    const ENDINGS: [&str; 8] = ["a", "us", "um", "ae", "ii", "ensis", "ium", "is"];
    let genus = tokens[s.first].text(text);
    let Some(next) = tokens.get(s.last).filter(|t| !t.glued && !t.sentence_start) else {
        return false;
    };
    let epithet = next.text(text);
    let names = Category::FirstName as u16 | Category::Surname as u16;
    s.last - s.first == 1
        && gazetteer.word(genus) & names == 0
        && epithet.len() >= 5
        && epithet.chars().all(|c| c.is_ascii_lowercase())
        && ENDINGS.iter().any(|e| epithet.ends_with(e))
        && gazetteer.word(epithet) & Category::CommonWord as u16 == 0
}

/// First words of place names that are not given names.
const PLACE_PREFIXES: &[&str] = &["Cape", "Fort", "Ft.", "Lake", "Mount", "Mt.", "Port"];

/// Whether a word with these gazetteer bits heads only places: a place word
/// that is neither a family name (`Hill`, `Park`) nor an organization's.
fn is_place_head(bits: u16) -> bool {
    bits & Category::LocCue as u16 != 0
        && bits & (Category::Surname as u16 | Category::OrgCue as u16) == 0
}

/// Words that introduce the name of a storm.
const STORMS: &[&str] = &["cyclone", "hurricane", "storm", "typhoon"];

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

/// A name headed by a place or building word is a place (a facility, in
/// the annotation conventions): the head is the word before the first inner
/// `of`/`for`/`on` (`Museum of Flight`, `National Museum of the U.S. Air
/// Force`), else the last word (`Marsh Creek Reservoir`). A `Center` is a
/// building when a facility word describes it (`Johnson Space Center`,
/// `California Science Center`), an organization otherwise (`Center for
/// Strategic and International Studies`, `Carter Center`).
fn is_facility(text: &str, tokens: &[Token], gazetteer: &Gazetteer, s: &Span) -> bool {
    let bits = |k: usize| gazetteer.word(tokens[k].text(text));
    let head = (s.first + 1..s.last)
        .find(|&k| matches!(tokens[k].text(text), "of" | "for" | "on"))
        .map_or(s.last - 1, |k| k - 1);
    if bits(head) & Category::LocCue as u16 != 0 {
        return bits(head) & Category::OrgCue as u16 == 0;
    }
    let centre = matches!(tokens[head].text(text), "Center" | "Centre");
    centre
        && head > s.first
        && head + 1 == s.last
        && FACILITY_CENTRES.contains(&tokens[head - 1].text(text))
}

/// Words that make a `Center` a building or site rather than an organization.
const FACILITY_CENTRES: &[&str] = &[
    "Space",
    "Rocket",
    "Science",
    "Medical",
    "Convention",
    "Conference",
    "Exhibition",
    "Trade",
    "Shopping",
    "Sports",
    "Community",
    "Civic",
    "Detention",
    "Visitor",
    "Visitors",
    "Arts",
    "Aquatic",
    "Flight",
];

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
    for s in spans.iter_mut().filter(|s| s.class != MISC) {
        if gazetteer.get(phrase(lower, s.first, s.last)) & Category::PLACES != 0 {
            continue;
        }
        let last = tokens[s.last - 1].text(text);
        if is_demonym(phrase(lower, s.first, s.last - 1), last, gazetteer) {
            s.class = MISC;
        }
    }
}

/// Whether the words hashed into `head` followed by `last` name the people
/// of a listed place (`North Korean`, `Europeans`): `last` ends in a
/// demonym suffix whose stem, after `head`, is that place.
pub(super) fn is_demonym(head: u64, last: &str, gazetteer: &Gazetteer) -> bool {
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
    SUFFIXES.iter().any(|(suffix, replacement)| {
        last.len() > suffix.len() + 2
            && last.is_char_boundary(last.len() - suffix.len())
            && last[last.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
            && {
                let stem = format!("{}{replacement}", &last[..last.len() - suffix.len()]);
                gazetteer.get(extend_phrase(head, hash_lower(&stem))) & Category::PLACES != 0
            }
    })
}

/// A person name followed by a comma and a listed state, region or country
/// that closes the phrase (`Kenosha, Wisconsin,`, `Coleman, Florida.`,
/// `Washington, D.C.`) is a town given with where it lies, not a person.
/// The region must end there: `Dole, Texas Governor John Connally` and
/// `Trudeau, Zambia's President` list people. On the held-out training
/// folds the rule retyped 13 names: 11 places, and two parts of longer
/// place names (`Johnsbury` of `St. Johnsbury`).
pub fn towns_before_regions(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    spans: &mut [Span],
) {
    let region = Category::Region as u16 | Category::Country as u16;
    let closes = |k: usize| {
        tokens.get(k).is_none_or(|t| {
            t.sentence_start || matches!(t.text(text), "," | "." | ";" | ":" | ")" | "(")
        })
    };
    for s in spans.iter_mut().filter(|s| s.class == PERSON) {
        let comma = tokens.get(s.last).is_some_and(|t| t.text(text) == ",");
        let from = s.last + 1;
        let located = comma
            && (1..=MAX_PHRASE).any(|len| {
                let end = from + len;
                end <= tokens.len()
                    && tokens[from..end].iter().all(|t| starts_upper(t.text(text)))
                    && gazetteer.get(phrase(lower, from, end)) & region != 0
                    && closes(end)
            });
        if located {
            s.class = LOC;
        }
    }
}

/// Plural words that end place names (`Colorado Springs`, `Idaho Falls`),
/// which a team name never ends in.
const PLACE_PLURALS: &[&str] = &[
    "Acres",
    "Banks",
    "Cliffs",
    "Dales",
    "Dunes",
    "Estates",
    "Falls",
    "Fields",
    "Flats",
    "Gardens",
    "Heights",
    "Highlands",
    "Hills",
    "Isles",
    "Islands",
    "Keys",
    "Lakes",
    "Meadows",
    "Mountains",
    "Narrows",
    "Oaks",
    "Pines",
    "Plains",
    "Rapids",
    "Roads",
    "Sands",
    "Shoals",
    "Springs",
    "Woods",
];

/// `Chicago Bulls`, `Boston Red Sox`: a place the tagger found that is a
/// listed town, region or country followed by a plural that is no place's
/// (a team's name) is an organization, unless the whole is a listed place.
pub fn teams_after_places(
    text: &str,
    tokens: &[Token],
    lower: &[u64],
    gazetteer: &Gazetteer,
    spans: &mut [Span],
) {
    for s in spans
        .iter_mut()
        .filter(|s| s.class == LOC && s.last - s.first >= 2)
    {
        if gazetteer.get(phrase(lower, s.first, s.last)) & Category::PLACES != 0 {
            continue;
        }
        let last = tokens[s.last - 1].text(text);
        let plural = (last.ends_with('s') && !last.ends_with("ss") || last == "Sox")
            && starts_upper(last)
            && !PLACE_PLURALS.contains(&last)
            && gazetteer.word(last) & Category::LocCue as u16 == 0;
        let place_first = (1..s.last - s.first).any(|n| {
            gazetteer.get(phrase(lower, s.first, s.first + n)) & Category::PLACES != 0
                && tokens[s.first + n..s.last]
                    .iter()
                    .all(|t| starts_upper(t.text(text)))
        });
        if plural && place_first {
            s.class = ORG;
        }
    }
}

/// An acronym the article defines as a term that is no name is no name:
/// `ROS [Reactive Oxygen Species, ...]`, `the VM (virtual microscope)`,
/// `reactive oxygen species (ROS)`. The defining words sit right after the
/// acronym's bracket or right before `(ACRONYM)`, their initials spell it, and
/// the tagger took none of them for a person, organization or place; every
/// mention of such an acronym is relabelled MISC.
pub fn demote_defined_terms(text: &str, tokens: &[Token], spans: &mut [Span]) {
    let mut covered = vec![false; tokens.len()];
    for s in spans.iter().filter(|s| s.class != MISC) {
        covered[s.first..s.last].iter_mut().for_each(|c| *c = true);
    }
    let word = |k: usize| tokens[k].text(text);
    let skip = |w: &str| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "of" | "and" | "for" | "the" | "&" | "-" | "on" | "in" | "a"
        )
    };
    // The content words spelling `letters`, walking from `k` in `step` direction.
    let spells = |letters: &str, k: usize, forward: bool| -> bool {
        let mut want: Vec<char> = letters.chars().collect();
        if !forward {
            want.reverse();
        }
        let mut k = k as isize;
        let mut got = 0;
        let mut any_covered = false;
        while got < want.len() && k >= 0 && (k as usize) < tokens.len() {
            let w = word(k as usize);
            let initial = w.chars().next().filter(|c| c.is_alphabetic());
            if initial.is_some_and(|c| c.to_uppercase().eq(std::iter::once(want[got]))) {
                any_covered |= covered[k as usize];
                got += 1;
            } else if !skip(w) {
                return false;
            }
            k += if forward { 1 } else { -1 };
        }
        got == want.len() && !any_covered
    };
    // Sets, not lists: an article names its acronyms over and over, and a
    // list scanned per token makes a long article quadratic.
    let acronyms: HashSet<&str> = spans
        .iter()
        .filter(|s| s.class != MISC && s.last - s.first == 1)
        .map(|s| word(s.first))
        .filter(|w| is_acronym(w))
        .collect();
    let mut terms: HashSet<&str> = HashSet::new();
    // Only a word that looks like an acronym can be in the set: a test that
    // is cheaper than hashing every word of the article.
    for k in (0..tokens.len()).filter(|&k| is_acronym(word(k)) && acronyms.contains(word(k))) {
        let w = word(k);
        let opens = |j: usize| {
            tokens
                .get(j)
                .is_some_and(|t| matches!(t.text(text), "(" | "["))
        };
        let closes = |j: usize| {
            tokens
                .get(j)
                .is_some_and(|t| matches!(t.text(text), ")" | "]"))
        };
        let after = opens(k + 1) && spells(w, k + 2, true);
        let before = k >= 2 && opens(k - 1) && closes(k + 1) && spells(w, k - 2, false);
        if after || before {
            terms.insert(w);
        }
    }
    for s in spans.iter_mut() {
        if s.last - s.first == 1 && terms.contains(word(s.first)) {
            s.class = MISC;
        }
    }
}

/// `Operation Clambake`, `Operation Desert Storm`: named operations are events.
/// `Pro-Beijing DAB`, `Pro-Beijing Democratic Party`: a capitalised
/// `Pro-`/`Anti-` word before a name is an adjective outside it, unless what
/// would remain is one word that is no acronym: then the word belongs to the
/// name (`Anti-Revolutionary Party`, `Anti-Defamation League`).
pub fn operations_and_stances(text: &str, tokens: &[Token], spans: &mut Vec<Span>) {
    for s in spans.iter_mut() {
        let w = tokens[s.first].text(text);
        if w == "Operation" && s.last - s.first > 1 && s.class != PERSON {
            s.class = MISC;
        }
        let stance = |k: usize| {
            matches!(tokens[k].text(text), "Pro" | "Anti")
                && tokens
                    .get(k + 1)
                    .is_some_and(|t| t.glued && t.text(text) == "-")
        };
        let name_remains = s.last - s.first > 4 || is_acronym(tokens[s.last - 1].text(text));
        if s.last - s.first >= 4 && stance(s.first) && tokens[s.first + 2].glued && name_remains {
            s.first += 3;
        }
    }
    spans.retain(|s| s.first < s.last);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokenize::tokenize;

    /// The classes `demote_non_names` leaves the one-word names `words` of
    /// `text`, each typed `class` before.
    fn demoted_words(
        text: &str,
        gazetteer: &Gazetteer,
        words: &[&str],
        class: usize,
    ) -> Vec<usize> {
        let tokens = tokenize(text);
        let mut spans: Vec<Span> = words
            .iter()
            .map(|w| {
                let k = tokens.iter().position(|t| t.text(text) == *w).unwrap();
                Span {
                    first: k,
                    last: k + 1,
                    class,
                }
            })
            .collect();
        demote_non_names(text, &tokens, gazetteer, &mut spans);
        spans.iter().map(|s| s.class).collect()
    }

    #[test]
    fn time_zones_and_shouted_dictionary_words_are_no_names() {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::NonName, "UTC");
        gazetteer.add_list(Category::CommonWord, "trial\nnato");
        gazetteer.add_list(Category::KnownOrg, "NATO");
        let text = "TRIAL at 14:00 UTC for NATO";
        let classes = demoted_words(text, &gazetteer, &["TRIAL", "UTC", "NATO"], ORG);
        assert_eq!(classes, vec![MISC, MISC, ORG]);
    }

    #[test]
    fn a_countrys_exit_is_an_event() {
        let text = "After Brexit and a feared Grexit, Megxit and Exit Ruiz";
        let words = ["Brexit", "Grexit", "Megxit", "Ruiz"];
        let classes = demoted_words(text, &Gazetteer::default(), &words, PERSON);
        assert_eq!(classes, vec![MISC, MISC, MISC, PERSON]);
    }

    #[test]
    fn plural_acronyms_are_no_names_but_acronyms_ending_in_s_are() {
        let text = "NGOs and MPs met CFLs from IOS and AWS in Kos";
        let words = ["NGOs", "MPs", "CFLs", "IOS", "AWS", "Kos"];
        let classes = demoted_words(text, &Gazetteer::default(), &words, ORG);
        assert_eq!(classes, vec![MISC, MISC, MISC, ORG, ORG, ORG]);
    }

    #[test]
    fn a_person_name_ending_in_a_place_word_no_family_has_is_a_place() {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(Category::LocCue, "Boulevard\nHill");
        gazetteer.add_list(Category::Surname, "Hill");
        let text = "Anita Hill lives on Chaharbagh Boulevard";
        let tokens = tokenize(text);
        let person = |first: usize| Span {
            first,
            last: first + 2,
            class: PERSON,
        };
        let mut spans = vec![person(0), person(4)];
        demote_non_names(text, &tokens, &gazetteer, &mut spans);
        let classes: Vec<usize> = spans.iter().map(|s| s.class).collect();
        assert_eq!(classes, vec![PERSON, LOC]);
    }
}
