//! A fast, allocation-free tokenizer tuned for names in news text.
//!
//! Tokens are byte spans into the text. Hyphens are their own tokens (so
//! `Washington-based` can yield the place `Washington` while `Kim Jong-un`
//! stays one name across three tokens), a possessive `'s` is split off, and a
//! period stays on abbreviations and initials (`Mr.`, `U.S.`, `J.`) so that it
//! neither ends a sentence nor leaves the name.

/// One token: a byte span plus layout facts the tagger needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// The token starts a sentence (or a line/paragraph).
    pub sentence_start: bool,
    /// No whitespace separates this token from the previous one.
    pub glued: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

/// Abbreviations that keep their period (compared case-sensitively, without the period).
/// The model was trained on this tokenization, so the list changes only with
/// a new model; the quotation tokenizer keeps its own (`quotes/words.rs`).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov",
    "Sen", "Rep", "Rev", "Maj", "Cpl", "Adm", "Inc", "Corp", "Co", "Ltd", "No", "vs", "Mt", "Ft",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "etc",
    "Ave", "Blvd", "Dept", "Univ", "approx",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0usize;
    let mut sentence_start = true;
    let mut glued = false;
    while i < bytes.len() {
        let c = char_at(text, i);
        if c.is_whitespace() {
            if c == '\n' {
                sentence_start = true;
            }
            glued = false;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let end = if is_word_char(c) {
            word_end(text, i)
        } else if (c == '\'' || c == '’') && possessive_s(text, i) {
            i + c.len_utf8() + 1
        } else {
            i + c.len_utf8()
        };
        tokens.push(Token {
            start: start as u32,
            end: end as u32,
            sentence_start,
            glued,
        });
        let tok = &text[start..end];
        sentence_start = matches!(tok, "." | "!" | "?")
            || (sentence_start && matches!(tok, "\"" | "“" | "'" | "‘" | "(" | "-" | "—" | "–"));
        glued = true;
        i = end;
    }
    tokens
}

/// True when the apostrophe at `i` starts a possessive `'s` that ends a word.
fn possessive_s(text: &str, i: usize) -> bool {
    let c = char_at(text, i);
    let j = i + c.len_utf8();
    let prev_word = text[..i].chars().next_back().is_some_and(is_word_char);
    prev_word
        && text[j..].starts_with(['s', 'S'])
        && !text[j + 1..].chars().next().is_some_and(is_word_char)
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// End of the word starting at `i`: letters and digits, joined by inner
/// apostrophes (`O'Brien`, not a possessive), `&` (`AT&T`), periods
/// (`U.S`) and digit separators (`1,000`), plus a trailing abbreviation period.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut has_inner_period = false;
    loop {
        while i < bytes.len() {
            let c = char_at(text, i);
            if !is_word_char(c) {
                break;
            }
            i += c.len_utf8();
        }
        if i >= bytes.len() {
            break;
        }
        let c = char_at(text, i);
        let next = text[i + c.len_utf8()..].chars().next();
        let joins = match c {
            '\'' | '’' => !possessive_s(text, i) && next.is_some_and(char::is_alphabetic),
            '&' => next.is_some_and(char::is_uppercase),
            '.' => {
                next.is_some_and(char::is_alphanumeric)
                    && (!next.is_some_and(|n| n.is_lowercase()) || domain_suffix(&text[i + 1..]))
            }
            ',' => bytes[i - 1].is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
            _ => false,
        };
        if !joins {
            break;
        }
        has_inner_period |= c == '.';
        i += c.len_utf8();
    }
    if i < bytes.len() && bytes[i] == b'.' {
        let word = &text[start..i];
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if has_inner_period || single_letter || ABBREVIATIONS.contains(&word) {
            i += 1;
        }
    }
    i
}

/// Token ranges of sentences: the units the tagger decodes and learns from.
pub fn sentences(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate().skip(1) {
        if t.sentence_start {
            out.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Top-level domains that keep `Secunia.com` or `CBC.ca` one token.
const DOMAINS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "int", "info", "io", "co", "uk", "ca", "au", "de", "fr",
    "in", "jp", "ru", "cn", "eu", "nz", "ie",
];

/// True when `rest` starts with a known top-level domain that ends the word.
fn domain_suffix(rest: &str) -> bool {
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    DOMAINS.contains(&&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_possessive_and_hyphen() {
        assert_eq!(
            words("Kim Jong-un's Washington-based ally"),
            [
                "Kim",
                "Jong",
                "-",
                "un",
                "'s",
                "Washington",
                "-",
                "based",
                "ally"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_inner_apostrophes() {
        assert_eq!(
            words("Mr. J. O'Brien of the U.S. said."),
            ["Mr.", "J.", "O'Brien", "of", "the", "U.S.", "said", "."]
        );
        assert_eq!(
            words("AT&T paid 1,000.5 dollars"),
            ["AT&T", "paid", "1,000.5", "dollars"]
        );
    }

    #[test]
    fn marks_sentence_starts() {
        let text = "He left. \"The end\" came.\nNext";
        let starts: Vec<&str> = tokenize(text)
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, ["He", "\"", "The", "Next"]);
    }
}
