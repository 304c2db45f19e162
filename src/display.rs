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
}
