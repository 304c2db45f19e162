//! Printing lists of names with their article (and story) counts (entities, facets).

use std::io::Write;

use dateline::index::{name_key, surname_key};
use dateline::search::{EntityCounts, NameCount};

use super::style::Style;

/// Prints each kind's list; names matching one of `filter_names` (the
/// `--person`/`--org` filters) are marked, since they appear in every article.
pub fn print_name_lists(
    out: &mut impl Write,
    counts: &EntityCounts,
    filter_names: &[String],
) -> std::io::Result<()> {
    let style = Style::stdout();
    for (label, names) in [
        ("People", &counts.people),
        ("Organizations", &counts.organizations),
        ("Places", &counts.places),
    ] {
        let Some(names) = names else { continue };
        writeln!(out, "{}", style.bold(label))?;
        if names.is_empty() {
            writeln!(out, "  (none)")?;
        }
        let width = names
            .iter()
            .map(|n| n.name.chars().count())
            .max()
            .unwrap_or(0);
        for NameCount {
            name,
            articles,
            stories,
        } in names
        {
            let marker = if is_filtered(name, filter_names) {
                "  (filter)"
            } else {
                ""
            };
            let count = match stories {
                Some(1) => format!("{:>6} story, {articles} articles", 1),
                Some(stories) => format!("{stories:>6} stories, {articles} articles"),
                None => format!("{articles:>6}"),
            };
            writeln!(out, "  {name:<width$}  {count}{}", style.dim(marker))?;
        }
    }
    Ok(())
}

/// Whether `name` is what one of the filters asked for: the whole name, or
/// its surname, keyed as the index keys them.
fn is_filtered(name: &str, filter_names: &[String]) -> bool {
    let (name, surname) = (name_key(name), surname_key(name));
    filter_names
        .iter()
        .map(|f| name_key(f))
        .any(|f| f == name || surname.as_ref() == Some(&f))
}
