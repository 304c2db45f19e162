//! `dateline export`: the indexed articles for Quickwit or OpenSearch.

use std::path::Path;
use std::process::ExitCode;

use super::args::{Cli, EngineArg, ExportArgs};
use dateline::export::{write_opensearch_chunks, write_quickwit};
use dateline::search::ArchiveSearcher;

/// Runs `dateline export`; the count goes to standard error, so that
/// standard output holds only documents.
pub fn run(cli: &Cli, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let searcher = ArchiveSearcher::open(&cli.index_dir())?;
    // An article whose file no longer gives its text is left out, not
    // exported without it, and the run fails once the others are written.
    let mut without_text = Vec::new();
    let articles = searcher.articles()?.filter(|article| match article {
        Ok(article) if article.text_error.is_some() => {
            without_text.extend(article.text_error.clone());
            false
        }
        _ => true,
    });
    match (args.format, &args.output) {
        (EngineArg::Quickwit, Some(path)) => {
            let file = std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("{}: cannot create: {e}", path.display()))?;
            let written = write_quickwit(articles, file, path)?;
            eprintln!("{written} articles written to {}", path.display());
        }
        (EngineArg::Quickwit, None) => {
            let written = write_quickwit(articles, std::io::stdout().lock(), Path::new("-"))?;
            eprintln!("{written} articles written");
        }
        (EngineArg::Opensearch, output) => {
            let dir = output
                .as_deref()
                .expect("clap requires --output for opensearch");
            let chunk_bytes = usize::try_from(args.chunk_mb)? * 1_000_000;
            let summary = write_opensearch_chunks(articles, &args.index_name, chunk_bytes, dir)?;
            eprintln!(
                "{} articles written in {} _bulk chunks to {}",
                summary.articles,
                summary.files.len(),
                dir.display()
            );
        }
    }
    if let Some(first) = without_text.first() {
        eprintln!(
            "error: {} articles were left out, their text unreadable; the first: {first}",
            without_text.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
