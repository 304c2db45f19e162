//! Request parameters, named like the CLI's flags (`q`, `person`, `org`,
//! `place`, `source`, `speaker`, `from`, `to`, `sort`, `limit`, `offset`,
//! `all_copies`, `count`), repeatable where the flag is, turned into the
//! library's requests.

use dateline::search::{period_end, period_start};
use dateline::search::{Counted, Filters, Sort};

/// The most hits one page shows.
pub const MAX_LIMIT: usize = 100;
/// The longest query text accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 2_000;

/// A parameter that cannot be used; the page or API answers 400 with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParameter(pub String);

/// The parameters of one request, as given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses a query string (`a=1&b=2`, percent- and plus-decoded).
    pub fn parse(query: Option<&str>) -> Params {
        let pairs = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .map(|(key, value)| (key.into_owned(), value.trim().to_string()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        Params { pairs }
    }

    /// The first value of `key`.
    pub fn one(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A number, or `default` when absent.
    pub fn number(&self, key: &str, default: usize, max: usize) -> Result<usize, BadParameter> {
        let Some(text) = self.one(key) else {
            return Ok(default);
        };
        match text.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(BadParameter(format!(
                "{key} must be a whole number from 0 to {max}, not '{text}'"
            ))),
        }
    }

    /// A yes-or-no parameter: absent, `0` or `false` is no; `1` or `true` is yes.
    pub fn flag(&self, key: &str) -> Result<bool, BadParameter> {
        match self.one(key) {
            None | Some("0" | "false") => Ok(false),
            Some("1" | "true") => Ok(true),
            Some(other) => Err(BadParameter(format!(
                "{key} must be 1 or 0 (true or false), not '{other}'"
            ))),
        }
    }

    /// The filters: query text, names, source, speaker and dates.
    pub fn filters(&self) -> Result<Filters, BadParameter> {
        let query = self.one("q").map(str::to_string);
        if query.as_ref().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
            return Err(BadParameter(format!(
                "the query is longer than {MAX_QUERY_BYTES} bytes"
            )));
        }
        let date = |key: &str, parse: fn(&str) -> Result<_, _>| {
            self.one(key)
                .map(parse)
                .transpose()
                .map_err(|e: dateline::search::InvalidDate| BadParameter(format!("{key}: {e}")))
        };
        Ok(Filters {
            query,
            people: self.all("person"),
            organizations: self.all("org"),
            places: self.all("place"),
            sources: self.all("source"),
            speakers: self.all("speaker"),
            from: date("from", period_start)?,
            to: date("to", period_end)?,
        })
    }

    /// What facets and timelines count: `articles` (default) or `stories`.
    pub fn counted(&self) -> Result<Counted, BadParameter> {
        match self.one("count") {
            None | Some("articles") => Ok(Counted::Articles),
            Some("stories") => Ok(Counted::Stories),
            Some(other) => Err(BadParameter(format!(
                "count must be articles or stories, not '{other}'"
            ))),
        }
    }

    /// The hit order: `relevance` (default), `newest` or `oldest`.
    pub fn sort(&self) -> Result<Sort, BadParameter> {
        match self.one("sort") {
            None | Some("relevance") => Ok(Sort::Relevance),
            Some("newest") => Ok(Sort::Newest),
            Some("oldest") => Ok(Sort::Oldest),
            Some(other) => Err(BadParameter(format!(
                "sort must be relevance, newest or oldest, not '{other}'"
            ))),
        }
    }

    /// The same parameters with `key` set to `value` (others of that key removed),
    /// as a query string: links that change one thing about the page.
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != key && k != "offset")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.push((key, value));
        encode(&pairs)
    }

    /// The same parameters with the date range set to `from..=to` (a
    /// timeline bar).
    pub fn with_range(&self, from: &str, to: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(k, _)| !["from", "to", "offset"].contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.extend([("from", from), ("to", to)]);
        encode(&pairs)
    }

    /// The same parameters with one more `key=value` (a filter chip).
    pub fn adding(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(k, v)| k != "offset" && !(k == key && v == value))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.push((key, value));
        encode(&pairs)
    }

    /// The same parameters without `key=value` (removing a filter).
    pub fn removing(&self, key: &str, value: &str) -> String {
        let pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .filter(|(k, v)| k != "offset" && !(k == key && v == value))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        encode(&pairs)
    }

    /// The filters in effect, as (key, value) pairs, for removable chips.
    pub fn filter_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        const FILTERS: [&str; 7] = ["person", "org", "place", "source", "speaker", "from", "to"];
        self.pairs
            .iter()
            .filter(|(k, _)| FILTERS.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

fn encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_flags_and_dates_become_filters() {
        let params = Params::parse(Some(
            "q=water+rights&person=vasquez&person=Priya%20Raman&from=2024&to=2024-06&sort=newest",
        ));
        let filters = params.filters().unwrap();
        assert_eq!(filters.query.as_deref(), Some("water rights"));
        assert_eq!(filters.people, ["vasquez", "Priya Raman"]);
        assert_eq!(filters.from.unwrap().to_string(), "2024-01-01");
        assert_eq!(filters.to.unwrap().to_string(), "2024-06-30");
        assert_eq!(params.sort().unwrap(), Sort::Newest);
    }

    #[test]
    fn bad_values_are_named() {
        let params = Params::parse(Some("from=yesterday&limit=-3&sort=best"));
        assert!(params.filters().unwrap_err().0.starts_with("from:"));
        assert!(params
            .number("limit", 10, MAX_LIMIT)
            .unwrap_err()
            .0
            .contains("'-3'"));
        assert!(params.sort().unwrap_err().0.contains("'best'"));
    }

    #[test]
    fn links_change_one_thing_and_drop_the_page() {
        let params = Params::parse(Some("q=harbor&person=vasquez&offset=20"));
        assert_eq!(
            params.with("sort", "oldest"),
            "q=harbor&person=vasquez&sort=oldest"
        );
        assert_eq!(
            params.adding("org", "HDA"),
            "q=harbor&person=vasquez&org=HDA"
        );
        assert_eq!(params.removing("person", "vasquez"), "q=harbor");
    }
}
