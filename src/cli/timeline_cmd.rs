//! `dateline timeline`: matching articles over time, as a bar chart.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{Cli, PeriodArg, TimelineArgs};
use super::output::{self, Listing};
use super::style::Style;
use crate::display::period_label;
use dateline::search::ArchiveSearcher;
use dateline::search::{Period, Timeline};

/// Chart width when the terminal's is unknown (output piped).
const DEFAULT_WIDTH: usize = 80;

/// A timeline, as `dateline timeline` prints it: a bar chart as text.
#[derive(Serialize)]
#[serde(transparent)]
struct Chart<'a> {
    timeline: &'a Timeline,
    /// Columns the text chart may fill.
    #[serde(skip)]
    width: usize,
}

impl Listing for Chart<'_> {
    fn csv_header(&self) -> &'static [&'static str] {
        &["start", "articles", "stories"]
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        self.timeline
            .buckets
            .iter()
            .map(|bucket| {
                vec![
                    bucket.start.to_string(),
                    bucket.articles.to_string(),
                    bucket.stories.map(|s| s.to_string()).unwrap_or_default(),
                ]
            })
            .collect()
    }

    fn write_text(&self, mut out: &mut dyn Write) -> std::io::Result<()> {
        print_chart(&mut out, self.timeline, self.width)
    }
}

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
    let timeline = searcher.timeline(&filters, by, args.count.counted())?;
    let width = console::Term::stdout()
        .size_checked()
        .map(|(_, columns)| usize::from(columns))
        .unwrap_or(DEFAULT_WIDTH);
    let chart = Chart {
        timeline: &timeline,
        width,
    };
    output::print(&chart, args.format.get())?;
    Ok(ExitCode::SUCCESS)
}

fn print_chart(out: &mut impl Write, timeline: &Timeline, width: usize) -> std::io::Result<()> {
    let style = Style::stdout();
    // Bars show stories when they were counted, else articles.
    let shown = |bucket: &dateline::search::Bucket| bucket.stories.unwrap_or(bucket.articles);
    let max = timeline.buckets.iter().map(shown).max().unwrap_or(0);
    let count_width = max.to_string().len();
    let label_width = timeline
        .buckets
        .first()
        .map(|b| period_label(b.start, timeline.by).len())
        .unwrap_or(4);
    let bar_room = width.saturating_sub(label_width + count_width + 4).max(10);
    for bucket in &timeline.buckets {
        let length = if max == 0 {
            0
        } else {
            (shown(bucket) as usize * bar_room).div_ceil(max as usize)
        };
        writeln!(
            out,
            "{}  {:>count_width$} {}",
            style.dim(&period_label(bucket.start, timeline.by)),
            shown(bucket),
            "█".repeat(length)
        )?;
    }
    let dated: u64 = timeline.buckets.iter().map(|b| b.articles).sum();
    let stories = timeline
        .total_stories
        .map(|stories| format!(" ({stories} stories; bars count stories)"))
        .unwrap_or_default();
    writeln!(
        out,
        "{} matching articles{stories}: {dated} dated, {} undated.",
        timeline.total_articles, timeline.undated
    )
}
