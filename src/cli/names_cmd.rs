//! `dateline names`: the names merged across the archive, and the user's
//! edits of them.

use std::io::Write;
use std::process::ExitCode;

use super::args::{Cli, NamesAction, NamesArgs};
use super::output::{self, Listing};
use super::style::Style;
use dateline::contract::NameList;
use dateline::extract::EntityKind;
use dateline::names::{self, Edit, MergedName, NameRef};
use dateline::ArchiveIndex;

/// The word `--kind` takes for a kind.
fn kind_word(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "org",
        EntityKind::Place => "place",
    }
}

/// One entity as a line: its name, kind, spellings and whether it is hidden.
fn describe(entity: &MergedName) -> String {
    let spellings: Vec<String> = entity
        .spellings
        .iter()
        .map(|spelling| match spelling.kind == entity.kind {
            true => spelling.name.clone(),
            false => format!("{} ({})", spelling.name, kind_word(spelling.kind)),
        })
        .collect();
    let hidden = if entity.hidden { ", hidden" } else { "" };
    format!(
        "{} ({}{hidden}): {}",
        entity.name,
        kind_word(entity.kind),
        spellings.join(", ")
    )
}

/// One edit as a line, in the words of the command that made it.
fn describe_edit(edit: &Edit) -> String {
    let quoted = |name: &NameRef| match name.kind {
        Some(kind) => format!("{:?} --kind {}", name.name, kind_word(kind)),
        None => format!("{:?}", name.name),
    };
    match edit {
        Edit::Merge { names } => {
            let names: Vec<String> = names.iter().map(quoted).collect();
            format!("merge {}", names.join(" "))
        }
        Edit::Rename { name, to } => format!("rename {} {to:?}", quoted(name)),
        Edit::Retype { name, to } => format!("retype {} {}", quoted(name), kind_word(*to)),
        Edit::Split { name } => format!("split {}", quoted(name)),
        Edit::Hide { name } => format!("hide {}", quoted(name)),
        Edit::Unhide { name } => format!("unhide {}", quoted(name)),
    }
}

impl Listing for NameList {
    fn csv_header(&self) -> &'static [&'static str] {
        &["kind", "name", "spellings", "hidden"]
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        self.entities
            .iter()
            .map(|entity| {
                let spellings: Vec<&str> =
                    entity.spellings.iter().map(|s| s.name.as_str()).collect();
                vec![
                    kind_word(entity.kind).to_string(),
                    entity.name.clone(),
                    spellings.join("; "),
                    entity.hidden.to_string(),
                ]
            })
            .collect()
    }

    fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let style = Style::stdout();
        writeln!(out, "{}", style.bold("Merged names"))?;
        if self.entities.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for entity in &self.entities {
            writeln!(out, "  {}", describe(entity))?;
        }
        writeln!(out, "{}", style.bold("Names file"))?;
        if self.edits.is_empty() {
            writeln!(
                out,
                "  (no edits; see `dateline names --help` for merge, rename, retype, hide)"
            )?;
        }
        for (number, edit) in self.edits.iter().enumerate() {
            let unmatched = if self.unmatched_edits.contains(edit) {
                "  (names nothing in the index)"
            } else {
                ""
            };
            writeln!(
                out,
                "  {}. {}{}",
                number + 1,
                describe_edit(edit),
                style.dim(unmatched)
            )?;
        }
        Ok(())
    }
}

/// Runs `dateline names`.
pub fn run(cli: &Cli, args: &NamesArgs) -> anyhow::Result<ExitCode> {
    let archive = ArchiveIndex::open(&cli.index_dir())?;
    let kind = args.kind.map(EntityKind::from);
    let named = |name: &String| NameRef {
        name: name.clone(),
        kind,
    };
    let edit = match &args.action {
        None => {
            let mut list = names::list(&archive)?;
            list.entities
                .retain(|entity| kind.is_none_or(|kind| kind == entity.kind));
            output::print(&list, args.format.get())?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(NamesAction::Show { name }) => {
            let found = names::resolve(&archive, &named(name))?;
            if found.is_empty() {
                return Err(names::NamesError::Unknown {
                    name: name.clone(),
                    kind,
                }
                .into());
            }
            let mut out = std::io::stdout().lock();
            for entity in &found {
                writeln!(out, "{}", describe(entity))?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        Some(NamesAction::Merge { names }) => Edit::Merge {
            names: names.iter().map(named).collect(),
        },
        Some(NamesAction::Rename { name, to }) => Edit::Rename {
            name: named(name),
            to: to.clone(),
        },
        Some(NamesAction::Retype { name, to }) => Edit::Retype {
            name: named(name),
            to: (*to).into(),
        },
        Some(NamesAction::Split { name }) => Edit::Split { name: named(name) },
        Some(NamesAction::Hide { name }) => Edit::Hide { name: named(name) },
        Some(NamesAction::Unhide { name }) => Edit::Unhide { name: named(name) },
    };
    let first = NameRef {
        name: edit.names()[0].name.clone(),
        kind: None,
    };
    let line = describe_edit(&edit);
    names::edit(&archive, edit)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "Done: {line}. Now:")?;
    for entity in names::resolve(&archive, &first)? {
        writeln!(out, "  {}", describe(&entity))?;
    }
    Ok(ExitCode::SUCCESS)
}
