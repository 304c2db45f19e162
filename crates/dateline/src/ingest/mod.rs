//! Finding and reading articles: archive walking, format readers, dates.
//!
//! Every reader turns one file into zero or more [`Article`]s. Problems that
//! spoil a whole file are an [`IngestError`]; problems confined to one record
//! of a multi-article file (a bad JSON line) are [`Problem`]s next to the
//! articles that were read.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::extract::MAX_TEXT_BYTES;
use crate::Article;

mod date;
mod decode;
mod html;
mod json;
mod markdown;
mod parts;
mod txt;
mod walk;

pub use parts::{read_parts, Parts, ReadProgress, PART_BYTES};
pub use walk::{discover, is_article_file, Discovery};

/// The most bytes read from a file that holds one article or one JSON
/// document (`.txt`, `.md`, `.json`, `.html`), after decompression: far more
/// than any such file, and a bound on the memory a decompression bomb takes.
pub const MAX_FILE_BYTES: u64 = 256_000_000;

/// The most bytes of one line of a JSON-lines file, after decompression: a
/// line holds one article, and a longer one is skipped with a warning.
pub const MAX_LINE_BYTES: u64 = 64_000_000;

/// How much of a file the readers hold in memory at most; see
/// [`MAX_FILE_BYTES`] and [`MAX_LINE_BYTES`], the defaults. Tests make them
/// small to try bombs cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes read from a file read whole, after decompression.
    pub file_bytes: u64,
    /// Most bytes of one JSON line, after decompression.
    pub line_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: MAX_FILE_BYTES,
            line_bytes: MAX_LINE_BYTES,
        }
    }
}

/// `bytes` in megabytes (10^6 bytes) for messages: `256 MB`, `0.5 MB`.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    let decimals = if mb >= 10.0 { 0 } else { 3 };
    let text = format!("{mb:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    format!("{text} MB")
}

/// A file found in an archive, with the metadata used to skip it when unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: i64,
}

/// A problem with one record of a file that otherwise read fine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number, where the format has lines.
    pub line: Option<usize>,
    /// What is wrong, in words a user can act on.
    pub message: String,
    /// Whether this is only a caveat about text that was read (lossy
    /// decoding, an unrecognised date), rather than why a record was left out.
    pub caveat: bool,
}

impl Problem {
    /// A caveat about text that was read.
    pub fn caveat(line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            line,
            message: message.into(),
            caveat: true,
        }
    }

    /// Why a record was left out.
    pub fn skip(line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            line,
            message: message.into(),
            caveat: false,
        }
    }
}

/// Everything read from one file.
#[derive(Debug, Clone, Default)]
pub struct FileRead {
    /// The articles found in the file.
    pub articles: Vec<Article>,
    /// Records that were skipped, or read with a caveat (lossy decoding).
    pub problems: Vec<Problem>,
    /// How many records of a multi-article file were left out.
    pub skipped: usize,
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file or folder could not be opened or read.
    #[error("{}: {}", path.display(), self.reason())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A root given to [`discover`] does not exist.
    #[error("{}: {}", path.display(), self.reason())]
    NotFound {
        /// The root as given.
        path: PathBuf,
    },
    /// The file was read but its content is not an article in its format.
    #[error("{}: {}", path.display(), self.reason())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number, where the problem has one.
        line: Option<usize>,
        /// What is wrong, in words a user can act on.
        reason: String,
    },
}

impl IngestError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &Path {
        match self {
            IngestError::Io { path, .. }
            | IngestError::NotFound { path }
            | IngestError::Parse { path, .. } => path,
        }
    }

    /// What is wrong, without the path (with the line, where there is one):
    /// for lists that show the path apart.
    pub fn reason(&self) -> String {
        match self {
            IngestError::Io { source, .. } => format!("cannot read: {source}"),
            IngestError::NotFound { .. } => "does not exist".to_string(),
            IngestError::Parse { line, reason, .. } => match line {
                Some(line) => format!("line {line}: {reason}"),
                None => reason.clone(),
            },
        }
    }

    /// A [`IngestError::Parse`] without a line number.
    fn parse(path: &Path, reason: impl Into<String>) -> Self {
        IngestError::Parse {
            path: path.to_path_buf(),
            line: None,
            reason: reason.into(),
        }
    }
}

