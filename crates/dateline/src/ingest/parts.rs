//! Reading a file in parts, so that a JSON-lines dump of any size is never in
//! memory whole and its articles can be extracted while the rest is read.
//!
//! A JSON-lines file (plain or gzip) is cut at line ends into parts of about
//! [`PART_BYTES`] of text; each line is decoded on its own (UTF-8, else
//! Windows-1252 with a [`Problem`]). Every other format is one part, read by
//! [`super::read_file`].

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use super::decode::{self, BINARY, EMPTY, LOSSY, UTF8_BOM};
use super::json::JsonLines;
use super::{is_gzip, megabytes, FileRead, Format, IngestError, Limits, Problem};

/// Text per part of a JSON-lines file: enough articles to keep every core
/// busy, little enough memory whatever the file's size.
#[cfg(not(test))]
pub const PART_BYTES: usize = 4 * 1024 * 1024;
/// Small parts in unit tests, so that small files span several parts.
#[cfg(test)]
pub const PART_BYTES: usize = 256;

/// The parts of one file, in order; see [`read_parts`]. An error ends them.
pub struct Parts {
    inner: Inner,
    read: ReadProgress,
}

/// How much of a file its [`Parts`] have read from disk so far, for progress
/// bars; it stays at zero for a file read whole.
#[derive(Debug, Clone, Default)]
pub struct ReadProgress(Arc<AtomicU64>);

impl ReadProgress {
    /// Bytes read from the file so far (compressed bytes for gzip).
    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl Parts {
    /// A handle on how much of the file has been read, usable while iterating.
    pub fn read_progress(&self) -> ReadProgress {
        self.read.clone()
    }

    fn whole(read: Result<FileRead, IngestError>) -> Parts {
        Parts {
            inner: Inner::Whole(Some(read)),
            read: ReadProgress::default(),
        }
    }
}

/// A reader that counts the bytes it hands out.
struct Counting<R> {
    inner: R,
    read: ReadProgress,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

enum Inner {
    /// A file read whole; `None` once handed out.
    Whole(Option<Result<FileRead, IngestError>>),
    /// A JSON-lines file read line by line.
    Lines(LineParts<Box<dyn BufRead + Send>>),
}

impl Iterator for Parts {
    type Item = Result<FileRead, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Whole(read) => read.take(),
            Inner::Lines(lines) => lines.next(),
        }
    }
}

/// Reads `path` in parts within `limits`: a JSON-lines file a few megabytes
/// at a time, any other file whole. Problems carry the line numbers of the
/// whole file.
pub fn read_parts(path: &Path, limits: Limits) -> Result<Parts, IngestError> {
    if Format::of(path) != Some(Format::JsonLines) {
        return Ok(Parts::whole(super::read_file_within(path, limits)));
    }
    let io_error = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let read = ReadProgress::default();
    let file = Counting {
        inner: File::open(path).map_err(io_error)?,
        read: read.clone(),
    };
    let reader: Box<dyn BufRead + Send> = if is_gzip(path) {
        // Multi-member aware: concatenated gzip files are valid gzip.
        Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut lines = LineParts::new(path, reader, PART_BYTES, limits.line_bytes);
    let is_utf16 = match lines.reader.fill_buf() {
        Ok(start) => {
            encoding_rs::Encoding::for_bom(start).is_some_and(|(e, _)| e != encoding_rs::UTF_8)
        }
        Err(e) => return Err(lines.read_error(e)),
    };
    if is_utf16 {
        // UTF-16 cannot be cut at `\n` bytes: such files (rare, and small)
        // are decoded whole, then read line by line like any other.
        let decoded = decode::read_whole(path, limits.file_bytes)?;
        let text: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(decoded.text));
        lines = LineParts::new(path, text, PART_BYTES, limits.line_bytes);
        lines.pending = decoded.problems;
    }
    Ok(Parts {
        inner: Inner::Lines(lines),
        read,
    })
}

