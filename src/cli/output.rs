//! The one place a listing becomes text, JSON or CSV: each listing command
//! describes its rows and its text once, and `print` picks the format.

use std::io::Write;

use serde::Serialize;

use super::args::OutputFormat;

/// A result every output format can print. Its JSON is its serde form (the
/// library's output contract); CSV and text are described here.
pub trait Listing: Serialize {
    /// The CSV column names.
    fn csv_header(&self) -> &'static [&'static str];

    /// The CSV rows, cells in header order.
    fn csv_rows(&self) -> Vec<Vec<String>>;

    /// The result as readable text (colored when `out` is a terminal).
    fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

/// Each of `items` with its rank as text, ranks starting after `offset`
/// (the hits skipped before a page).
pub fn ranked<T>(offset: usize, items: &[T]) -> impl Iterator<Item = (String, &T)> {
    (offset + 1..).map(|rank| rank.to_string()).zip(items)
}

/// Prints `listing` to standard output in `format`.
pub fn print(listing: &impl Listing, format: OutputFormat) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    write(&mut out, listing, format)
}

/// Writes `listing` to `out` in `format`.
fn write(out: &mut dyn Write, listing: &impl Listing, format: OutputFormat) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => {
            serde_json::to_writer(&mut *out, listing)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(listing.csv_header())?;
            for row in listing.csv_rows() {
                csv.write_record(row)?;
            }
            csv.flush()?;
        }
        OutputFormat::Text => listing.write_text(out)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Tally {
        name: &'static str,
        articles: u64,
    }

    impl Listing for Tally {
        fn csv_header(&self) -> &'static [&'static str] {
            &["name", "articles"]
        }

        fn csv_rows(&self) -> Vec<Vec<String>> {
            vec![vec![self.name.to_string(), self.articles.to_string()]]
        }

        fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
            writeln!(out, "{}: {}", self.name, self.articles)
        }
    }

    fn written(format: OutputFormat) -> String {
        let tally = Tally {
            name: "Vasquez, Elena",
            articles: 3,
        };
        let mut out = Vec::new();
        write(&mut out, &tally, format).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_format_prints_the_same_listing() {
        assert_eq!(
            written(OutputFormat::Json),
            "{\"name\":\"Vasquez, Elena\",\"articles\":3}\n"
        );
        assert_eq!(
            written(OutputFormat::Csv),
            "name,articles\n\"Vasquez, Elena\",3\n"
        );
        assert_eq!(written(OutputFormat::Text), "Vasquez, Elena: 3\n");
    }
}
