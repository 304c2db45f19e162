//! A tiny tokenizer for the few dozen bytes around a quotation, and the
//! closed word classes attribution needs (pronouns, titles, determiners).
//! Not `extract::tokenize`, which splits `Du-yeon` and `Ode's` for the
//! tagger's features: here a speaker's name and a party label stay whole.

/// A token: a word (letters, digits, inner `-`, `'`, `.`) or one punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Whether this is a word rather than punctuation.
    pub fn is_word(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }
}

/// Tokens of `text[start..end]`, in order.
pub(super) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text[start..end].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                start: at,
                end: at + c.len_utf8(),
            });
            continue;
        }
        let mut stop = at + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            let inner = matches!(d, '-' | '\'' | '’' | '.' | '&');
            let joins = inner
                && text[start + j + d.len_utf8()..end]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if d.is_alphanumeric() || joins {
                stop = start + j + d.len_utf8();
                chars.next();
            } else if d == '.'
                && (is_abbreviation(&text[at..stop])
                    || continues_sentence(&text[start + j + 1..end]))
            {
                // Keep the period of `Mr.`, `U.S.` or `R-Wis., said` so it does
                // not end a sentence.
                stop = start + j + 1;
                chars.next();
                break;
            } else {
                break;
            }
        }
        out.push(Token {
            start: at,
            end: stop,
        });
    }
    out
}

/// Whether text after a period goes on with the same sentence (a lowercase
/// word, a comma), so the period belonged to an abbreviation; a closing
/// parenthesis in between does not end it (`Ron Lee (D-Ore.) said`).
fn continues_sentence(after: &str) -> bool {
    let after = after.trim_start();
    after
        .strip_prefix(')')
        .unwrap_or(after)
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';'))
}

/// Words whose trailing period is part of the word, not a sentence end; not
/// the tagger's list, which is tied to its model (`extract/tokenize.rs`).
fn is_abbreviation(word: &str) -> bool {
    let single_letter = word.chars().count() == 1 && word.starts_with(|c: char| c.is_uppercase());
    single_letter
        || word.contains('.')
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Adm"
                | "Maj"
                | "Prof"
                | "St"
                | "Jr"
                | "Sr"
                | "Rev"
                | "Hon"
                | "Pres"
                | "No"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "Jan"
                | "Feb"
                | "Aug"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
                | "vs"
                | "Mt"
                | "Ft"
                | "Supt"
                | "Cmdr"
                | "Atty"
                | "Sec"
        )
}

/// Whether a token ends a sentence (`.`, `!`, `?`; abbreviations keep their period).
pub(super) fn ends_sentence(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?")
}

/// Whether `word` starts with an uppercase letter.
pub(super) fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Personal pronouns that can be the subject of a speech verb.
pub(super) fn pronoun(word: &str) -> Option<Pronoun> {
    match word {
        "he" | "He" | "him" => Some(Pronoun::Male),
        "she" | "She" | "her" => Some(Pronoun::Female),
        "they" | "They" | "we" | "We" => Some(Pronoun::Plural),
        "it" | "It" => Some(Pronoun::Neuter),
        "I" | "you" | "You" => Some(Pronoun::Other),
        _ => None,
    }
}

/// What a subject pronoun may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pronoun {
    /// `he`
    Male,
    /// `she`
    Female,
    /// `they`, `we`: people or organizations.
    Plural,
    /// `it`: an organization (`the ministry … it said`).
    Neuter,
    /// `I`, `you`: not resolved.
    Other,
}

/// Titles and honorifics dropped from the front of a textual speaker name.
/// Not the gazetteer's `titles.txt`: that list is a tagger feature in the
/// model and holds given names (`Dean`, `Earl`) this rule would drop outright.
pub(super) fn is_title(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Dr"
            | "Sen"
            | "Senator"
            | "Rep"
            | "Representative"
            | "Gov"
            | "Governor"
            | "Gen"
            | "General"
            | "Lt"
            | "Col"
            | "Colonel"
            | "Sgt"
            | "Capt"
            | "Captain"
            | "Adm"
            | "Admiral"
            | "Maj"
            | "Major"
            | "Prof"
            | "Professor"
            | "Rev"
            | "Reverend"
            | "President"
            | "Vice"
            | "Prime"
            | "Minister"
            | "Secretary"
            | "Chancellor"
            | "Mayor"
            | "Judge"
            | "Justice"
            | "Ambassador"
            | "Chairman"
            | "Chairwoman"
            | "Chair"
            | "Speaker"
            | "Leader"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Pope"
            | "Father"
            | "Sister"
            | "Brother"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
            | "Chief"
            | "Director"
            | "Attorney"
            | "Commissioner"
            | "Superintendent"
            | "Inspector"
            | "Officer"
            | "Detective"
            | "Sheriff"
            | "Deputy"
            | "Former"
            | "Acting"
            | "Candidate"
            | "Democrat"
            | "Republican"
            | "Coach"
            | "CEO"
            | "Premier"
            | "Presidential"
            | "Nominee"
    )
}

