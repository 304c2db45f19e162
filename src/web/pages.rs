//! The HTML pages, as maud templates: every string from the archive or the
//! request goes through maud's escaping, and no page has inline script.

use chrono::NaiveDate;
use maud::{html, Markup, DOCTYPE};

use super::params::Params;
use crate::display::{day, day_or_empty, location};
use dateline::search::{Bucket, Period, Timeline};
use dateline::search::{EntityCounts, NameCount};
use dateline::search::{QuoteResults, SearchResults, StoredArticle};

/// The frame of every page: head, header with the search box, and `body`.
pub fn layout(title: &str, query: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · dateline" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header {
                    a.brand href="/" { "dateline" }
                    nav { a href="/quotes" { "Quotations" } }
                    form action="/" method="get" role="search" {
                        input type="search" name="q" value=(query) placeholder="Search the archive"
                            aria-label="Search the archive" autofocus;
                        button type="submit" { "Search" }
                    }
                }
                main { (body) }
                footer {
                    details {
                        summary { "Query syntax" }
                        p { "All words must appear (stemmed: troop = troops). "
                            code { "\"a phrase\"" } ", " code { "OR" } ", " code { "-word" } ", "
                            code { "harb*" } ", " code { "harbr~1" } ", "
                            code { "person:putin" } ", " code { "org:\"Security Council\"" } "." }
                    }
                }
            }
        }
    }
}

/// The search page: filters in effect, facets, timeline, hits and paging.
pub fn search(
    params: &Params,
    results: &SearchResults,
    facets: &EntityCounts,
    timeline: &Timeline,
    offset: usize,
    limit: usize,
) -> Markup {
    let query = params.one("q").unwrap_or_default();
    html! {
        div.filters {
            @for (key, value) in params.filter_pairs() {
                a.chip.active href={ "/?" (params.removing(key, value)) } title="Remove this filter" {
                    (key) ": " (value) " ×"
                }
            }
            form.dates action="/" method="get" {
                @for (key, value) in params.filter_pairs().filter(|(k, _)| *k != "from" && *k != "to") {
                    input type="hidden" name=(key) value=(value);
                }
                @if !query.is_empty() { input type="hidden" name="q" value=(query); }
                label { "From " input type="text" name="from" value=(params.one("from").unwrap_or_default()) placeholder="2024-01" size="10"; }
                label { " to " input type="text" name="to" value=(params.one("to").unwrap_or_default()) placeholder="2024-12-31" size="10"; }
                button type="submit" { "Apply" }
            }
            nav.sort {
                "Sort: "
                @for (value, label) in [("relevance", "relevance"), ("newest", "newest"), ("oldest", "oldest")] {
                    a href={ "/?" (params.with("sort", value)) } { (label) } " "
                }
            }
        }
        div.columns {
            aside.facets {
                (facet_list("People", "person", facets.people.as_deref(), params))
                (facet_list("Organizations", "org", facets.organizations.as_deref(), params))
                (facet_list("Places", "place", facets.places.as_deref(), params))
            }
            section.results {
                (timeline_chart(timeline, params))
                p.total {
                    @if results.total == 0 { "No matching articles." }
                    @else {
                        (results.total) " matching article" @if results.total != 1 { "s" }
                        @if results.stories != results.total {
                            ", " (results.stories) " stor" @if results.stories != 1 { "ies" } @else { "y" } " · "
                            @if params.flag("all_copies").unwrap_or(false) {
                                a href={ "/?" (params.with("all_copies", "0")) } { "one hit per story" }
                            } @else {
                                a href={ "/?" (params.with("all_copies", "1")) } { "every copy" }
                            }
                        }
                    }
                }
                ol.hits start=(offset + 1) {
                    @for hit in &results.hits {
                        li.hit {
                            a.title href={ "/article/" (hit.id) } { (display_title(&hit.title)) }
                            div.meta {
                                (day(hit.date))
                                @if let Some(source) = &hit.source { " · " (source) }
                            }
                            @match &hit.text_error {
                                Some(error) => p.snippet.unavailable { (error) },
                                None => p.snippet { (highlighted(&hit.snippet, &hit.highlights)) },
                            }
                            @if hit.copies > 1 {
                                div.copies {
                                    (hit.copies) " copies, also: "
                                    @for (n, copy) in hit.other_copies.iter().enumerate() {
                                        @if n > 0 { "; " }
                                        a href={ "/article/" (copy.id) } { (copy.source.as_deref().unwrap_or("(no source)")) }
                                        " " (day(copy.date))
                                    }
                                    @if hit.copies - 1 > hit.other_copies.len() {
                                        "; and " (hit.copies - 1 - hit.other_copies.len()) " more"
                                    }
                                }
                            }
                            div.names {
                                @for name in &hit.people { a.chip.person href={ "/?" (params.adding("person", name)) } { (name) } }
                                @for name in &hit.organizations { a.chip.org href={ "/?" (params.adding("org", name)) } { (name) } }
                                @for name in &hit.places { a.chip.place href={ "/?" (params.adding("place", name)) } { (name) } }
                            }
                        }
                    }
                }
                nav.paging {
                    @if offset > 0 {
                        a rel="prev" href={ "/?" (params.with("offset", &offset.saturating_sub(limit).to_string())) } { "← Newer results" }
                    }
                    @if offset + results.hits.len() < results.total {
                        a rel="next" href={ "/?" (params.with("offset", &(offset + limit).to_string())) } { "More results →" }
                    }
                }
            }
        }
    }
}

