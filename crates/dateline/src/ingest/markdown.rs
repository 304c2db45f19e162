//! Markdown articles (`.md`, `.markdown`): optional front matter, a `# `
//! heading for the title, and a body with the cheap-to-remove markup
//! (heading marks, emphasis, link syntax) stripped so snippets read as text.

use std::path::Path;

use super::{Draft, Field, FileRead, Problem};

/// The longest link part (label or target) looked for; real ones are far
/// shorter, and the bound keeps unmatched brackets cheap.
const MAX_LINK_CHARS: usize = 2048;

/// Read a decoded markdown file.
pub(super) fn read(path: &Path, text: &str) -> FileRead {
    let lines: Vec<&str> = text.lines().collect();
    let mut problems = Vec::new();
    let mut draft = Draft::default();
    let body_start = front_matter(&lines, &mut draft, &mut problems);
    let body = &lines[body_start..];

    // The first level-1 heading is the headline: taken as the title when the
    // front matter has none, and dropped when it repeats the front matter's.
    let heading = first_heading(body);
    let mut skip = None;
    if let Some((i, text)) = heading {
        if draft.title.is_empty() || draft.title.trim() == text {
            draft.title = text;
            skip = Some(i);
        }
    }
    draft.body = plain_text(body, skip);
    draft.into_file_read(path, problems)
}

/// Parse YAML-style front matter between `---` lines at the very top into
/// `draft`, returning the index of the first body line (0 when there is no
/// complete front matter block). Only flat `key: value` lines are read;
/// lists and nested values are ignored, as they never hold these fields.
fn front_matter(lines: &[&str], draft: &mut Draft, problems: &mut Vec<Problem>) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|i| i + 1)
    else {
        // No closing line: a horizontal rule, not front matter.
        return 0;
    };
    for (i, line) in lines.iter().enumerate().take(end).skip(1) {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if let Some(field) = Field::from_key(key) {
            draft.set(field, unquote(value.trim()), i + 1, problems);
        }
    }
    end + 1
}

/// A YAML scalar without its surrounding quotes.
fn unquote(value: &str) -> &str {
    ['"', '\'']
        .iter()
        .find_map(|&q| value.strip_prefix(q)?.strip_suffix(q))
        .unwrap_or(value)
}

/// Whether the line opens or closes a fenced code block.
fn is_fence(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("```") || line.starts_with("~~~")
}

/// The index and plain text of the first `# ` heading outside code blocks.
fn first_heading(lines: &[&str]) -> Option<(usize, String)> {
    let mut in_code = false;
    for (i, line) in lines.iter().enumerate() {
        if is_fence(line) {
            in_code = !in_code;
        } else if !in_code {
            if let Some(text) = line.trim_start().strip_prefix("# ") {
                return Some((i, inline(text.trim().trim_end_matches('#').trim_end())));
            }
        }
    }
    None
}

/// The body as plain text, paragraph breaks kept (runs of blank lines become
/// one), line `skip` (the title heading) left out. Code blocks keep their
/// text verbatim without the fences.
fn plain_text(lines: &[&str], skip: Option<usize>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_code = false;
    for (i, line) in lines.iter().enumerate() {
        if Some(i) == skip {
            continue;
        }
        if is_fence(line) {
            in_code = !in_code;
            continue;
        }
        let cleaned = if in_code {
            line.trim_end().to_string()
        } else if is_rule(line) {
            String::new()
        } else {
            inline(block_text(line)).trim_end().to_string()
        };
        let blank = cleaned.trim().is_empty();
        if blank && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(if blank { String::new() } else { cleaned });
    }
    out.join("\n")
}

/// A horizontal rule or setext heading underline: `---`, `***`, `===`...
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_', '=']
            .iter()
            .any(|&m| marks.chars().all(|c| c == m))
}

/// The line without block markup: heading marks and blockquote markers.
fn block_text(line: &str) -> &str {
    let mut text = line.trim_start();
    while let Some(rest) = text.strip_prefix('>') {
        text = rest.trim_start();
    }
    let hashes = text.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &text[hashes..];
        if rest.is_empty() || rest.starts_with(' ') {
            // Closing hashes (`## Title ##`) are optional markup too.
            return rest.trim().trim_end_matches('#').trim_end();
        }
    }
    text
}

