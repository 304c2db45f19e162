//! The command-line front end: parse arguments, call the library, print.

mod args;
mod entities_cmd;
mod eval_cmd;
mod export_cmd;
mod extract_cmd;
mod generate_cmd;
mod hints;
mod index_cmd;
mod names;
mod names_cmd;
mod output;
mod quotes_cmd;
mod search_cmd;
mod show_cmd;
mod stats_cmd;
mod style;
mod timeline_cmd;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use dateline::names::NamesError;
use dateline::search::{InvalidDate, SearchError};

/// Exit code for a failed run (no index, locked index, nothing indexed, I/O).
const EXIT_ERROR: u8 = 1;
/// Exit code for invalid arguments, query or date.
const EXIT_USAGE: u8 = 2;
/// Exit code for `index --strict` when some files failed.
pub const EXIT_PARTIAL: u8 = 3;

/// Runs the command line and maps errors to messages and exit codes.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Index(args) => index_cmd::run(&cli, args),
        Command::Search(args) => search_cmd::run(&cli, args),
        Command::Extract(args) => extract_cmd::run(args),
        Command::Quotes(args) => quotes_cmd::run(&cli, args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Entities(args) => entities_cmd::run(&cli, args),
        Command::Names(args) => names_cmd::run(&cli, args),
        Command::Timeline(args) => timeline_cmd::run(&cli, args),
        Command::Show(args) => show_cmd::run(&cli, args),
        Command::Stats(args) => stats_cmd::run(&cli, args),
        Command::Export(args) => export_cmd::run(&cli, args),
        Command::Serve(args) => {
            crate::web::serve(cli.index_dir(), args.bind, args.open).map(|()| ExitCode::SUCCESS)
        }
        Command::Generate(args) => generate_cmd::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let hint = hints::hint(&error).map(|hint| format!("; {hint}"));
            eprintln!(
                "{}: {}{}",
                style::error_label(),
                message(&error),
                hint.unwrap_or_default()
            );
            ExitCode::from(exit_code_for(&error))
        }
    }
}

/// The error and its causes, joined by `: `; a cause whose text its parent
/// already quotes is not repeated.
fn message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Whether `error` is a write to a pipe whose reader has gone (`dateline
/// search | head`): the reader has all it wanted, so this is a normal end, as
/// in ripgrep, not a failure.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = if let Some(error) = cause.downcast_ref::<std::io::Error>() {
            Some(error.kind())
        } else if let Some(error) = cause.downcast_ref::<csv::Error>() {
            match error.kind() {
                csv::ErrorKind::Io(error) => Some(error.kind()),
                _ => None,
            }
        } else {
            cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Usage mistakes (fixable by retyping) exit with 2, everything else with 1.
fn exit_code_for(error: &anyhow::Error) -> u8 {
    let usage = error.chain().any(|cause| {
        cause.is::<InvalidDate>()
            || cause
                .downcast_ref::<NamesError>()
                .is_some_and(|error| !matches!(error, NamesError::Index(_)))
            || cause
                .downcast_ref::<SearchError>()
                .is_some_and(SearchError::is_usage)
    });
    if usage {
        EXIT_USAGE
    } else {
        EXIT_ERROR
    }
}
