//! From tags to clean name spans: BIO decoding, then
//! - `boundaries`: the span conventions (no titles, no leading `the`, no
//!   possessive; hyphenated names, particles, initials, `of`/`for` names and
//!   listed countries named with `and` whole);
//! - `types`: types that rules know better than the tagger (demonyms, events,
//!   vehicles, facilities, towns given with their state, teams named after
//!   their town);
//! - `consistency`: one type per name within an article, and a name found
//!   once found everywhere.

mod boundaries;
mod consistency;
mod types;

pub use boundaries::{
    join_headed_names, join_listed_places, join_name_parts, join_named_with_and, join_parties,
    join_peoples, join_spelled_acronyms, split_at_open_brackets, split_place_from_person, trim,
};
pub use consistency::harmonise;
pub use types::{
    demote_defined_terms, demote_demonyms, demote_non_names, operations_and_stances,
    teams_after_places, towns_before_regions,
};

use super::gazetteer::{extend_phrase, EMPTY_PHRASE};
use super::model::{class_of, OUTSIDE};

/// Class index of persons in the tagger's classes.
pub const PERSON: usize = 0;

/// Class index of organizations.
pub const ORG: usize = 1;

/// Class index of places.
pub const LOC: usize = 2;

/// Class index of other names (nationalities, events, works), not reported.
pub const MISC: usize = 3;

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

fn is_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A word of two to six capital letters (`ROS`, `DAB`, `IAEA`).
fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Hash of the lowercased token phrase `[first, last)`.
fn phrase(lower: &[u64], first: usize, last: usize) -> u64 {
    lower[first..last]
        .iter()
        .fold(EMPTY_PHRASE, |h, &w| extend_phrase(h, w))
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
