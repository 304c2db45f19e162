//! Bytes to text: gzip, character set, byte-order mark and line endings, so
//! every reader sees clean UTF-8 with `\n` line ends.

use std::io::Read;
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::{IngestError, Problem};

/// How far into a file a NUL byte marks it as binary. Text never contains
/// NUL; looking at the start only keeps the check cheap on large files.
pub(super) const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Why a file with NUL bytes near its start is not read.
pub(super) const BINARY: &str = "binary file, not text";
/// Why a gzip file is not read when it does not decompress.
pub(super) const BAD_GZIP: &str = "not a valid gzip file";
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

/// Turn a file's bytes into text: decompress when `gzip`, reject empty and
/// binary content, decode UTF-8 (falling back to Windows-1252, the usual
/// encoding of old Western news archives, with a [`Problem`]; UTF-16 when a
/// byte-order mark says so), strip a BOM and normalise line ends.
pub(super) fn decode(path: &Path, bytes: &[u8], gzip: bool) -> Result<Decoded, IngestError> {
    let decompressed;
    let bytes = if gzip {
        let mut out = Vec::new();
        // Multi-member aware: concatenated gzip files are valid gzip.
        MultiGzDecoder::new(bytes)
            .read_to_end(&mut out)
            .map_err(|_| IngestError::parse(path, BAD_GZIP))?;
        decompressed = out;
        &decompressed[..]
    } else {
        bytes
    };
    let mut problems = Vec::new();
    let text = match encoding_rs::Encoding::for_bom(bytes) {
        // UTF-16 (what Windows Notepad calls "Unicode") is text despite its
        // NUL bytes; only a byte-order mark identifies it reliably.
        Some((encoding, bom_len)) if encoding != encoding_rs::UTF_8 => {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                problems.push(Problem {
                    line: None,
                    message: format!("invalid {} sequences replaced", encoding.name()),
                });
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
                problems.push(Problem {
                    line: None,
                    message: LOSSY.into(),
                });
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
        decode(Path::new("a.txt"), bytes, false).unwrap()
    }

    fn reason(err: IngestError) -> String {
        match err {
            IngestError::Parse { reason, .. } => reason,
            other => panic!("expected a parse error, got {other}"),
        }
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
            vec![Problem {
                line: None,
                message: "not valid UTF-8; decoded as Windows-1252".into()
            }]
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
            let err = decode(Path::new("a.txt"), bytes, false).unwrap_err();
            assert_eq!(reason(err), "empty file");
        }
        let err = decode(Path::new("a.txt.gz"), &gzip(b""), true).unwrap_err();
        assert_eq!(reason(err), "empty file");
    }

    #[test]
    fn binary_files_are_errors() {
        let err = decode(Path::new("a.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false).unwrap_err();
        assert_eq!(reason(err), "binary file, not text");
        // The NUL must be within the first 8 KB to count.
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        assert!(decode(Path::new("a.txt"), &late, false).is_ok());
    }

    #[test]
    fn gzip_is_decompressed() {
        let decoded = decode(Path::new("a.txt.gz"), &gzip(b"hello\r\n"), true).unwrap();
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
        let err = decode(Path::new("a.txt.gz"), &gzip(b"a\0b"), true).unwrap_err();
        assert_eq!(reason(err), "binary file, not text");
    }

    #[test]
    fn corrupt_gzip_is_an_error() {
        let mut truncated = gzip(b"some text that compresses");
        truncated.truncate(truncated.len() / 2);
        for bytes in [&b"plain text, not gzip"[..], &truncated] {
            let err = decode(Path::new("a.txt.gz"), bytes, true).unwrap_err();
            assert_eq!(reason(err), "not a valid gzip file");
        }
    }
}
