//! Hostile queries and flags, generated from a fixed seed: deep nesting,
//! huge strings, unbalanced quotes and parentheses, fields that do not
//! exist, odd Unicode, control characters, huge numbers and bad dates.
//! Through the library over the sample corpus, then a sample of them through
//! the binary: no panic, bounded time, and for each bad input an error that
//! names the problem (exit code 2 from the binary) rather than a crash.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dateline::extract::EntityKind;
use dateline::search::{ArchiveSearcher, Filters, QuoteRequest, SearchError, SearchRequest, Sort};
use dateline::search::{Counted, Period};
use dateline_bench::rng::Rng;

/// The generator's seed: the same cases on every run and machine.
const SEED: u64 = 0xda7e_11e0;
/// Cases run through the library (each through search, quotes, entities
/// and timeline).
const LIBRARY_CASES: usize = 2_000;
/// Cases run through the binary.
const BINARY_CASES: usize = 100;
/// Longest any one call may take, in a debug build on a busy machine.
const SLOWEST_CALL: Duration = Duration::from_secs(5);
/// Longest argument the binary gets (the kernel refuses longer ones).
const MAX_ARGUMENT_BYTES: usize = 100_000;

/// Pieces of queries: syntax in every position it can be misplaced in.
const ATOMS: &[&str] = &[
    "harbor",
    "water",
    "Vasquez",
    "the",
    "a",
    "AND",
    "OR",
    "NOT",
    "IN",
    "TO",
    "(",
    ")",
    "\"",
    "'",
    "-",
    "+",
    "*",
    "?",
    "~",
    "^",
    ":",
    "\\",
    "/",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">=",
    "!",
    "harb*",
    "h*r",
    "**",
    "*harbor",
    "harbr~1",
    "harbor~",
    "harbor~3",
    "harbor~99999999999999999999",
    "harbor^2",
    "harbor^0",
    "harbor^-1",
    "harbor^1e999",
    "harbor^99999999999999999999999999999",
    "\"water rights\"",
    "\"water rights\"~2",
    "\"water rights\"~99999999999",
    "\"water ri\"*",
    "\"w\"*",
    "title:",
    "title:harbor",
    "title:(harbor OR water)",
    "body:*",
    "id:*",
    "kind:*",
    "source:*",
    "person:*",
    "person:vasquez",
    "org:\"Coastal Rights Alliance\"",
    "place:*",
    "nosuchfield:x",
    "nosuchfield:*",
    ":x",
    "x:y:z",
    "-:",
    "file_size:abc",
    "file_size:>99999999999999999999999",
    "date:[2024 TO 2025]",
    "date:>2024-01-01T00:00:00Z",
    "title:[a TO z]",
    "title:{* TO *}",
    "title: IN [harbor water]",
    "IN [",
    "title:/ha.*/",
    "/(/",
    "O'Brien",
    "AT&T",
    "e-mail",
    "24/7",
    "3.14",
    "-5",
    "\u{0}",
    "\u{1}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{7f}",
    "\t",
    "\n",
    "\r\n",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{feff}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{10ffff}",
    "é",
    "e\u{301}",
    "ß",
    "İ",
    "ǅ",
    "Ⅻ",
    "٣",
    "日本語",
    "עברית",
    "العربية",
    "🦀",
    "👩‍👩‍👧",
    "\u{3000}",
    "ﬁ",
];

/// Names for `--person`, `--org` and `--speaker`.
const NAMES: &[&str] = &[
    "",
    " ",
    "vasquez",
    "Elena Vasquez",
    "CSIS",
    "*",
    "\"",
    "(",
    "\u{0}",
    "\u{202e}x",
    "🦀",
    "Vasquez AND",
    "person:vasquez",
];

/// Hits, names or quotes asked for.
const COUNTS: &[usize] = &[
    0,
    1,
    10,
    10_000,
    10_001,
    99_999,
    100_000,
    100_001,
    usize::MAX,
];

/// Hits skipped.
const OFFSETS: &[usize] = &[
    0,
    5,
    99_990,
    99_999,
    100_000,
    10_000_000_000,
    i64::MAX as usize,
    usize::MAX,
];

