//! Publication dates: parsing the ways articles write them, and reading them
//! from archive paths.
//!
//! Only the calendar date matters to the index, and it is kept as written:
//! an article stamped `2024-10-23T23:30:00-05:00` was published on the 23rd
//! where it was written, so time zones are never converted.

use std::path::{Component, Path};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};

/// Years accepted as publication dates; anything outside is a typo or a
/// placeholder (`0001-01-01`, `9999-12-31`) rather than a real date.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// Date-only layouts, tried in order after the RFC parsers. chrono accepts
/// full and abbreviated month names for both `%B` and `%b`, and one- or
/// two-digit days for `%d`. `%b.` is the AP style ("Oct. 23, 2024").
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%B %d, %Y",
    "%b. %d, %Y",
    "%B %d %Y",
    "%A, %B %d, %Y",
    "%d %B %Y",
    "%A, %d %B %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
];

/// Date-time layouts without a zone (a zone given as `Z` or `+hh:mm` after a
/// `T` or space is handled by the RFC 3339 parser).
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Date-time layouts with a zone that RFC 3339 does not allow, such as
/// `+0000` without a colon (common in `article:published_time` metadata).
const ZONED_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%dT%H:%M%z",
];

/// Parse a date as articles give them: ISO 8601 / RFC 3339 (date or datetime,
/// with or without offset/Z, fractional seconds), RFC 2822
/// ("Tue, 05 Mar 2024 09:30:00 +0000"), "October 23, 2024", "Oct 23, 2024",
/// "23 October 2024", "23 Oct 2024", "2024/10/23", "2024.10.23", "20241023",
/// "2024-10-23 09:30:00". Surrounding whitespace ignored. Returns the calendar
/// date as written (do not convert time zones). Reject impossible dates
/// (2024-02-30) and years outside 1800..=2200.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_any_year(s).and_then(in_range)
}

/// [`parse_date`] without the check of the year, so that a caller can tell
/// a placeholder year (`9999-12-31`) from a date it cannot read.
pub(super) fn parse_any_year(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(date) = iso_date(s) {
        return date;
    }
    // `date_naive` on a `DateTime<FixedOffset>` is the date in the offset the
    // string was written in, which is the "as written" date we want.
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .map(|dt| dt.date_naive())
        .ok()
        .or_else(|| {
            ZONED_FORMATS
                .iter()
                .find_map(|f| DateTime::parse_from_str(s, f).ok())
                .map(|dt| dt.date_naive())
        })
        .or_else(|| {
            DATETIME_FORMATS
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
                .map(|dt| dt.date())
        })
        .or_else(|| {
            DATE_FORMATS
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        })
}

/// `YYYY-MM-DD`, the way most articles give their date, read without
/// trying every layout: `Some(None)` for an impossible day (`2024-02-30`),
/// `None` for anything else.
fn iso_date(s: &str) -> Option<Option<NaiveDate>> {
    let bytes = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| &s[range])
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Some(NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        month.parse().ok()?,
        day.parse().ok()?,
    ))
}

/// Date from a path: a `YYYY/MM/DD/` folder run (also `YYYY/MM/DD` followed
/// by the file name), or a file name starting `YYYY-MM-DD` or `YYYYMMDD`
/// (e.g. `2024-10-23-slug.txt`).
///
/// The file name is the most specific evidence, so it wins; among folder
/// runs the deepest one wins. `YYYY/MM/DD` followed by the file name covers
/// both `2024/10/23/story.txt` and a day that starts the file name,
/// `2024/10/23-story.txt`.
pub fn date_from_path(path: &Path) -> Option<NaiveDate> {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let (file_name, folders) = parts.split_last()?;
    if let Some(date) = date_from_file_name(file_name) {
        return Some(date);
    }
    // Windows of year / month / day, where the day may be the start of the
    // file name; scanned from the deepest.
    (0..parts.len().saturating_sub(2)).rev().find_map(|i| {
        let day = if i + 2 == folders.len() {
            leading_number(file_name, 2)?
        } else {
            parts[i + 2]
        };
        date_from_parts(parts[i], parts[i + 1], day)
    })
}

/// A file name starting `YYYY-MM-DD` or `YYYYMMDD`, not followed by another
/// digit (so a longer number such as a timestamp is not misread).
fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    [("%Y-%m-%d", 10), ("%Y%m%d", 8)]
        .iter()
        .find_map(|&(format, len)| {
            let head = name.get(..len)?;
            let rest = &name[len..];
            if !head.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                || rest.starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            NaiveDate::parse_from_str(head, format).ok()
        })
        .and_then(in_range)
}

/// The run of up to `max` ASCII digits that starts `s`, if it is followed by
/// a non-digit or the end.
fn leading_number(s: &str, max: usize) -> Option<&str> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=max).contains(&len).then(|| &s[..len])
}

/// A date from three folder names, `YYYY`, `M` or `MM`, `D` or `DD`.
fn date_from_parts(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
        .and_then(in_range)
}

