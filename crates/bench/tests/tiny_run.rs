//! The benchmark suite must keep running: a tiny run end to end.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[test]
fn a_tiny_benchmark_run_reports_every_figure() {
    let work = tempfile::tempdir().unwrap();
    // The JSON goes into the work folder, which the clean-up removes when
    // nothing else is in it: it must be written, and kept.
    let json_path = work.path().join("work").join("bench.json");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../../sample_corpus");
    // `cargo test` at the root builds the `dateline` binary of the root
    // package into the same folder, for the root's own integration tests.
    let dateline = Path::new(env!("CARGO_BIN_EXE_dateline-bench"))
        .with_file_name(format!("dateline{}", std::env::consts::EXE_SUFFIX));
    assert!(
        dateline.is_file(),
        "{} is missing: run `cargo test` at the repository root, which builds it",
        dateline.display()
    );
    let output = Command::new(env!("CARGO_BIN_EXE_dateline-bench"))
        .args([
            "--articles",
            "500",
            "--rounds",
            "1",
            "--extract-seconds",
            "1",
            "--copies",
            "0.2",
        ])
        .args(["--source", sample])
        .arg("--dateline-bin")
        .arg(&dateline)
        .arg("--work-dir")
        .arg(work.path().join("work"))
        .arg("--json-out")
        .arg(&json_path)
        .output()
        .expect("dateline-bench runs");
    assert!(
        output.status.success(),
        "dateline-bench failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.contains("cold index"), "{table}");

    let report: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(report["articles"], 500);
    assert!(report["archive_bytes"].as_u64().unwrap() > 500 * 400);
    let index = &report["index"];
    for field in [
        "seconds",
        "mb_per_s",
        "articles_per_s",
        "peak_rss_mb",
        "peak_anon_mb",
    ] {
        assert!(index[field].as_f64().unwrap() > 0.0, "index.{field}");
    }
    assert!(index["index_bytes"].as_u64().unwrap() > 0);
    for field in [
        "reindex_unchanged_s",
        "reindex_1pct_s",
        "extract_mb_per_s_per_core",
        "tantivy_only_mb_per_s",
    ] {
        assert!(report[field].as_f64().unwrap() > 0.0, "{field}");
    }
    let copies = &report["copies"];
    assert!(copies["planted_copies"].as_u64().unwrap() > 50, "{copies}");
    for field in ["precision", "recall"] {
        let value = copies[field].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&value), "copies.{field}: {value}");
    }
    let server = &report["server"];
    for figures in ["api_1", "page_1", "api_16", "page_16"] {
        assert!(
            server[figures]["p95_ms"].as_f64().unwrap() > 0.0,
            "server.{figures}"
        );
    }
    assert!(server["requests_during_commit"].as_u64().unwrap() > 0);
    assert_eq!(server["failed_during_commit"], 0);
    let queries = report["queries"].as_object().unwrap();
    for class in [
        "word",
        "phrase",
        "boolean",
        "person",
        "org",
        "date_range",
        "quote",
        "entities",
        "entities_filtered",
        "timeline",
    ] {
        let p = &queries[class];
        assert!(p["p50_ms"].as_f64().unwrap() <= p["p95_ms"].as_f64().unwrap());
        assert!(p["p95_ms"].as_f64().unwrap() <= p["p99_ms"].as_f64().unwrap());
    }
    assert!(report["query_count"].as_u64().unwrap() >= 50);
    for peer in ["sqlite_fts5", "ripgrep", "recoll"] {
        assert!(report["peers"][peer].is_object(), "peers.{peer}");
    }
    // `.ci/run` installs Recoll, so CI times it; elsewhere the report says
    // how to install it.
    let recoll = &report["peers"]["recoll"];
    if dateline_bench::peers::on_path("recollindex").is_some() {
        assert!(recoll["build_s"].as_f64().unwrap() > 0.0, "{recoll}");
        assert!(recoll["index_bytes"].as_u64().unwrap() > 0, "{recoll}");
        for side in ["word_process", "dateline_word_process"] {
            assert!(recoll[side]["samples"].as_u64().unwrap() > 0, "{recoll}");
            assert!(recoll[side]["p50_ms"].as_f64().unwrap() > 0.0, "{recoll}");
        }
        assert!(table.contains("Recoll index:"), "{table}");
    } else {
        assert!(
            recoll["skipped"].as_str().unwrap().contains("recollcmd"),
            "{recoll}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(work.path().join("work"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        ["bench.json"],
        "the run's folders removed, the JSON kept"
    );
}