/// Flags for the binary, values in every shape clap and the date parser meet.
const FLAGS: &[&[&str]] = &[
    &["--limit", "0"],
    &["--limit", "-1"],
    &["--limit", "10001"],
    &["--limit", "99999999999999999999999"],
    &["--limit", "1e3"],
    &["--offset", "99990"],
    &["--offset", "10000000000"],
    &["--offset", "18446744073709551615"],
    &["--offset", "18446744073709551616"],
    &["--offset", "-1"],
    &["--from", "2021", "--to", "2019"],
    &["--from", "2024-02-30"],
    &["--from", "99999"],
    &["--from", ""],
    &["--to", "-1"],
    &["--to", "2024-1"],
    &["--to", "２０２４"],
    &["--from", "2024-10-23T00:00"],
    &["--from", "0000"],
    &["--to", "9999"],
    &["--from", "1000", "--to", "9999-12-31"],
    &["--person", "\u{202e}x"],
    &["--org", ""],
    &["--sort", "newest"],
    &["--sort", "sideways"],
];

/// One generated query: a shape of hostility, filled in from the seed.
fn hostile_query(rng: &mut Rng) -> String {
    let word = *rng.pick(ATOMS);
    match rng.below(8) {
        0 => {
            let depth = *rng.pick(&[1, 5, 31, 32, 33, 100, 3_000]);
            let (open, close) = match rng.below(3) {
                0 => ("(", ")"),
                1 => ("(", ""),
                _ => ("", ")"),
            };
            format!("{}{word}{}", open.repeat(depth), close.repeat(depth))
        }
        1 => {
            let depth = *rng.pick(&[1, 32, 33, 2_000]);
            format!(
                "{}{word}",
                rng.pick(&["NOT ", "-", "+", "title:("]).repeat(depth)
            )
        }
        2 => {
            let length = *rng.pick(&[9_999, 10_000, 10_001, 50_000, 200_000]);
            let unit = rng.pick(&["harbor ", "x", "\"", "(", "é", "🦀 ", "a:"]);
            unit.repeat(length / unit.chars().count() + 1)
                .chars()
                .take(length)
                .collect()
        }
        3 => format!(
            "{}{word}",
            rng.pick(&["\"", "\"a \"b\" \"", "\\\"", "'", "(\""])
        ),
        _ => {
            let mut query = String::new();
            for _ in 0..1 + rng.below(8) {
                query.push_str(rng.pick::<&str>(ATOMS));
                query.push_str(rng.pick::<&str>(&[" ", "", "  ", "\t", "\u{3000}"]));
            }
            query
        }
    }
}

/// A date bound: none, ordinary, or at the ends of what tantivy or chrono
/// can hold; two of them make ranges in either order.
fn hostile_date(rng: &mut Rng) -> Option<NaiveDate> {
    let (year, month, day) = *rng.pick(&[
        (2024, 10, 23),
        (2019, 1, 1),
        (2021, 12, 31),
        (1, 1, 1),
        (1677, 9, 21),
        (2262, 4, 12),
        (9999, 12, 31),
    ]);
    match rng.below(3) {
        0 => None,
        1 => Some(*rng.pick(&[NaiveDate::MIN, NaiveDate::MAX])),
        _ => NaiveDate::from_ymd_opt(year, month, day),
    }
}

/// Filters of every kind, each one hostile or absent.
fn hostile_filters(rng: &mut Rng) -> Filters {
    let names = |rng: &mut Rng| -> Vec<String> {
        (0..rng.below(3))
            .map(|_| rng.pick(NAMES).to_string())
            .collect()
    };
    Filters {
        query: (rng.below(8) != 0).then(|| hostile_query(rng)),
        people: names(rng),
        organizations: names(rng),
        places: names(rng),
        sources: names(rng),
        speakers: names(rng),
        from: hostile_date(rng),
        to: hostile_date(rng),
    }
}

