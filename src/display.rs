//! How the front ends write the contract's values as text: the same words
//! in the terminal and in the browser.

use chrono::NaiveDate;
use dateline::search::Period;

/// A date as `YYYY-MM-DD`, or `undated`.
pub fn day(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "undated".to_string(), |date| date.to_string())
}

/// A date as `YYYY-MM-DD`, or nothing (for CSV cells).
pub fn day_or_empty(date: Option<NaiveDate>) -> String {
    date.map(|date| date.to_string()).unwrap_or_default()
}

/// Where an article is, for a person to open it: its file, followed for a
/// record of a feed by its line (`feed.jsonl:12`), as compilers and
/// `grep -n` write it so that editors jump there.
pub fn location(path: &str, line: Option<u64>) -> String {
    match line {
        Some(line) => format!("{path}:{line}"),
        None => path.to_string(),
    }
}

/// A period's label, as long as the period needs: `2024`, `2024-10`, `2024-10-21`.
pub fn period_label(start: NaiveDate, by: Period) -> String {
    let format = match by {
        Period::Year => "%Y",
        Period::Month => "%Y-%m",
        Period::Week | Period::Day => "%Y-%m-%d",
    };
    start.format(format).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_as_long_as_the_period_needs() {
        let start = NaiveDate::from_ymd_opt(2024, 10, 1).unwrap();
        assert_eq!(period_label(start, Period::Year), "2024");
        assert_eq!(period_label(start, Period::Month), "2024-10");
        assert_eq!(period_label(start, Period::Week), "2024-10-01");
        assert_eq!(day(None), "undated");
        assert_eq!(day_or_empty(Some(start)), "2024-10-01");
    }

    #[test]
    fn a_location_adds_the_line_of_a_feed_record() {
        assert_eq!(location("/a/feed.jsonl", Some(12)), "/a/feed.jsonl:12");
        assert_eq!(location("/a/story.txt", None), "/a/story.txt");
    }
}