/// The article formats, told apart by file extension (ignoring a final `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `.txt`, `.text`
    Text,
    /// `.md`, `.markdown`
    Markdown,
    /// `.json`: one object or an array of objects.
    Json,
    /// `.jsonl`, `.ndjson`: one object per line.
    JsonLines,
    /// `.html`, `.htm`
    Html,
}

impl Format {
    /// The format of a path, from its extension (case-insensitive, so
    /// archives from case-insensitive file systems with `.TXT` names work).
    /// The name is looked at as bytes: a name that is not valid UTF-8
    /// (`caf\xe9.txt` from an old Latin-1 archive) is an article file too.
    fn of(path: &Path) -> Option<Format> {
        Format::of_name(path.file_name()?.as_encoded_bytes())
    }

    /// The format of a file name (see [`Format::of`]), without allocating:
    /// the walk asks this of every file of the archive.
    fn of_name(name: &[u8]) -> Option<Format> {
        const EXTENSIONS: [(&[u8], Format); 9] = [
            (b"txt", Format::Text),
            (b"text", Format::Text),
            (b"md", Format::Markdown),
            (b"markdown", Format::Markdown),
            (b"json", Format::Json),
            (b"jsonl", Format::JsonLines),
            (b"ndjson", Format::JsonLines),
            (b"html", Format::Html),
            (b"htm", Format::Html),
        ];
        let name = match name.len().checked_sub(3) {
            Some(cut) if name[cut..].eq_ignore_ascii_case(b".gz") => &name[..cut],
            _ => name,
        };
        let dot = name.iter().rposition(|&b| b == b'.')?;
        if dot == 0 {
            // `.txt` alone is a hidden file named "txt", not a text file.
            return None;
        }
        let extension = &name[dot + 1..];
        EXTENSIONS
            .iter()
            .find(|(known, _)| extension.eq_ignore_ascii_case(known))
            .map(|(_, format)| *format)
    }
}

/// Whether the file is gzip-compressed, by its extension.
fn is_gzip(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.as_encoded_bytes().eq_ignore_ascii_case(b"gz"))
}

/// Read one file into articles (decompressing .gz, decoding text, dispatching
/// on the extension), within the default [`Limits`].
///
/// Problems from decoding (a lossy character set) come first in
/// [`FileRead::problems`], followed by the reader's own; JSON-lines files,
/// decoded line by line, report them in line order.
pub fn read_file(path: &Path) -> Result<FileRead, IngestError> {
    read_file_within(path, Limits::default())
}

/// [`read_file`] within `limits`.
pub fn read_file_within(path: &Path, limits: Limits) -> Result<FileRead, IngestError> {
    let format = Format::of(path).ok_or_else(|| {
        IngestError::parse(
            path,
            "not a supported article file; expected .txt, .text, .md, .markdown, .json, \
             .jsonl, .ndjson, .html or .htm, optionally followed by .gz",
        )
    })?;
    let read_text: fn(&Path, &str) -> Result<FileRead, IngestError> = match format {
        Format::JsonLines => return whole(read_parts(path, limits)?),
        Format::Text => |path, text| Ok(txt::read(path, text)),
        Format::Markdown => |path, text| Ok(markdown::read(path, text)),
        Format::Json => json::read_json,
        Format::Html => |path, text| Ok(html::read(path, text)),
    };
    let decoded = decode::read_whole(path, limits.file_bytes)?;
    let mut read = read_text(path, &decoded.text)?;
    let mut problems = decoded.problems;
    problems.append(&mut read.problems);
    read.problems = problems;
    Ok(read)
}

