//! `dateline stats`: what the index holds.

use std::io::Write;
use std::process::ExitCode;

use super::args::{Cli, StatsArgs};
use dateline::search::ArchiveSearcher;

/// Runs `dateline stats`.
pub fn run(cli: &Cli, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let dir = cli.index_dir();
    let stats = ArchiveSearcher::open(&dir)?.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&stats)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "index:          {}", dir.display())?;
    writeln!(out, "articles:       {}", stats.articles)?;
    writeln!(out, "stories:        {}", stats.stories)?;
    match (&stats.first_date, &stats.last_date) {
        (Some(first), Some(last)) => writeln!(out, "dates:          {first} to {last}")?,
        _ => writeln!(out, "dates:          none")?,
    }
    writeln!(out, "undated:        {}", stats.undated)?;
    writeln!(out, "people:         {}", stats.people)?;
    writeln!(out, "organizations:  {}", stats.organizations)?;
    writeln!(out, "places:         {}", stats.places)?;
    writeln!(
        out,
        "size on disk:   {:.1} MB",
        stats.index_bytes as f64 / 1e6
    )?;
    Ok(ExitCode::SUCCESS)
}
