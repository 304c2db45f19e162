//! `dateline extract`: show what the extractor finds in an article.

use std::process::ExitCode;

use anyhow::Context;

use super::args::ExtractArgs;
use super::style::Style;
use dateline::extract::{EntityKind, Extractor};
use dateline::index::document::extraction_text;
use dateline::ingest;

/// Runs `dateline extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new();
    let Some(path) = &args.file else {
        anyhow::bail!("--jsonl is not available yet");
    };
    let read = ingest::read_file(path).with_context(|| "could not read the article")?;
    let style = Style::stdout();
    for article in &read.articles {
        let text = extraction_text(article);
        let extraction = extractor.extract(&text);
        println!("{}", style.bold(&article.title));
        let entities = extraction.entities(&text);
        for (kind, label) in [
            (EntityKind::Person, "People"),
            (EntityKind::Organization, "Organizations"),
            (EntityKind::Place, "Places"),
        ] {
            let of_kind: Vec<String> = entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| {
                    let others: Vec<&str> = e
                        .aliases
                        .iter()
                        .filter(|a| **a != e.canonical)
                        .map(String::as_str)
                        .collect();
                    if others.is_empty() {
                        format!("  {} ({}×)", e.canonical, e.mentions)
                    } else {
                        format!(
                            "  {} ({}×; also {})",
                            e.canonical,
                            e.mentions,
                            others.join(", ")
                        )
                    }
                })
                .collect();
            println!("{label}:");
            for line in of_kind {
                println!("{line}");
            }
        }
        println!("Quotes:");
        for quote in &extraction.quotes {
            let speaker = quote.speaker.as_deref().unwrap_or("(no speaker)");
            println!(
                "  {}: {}",
                style.bold(speaker),
                &text[quote.start..quote.end]
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
