//! Hostile archives: files cut short, bit-flipped, mis-encoded, decompression
//! bombs, deep nesting, huge lines, odd names and special files. Nothing may
//! panic, hang or take unbounded memory; every file is either indexed or
//! reported by name with its real cause; and a good article beside them is
//! found.
//!
//! The generated suite is seeded, so a failure is reproducible: set
//! `DATELINE_HOSTILE_SEEDS=1,2,3` (comma-separated) to run other seeds.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline::extract::Extractor;
use dateline::index::{update, UpdateOptions, UpdateSummary};
use dateline::ingest::{read_file_within, Limits};
use dateline::search::{ArchiveSearcher, Filters, SearchRequest};
use dateline_bench::rng::Rng;
use tempfile::TempDir;

/// Small caps, so bombs and huge lines are cheap to make and to refuse.
const LIMITS: Limits = Limits {
    file_bytes: 200_000,
    line_bytes: 50_000,
};

/// The longest an update of a generated archive may take, debug build included.
const MAX_RUN: Duration = Duration::from_secs(60);

fn gzip(bytes: &[u8]) -> Vec<u8> {
    gzip_at(bytes, flate2::Compression::fast())
}

fn gzip_at(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A gzip file of `megabytes` MB of `byte`, made of concatenated members
/// (valid gzip), so a 2 GB bomb costs 2 MB and milliseconds.
fn bomb(byte: u8, megabytes: usize) -> Vec<u8> {
    gzip_at(&vec![byte; 1_000_000], flate2::Compression::best()).repeat(megabytes)
}

fn index_with_limits(index: &Path, archive: &Path, limits: Limits) -> UpdateSummary {
    let options = UpdateOptions {
        limits,
        ..UpdateOptions::default()
    };
    let roots = [archive.to_path_buf()];
    update(index, &roots, &Extractor::new(), options, &()).expect("update runs")
}

fn total(index: &Path, query: &str) -> usize {
    let request = SearchRequest {
        filters: Filters {
            query: Some(query.to_string()),
            ..Filters::default()
        },
        limit: 1,
        ..SearchRequest::default()
    };
    let searcher = ArchiveSearcher::open(index).unwrap();
    searcher.search(&request).unwrap().total
}

fn failure<'a>(summary: &'a UpdateSummary, name: &str) -> &'a str {
    summary
        .failed
        .iter()
        .find(|f| f.path.ends_with(name))
        .map(|f| f.reason.as_str())
        .unwrap_or_else(|| panic!("{name} not reported: {:?}", summary.failed))
}

/// A good article with a word found nowhere else.
const GOOD: &str = "date 2024-05-01 Harbor reopens\n\nThe quahog season opens on the harbor.\n";

/// A temporary folder with an `archive` folder in it holding [`GOOD`] as
/// `good.txt`.
fn archive_with_good_article() -> (TempDir, PathBuf) {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::write(archive.join("good.txt"), GOOD).unwrap();
    (work, archive)
}

#[test]
fn bombs_are_refused_by_name_and_the_good_file_beside_them_is_indexed() {
    let (work, archive) = archive_with_good_article();
    std::fs::write(archive.join("zeros.txt.gz"), bomb(0, 2_000)).unwrap();
    std::fs::write(archive.join("zeros.jsonl.gz"), bomb(0, 2_000)).unwrap();
    std::fs::write(archive.join("text.txt.gz"), bomb(b'a', 8)).unwrap();
    let mut lines = bomb(b'a', 2);
    lines.extend(gzip(
        b"\n{\"title\": \"After\", \"text\": \"The ferry left.\"}\n",
    ));
    std::fs::write(archive.join("long-line.jsonl.gz"), lines).unwrap();
    let index = work.path().join("index");

    // Caps above the bombs' compressed size, so it is the decompressed
    // size that is refused.
    let limits = Limits {
        file_bytes: 4_000_000,
        line_bytes: 1_000_000,
    };
    let summary = index_with_limits(&index, &archive, limits);

    let refused = "decompresses to more than 4 MB: more than the 4 MB read";
    assert!(
        failure(&summary, "zeros.txt.gz").starts_with(refused),
        "{:?}",
        summary.failed
    );
    assert_eq!(failure(&summary, "zeros.jsonl.gz"), "binary file, not text");
    assert!(failure(&summary, "text.txt.gz").starts_with(refused));
    assert_eq!(summary.failed.len(), 3, "{:?}", summary.failed);
    // The line after the endless one is read; the endless one is a warning.
    let warning = &summary.warnings[0];
    assert!(warning.path.ends_with("long-line.jsonl.gz"), "{warning:?}");
    assert_eq!(warning.line, Some(1));
    assert!(warning.message.starts_with("line longer than 1 MB"));
    assert_eq!(summary.indexed, 2);
    assert_eq!(total(&index, "quahog"), 1);
    assert_eq!(total(&index, "ferry"), 1);
    assert_peak_memory_below(1_000_000_000);
}

