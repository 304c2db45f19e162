//! Types that general rules know better than the tagger.

use super::{phrase, Span, LOC, MISC, ORG, PERSON};
use crate::extract::gazetteer::{extend_phrase, Category, Gazetteer};
use crate::extract::hash::hash_lower;
use crate::extract::tokenize::Token;

/// Names of events, laws and works are not organizations or places:
/// a name ending in such a head word (`World Cup`, `Paris Agreement`) is
/// relabelled MISC. So is a name glued behind a lowercase prefix
/// (`pro-Beijing`, `anti-NATO`), which is an adjective, not a mention, a
/// person or organization name with digits (a product or mission code), and
/// the name of a vehicle (`the shuttle Atlantis`).
/// An organization name headed by a building or place word is a place.
pub fn demote_non_names(text: &str, tokens: &[Token], gazetteer: &Gazetteer, spans: &mut [Span]) {
    let surface = |s: &Span| &text[tokens[s.first].start as usize..tokens[s.last - 1].end as usize];
    // A name the article introduces as a vehicle names that vehicle everywhere in it.
    let introduced = |s: &Span| {
        s.first >= 1 && VEHICLES.contains(&tokens[s.first - 1].text(text).to_lowercase().as_str())
    };
    let vehicles: Vec<&str> = spans
        .iter()
        .filter(|s| introduced(s))
        .map(surface)
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
        let vehicle = introduced(s) || (s.class != PERSON && vehicles.contains(&surface(s)));
        if prefixed
            || coded
            || vehicle
            || species(text, tokens, gazetteer, s)
            || (!headed && gazetteer.word(last) & Category::MiscCue as u16 != 0)
        {
            s.class = MISC;
        } else if s.class == ORG && is_facility(text, tokens, gazetteer, s) {
            s.class = LOC;
        }
    }
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
