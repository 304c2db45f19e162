//! The keys under which spellings of one name meet across the archive:
//! case, accents, a leading `the`, dots in acronyms and, for organizations,
//! a legal suffix make no difference; a country's other names lead to it,
//! and a body named after its country is found ([`country_and_body`]).
//! The case of a short name of one word does: `US` is not `Us`, nor `IT` `It`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::extract::EntityKind;
use crate::index::name_key;

/// Words that end a company's name without changing what it names
/// (`Apple Inc.` is `Apple`), compared after dots are dropped.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "ltd",
    "limited",
    "llc",
    "plc",
    "ag",
    "sa",
    "gmbh",
    "nv",
    "bv",
    "spa",
];

/// The most letters of a one-word organization or place name whose case
/// tells it apart: an acronym this short is often also a word.
const CASED_LETTERS: usize = 3;

/// Other names of countries, `data/names/country_aliases.tsv`.
const COUNTRY_ALIASES: &str = include_str!("../../../../data/names/country_aliases.tsv");

/// The key of a name of this kind: equal keys name one thing.
pub fn merge_key(kind: EntityKind, name: &str) -> String {
    let folded = name_key(name);
    if kind == EntityKind::Person {
        return folded;
    }
    let short = undotted(name.trim());
    if !short.contains(' ') && short.chars().count() <= CASED_LETTERS {
        return short;
    }
    let mut words: Vec<String> = folded
        .strip_prefix("the ")
        .unwrap_or(&folded)
        .split(' ')
        .map(undotted)
        .collect();
    if kind == EntityKind::Organization && words.len() > 1 {
        let last = words.last().map(|word| word.trim_end_matches('.'));
        if last.is_some_and(|last| LEGAL_SUFFIXES.contains(&last)) {
            words.pop();
            if let Some(before) = words.last_mut() {
                before.truncate(before.trim_end_matches(',').len());
            }
        }
    }
    words.join(" ")
}

/// The country an organization's name starts with and the key of the rest
/// (`U.S. Senate`, `US Congress`, `United States Air Force`): news names a
/// country's body with and without its country. Only an acronym (`US`, not
/// `Us`) or a country's name of several words counts: `China Daily` and
/// `America Online` are not a daily and an online of a country.
pub fn country_and_body(name: &str) -> Option<(&'static str, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let skipped = usize::from(words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")));
    let words = &words[skipped..];
    let acronym = words.first().and_then(|word| {
        let letters = undotted(word);
        let upper = letters.chars().count() <= 4 && letters.chars().all(|c| c.is_ascii_uppercase());
        upper
            .then(|| country(&letters))
            .flatten()
            .map(|country| (country, 1))
    });
    let (country, taken) = acronym.or_else(|| {
        (2..words.len().min(5))
            .rev()
            .find_map(|n| country(&words[..n].join(" ")).map(|country| (country, n)))
    })?;
    let body = &words[taken..];
    (!body.is_empty()).then(|| {
        (
            country,
            merge_key(EntityKind::Organization, &body.join(" ")),
        )
    })
}

/// The most letters of an abbreviation that [`abbreviates`] tries.
const ABBREVIATION_LETTERS: usize = 6;

/// Words an abbreviation may leave out (`NASA`: National Aeronautics and
/// Space Administration).
const ABBREVIATION_SKIP: &[&str] = &["of", "for", "and", "the", "&", "on", "in", "at", "to"];

/// Whether `short`, a word of capital letters, abbreviates the longer name
/// `long`: every word of `long` but the small ones gives it at least its
/// first letter, in order, and may give letters from inside it too
/// (`WN` for `Wikinews`, `SOCOM` for `Special Operations Command`). An article's own
/// acronyms are linked by their initials or a parenthesis when the article
/// is read; this looser test serves the archive, where the articles that
/// use both names are the evidence.
pub fn abbreviates(short: &str, long: &str) -> bool {
    let letters: Vec<char> = short.chars().collect();
    let acronym = (2..=ABBREVIATION_LETTERS).contains(&letters.len())
        && letters.iter().all(char::is_ascii_uppercase);
    if !acronym || long.chars().count() <= letters.len() {
        return false;
    }
    let words: Vec<Vec<char>> = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|word| !word.is_empty())
        .map(|word| word.to_uppercase().chars().collect())
        .collect();
    spelled_by(&letters, &words)
}

