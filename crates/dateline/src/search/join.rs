//! Quotations and their articles, found by where they are in a segment.
//!
//! An article's quote documents are indexed in one batch with it, right
//! after it (`index::document::documents`), so within a segment an article
//! at `a` with `quote_count` `n` has its quotations at `a + 1 ..= a + n`.
//! tantivy keeps a batch in one segment and merges keep the order of the
//! documents; an article and its quotations are deleted together (they
//! share the file's path and version), so merges never split them. This is
//! what lets a quote document keep no copy of its article's text, names
//! and keys: its text is a span of the article's, and a filter on the
//! article's names reaches its quotations through [`ArticleQuotes`].

use tantivy::columnar::Column;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, TERMINATED,
};

use crate::index::schema::names;

/// The quotations of the articles that a query matches. It adds nothing to
/// a quotation's score: which article a quotation is from filters, it does
/// not rank.
#[derive(Debug)]
pub struct ArticleQuotes {
    articles: Box<dyn Query>,
}

impl ArticleQuotes {
    /// The quotations of the articles `articles` matches (a query that
    /// matches articles only: one on their names, keys or source).
    pub fn new(articles: Box<dyn Query>) -> ArticleQuotes {
        ArticleQuotes { articles }
    }
}

impl Clone for ArticleQuotes {
    fn clone(&self) -> Self {
        ArticleQuotes::new(self.articles.box_clone())
    }
}

impl Query for ArticleQuotes {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let unscored = EnableScoring::disabled_from_schema(enable_scoring.schema());
        Ok(Box::new(ArticleQuotesWeight {
            articles: self.articles.weight(unscored)?,
        }))
    }
}

struct ArticleQuotesWeight {
    articles: Box<dyn Weight>,
}

impl Weight for ArticleQuotesWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let counts = quote_counts(reader)?;
        let max_doc = reader.max_doc();
        let mut quotes = tantivy::BitSet::with_max_value(max_doc);
        let mut articles = self.articles.scorer(reader, 1.0)?;
        let mut article = articles.doc();
        while article != TERMINATED {
            let count = counts.first(article).unwrap_or(0);
            let last = (u64::from(article) + count).min(u64::from(max_doc) - 1) as DocId;
            for quote in article + 1..=last {
                quotes.insert(quote);
            }
            article = articles.advance();
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(quotes), 0.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not a quotation of a matching article"
            )));
        }
        Ok(Explanation::new("quotation of a matching article", 0.0))
    }
}

/// The `quote_count` column of a segment: present on articles only.
fn quote_counts(reader: &SegmentReader) -> tantivy::Result<Column<u64>> {
    reader.fast_fields().u64(names::QUOTE_COUNT)
}

/// The article a quotation is from, and the quotation's number in it (1 for
/// its first).
pub fn article_of(searcher: &Searcher, quote: DocAddress) -> tantivy::Result<(DocAddress, usize)> {
    let counts = quote_counts(searcher.segment_reader(quote.segment_ord))?;
    // The nearest article before the quotation, whose quotations reach it.
    let found = (0..quote.doc_id)
        .rev()
        .find_map(|doc| counts.first(doc).map(|count| (doc, count)));
    match found {
        Some((article, count)) if u64::from(quote.doc_id - article) <= count => Ok((
            DocAddress::new(quote.segment_ord, article),
            (quote.doc_id - article) as usize,
        )),
        _ => Err(misplaced(quote)),
    }
}

/// The quotations of an article, in the order of its text.
pub fn quotes_of(searcher: &Searcher, article: DocAddress) -> tantivy::Result<Vec<DocAddress>> {
    let reader = searcher.segment_reader(article.segment_ord);
    let count = quote_counts(reader)?.first(article.doc_id).unwrap_or(0);
    let last = u64::from(article.doc_id) + count;
    if last >= u64::from(reader.max_doc()) {
        return Err(misplaced(article));
    }
    Ok((article.doc_id + 1..=last as DocId)
        .map(|doc| DocAddress::new(article.segment_ord, doc))
        .collect())
}

/// The error of a quotation found away from its article, which an index
/// this build wrote cannot hold.
fn misplaced(address: DocAddress) -> TantivyError {
    TantivyError::InternalError(format!(
        "document {} of segment {}: a quotation is not next to its article",
        address.doc_id, address.segment_ord
    ))
}
