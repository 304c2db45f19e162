//! Long articles: extraction time grows linearly with the text, and an
//! article above the extraction cap is still indexed whole.

use std::time::Duration;

use dateline::extract::{Extractor, MAX_TEXT_BYTES};

/// Texts that made an extraction step quadratic, each a unit repeated to a
/// size where the quadratic step took most of the time: the step's list of
/// names grew with the text and was scanned once per token or quote.
const HOSTILE_TEXTS: &[(&str, &str, usize)] = &[
    ("acronyms", "NATO and UN. ", 32_000),
    (
        "pronoun speakers among places",
        "Paris, Rome, Oslo and Kyiv. \"Go,\" she said. ",
        32_000,
    ),
    ("a run of capitals", "PEDRO Novak LI Wang ", 8_000),
];

/// The CPU time of this thread so far: unlike wall time, other tests
/// running at once do not add to it.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for clock_gettime to fill.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// The smaller CPU time of two extractions of `text`, so a busy machine
/// does not make a slow sample.
fn extraction_time(extractor: &Extractor, text: &str) -> Duration {
    (0..2)
        .map(|_| {
            let started = thread_cpu_time();
            std::hint::black_box(extractor.extract(text));
            thread_cpu_time().saturating_sub(started)
        })
        .min()
        .expect("two samples")
}

/// `unit` repeated to at least `bytes`.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

#[test]
fn extraction_time_is_linear_in_text_size() {
    let extractor = Extractor::new();
    // Four times the text must take about four times as long; a quadratic
    // step takes up to sixteen. The margin of a factor two (and a
    // millisecond floor) keeps timer noise from failing the test.
    let mut slow = Vec::new();
    for &(name, unit, bytes) in HOSTILE_TEXTS {
        let small = extraction_time(&extractor, &repeated(unit, bytes));
        let large = extraction_time(&extractor, &repeated(unit, 4 * bytes));
        let ratio = large.as_secs_f64() / small.max(Duration::from_millis(1)).as_secs_f64();
        if ratio > 8.0 {
            slow.push(format!("{name}: {small:?} -> {large:?} (x{ratio:.1})"));
        }
    }
    assert!(slow.is_empty(), "superlinear extraction: {slow:#?}");
}

#[test]
fn names_come_from_the_start_of_a_text_longer_than_the_cap() {
    let extractor = Extractor::new();
    let sentence = " Angela Merkel met Vladimir Putin in Berlin.";
    let names = |text: &str| extractor.extract(text).mentions.len();
    assert!(names(sentence) >= 2);
    // One long word fills the cap cheaply; the names after it are not read.
    let long = format!("{}{sentence}", "a".repeat(MAX_TEXT_BYTES));
    assert_eq!(names(&long), 0);
}

#[test]
fn an_article_above_the_cap_is_indexed_whole_with_a_warning() {
    let work = tempfile::TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let article = format!(
        "date 2024-05-03 Angela Merkel opens the harbor\n\n{} Finally the word quahog appears.\n",
        "a".repeat(MAX_TEXT_BYTES)
    );
    std::fs::write(archive.join("long.txt"), article).unwrap();
    let index = work.path().join("index");
    let summary = crate::common::index_json(&index, &archive);
    assert_eq!(summary["indexed"], 1, "{summary}");
    let warnings = summary["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{summary}");
    assert!(
        warnings[0]["path"].as_str().unwrap().ends_with("long.txt"),
        "{summary}"
    );
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .contains("names and quotes are taken from its first 1 MB only"),
        "{summary}"
    );
    // The tail is searchable; the names at the start are found.
    assert_eq!(crate::common::search_json(&index, &["quahog"])["total"], 1);
    assert_eq!(
        crate::common::search_json(&index, &["--person", "Angela Merkel"])["total"],
        1
    );
}
