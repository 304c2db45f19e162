//! `dateline entities`: the most mentioned names among matching articles.

use std::io::Write;
use std::process::ExitCode;

use super::args::{Cli, EntitiesArgs, KindArg, OutputFormat};
use super::names::print_name_lists;
use dateline::extract::EntityKind;
use dateline::search::ArchiveSearcher;

/// Runs `dateline entities`.
pub fn run(cli: &Cli, args: &EntitiesArgs) -> anyhow::Result<ExitCode> {
    let filters = args.filters.to_filters()?;
    let kinds = match args.kind {
        Some(KindArg::Person) => vec![EntityKind::Person],
        Some(KindArg::Org) => vec![EntityKind::Organization],
        Some(KindArg::Place) => vec![EntityKind::Place],
        None => vec![
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ],
    };
    let searcher = ArchiveSearcher::open(&cli.index_dir())?;
    let counts = searcher.entities(&filters, &kinds, args.top as usize)?;
    let mut out = std::io::stdout().lock();
    match args.format.get() {
        OutputFormat::Json => {
            writeln!(out, "{}", serde_json::to_string(&counts)?)?;
        }
        OutputFormat::Csv => {
            let mut out = csv::Writer::from_writer(out);
            out.write_record(["kind", "name", "articles"])?;
            for (kind, names) in [
                ("person", &counts.people),
                ("org", &counts.organizations),
                ("place", &counts.places),
            ] {
                for name in names.iter().flatten() {
                    out.write_record([kind, &name.name, &name.articles.to_string()])?;
                }
            }
            out.flush()?;
        }
        OutputFormat::Text => {
            writeln!(out, "{} matching articles", counts.total_articles)?;
            let filter_names: Vec<String> = filters
                .people
                .iter()
                .chain(&filters.organizations)
                .cloned()
                .collect();
            print_name_lists(&mut out, &counts, &filter_names)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