/// Words that open a clause or adverbial phrase and so cannot start a speaker's name.
pub(super) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

const FUNCTION_WORDS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "but",
    "and",
    "or",
    "so",
    "however",
    "also",
    "meanwhile",
    "later",
    "when",
    "if",
    "while",
    "earlier",
    "then",
    "yet",
    "still",
    "as",
    "since",
    "because",
    "although",
    "though",
    "asked",
    "speaking",
    "for",
    "from",
    "with",
    "to",
    "of",
    "by",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "now",
    "today",
    "yesterday",
    "last",
    "next",
    "once",
    "instead",
    "finally",
    "indeed",
    "again",
    "even",
    "only",
    "just",
    "what",
    "which",
    "who",
    "where",
    "why",
    "how",
    "not",
];

/// Days and months (`Berg later Thursday told`), which are never speakers.
/// `May` is left out: it is also a surname.
pub(super) fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Today"
            | "Tonight"
    )
}

/// Short words that stay lowercase inside a title (`Voice of the Harbor`).
pub(super) fn is_title_function_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "is"
    )
}

/// Nouns for a work with a title (`his memoir, "…"`, `the ad "…"`).
pub(super) fn is_work_noun(word: &str) -> bool {
    matches!(
        word,
        "show"
            | "program"
            | "programme"
            | "book"
            | "memoir"
            | "novel"
            | "film"
            | "movie"
            | "documentary"
            | "album"
            | "song"
            | "ad"
            | "video"
            | "column"
            | "op-ed"
            | "article"
            | "essay"
            | "series"
            | "project"
            | "slogan"
            | "headline"
            | "play"
            | "musical"
            | "titled"
            | "entitled"
    )
}

/// Nouns for what a person wrote or said (`Ode's statement`).
pub(super) fn is_statement_noun(word: &str) -> bool {
    matches!(
        word,
        "statement"
            | "letter"
            | "tweet"
            | "tweets"
            | "post"
            | "email"
            | "speech"
            | "remarks"
            | "words"
            | "message"
            | "interview"
            | "account"
            | "feed"
            | "page"
            | "website"
            | "blog"
            | "release"
            | "editorial"
            | "report"
            | "copy"
    )
}

/// Determiners that open a common-noun speaker phrase (`the ministry`,
/// `one reader`, `another official`).
pub(super) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "The"
            | "one"
            | "One"
            | "another"
            | "Another"
            | "some"
            | "Some"
            | "several"
            | "Several"
            | "a"
            | "A"
            | "an"
            | "An"
            | "its"
            | "Its"
            | "his"
            | "His"
            | "her"
            | "Her"
            | "their"
            | "Their"
    )
}

/// Words that may stand between a subject and its speech verb (`Cha also said`).
pub(super) fn is_adverb_or_auxiliary(word: &str) -> bool {
    word.ends_with("ly")
        || matches!(
            word,
            "also"
                | "later"
                | "then"
                | "has"
                | "had"
                | "have"
                | "would"
                | "will"
                | "once"
                | "previously"
                | "recently"
                | "again"
                | "further"
                | "simply"
                | "flatly"
                | "just"
                | "repeatedly"
                | "often"
                | "then-"
                | "still"
                | "is"
                | "was"
                | "were"
                | "are"
                | "did"
                | "does"
                | "could"
                | "may"
                | "might"
                | "reportedly"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len()).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn keeps_abbreviations_and_inner_punctuation() {
        assert_eq!(
            words("Sen. Ben Ode's U.S. plan, he said."),
            ["Sen.", "Ben", "Ode's", "U.S.", "plan", ",", "he", "said", "."]
        );
        assert_eq!(words("Kim Du-yeon said:"), ["Kim", "Du-yeon", "said", ":"]);
        assert_eq!(
            words("Ron Lee, R-Wis., said"),
            ["Ron", "Lee", ",", "R-Wis.", ",", "said"]
        );
        assert_eq!(words("It ended. Then"), ["It", "ended", ".", "Then"]);
        assert_eq!(
            words("Ron Lee (D-Ore.) said"),
            ["Ron", "Lee", "(", "D-Ore.", ")", "said"]
        );
        assert_eq!(
            words("(It ended.) Then"),
            ["(", "It", "ended", ".", ")", "Then"]
        );
    }

    #[test]
    fn offsets_are_bytes() {
        let s = "Zoë Müller said";
        let t = tokenize(s, 0, s.len());
        assert_eq!(t[1].text(s), "Müller");
        assert_eq!(t[2].start, s.find("said").unwrap());
    }
}