/// Parts of a JSON-lines text read from `reader`.
struct LineParts<R> {
    path: PathBuf,
    reader: R,
    part_bytes: usize,
    /// The longest line read; longer ones are skipped.
    max_line: u64,
    json: JsonLines,
    /// Lines read so far.
    line: usize,
    /// Bytes read so far, to check the start of the file for binary content.
    bytes_read: usize,
    /// Whether any line so far had more than white space.
    has_text: bool,
    /// Whether a line was decoded as Windows-1252 (reported once).
    lossy: bool,
    /// Problems of decoding the whole file, for the first part.
    pending: Vec<Problem>,
    /// The error that ended the file, handed out after the problems found
    /// before it.
    error: Option<IngestError>,
    done: bool,
}

impl<R: BufRead> LineParts<R> {
    fn new(path: &Path, reader: R, part_bytes: usize, max_line: u64) -> Self {
        LineParts {
            path: path.to_path_buf(),
            reader,
            part_bytes,
            max_line,
            json: JsonLines::default(),
            line: 0,
            bytes_read: 0,
            has_text: false,
            lossy: false,
            pending: Vec::new(),
            error: None,
            done: false,
        }
    }

    /// The error for a read that failed: gzip data that does not decompress
    /// (corrupt or cut short), or I/O.
    fn read_error(&self, source: std::io::Error) -> IngestError {
        if is_gzip(&self.path) {
            decode::gzip_error(&self.path, source, self.bytes_read as u64)
        } else {
            IngestError::Io {
                path: self.path.clone(),
                source,
            }
        }
    }

    /// Reads the next line into `buf` (cleared first), at most `max_line`
    /// bytes and one more, so that a line too long shows: the bytes read,
    /// 0 at the end of the file.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        buf.clear();
        (&mut self.reader)
            .take(self.max_line.saturating_add(1))
            .read_until(b'\n', buf)
    }

    /// Reads and drops the rest of a line too long to keep: the bytes read.
    fn drop_rest_of_line(&mut self) -> std::io::Result<usize> {
        let mut dropped = 0;
        loop {
            let available = self.reader.fill_buf()?;
            let (len, ends) = match available.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (available.len(), available.is_empty()),
            };
            self.reader.consume(len);
            dropped += len;
            if ends {
                return Ok(dropped);
            }
        }
    }

    /// Reads lines into `read` until it holds `part_bytes` or the file ends.
    fn read_part(&mut self, read: &mut FileRead) -> Result<(), IngestError> {
        let mut part_len = 0;
        let mut buf = Vec::new();
        while part_len < self.part_bytes {
            let n = self.next_line(&mut buf).map_err(|e| self.read_error(e))?;
            if n == 0 {
                self.done = true;
                if !self.has_text {
                    return Err(IngestError::parse(&self.path, EMPTY));
                }
                break;
            }
            if self.bytes_read < decode::BINARY_SNIFF_LEN && decode::looks_binary(&buf) {
                self.done = true;
                return Err(IngestError::parse(&self.path, BINARY));
            }
            // Checked after the binary test, so a bomb of NUL bytes is not
            // read to its end.
            let too_long = buf.len() as u64 > self.max_line && !buf.ends_with(b"\n");
            let n = if too_long {
                n + self.drop_rest_of_line().map_err(|e| self.read_error(e))?
            } else {
                n
            };
            self.bytes_read += n;
            part_len += n;
            if too_long {
                self.skip_long_line(read);
                continue;
            }
            let mut bytes = buf.strip_suffix(b"\n").unwrap_or(&buf);
            bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if self.line == 0 {
                bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            }
            // A lone CR (classic Mac OS) ends a line too.
            for line in bytes.split(|&b| b == b'\r') {
                self.push_line(line, read);
            }
        }
        Ok(())
    }
}

