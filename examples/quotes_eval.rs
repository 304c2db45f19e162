//! Quote extraction on a JSONL file, for measurement with `score.py`.
//!
//! `cargo run --release --example quotes_eval -- FILE.jsonl[.gz] > pred.jsonl`
//! prints `{"id","entities":[],"quotes":[{"start","end","text","speaker"}]}` a line.
//! `--bench` instead times `find_quotes` over every text and prints MB/s.
//!
//! Mentions come from the file's gold `entities` when it has them (or from the
//! same ids in `--mentions OTHER.jsonl`, a file of the same format), else from a deliberately naive stand-in (capitalised word runs) that exists only here:
//! it is not the product's recognizer.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use dateline::extract::{find_quotes, EntityKind, Mention};
use dateline::gold::{self, GoldRecord};
use serde_json::{json, Value};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let usage =
        || anyhow::anyhow!("usage: quotes_eval [--bench] [--mentions GOLD.jsonl] FILE.jsonl[.gz]");
    let mentions_file = args
        .iter()
        .position(|a| a == "--mentions")
        .map(|i| args.get(i + 1).ok_or_else(usage))
        .transpose()?;
    let path = args
        .iter()
        .enumerate()
        .find(|&(i, a)| !a.starts_with("--") && (i == 0 || args[i - 1] != "--mentions"))
        .map(|(_, a)| a)
        .ok_or_else(usage)?;
    let docs = read_docs(path)?;
    let annotated: HashMap<Option<String>, GoldRecord> = match mentions_file {
        Some(f) => read_docs(f)?
            .into_iter()
            .map(|d| (d.id.clone(), d))
            .collect(),
        None => Default::default(),
    };
    let inputs: Vec<(String, Vec<Mention>)> = docs
        .iter()
        .map(|d| {
            let mentions = gold_mentions(d)
                .or_else(|| annotated.get(&d.id).and_then(gold_mentions))
                .unwrap_or_else(|| naive_mentions(&d.text));
            (d.text.clone(), mentions)
        })
        .collect();
    if bench {
        return run_bench(&inputs);
    }
    let mut out = std::io::stdout().lock();
    for (doc, (text, mentions)) in docs.iter().zip(&inputs) {
        let quotes: Vec<Value> = find_quotes(text, mentions)
            .iter()
            .map(|q| json!({"start": q.start, "end": q.end, "text": &text[q.start..q.end], "speaker": q.speaker}))
            .collect();
        writeln!(
            out,
            "{}",
            json!({"id": doc.id, "entities": [], "quotes": quotes})
        )?;
    }
    Ok(())
}

/// Times `find_quotes` alone over all texts, repeated to run for about a second.
fn run_bench(inputs: &[(String, Vec<Mention>)]) -> anyhow::Result<()> {
    let bytes: usize = inputs.iter().map(|(t, _)| t.len()).sum();
    let start = Instant::now();
    let mut rounds = 0;
    let mut found = 0;
    while rounds == 0 || start.elapsed().as_secs_f64() < 1.0 {
        for (text, mentions) in inputs {
            found += find_quotes(text, mentions).len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    eprintln!(
        "{:.1} MB in {secs:.2} s: {:.1} MB/s ({} quotes a round)",
        mb,
        mb / secs,
        found / rounds
    );
    Ok(())
}

/// The records of a gold file, plain or gzipped.
fn read_docs(path: &str) -> anyhow::Result<Vec<GoldRecord>> {
    Ok(gold::read(Path::new(path))?
        .into_iter()
        .map(|(_, record)| record)
        .collect())
}

/// The file's own entity annotation as mentions, when it has one.
fn gold_mentions(doc: &GoldRecord) -> Option<Vec<Mention>> {
    (!doc.entities.is_empty()).then(|| doc.mentions())
}

/// Capitalised words that start sentences or name times rather than entities.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "If",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "There",
    "When",
    "While",
    "After",
    "As",
    "For",
    "So",
    "To",
    "Of",
    "Then",
    "Asked",
    "Both",
    "Many",
    "Some",
    "Other",
    "Another",
    "One",
    "Before",
    "However",
    "Meanwhile",
    "Still",
    "Now",
    "Here",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Yet",
    "Also",
    "Even",
    "Despite",
    "During",
    "Since",
    "Under",
    "With",
    "Without",
    "Among",
    "From",
    "By",
    "Though",
    "Although",
    "Because",
    "Until",
    "Once",
    "Today",
    "Yesterday",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Our",
    "His",
    "Her",
    "Their",
    "My",
    "Your",
    "Its",
    "You",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sen",
    "Rep",
    "Gov",
    "Gen",
    "President",
    "Senator",
    "Former",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words that make a capitalised run an organization.
const ORG_WORDS: &[&str] = &[
    "Ministry",
    "Department",
    "Party",
    "Committee",
    "Council",
    "News",
    "Times",
    "Post",
    "Agency",
    "University",
    "Association",
    "Commission",
    "Office",
    "House",
    "Senate",
    "Congress",
    "Court",
    "Police",
    "Campaign",
    "Inc.",
    "Corp.",
    "Company",
    "Foundation",
    "Institute",
    "Center",
    "Bank",
    "Network",
    "Journal",
    "Union",
    "Organization",
    "Group",
    "Army",
    "Federation",
    "CNN",
    "NATO",
];

/// A naive stand-in recognizer: runs of capitalised words; a lone surname
/// takes the canonical name of the earlier full name ending with it.
fn naive_mentions(text: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let flush = |run: &mut Vec<(usize, usize)>, out: &mut Vec<Mention>| {
        while run
            .first()
            .is_some_and(|&(s, e)| NOT_NAMES.contains(&&text[s..e]))
        {
            run.remove(0);
        }
        if let (Some(&(start, _)), Some(&(_, end))) = (run.first(), run.last()) {
            let name = text[start..end]
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’']);
            let end = start + name.len();
            let words: Vec<&str> = name.split(' ').collect();
            let kind = if words.iter().any(|w| ORG_WORDS.contains(w)) {
                EntityKind::Organization
            } else {
                EntityKind::Person
            };
            let canonical = if words.len() == 1 {
                out.iter()
                    .rev()
                    .find(|m| m.kind == kind && m.canonical.ends_with(&format!(" {name}")))
                    .map_or(name.to_string(), |m| m.canonical.clone())
            } else {
                name.to_string()
            };
            out.push(Mention {
                start,
                end,
                kind,
                canonical,
            });
        }
        run.clear();
    };
    let mut word_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let wordish = c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.');
        match (word_start, wordish) {
            (None, true) => word_start = Some(i),
            (Some(s), false) => {
                word_start = None;
                let w = text[s..i].trim_end_matches('.');
                let w_end = s + w.len();
                // Initials and title abbreviations keep their period inside a name.
                let abbreviation = w.len() < 4 || w.contains('.');
                let party = w.len() > 1 && w.as_bytes()[1] == b'-';
                if w.starts_with(|ch: char| ch.is_uppercase()) && !party {
                    run.push((s, w_end));
                } else {
                    flush(&mut run, &mut out);
                }
                if c != ' ' || (w_end < i && !abbreviation) {
                    flush(&mut run, &mut out);
                }
            }
            (None, false) if !c.is_whitespace() => flush(&mut run, &mut out),
            _ => {}
        }
    }
    out
}
