//! JSON articles: `.json` (one object, or an array of objects) and
//! `.jsonl` / `.ndjson` (one object per line).
//!
//! Field names differ between scrapers and datasets (news-please,
//! newspaper, feeds), so each article field is looked up under a list of
//! names, the first present one winning.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate};
use serde_json::{Map, Value};

use super::{
    date, out_of_range, parse_date_or_report, too_long, Draft, FileRead, IngestError, Problem,
};

const TITLE: &[&str] = &["title", "headline"];
const DATE: &[&str] = &[
    "date",
    "published",
    "date_publish",
    "pubDate",
    "datetime",
    "published_at",
];
const TEXT: &[&str] = &["text", "body", "content", "maintext", "article"];
const URL: &[&str] = &["url", "link"];
const SOURCE: &[&str] = &["source", "outlet", "publisher"];
const AUTHOR: &[&str] = &["author", "authors", "byline"];

/// Read a `.json` file: one object (one article, id without key) or an array
/// of objects (keyed by url, else 1-based index). Invalid JSON spoils the
/// whole file, since nothing after the error can be trusted.
pub(super) fn read_json(path: &Path, text: &str) -> Result<FileRead, IngestError> {
    let value: Value = serde_json::from_str(text).map_err(|e| IngestError::Parse {
        path: path.to_path_buf(),
        line: Some(e.line()),
        reason: format!("not valid JSON: {}", serde_message(&e)),
    })?;
    let mut read = FileRead::default();
    match value {
        Value::Object(record) => {
            if let Some(draft) = draft(&record, None, &mut read.problems) {
                read.articles.push(draft.finish(path, None));
            }
        }
        Value::Array(records) => {
            let mut keys = Keys::default();
            for (i, record) in records.iter().enumerate() {
                // Arrays have no meaningful line numbers; problems name the
                // record instead.
                push_record(path, record, i + 1, None, &mut keys, &mut read);
            }
        }
        _ => {
            return Err(IngestError::parse(
                path,
                "expected a JSON object or an array of objects",
            ))
        }
    }
    Ok(read)
}

/// The reader of a `.jsonl` / `.ndjson` file, fed one line at a time (see
/// [`super::parts`]). Blank lines are skipped; a line that is not valid JSON,
/// or not an article, is a [`Problem`] and the other lines are still read.
#[derive(Default)]
pub(super) struct JsonLines {
    keys: Keys,
}

impl JsonLines {
    /// Reads line `number` (1-based) of the file at `path` into `read`.
    pub(super) fn push_line(
        &mut self,
        path: &Path,
        line: &str,
        number: usize,
        read: &mut FileRead,
    ) {
        if line.trim().is_empty() {
            return;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(record) => push_record(path, &record, number, Some(number), &mut self.keys, read),
            Err(e) => {
                read.skipped += 1;
                read.problems.push(Problem::skip(
                    Some(number),
                    format!("not valid JSON: {}", serde_message(&e)),
                ));
            }
        }
    }
}

/// Id keys given so far in one multi-article file, as hashes, so that a dump
/// of millions of lines keeps 16 bytes a line rather than every url.
#[derive(Default)]
struct Keys {
    used: HashSet<u64>,
    /// For each repeated key, the suffix `#n` to try first: every smaller
    /// one is taken, so a feed listing one url 40,000 times is not quadratic.
    next_suffix: HashMap<u64, u64>,
}

impl Keys {
    /// `key` the first time, else the first free of `key#2`, `key#3`…: a
    /// feed that lists one url twice still gets an id per article, so `show`
    /// finds each.
    fn unique(&mut self, key: &str) -> String {
        let hash = |k: &str| xxhash_rust::xxh3::xxh3_64(k.as_bytes());
        let key_hash = hash(key);
        if self.used.insert(key_hash) {
            return key.to_string();
        }
        let next = self.next_suffix.entry(key_hash).or_insert(2);
        let (n, candidate) = (*next..)
            .map(|n| (n, format!("{key}#{n}")))
            .find(|(_, candidate)| self.used.insert(hash(candidate)))
            .expect("some suffix is free");
        *next = n + 1;
        candidate
    }
}