/// Whether `letters` are spelled by `words` as [`abbreviates`] describes.
fn spelled_by(letters: &[char], words: &[Vec<char>]) -> bool {
    let Some((word, rest)) = words.split_first() else {
        return letters.is_empty();
    };
    let small =
        ABBREVIATION_SKIP.contains(&word.iter().collect::<String>().to_lowercase().as_str());
    if small && spelled_by(letters, rest) {
        return true;
    }
    if letters.first() != word.first() {
        return false;
    }
    // The word gives its first letter, then any number of its inner
    // letters in order; the other words must spell the rest.
    let mut given = 1;
    loop {
        if spelled_by(&letters[given..], rest) {
            return true;
        }
        let Some(&next) = letters.get(given) else {
            return false;
        };
        let inside = &word[1..];
        let taken = letters[1..given].iter().try_fold(0, |from, letter| {
            inside[from..]
                .iter()
                .position(|c| c == letter)
                .map(|at| from + at + 1)
        });
        let found = taken.is_some_and(|from| inside[from..].contains(&next));
        if !found {
            return false;
        }
        given += 1;
    }
}

/// A word written as an acronym with dots (`u.s.`, `n.v.`) without them.
fn undotted(word: &str) -> String {
    let letters: Vec<&str> = word.split('.').filter(|part| !part.is_empty()).collect();
    let dotted = word.contains('.')
        && letters.len() > 1
        && letters.iter().all(|part| part.chars().count() == 1);
    if dotted {
        letters.concat()
    } else {
        word.to_string()
    }
}

/// The country a place or organization name names by another of its names
/// (`USA`, `U.S.`, `America` → `United States`), or by its own.
pub fn country(name: &str) -> Option<&'static str> {
    static COUNTRIES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let countries = COUNTRIES.get_or_init(|| {
        let mut countries = HashMap::new();
        let lines = COUNTRY_ALIASES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
        for line in lines {
            let (country, aliases) = line.split_once('\t').unwrap_or((line, ""));
            for alias in std::iter::once(country).chain(aliases.split('|')) {
                countries.insert(merge_key(EntityKind::Place, alias), country);
            }
        }
        countries
    });
    countries.get(&merge_key(EntityKind::Place, name)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    #[test]
    fn legal_suffixes_dots_and_the_do_not_split_an_organization() {
        let apple = merge_key(Organization, "Apple");
        for name in ["Apple Inc.", "Apple, Inc.", "APPLE INC", "The Apple Corp."] {
            assert_eq!(merge_key(Organization, name), apple, "{name}");
        }
        assert_eq!(
            merge_key(Organization, "U.N."),
            merge_key(Organization, "UN")
        );
        // A suffix alone is a name, and people keep every word.
        assert_eq!(merge_key(Organization, "Inc."), "inc.");
        assert_eq!(merge_key(Person, "Harry Co"), "harry co");
    }

    #[test]
    fn a_body_named_after_its_country_is_found() {
        let senate = Some(("United States", "senate".to_string()));
        for name in [
            "U.S. Senate",
            "US Senate",
            "the U.S. Senate",
            "United States Senate",
        ] {
            assert_eq!(country_and_body(name), senate, "{name}");
        }
        assert_eq!(
            country_and_body("United States Air Force"),
            Some(("United States", "air force".to_string()))
        );
        assert_eq!(
            country_and_body("UK Parliament"),
            Some(("United Kingdom", "parliament".to_string()))
        );
        // Not a country's name of one word, nor a word that is no acronym.
        for name in ["America Online", "Us Weekly", "China Daily", "Senate", "US"] {
            assert_eq!(country_and_body(name), None, "{name}");
        }
    }

    #[test]
    fn an_abbreviation_takes_each_words_first_letter_and_may_take_inner_ones() {
        for (short, long) in [
            ("WN", "Wikinews"),
            ("NASA", "National Aeronautics and Space Administration"),
            ("SOCOM", "Special Operations Command"),
            ("WHO", "World Health Organization"),
            ("AFL", "American Football League"),
        ] {
            assert!(abbreviates(short, long), "{short} {long}");
        }
        for (short, long) in [
            // A word that gives no letter, letters out of order, a word
            // not in capitals, a name that is not longer.
            ("WN", "Wall Street Journal"),
            ("NW", "Wikinews"),
            ("Wn", "Wikinews"),
            ("UN", "UN"),
            ("AB", "American Broadcasting Company"),
        ] {
            assert!(!abbreviates(short, long), "{short} {long}");
        }
    }

    #[test]
    fn a_country_is_found_by_its_other_names() {
        for name in [
            "US",
            "U.S.",
            "USA",
            "U.S.A.",
            "America",
            "the United States",
        ] {
            assert_eq!(country(name), Some("United States"), "{name}");
        }
        // A short acronym keeps its case: `Us` is a word.
        assert_eq!(country("Us"), None);
        assert_eq!(merge_key(Place, "U.S."), merge_key(Place, "US"));
        assert_ne!(merge_key(Organization, "IT"), merge_key(Organization, "It"));
        assert_eq!(country("Cote d'Ivoire"), Some("Ivory Coast"));
        assert_eq!(country("Britain"), Some("United Kingdom"));
        assert_eq!(country("Kansas"), None);
    }
}