/// All parts of a file as one.
fn whole(parts: Parts) -> Result<FileRead, IngestError> {
    parts
        .into_iter()
        .try_fold(FileRead::default(), |mut whole, part| {
            let mut part = part?;
            whole.articles.append(&mut part.articles);
            whole.problems.append(&mut part.problems);
            whole.skipped += part.skipped;
            Ok(whole)
        })
}

/// Stable article id: 16 lowercase hex digits of xxh3_64 of the path, and
/// for files holding several articles, of `#` and the record's key (its url if
/// it has one, else its 1-based line number (jsonl) or array index (json)).
/// Short ids are easy to type (`dateline show ID`) and stay the same on every run.
///
/// The path is hashed as given: a file read on its own gets an id of its
/// absolute path, and an index makes its articles' ids again from their
/// file's path inside its archive folder (see `index::roots`), so that they
/// do not depend on where the archive is.
pub fn article_id(path: &Path, key: Option<&str>) -> String {
    // The OS string's bytes equal its UTF-8 text for every valid-UTF-8 path,
    // and still tell apart non-UTF-8 paths that a lossy conversion would merge.
    let mut bytes = path.as_os_str().as_encoded_bytes().to_vec();
    if let Some(key) = key {
        bytes.push(b'#');
        bytes.extend_from_slice(key.as_bytes());
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes))
}

/// What a reader found for one article, before the shared rules are applied
/// by [`Draft::finish`]. Readers fill in what their format gives.
#[derive(Debug, Default)]
struct Draft {
    /// 1-based line of a JSON-lines record (see [`Article::line`]).
    line: Option<usize>,
    title: String,
    body: String,
    date: Option<NaiveDate>,
    url: Option<String>,
    source: Option<String>,
    byline: Option<String>,
}

impl Draft {
    /// Whether there is anything to index: an article needs a title or a body.
    fn is_empty(&self) -> bool {
        self.title.trim().is_empty() && self.body.trim().is_empty()
    }

    /// The finished article: text trimmed, empty optional fields dropped,
    /// the date taken from the path when the article gives none, and the id.
    fn finish(self, path: &Path, key: Option<&str>) -> Article {
        let optional =
            |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Article {
            id: article_id(path, key),
            record_key: key.map(str::to_string),
            path: path.to_path_buf(),
            line: self.line,
            date: self.date.or_else(|| date::date_from_path(path)),
            title: self.title.trim().to_string(),
            body: self.body.trim().to_string(),
            url: optional(self.url),
            source: optional(self.source),
            byline: optional(self.byline),
        }
    }

    /// Finish the single article of a one-article file (text, markdown,
    /// HTML), or report that the file holds no text.
    fn into_file_read(self, path: &Path, mut problems: Vec<Problem>) -> FileRead {
        let articles = if self.is_empty() {
            problems.push(Problem::skip(
                None,
                "no article text: the file has neither a title nor a body",
            ));
            Vec::new()
        } else {
            let article = self.finish(path, None);
            problems.extend(too_long(&article, None));
            vec![article]
        };
        FileRead {
            articles,
            problems,
            skipped: 0,
        }
    }

    /// Set a field from a metadata value (a text header or markdown front
    /// matter); the first value for a field wins and empty values are
    /// ignored. An unparseable date is reported in `problems` with its line
    /// and leaves the date unset.
    fn set(&mut self, field: Field, value: &str, line: usize, problems: &mut Vec<Problem>) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let slot = match field {
            Field::Title => {
                if self.title.is_empty() {
                    self.title = value.to_string();
                }
                return;
            }
            Field::Date => {
                if self.date.is_none() {
                    self.date = parse_date_or_report(value, Some(line), problems);
                }
                return;
            }
            Field::Source => &mut self.source,
            Field::Url => &mut self.url,
            Field::Byline => &mut self.byline,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }
}