/// One record of a multi-article file, `number` being its 1-based line
/// (JSONL) or array index: the fallback id key when it has no url.
fn push_record(
    path: &Path,
    record: &Value,
    number: usize,
    line: Option<usize>,
    keys: &mut Keys,
    read: &mut FileRead,
) {
    let Value::Object(record) = record else {
        read.skipped += 1;
        read.problems.push(Problem::skip(
            line,
            located(line, number, "not a JSON object"),
        ));
        return;
    };
    let mut problems = Vec::new();
    let draft = draft(record, line, &mut problems);
    // Problems of array records name the record, lacking a line number.
    read.problems.extend(problems.into_iter().map(|p| Problem {
        message: located(line, number, &p.message),
        ..p
    }));
    match draft {
        Some(draft) => {
            let key = draft.url.clone().unwrap_or_else(|| number.to_string());
            let key = keys.unique(key.trim());
            let article = draft.finish(path, Some(&key));
            read.problems
                .extend(too_long(&article, line).map(|p| Problem {
                    message: located(line, number, &p.message),
                    ..p
                }));
            read.articles.push(article);
        }
        None => read.skipped += 1,
    }
}

/// Prefix `message` with the record number when there is no line to point to.
fn located(line: Option<usize>, number: usize, message: &str) -> String {
    match line {
        Some(_) => message.to_string(),
        None => format!("record {number}: {message}"),
    }
}

/// The article in one JSON object, at `line` of a JSON-lines file; `None`
/// (with a problem) when it has no text.
fn draft(
    record: &Map<String, Value>,
    line: Option<usize>,
    problems: &mut Vec<Problem>,
) -> Option<Draft> {
    let Some(body) = first(record, TEXT, as_text) else {
        problems.push(Problem::skip(
            line,
            "no article text: expected one of text, body, content, maintext, article",
        ));
        return None;
    };
    Some(Draft {
        line,
        title: first(record, TITLE, as_text).unwrap_or_default(),
        body,
        date: first(record, DATE, present).and_then(|v| record_date(v, line, problems)),
        url: first(record, URL, as_text),
        source: first(record, SOURCE, as_name),
        byline: first(record, AUTHOR, as_names),
    })
}

/// The first of `names` whose value `convert` accepts. Nulls, empty strings
/// and values of the wrong kind count as absent, so `"title": ""` does not
/// hide a `headline`.
fn first<'a, T>(
    record: &'a Map<String, Value>,
    names: &[&str],
    convert: impl Fn(&'a Value) -> Option<T>,
) -> Option<T> {
    names
        .iter()
        .filter_map(|name| record.get(*name))
        .find_map(convert)
}

/// Any value but null or a blank string (dates may be strings or numbers).
fn present(value: &Value) -> Option<&Value> {
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        _ => Some(value),
    }
}

