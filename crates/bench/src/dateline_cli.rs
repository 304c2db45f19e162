//! Running the release `dateline` binary as a child process, as a user would.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::Deserialize;

use super::measure::{run_child, ChildRun};
use super::BenchError;

/// The part of `dateline index --json` the benchmark reads.
#[derive(Debug, Clone, Deserialize)]
pub struct IndexSummary {
    /// Articles in the index after the run.
    pub total_articles: u64,
    /// Articles read in the run that replaced earlier versions.
    pub updated: u64,
    /// Files that could not be indexed.
    pub failed: Vec<serde_json::Value>,
}

/// One `dateline index` run: how it ran and what it reported.
#[derive(Debug, Clone)]
pub struct IndexRun {
    /// Time, CPU and memory of the process.
    pub run: ChildRun,
    /// Its JSON summary.
    pub summary: IndexSummary,
}

/// The `dateline` binary to benchmark: `explicit` if given, else the one
/// beside this executable. Under `cargo run` (which only builds the binary
/// it runs) that one is first built or brought up to date with the same
/// profile, so the one command works on a fresh clone.
pub fn locate(explicit: Option<&Path>) -> Result<PathBuf, BenchError> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let exe = std::env::current_exe().map_err(|e| BenchError::io("current executable", e))?;
    let dir = exe.parent().unwrap_or(Path::new("."));
    let binary = dir.join(format!("dateline{}", std::env::consts::EXE_SUFFIX));
    if let Some(cargo) = std::env::var_os("CARGO") {
        let mut build = Command::new(cargo);
        build.args(["build", "--quiet", "--bin", "dateline"]);
        if dir.file_name().is_some_and(|name| name == "release") {
            build.arg("--release");
        }
        let status = build
            .status()
            .map_err(|e| BenchError::io("cargo build --bin dateline", e))?;
        if !status.success() {
            return Err(BenchError::Child {
                command: format!("{build:?}"),
                message: format!("exited with {status}"),
            });
        }
    }
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(BenchError::Child {
            command: binary.display().to_string(),
            message: "no dateline binary beside dateline-bench; build it with `cargo build --release` or pass --dateline-bin".to_string(),
        })
    }
}

/// `dateline --index INDEX ARGS...` with colors off and the environment's
/// index setting out of the way.
pub fn command(dateline: &Path, index: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(dateline);
    command
        .env("NO_COLOR", "1")
        .env_remove("DATELINE_INDEX")
        .arg("--index")
        .arg(index)
        .args(args);
    command
}

/// Runs `dateline index --json --quiet ARCHIVE` and reads its summary.
pub fn index(
    dateline: &Path,
    index_dir: &Path,
    archive: &Path,
    scratch: &Path,
) -> Result<IndexRun, BenchError> {
    let mut index = command(dateline, index_dir, &["index", "--json", "--quiet"]);
    index.arg(archive);
    let run = run_child(&mut index, scratch)?;
    let summary = serde_json::from_slice(&run.stdout).map_err(|e| BenchError::Child {
        command: format!("{index:?}"),
        message: format!("unexpected --json output: {e}"),
    })?;
    Ok(IndexRun { run, summary })
}

/// Median wall time of `rounds` runs of `dateline ARGS` on an index, start to
/// exit: what a user waits for, opening the index included.
pub fn latency(
    dateline: &Path,
    index_dir: &Path,
    args: &[&str],
    rounds: usize,
    scratch: &Path,
) -> Result<Duration, BenchError> {
    let mut walls = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        walls.push(run_child(&mut command(dateline, index_dir, args), scratch)?.wall);
    }
    walls.sort();
    Ok(walls[walls.len() / 2])
}
