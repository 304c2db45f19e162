//! English stems, remembered per thread: a token filter giving exactly the
//! stems of tantivy's English `Stemmer`, which it asks only for words it has
//! not seen lately. News repeats its words, and stemming each occurrence
//! again was a tenth of the work of a search page (its snippets tokenize
//! every hit's whole text) and of indexing.

use std::cell::RefCell;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words whose stems a thread remembers; past this, it starts afresh
/// (about 2 MB a thread at most).
const REMEMBERED: usize = 1 << 16;

/// A thread's stems of the words it has seen: the words and stems back to
/// back in one string, and a table of where each lies. Looking a word up
/// then reads a small table entry and a nearby stretch of that string,
/// where a map of `String`s read two heap strings at random places.
struct Stems {
    /// Each remembered word followed by its stem.
    text: String,
    known: HashTable<Remembered>,
    /// tantivy's stemmer, over one word at a time.
    stemmer: TextAnalyzer,
}

/// Where a remembered word and its stem lie in [`Stems::text`].
#[derive(Debug, Clone, Copy)]
struct Remembered {
    hash: u64,
    start: u32,
    word_len: u32,
    /// `None` when the stem is the word itself.
    stem_len: Option<u32>,
}

impl Remembered {
    fn word(self, text: &str) -> &str {
        &text[self.start as usize..(self.start + self.word_len) as usize]
    }
}

impl Stems {
    fn new() -> Stems {
        Stems {
            text: String::new(),
            known: HashTable::new(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Replaces `word` with its stem.
    fn stem(&mut self, word: &mut String) {
        let hash = FxBuildHasher.hash_one(word.as_str());
        let text = &self.text;
        if let Some(&known) = self
            .known
            .find(hash, |r| r.hash == hash && r.word(text) == word.as_str())
        {
            if let Some(stem_len) = known.stem_len {
                let start = (known.start + known.word_len) as usize;
                word.clear();
                word.push_str(&text[start..start + stem_len as usize]);
            }
            return;
        }
        let mut stream = self.stemmer.token_stream(word);
        let Some(stem) = stream.next().map(|token| token.text.clone()) else {
            return;
        };
        drop(stream);
        if self.known.len() >= REMEMBERED
            || self.text.len() + word.len() + stem.len() > u32::MAX as usize
        {
            self.known.clear();
            self.text.clear();
        }
        let remembered = Remembered {
            hash,
            start: self.text.len() as u32,
            word_len: word.len() as u32,
            stem_len: (stem != *word).then_some(stem.len() as u32),
        };
        self.text.push_str(word);
        if remembered.stem_len.is_some() {
            self.text.push_str(&stem);
        }
        self.known.insert_unique(hash, remembered, |r| r.hash);
        *word = stem;
    }
}

thread_local! {
    static STEMS: RefCell<Stems> = RefCell::new(Stems::new());
}

/// The token filter: English stems, as tantivy's `Stemmer::new(Language::English)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnglishStems;

impl TokenFilter for EnglishStems {
    type Tokenizer<T: Tokenizer> = EnglishStemsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EnglishStemsFilter<T> {
        EnglishStemsFilter { inner: tokenizer }
    }
}

/// A tokenizer whose tokens [`EnglishStems`] stems.
#[derive(Debug, Clone)]
pub struct EnglishStemsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemsFilter<T> {
    type TokenStream<'a> = EnglishStemsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EnglishStemsStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The tokens of [`EnglishStemsFilter`].
pub struct EnglishStemsStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for EnglishStemsStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let word = &mut self.tail.token_mut().text;
        STEMS.with_borrow_mut(|stems| stems.stem(word));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.clone());
        }
        tokens
    }

    #[test]
    fn stems_are_tantivys_whether_remembered_or_not() {
        let text = "Troops were running; the running troops ran. Generously, \
                    the agencies' agency agreed: happily, happiness, RUNNING troops.";
        let words = || TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser);
        let tantivy = tokens(
            words().filter(Stemmer::new(Language::English)).build(),
            text,
        );
        assert!(tantivy.iter().any(|token| token.text == "troop"));
        for _ in 0..2 {
            assert_eq!(tokens(words().filter(EnglishStems).build(), text), tantivy);
        }
    }

    #[test]
    fn a_full_memory_starts_afresh_and_stems_alike() {
        let mut stems = Stems::new();
        for n in 0..REMEMBERED + 3 {
            let mut word = format!("agencies{n}");
            stems.stem(&mut word);
        }
        assert!(stems.known.len() < 10);
        assert!(stems.text.len() < 200);
        let mut word = "agencies".to_string();
        stems.stem(&mut word);
        assert_eq!(word, "agenc");
    }
}