impl<R> LineParts<R> {
    /// Counts the next line as one too long to read, and says so.
    fn skip_long_line(&mut self, read: &mut FileRead) {
        self.line += 1;
        self.has_text = true;
        read.skipped += 1;
        read.problems.push(Problem::skip(
            Some(self.line),
            format!(
                "line longer than {}, the most read of one JSON line: skipped \
                 (a decompression bomb, or not JSON lines?)",
                megabytes(self.max_line)
            ),
        ));
    }

    /// Decodes and reads the next line.
    fn push_line(&mut self, bytes: &[u8], read: &mut FileRead) {
        self.line += 1;
        let (text, lossy) = decode::utf8_or_windows_1252(bytes);
        if lossy && !self.lossy {
            self.lossy = true;
            read.problems.push(Problem::caveat(Some(self.line), LOSSY));
        }
        self.has_text |= !text.trim().is_empty();
        self.json.push_line(&self.path, &text, self.line, read);
    }
}

impl<R: BufRead> Iterator for LineParts<R> {
    type Item = Result<FileRead, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.error.take() {
            return Some(Err(error));
        }
        if self.done {
            return None;
        }
        let mut read = FileRead {
            problems: std::mem::take(&mut self.pending),
            ..FileRead::default()
        };
        let Err(error) = self.read_part(&mut read) else {
            return Some(Ok(read));
        };
        self.done = true;
        if read.problems.is_empty() {
            return Some(Err(error));
        }
        // The problems found before the error are reported with it; the
        // articles are not, as a file that fails goes in not at all.
        read.articles.clear();
        self.error = Some(error);
        Some(Ok(read))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn line(n: usize) -> String {
        format!("{{\"title\": \"Story {n}\", \"date\": \"2024-05-01\", \"text\": \"The tide rose {n} times.\"}}\n")
    }

    fn parts_of(bytes: &[u8], part_bytes: usize) -> Vec<Result<FileRead, IngestError>> {
        LineParts::new(Path::new("/x/feed.jsonl"), bytes, part_bytes, 1_000).collect()
    }

    #[test]
    fn lines_are_cut_into_parts_with_whole_file_line_numbers() {
        let mut text: String = (1..=10).map(line).collect();
        text.push_str("{broken\n");
        let parts = parts_of(text.as_bytes(), 3 * line(1).len());
        let sizes: Vec<usize> = parts
            .iter()
            .map(|part| part.as_ref().unwrap().articles.len())
            .collect();
        assert_eq!(sizes, [3, 3, 3, 1]);
        let last = parts.last().unwrap().as_ref().unwrap();
        assert_eq!(last.problems[0].line, Some(11));
        assert_eq!(last.articles[0].title, "Story 10");
        assert_eq!(last.articles[0].line, Some(10));
    }

    #[test]
    fn ids_stay_unique_across_parts() {
        let record = "{\"text\": \"The ferry left.\", \"url\": \"https://n.test/ferry\"}\n";
        let text = record.repeat(4);
        let ids: Vec<String> = parts_of(text.as_bytes(), record.len())
            .into_iter()
            .flat_map(|part| part.unwrap().articles)
            .map(|article| article.id)
            .collect();
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!((ids.len(), unique.len()), (4, 4));
    }

    #[test]
    fn each_line_is_decoded_on_its_own() {
        let mut bytes = line(1).into_bytes();
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
        bytes.extend_from_slice(b"{\"text\": \"Caf\xe9 owners met.\"}\r\n");
        let parts = parts_of(&bytes, PART_BYTES);
        let read = parts[0].as_ref().unwrap();
        assert_eq!(read.articles.len(), 1, "{:?}", read.problems);
        // The BOM is only stripped from line 1, so line 2 fails as JSON, and
        // is decoded as Windows-1252 first.
        assert_eq!(read.problems[0], Problem::caveat(Some(2), LOSSY));

        let latin1 = b"{\"text\": \"Caf\xe9 owners met.\"}\r\n";
        let read = parts_of(latin1, PART_BYTES).remove(0).unwrap();
        assert_eq!(read.articles[0].body, "Café owners met.");
        assert_eq!(read.problems, [Problem::caveat(Some(1), LOSSY)]);
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        let text = format!("{}\r{}\r\n{}", line(1).trim(), line(2).trim(), line(3));
        let read = parts_of(text.as_bytes(), PART_BYTES).remove(0).unwrap();
        let titles: Vec<&str> = read.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Story 1", "Story 2", "Story 3"]);
    }

