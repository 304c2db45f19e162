//! Date bounds as users type them: a year, a month or a day.

use chrono::NaiveDate;

/// A date given on the command line that is not in a format we accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date '{input}': use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024, 2024-10, 2024-10-23)")]
pub struct InvalidDate {
    /// What was typed.
    pub input: String,
}

/// The first and last day covered by `2024`, `2024-10` or `2024-10-23`.
pub fn parse_period(input: &str) -> Result<(NaiveDate, NaiveDate), InvalidDate> {
    let invalid = || InvalidDate {
        input: input.to_string(),
    };
    let parts: Vec<&str> = input.trim().split('-').collect();
    let number = |s: &str, len: usize| -> Result<u32, InvalidDate> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| invalid())
        } else {
            Err(invalid())
        }
    };
    match parts.as_slice() {
        [year] => {
            let year = number(year, 4)? as i32;
            let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(invalid)?;
            let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(invalid)?;
            Ok((first, last))
        }
        [year, month] => {
            let first = NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, 1)
                .ok_or_else(invalid)?;
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .ok_or_else(invalid)?;
            Ok((first, next.pred_opt().ok_or_else(invalid)?))
        }
        [year, month, day] => {
            let date = NaiveDate::from_ymd_opt(
                number(year, 4)? as i32,
                number(month, 2)?,
                number(day, 2)?,
            )
            .ok_or_else(invalid)?;
            Ok((date, date))
        }
        _ => Err(invalid()),
    }
}

/// The first day of the period `input` names (for `--from`).
pub fn period_start(input: &str) -> Result<NaiveDate, InvalidDate> {
    parse_period(input).map(|(first, _)| first)
}

/// The last day of the period `input` names (for `--to`, which is inclusive).
pub fn period_end(input: &str) -> Result<NaiveDate, InvalidDate> {
    parse_period(input).map(|(_, last)| last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn year_month_and_day_cover_their_whole_period() {
        assert_eq!(
            parse_period("2024").unwrap(),
            (day(2024, 1, 1), day(2024, 12, 31))
        );
        assert_eq!(
            parse_period("2024-02").unwrap(),
            (day(2024, 2, 1), day(2024, 2, 29))
        );
        assert_eq!(
            parse_period("2023-02").unwrap(),
            (day(2023, 2, 1), day(2023, 2, 28))
        );
        assert_eq!(
            parse_period("2024-12").unwrap(),
            (day(2024, 12, 1), day(2024, 12, 31))
        );
        assert_eq!(
            parse_period("2024-10-23").unwrap(),
            (day(2024, 10, 23), day(2024, 10, 23))
        );
    }

    #[test]
    fn bad_dates_name_the_accepted_formats() {
        for bad in [
            "yesterday",
            "2024-13",
            "2024-02-30",
            "24-10-23",
            "2024/10/23",
            "",
        ] {
            let error = parse_period(bad).unwrap_err();
            assert!(error.to_string().contains("YYYY-MM-DD"), "{bad}");
        }
    }
}
