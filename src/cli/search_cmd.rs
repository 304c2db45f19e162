//! `dateline search`: run a query and print hits as text, JSON or CSV.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{Cli, SearchArgs, SortArg};
use super::names::print_name_lists;
use super::output::{self, Listing};
use super::style::Style;
use crate::display::{day, day_or_empty, location};
use dateline::extract::EntityKind;
use dateline::search::EntityCounts;
use dateline::search::{ArchiveSearcher, Hit, SearchRequest, SearchResults, Sort};

/// How many names `--facets` lists per kind.
const FACET_NAMES: usize = 5;

/// A page of search results with their facets, as `dateline search` prints them.
#[derive(Serialize)]
struct SearchPage<'a> {
    #[serde(flatten)]
    results: &'a SearchResults,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<EntityCounts>,
    /// Hits skipped before this page: ranks start after it.
    #[serde(skip)]
    offset: usize,
}

impl Listing for SearchPage<'_> {
    fn csv_header(&self) -> &'static [&'static str] {
        &[
            "rank",
            "score",
            "date",
            "title",
            "source",
            "path",
            "url",
            "people",
            "organizations",
            "id",
            "places",
            "snippet",
            "line",
            "copies",
        ]
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        output::ranked(self.offset, &self.results.hits)
            .map(|(rank, hit)| {
                vec![
                    rank,
                    hit.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
                    day_or_empty(hit.date),
                    hit.title.clone(),
                    hit.source.clone().unwrap_or_default(),
                    hit.path.clone(),
                    hit.url.clone().unwrap_or_default(),
                    hit.people.join("; "),
                    hit.organizations.join("; "),
                    hit.id.clone(),
                    hit.places.join("; "),
                    hit.snippet.clone(),
                    hit.line.map(|line| line.to_string()).unwrap_or_default(),
                    hit.copies.to_string(),
                ]
            })
            .collect()
    }

    fn write_text(&self, mut out: &mut dyn Write) -> std::io::Result<()> {
        print_results(&mut out, self.results, self.offset)?;
        match &self.facets {
            Some(facets) => print_name_lists(&mut out, facets, &[]),
            None => Ok(()),
        }
    }
}

/// Runs `dateline search`.
pub fn run(cli: &Cli, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let request = SearchRequest {
        filters: args.filters.to_filters()?,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
        limit: args.limit as usize,
        offset: args.offset,
        all_copies: args.all_copies,
    };
    let searcher = ArchiveSearcher::open(&cli.index_dir())?;
    let results = searcher.search(&request)?;
    let facets = if args.facets {
        let kinds = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ];
        Some(searcher.entities(&request.filters, &kinds, FACET_NAMES, args.count.counted())?)
    } else {
        None
    };
    let page = SearchPage {
        results: &results,
        facets,
        offset: args.offset,
    };
    output::print(&page, args.format.get())?;
    Ok(ExitCode::SUCCESS)
}

/// Prints hits as `dateline search` does, ranks starting after `offset`.
pub(super) fn print_results(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
) -> std::io::Result<()> {
    let style = Style::stdout();
    for (rank, hit) in results.hits.iter().enumerate() {
        print_hit(out, style, offset + rank + 1, hit)?;
    }
    let shown = results.hits.len();
    if results.total == 0 {
        return writeln!(out, "No matching articles.");
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut counted = plural(results.total, "matching article", "matching articles");
    if results.stories != results.total {
        counted.push_str(&format!(
            ", {}",
            plural(results.stories, "story", "stories")
        ));
    }
    if shown == 0 {
        writeln!(out, "{counted}.")
    } else {
        writeln!(
            out,
            "{counted} (showing {}-{}).",
            offset + 1,
            offset + shown
        )
    }
}

fn print_hit(out: &mut impl Write, style: Style, rank: usize, hit: &Hit) -> std::io::Result<()> {
    let date = day(hit.date);
    let title = if hit.title.is_empty() {
        "(no headline)"
    } else {
        &hit.title
    };
    let score = hit
        .score
        .map(|s| format!("  score {s:.2}"))
        .unwrap_or_default();
    writeln!(
        out,
        "{rank:>3}. {}  {}{}",
        style.green(&date),
        style.bold(title),
        style.dim(&score)
    )?;
    let place = location(&hit.path, hit.line);
    let origin = match &hit.source {
        Some(source) => format!("{source} · {place}"),
        None => place,
    };
    writeln!(
        out,
        "     {}",
        style.dim(&format!("{origin} · id {}", hit.id))
    )?;
    if !hit.people.is_empty() {
        writeln!(out, "     people: {}", hit.people.join(", "))?;
    }
    if !hit.organizations.is_empty() {
        writeln!(out, "     organizations: {}", hit.organizations.join(", "))?;
    }
    if hit.copies > 1 {
        writeln!(out, "     {}", copies_line(hit))?;
    }
    match &hit.text_error {
        Some(error) => writeln!(out, "     {}", style.dim(&format!("(no snippet: {error})")))?,
        None => writeln!(
            out,
            "     {}",
            highlight(style, &hit.snippet, &hit.highlights)
        )?,
    }
    writeln!(out)
}

/// The other copies of a hit's story: `3 copies, also: Harbor Herald 2025-02-10 (id …); …`.
fn copies_line(hit: &Hit) -> String {
    let others: Vec<String> = hit
        .other_copies
        .iter()
        .map(|copy| {
            let source = copy.source.as_deref().unwrap_or("(no source)");
            format!("{source} {} (id {})", day(copy.date), copy.id)
        })
        .collect();
    let unlisted = hit.copies - 1 - others.len();
    let more = if unlisted > 0 {
        format!("; and {unlisted} more")
    } else {
        String::new()
    };
    format!("{} copies, also: {}{more}", hit.copies, others.join("; "))
}

/// The snippet with its highlighted ranges in bold.
pub fn highlight(style: Style, snippet: &str, ranges: &[[usize; 2]]) -> String {
    let mut out = String::with_capacity(snippet.len() + ranges.len() * 8);
    let mut cursor = 0;
    for &[start, end] in ranges {
        out.push_str(&snippet[cursor..start]);
        out.push_str(&style.bold(&snippet[start..end]));
        cursor = end;
    }
    out.push_str(&snippet[cursor..]);
    out.replace('\n', " ")
}
