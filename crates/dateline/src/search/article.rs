//! One stored article, looked up by id (`dateline show`).

use crate::contract::{StoredArticle, StoredQuote};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, TantivyDocument, Term};

use super::query::of_kind;
use super::{all_text, first_date, first_text, first_u64, ArchiveSearcher, SearchError};
use crate::index::document::quote_number;
use crate::index::roots::Roots;
use crate::index::schema::kinds;

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
        self.stored(&doc, &self.archive().roots()?).map(Some)
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
        let roots = self.archive().roots()?;
        Ok(addresses.into_iter().map(move |address| {
            let doc: TantivyDocument = searcher.doc(address)?;
            self.stored(&doc, &roots)
        }))
    }

    /// The article a stored document holds, with its quotations.
    fn stored(&self, doc: &TantivyDocument, roots: &Roots) -> Result<StoredArticle, SearchError> {
        let fields = &self.archive().fields;
        let id = first_text(doc, fields.id).unwrap_or_default();
        let quotes = self.quotes_of(&id)?;
        Ok(StoredArticle {
            id,
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
            body: first_text(doc, fields.body).unwrap_or_default(),
        })
    }

    /// The quotations of one article, in text order.
    fn quotes_of(&self, article_id: &str) -> Result<Vec<StoredQuote>, SearchError> {
        let fields = &self.archive().fields;
        let searcher = self.searcher();
        let query = BooleanQuery::new(vec![
            (Occur::Must, of_kind(fields, kinds::QUOTE)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.article_id, article_id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let limit = searcher.search(&query, &Count)?.max(1);
        let mut numbered = Vec::with_capacity(limit);
        for (_, address) in searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())? {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = first_text(&doc, fields.id).unwrap_or_default();
            let number: usize = quote_number(&id).unwrap_or(usize::MAX);
            let quote = StoredQuote {
                speaker: first_text(&doc, fields.speaker),
                text: first_text(&doc, fields.quote_text).unwrap_or_default(),
            };
            numbered.push((number, quote));
        }
        numbered.sort_by_key(|(number, _)| *number);
        Ok(numbered.into_iter().map(|(_, quote)| quote).collect())
    }
}
