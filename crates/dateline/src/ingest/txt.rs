//! Plain-text articles (`.txt`, `.text`), in three layouts:
//!
//! - the seed layout: a first line `date YYYY-MM-DD <caption or headline>`,
//!   then the body;
//! - a header block of `Key: value` lines (Title, Date, Source, URL,
//!   Author and their synonyms), then a blank line and the body;
//! - bare text, whose first line is the title when it is short.

use std::path::Path;

use super::{parse_date_or_report, Draft, Field, FileRead, Problem};

/// The longest first line that is taken for a headline in bare text; longer
/// ones are the first paragraph of an article without a headline.
const MAX_TITLE_CHARS: usize = 200;

/// Keys longer than this are prose with a colon, not a header key.
const MAX_KEY_CHARS: usize = 30;

/// Read a decoded text file.
pub(super) fn read(path: &Path, text: &str) -> FileRead {
    let lines: Vec<&str> = text.lines().collect();
    // Leading blank lines carry nothing; line numbers stay 1-based in the file.
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let mut problems = Vec::new();
    let draft = seed_layout(&lines, start, &mut problems)
        .or_else(|| header_layout(&lines, start, &mut problems))
        .unwrap_or_else(|| bare_layout(&lines[start..]));
    draft.into_file_read(path, problems)
}

/// `date YYYY-MM-DD <caption>` on the first line: the layout of the project's
/// seed archive. The token after `date` must start with a digit, so prose
/// that happens to begin with the word "date" is not taken for it.
fn seed_layout(lines: &[&str], start: usize, problems: &mut Vec<Problem>) -> Option<Draft> {
    let first = lines.get(start)?.trim();
    let rest = first.strip_prefix("date")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let (token, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if !token.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(Draft {
        date: parse_date_or_report(token, Some(start + 1), problems),
        title: title.trim().to_string(),
        body: lines[start + 1..].join("\n"),
        ..Draft::default()
    })
}

/// A header block: the run of `Key: value` lines at the top, ended by a
/// blank line (or by the first line that is not `Key: value`). It counts
/// only when at least one key is an article field, so a first paragraph
/// such as `Update: ...` stays text. Keys that are not article fields
/// (tags, categories) are dropped.
fn header_layout(lines: &[&str], start: usize, problems: &mut Vec<Problem>) -> Option<Draft> {
    let header: Vec<(usize, &str, &str)> = lines[start..]
        .iter()
        .enumerate()
        .map_while(|(i, line)| {
            let (key, value) = header_line(line)?;
            Some((start + i + 1, key, value))
        })
        .collect();
    if !header
        .iter()
        .any(|(_, key, _)| Field::from_key(key).is_some())
    {
        return None;
    }
    let mut draft = Draft::default();
    for &(line, key, value) in &header {
        if let Some(field) = Field::from_key(key) {
            draft.set(field, value, line, problems);
        }
    }
    let rest = &lines[start + header.len()..];
    if draft.title.is_empty() {
        // A header without a title: the body may still open with a headline.
        let bare = bare_layout(rest);
        draft.title = bare.title;
        draft.body = bare.body;
    } else {
        draft.body = rest.join("\n");
    }
    Some(draft)
}

/// `Key: value`, where the key is a short word or phrase (letters first,
/// then letters, digits, spaces, `-` or `_`).
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let plausible = key.starts_with(|c: char| c.is_alphabetic())
        && key.chars().count() <= MAX_KEY_CHARS
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
    plausible.then_some((key, value))
}

