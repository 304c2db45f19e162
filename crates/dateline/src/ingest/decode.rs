//! Bytes to text: gzip, character set, byte-order mark and line endings, so
//! every reader sees clean UTF-8 with `\n` line ends.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::{is_gzip, megabytes, IngestError, Problem};

/// How far into a file a NUL byte marks it as binary. Text never contains
/// NUL; looking at the start only keeps the check cheap on large files.
pub(super) const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Why a file with NUL bytes near its start is not read.
pub(super) const BINARY: &str = "binary file, not text";
/// Why a gzip file is not read when it is not gzip at all.
pub(super) const BAD_GZIP: &str = "not a valid gzip file";
/// Why a gzip file is not read whole when its data stops early.
pub(super) const TRUNCATED_GZIP: &str = "gzip data cut short";
/// Why a file with nothing but white space is not read.
pub(super) const EMPTY: &str = "empty file";
/// The caveat of text that is not UTF-8.
pub(super) const LOSSY: &str = "not valid UTF-8; decoded as Windows-1252";
/// The UTF-8 byte-order mark.
pub(super) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether the start of a file's bytes shows it is not text.
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0)
}

/// The bytes as UTF-8 text, else decoded as Windows-1252, the usual encoding
/// of old Western news archives (then `true`: the decoding may be lossy).
pub(super) fn utf8_or_windows_1252(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.into(), false),
        // Windows-1252 maps every byte, so this never fails; it agrees with
        // Latin-1 on all printable Latin-1 characters.
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0,
            true,
        ),
    }
}

/// A file's text, with the caveats of decoding it.
#[derive(Debug)]
pub(super) struct Decoded {
    /// UTF-8 text, BOM removed, line ends normalised to `\n`.
    pub(super) text: String,
    /// Caveats, such as a lossy fallback character set.
    pub(super) problems: Vec<Problem>,
}

/// The text of a file read whole: at most `max_bytes` of it (after
/// decompressing a `.gz`), decoded by [`decode`]. A file beyond the cap is
/// an error, so that a decompression bomb costs `max_bytes` of memory, not
/// all there is.
pub(super) fn read_whole(path: &Path, max_bytes: u64) -> Result<Decoded, IngestError> {
    let io_error = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > max_bytes {
        return Err(IngestError::parse(
            path,
            format!("file of {}: {}", megabytes(size), too_large(max_bytes)),
        ));
    }
    let mut bytes = Vec::new();
    if is_gzip(path) {
        // Multi-member aware: concatenated gzip files are valid gzip.
        let read = MultiGzDecoder::new(BufReader::new(file))
            .take(max_bytes + 1)
            .read_to_end(&mut bytes);
        if let Err(source) = read {
            return Err(gzip_error(path, source, bytes.len() as u64));
        }
        if bytes.len() as u64 > max_bytes {
            return Err(IngestError::parse(
                path,
                format!(
                    "decompresses to more than {}: {}",
                    megabytes(max_bytes),
                    too_large(max_bytes)
                ),
            ));
        }
    } else {
        // Read into room for the whole file (and the read that finds its
        // end); it may have grown since its size was looked at.
        bytes.reserve_exact(size as usize + 1);
        file.take(max_bytes)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    }
    decode(path, &bytes)
}

/// Why a file read whole is not read beyond `max_bytes`, and what to do.
fn too_large(max_bytes: u64) -> String {
    format!(
        "more than the {} read from a file that holds one article or one JSON \
         document (a decompression bomb?); split it, or store its articles as \
         JSON lines, which are read a line at a time",
        megabytes(max_bytes)
    )
}

