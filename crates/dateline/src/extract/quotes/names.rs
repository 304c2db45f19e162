//! Given names with a conventional gender, so that `she said` skips a nearer
//! `Thomas` and `he said` a nearer `Gloria`. The lists are the 1990 US Census
//! given names, each kept for the gender at least ten times more common among
//! its bearers (`tools/gazetteers.py`, `models/SOURCES.md`); other names match
//! either pronoun.

use std::sync::OnceLock;

use super::words::Pronoun;

/// Given names usually borne by women, sorted, one a line.
const FEMALE: &str = include_str!("../../../../../data/gazetteers/female_given_names.txt");
/// Given names usually borne by men, sorted, one a line.
const MALE: &str = include_str!("../../../../../data/gazetteers/male_given_names.txt");

/// The lines of a sorted list, parsed once.
fn sorted_lines(
    list: &'static str,
    cell: &'static OnceLock<Vec<&'static str>>,
) -> &'static [&'static str] {
    cell.get_or_init(|| list.lines().collect())
}

fn female() -> &'static [&'static str] {
    static LINES: OnceLock<Vec<&'static str>> = OnceLock::new();
    sorted_lines(FEMALE, &LINES)
}

fn male() -> &'static [&'static str] {
    static LINES: OnceLock<Vec<&'static str>> = OnceLock::new();
    sorted_lines(MALE, &LINES)
}

/// The pronoun a person with this given name is usually referred to by.
pub(super) fn gender(given: &str) -> Option<Pronoun> {
    if female().binary_search(&given).is_ok() {
        Some(Pronoun::Female)
    } else if male().binary_search(&given).is_ok() {
        Some(Pronoun::Male)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(female().windows(2).all(|w| w[0] < w[1]));
        assert!(male().windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn known_and_unknown_names() {
        assert_eq!(gender("Gloria"), Some(Pronoun::Female));
        assert_eq!(gender("Thomas"), Some(Pronoun::Male));
        assert_eq!(gender("Du-yeon"), None);
        // As common for both: either pronoun.
        assert_eq!(gender("Jordan"), None);
    }
}
