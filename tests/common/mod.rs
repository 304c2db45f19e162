//! Helpers shared by the integration tests: run the binary, read its JSON.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The repository's `../shared/data` folder, if this checkout has it beside it.
pub fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/data is not beside this checkout");
        None
    }
}

/// The people of the seed article, as canonical names in name order.
pub const SEED_PEOPLE: [&str; 5] = [
    "Kim Du-yeon",
    "Kim Jong-un",
    "Sydney Seiler",
    "Victor Cha",
    "Vladimir Putin",
];

/// The bundled sample corpus.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus")
}

/// A fresh index of the sample corpus, in a temporary folder that lives as
/// long as the returned guard.
pub fn sample_index() -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::TempDir::new().expect("temporary folder");
    let index = work.path().join("index");
    index_json(&index, &sample_corpus());
    (work, index)
}

/// `dateline --index INDEX ARGS...`, with colors off.
pub fn dateline(index: &Path, args: &[&str]) -> Command {
    Command::from_std(dateline_std(index, args))
}

/// [`dateline`] as a plain `std::process::Command`, for tests that need its
/// standard streams (pipes, spawning).
pub fn dateline_std(index: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    command
        .env("NO_COLOR", "1")
        .env_remove("DATELINE_INDEX")
        .arg("--index")
        .arg(index)
        .args(args);
    command
}

/// Runs `dateline index --json ARCHIVE` and returns the summary.
pub fn index_json(index: &Path, archive: &Path) -> Value {
    let output = dateline(index, &["index", "--json"])
        .arg(archive)
        .output()
        .expect("dateline runs");
    assert!(
        output.status.success(),
        "index failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("index --json prints JSON")
}

/// Runs `dateline search --json ARGS...` and returns the parsed results.
pub fn search_json(index: &Path, args: &[&str]) -> Value {
    let output = dateline(index, &["search", "--json"])
        .args(args)
        .output()
        .expect("dateline runs");
    assert!(
        output.status.success(),
        "search {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("search --json prints JSON")
}

/// The hits' values of a string field.
pub fn hit_strings(results: &Value, field: &str) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits is an array")
        .iter()
        .map(|hit| hit[field].as_str().unwrap_or_default().to_string())
        .collect()
}