    #[test]
    fn empty_and_binary_lines_files_are_errors() {
        let reason = |bytes: &[u8]| match parts_of(bytes, PART_BYTES).pop() {
            Some(Err(IngestError::Parse { reason, .. })) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(b"\n  \n"), EMPTY);
        assert_eq!(reason(b"{\"text\": \"a\"}\n\0\0\0"), BINARY);
    }

    #[test]
    fn gzip_files_are_read_in_parts_and_bad_gzip_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        for n in 1..=5 {
            gz.write_all(line(n).as_bytes()).unwrap();
        }
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let articles: usize = read_parts(&path, Limits::default())
            .unwrap()
            .map(|part| part.unwrap().articles.len())
            .sum();
        assert_eq!(articles, 5);
        let parts = read_parts(&path, Limits::default()).unwrap();
        let read = parts.read_progress();
        assert!(parts.count() > 1, "small parts in tests");
        assert_eq!(read.bytes(), std::fs::metadata(&path).unwrap().len());

        std::fs::write(&path, b"not gzip at all").unwrap();
        let err = read_parts(&path, Limits::default()).err().unwrap();
        assert!(err.to_string().ends_with(decode::BAD_GZIP), "{err}");
    }

    #[test]
    fn a_line_longer_than_the_cap_is_skipped_and_the_next_ones_read() {
        let long = format!("{{\"text\": \"{}\"}}\n", "a".repeat(2_000));
        let text = format!("{}{long}{}", line(1), line(3));
        let read = parts_of(text.as_bytes(), PART_BYTES * 100)
            .remove(0)
            .unwrap();
        let titles: Vec<&str> = read.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Story 1", "Story 3"]);
        assert_eq!(read.skipped, 1);
        assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
        assert_eq!(read.problems[0].line, Some(2));
        assert!(
            read.problems[0]
                .message
                .starts_with("line longer than 0.001 MB, the most read of one JSON line: skipped"),
            "{:?}",
            read.problems
        );
    }

    /// `text` as a gzip file named `name` in `dir`.
    fn gzip_file(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
        let path = dir.join(name);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text).unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        path
    }

    #[test]
    fn a_bomb_of_one_endless_line_is_refused_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits {
            file_bytes: 10_000,
            line_bytes: 10_000,
        };
        // NUL bytes are binary, found in the first bytes kept of the line.
        let zeros = gzip_file(dir.path(), "zeros.jsonl.gz", &vec![0; 1_000_000]);
        let err = super::super::read_file_within(&zeros, limits).unwrap_err();
        assert!(err.to_string().ends_with(BINARY), "{err}");
        // Text without a line end is one line too long: no article.
        let text = gzip_file(dir.path(), "text.jsonl.gz", &vec![b'a'; 1_000_000]);
        let read = super::super::read_file_within(&text, limits).unwrap();
        assert!(read.articles.is_empty());
        assert_eq!(read.problems[0].line, Some(1));
        assert!(read.problems[0]
            .message
            .starts_with("line longer than 0.01 MB"));
    }

    #[test]
    fn a_truncated_gzip_says_it_is_cut_short() {
        let dir = tempfile::tempdir().unwrap();
        let text: String = (1..=50).map(line).collect();
        let path = gzip_file(dir.path(), "feed.jsonl.gz", text.as_bytes());
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 10]).unwrap();
        let err = super::super::read_file(&path).unwrap_err();
        assert!(
            err.to_string().contains(": gzip data cut short after "),
            "{err}"
        );
    }
}