/// The error for gzip data that stopped decompressing after `text_bytes`
/// bytes of text: cut short (a truncated download or copy), not gzip at all,
/// or corrupt; else an I/O error.
pub(super) fn gzip_error(path: &Path, source: std::io::Error, text_bytes: u64) -> IngestError {
    use std::io::ErrorKind::{InvalidData, InvalidInput, UnexpectedEof};
    let decoder_error = matches!(source.kind(), InvalidData | InvalidInput | UnexpectedEof);
    let reason = match source.kind() {
        _ if decoder_error && text_bytes == 0 && !starts_like_gzip(path) => BAD_GZIP.to_string(),
        UnexpectedEof => format!(
            "{TRUNCATED_GZIP} after {text_bytes} bytes of text: the file is incomplete \
             (an interrupted download or copy?)"
        ),
        InvalidInput | InvalidData if text_bytes == 0 => BAD_GZIP.to_string(),
        InvalidInput | InvalidData => {
            format!("corrupt gzip data after {text_bytes} bytes of text ({source})")
        }
        _ => {
            return IngestError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    };
    IngestError::parse(path, reason)
}

/// Whether the file starts with the two bytes that start gzip data.
fn starts_like_gzip(path: &Path) -> bool {
    let mut magic = [0; 2];
    File::open(path)
        .and_then(|mut file| file.read_exact(&mut magic))
        .is_ok_and(|()| magic == [0x1f, 0x8b])
}

/// Turn a file's bytes (decompressed) into text: reject empty and binary
/// content, decode UTF-8 (falling back to Windows-1252, the usual encoding
/// of old Western news archives, with a [`Problem`]; UTF-16 when a
/// byte-order mark says so), strip a BOM and normalise line ends.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded, IngestError> {
    let mut problems = Vec::new();
    let text = match encoding_rs::Encoding::for_bom(bytes) {
        // UTF-16 (what Windows Notepad calls "Unicode") is text despite its
        // NUL bytes; only a byte-order mark identifies it reliably.
        Some((encoding, bom_len)) if encoding != encoding_rs::UTF_8 => {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                problems.push(Problem::caveat(
                    None,
                    format!("invalid {} sequences replaced", encoding.name()),
                ));
            }
            text.into_owned()
        }
        _ => {
            if looks_binary(bytes) {
                return Err(IngestError::parse(path, BINARY));
            }
            let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            let (text, lossy) = utf8_or_windows_1252(bytes);
            if lossy {
                problems.push(Problem::caveat(None, LOSSY));
            }
            text.into_owned()
        }
    };
    if text.trim().is_empty() {
        return Err(IngestError::parse(path, EMPTY));
    }
    // CRLF from Windows, and lone CR from classic Mac OS, both become LF.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded { text, problems })
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    use super::*;

    fn decode_ok(bytes: &[u8]) -> Decoded {
        decode(Path::new("a.txt"), bytes).unwrap()
    }

    fn reason(err: IngestError) -> String {
        match err {
            IngestError::Parse { reason, .. } => reason,
            other => panic!("expected a parse error, got {other}"),
        }
    }

    /// A roomy cap for tests of other things.
    const MAX: u64 = 1_000_000;

    /// `compressed` read back as a `.txt.gz` file.
    fn read_gzip(compressed: &[u8], max_bytes: u64) -> Result<Decoded, IngestError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        std::fs::write(&path, compressed).unwrap();
        read_whole(&path, max_bytes)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn plain_utf8_passes_through() {
        let decoded = decode_ok("Café ☕\nline".as_bytes());
        assert_eq!(decoded.text, "Café ☕\nline");
        assert!(decoded.problems.is_empty());
    }

    #[test]
    fn strips_bom_and_normalises_line_ends() {
        let decoded = decode_ok(b"\xEF\xBB\xBFone\r\ntwo\rthree\n");
        assert_eq!(decoded.text, "one\ntwo\nthree\n");
    }

    #[test]
    fn latin1_is_decoded_with_a_problem() {
        let decoded = decode_ok(b"caf\xe9");
        assert_eq!(decoded.text, "café");
        assert_eq!(
            decoded.problems,
            vec![Problem::caveat(
                None,
                "not valid UTF-8; decoded as Windows-1252"
            )]
        );
        // Windows-1252 specifics: curly quotes in 0x80..0x9F.
        assert_eq!(decode_ok(b"\x93hi\x94").text, "\u{201C}hi\u{201D}");
    }

    #[test]
    fn utf16_with_bom_is_text_not_binary() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Caf\u{e9}\r\nx".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode_ok(&le);
        assert_eq!(decoded.text, "Caf\u{e9}\nx");
        assert!(decoded.problems.is_empty());
        let mut be = vec![0xFE, 0xFF];
        be.extend("hi".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_ok(&be).text, "hi");
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        for bytes in [&b""[..], b"  \n\t\r\n", b"\xEF\xBB\xBF\n"] {
            let err = decode(Path::new("a.txt"), bytes).unwrap_err();
            assert_eq!(reason(err), "empty file");
        }
        let err = read_gzip(&gzip(b""), MAX).unwrap_err();
        assert_eq!(reason(err), "empty file");
    }

    #[test]
    fn binary_files_are_errors() {
        let err = decode(Path::new("a.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(reason(err), "binary file, not text");
        // The NUL must be within the first 8 KB to count.
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        assert!(decode(Path::new("a.txt"), &late).is_ok());
    }

    #[test]
    fn gzip_is_decompressed() {
        let decoded = read_gzip(&gzip(b"hello\r\n"), MAX).unwrap();
        assert_eq!(decoded.text, "hello\n");
    }

    #[test]
    fn read_file_decompresses_gzip_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl.gz");
        std::fs::write(&path, gzip(b"{\"title\":\"T\",\"text\":\"Body\"}\n")).unwrap();
        let read = super::super::read_file(&path).unwrap();
        assert_eq!(read.articles.len(), 1);
        assert_eq!(read.articles[0].body, "Body");
        let path = dir.path().join("bad.txt.gz");
        std::fs::write(&path, b"not gzip").unwrap();
        let err = super::super::read_file(&path).unwrap_err();
        assert!(err.to_string().ends_with("not a valid gzip file"), "{err}");
    }

    #[test]
    fn binary_inside_gzip_is_an_error() {
        let err = read_gzip(&gzip(b"a\0b"), MAX).unwrap_err();
        assert_eq!(reason(err), "binary file, not text");
    }

    #[test]
    fn gzip_that_is_not_gzip_cut_short_or_corrupt_says_which() {
        let err = read_gzip(b"plain text, not gzip", MAX).unwrap_err();
        assert_eq!(reason(err), "not a valid gzip file");
        let text = "some text that compresses, ".repeat(100);
        let whole = gzip(text.as_bytes());
        let err = read_gzip(&whole[..whole.len() - 4], MAX).unwrap_err();
        assert_eq!(
            reason(err),
            format!(
                "gzip data cut short after {} bytes of text: the file is incomplete \
                 (an interrupted download or copy?)",
                text.len()
            )
        );
        let mut flipped = whole.clone();
        let crc = flipped.len() - 6;
        flipped[crc] ^= 0xff;
        let err = read_gzip(&flipped, MAX).unwrap_err();
        assert!(
            reason(err).starts_with("corrupt gzip data after 2700 bytes of text ("),
            "{flipped:?}"
        );
    }

    #[test]
    fn a_decompression_bomb_is_refused_at_the_cap() {
        let err = read_gzip(&gzip(&vec![b'a'; 10_001]), 10_000).unwrap_err();
        let reason = reason(err);
        assert!(
            reason.starts_with("decompresses to more than 0.01 MB: more than the 0.01 MB read"),
            "{reason}"
        );
        assert!(read_gzip(&gzip(&vec![b'a'; 10_000]), 10_000).is_ok());
    }

    #[test]
    fn a_plain_file_above_the_cap_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; 2_000]).unwrap();
        let err = read_whole(&path, 1_000).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("big.txt: file of 0.002 MB: more than"),
            "{message}"
        );
        assert!(read_whole(&path, 2_000).is_ok());
    }
}
