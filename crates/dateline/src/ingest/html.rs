//! HTML articles (`.html`, `.htm`), as saved from news sites: metadata from
//! Open Graph / article meta tags and JSON-LD, the headline from the page's
//! titles less those that only name the site, body text from `<article>`
//! (else `<main>`, else `<body>`) without navigation and page chrome.

use std::path::Path;

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::{date::parse_date, parse_date_or_report, Draft, FileRead, Problem};

mod nesting;

/// Elements whose text is not article text: code, navigation, page chrome,
/// forms and embedded non-text content.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
    "iframe", "button", "select", "head", "title",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "br",
    "blockquote",
    "section",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "article",
    "main",
];

/// Read a decoded HTML file.
pub(super) fn read(path: &Path, text: &str) -> FileRead {
    let (text, too_deep) = nesting::limit_nesting(text);
    let doc = Html::parse_document(&text);
    let mut problems = Vec::new();
    if too_deep {
        problems.push(Problem::caveat(
            None,
            format!(
                "elements nested more than {} deep: their tags are ignored, their text is read",
                nesting::MAX_DEPTH
            ),
        ));
    }
    let url = attr(&doc, "link[rel~=\"canonical\"]", "href")
        .or_else(|| attr(&doc, "meta[property=\"og:url\"]", "content"));
    let title = title(&doc, url.as_deref());
    let body = body(&doc, &title);
    let draft = Draft {
        date: date(&doc, &mut problems),
        url,
        source: attr(&doc, "meta[property=\"og:site_name\"]", "content"),
        byline: attr(&doc, "meta[name=\"author\"]", "content"),
        title,
        body,
        ..Draft::default()
    };
    draft.into_file_read(path, problems)
}

/// A selector written in this file; they are all constant and valid.
fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors in html.rs are valid CSS")
}

/// The first element matching `css`.
fn first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    doc.select(&selector(css)).next()
}

/// The first non-blank value of `name` on elements matching `css`.
fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    doc.select(&selector(css))
        .filter_map(|e| e.attr(name))
        .map(collapse)
        .find(|v| !v.is_empty())
}

/// The element's text with whitespace runs collapsed to single spaces.
fn text_of(element: ElementRef) -> String {
    collapse(&element.text().collect::<String>())
}

/// Whitespace runs (including newlines and no-break spaces) as one space.
fn collapse(s: &str) -> String {
    let mut collapsed = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// The headline: `og:title`, else `<title>`, else the first `<h1>`, passing
/// over any that is only the site's name (see [`SiteNames`]): saved pages
/// often title themselves `Wikinews` and give the headline in `<h1>` alone.
/// The Open Graph title comes first because `<title>` usually carries the
/// site name too. A page whose every title is the site's name keeps it.
fn title(doc: &Html, url: Option<&str>) -> String {
    let titles: Vec<String> = [
        attr(doc, "meta[property=\"og:title\"]", "content"),
        first(doc, "title").map(text_of),
        first(doc, "h1").map(text_of),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.is_empty())
    .collect();
    let site = SiteNames::of(doc, &titles, url);
    titles
        .iter()
        .find(|t| !site.contains(t))
        .or(titles.first())
        .cloned()
        .unwrap_or_default()
}

/// What a page calls its site, to tell a title that only names the site
/// from a headline. Only what the page itself says counts: no site is known
/// here by name.
#[derive(Debug)]
struct SiteNames {
    /// Lower-cased: `og:site_name`, `application-name`, and the site part of
    /// any title written `Headline | Site` whose headline is another title.
    names: Vec<String>,
    /// The labels of the page's host name below the top-level domain
    /// (`en`, `wikinews` for `en.wikinews.org`), lower-cased.
    host: Vec<String>,
}

impl SiteNames {
    /// The site names `doc` gives, with its `titles` and its `url`.
    fn of(doc: &Html, titles: &[String], url: Option<&str>) -> SiteNames {
        let meta = [
            attr(doc, "meta[property=\"og:site_name\"]", "content"),
            attr(doc, "meta[name=\"application-name\"]", "content"),
        ];
        let parts = titles.iter().flat_map(|title| {
            titles
                .iter()
                .filter_map(move |headline| site_part(title, headline))
        });
        SiteNames {
            names: meta
                .into_iter()
                .flatten()
                .chain(parts.map(str::to_string))
                .map(|name| name.to_lowercase())
                .collect(),
            host: url.map(host_labels).unwrap_or_default(),
        }
    }

    /// Whether `title` is one of the names, or a label of the host name
    /// written out (`Wikinews` on `en.wikinews.org`, `Marsh Ledger` on
    /// `marshledger.test`).
    fn contains(&self, title: &str) -> bool {
        let lower = title.to_lowercase();
        let squeezed: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        self.names.contains(&lower) || (!squeezed.is_empty() && self.host.contains(&squeezed))
    }
}

/// Separators between a headline and the site's name in a title.
const TITLE_SEPARATORS: &[char] = &['|', '-', '\u{2013}', '\u{2014}', '\u{00B7}', '\u{00BB}'];

/// The site's name in `title` when it is written `headline SEPARATOR Site`:
/// the page's own other title tells which part is the headline, so a title
/// written `Site | Headline` is not misread.
fn site_part<'a>(title: &'a str, headline: &str) -> Option<&'a str> {
    let rest = title.strip_prefix(headline)?;
    let site = rest
        .strip_prefix(' ')?
        .strip_prefix(TITLE_SEPARATORS)?
        .trim();
    (!site.is_empty()).then_some(site)
}