/// An article field that `key: value` metadata (text headers, markdown
/// front matter) can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Date,
    Source,
    Url,
    Byline,
}

impl Field {
    /// The field a metadata key names, case-insensitively; `None` for keys
    /// that are not article fields (tags, categories...).
    fn from_key(key: &str) -> Option<Field> {
        Some(match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => Field::Title,
            "date" | "published" => Field::Date,
            "source" | "publisher" => Field::Source,
            "url" | "link" => Field::Url,
            "author" | "byline" => Field::Byline,
            _ => return None,
        })
    }
}

/// The caveat of an article longer than the extractor reads
/// ([`MAX_TEXT_BYTES`]): all of it is indexed and searchable, but its names
/// and quotes come from its start only.
fn too_long(article: &Article, line: Option<usize>) -> Option<Problem> {
    let bytes = article.title.len() + article.body.len();
    (bytes > MAX_TEXT_BYTES).then(|| {
        Problem::caveat(
            line,
            format!(
                "article of {:.1} MB: names and quotes are taken from its first {} MB only, \
             though all of its text is searchable; split it into smaller articles to have them all",
                bytes as f64 / 1e6,
                MAX_TEXT_BYTES / 1_000_000
            ),
        )
    })
}

/// Parse a date an article gives; when it cannot be parsed, or its year is
/// no publication year, say so in `problems` (the article is still read,
/// dated from its path if possible).
fn parse_date_or_report(
    value: &str,
    line: Option<usize>,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    let value = value.trim();
    let date = date::parse_any_year(value);
    let message = match date {
        Some(date) if date::in_range(date).is_some() => return Some(date),
        Some(_) => out_of_range(&format!("'{value}'")),
        None => format!(
            "unrecognised date '{value}'; use YYYY-MM-DD, RFC 3339, RFC 2822 or 'October 23, 2024'"
        ),
    };
    problems.push(Problem::caveat(line, message));
    None
}

/// The caveat of a date (`what`, as the article gives it) whose year is
/// outside the years taken for publication dates.
fn out_of_range(what: &str) -> String {
    format!(
        "date {what} is outside the years {} to {} taken for publication dates \
         (a placeholder?), so it is left out",
        date::YEARS.start(),
        date::YEARS.end()
    )
}

