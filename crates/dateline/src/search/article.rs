//! One stored article, looked up by id (`dateline show`).

use crate::contract::{StoredArticle, StoredQuote};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::query::of_kind;
use super::text::{self, TextUnavailable};
use super::{all_text, first_date, first_text, first_u64, join, ArchiveSearcher, SearchError};
use crate::index::document::text_of;
use crate::index::roots::Roots;
use crate::index::schema::{kinds, Fields};

impl ArchiveSearcher {
    /// The article with this id, if the index has it.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, SearchError> {
        let fields = &self.archive().fields;
        let searcher = self.searcher();
        let query = BooleanQuery::new(vec![
            (Occur::Must, of_kind(fields, kinds::ARTICLE)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.id, id.trim()),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        self.stored(&searcher, *address, &doc, &*self.roots()?)
            .map(Some)
    }

    /// Every article of the index, as [`ArchiveSearcher::article`] gives
    /// each, read one at a time (for `dateline export`).
    pub fn articles(
        &self,
    ) -> Result<impl Iterator<Item = Result<StoredArticle, SearchError>> + '_, SearchError> {
        let searcher = self.searcher();
        let articles = of_kind(&self.archive().fields, kinds::ARTICLE);
        let mut addresses: Vec<DocAddress> = searcher
            .search(&articles, &DocSetCollector)?
            .into_iter()
            .collect();
        // Store order: documents of one block are read together.
        addresses.sort_unstable();
        let roots = self.roots()?;
        Ok(addresses.into_iter().map(move |address| {
            let doc: TantivyDocument = searcher.doc(address)?;
            self.stored(&searcher, address, &doc, &roots)
        }))
    }

    /// The article a stored document (at `address`) holds, with its quotations.
    fn stored(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        doc: &TantivyDocument,
        roots: &Roots,
    ) -> Result<StoredArticle, SearchError> {
        let fields = &self.archive().fields;
        let body = text::body_of(fields, roots, doc);
        let text = body
            .as_ref()
            .map(|body| article_text(fields, doc, body))
            .unwrap_or_default();
        let mut quotes = Vec::new();
        for quote in join::quotes_of(searcher, address)? {
            quotes.push(quote_in(fields, &text, &searcher.doc(quote)?));
        }
        let (body, text_error) = match body {
            Ok(body) => (body, None),
            Err(e) => (String::new(), Some(e.to_string())),
        };
        Ok(StoredArticle {
            id: first_text(doc, fields.id).unwrap_or_default(),
            date: first_date(doc, fields.date),
            title: first_text(doc, fields.title).unwrap_or_default(),
            source: first_text(doc, fields.source),
            byline: first_text(doc, fields.byline),
            path: first_text(doc, fields.path)
                .map(|key| roots.display(&key))
                .unwrap_or_default(),
            line: first_u64(doc, fields.line),
            url: first_text(doc, fields.url),
            people: all_text(doc, fields.people),
            organizations: all_text(doc, fields.organizations),
            places: all_text(doc, fields.places),
            quotes,
            body,
            text_error,
        })
    }
}

/// The text a stored article's quotation spans point into: its headline and
/// body as the extractor read them.
fn article_text(fields: &Fields, article: &TantivyDocument, body: &str) -> String {
    let title = article.get_first(fields.title).and_then(|v| v.as_str());
    text_of(title.unwrap_or_default(), body)
}

/// A stored quotation of the article whose [`article_text`] is `text`
/// (empty when the article's text could not be read).
fn quote_in(fields: &Fields, text: &str, quote: &TantivyDocument) -> StoredQuote {
    let mut span = quote.get_all(fields.quote_span).filter_map(|v| v.as_u64());
    let (start, end) = (span.next().unwrap_or(0), span.next().unwrap_or(0));
    let quoted = usize::try_from(start)
        .ok()
        .zip(usize::try_from(end).ok())
        .and_then(|(start, end)| text.get(start..end));
    StoredQuote {
        speaker: first_text(quote, fields.speaker),
        text: quoted.unwrap_or_default().to_string(),
    }
}

/// A stored quotation of a stored article, whose text is read with
/// [`text::body_of`].
pub(super) fn quote_of(
    fields: &Fields,
    roots: &Roots,
    article: &TantivyDocument,
    quote: &TantivyDocument,
) -> Result<StoredQuote, TextUnavailable> {
    let body = text::body_of(fields, roots, article)?;
    Ok(quote_in(
        fields,
        &article_text(fields, article, &body),
        quote,
    ))
}