/// The process's peak resident memory stays below `bytes` (Linux only).
fn assert_peak_memory_below(bytes: u64) {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return;
    };
    let peak_kb: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status");
    assert!(peak_kb * 1000 < bytes, "peak memory {peak_kb} kB");
}

#[test]
fn failures_name_the_real_cause_and_keep_their_line_warnings() {
    let (work, archive) = archive_with_good_article();
    // Not UTF-8 and not JSON: the cause is the JSON, not the encoding.
    std::fs::write(
        archive.join("bad.jsonl"),
        b"{caf\xe9\n{\"title\": \"no text\"}\n",
    )
    .unwrap();
    let feed: String = (0..200)
        .map(|n| format!("{{\"title\": \"Story {n}\", \"text\": \"The tide rose {n} times.\"}}\n"))
        .collect();
    let cut = gzip(format!("{{bad\n{feed}").as_bytes());
    std::fs::write(archive.join("cut.jsonl.gz"), &cut[..cut.len() - 20]).unwrap();
    let index = work.path().join("index");

    let summary = index_with_limits(&index, &archive, LIMITS);

    assert_eq!(
        failure(&summary, "bad.jsonl"),
        "no article could be read: line 1: not valid JSON: key must be a string (column 2) \
         (and 1 more records left out, listed as warnings)"
    );
    assert!(
        failure(&summary, "cut.jsonl.gz").starts_with("gzip data cut short after "),
        "{:?}",
        summary.failed
    );
    let lines_of = |name: &str| -> Vec<Option<usize>> {
        let warnings = summary.warnings.iter();
        warnings
            .filter(|w| w.path.ends_with(name))
            .map(|w| w.line)
            .collect()
    };
    assert_eq!(lines_of("bad.jsonl"), [Some(1), Some(1), Some(2)]);
    assert_eq!(lines_of("cut.jsonl.gz"), [Some(1)]);
}

#[test]
fn every_failure_line_of_the_text_summary_names_its_file() {
    let (work, archive) = archive_with_good_article();
    for (name, bytes) in [
        ("empty.md", &b""[..]),
        ("no-text.html", b"<html><script>x()</script></html>"),
        ("lines.jsonl", b"{\"title\": \"no text\"}\n"),
        ("cut.txt.gz", &gzip(GOOD.as_bytes())[..20]),
    ] {
        std::fs::write(archive.join(name), bytes).unwrap();
    }
    let output = crate::common::dateline(&work.path().join("index"), &["index"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let failures: Vec<&str> = stdout
        .lines()
        .skip_while(|line| !line.starts_with("Failed files (4):"))
        .skip(1)
        .take(4)
        .collect();
    let archive = std::fs::canonicalize(&archive).unwrap();
    for name in ["cut.txt.gz", "empty.md", "lines.jsonl", "no-text.html"] {
        let prefix = format!("  {}: ", archive.join(name).display());
        assert!(
            failures.iter().any(|line| line.starts_with(&prefix)),
            "{name} has no line of its own:\n{stdout}"
        );
    }
}

#[cfg(unix)]
#[test]
fn special_files_are_listed_with_a_reason_and_a_fifo_does_not_block() {
    use std::os::unix::ffi::OsStrExt;
    let (work, archive) = archive_with_good_article();
    std::fs::create_dir_all(archive.join("folder")).unwrap();
    let latin1_name = archive.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    let latin1 = "date 2024-05-02 Cafe\n\nThe cafe serves chowder.\n";
    std::fs::write(latin1_name, latin1).unwrap();
    let fifo = std::ffi::CString::new(archive.join("pipe.txt").as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink(archive.join("folder"), archive.join("folder-link")).unwrap();
    let index = work.path().join("index");

    let output = crate::common::dateline(&index, &["index", "--json"])
        .arg(&archive)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["indexed"], 2, "{summary}");
    let skipped: Vec<(String, String)> = summary["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, s["reason"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "folder-link".into(),
                "symbolic link to a folder, not followed".into()
            ),
            (
                "pipe.txt".into(),
                "a FIFO (named pipe), not a regular file".into()
            ),
        ]
    );
    assert_eq!(crate::common::search_json(&index, &["chowder"])["total"], 1);

    let text = crate::common::dateline(&index, &["index", "--rebuild"])
        .arg(&archive)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(stdout.contains("Skipped files (2):\n"), "{stdout}");
    assert!(
        stdout.contains("pipe.txt: a FIFO (named pipe), not a regular file\n"),
        "{stdout}"
    );
}