/// The one article of a one-article read, with its problems (for reader tests).
#[cfg(test)]
fn single_article(mut read: FileRead) -> (Article, Vec<Problem>) {
    assert_eq!(read.articles.len(), 1, "{:?}", read.problems);
    (read.articles.remove(0), read.problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_16_hex_digits() {
        let path = Path::new("/archive/2024/story.txt");
        let id = article_id(path, None);
        assert_eq!(id.len(), 16);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(id, article_id(path, None));
        // The value itself is pinned so a change of hash (which would
        // orphan every indexed article) cannot slip through.
        assert_eq!(
            id,
            format!(
                "{:016x}",
                xxhash_rust::xxh3::xxh3_64(b"/archive/2024/story.txt")
            )
        );
        assert_ne!(id, article_id(Path::new("/archive/2024/other.txt"), None));
    }

    #[test]
    fn ids_with_keys() {
        let path = Path::new("/a/feed.jsonl");
        let ids = [
            article_id(path, None),
            article_id(path, Some("3")),
            article_id(path, Some("4")),
            article_id(path, Some("https://x.test/a")),
        ];
        for id in &ids {
            assert_eq!(id.len(), 16, "{id}");
            assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        }
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        assert_eq!(ids[1], article_id(path, Some("3")));
    }

    #[test]
    fn formats_by_extension() {
        for (name, format) in [
            ("a.txt", Some(Format::Text)),
            ("a.text", Some(Format::Text)),
            ("a.TXT", Some(Format::Text)),
            ("a.md", Some(Format::Markdown)),
            ("a.markdown", Some(Format::Markdown)),
            ("a.json", Some(Format::Json)),
            ("a.jsonl", Some(Format::JsonLines)),
            ("a.ndjson", Some(Format::JsonLines)),
            ("a.html", Some(Format::Html)),
            ("a.htm", Some(Format::Html)),
            ("a.jsonl.gz", Some(Format::JsonLines)),
            ("a.txt.GZ", Some(Format::Text)),
            ("a.gz", None),
            ("a.csv", None),
            ("a.txt.zip", None),
            ("txt", None),
            (".txt", None),
            ("a", None),
        ] {
            assert_eq!(Format::of(Path::new(name)), format, "{name}");
            assert_eq!(is_article_file(Path::new(name)), format.is_some(), "{name}");
        }
    }

    #[test]
    fn finish_fills_date_from_path_and_trims() {
        let path = Path::new("/news/2024-10-23-story.txt");
        let draft = Draft {
            title: "  Headline \n".into(),
            body: "\n Body. \n".into(),
            url: Some("  ".into()),
            source: Some(" Wire ".into()),
            ..Draft::default()
        };
        let article = draft.finish(path, None);
        assert_eq!(article.title, "Headline");
        assert_eq!(article.body, "Body.");
        assert_eq!(article.url, None);
        assert_eq!(article.source.as_deref(), Some("Wire"));
        assert_eq!(article.date, NaiveDate::from_ymd_opt(2024, 10, 23));
        assert_eq!(article.id, article_id(path, None));
    }

    #[test]
    fn date_in_article_wins_over_path() {
        let draft = Draft {
            body: "x".into(),
            date: NaiveDate::from_ymd_opt(2020, 1, 2),
            ..Draft::default()
        };
        let article = draft.finish(Path::new("/news/2024-10-23-story.txt"), None);
        assert_eq!(article.date, NaiveDate::from_ymd_opt(2020, 1, 2));
    }

    #[test]
    fn a_placeholder_year_is_not_called_an_unrecognised_format() {
        let mut problems = Vec::new();
        assert_eq!(
            parse_date_or_report(" 9999-12-31", Some(3), &mut problems),
            None
        );
        assert_eq!(
            problems,
            [Problem::caveat(
                Some(3),
                "date '9999-12-31' is outside the years 1800 to 2200 taken for publication \
                 dates (a placeholder?), so it is left out"
            )]
        );
    }

    #[test]
    fn unsupported_file_is_a_parse_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.csv");
        std::fs::write(&path, "a,b").unwrap();
        let err = read_file(&path).unwrap_err();
        assert!(
            err.to_string().contains("not a supported article file"),
            "{err}"
        );
    }

    #[test]
    fn read_file_puts_decoding_problems_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.txt");
        std::fs::write(
            &path,
            b"Title: Caf\xe9 society\r\nDate: someday\r\n\r\nBody",
        )
        .unwrap();
        let read = read_file(&path).unwrap();
        assert_eq!(read.articles[0].title, "Caf\u{e9} society");
        assert_eq!(read.articles[0].body, "Body");
        let messages: Vec<&str> = read.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages[0], "not valid UTF-8; decoded as Windows-1252");
        assert!(messages[1].starts_with("unrecognised date 'someday'"));
        assert_eq!(read.problems[1].line, Some(2));
    }

    #[test]
    fn read_file_rejects_empty_and_binary_files() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes, reason) in [
            ("empty.json", &b""[..], "empty file"),
            ("blank.md", b" \n\n", "empty file"),
            ("image.html", b"GIF89a\0\0", "binary file, not text"),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let err = read_file(&path).unwrap_err();
            assert!(err.to_string().ends_with(reason), "{name}: {err}");
        }
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_file(&dir.path().join("gone.txt")).unwrap_err();
        assert!(matches!(err, IngestError::Io { .. }), "{err}");
    }
}