/// A list of names with counts, each a link that adds it as a filter.
fn facet_list(heading: &str, key: &str, names: Option<&[NameCount]>, params: &Params) -> Markup {
    html! {
        h2 { (heading) }
        ul {
            @for name in names.unwrap_or_default() {
                li { a href={ "/?" (params.adding(key, &name.name)) } { (name.name) } span.count { (name.stories.unwrap_or(name.articles)) } }
            }
        }
    }
}

/// Matching articles over time as SVG bars; each bar narrows the dates to its period.
fn timeline_chart(timeline: &Timeline, params: &Params) -> Markup {
    const WIDTH: usize = 640;
    const HEIGHT: u64 = 60;
    let buckets = &timeline.buckets;
    // Bars show stories when they were counted, else articles.
    let shown = |bucket: &Bucket| bucket.stories.unwrap_or(bucket.articles);
    let max = buckets.iter().map(shown).max().unwrap_or(0).max(1);
    let step = WIDTH as f64 / buckets.len().max(1) as f64;
    html! {
        @if !buckets.is_empty() {
            figure.timeline {
                svg viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } preserveAspectRatio="none" role="img"
                    aria-label="Matching articles over time" {
                    @for (n, bucket) in buckets.iter().enumerate() {
                        @let height = (shown(bucket) * HEIGHT).div_ceil(max);
                        @let (from, to) = period_bounds(bucket.start, timeline.by);
                        a href={ "/?" (params.with_range(&from, &to)) } {
                            rect x=(format!("{:.1}", n as f64 * step)) y=(HEIGHT - height)
                                width=(format!("{:.1}", (step - 1.0).max(1.0))) height=(height) {
                                title { (bucket.start) ": " (shown(bucket)) }
                            }
                        }
                    }
                }
                figcaption {
                    (day_or_empty(buckets.first().map(|b| b.start))) " – "
                    (day_or_empty(buckets.last().map(|b| b.start)))
                    " · by " (format!("{:?}", timeline.by).to_lowercase())
                }
            }
        }
    }
}

/// The first and last day of the period starting on `start`.
fn period_bounds(first: NaiveDate, by: Period) -> (String, String) {
    let last = by.next(first).pred_opt().unwrap_or(first);
    (first.to_string(), last.to_string())
}

