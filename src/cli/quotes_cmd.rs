//! `dateline quotes`: search quotations and print them with their speakers.

use std::io::Write;
use std::process::ExitCode;

use super::args::{Cli, QuotesArgs};
use super::search_cmd::highlight;
use super::style::Style;
use dateline::search::{ArchiveSearcher, QuoteRequest};

/// Runs `dateline quotes`.
pub fn run(cli: &Cli, args: &QuotesArgs) -> anyhow::Result<ExitCode> {
    let request = QuoteRequest {
        filters: args.filters.to_filters()?,
        speakers: args.speaker.clone(),
        limit: args.limit as usize,
    };
    let results = ArchiveSearcher::open(&cli.index_dir())?.quotes(&request)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&results)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let style = Style::stdout();
    for (rank, hit) in results.hits.iter().enumerate() {
        let speaker = hit.speaker.as_deref().unwrap_or("(unattributed)");
        let date = hit.date.as_deref().unwrap_or("undated");
        writeln!(
            out,
            "{:>3}. {}  {}",
            rank + 1,
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
    match results.hits.len() {
        0 => writeln!(out, "No matching quotations.")?,
        shown => writeln!(
            out,
            "{} matching quotation{} (showing {shown}).",
            results.total,
            if results.total == 1 { "" } else { "s" }
        )?,
    }
    Ok(ExitCode::SUCCESS)
}