/// A non-blank string.
fn as_text(value: &Value) -> Option<String> {
    value
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A name given as a string or as an object with a `name` (schema.org style).
fn as_name(value: &Value) -> Option<String> {
    match value {
        Value::Object(object) => object.get("name").and_then(as_text),
        _ => as_text(value),
    }
}

/// One or more names: a string, a `{name}` object, or an array of either,
/// joined with ", ".
fn as_names(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(as_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => as_name(value),
    }
}

/// A date value: a string in any format [`date::parse_date`] knows, or a
/// Unix timestamp (UTC) as feeds and databases export them; else a problem.
/// Other kinds (objects, booleans) are ignored.
fn record_date(
    value: &Value,
    line: Option<usize>,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    match value {
        Value::String(s) => parse_date_or_report(s, line, problems),
        Value::Number(n) => number_date(n)
            .map_err(|message| problems.push(Problem::caveat(line, message)))
            .ok(),
        _ => None,
    }
}

/// The date of a timestamp: seconds since 1970 below 10^12 (12 digits, up to
/// the year 33658), milliseconds from 10^12 on (13 digits, September 2001
/// on), as JavaScript and Java write them. So `253402300800`, the end of the
/// year 9999 in seconds, is no date in 1978.
fn number_date(n: &serde_json::Number) -> Result<NaiveDate, String> {
    let value = n.as_f64().unwrap_or(f64::NAN);
    let (seconds, unit) = if value.abs() < 1e12 {
        (value, "seconds")
    } else {
        (value / 1000.0, "milliseconds")
    };
    // `as` saturates, and chrono refuses what no calendar holds.
    let date = DateTime::from_timestamp(seconds.floor() as i64, 0).filter(|_| seconds.is_finite());
    match date.map(|d| d.date_naive()) {
        Some(date) => date::in_range(date)
            .ok_or_else(|| out_of_range(&format!("number {n} ({date} in {unit} since 1970)"))),
        None => Err(format!(
            "date number {n} is no time in seconds or milliseconds since 1970, so it is left out"
        )),
    }
}

/// serde_json's message without its " at line L column C" suffix, which
/// the [`Problem`] or [`IngestError`] already carries as a line; the column
/// is kept in words.
fn serde_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let bare = message
        .rfind(" at line ")
        .map_or(message.as_str(), |at| &message[..at]);
    format!("{bare} (column {})", e.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::article_id;

    fn jsonl(text: &str) -> FileRead {
        read_lines(Path::new("/x/feed.jsonl"), text)
    }

    fn read_lines(path: &Path, text: &str) -> FileRead {
        let mut lines = JsonLines::default();
        let mut read = FileRead::default();
        for (i, line) in text.lines().enumerate() {
            lines.push_line(path, line, i + 1, &mut read);
        }
        read
    }

    fn json(text: &str) -> Result<FileRead, IngestError> {
        read_json(Path::new("/x/data.json"), text)
    }

    #[test]
    fn single_object_uses_every_field_and_no_key() {
        let read = json(
            r#"{"headline": "H", "published": "2024-10-23T09:30:00Z", "body": " B ",
                "link": "https://n.test/1", "publisher": {"name": "Wire"},
                "authors": ["Ann Lee", "Bo Kim"]}"#,
        )
        .unwrap();
        assert!(read.problems.is_empty());
        let a = &read.articles[0];
        assert_eq!(a.title, "H");
        assert_eq!(a.body, "B");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 10, 23));
        assert_eq!(a.url.as_deref(), Some("https://n.test/1"));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.byline.as_deref(), Some("Ann Lee, Bo Kim"));
        assert_eq!(a.id, article_id(Path::new("/x/data.json"), None));
        assert_eq!(a.line, None);
    }

    #[test]
    fn first_present_field_name_wins() {
        let read = json(
            r#"{"title": "T", "headline": "H", "text": "one", "body": "two",
                "date": "2024-10-23", "pubDate": "2020-01-01", "url": "u1", "link": "u2",
                "source": "S", "outlet": "O", "author": "A", "byline": "B"}"#,
        )
        .unwrap();
        let a = &read.articles[0];
        assert_eq!(
            (
                a.title.as_str(),
                a.body.as_str(),
                a.url.as_deref(),
                a.source.as_deref(),
                a.byline.as_deref()
            ),
            ("T", "one", Some("u1"), Some("S"), Some("A"))
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 10, 23));
    }

    #[test]
    fn every_text_and_date_field_name_is_recognised() {
        for name in TEXT {
            let read = json(&format!(r#"{{"{name}": "x"}}"#)).unwrap();
            assert_eq!(read.articles[0].body, "x", "{name}");
        }
        for name in DATE {
            let read = json(&format!(r#"{{"{name}": "Oct 23, 2024", "text": "x"}}"#)).unwrap();
            assert_eq!(
                read.articles[0].date,
                NaiveDate::from_ymd_opt(2024, 10, 23),
                "{name}"
            );
        }
        let read = json(r#"{"maintext": "x", "outlet": "O", "byline": "B"}"#).unwrap();
        assert_eq!(read.articles[0].source.as_deref(), Some("O"));
        assert_eq!(read.articles[0].byline.as_deref(), Some("B"));
    }

    #[test]
    fn empty_title_does_not_hide_headline() {
        let read = json(r#"{"title": "", "headline": "H", "text": "x"}"#).unwrap();
        assert_eq!(read.articles[0].title, "H");
    }

    #[test]
    fn timestamps_out_of_range_or_no_time_are_left_out_with_a_warning() {
        let read = jsonl(
            "{\"date\": 253402300800, \"text\": \"a\"}\n{\"date\": 1e300, \"text\": \"b\"}\n\
             {\"date\": -99999999999, \"text\": \"c\"}\n{\"date\": 1729675800.5, \"text\": \"d\"}\n",
        );
        let dates: Vec<_> = read.articles.iter().map(|a| a.date).collect();
        assert_eq!(
            dates,
            [None, None, None, NaiveDate::from_ymd_opt(2024, 10, 23)]
        );
        let problems: Vec<(Option<usize>, &str)> = read
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    Some(1),
                    "date number 253402300800 (+10000-01-01 in seconds since 1970) is outside \
                     the years 1800 to 2200 taken for publication dates (a placeholder?), so it \
                     is left out"
                ),
                (
                    Some(2),
                    "date number 1e+300 is no time in seconds or milliseconds since 1970, so it \
                     is left out"
                ),
                (
                    Some(3),
                    "date number -99999999999 (-1199-02-15 in seconds since 1970) is outside \
                     the years 1800 to 2200 taken for publication dates (a placeholder?), so it \
                     is left out"
                ),
            ]
        );
    }

    #[test]
    fn unix_timestamps_are_dates() {
        let read =
            json(r#"[{"date": 1729675800, "text": "s"}, {"date": 1729675800000, "text": "ms"}]"#)
                .unwrap();
        for a in &read.articles {
            assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 10, 23));
        }
    }

    #[test]
    fn array_records_are_keyed_by_url_else_index() {
        let read = json(
            r#"[{"text": "a", "url": "https://n.test/a"}, {"text": "b"}, {"title": "no text"}, 7]"#,
        )
        .unwrap();
        let id = |key| article_id(Path::new("/x/data.json"), Some(key));
        let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, [id("https://n.test/a"), id("2")]);
        // A record of an array has no line of its own to point to.
        assert!(read.articles.iter().all(|a| a.line.is_none()));
        assert_eq!(
            read.problems,
            vec![
                Problem::skip(
                    None,
                    "record 3: no article text: expected one of text, body, content, \
                              maintext, article"
                ),
                Problem::skip(None, "record 4: not a JSON object"),
            ]
        );
    }

    #[test]
    fn single_object_without_text_is_a_problem() {
        let read = json(r#"{"title": "T"}"#).unwrap();
        assert!(read.articles.is_empty());
        assert_eq!(read.problems.len(), 1);
        assert!(read.problems[0].message.starts_with("no article text"));
    }

    #[test]
    fn invalid_json_is_an_error_with_serde_line() {
        let err = json("[\n{\"text\": \"a\"},\n{\"text\": }\n]").unwrap_err();
        match &err {
            IngestError::Parse { line, reason, .. } => {
                assert_eq!(*line, Some(3));
                assert!(
                    reason.starts_with("not valid JSON: expected value"),
                    "{reason}"
                );
                assert!(!reason.contains(" at line "), "{reason}");
            }
            other => panic!("{other}"),
        }
        assert!(err.to_string().contains("line 3: not valid JSON"), "{err}");
    }

    #[test]
    fn json_scalar_is_an_error() {
        assert!(matches!(json("42"), Err(IngestError::Parse { .. })));
    }

    #[test]
    fn jsonl_reads_good_lines_around_bad_ones() {
        let read = jsonl(
            "{\"title\": \"One\", \"text\": \"a\"}\n\n{not json}\n{\"text\": \"c\", \"url\": \"https://n.test/c\"}\n\
             {\"title\": \"no text\"}\n[1]\n{\"text\": \"e\", \"date\": \"someday\"}\n",
        );
        assert_eq!(read.skipped, 3);
        let id = |key| article_id(Path::new("/x/feed.jsonl"), Some(key));
        let ids: Vec<String> = read.articles.iter().map(|a| a.id.clone()).collect();
        assert_eq!(ids, [id("1"), id("https://n.test/c"), id("7")]);
        let read_from: Vec<Option<usize>> = read.articles.iter().map(|a| a.line).collect();
        assert_eq!(read_from, [Some(1), Some(4), Some(7)]);
        let lines: Vec<Option<usize>> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(5), Some(6), Some(7)]);
        assert!(read.problems[0]
            .message
            .starts_with("not valid JSON: key must be a string"));
        assert_eq!(read.problems[2].message, "not a JSON object");
        assert!(read.problems[3]
            .message
            .starts_with("unrecognised date 'someday'"));
        assert_eq!(read.articles[2].date, None);
    }

    #[test]
    fn jsonl_repeated_url_gets_an_id_per_article() {
        let read = jsonl(
            "{\"text\": \"first\", \"url\": \"https://n.test/a\"}\n\
             {\"text\": \"again\", \"url\": \"https://n.test/a\"}\n\
             {\"text\": \"other\", \"url\": \"https://n.test/b\"}\n",
        );
        let id = |key| article_id(Path::new("/x/feed.jsonl"), Some(key));
        let ids: Vec<String> = read.articles.iter().map(|a| a.id.clone()).collect();
        assert_eq!(
            ids,
            [
                id("https://n.test/a"),
                id("https://n.test/a#2"),
                id("https://n.test/b")
            ]
        );
    }

    #[test]
    fn many_repeats_of_one_url_take_linear_time_and_keep_their_ids() {
        let line = "{\"text\": \"a\", \"url\": \"u\"}\n";
        let started = std::time::Instant::now();
        let read = jsonl(&format!(
            "{}{{\"text\": \"b\", \"url\": \"u#3\"}}\n",
            line.repeat(20_000)
        ));
        // Linear is a few hundredths of a second even in a debug build; the
        // quadratic search for a free suffix took minutes.
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let id = |key: &str| article_id(Path::new("/x/feed.jsonl"), Some(key));
        let ids: Vec<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 20_001);
        assert_eq!(ids[..3], [id("u"), id("u#2"), id("u#3")]);
        assert_eq!(ids[19_999], id("u#20000"));
        // A url given as `u#3` after `u#3` was handed out is a repeat of it.
        assert_eq!(ids[20_000], id("u#3#2"));
    }

    #[test]
    fn a_url_that_looks_like_a_numbered_repeat_keeps_ids_unique() {
        let read = jsonl(
            "{\"text\": \"a\", \"url\": \"u\"}\n{\"text\": \"b\", \"url\": \"u\"}\n\
             {\"text\": \"c\", \"url\": \"u#2\"}\n",
        );
        let ids: HashSet<&str> = read.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn an_article_longer_than_the_extractor_reads_is_kept_with_a_warning() {
        let long = "a ".repeat(crate::extract::MAX_TEXT_BYTES / 2 + 1);
        let read = jsonl(&format!(
            "{{\"text\": \"short\"}}\n{{\"text\": \"{long}\"}}\n"
        ));
        assert_eq!(read.articles.len(), 2);
        assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
        assert_eq!(read.problems[0].line, Some(2));
        assert!(
            read.problems[0].message.starts_with(
                "article of 1.0 MB: names and quotes are taken from its first 1 MB only"
            ),
            "{:?}",
            read.problems
        );
    }

    #[test]
    fn jsonl_date_falls_back_to_path() {
        let read = read_lines(Path::new("/n/2024/10/23/feed.ndjson"), "{\"text\": \"a\"}");
        assert_eq!(read.articles[0].date, NaiveDate::from_ymd_opt(2024, 10, 23));
    }
}
