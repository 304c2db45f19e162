//! Searching quotations: hits are quotes with their speaker, not articles.

use crate::contract::{QuoteHit, QuoteResults};
use tantivy::collector::Count;
use tantivy::snippet::SnippetGenerator;
use tantivy::TantivyDocument;

use super::{
    first_date, first_text, query, ranked_page, ArchiveSearcher, Filters, SearchError, Sort,
};

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
        let generator = match &built.text {
            Some(text) => {
                let mut generator =
                    SnippetGenerator::create(&searcher, text.as_ref(), fields.quote)?;
                generator.set_max_num_chars(WHOLE_QUOTE_CHARS);
                Some(generator)
            }
            None => None,
        };
        let mut ranked = Vec::with_capacity(addresses.len());
        for (key, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = first_text(&doc, fields.quote_text).unwrap_or_default();
            let highlights = match &generator {
                Some(generator) => {
                    let snippet = generator.snippet(&text);
                    let offset = snippet.fragment_range().start;
                    super::snippet::merge_ranges(snippet.highlighted(), offset)
                }
                None => Vec::new(),
            };
            let id = first_text(&doc, fields.id).unwrap_or_default();
            ranked.push((
                key,
                format!("{text}\0{id}"),
                QuoteHit {
                    speaker: first_text(&doc, fields.speaker)
                        .map(|speaker| names.speaker(&speaker).to_string()),
                    text,
                    date: first_date(&doc, fields.date),
                    article_id: first_text(&doc, fields.article_id).unwrap_or_default(),
                    title: first_text(&doc, fields.title).unwrap_or_default(),
                    highlights,
                },
            ));
        }
        Ok(QuoteResults {
            query: request.filters.query.clone(),
            total,
            hits: super::settle_ties(ranked),
        })
    }
}