/// The article page: text with names marked and quotations with speakers.
pub fn article(article: &StoredArticle) -> Markup {
    html! {
        article.full {
            h1 { (display_title(&article.title)) }
            div.meta {
                (day(article.date))
                @if let Some(source) = &article.source { " · " (source) }
                @if let Some(byline) = &article.byline { " · " (byline) }
            }
            div.meta.where {
                @match &article.url {
                    Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                        a href=(url) rel="noopener noreferrer nofollow" { (url) }
                    }
                    Some(url) => { (url) }
                    None => { (location(&article.path, article.line)) }
                }
            }
            div.names {
                @for name in &article.people { a.chip.person href={ "/person/" (path_segment(name)) } { (name) } }
                @for name in &article.organizations { a.chip.org href={ "/org/" (path_segment(name)) } { (name) } }
                @for name in &article.places { a.chip.place href={ "/?" (Params::default().adding("place", name)) } { (name) } }
            }
            @if let Some(error) = &article.text_error {
                p.unavailable { (error) }
            }
            @for paragraph in article.body.split("\n\n") {
                p { (marked(paragraph, article)) }
            }
            @if !article.quotes.is_empty() {
                h2 { "Quotations" }
                ul.quotes {
                    @for quote in &article.quotes {
                        li {
                            blockquote { (quote.text) }
                            cite {
                                @match &quote.speaker {
                                    Some(speaker) => a href={ "/person/" (path_segment(speaker)) } { (speaker) },
                                    None => "unattributed",
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A paragraph with each name the article is indexed under marked by kind.
fn marked(paragraph: &str, article: &StoredArticle) -> Markup {
    let mut names: Vec<(&str, &str)> = article
        .people
        .iter()
        .map(|n| (n.as_str(), "person"))
        .chain(article.organizations.iter().map(|n| (n.as_str(), "org")))
        .chain(article.places.iter().map(|n| (n.as_str(), "place")))
        .filter(|(name, _)| !name.is_empty())
        .collect();
    // Longer names first, so `Port Linden Herald` wins over `Port Linden`.
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    let mut pieces: Vec<(usize, usize, &str)> = Vec::new();
    for (name, kind) in names {
        for (start, _) in paragraph.match_indices(name) {
            let end = start + name.len();
            if pieces.iter().all(|&(s, e, _)| end <= s || start >= e) {
                pieces.push((start, end, kind));
            }
        }
    }
    render_marked(paragraph, pieces)
}

/// Text with the byte ranges `highlights` wrapped in `<mark>`.
fn highlighted(text: &str, highlights: &[[usize; 2]]) -> Markup {
    render_marked(text, highlights.iter().map(|&[s, e]| (s, e, "")).collect())
}

/// `text` with each range of `marks` (start, end, class) in a `<mark>`;
/// ranges that overlap an earlier one or cut a character are left out.
fn render_marked(text: &str, mut marks: Vec<(usize, usize, &str)>) -> Markup {
    marks.sort_unstable();
    let mut pieces: Vec<(&str, Option<&str>)> = Vec::new();
    let mut at = 0;
    for (start, end, class) in marks {
        let fits = at <= start && start < end && end <= text.len();
        if fits && text.is_char_boundary(start) && text.is_char_boundary(end) {
            pieces.push((&text[at..start], None));
            pieces.push((&text[start..end], Some(class)));
            at = end;
        }
    }
    pieces.push((&text[at..], None));
    html! {
        @for (piece, class) in pieces {
            @match class {
                Some("") => mark { (piece) },
                Some(class) => mark class=(class) { (piece) },
                None => (piece),
            }
        }
    }
}

/// A headline, or a stand-in for articles without one.
fn display_title(title: &str) -> &str {
    if title.is_empty() {
        "(no headline)"
    } else {
        title
    }
}

/// An entity page: mentions over time, the names most often alongside,
/// the person's quotations, and the latest articles. `key` is the filter
/// the name is for (`person` or `org`).
pub fn entity(
    name: &str,
    key: &str,
    timeline: &Timeline,
    alongside: &EntityCounts,
    quotes: &QuoteResults,
    latest: &SearchResults,
) -> Markup {
    let filter = Params::default().adding(key, name);
    let params = Params::parse(Some(&filter));
    html! {
        h1 { (name) }
        p.total { (latest.total) " article" @if latest.total != 1 { "s" } " · "
            a href={ "/?" (filter) } { "search them" } }
        (timeline_chart(timeline, &params))
        div.columns {
            aside.facets {
                (facet_list("Most often with", "person", alongside.people.as_deref(), &params))
                (facet_list("Organizations", "org", alongside.organizations.as_deref(), &params))
            }
            section {
                @if !quotes.hits.is_empty() {
                    h2 { "Quotations" }
                    (quote_list(quotes))
                }
                h2 { "Latest articles" }
                ul.latest {
                    @for hit in &latest.hits {
                        li { a href={ "/article/" (hit.id) } { (display_title(&hit.title)) }
                             " " span.meta { (day(hit.date)) } }
                    }
                }
            }
        }
    }
}

/// The quotations page: search by text, speaker and dates.
pub fn quotes(params: &Params, quotes: &QuoteResults) -> Markup {
    html! {
        form.quote-search action="/quotes" method="get" {
            input type="search" name="q" value=(params.one("q").unwrap_or_default()) placeholder="Words in the quotation" aria-label="Words in the quotation";
            input type="text" name="speaker" value=(params.one("speaker").unwrap_or_default()) placeholder="Speaker" aria-label="Speaker";
            input type="text" name="from" value=(params.one("from").unwrap_or_default()) placeholder="From" size="10" aria-label="From";
            input type="text" name="to" value=(params.one("to").unwrap_or_default()) placeholder="To" size="10" aria-label="To";
            button type="submit" { "Find quotations" }
        }
        p.total { (quotes.total) " matching quotation" @if quotes.total != 1 { "s" } }
        (quote_list(quotes))
    }
}

/// Quotations with their speakers, dates and articles.
fn quote_list(quotes: &QuoteResults) -> Markup {
    html! {
        ul.quotes {
            @for quote in &quotes.hits {
                li {
                    @match &quote.text_error {
                        Some(error) => p.unavailable { (error) },
                        None => blockquote { (highlighted(&quote.text, &quote.highlights)) },
                    }
                    cite {
                        @match &quote.speaker {
                            Some(speaker) => a href={ "/person/" (path_segment(speaker)) } { (speaker) },
                            None => "unattributed",
                        }
                        " · " (day(quote.date)) " · "
                        a href={ "/article/" (quote.article_id) } { (display_title(&quote.title)) }
                    }
                }
            }
        }
    }
}

/// A name as one URL path segment.
pub fn path_segment(name: &str) -> String {
    form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// A page that says what went wrong, for 400 and 404 answers.
pub fn problem(heading: &str, message: &str) -> Markup {
    layout(
        heading,
        "",
        html! { section.problem { h1 { (heading) } p { (message) } p { a href="/" { "Back to the search" } } } },
    )
}

/// The period a timeline over `first..=last` is drawn in: days for up to
/// three months, weeks for up to a year, months for up to ten years.
pub fn period_for(first: Option<NaiveDate>, last: Option<NaiveDate>) -> Period {
    let days = match (first, last) {
        (Some(first), Some(last)) => (last - first).num_days(),
        _ => return Period::Month,
    };
    match days {
        ..=92 => Period::Day,
        93..=366 => Period::Week,
        367..=3660 => Period::Month,
        _ => Period::Year,
    }
}
