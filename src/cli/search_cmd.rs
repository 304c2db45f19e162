//! `dateline search`: run a query and print hits as text or JSON.

use std::process::ExitCode;

use super::args::{Cli, SearchArgs, SortArg};
use super::style::Style;
use dateline::search::{ArchiveSearcher, Hit, SearchRequest, SearchResults, Sort};

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
    };
    let searcher = ArchiveSearcher::open(&cli.index_dir())?;
    let results = searcher.search(&request)?;
    if args.json {
        println!("{}", serde_json::to_string(&results)?);
    } else {
        print_results(&results, args.offset);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_results(results: &SearchResults, offset: usize) {
    let style = Style::stdout();
    for (rank, hit) in results.hits.iter().enumerate() {
        print_hit(style, offset + rank + 1, hit);
    }
    let shown = results.hits.len();
    if shown == 0 {
        println!("No matching articles.");
    } else {
        println!(
            "{} matching article{} (showing {}-{}).",
            results.total,
            if results.total == 1 { "" } else { "s" },
            offset + 1,
            offset + shown
        );
    }
}

fn print_hit(style: Style, rank: usize, hit: &Hit) {
    let date = hit.date.as_deref().unwrap_or("undated");
    let title = if hit.title.is_empty() {
        "(no headline)"
    } else {
        &hit.title
    };
    let score = hit
        .score
        .map(|s| format!("  score {s:.2}"))
        .unwrap_or_default();
    println!(
        "{rank:>3}. {}  {}{}",
        style.green(date),
        style.bold(title),
        style.dim(&score)
    );
    let origin = hit.source.as_deref().unwrap_or(&hit.path);
    println!("     {}", style.dim(origin));
    if !hit.people.is_empty() {
        println!("     people: {}", hit.people.join(", "));
    }
    if !hit.organizations.is_empty() {
        println!("     organizations: {}", hit.organizations.join(", "));
    }
    println!("     {}", highlight(style, &hit.snippet, &hit.highlights));
    println!();
}

/// The snippet with its highlighted ranges in bold.
fn highlight(style: Style, snippet: &str, ranges: &[[usize; 2]]) -> String {
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
