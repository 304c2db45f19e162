//! Searching quotations: hits are quotes with their speaker, not articles.

use crate::contract::{QuoteHit, QuoteResults};
use rayon::prelude::*;
use tantivy::collector::Count;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::{
    first_date, first_text, join, query, ranked_page, ArchiveSearcher, Filters, SearchError, Sort,
};
use crate::index::document::quote_id;
use crate::index::roots::Roots;

/// A quote search: which quotes, how many.
#[derive(Debug, Clone, Default)]
pub struct QuoteRequest {
    /// Text query over the quotes, their speakers, and filters on their
    /// articles (people, organizations, places, source, dates).
    pub filters: Filters,
    /// Number of hits to return; 0 only counts them.
    pub limit: usize,
    /// Number of hits to skip; `offset + limit` is at most [`super::MAX_PAGE_END`].
    pub offset: usize,
}

/// Long enough that the snippet generator keeps a whole quotation.
const WHOLE_QUOTE_CHARS: usize = 100_000;

impl ArchiveSearcher {
    /// Quotations matching a request: by relevance with a text query, newest first without.
    pub fn quotes(&self, request: &QuoteRequest) -> Result<QuoteResults, SearchError> {
        let limit = request.limit;
        super::page_end(request.offset, limit)?;
        let searcher = self.searcher();
        let fields = &self.archive().fields;
        let names = self.names();
        let built = query::build_quotes(self.archive(), &names, &request.filters)?;
        if limit == 0 {
            return Ok(QuoteResults {
                query: request.filters.query.clone(),
                total: searcher.search(&built.full, &Count)?,
                hits: Vec::new(),
            });
        }
        let sort = match &built.text {
            Some(_) => Sort::Relevance,
            None => Sort::Newest,
        };
        let (addresses, total) =
            ranked_page(&searcher, &built.full, sort, limit, request.offset, Count)?;
        let roots = self.roots()?;
        let generator = match &built.text {
            Some(text) => {
                let mut generator =
                    SnippetGenerator::create(&searcher, text.as_ref(), fields.quote)?;
                generator.set_max_num_chars(WHOLE_QUOTE_CHARS);
                Some(generator)
            }
            None => None,
        };
        // Each hit's stored documents and highlights are its own: they are
        // read on every core, as an article search's are.
        let ranked = self.on_search_threads(|| {
            addresses
                .into_par_iter()
                .map(|(key, address)| -> Result<_, SearchError> {
                    let quote = self.stored_quote(&searcher, &roots, address)?;
                    let highlights = match &generator {
                        Some(generator) => {
                            let snippet = generator.snippet(&quote.text);
                            let offset = snippet.fragment_range().start;
                            super::snippet::merge_ranges(snippet.highlighted(), offset)
                        }
                        None => Vec::new(),
                    };
                    Ok((
                        key,
                        format!("{}\0{}", quote.text, quote.id),
                        QuoteHit {
                            speaker: quote
                                .speaker
                                .map(|speaker| names.speaker(&speaker).to_string()),
                            text: quote.text,
                            date: first_date(&quote.article, fields.date),
                            article_id: first_text(&quote.article, fields.id).unwrap_or_default(),
                            title: first_text(&quote.article, fields.title).unwrap_or_default(),
                            highlights,
                            text_error: quote.text_error,
                        },
                    ))
                })
                .collect::<Result<Vec<_>, _>>()
        })?;
        Ok(QuoteResults {
            query: request.filters.query.clone(),
            total,
            hits: super::settle_ties(ranked),
        })
    }
}

/// A quotation read from the index, with its article's document.
struct FoundQuote {
    /// Its id ([`quote_id`]), by which quotations of equal rank are ordered.
    id: String,
    /// Its text, from its article's.
    text: String,
    /// Its speaker as the article names them, if known.
    speaker: Option<String>,
    /// Its article's stored document.
    article: TantivyDocument,
    /// Why its text could not be read from its article's file, if it could not.
    text_error: Option<String>,
}

impl ArchiveSearcher {
    /// The quotation at `address`, with its article.
    fn stored_quote(
        &self,
        searcher: &Searcher,
        roots: &Roots,
        address: DocAddress,
    ) -> Result<FoundQuote, SearchError> {
        let fields = &self.archive().fields;
        let (article_address, number) = join::article_of(searcher, address)?;
        let article: TantivyDocument = searcher.doc(article_address)?;
        let quote_doc: TantivyDocument = searcher.doc(address)?;
        let article_id = first_text(&article, fields.id).unwrap_or_default();
        let (text, text_error) = match super::article::quote_of(fields, roots, &article, &quote_doc)
        {
            Ok(quote) => (quote.text, None),
            Err(e) => (String::new(), Some(e.to_string())),
        };
        Ok(FoundQuote {
            id: quote_id(&article_id, number),
            text,
            speaker: first_text(&quote_doc, fields.speaker),
            article,
            text_error,
        })
    }
}
