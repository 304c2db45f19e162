//! Name lists (first names, places, title words, organization cue words) as
//! tagger features.
//!
//! Entries are multi-word phrases, stored as a hash of their lowercased
//! tokens, so lookup over a token stream is a handful of hash probes per token.
//! The lists are compiled into the model file by the training command; see
//! `models/SOURCES.md` for where each list comes from.

use super::hash::{hash_lower, mix, HashKeyMap};
use super::tokenize::{tokenize, Token};

/// One category of gazetteer entry; the value is its bit in a `u16` mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Category {
    /// Given names.
    FirstName = 1,
    /// Family names.
    Surname = 1 << 1,
    /// Countries.
    Country = 1 << 2,
    /// Cities and capitals.
    City = 1 << 3,
    /// States, continents and other regions.
    Region = 1 << 4,
    /// Titles and honorifics (`President`, `Mr.`).
    Title = 1 << 5,
    /// Words that head organization names (`University`, `Council`).
    OrgCue = 1 << 6,
    /// Words that head place names (`River`, `County`).
    LocCue = 1 << 7,
    /// Well-known organizations and acronyms.
    KnownOrg = 1 << 8,
    /// Capitalised words that are not names (months, weekdays).
    NonName = 1 << 9,
    /// Lowercase English dictionary words.
    CommonWord = 1 << 10,
    /// Capitalised English dictionary words (proper nouns).
    ProperNoun = 1 << 11,
    /// Words that head names of events, laws and works (`Cup`, `Treaty`).
    MiscCue = 1 << 12,
}

impl Category {
    /// Every category, with the file stem the training command reads it from.
    pub const FILES: [(Category, &'static str); 14] = [
        (Category::FirstName, "first_names"),
        (Category::Surname, "surnames"),
        (Category::Country, "countries"),
        (Category::City, "cities"),
        (Category::Region, "regions"),
        (Category::Region, "places_extra"),
        (Category::Title, "titles"),
        (Category::OrgCue, "org_cues"),
        (Category::LocCue, "loc_cues"),
        (Category::KnownOrg, "orgs_extra"),
        (Category::NonName, "non_names"),
        (Category::CommonWord, "common_words"),
        (Category::ProperNoun, "proper_nouns"),
        (Category::MiscCue, "misc_cues"),
    ];

    /// Categories of places.
    pub const PLACES: u16 =
        Category::Country as u16 | Category::City as u16 | Category::Region as u16;
}

/// Longest phrase, in tokens, that lookup tries.
pub const MAX_PHRASE: usize = 5;

/// Marks a phrase that begins a longer listed phrase, so that matching stops
/// extending a phrase as soon as no listed phrase continues it (most words
/// begin none). Not a category: [`Gazetteer::get`] and matches leave it out.
const CONTINUES: u16 = 1 << 15;

/// Phrase hash → category bits.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: HashKeyMap<u16>,
}

/// Gazetteer matches of one token: categories of phrases it begins, and of
/// phrases it continues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Match {
    /// Categories of phrases that start at this token.
    pub begin: u16,
    /// Categories of multi-token phrases that cover this token after their first.
    pub inside: u16,
}

/// Hash of the phrase made of `tokens`, extending `prev` (the hash of the phrase so far).
#[inline]
pub fn extend_phrase(prev: u64, token_lower_hash: u64) -> u64 {
    mix(prev, token_lower_hash)
}

/// Hash of the empty phrase.
pub const EMPTY_PHRASE: u64 = 0x1234_5678_9abc_def1;

