//! A bound on how deeply elements nest before the HTML parser sees them.
//!
//! html5ever looks through its stack of open elements for many start tags
//! (closing an open `<p>` before a `<div>`), so a page of 100,000 nested
//! `<div>`s takes time quadratic in its depth. Browsers cap the depth for the
//! same reason; here, start and end tags deeper than [`MAX_DEPTH`] are left
//! out before parsing, and their text is kept.

use std::borrow::Cow;
use std::ops::Range;

/// Elements nested deeper than this lose their tags (not their text): far
/// deeper than any real page, and cheap for the parser.
pub(super) const MAX_DEPTH: usize = 256;

/// Elements that do not deepen the nesting: void elements, which have no
/// content, and those whose end tag may be left out (`<li>` after `<li>`),
/// which the parser closes by itself.
const FLAT: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option",
    "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt",
    "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// `html` without the start and end tags of elements nested deeper than
/// [`MAX_DEPTH`], and whether there were any. One pass over the text.
pub(super) fn limit_nesting(html: &str) -> (Cow<'_, str>, bool) {
    let mut kept = Kept::new(html);
    let (mut depth, mut too_deep) = (0usize, 0usize);
    let mut at = 0;
    while let Some(lt) = html[at..].find('<').map(|i| at + i) {
        let Some(tag) = Tag::at(html, lt) else {
            at = lt + 1;
            continue;
        };
        at = tag.range.end;
        let Some(name) = tag.name else { continue };
        if tag.closing {
            if !is_flat(name) {
                if too_deep > 0 {
                    too_deep -= 1;
                    kept.drop(tag.range);
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            continue;
        }
        if name.eq_ignore_ascii_case("plaintext") {
            break;
        }
        if is_one_of(name, RAW_TEXT) {
            at = end_of_raw_text(html, at, name);
        } else if !tag.self_closing && !is_flat(name) {
            if depth < MAX_DEPTH {
                depth += 1;
            } else {
                too_deep += 1;
                kept.drop(tag.range);
            }
        }
    }
    kept.finish()
}

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn is_flat(name: &str) -> bool {
    is_one_of(name, FLAT)
}

/// The text of a document with some ranges left out, built only when one is.
struct Kept<'a> {
    html: &'a str,
    out: Option<String>,
    /// Bytes of `html` dealt with so far.
    done: usize,
}

impl<'a> Kept<'a> {
    fn new(html: &'a str) -> Self {
        Kept {
            html,
            out: None,
            done: 0,
        }
    }

    /// Leaves out `range`, which follows every range left out so far.
    fn drop(&mut self, range: Range<usize>) {
        let out = self.out.get_or_insert_with(String::new);
        out.push_str(&self.html[self.done..range.start]);
        self.done = range.end;
    }

    fn finish(self) -> (Cow<'a, str>, bool) {
        match self.out {
            Some(mut out) => {
                out.push_str(&self.html[self.done..]);
                (Cow::Owned(out), true)
            }
            None => (Cow::Borrowed(self.html), false),
        }
    }
}

/// A tag, comment or declaration found at a `<`.
struct Tag<'a> {
    /// From its `<` to just after its `>` (or the end of the text).
    range: Range<usize>,
    /// The element name; `None` for comments and declarations.
    name: Option<&'a str>,
    closing: bool,
    self_closing: bool,
}

impl<'a> Tag<'a> {
    /// The tag starting at `html[lt]`, a `<`; `None` when the `<` is text
    /// (`a < b`).
    fn at(html: &'a str, lt: usize) -> Option<Tag<'a>> {
        let rest = &html[lt + 1..];
        let bytes = rest.as_bytes();
        let markup = |end: Option<usize>, len: usize| Tag {
            range: lt..end.map_or(html.len(), |e| lt + 1 + e + len),
            name: None,
            closing: false,
            self_closing: false,
        };
        if let Some(comment) = rest.strip_prefix("!--") {
            return Some(markup(comment.find("-->").map(|e| e + 3), 3));
        }
        if rest.starts_with(['!', '?']) {
            return Some(markup(rest.find('>'), 1));
        }
        let closing = rest.starts_with('/');
        let name_start = usize::from(closing);
        if !bytes.get(name_start)?.is_ascii_alphabetic() {
            return None;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(bytes.len(), |i| name_start + i);
        let end = end_of_tag(bytes, name_end);
        Some(Tag {
            range: lt..end.map_or(html.len(), |e| lt + 1 + e + 1),
            name: Some(&rest[name_start..name_end]),
            closing,
            self_closing: end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/'),
        })
    }
}

/// The index of the `>` that ends a tag whose attributes start at `from`,
/// skipping `>` inside quoted attribute values (`title="a > b"`).
fn end_of_tag(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i),
            quote @ (b'"' | b'\'') if after_equals => {
                i += 1 + bytes[i + 1..].iter().position(|&b| b == quote)?;
            }
            b'=' => after_equals = true,
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// Where markup resumes after the raw text of element `name` starting at
/// `from`: at its end tag, else at the end of the text.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(i) = html[at..].find("</") {
        let start = at + i;
        let after = start + 2 + name.len();
        let closes = html
            .get(start + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && html[after..]
                .bytes()
                .next()
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if closes {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tag: &str, depth: usize, inner: &str) -> String {
        format!(
            "{}{inner}{}",
            format!("<{tag} class=\"x\">").repeat(depth),
            format!("</{tag}>").repeat(depth)
        )
    }

    #[test]
    fn shallow_markup_is_left_as_it_is() {
        let html = format!(
            "<!doctype html><html><body>{}<ul><li>a<li>b</ul><br/><img src=x>\
             <script>if (a < b) {{ '<div>' }}</script><!-- <div> --></body></html>",
            nested("div", MAX_DEPTH - 2, "text")
        );
        let (out, capped) = limit_nesting(&html);
        assert!(!capped);
        assert!(matches!(out, Cow::Borrowed(_)));
    }

    #[test]
    fn tags_deeper_than_the_cap_are_left_out_and_their_text_kept() {
        let html = nested("div", MAX_DEPTH + 10, "deep <b>text</b>");
        let (out, capped) = limit_nesting(&html);
        assert!(capped);
        assert_eq!(out, nested("div", MAX_DEPTH, "deep text"));
    }

    #[test]
    fn flat_elements_and_raw_text_do_not_count() {
        // A thousand list items without end tags are not nested.
        let items = "<li>item".repeat(1_000);
        let html = format!("{}<ul>{items}</ul>", "<div>".repeat(MAX_DEPTH - 1));
        assert!(!limit_nesting(&html).1);
        // Tags inside a script, a comment or a quoted attribute are text.
        let html = format!(
            "<script>{}</script><!-- {} --><a title='{}'>x</a>",
            "<div>".repeat(1_000),
            "<div>".repeat(1_000),
            "<div>".repeat(1_000),
        );
        assert!(!limit_nesting(&html).1);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<a",
            "</",
            "<!--",
            "<!",
            "<a title='x",
            "<script>",
            "<div/",
            "é<b>ü",
            "a < b",
        ] {
            let (out, _) = limit_nesting(html);
            assert_eq!(out, html);
        }
    }
}