/// How one generated file is spoiled.
#[derive(Debug, Clone, Copy)]
enum Harm {
    None,
    Truncate,
    FlipBits,
    InvalidUtf8,
    Nul,
    HugeLine,
    DeepNesting,
    Bomb,
    CutGzip,
    FlipGzip,
}

const HARMS: [Harm; 10] = [
    Harm::None,
    Harm::Truncate,
    Harm::FlipBits,
    Harm::InvalidUtf8,
    Harm::Nul,
    Harm::HugeLine,
    Harm::DeepNesting,
    Harm::Bomb,
    Harm::CutGzip,
    Harm::FlipGzip,
];

/// A valid file of each format, by extension.
fn base(extension: &str) -> String {
    let body = "The harbor master said the tide rose. \"We will manage the flood,\" she said.";
    match extension {
        "txt" => format!("date 2024-05-01 Harbor news\n\n{body}\n"),
        "md" => format!("---\ntitle: Harbor\ndate: 2024-05-01\n---\n\n# Harbor\n\n{body}\n"),
        "json" => format!(
            r#"[{{"title": "Harbor", "date": "2024-05-01", "text": "{}"}}]"#,
            body.replace('"', "'")
        ),
        "jsonl" => (0..5)
            .map(|n| {
                format!("{{\"title\": \"Harbor {n}\", \"date\": 1714521600, \"text\": \"Tide {n}.\"}}\n")
            })
            .collect(),
        "html" => format!(
            "<html><head><title>Harbor</title></head><body><article><p>{body}</p></article></body></html>"
        ),
        other => unreachable!("{other}"),
    }
}

/// Deeply nested markup of the format (JSON arrays, HTML elements, markdown
/// block quotes), with the article inside where the format allows.
fn deep(extension: &str, rng: &mut Rng) -> Vec<u8> {
    let depth = 1_000 + rng.below(20_000);
    match extension {
        "html" => format!(
            "<html><body>{}<p>Deep harbor text.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
        "json" | "jsonl" => format!("{}{}\n", "[".repeat(depth), "]".repeat(depth)),
        _ => format!("{} Deep harbor text.\n", ">".repeat(depth)),
    }
    .into_bytes()
}

/// A position in `0..len`, or 0 when `len` is 0.
fn position(rng: &mut Rng, len: usize) -> usize {
    rng.below(len.max(1))
}

/// `bytes` spoiled by `harm`; `gz` tells whether the file is gzip.
fn spoil(harm: Harm, extension: &str, gz: bool, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = base(extension).into_bytes();
    match harm {
        Harm::None | Harm::Bomb | Harm::CutGzip | Harm::FlipGzip => {}
        Harm::Truncate => bytes.truncate(position(rng, bytes.len())),
        Harm::FlipBits => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        Harm::InvalidUtf8 => {
            let junk: &[u8] = [&b"\xff"[..], b"\xc3", b"\xe2\x80", b"\xed\xa0\x80"][rng.below(4)];
            let i = position(rng, bytes.len());
            bytes.splice(i..i, junk.iter().copied());
        }
        Harm::Nul => {
            let i = position(rng, bytes.len());
            bytes.insert(i, 0);
        }
        Harm::HugeLine => {
            let size = LIMITS.line_bytes as usize + rng.below(LIMITS.file_bytes as usize);
            let i = position(rng, bytes.len());
            bytes.splice(i..i, std::iter::repeat_n(b'x', size));
        }
        Harm::DeepNesting => bytes = deep(extension, rng),
    }
    if !gz {
        return bytes;
    }
    let mut compressed = match harm {
        Harm::Bomb => bomb([0, b'a', b'\n'][rng.below(3)], 1 + rng.below(3)),
        _ => gzip(&bytes),
    };
    match harm {
        Harm::CutGzip => compressed.truncate(position(rng, compressed.len())),
        Harm::FlipGzip => {
            let i = rng.below(compressed.len());
            compressed[i] ^= 1 << rng.below(8);
        }
        _ => {}
    }
    compressed
}

/// An odd file name ending in `.extension`: spaces, accents, bytes that are
/// not UTF-8, a line break, a leading dash, a long name, upper case.
fn odd_name(n: usize, extension: &str, rng: &mut Rng) -> PathBuf {
    let mut name = format!("{n:03}-").into_bytes();
    let odd: &[u8] = [
        &b""[..],
        b" with spaces",
        "-\u{e9}t\u{e9}-\u{65e5}\u{672c}".as_bytes(),
        b"-\xff\xfe-latin1-\xe9",
        b"-line\nbreak",
        b"--leading-dashes",
        &[b'l'; 200],
    ][rng.below(7)];
    name.extend_from_slice(odd);
    name.push(b'.');
    let extension = if rng.below(4) == 0 {
        extension.to_ascii_uppercase()
    } else {
        extension.to_string()
    };
    name.extend_from_slice(extension.as_bytes());
    path_of_bytes(name)
}

#[cfg(unix)]
fn path_of_bytes(name: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(name))
}

