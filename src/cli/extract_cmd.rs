//! `dateline extract`: show what the extractor finds in an article.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::Context;
use serde::Deserialize;

use super::args::ExtractArgs;
use super::style::warning_label;
use super::style::Style;
use dateline::extract::{to_jsonl_record, EntityKind, Extractor};
use dateline::index::extraction_text;
use dateline::ingest;

/// Runs `dateline extract`.
pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new();
    let Some(path) = &args.file else {
        return extract_jsonl(&extractor);
    };
    let read = ingest::read_file(path).with_context(|| "could not read the article")?;
    let style = Style::stdout();
    let mut out = std::io::stdout().lock();
    for article in &read.articles {
        let text = extraction_text(article);
        let extraction = extractor.extract(&text);
        writeln!(out, "{}", style.bold(&article.title))?;
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
            writeln!(out, "{label}:")?;
            for line in of_kind {
                writeln!(out, "{line}")?;
            }
        }
        writeln!(out, "Quotes:")?;
        for quote in &extraction.quotes {
            let speaker = quote.speaker.as_deref().unwrap_or("(no speaker)");
            writeln!(
                out,
                "  {}: {}",
                style.bold(speaker),
                &text[quote.start..quote.end]
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One input line of `extract --jsonl`.
#[derive(Deserialize)]
struct JsonlInput {
    id: serde_json::Value,
    text: String,
}

/// Streams `{"id","text"}` lines from stdin to result lines on stdout. A bad
/// line is reported with its number and skipped; the exit code is then 1.
fn extract_jsonl(extractor: &Extractor) -> anyhow::Result<ExitCode> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut bad_lines = 0;
    for (number, line) in stdin.lines().enumerate() {
        let line = line.context("could not read standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let input: JsonlInput = match serde_json::from_str(&line) {
            Ok(input) => input,
            Err(error) => {
                eprintln!(
                    "{}: stdin line {}: {error}; expected {{\"id\": ..., \"text\": \"...\"}}",
                    warning_label(),
                    number + 1
                );
                bad_lines += 1;
                continue;
            }
        };
        let id = match &input.id {
            serde_json::Value::String(id) => id.clone(),
            other => other.to_string(),
        };
        let extraction = extractor.extract(&input.text);
        serde_json::to_writer(&mut out, &to_jsonl_record(&id, &input.text, &extraction))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if bad_lines == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