/// Inline markup removed: `[text](url)` and `![alt](url)` become their text
/// (also `[text][ref]`), `<https://...>` its address, emphasis markers `*`
/// and `_` go, backslash escapes become the escaped character. Underscores
/// inside words (`snake_case`) and a `*` between spaces (`2 * 3`, list
/// bullets) are not emphasis and stay.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                if let Some((label, next)) = link(&chars, i + 1) {
                    out.push_str(&inline(&label));
                    i = next;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            '[' => {
                if let Some((label, next)) = link(&chars, i) {
                    out.push_str(&inline(&label));
                    i = next;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            '<' => match autolink(&chars, i) {
                Some((address, next)) => {
                    out.push_str(&address);
                    i = next;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '*' | '_' => {
                let end = i + chars[i..].iter().take_while(|&&x| x == c).count();
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(end).copied();
                let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
                let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                let literal =
                    (space(before) && space(after)) || (c == '_' && word(before) && word(after));
                if literal {
                    out.extend(&chars[i..end]);
                }
                i = end;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// A link starting at `[` in `chars[open]`: `[label](target)` or
/// `[label][ref]`. Returns the label and the index after the link.
fn link(chars: &[char], open: usize) -> Option<(String, usize)> {
    let close = matching(chars, open, '[', ']')?;
    let end = match chars.get(close + 1)? {
        '(' => matching(chars, close + 1, '(', ')')?,
        '[' => matching(chars, close + 1, '[', ']')?,
        _ => return None,
    };
    Some((chars[open + 1..close].iter().collect(), end + 1))
}

/// The index of the bracket closing the one at `open`, allowing nesting.
/// The search stops after [`MAX_LINK_CHARS`], so that a long line full of
/// unmatched brackets costs linear, not quadratic, time.
fn matching(chars: &[char], open: usize, left: char, right: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().skip(open).take(MAX_LINK_CHARS) {
        if c == left {
            depth += 1;
        } else if c == right {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// `<scheme://address>` at `chars[open]`: the address and the index after it.
fn autolink(chars: &[char], open: usize) -> Option<(String, usize)> {
    let len = chars[open + 1..]
        .iter()
        .take(MAX_LINK_CHARS)
        .take_while(|&&c| c != '>' && !c.is_whitespace())
        .count();
    let close = open + 1 + len;
    if chars.get(close) != Some(&'>') {
        return None;
    }
    let address: String = chars[open + 1..close].iter().collect();
    address.contains("://").then_some((address, close + 1))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::Article;

    fn read_one(path: &str, text: &str) -> (Article, Vec<Problem>) {
        crate::ingest::single_article(read(Path::new(path), text))
    }

    #[test]
    fn front_matter_sets_fields_and_quotes_are_removed() {
        let text = "---\ntitle: \"Rates: a pause\"\ndate: 2024-10-23\nsource: 'Wire'\n\
                    url: https://news.test/a\nauthor: Ann Lee\ntags:\n  - economy\n---\n\n\
                    First paragraph.\n\nSecond paragraph.\n";
        let (a, problems) = read_one("/x/a.md", text);
        assert!(problems.is_empty());
        assert_eq!(a.title, "Rates: a pause");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 10, 23));
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://news.test/a"));
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.body, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn front_matter_bad_date_is_a_problem_with_its_line() {
        let (a, problems) = read_one("/x/a.md", "---\ntitle: T\ndate: soon\n---\nBody");
        assert_eq!(a.date, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
        assert!(problems[0].message.contains("'soon'"));
    }

    #[test]
    fn heading_is_the_title_and_leaves_the_body() {
        let text = "# The *big* story\n\nIt **happened** today.\n\n## Details\n\nMore.";
        let (a, _) = read_one("/news/2024/10/23/a.markdown", text);
        assert_eq!(a.title, "The big story");
        assert_eq!(a.body, "It happened today.\n\nDetails\n\nMore.");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 10, 23));
    }

    #[test]
    fn heading_kept_in_body_when_front_matter_has_another_title() {
        let (a, _) = read_one("/x/a.md", "---\ntitle: T\n---\n# Other\n\nBody");
        assert_eq!(a.title, "T");
        assert_eq!(a.body, "Other\n\nBody");
        let (a, _) = read_one("/x/a.md", "---\ntitle: Same\n---\n# Same\n\nBody");
        assert_eq!(a.body, "Body");
    }

    #[test]
    fn no_title_at_all() {
        let (a, _) = read_one("/x/a.md", "Just a paragraph.");
        assert_eq!(a.title, "");
        assert_eq!(a.body, "Just a paragraph.");
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let (a, _) = read_one("/x/a.md", "---\ntitle: T\n\nBody");
        assert_eq!(a.title, "");
        assert_eq!(a.body, "title: T\n\nBody");
    }

    #[test]
    fn links_images_and_escapes() {
        assert_eq!(
            inline("See [the report](https://x.test/r_1 \"t\") and ![a chart](c.png)."),
            "See the report and a chart."
        );
        assert_eq!(
            inline("[ref link][1] and [not a link]"),
            "ref link and [not a link]"
        );
        assert_eq!(inline("[**bold** link](u)"), "bold link");
        assert_eq!(
            inline("<https://x.test/a_b> and a < b"),
            "https://x.test/a_b and a < b"
        );
        assert_eq!(inline(r"5 \* 3 and \_x\_"), "5 * 3 and _x_");
    }

    #[test]
    fn long_lines_of_unmatched_brackets_are_kept_quickly() {
        let line = "[<".repeat(20_000);
        assert_eq!(inline(&line), line);
    }

    #[test]
    fn emphasis_removed_but_not_intraword_underscores_or_lone_stars() {
        assert_eq!(inline("*a* _b_ **c** __d__ ***e***"), "a b c d e");
        assert_eq!(inline("snake_case_name"), "snake_case_name");
        assert_eq!(inline("2 * 3"), "2 * 3");
        assert_eq!(inline("* item with *stress*"), "* item with stress");
    }

    #[test]
    fn block_markup_and_code() {
        let text = "Intro\n===\n\n> Quoted *words*\n\n### Sub ###\n\n---\n\n\
                    ```rust\nlet _x = *y;\n```\n\n- item\n";
        let (a, _) = read_one("/x/a.md", text);
        assert_eq!(a.title, "");
        assert_eq!(
            a.body,
            "Intro\n\nQuoted words\n\nSub\n\nlet _x = *y;\n\n- item"
        );
    }

    #[test]
    fn heading_inside_code_is_not_the_title() {
        let (a, _) = read_one("/x/a.md", "```\n# comment\n```\n\n# Real\n\nBody");
        assert_eq!(a.title, "Real");
        assert_eq!(a.body, "# comment\n\nBody");
    }
}