/// Runs one library call: it must return within [`SLOWEST_CALL`] without
/// panicking, and an error must be about the request, said in one line.
fn check<T>(case: &str, call: impl FnOnce() -> Result<T, SearchError>) {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(call));
    let elapsed = started.elapsed();
    let shown: String = case.chars().take(300).collect();
    assert!(elapsed < SLOWEST_CALL, "{elapsed:?} for {shown}");
    match result {
        Err(_) => panic!("panicked on {shown}"),
        Ok(Ok(_)) => {}
        Ok(Err(error)) => {
            let message = error.to_string();
            assert!(
                error.is_usage(),
                "not a request error: {message} for {shown}"
            );
            assert!(!message.contains('\n'), "{message} for {shown}");
            assert!(message.len() < 1_000, "{message} for {shown}");
            // What the error says in its own words, without the query it quotes.
            let said = match &error {
                SearchError::InvalidQuery { reason, .. } => reason.clone(),
                _ => message.clone(),
            };
            for internal in ["Syntax Error", "Schema error", "Error(", "Error {", " { "] {
                assert!(!said.contains(internal), "{message} for {shown}");
            }
        }
    }
}

#[test]
fn hostile_queries_through_the_library_get_answers_or_clear_errors() {
    let (_work, index) = crate::common::sample_index();
    let searcher = ArchiveSearcher::open(&index).unwrap();
    let mut rng = Rng::new(SEED);
    let started = Instant::now();
    for case in 0..LIBRARY_CASES {
        // Every other case counts stories and lists every copy.
        let counted = if case % 2 == 0 {
            Counted::Articles
        } else {
            Counted::Stories
        };
        let filters = hostile_filters(&mut rng);
        let request = SearchRequest {
            filters: filters.clone(),
            sort: *rng.pick(&[Sort::Relevance, Sort::Newest, Sort::Oldest]),
            limit: *rng.pick(COUNTS),
            offset: *rng.pick(OFFSETS),
            all_copies: case % 2 == 1,
        };
        check(&format!("search {request:?}"), || searcher.search(&request));
        let quotes = QuoteRequest {
            filters: filters.clone(),
            limit: *rng.pick(COUNTS),
            offset: *rng.pick(OFFSETS),
        };
        check(&format!("quotes {quotes:?}"), || searcher.quotes(&quotes));
        let top = *rng.pick(COUNTS);
        let kinds = [EntityKind::Person, EntityKind::Place];
        check(&format!("entities top {top} {filters:?}"), || {
            searcher.entities(&filters, &kinds, top, counted)
        });
        let by = *rng.pick(&[Period::Day, Period::Week, Period::Month, Period::Year]);
        check(&format!("timeline {filters:?}"), || {
            searcher.timeline(&filters, by, counted)
        });
    }
    eprintln!("{LIBRARY_CASES} library cases in {:?}", started.elapsed());
}

#[test]
fn hostile_queries_and_flags_through_the_binary_exit_0_or_2() {
    let (_work, index) = crate::common::sample_index();
    let mut rng = Rng::new(SEED ^ 1);
    let mut cases = 0;
    while cases < BINARY_CASES {
        let query = hostile_query(&mut rng);
        if query.len() > MAX_ARGUMENT_BYTES || query.contains('\0') {
            continue;
        }
        cases += 1;
        let command = *rng.pick(&["search", "quotes", "entities", "timeline"]);
        let mut args = vec![command, "--", &query];
        let flags = rng.pick(FLAGS);
        let applies = command == "search" || !["--offset", "--sort"].contains(&flags[0]);
        if applies {
            args.splice(1..1, flags.iter().copied());
        }
        let started = Instant::now();
        let output = crate::common::dateline(&index, &args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown: String = format!("{args:?}").chars().take(300).collect();
        assert!(started.elapsed() < SLOWEST_CALL, "{shown}");
        assert!(!stderr.contains("panicked"), "{shown}: {stderr}");
        match output.status.code() {
            Some(0) => {}
            Some(2) => assert!(stderr.starts_with("error: "), "{shown}: {stderr}"),
            code => panic!("exit {code:?} for {shown}: {stderr}"),
        }
    }
}
