//! Build script: fingerprints the extraction rules, so that an index knows
//! which extractor wrote it (see `dateline::extract::Extractor::fingerprint`).
//!
//! The fingerprint hashes every source file of `src/extract` and every list
//! under the repository's `data/gazetteers`, in path order: any change to what extraction
//! does changes it, and nothing else does.

use std::path::{Path, PathBuf};

/// What the extraction rules are made of.
const RULE_SOURCES: [&str; 2] = ["src/extract", "../../data/gazetteers"];

fn main() {
    let mut files = Vec::new();
    for dir in RULE_SOURCES {
        println!("cargo::rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    let mut bytes = Vec::new();
    for file in &files {
        bytes.extend_from_slice(file.to_string_lossy().as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&std::fs::read(file).expect("rule source is readable"));
    }
    let fingerprint = xxhash_rust::xxh3::xxh3_64(&bytes);
    println!("cargo::rustc-env=DATELINE_RULES_FINGERPRINT={fingerprint:016x}");
}

/// Every file below `dir`.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("rule folder is readable") {
        let path = entry.expect("rule folder is readable").path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
