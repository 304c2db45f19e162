//! `dateline-bench`: the one-command benchmark suite (see docs/benchmarks.md).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use dateline_bench::{self as bench, dateline_cli, pool, Config};

/// Generate a news archive, index it with `dateline`, time indexing, re-indexing,
/// extraction, tantivy and a query mix, compare with SQLite FTS5 and ripgrep
/// (and Recoll) when installed, and print the figures against the targets.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Articles to generate (10000 is a quick run; 1000000 takes hours).
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// Seed of the archive and the query mix.
    #[arg(long, default_value_t = 20_241_023)]
    seed: u64,
    /// Also write the figures as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json_out: Option<PathBuf>,
    /// Where to put the archive and the indexes [default: a new folder in the temp dir].
    #[arg(long, value_name = "DIR")]
    work_dir: Option<PathBuf>,
    /// Keep the archive and indexes afterwards (removed by default; other files in the work folder are never touched).
    #[arg(long)]
    keep: bool,
    /// The `dateline` binary to measure [default: the one beside this program, built first under `cargo run`].
    #[arg(long, value_name = "PATH")]
    dateline_bin: Option<PathBuf>,
    /// Source articles (files or folders) [default: ../shared/data's corpora if present, else sample_corpus].
    #[arg(long, value_name = "PATH")]
    source: Vec<PathBuf>,
    /// Timed rounds of the query mix, after one warm-up round (the server's
    /// load takes at most 5).
    #[arg(long, default_value_t = 20)]
    rounds: usize,
    /// Longest time, in seconds, to spend measuring extraction alone.
    #[arg(long, default_value_t = 15.0)]
    extract_seconds: f64,
    /// Share of the articles (0 to 1) planted as copies of earlier ones with
    /// small edits; the copies the index finds are then scored against them.
    #[arg(long, default_value_t = 0.0, value_name = "SHARE", value_parser = copy_share)]
    copies: f64,
    /// Leave a peer out even when it is installed (repeatable): Recoll
    /// indexes about 1 MB/s, so a million-article run takes it over an hour.
    #[arg(long, value_enum, value_name = "PEER")]
    without: Vec<bench::Peer>,
}

/// A share from 0 to 1.
fn copy_share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(share) if (0.0..=1.0).contains(&share) => Ok(share),
        _ => Err(format!("{text} is not a share from 0 to 1")),
    }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let dateline = dateline_cli::locate(args.dateline_bin.as_deref())?;
    let work_dir = match &args.work_dir {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!("dateline-bench-{}", std::process::id())),
    };
    std::fs::create_dir_all(&work_dir)
        .with_context(|| format!("could not create {}", work_dir.display()))?;
    let sources = if args.source.is_empty() {
        pool::default_sources(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")))
    } else {
        args.source.clone()
    };
    let config = Config {
        articles: args.articles,
        seed: args.seed,
        sources,
        work_dir: work_dir.clone(),
        dateline,
        rounds: args.rounds.max(1),
        extract_budget: Duration::from_secs_f64(args.extract_seconds.max(0.0)),
        copy_share: args.copies,
        without: args.without.clone(),
    };
    let started = std::time::Instant::now();
    let log = |step: &str| eprintln!("[{:>6.1} s] {step}", started.elapsed().as_secs_f64());
    let result = bench::run(&config, &log);
    // Written before the clean-up, which removes the work folder when
    // nothing else is in it: the JSON may be meant to go there.
    let written = match (&result, &args.json_out) {
        (Ok(report), Some(path)) => write_json(report, path),
        _ => Ok(()),
    };
    if !args.keep {
        // The work folder can hold gigabytes: clean up even when a step failed.
        if let Err(error) = bench::remove_work(&work_dir) {
            eprintln!("could not clean up {}: {error}", work_dir.display());
        }
    }
    let report = result.context("benchmark failed")?;
    print!("{}", report.table());
    written
}

/// Writes `report` as JSON to `path`.
fn write_json(report: &bench::report::Report, path: &Path) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(report)?;
    std::fs::write(path, json + "\n").with_context(|| format!("could not write {}", path.display()))
}
