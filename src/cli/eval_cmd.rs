//! `dateline eval`: score the extractor against annotated articles.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use super::args::EvalArgs;
use dateline::eval::{evaluate, Scoring};
use dateline::extract::Extractor;

/// Runs `dateline eval`.
pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let scoring = Scoring {
        strict: args.strict,
    };
    let report = evaluate(&args.gold, &Extractor::new(), scoring)
        .with_context(|| format!("could not evaluate against {}", args.gold.display()))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&report)?)?;
    } else {
        write!(out, "{report}")?;
    }
    Ok(ExitCode::SUCCESS)
}