impl Gazetteer {
    /// Adds every non-empty line of `list` under `category`.
    pub fn add_list(&mut self, category: Category, list: &str) {
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let tokens = tokenize(line);
            if tokens.is_empty() || tokens.len() > MAX_PHRASE {
                continue;
            }
            let mut h = EMPTY_PHRASE;
            for (k, t) in tokens.iter().enumerate() {
                if k > 0 {
                    *self.entries.entry(h).or_default() |= CONTINUES;
                }
                h = extend_phrase(h, hash_lower(t.text(line)));
            }
            *self.entries.entry(h).or_default() |= category as u16;
        }
    }

    /// Category bits of the one-word phrase `word`.
    pub fn word(&self, word: &str) -> u16 {
        self.get(extend_phrase(EMPTY_PHRASE, hash_lower(word)))
    }

    /// Category bits of the phrase whose hash is `phrase`, 0 when absent.
    #[inline]
    pub fn get(&self, phrase: u64) -> u16 {
        self.entries
            .get(&phrase)
            .map_or(0, |bits| bits & !CONTINUES)
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.entries
            .values()
            .filter(|&&bits| bits & !CONTINUES != 0)
            .count()
    }

    /// True when no phrase is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Matches for every token, given each token's lowercase hash.
    pub fn matches(&self, tokens: &[Token], lower: &[u64], out: &mut Vec<Match>) {
        out.clear();
        out.resize(tokens.len(), Match::default());
        for i in 0..tokens.len() {
            let mut h = EMPTY_PHRASE;
            for j in i..tokens.len().min(i + MAX_PHRASE) {
                // A phrase never spans a sentence break.
                if j > i && tokens[j].sentence_start {
                    break;
                }
                h = extend_phrase(h, lower[j]);
                let found = self.entries.get(&h).copied().unwrap_or(0);
                let bits = found & !CONTINUES;
                if bits != 0 {
                    out[i].begin |= bits;
                    for m in &mut out[i + 1..=j] {
                        m.inside |= bits;
                    }
                }
                if found & CONTINUES == 0 {
                    break;
                }
            }
        }
    }

    /// Serialises as a count then sorted `(hash, bits)` pairs, little-endian.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let mut pairs: Vec<(u64, u16)> = self.entries.iter().map(|(&h, &b)| (h, b)).collect();
        pairs.sort_unstable();
        out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (h, b) in pairs {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
    }

    /// Reads what [`Gazetteer::write_to`] wrote; returns it and the bytes after it.
    pub fn read_from(bytes: &[u8]) -> Option<(Gazetteer, &[u8])> {
        let n = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
        let body = bytes.get(8..8 + n.checked_mul(10)?)?;
        let mut entries = HashKeyMap::default();
        entries.reserve(n);
        for pair in body.chunks_exact(10) {
            let h = u64::from_le_bytes(pair[..8].try_into().ok()?);
            let b = u16::from_le_bytes(pair[8..].try_into().ok()?);
            entries.insert(h, b);
        }
        Some((Gazetteer { entries }, &bytes[8 + n * 10..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_multiword_phrases_and_round_trips() {
        let mut g = Gazetteer::default();
        g.add_list(
            Category::Country,
            "South Korea\nKorea\nRepublic of the Congo\n",
        );
        g.add_list(Category::FirstName, "Victor");
        assert_eq!(g.len(), 4);
        let mut bytes = Vec::new();
        g.write_to(&mut bytes);
        let (g, rest) = Gazetteer::read_from(&bytes).unwrap();
        assert!(rest.is_empty());
        let text = "Victor visited south Korea and the Republic of the Congo";
        let tokens = tokenize(text);
        let lower: Vec<u64> = tokens.iter().map(|t| hash_lower(t.text(text))).collect();
        let mut m = Vec::new();
        g.matches(&tokens, &lower, &mut m);
        assert_eq!(m[0].begin, Category::FirstName as u16);
        assert_eq!(m[2].begin, Category::Country as u16);
        assert_eq!(
            m[3],
            Match {
                begin: Category::Country as u16,
                inside: Category::Country as u16
            }
        );
        // `Republic of the` is no phrase of its own, only the start of one.
        assert_eq!(g.word("Republic"), 0);
        assert_eq!(m[6].begin, Category::Country as u16);
        assert!((7..10).all(|k| m[k].inside == Category::Country as u16 && m[k].begin == 0));
    }
}