/// No header: the first non-empty line is the title when it is short and
/// text follows it; otherwise everything is body.
fn bare_layout(lines: &[&str]) -> Draft {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return Draft::default();
    };
    let title = lines[first].trim();
    let rest = &lines[first + 1..];
    let body_follows = rest.iter().any(|l| !l.trim().is_empty());
    if body_follows && title.chars().count() <= MAX_TITLE_CHARS {
        Draft {
            title: title.to_string(),
            body: rest.join("\n"),
            ..Draft::default()
        }
    } else {
        Draft {
            body: lines[first..].join("\n"),
            ..Draft::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::Article;

    fn read_one(path: &str, text: &str) -> (Article, Vec<Problem>) {
        crate::ingest::single_article(read(Path::new(path), text))
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn seed_layout_gives_date_caption_and_body() {
        let text = " date 2024-10-23 A caption, with (credits)\n\nFirst paragraph.\n\nSecond.\n";
        let (a, problems) = read_one("/x/seed.txt", text);
        assert!(problems.is_empty());
        assert_eq!(a.date, date(2024, 10, 23));
        assert_eq!(a.title, "A caption, with (credits)");
        assert_eq!(a.body, "First paragraph.\n\nSecond.");
        assert_eq!(
            a.id,
            super::super::article_id(Path::new("/x/seed.txt"), None)
        );
        assert_eq!(a.url, None);
    }

    #[test]
    fn seed_layout_with_bad_date_is_a_problem_but_still_read() {
        let (a, problems) = read_one("/x/2020-01-02-a.txt", "date 2024-02-30 Caption\nBody");
        assert_eq!(a.title, "Caption");
        assert_eq!(a.body, "Body");
        // Dated from the path instead.
        assert_eq!(a.date, date(2020, 1, 2));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(1));
        assert!(problems[0]
            .message
            .starts_with("unrecognised date '2024-02-30'"));
    }

    #[test]
    fn prose_starting_with_date_is_not_the_seed_layout() {
        let (a, _) = read_one("/x/a.txt", "date night ideas\n\nGo out.");
        assert_eq!(a.title, "date night ideas");
        assert_eq!(a.date, None);
    }

    #[test]
    fn header_block_sets_every_field() {
        let text = "Title: Markets rally\nDate: October 23, 2024\nSource: Wire\n\
                    URL: https://news.test/a?b=1\nAuthor: Ann Lee\n\nBody line one.\n\nTwo.";
        let (a, problems) = read_one("/x/a.txt", text);
        assert!(problems.is_empty());
        assert_eq!(a.title, "Markets rally");
        assert_eq!(a.date, date(2024, 10, 23));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://news.test/a?b=1"));
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.body, "Body line one.\n\nTwo.");
    }

    #[test]
    fn header_keys_are_case_insensitive_with_synonyms() {
        let text = "HEADLINE: H\npublished: 2024-10-23T09:30:00Z\npublisher: P\n\
                    link: https://l.test\nbyline: B\ntags: x, y\n\nBody";
        let (a, problems) = read_one("/x/a.text", text);
        assert!(problems.is_empty());
        assert_eq!(a.title, "H");
        assert_eq!(a.date, date(2024, 10, 23));
        assert_eq!(a.source.as_deref(), Some("P"));
        assert_eq!(a.url.as_deref(), Some("https://l.test"));
        assert_eq!(a.byline.as_deref(), Some("B"));
        assert_eq!(a.body, "Body");
    }

    #[test]
    fn header_with_bad_date_reports_line_and_uses_path_date() {
        let text = "Title: T\nDate: last Tuesday\n\nBody";
        let (a, problems) = read_one("/news/2024/10/23/a.txt", text);
        assert_eq!(a.title, "T");
        assert_eq!(a.date, date(2024, 10, 23));
        assert_eq!(
            problems,
            vec![Problem::caveat(
                Some(2),
                "unrecognised date 'last Tuesday'; use YYYY-MM-DD, RFC 3339, \
                          RFC 2822 or 'October 23, 2024'"
            )]
        );
        let (a, _) = read_one("/news/a.txt", text);
        assert_eq!(a.date, None);
    }

    #[test]
    fn header_without_title_takes_the_headline_from_the_body() {
        let (a, _) = read_one("/x/a.txt", "Date: 2024-10-23\n\nHeadline\n\nBody.");
        assert_eq!(a.title, "Headline");
        assert_eq!(a.body, "Body.");
        assert_eq!(a.date, date(2024, 10, 23));
    }

    #[test]
    fn unrecognised_keys_alone_are_not_a_header() {
        let (a, _) = read_one("/x/a.txt", "Update: talks resumed\n\nBody.");
        assert_eq!(a.title, "Update: talks resumed");
        assert_eq!(a.body, "Body.");
    }

    #[test]
    fn bare_text_short_first_line_is_the_title() {
        let (a, _) = read_one(
            "/x/2024-10-23-a.txt",
            "\n\n  Headline here  \nBody one.\n\nBody two.\n",
        );
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.body, "Body one.\n\nBody two.");
        assert_eq!(a.date, date(2024, 10, 23));
    }

    #[test]
    fn bare_text_long_first_line_or_single_line_is_body() {
        let long = "word ".repeat(50);
        let (a, _) = read_one("/x/a.txt", &format!("{long}\nmore"));
        assert_eq!(a.title, "");
        assert!(a.body.starts_with("word word"));
        assert!(a.body.ends_with("more"));
        let (a, _) = read_one("/x/a.txt", "Only one line.");
        assert_eq!(a.title, "");
        assert_eq!(a.body, "Only one line.");
    }
}