#[cfg(not(unix))]
fn path_of_bytes(name: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&name).replace(['\n', '\u{FFFD}'], "_"))
}

/// A generated archive: every format, plain and gzip, under every harm.
fn hostile_archive(dir: &Path, seed: u64) -> Vec<PathBuf> {
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    for extension in ["txt", "md", "json", "jsonl", "html"] {
        for gz in [false, true] {
            for harm in HARMS {
                let bytes = spoil(harm, extension, gz, &mut rng);
                let suffix = if gz { ".gz" } else { "" };
                let mut name = odd_name(files.len(), extension, &mut rng).into_os_string();
                name.push(suffix);
                let path = dir.join(name);
                std::fs::write(&path, bytes).unwrap();
                files.push(path);
            }
        }
    }
    files
}

fn seeds() -> Vec<u64> {
    match std::env::var("DATELINE_HOSTILE_SEEDS") {
        Ok(seeds) => seeds
            .split(',')
            .map(|s| s.trim().parse().expect("seeds are numbers"))
            .collect(),
        Err(_) => vec![1, 2, 3],
    }
}

#[test]
fn generated_hostile_files_are_indexed_or_failed_by_name() {
    for seed in seeds() {
        let work = TempDir::new().unwrap();
        let archive = work.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        let files = hostile_archive(&archive, seed);
        std::fs::write(archive.join("planted.txt"), GOOD).unwrap();
        let index = work.path().join("index");

        let started = Instant::now();
        let summary = index_with_limits(&index, &archive, LIMITS);
        let elapsed = started.elapsed();
        assert!(elapsed < MAX_RUN, "seed {seed}: {elapsed:?}");

        assert_eq!(total(&index, "quahog"), 1, "seed {seed}: planted article");
        check_accounts(seed, &files, &summary);
    }
    assert_peak_memory_below(1_000_000_000);
}

/// Every file is either failed by its path, with a reason that is not
/// just a caveat, or read into articles that were all indexed.
fn check_accounts(seed: u64, files: &[PathBuf], summary: &UpdateSummary) {
    let archive = std::fs::canonicalize(files[0].parent().unwrap()).unwrap();
    let mut articles = 1; // the planted one
    for file in files {
        let path = archive.join(file.file_name().unwrap());
        let lossy = path.to_string_lossy();
        let failed = summary.failed.iter().find(|f| f.path == lossy);
        let read = read_file_within(&path, LIMITS);
        match (read, failed) {
            (Ok(read), None) if !read.articles.is_empty() => articles += read.articles.len(),
            (Ok(read), Some(failed)) if read.articles.is_empty() => {
                assert!(
                    failed.reason.starts_with("no article"),
                    "seed {seed}: {failed:?}"
                );
            }
            (Err(error), Some(failed)) => {
                assert_eq!(failed.reason, error.reason(), "seed {seed}");
                assert!(
                    !failed.reason.contains("decoded as Windows-1252"),
                    "seed {seed}: a caveat for a cause: {failed:?}"
                );
            }
            (read, failed) => panic!("seed {seed}: {lossy}: read {read:?}, failed {failed:?}"),
        }
    }
    assert_eq!(summary.indexed, articles as u64, "seed {seed}");
    assert_eq!(summary.total_articles, articles as u64, "seed {seed}");
}