/// The labels of a URL's host name below its top-level domain, lower-cased.
fn host_labels(url: &str) -> Vec<String> {
    let Some((_, rest)) = url.split_once("://") else {
        return Vec::new();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let mut labels: Vec<String> = host.split('.').map(str::to_lowercase).collect();
    labels.pop();
    labels
}

/// The publication date from, in order: `article:published_time`, the first
/// `<time datetime>`, JSON-LD `datePublished`, `date` / `pubdate` /
/// `itemprop=datePublished` meta tags. The first one that parses wins; when
/// some were given but none parses, the first is reported.
fn date(doc: &Html, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
    let candidates = [
        attr(doc, "meta[property=\"article:published_time\"]", "content"),
        first(doc, "time[datetime]")
            .and_then(|e| e.attr("datetime"))
            .map(str::to_string),
        json_ld_date(doc),
        attr(doc, "meta[name=\"date\"]", "content"),
        attr(doc, "meta[name=\"pubdate\"]", "content"),
        attr(doc, "meta[itemprop=\"datePublished\"]", "content"),
    ];
    let mut given = candidates
        .into_iter()
        .flatten()
        .filter(|c| !c.trim().is_empty());
    let first_given = given.next()?;
    parse_date(&first_given)
        .or_else(|| given.find_map(|c| parse_date(&c)))
        .or_else(|| parse_date_or_report(&first_given, None, problems))
}

/// `datePublished` from the page's JSON-LD blocks: an object, an array of
/// objects, or objects inside `@graph`. Blocks that are not valid JSON are
/// skipped; pages often carry broken JSON-LD next to good metadata.
fn json_ld_date(doc: &Html) -> Option<String> {
    doc.select(&selector("script[type=\"application/ld+json\"]"))
        .filter_map(|script| serde_json::from_str::<Value>(&script.text().collect::<String>()).ok())
        .find_map(|value| date_published(&value).map(str::to_string))
}

/// The first `datePublished` string in a JSON-LD value.
fn date_published(value: &Value) -> Option<&str> {
    match value {
        Value::Array(items) => items.iter().find_map(date_published),
        Value::Object(object) => object
            .get("datePublished")
            .and_then(Value::as_str)
            .or_else(|| object.get("@graph").and_then(date_published)),
        _ => None,
    }
}

/// Body text from `<article>`, else `<main>`, else `<body>`: paragraphs
/// (block elements) separated by blank lines, whitespace collapsed within
/// each. A first paragraph that repeats the title (the page's `<h1>`) is
/// dropped, as the title is stored on its own.
fn body(doc: &Html, title: &str) -> String {
    let root = first(doc, "article")
        .or_else(|| first(doc, "main"))
        .or_else(|| first(doc, "body"))
        .unwrap_or_else(|| doc.root_element());
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let paragraph = collapse(current);
        if !paragraph.is_empty() {
            paragraphs.push(paragraph);
        }
        current.clear();
    };
    // An explicit stack rather than recursion: deeply nested markup must not
    // overflow the stack. `true` marks the end of a block element.
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        if closing {
            flush(&mut current);
            continue;
        }
        match node.value() {
            Node::Text(text) => current.push_str(text),
            Node::Element(element) => {
                let name = element.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    flush(&mut current);
                    stack.push((node, true));
                }
                stack.extend(node.children().rev().map(|child| (child, false)));
            }
            _ => {}
        }
    }
    flush(&mut current);
    if paragraphs.first().is_some_and(|p| p == title) {
        paragraphs.remove(0);
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    fn read_one(path: &str, html: &str) -> (Article, Vec<Problem>) {
        let mut read = read(Path::new(path), html);
        assert_eq!(read.articles.len(), 1, "{:?}", read.problems);
        (read.articles.remove(0), read.problems)
    }

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn full_news_page() {
        let html = page(
            r#"<title>Rates paused | The Wire</title>
               <meta property="og:title" content="Rates paused">
               <meta property="article:published_time" content="2024-10-23T09:30:00+0000">
               <meta property="og:site_name" content="The Wire">
               <meta property="og:url" content="https://wire.test/og">
               <link rel="canonical" href="https://wire.test/rates">
               <meta name="author" content="Ann Lee">
               <style>p { color: red }</style>"#,
            r#"<nav><a href="/">Home</a></nav>
               <header>Site header</header>
               <article>
                 <h1>Rates paused</h1>
                 <p>The bank   held rates
                    on <b>Tuesday</b>, &amp; said &ldquo;more&rdquo;.</p>
                 <script>var x = 1;</script>
                 <figure><img src="a.png"><figcaption>A chart.</figcaption></figure>
                 <ul><li>One</li><li>Two</li></ul>
                 <div>Line<br>break</div>
                 <blockquote>Quoted.</blockquote>
                 <aside>Related stories</aside>
                 <form><input> Subscribe</form>
               </article>
               <footer>Copyright</footer>"#,
        );
        let (a, problems) = read_one("/x/a.html", &html);
        assert!(problems.is_empty());
        assert_eq!(a.title, "Rates paused");
        assert_eq!(a.date, date(2024, 10, 23));
        assert_eq!(a.url.as_deref(), Some("https://wire.test/rates"));
        assert_eq!(a.source.as_deref(), Some("The Wire"));
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(
            a.body,
            "The bank held rates on Tuesday, & said \u{201C}more\u{201D}.\n\nA chart.\n\n\
             One\n\nTwo\n\nLine\n\nbreak\n\nQuoted."
        );
    }

    #[test]
    fn title_falls_back_to_title_tag_then_h1() {
        let (a, _) = read_one(
            "/x/a.html",
            &page("<title> Tag\n title </title>", "<p>x</p>"),
        );
        assert_eq!(a.title, "Tag title");
        let (a, _) = read_one("/x/a.html", &page("", "<h1>Heading</h1><p>x</p>"));
        assert_eq!(a.title, "Heading");
        assert_eq!(a.body, "x");
    }

    #[test]
    fn a_title_naming_only_the_site_gives_way_to_the_h1() {
        let body = "<h1>Dam opens</h1><p>x</p>";
        for head in [
            r#"<title>The Wire</title><meta property="og:site_name" content="The Wire">"#,
            r#"<title>the wire</title><meta property="og:site_name" content="The Wire">"#,
            r#"<title>The Wire</title><meta name="application-name" content="The Wire">"#,
            r#"<title>The Wire</title><link rel="canonical" href="https://www.thewire.test/a">"#,
            r#"<title>Wire</title><meta property="og:url" content="http://u@wire.test:80/a?b">"#,
        ] {
            let (a, _) = read_one("/x/a.html", &page(head, body));
            assert_eq!(a.title, "Dam opens", "{head}");
            assert_eq!(a.body, "x", "{head}");
        }
    }

    #[test]
    fn an_og_title_naming_only_the_site_gives_way_to_the_title_tag() {
        let head = r#"<meta property="og:title" content="Wikinews">
                      <title>Dam opens - Wikinews</title>"#;
        let (a, _) = read_one("/x/a.html", &page(head, "<h1>Dam opens</h1><p>x</p>"));
        assert_eq!(a.title, "Dam opens - Wikinews");
    }

    #[test]
    fn titles_that_only_look_like_site_names_are_kept() {
        // Unless the page says a short title is its site's name, it is a
        // headline, and the `<h1>` may be the site's logo.
        let (a, _) = read_one(
            "/x/a.html",
            &page("<title>Obituary</title>", "<h1>The Wire</h1><p>x</p>"),
        );
        assert_eq!(a.title, "Obituary");
        // A title written `Site | Headline` does not make the headline a site name.
        let head =
            r#"<title>Wire | Dam opens</title><meta property="og:title" content="Dam opens">"#;
        let (a, _) = read_one("/x/a.html", &page(head, "<p>x</p>"));
        assert_eq!(a.title, "Dam opens");
        // A page about the site itself, titled with its name alone, keeps it.
        let head = r#"<title>The Wire</title><meta property="og:site_name" content="The Wire">"#;
        let (a, _) = read_one("/x/a.html", &page(head, "<p>About us</p>"));
        assert_eq!(a.title, "The Wire");
        // A one-label host name is no site name.
        let head = r#"<title>Localhost</title><link rel="canonical" href="http://localhost/a">"#;
        let (a, _) = read_one("/x/a.html", &page(head, "<h1>Dam opens</h1><p>x</p>"));
        assert_eq!(a.title, "Localhost");
    }

    #[test]
    fn body_falls_back_to_main_then_body() {
        let (a, _) = read_one(
            "/x/a.html",
            &page("", "<nav>n</nav><main><p>M</p></main><p>outside</p>"),
        );
        assert_eq!(a.body, "M");
        let (a, _) = read_one(
            "/x/a.htm",
            &page("", "<p>One</p><p>Two</p><footer>f</footer>"),
        );
        assert_eq!(a.body, "One\n\nTwo");
    }

    #[test]
    fn date_from_time_element() {
        let (a, _) = read_one(
            "/x/a.html",
            &page(
                "",
                r#"<p>x <time datetime="2024-10-23T09:30:00Z">Oct 23</time></p><time datetime="2020-01-01">"#,
            ),
        );
        assert_eq!(a.date, date(2024, 10, 23));
    }

    #[test]
    fn date_from_json_ld_object_array_and_graph() {
        for ld in [
            r#"{"@type": "NewsArticle", "datePublished": "2024-10-23T09:30:00-04:00"}"#,
            r#"[{"@type": "Organization"}, {"@type": "NewsArticle", "datePublished": "2024-10-23"}]"#,
            r#"{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"datePublished": "October 23, 2024"}]}"#,
        ] {
            let head = format!(
                r#"<script type="application/ld+json">{{ broken</script><script type="application/ld+json">{ld}</script>"#
            );
            let (a, _) = read_one("/x/a.html", &page(&head, "<p>x</p>"));
            assert_eq!(a.date, date(2024, 10, 23), "{ld}");
        }
    }

    #[test]
    fn date_from_meta_names() {
        for meta in [
            r#"<meta name="date" content="2024-10-23">"#,
            r#"<meta name="pubdate" content="20241023">"#,
            r#"<meta itemprop="datePublished" content="2024-10-23T00:00:00Z">"#,
        ] {
            let (a, _) = read_one("/x/a.html", &page(meta, "<p>x</p>"));
            assert_eq!(a.date, date(2024, 10, 23), "{meta}");
        }
    }

    #[test]
    fn date_priority_and_unparseable_candidates() {
        // article:published_time wins over <time>.
        let head = r#"<meta property="article:published_time" content="2024-10-23">"#;
        let (a, _) = read_one(
            "/x/a.html",
            &page(head, r#"<time datetime="2020-01-01"></time><p>x</p>"#),
        );
        assert_eq!(a.date, date(2024, 10, 23));
        // An unparseable first candidate gives way to a later one silently.
        let head = r#"<meta property="article:published_time" content="soon"><meta name="date" content="2024-10-23">"#;
        let (a, problems) = read_one("/x/a.html", &page(head, "<p>x</p>"));
        assert_eq!(a.date, date(2024, 10, 23));
        assert!(problems.is_empty());
        // None parses: a problem, and the path's date.
        let head = r#"<meta property="article:published_time" content="soon">"#;
        let (a, problems) = read_one("/n/2024/10/23/a.html", &page(head, "<p>x</p>"));
        assert_eq!(a.date, date(2024, 10, 23));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("unrecognised date 'soon'"));
    }

    #[test]
    fn page_without_text_is_a_problem() {
        let read = read(Path::new("/x/a.html"), &page("", "<script>x()</script>"));
        assert!(read.articles.is_empty());
        assert_eq!(read.problems.len(), 1);
    }

    #[test]
    fn deeply_nested_markup_does_not_overflow() {
        let html = format!("{}deep{}", "<div>".repeat(4_000), "</div>".repeat(4_000));
        let read = read(Path::new("/x/a.html"), &html);
        assert!(read.articles.iter().any(|a| a.body.contains("deep")));
    }

    #[test]
    fn very_deep_nesting_is_read_quickly_with_a_caveat() {
        let depth = 100_000;
        let html = page(
            "<title>Deep</title>",
            &format!(
                "<article>{}<p>The harbor wall held.</p>{}</article>",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
        );
        let started = std::time::Instant::now();
        let (a, problems) = read_one("/x/deep.html", &html);
        // Linear is well under a second even in a debug build; the parser
        // took minutes on the full depth.
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(a.body, "The harbor wall held.");
        assert_eq!(
            problems,
            [Problem::caveat(
                None,
                "elements nested more than 256 deep: their tags are ignored, their text is read"
            )]
        );
    }
}
