//! `dateline stats`: what the index holds.

use std::process::ExitCode;

use super::args::{Cli, StatsArgs};
use dateline::search::ArchiveSearcher;

/// Runs `dateline stats`.
pub fn run(cli: &Cli, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let dir = cli.index_dir();
    let stats = ArchiveSearcher::open(&dir)?.stats()?;
    if args.json {
        println!("{}", serde_json::to_string(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("index:          {}", dir.display());
    println!("articles:       {}", stats.articles);
    match (&stats.first_date, &stats.last_date) {
        (Some(first), Some(last)) => println!("dates:          {first} to {last}"),
        _ => println!("dates:          none"),
    }
    println!("undated:        {}", stats.undated);
    println!("people:         {}", stats.people);
    println!("organizations:  {}", stats.organizations);
    println!("places:         {}", stats.places);
    println!("size on disk:   {:.1} MB", stats.index_bytes as f64 / 1e6);
    Ok(ExitCode::SUCCESS)
}