/// The date, if its year is a plausible publication year.
pub(super) fn in_range(date: NaiveDate) -> Option<NaiveDate> {
    YEARS.contains(&date.year()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn parses_iso_dates_and_datetimes() {
        let oct23 = d(2024, 10, 23);
        for s in [
            "2024-10-23",
            "2024-10-23T09:30:00Z",
            "2024-10-23T09:30:00+02:00",
            "2024-10-23T09:30:00.123456Z",
            "2024-10-23T09:30:00.5-05:00",
            "2024-10-23T09:30:00",
            "2024-10-23T09:30:00.250",
            "2024-10-23T09:30",
            "2024-10-23 09:30:00",
            "2024-10-23 09:30",
            "2024-10-23 09:30:00Z",
            "2024-10-23T09:30:00+0000",
            "2024-10-23 09:30:00 +0200",
        ] {
            assert_eq!(parse_date(s), oct23, "{s}");
        }
    }

    #[test]
    fn keeps_the_date_as_written_without_converting_zones() {
        assert_eq!(parse_date("2024-10-23T23:30:00-05:00"), d(2024, 10, 23));
        assert_eq!(parse_date("2024-10-23T00:30:00+09:00"), d(2024, 10, 23));
        assert_eq!(
            parse_date("Wed, 23 Oct 2024 23:59:00 -1000"),
            d(2024, 10, 23)
        );
    }

    #[test]
    fn parses_rfc_2822() {
        assert_eq!(parse_date("Tue, 05 Mar 2024 09:30:00 +0000"), d(2024, 3, 5));
        assert_eq!(parse_date("Tue, 5 Mar 2024 09:30:00 GMT"), d(2024, 3, 5));
        assert_eq!(parse_date("5 Mar 2024 09:30:00 +0100"), d(2024, 3, 5));
    }

    #[test]
    fn parses_written_out_dates() {
        let oct23 = d(2024, 10, 23);
        for s in [
            "October 23, 2024",
            "Oct 23, 2024",
            "Oct. 23, 2024",
            "October 23 2024",
            "Wednesday, October 23, 2024",
            "23 October 2024",
            "23 Oct 2024",
            "2024/10/23",
            "2024.10.23",
            "20241023",
        ] {
            assert_eq!(parse_date(s), oct23, "{s}");
        }
        assert_eq!(parse_date("March 5, 2024"), d(2024, 3, 5));
        assert_eq!(parse_date("5 March 2024"), d(2024, 3, 5));
    }

    #[test]
    fn ignores_surrounding_whitespace() {
        assert_eq!(parse_date("  2024-10-23\n"), d(2024, 10, 23));
        assert_eq!(parse_date("\t Oct 23, 2024 "), d(2024, 10, 23));
    }

    #[test]
    fn rejects_impossible_dates_and_years_out_of_range() {
        for s in [
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "February 30, 2024",
            "20240230",
            "1799-12-31",
            "2201-01-01",
            "0001-01-01T00:00:00Z",
            "9999-12-31",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(parse_date("2024-02-29"), d(2024, 2, 29));
        assert_eq!(parse_date("1800-01-01"), d(1800, 1, 1));
        assert_eq!(parse_date("2200-12-31"), d(2200, 12, 31));
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "   ",
            "yesterday",
            "2024",
            "2024-10",
            "23/10/2024",
            "2024-10-23 garbage",
            "202410231",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }

    #[test]
    fn date_from_folder_runs() {
        let oct23 = d(2024, 10, 23);
        assert_eq!(
            date_from_path(Path::new("/news/2024/10/23/story.txt")),
            oct23
        );
        assert_eq!(
            date_from_path(Path::new("news/2024/10/23/world/story.txt")),
            oct23
        );
        assert_eq!(date_from_path(Path::new("2024/10/23/story.txt")), oct23);
        assert_eq!(date_from_path(Path::new("/a/2024/3/5/x.md")), d(2024, 3, 5));
    }

    #[test]
    fn date_from_year_month_folders_and_day_file_name() {
        assert_eq!(
            date_from_path(Path::new("/news/2024/10/23-story.txt")),
            d(2024, 10, 23)
        );
        assert_eq!(
            date_from_path(Path::new("/news/2024/10/23.html")),
            d(2024, 10, 23)
        );
        // Three digits is an id, not a day.
        assert_eq!(date_from_path(Path::new("/news/2024/10/231.html")), None);
    }

    #[test]
    fn date_from_file_names() {
        let oct23 = d(2024, 10, 23);
        assert_eq!(date_from_path(Path::new("/x/2024-10-23-slug.txt")), oct23);
        assert_eq!(date_from_path(Path::new("2024-10-23.md")), oct23);
        assert_eq!(date_from_path(Path::new("/x/20241023_slug.json")), oct23);
        assert_eq!(date_from_path(Path::new("/x/20241023.txt")), oct23);
    }

    #[test]
    fn file_name_wins_over_folders() {
        assert_eq!(
            date_from_path(Path::new("/2023/01/02/2024-10-23-slug.txt")),
            d(2024, 10, 23)
        );
    }

    #[test]
    fn no_date_in_path() {
        for p in [
            "/news/story.txt",
            "/news/2024/story.txt",
            "/news/2024/10/story.txt",
            "/x/1700000000123.txt",
            "/x/2024-02-30-slug.txt",
            "/news/2024/13/01/story.txt",
            "/x/000_38be661aca5eacde.txt",
            "/x/12345678.txt",
            "",
        ] {
            assert_eq!(date_from_path(Path::new(p)), None, "{p}");
        }
    }
}
