//! Runs the extractor over a JSONL file of `{"id","text"}` documents and prints
//! one prediction record a line (the reference scorer's format); prints the
//! single-thread extraction rate to stderr. Used to check `dateline::eval`
//! against `score.py` and as a one-command benchmark:
//!
//! `cargo run --release --example predict_jsonl -- ../shared/data/corpus/wikinews.dev.jsonl > /dev/null`
//!
//! An optional second argument names a model file to use instead of the shipped one.

use dateline::extract::{to_jsonl_record, Extractor};
use std::io::Write;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: predict_jsonl FILE.jsonl"))?;
    let docs: Vec<serde_json::Value> = std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let loaded = Instant::now();
    let extractor = match std::env::args().nth(2) {
        Some(model) => Extractor::from_model_bytes(&std::fs::read(model)?)?,
        None => Extractor::new(),
    };
    let load_ms = loaded.elapsed().as_secs_f64() * 1e3;
    let started = Instant::now();
    let cpu_started = thread_cpu_ns();
    let mut bytes = 0usize;
    let mut records = Vec::with_capacity(docs.len());
    for d in &docs {
        let text = d["text"].as_str().unwrap_or_default();
        let id = match &d["id"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        bytes += text.len();
        let extraction = extractor.extract(text);
        records.push(to_jsonl_record(&id, text, &extraction).to_string());
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu_secs = cpu_started
        .zip(thread_cpu_ns())
        .map(|(a, b)| (b - a) as f64 / 1e9);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for r in &records {
        writeln!(out, "{r}")?;
    }
    eprintln!(
        "model load {load_ms:.1} ms; {} docs, {bytes} bytes in {secs:.3} s = {:.2} MB/s (one thread, wall clock)",
        docs.len(),
        bytes as f64 / secs / 1e6
    );
    if let Some(cpu) = cpu_secs {
        // On a shared machine the wall clock also counts time spent waiting for a core.
        eprintln!(
            "{cpu:.3} s on the CPU = {:.2} MB/s per core",
            bytes as f64 / cpu / 1e6
        );
    }
    Ok(())
}

/// Nanoseconds this thread has run on a CPU (Linux), if the kernel tells.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
