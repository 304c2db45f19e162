//! `dateline timeline`: matching articles over time, as a bar chart.

use std::io::Write;
use std::process::ExitCode;

use super::args::{Cli, OutputFormat, PeriodArg, TimelineArgs};
use super::style::Style;
use dateline::search::timeline::{Period, Timeline};
use dateline::search::ArchiveSearcher;

/// Chart width when the terminal's is unknown (output piped).
const DEFAULT_WIDTH: usize = 80;

/// Runs `dateline timeline`.
pub fn run(cli: &Cli, args: &TimelineArgs) -> anyhow::Result<ExitCode> {
    let filters = args.filters.to_filters()?;
    let by = match args.by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let searcher = ArchiveSearcher::open(&cli.index_dir())?;
    let timeline = searcher.timeline(&filters, by)?;
    let mut out = std::io::stdout().lock();
    match args.format.get() {
        OutputFormat::Json => {
            writeln!(out, "{}", serde_json::to_string(&timeline)?)?;
        }
        OutputFormat::Csv => {
            let mut out = csv::Writer::from_writer(out);
            out.write_record(["start", "articles"])?;
            for bucket in &timeline.buckets {
                out.write_record([&bucket.start, &bucket.articles.to_string()])?;
            }
            out.flush()?;
        }
        OutputFormat::Text => {
            let width = console::Term::stdout()
                .size_checked()
                .map(|(_, columns)| usize::from(columns))
                .unwrap_or(DEFAULT_WIDTH);
            print_chart(&mut out, &timeline, width)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A period's label: as long as the period needs (`2024`, `2024-10`, `2024-10-21`).
fn label(start: &str, by: Period) -> &str {
    match by {
        Period::Year => &start[..4],
        Period::Month => &start[..7],
        Period::Week | Period::Day => start,
    }
}

fn print_chart(out: &mut impl Write, timeline: &Timeline, width: usize) -> std::io::Result<()> {
    let style = Style::stdout();
    let max = timeline
        .buckets
        .iter()
        .map(|b| b.articles)
        .max()
        .unwrap_or(0);
    let count_width = max.to_string().len();
    let label_width = timeline
        .buckets
        .first()
        .map(|b| label(&b.start, timeline.by).len())
        .unwrap_or(4);
    let bar_room = width.saturating_sub(label_width + count_width + 4).max(10);
    for bucket in &timeline.buckets {
        let length = if max == 0 {
            0
        } else {
            (bucket.articles as usize * bar_room).div_ceil(max as usize)
        };
        writeln!(
            out,
            "{}  {:>count_width$} {}",
            style.dim(label(&bucket.start, timeline.by)),
            bucket.articles,
            "█".repeat(length)
        )?;
    }
    let dated: u64 = timeline.buckets.iter().map(|b| b.articles).sum();
    writeln!(
        out,
        "{} matching articles: {dated} dated, {} undated.",
        timeline.total_articles, timeline.undated
    )
}
