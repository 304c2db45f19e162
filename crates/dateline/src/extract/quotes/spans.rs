//! Finding double-quoted spans in one pass over the bytes.
//!
//! News text mixes straight and curly marks and sometimes closes a quote with
//! an opening curly mark (`“It's unusual,“ said …`), so a mark's role is read
//! from its neighbours first and from its shape only when they are ambiguous.

/// One double-quoted stretch of text, quotation marks included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just after the closing mark, or the end of the paragraph
    /// (trailing whitespace excluded) when the quotation continues in the next
    /// paragraph.
    pub end: usize,
    /// Whether a closing mark ends the span.
    pub closed: bool,
    /// Byte offset where the span's paragraph starts.
    pub para_start: usize,
    /// Byte offset where the span's paragraph ends (its newline or the text end).
    pub para_end: usize,
    /// Spans of one quotation running over several paragraphs share a group.
    pub group: usize,
}

impl Span {
    /// The text between the quotation marks.
    pub fn inner<'a>(&self, text: &'a str) -> &'a str {
        let open = mark_len(text.as_bytes(), self.start).unwrap_or(0);
        let close = if self.closed {
            text[..self.end]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8)
        } else {
            0
        };
        text.get(self.start + open..self.end - close).unwrap_or("")
    }
}

/// The shape of a quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Straight,
    Left,
    Right,
}

/// What a mark does at its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
}

/// Length in bytes of the double quotation mark at `i`, if there is one.
fn mark_len(bytes: &[u8], i: usize) -> Option<usize> {
    shape_at(bytes, i).map(|(_, len)| len)
}

/// The double quotation mark at `i`: `"`, `“`, `”` or `„`.
fn shape_at(bytes: &[u8], i: usize) -> Option<(Shape, usize)> {
    match bytes.get(i)? {
        b'"' => Some((Shape::Straight, 1)),
        0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2)? {
            0x9C | 0x9E => Some((Shape::Left, 3)),
            0x9D => Some((Shape::Right, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// The role of the mark at `text[i..i + len]`, given whether a quote is open.
fn role(text: &str, i: usize, len: usize, shape: Shape, in_quote: bool) -> Role {
    let before = text[..i].chars().next_back();
    let after = text[i + len..].chars().next();
    let opens = before.is_none_or(|c| c.is_whitespace() || "([{—–-/‘'".contains(c))
        && after.is_some_and(|c| !c.is_whitespace());
    let closes = before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-’'…".contains(c));
    match (opens, closes, shape) {
        (true, false, _) => Role::Open,
        (false, true, _) => Role::Close,
        (_, _, Shape::Left) => Role::Open,
        (_, _, Shape::Right) => Role::Close,
        (_, _, Shape::Straight) if in_quote => Role::Close,
        _ => Role::Open,
    }
}

/// Whether the paragraph starting at `from` opens with a quotation mark.
fn paragraph_opens_quote(bytes: &[u8], from: usize) -> bool {
    let first = bytes[from..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|k| from + k);
    first.is_some_and(|k| shape_at(bytes, k).is_some())
}

/// End of `text[..end]` without trailing whitespace.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// All double-quoted spans of `text`, in order.
pub(super) fn find_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut para_start = 0;
    let mut open: Option<usize> = None;
    let mut group = 0;
    let mut continuing = false;
    // Spans of the current paragraph still need its end.
    let mut para_first = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            // A quote left open is continued by the next paragraph's opening
            // mark; otherwise its opening mark was stray.
            if let Some(start) = open.take() {
                continuing = paragraph_opens_quote(bytes, i + 1);
                if continuing {
                    out.push(Span {
                        start,
                        end: trim_end(text, start, i),
                        closed: false,
                        para_start,
                        para_end: i,
                        group,
                    });
                }
            }
            finish_paragraph(&mut out[para_first..], i);
            para_first = out.len();
            para_start = i + 1;
            i += 1;
            continue;
        }
        let Some((shape, len)) = shape_at(bytes, i) else {
            i += 1;
            continue;
        };
        match (role(text, i, len, shape, open.is_some()), open) {
            (Role::Open, _) => {
                // A second opening mark means the first was stray: restart here.
                if !continuing || open.is_some() {
                    group += 1;
                }
                continuing = false;
                open = Some(i);
            }
            (Role::Close, Some(start)) => {
                out.push(Span {
                    start,
                    end: i + len,
                    closed: true,
                    para_start,
                    para_end: 0,
                    group,
                });
                open = None;
            }
            (Role::Close, None) => {}
        }
        i += len;
    }
    finish_paragraph(&mut out[para_first..], bytes.len());
    out.retain(|s| !s.inner(text).trim().is_empty());
    out
}

/// Records the paragraph end on the spans found in it.
fn finish_paragraph(spans: &mut [Span], para_end: usize) {
    for s in spans {
        s.para_end = para_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        find_spans(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn straight_and_curly() {
        let t = "He said \"no way,\" and “yes,” she said.";
        assert_eq!(texts(t), ["\"no way,\"", "“yes,”"]);
    }

    #[test]
    fn opening_mark_used_as_closing() {
        let t = "“It's odd,“ said Ann Lee. “Very odd.”";
        assert_eq!(texts(t), ["“It's odd,“", "“Very odd.”"]);
    }

    #[test]
    fn stray_opening_mark_restarts() {
        let t = "\"Then she said, “Only me.” Fine.";
        assert_eq!(texts(t), ["“Only me.”"]);
        let t = "He wrote \"never closed.\n\nNext paragraph \"quoted\".";
        assert_eq!(texts(t), ["\"quoted\""]);
    }

    #[test]
    fn multi_paragraph_pieces_share_a_group() {
        let t = "\"First part.\n\n\"Second part.\"\n\"Other.\"";
        let s = find_spans(t);
        assert_eq!(s.len(), 3);
        assert_eq!(&t[s[0].start..s[0].end], "\"First part.");
        assert!(!s[0].closed && s[1].closed);
        assert_eq!(s[0].group, s[1].group);
        assert_ne!(s[1].group, s[2].group);
        assert_eq!(s[1].para_end, t.find("\n\"Other").unwrap());
    }

    #[test]
    fn inner_text() {
        let t = "x “ab 'c' d” y";
        let s = find_spans(t);
        assert_eq!(s[0].inner(t), "ab 'c' d");
    }
}
