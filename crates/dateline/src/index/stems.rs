//! English stems, remembered per thread: a token filter giving exactly the
//! stems of tantivy's English `Stemmer`, which it asks only for words it has
//! not seen lately. News repeats its words, and stemming each occurrence
//! again was a tenth of the work of a search page (its snippets tokenize
//! every hit's whole text) and of indexing.

use std::cell::RefCell;
use std::ops::Range;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::packed::PackedMap;

/// Words whose stems a thread remembers; past this, it starts afresh
/// (a few MB a thread at most: the words are at most
/// [`super::schema::LONGEST_WORD`] bytes).
const REMEMBERED: usize = 1 << 16;

/// A thread's stems of the words it has seen, each stem packed right after
/// its word (see [`PackedMap`]).
struct Stems {
    /// Each word's stem, or `None` when the stem is the word itself.
    known: PackedMap<Option<Range<usize>>>,
    /// tantivy's stemmer, over one word at a time.
    stemmer: TextAnalyzer,
}

impl Stems {
    fn new() -> Stems {
        Stems {
            known: PackedMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Replaces `word` with its stem.
    fn stem(&mut self, word: &mut String) {
        if self.known.len() >= REMEMBERED {
            self.known.clear();
        }
        let Stems { known, stemmer } = self;
        let (stem, _) = known.get_or_insert_with(word, |text| {
            let mut stream = stemmer.token_stream(word);
            let stem = stream.next().map(|token| token.text.as_str())?;
            (stem != word.as_str()).then(|| {
                let start = text.len();
                text.push_str(stem);
                start..text.len()
            })
        });
        if let Some(stem) = stem.clone() {
            word.clear();
            word.push_str(known.text(stem));
        }
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
        let mut word = "agencies".to_string();
        stems.stem(&mut word);
        assert_eq!(word, "agenc");
    }
}
