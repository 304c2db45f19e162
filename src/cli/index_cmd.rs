//! `dateline index`: update the index from archive folders and report.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use indicatif::{HumanDuration, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use serde::Serialize;

use super::args::{Cli, IndexArgs, DEFAULT_INDEX};
use super::style::{warning_label, Style};
use dateline::extract::{EntityKind, Extractor};
use dateline::index::{self, Progress, UpdateOptions, UpdateSummary};
use dateline::search::NameCount;
use dateline::search::{ArchiveSearcher, Counted, Filters, SearchRequest};

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
            "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {steady_eta}",
        )
        .expect("progress template is valid")
        .with_key(
            "steady_eta",
            |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = match steady_eta(state.elapsed(), state.fraction()) {
                    Some(eta) => write!(out, "{:#}", HumanDuration(eta)),
                    None => write!(out, "…"),
                };
            },
        )
        .progress_chars("=> "),
    );
    Bar(bar)
}

/// Time left at the average rate since the start, once there is enough of
/// a run to tell: the first files of a run (model loading, small files
/// first) are no guide, and a rate over the last seconds swings with file
/// sizes, which made early estimates wrong by minutes.
fn steady_eta(elapsed: Duration, done: f32) -> Option<Duration> {
    const SETTLED_AFTER: Duration = Duration::from_secs(3);
    const SETTLED_FRACTION: f32 = 0.02;
    if elapsed < SETTLED_AFTER || done < SETTLED_FRACTION {
        return None;
    }
    let left = f64::from((1.0 - done).max(0.0) / done);
    Some(elapsed.mul_f64(left))
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

    // A reader that stops early does not change the outcome: the checks
    // below still decide the exit code.
    let printed = report(&mut std::io::stdout().lock(), cli, args, &summary);

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
    printed?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the summary (`--json`: one object) and a search to try next.
fn report(
    out: &mut impl Write,
    cli: &Cli,
    args: &IndexArgs,
    summary: &UpdateSummary,
) -> anyhow::Result<()> {
    let dir = cli.index_dir();
    let kinds = [EntityKind::Person, EntityKind::Organization];
    let searcher = ArchiveSearcher::open(&dir)?;
    let top = searcher.entities(&Filters::default(), &kinds, TOP_NAMES, Counted::Articles)?;
    let people = top.people.unwrap_or_default();
    let organizations = top.organizations.unwrap_or_default();

    if args.json {
        let json = JsonSummary {
            summary,
            index: dir.display().to_string(),
            top_people: people,
            top_organizations: organizations,
        };
        writeln!(out, "{}", serde_json::to_string(&json)?)?;
    } else {
        print_summary(out, summary, &people, &organizations)?;
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
            writeln!(out, "Try: {}", Style::stdout().bold(&command))?;
            writeln!(out)?;
            super::search_cmd::print_results(out, &results, 0)?;
        }
    }
    Ok(())
}

fn print_summary(
    out: &mut impl Write,
    summary: &UpdateSummary,
    people: &[NameCount],
    organizations: &[NameCount],
) -> std::io::Result<()> {
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
    writeln!(out,
        "{} {} articles in the index ({} files read, {:.1} MB in {:.2} s, {:.1} MB/s, {:.0} articles/s)",
        style.bold("Done."),
        summary.total_articles,
        summary.files_read,
        summary.bytes_read as f64 / 1e6,
        summary.elapsed_s,
        summary.mb_per_s,
        summary.articles_per_s,
    )?;
    writeln!(
        out,
        "  new {}  updated {}  removed {}  unchanged {}  skipped {}  undated {}",
        summary.indexed,
        summary.updated,
        summary.removed,
        summary.unchanged,
        summary.skipped,
        summary.undated
    )?;
    if summary.extractor_changed {
        writeln!(
            out,
            "  The index had been written by another version of the extractor: every file was read and extracted again."
        )?;
    }
    for moved in &summary.moved {
        writeln!(
            out,
            "  The archive folder {} is now {}: its articles keep their ids.",
            moved.from, moved.to
        )?;
    }
    let failed = summary.failed.iter().map(|f| (&f.path, &f.reason));
    print_files(out, &style, "Failed files", failed)?;
    let skipped = summary.skipped_files.iter().map(|s| (&s.path, &s.reason));
    print_files(out, &style, "Skipped files", skipped)?;
    let list = |names: &[NameCount]| {
        names
            .iter()
            .map(|n| format!("{} ({})", n.name, n.articles))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !people.is_empty() {
        writeln!(out, "Most mentioned people: {}", list(people))?;
    }
    if !organizations.is_empty() {
        writeln!(out, "Most mentioned organizations: {}", list(organizations))?;
    }
    Ok(())
}

/// A list of files with the reason for each, under a bold heading with
/// their count; nothing when there are none.
fn print_files<'a>(
    out: &mut impl Write,
    style: &Style,
    heading: &str,
    files: impl ExactSizeIterator<Item = (&'a String, &'a String)>,
) -> std::io::Result<()> {
    if files.len() == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        style.bold(&format!("{heading} ({}):", files.len()))
    )?;
    for (path, reason) in files {
        writeln!(out, "  {path}: {reason}")?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eta_waits_for_a_settled_rate_then_follows_the_average() {
        assert_eq!(steady_eta(Duration::from_millis(500), 0.5), None);
        assert_eq!(steady_eta(Duration::from_secs(10), 0.01), None);
        assert_eq!(
            steady_eta(Duration::from_secs(8), 0.5),
            Some(Duration::from_secs(8))
        );
        assert_eq!(
            steady_eta(Duration::from_secs(9), 1.0),
            Some(Duration::ZERO)
        );
    }
}
