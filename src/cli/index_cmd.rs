//! `dateline index`: update the index from archive folders and report.

use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use super::args::{Cli, IndexArgs, DEFAULT_INDEX};
use super::style::{warning_label, Style};
use dateline::extract::{EntityKind, Extractor};
use dateline::index::{self, Progress, UpdateOptions, UpdateSummary};
use dateline::search::facets::NameCount;
use dateline::search::{ArchiveSearcher, Filters, SearchRequest};

/// How many names the summary lists per kind.
const TOP_NAMES: usize = 5;
/// Hits of the example search shown after indexing.
const EXAMPLE_HITS: usize = 2;

/// A progress bar over the bytes to read, drawn on stderr when it is a terminal.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, _files: usize, bytes: u64) {
        self.0.set_length(bytes);
    }
    fn advance(&self, bytes: u64) {
        self.0.inc(bytes);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn progress_bar(quiet: bool) -> Bar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(Some(0), target);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .expect("progress template is valid")
        .progress_chars("=> "),
    );
    Bar(bar)
}

/// The summary as printed by `--json`.
#[derive(Serialize)]
struct JsonSummary<'a> {
    #[serde(flatten)]
    summary: &'a UpdateSummary,
    index: String,
    top_people: Vec<NameCount>,
    top_organizations: Vec<NameCount>,
}

/// Runs `dateline index`.
pub fn run(cli: &Cli, args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let dir = cli.index_dir();
    let extractor = Extractor::new();
    let bar = progress_bar(args.quiet || args.json);
    let options = UpdateOptions {
        rebuild: args.rebuild,
        ..UpdateOptions::default()
    };
    let summary = index::update(&dir, &args.archives, &extractor, options, &bar)
        .with_context(|| format!("could not index into {}", dir.display()))?;

    let kinds = [EntityKind::Person, EntityKind::Organization];
    let searcher = ArchiveSearcher::open(&dir)?;
    let top = searcher.entities(&Filters::default(), &kinds, TOP_NAMES)?;
    let people = top.people.unwrap_or_default();
    let organizations = top.organizations.unwrap_or_default();

    if args.json {
        let json = JsonSummary {
            summary: &summary,
            index: dir.display().to_string(),
            top_people: people,
            top_organizations: organizations,
        };
        println!("{}", serde_json::to_string(&json)?);
    } else {
        print_summary(&summary, &people, &organizations);
        // The first hits of a real search, so a first run shows both halves:
        // the top person with the top organization, else either alone.
        let (person, org) = (people.first(), organizations.first());
        let shown = [(person, org), (person, None), (None, org)]
            .into_iter()
            .filter_map(|(person, org)| example_search(person, org, cli))
            .find_map(|(command, filters)| {
                let request = SearchRequest {
                    filters,
                    limit: EXAMPLE_HITS,
                    ..SearchRequest::default()
                };
                let results = searcher.search(&request).ok()?;
                (results.total > 0).then_some((command, results))
            });
        if let Some((command, results)) = shown {
            println!("Try: {}", Style::stdout().bold(&command));
            println!();
            super::search_cmd::print_results(&results, 0);
        }
    }

    if summary.indexed + summary.updated + summary.unchanged + summary.removed == 0 {
        anyhow::bail!(
            "nothing could be indexed: no readable article in {}; supported files are .txt, .md, .json, .jsonl, .ndjson, .html (also .gz)",
            args.archives
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if args.strict && !summary.failed.is_empty() {
        return Ok(ExitCode::from(super::EXIT_PARTIAL));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(summary: &UpdateSummary, people: &[NameCount], organizations: &[NameCount]) {
    let style = Style::stdout();
    for warning in &summary.warnings {
        let line = warning.line.map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!(
            "{}: {}{line}: {}",
            warning_label(),
            warning.path,
            warning.message
        );
    }
    println!(
        "{} {} articles in the index ({} files read, {:.1} MB in {:.2} s, {:.1} MB/s, {:.0} articles/s)",
        style.bold("Done."),
        summary.total_articles,
        summary.files_read,
        summary.bytes_read as f64 / 1e6,
        summary.elapsed_s,
        summary.mb_per_s,
        summary.articles_per_s,
    );
    println!(
        "  new {}  updated {}  removed {}  unchanged {}  skipped {}  undated {}",
        summary.indexed,
        summary.updated,
        summary.removed,
        summary.unchanged,
        summary.skipped,
        summary.undated
    );
    let failed = summary.failed.iter().map(|f| (&f.path, &f.reason));
    print_files(&style, "Failed files", failed);
    let skipped = summary.skipped_files.iter().map(|s| (&s.path, &s.reason));
    print_files(&style, "Skipped files", skipped);
    let list = |names: &[NameCount]| {
        names
            .iter()
            .map(|n| format!("{} ({})", n.name, n.articles))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !people.is_empty() {
        println!("Most mentioned people: {}", list(people));
    }
    if !organizations.is_empty() {
        println!("Most mentioned organizations: {}", list(organizations));
    }
}

/// A list of files with the reason for each, under a bold heading with
/// their count; nothing when there are none.
fn print_files<'a>(
    style: &Style,
    heading: &str,
    files: impl ExactSizeIterator<Item = (&'a String, &'a String)>,
) {
    if files.len() == 0 {
        return;
    }
    println!("{}", style.bold(&format!("{heading} ({}):", files.len())));
    for (path, reason) in files {
        println!("  {path}: {reason}");
    }
}

/// A search to try next for a person and/or an organization: the command
/// line and its filters.
fn example_search(
    person: Option<&NameCount>,
    org: Option<&NameCount>,
    cli: &Cli,
) -> Option<(String, Filters)> {
    if person.is_none() && org.is_none() {
        return None;
    }
    let mut command = String::from("dateline search");
    if let Some(index) = &cli.index {
        if index.as_os_str() != DEFAULT_INDEX {
            command.push_str(&format!(
                " --index {}",
                shell_quote(&index.display().to_string())
            ));
        }
    }
    for (flag, name) in [("--person", person), ("--org", org)] {
        if let Some(name) = name {
            command.push_str(&format!(" {flag} {}", shell_quote(&name.name)));
        }
    }
    let filters = Filters {
        people: person.map(|p| p.name.clone()).into_iter().collect(),
        organizations: org.map(|o| o.name.clone()).into_iter().collect(),
        ..Filters::default()
    };
    Some((command, filters))
}

/// Quotes a value for a POSIX shell when it needs it.
fn shell_quote(value: &str) -> String {
    if value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}
