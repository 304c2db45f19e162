//! `dateline quotes`: search quotations and print them with their speakers.

use std::io::Write;
use std::process::ExitCode;

use super::args::{Cli, OutputFormat, QuotesArgs};
use super::search_cmd::highlight;
use super::style::Style;
use dateline::search::{ArchiveSearcher, QuoteRequest, QuoteResults};

/// Runs `dateline quotes`.
pub fn run(cli: &Cli, args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    let request = QuoteRequest {
        filters: args.filters.to_filters()?,
        limit: args.limit as usize,
        offset: args.offset,
    };
    let results = ArchiveSearcher::open(&cli.index_dir())?.quotes(&request)?;
    let mut out = std::io::stdout().lock();
    match args.format.get() {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string(&results)?)?,
        OutputFormat::Csv => write_csv(out, &results, args.offset)?,
        OutputFormat::Text => print_quotes(&mut out, &results, args.offset)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the quotations as CSV rows, with a header.
fn write_csv(out: impl Write, results: &QuoteResults, offset: usize) -> anyhow::Result<()> {
    let mut out = csv::Writer::from_writer(out);
    out.write_record(["rank", "speaker", "date", "text", "title", "article_id"])?;
    for (rank, hit) in results.hits.iter().enumerate() {
        out.write_record([
            &(offset + rank + 1).to_string(),
            hit.speaker.as_deref().unwrap_or_default(),
            hit.date.as_deref().unwrap_or_default(),
            &hit.text,
            &hit.title,
            &hit.article_id,
        ])?;
    }
    out.flush()?;
    Ok(())
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
        let date = hit.date.as_deref().unwrap_or("undated");
        writeln!(
            out,
            "{:>3}. {}  {}",
            offset + rank + 1,
            style.bold(speaker),
            style.green(date)
        )?;
        writeln!(out, "     {}", highlight(style, &hit.text, &hit.highlights))?;
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
