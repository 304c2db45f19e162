//! `dateline entities`: the most mentioned names among matching articles.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::args::{Cli, EntitiesArgs, KindArg};
use super::names::print_name_lists;
use super::output::{self, Listing};
use dateline::extract::EntityKind;
use dateline::search::{ArchiveSearcher, EntityCounts};

/// The most mentioned names, as `dateline entities` prints them.
#[derive(Serialize)]
#[serde(transparent)]
struct NameLists<'a> {
    counts: &'a EntityCounts,
    /// The names filtered on, which the text marks as such.
    #[serde(skip)]
    filter_names: Vec<String>,
}

impl Listing for NameLists<'_> {
    fn csv_header(&self) -> &'static [&'static str] {
        &["kind", "name", "articles", "stories"]
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        let counts = self.counts;
        [
            ("person", &counts.people),
            ("org", &counts.organizations),
            ("place", &counts.places),
        ]
        .into_iter()
        .flat_map(|(kind, names)| {
            names.iter().flatten().map(move |name| {
                vec![
                    kind.to_string(),
                    name.name.clone(),
                    name.articles.to_string(),
                    name.stories.map(|s| s.to_string()).unwrap_or_default(),
                ]
            })
        })
        .collect()
    }

    fn write_text(&self, mut out: &mut dyn Write) -> std::io::Result<()> {
        match self.counts.total_stories {
            Some(stories) => writeln!(
                out,
                "{} matching articles, {stories} stories",
                self.counts.total_articles
            )?,
            None => writeln!(out, "{} matching articles", self.counts.total_articles)?,
        }
        print_name_lists(&mut out, self.counts, &self.filter_names)
    }
}

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
    let counts = searcher.entities(&filters, &kinds, args.top as usize, args.count.counted())?;
    let filter_names = filters
        .people
        .iter()
        .chain(&filters.organizations)
        .cloned()
        .collect();
    let listing = NameLists {
        counts: &counts,
        filter_names,
    };
    output::print(&listing, args.format.get())?;
    Ok(ExitCode::SUCCESS)
}
