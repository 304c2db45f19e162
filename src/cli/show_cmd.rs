//! `dateline show`: one article as stored.

use std::io::Write;
use std::process::ExitCode;

use super::args::{Cli, ShowArgs};
use super::style::{stdout_styled, Style};
use crate::display::location;
use dateline::extract::Extractor;
use dateline::index::extraction_text;
use dateline::search::{ArchiveSearcher, StoredArticle};
use dateline::Article;

/// Runs `dateline show`.
pub fn run(cli: &Cli, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let searcher = ArchiveSearcher::open(&cli.index_dir())?;
    let Some(article) = searcher.article(&args.id)? else {
        anyhow::bail!(
            "no article with id '{}' in {}; ids are listed by `dateline search` (field `id` with --json)",
            args.id,
            cli.index_dir().display()
        );
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&article)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let style = Style::stdout();
    writeln!(out, "{}", style.bold(&article.title))?;
    let details = [
        ("date", article.date.map(|date| date.to_string())),
        ("source", article.source.clone()),
        ("byline", article.byline.clone()),
        ("path", Some(location(&article.path, article.line))),
        ("url", article.url.clone()),
        ("id", Some(article.id.clone())),
    ];
    for (label, value) in details {
        if let Some(value) = value {
            writeln!(out, "{}", style.dim(&format!("{label}: {value}")))?;
        }
    }
    for (label, names) in [
        ("People", &article.people),
        ("Organizations", &article.organizations),
        ("Places", &article.places),
    ] {
        if !names.is_empty() {
            writeln!(out, "{}: {}", style.bold(label), names.join(", "))?;
        }
    }
    if !article.quotes.is_empty() {
        writeln!(out, "{}", style.bold("Quotes"))?;
        for quote in &article.quotes {
            let speaker = quote.speaker.as_deref().unwrap_or("(no speaker)");
            writeln!(out, "  {speaker}: {}", quote.text)?;
        }
    }
    writeln!(out)?;
    if let Some(error) = &article.text_error {
        // What the index holds is shown; the text is not, and the exit
        // code says so.
        eprintln!("error: {error}");
        return Ok(ExitCode::FAILURE);
    }
    writeln!(out, "{}", body_with_mentions(&article, stdout_styled()))?;
    Ok(ExitCode::SUCCESS)
}

/// The body, with entity mentions in bold when styling is on. Mention spans
/// are not stored, so the extractor runs again on the stored text.
fn body_with_mentions(stored: &StoredArticle, styled: bool) -> String {
    if !styled {
        return stored.body.clone();
    }
    let article = Article {
        title: stored.title.clone(),
        body: stored.body.clone(),
        ..Article::default()
    };
    let text = extraction_text(&article);
    let body_start = text.len() - stored.body.len();
    let style = Style::stdout();
    let mut out = String::with_capacity(stored.body.len() * 2);
    let mut cursor = body_start;
    for mention in Extractor::new().extract(&text).mentions {
        if mention.start < cursor {
            continue;
        }
        out.push_str(&text[cursor..mention.start]);
        out.push_str(&style.bold(&text[mention.start..mention.end]));
        cursor = mention.end;
    }
    out.push_str(&text[cursor..]);
    out
}
