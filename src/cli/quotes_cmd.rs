//! `dateline quotes`: search quotations and print them with their speakers.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{Cli, QuotesArgs};
use super::output::{self, Listing};
use super::search_cmd::highlight;
use super::style::Style;
use crate::display::{day, day_or_empty};
use dateline::search::{ArchiveSearcher, QuoteRequest, QuoteResults};

/// Runs `dateline quotes`.
pub fn run(cli: &Cli, args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    let request = QuoteRequest {
        filters: args.filters.to_filters()?,
        limit: args.limit as usize,
        offset: args.offset,
    };
    let results = ArchiveSearcher::open(&cli.index_dir())?.quotes(&request)?;
    let page = QuotePage {
        results: &results,
        offset: args.offset,
    };
    output::print(&page, args.format.get())?;
    Ok(ExitCode::SUCCESS)
}

/// A page of quotations, as `dateline quotes` prints them.
#[derive(Serialize)]
#[serde(transparent)]
struct QuotePage<'a> {
    results: &'a QuoteResults,
    /// Quotations skipped before this page: ranks start after it.
    #[serde(skip)]
    offset: usize,
}

impl Listing for QuotePage<'_> {
    fn csv_header(&self) -> &'static [&'static str] {
        &["rank", "speaker", "date", "text", "title", "article_id"]
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        output::ranked(self.offset, &self.results.hits)
            .map(|(rank, hit)| {
                vec![
                    rank,
                    hit.speaker.clone().unwrap_or_default(),
                    day_or_empty(hit.date),
                    hit.text.clone(),
                    hit.title.clone(),
                    hit.article_id.clone(),
                ]
            })
            .collect()
    }

    fn write_text(&self, mut out: &mut dyn Write) -> std::io::Result<()> {
        print_quotes(&mut out, self.results, self.offset)
    }
}

/// Prints the quotations as text, ranks starting after `offset`.
fn print_quotes(
    out: &mut impl Write,
    results: &QuoteResults,
    offset: usize,
) -> std::io::Result<()> {
    let style = Style::stdout();
    for (rank, hit) in results.hits.iter().enumerate() {
        let speaker = hit.speaker.as_deref().unwrap_or("(unattributed)");
        let date = day(hit.date);
        writeln!(
            out,
            "{:>3}. {}  {}",
            offset + rank + 1,
            style.bold(speaker),
            style.green(&date)
        )?;
        match &hit.text_error {
            Some(error) => writeln!(out, "     {}", style.dim(&format!("(no text: {error})")))?,
            None => writeln!(out, "     {}", highlight(style, &hit.text, &hit.highlights))?,
        }
        writeln!(
            out,
            "     {}",
            style.dim(&format!("{} · id {}", hit.title, hit.article_id))
        )?;
        writeln!(out)?;
    }
    let plural = if results.total == 1 { "" } else { "s" };
    match results.hits.len() {
        0 if results.total > 0 => writeln!(out, "{} matching quotation{plural}.", results.total),
        0 => writeln!(out, "No matching quotations."),
        shown => writeln!(
            out,
            "{} matching quotation{plural} (showing {}-{}).",
            results.total,
            offset + 1,
            offset + shown
        ),
    }
}
