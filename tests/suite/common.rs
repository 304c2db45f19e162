//! Helpers shared by the integration tests: run the binary, read its JSON.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The repository's `../shared/data` folder. Tests that read it carry
/// `#[cfg_attr(shared_data_absent, ignore = ...)]`: the build script marks it
/// absent on a checkout without it, except under CI, where such a test fails
/// here rather than passing without having run.
pub fn shared_data() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    assert!(
        dir.is_dir(),
        "{} is missing: put the shared data beside the checkout (CI must run the tests that need it)",
        dir.display()
    );
    dir
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

/// The index of the sample corpus, built once per test run (in cargo's
/// temporary folder for tests), for the many tests that only read it.
pub fn shared_sample_index() -> &'static Path {
    static INDEX: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        remove_old_sample_indexes(tmp);
        let index = tmp.join(format!("sample-index-{}", std::process::id()));
        if index.exists() {
            std::fs::remove_dir_all(&index).expect("stale index removable");
        }
        index_json(&index, &sample_corpus());
        index
    })
}

/// Removes the shared indexes of earlier runs (an hour old or more).
fn remove_old_sample_indexes(tmp: &Path) {
    let hour = std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|time| time.elapsed().is_ok_and(|age| age > hour));
        if old
            && entry
                .file_name()
                .to_string_lossy()
                .starts_with("sample-index-")
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A fresh index of the sample corpus, in a temporary folder that lives as
/// long as the returned guard, for tests that change it.
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

/// Runs `dateline --index INDEX ARGS...`, which must succeed and print JSON.
pub fn run_json(index: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&run_text(index, args)).expect("JSON output")
}

/// Runs `dateline --index INDEX ARGS...`, which must succeed; what it printed.
pub fn run_text(index: &Path, args: &[&str]) -> String {
    let output = dateline(index, args).output().expect("dateline runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
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

/// Runs a shell script as root of a new user and mount namespace
/// (`unshare -Urm`), where it may mount a small tmpfs or make a folder
/// read-only without privileges. `$DATELINE` is the binary; `vars` are set
/// in the script's environment too. `None` (after a note) where such
/// namespaces are not allowed; under CI that is a failure, so that the tests
/// that need them cannot pass by not running.
pub fn in_namespace_with(script: &str, vars: &[(&str, &Path)]) -> Option<std::process::Output> {
    let output = std::process::Command::new("unshare")
        .args(["-Urm", "sh", "-euc", script])
        .envs(vars.iter().copied())
        .env("DATELINE", assert_cmd::cargo::cargo_bin("dateline"))
        .env("NO_COLOR", "1")
        .env_remove("DATELINE_INDEX")
        .output();
    let refused = match &output {
        Ok(output) => output.status.code() == Some(NAMESPACE_REFUSED),
        Err(_) => true,
    };
    if refused {
        assert!(
            std::env::var_os("CI").is_none(),
            "user namespaces (unshare -Urm) are needed by this test: {output:?}"
        );
        eprintln!("skipped: user and mount namespaces are not available here");
        return None;
    }
    output.ok()
}

/// The exit code a namespace script uses when it could not mount.
pub const NAMESPACE_REFUSED: i32 = 97;
