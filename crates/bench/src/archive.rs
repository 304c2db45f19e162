//! Generating a reproducible archive: new articles recombined from real
//! paragraphs, dated over fourteen years, in the formats `dateline` reads,
//! filed in `YYYY/MM` folders; on request, a share of them planted as copies
//! of earlier ones with small edits, as syndicated stories are, with the
//! truth of which is a copy of which (the originals of such an archive are
//! dealt paragraphs from a shuffled deck instead: see [`Deck`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use flate2::write::GzEncoder;

use super::pool::Pool;
use super::rng::Rng;
use super::BenchError;

/// Median article body size: news runs from short briefs to long features,
/// roughly log-normally, with most stories of a few kilobytes.
const MEDIAN_BYTES: f64 = 3_000.0;
/// Spread of the log-normal size distribution.
const SIZE_SIGMA: f64 = 0.7;
/// The size range of the news mix.
const MIN_BYTES: usize = 500;
const MAX_BYTES: usize = 20_000;
/// Chance of continuing with another source article after each paragraph,
/// so most articles read as one story with a few inserts.
const SWITCH_SOURCE: f64 = 0.15;
/// Articles per `.jsonl` feed file.
const FEED_ARTICLES: usize = 40;
/// First and last publication dates.
const FIRST_DAY: (i32, u32, u32) = (2012, 1, 1);
const DAYS: u64 = 14 * 365;
/// Outlets named in front matter and feeds.
const OUTLETS: [&str; 5] = [
    "Port Linden Herald",
    "Eastbrook Gazette",
    "Calder Valley Courier",
    "Global Desk",
    "Coastal Observer",
];
/// Appended to a file to change it for the re-index measurement.
const UPDATE_NOTE: &str = "\n\nThis article was updated with additional reporting.\n";
/// Most words a planted copy changes.
const MAX_CHANGED_WORDS: usize = 3;
/// Chance that a planted copy of four paragraphs or more drops its last.
const DROP_LAST_PARAGRAPH: f64 = 0.3;
/// Chance that a planted copy ends with a line of its outlet's own.
const ADD_CREDIT: f64 = 0.5;
/// Most days a copy runs after its original.
const MAX_COPY_DELAY_DAYS: usize = 3;

/// How one generated file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// Seed layout: `date YYYY-MM-DD <headline>`, then the body.
    Text,
    /// The seed layout, gzip-compressed.
    TextGz,
    /// Markdown with YAML front matter.
    Markdown,
    /// An HTML page.
    Html,
    /// One article among many in a JSON Lines feed.
    Feed,
}

impl Format {
    /// The news-archive mix: mostly plain files, some pages and feeds.
    fn pick(rng: &mut Rng) -> Format {
        match rng.unit() {
            x if x < 0.66 => Format::Text,
            x if x < 0.69 => Format::TextGz,
            x if x < 0.79 => Format::Markdown,
            x if x < 0.88 => Format::Html,
            _ => Format::Feed,
        }
    }
}

/// One new article.
#[derive(Clone)]
struct Story {
    date: NaiveDate,
    title: String,
    source: &'static str,
    paragraphs: Vec<String>,
}

/// Where one generated article was written, and what it is a copy of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Its file.
    pub path: PathBuf,
    /// Its 1-based line in a JSON-lines feed; `None` for a file of its own.
    pub line: Option<u64>,
    /// The number of the article it is a copy of (its own when it is an
    /// original): articles with the same number are one story.
    pub story: usize,
}

/// A generated archive on disk.
#[derive(Debug, Clone)]
pub struct Archive {
    /// Its root folder.
    pub root: PathBuf,
    /// Every file written.
    pub files: Vec<PathBuf>,
    /// Files that can be changed by appending text (plain `.txt` and `.md`).
    pub appendable: Vec<PathBuf>,
    /// Number of articles.
    pub articles: usize,
    /// Each article, in the order generated.
    pub placed: Vec<Placed>,
    /// Total bytes on disk.
    pub bytes: u64,
}

/// Writes `articles` articles under `root` (which must not exist yet),
/// the same ones for the same `pool`, `seed` and `copy_share`: that share of
/// them (0 for none) are copies of an earlier original with small edits
/// (see [`plant_copy`]), each in a format of its own. Without copies, the
/// archive is the one generated before copies could be planted.
pub fn generate(
    pool: &Pool,
    articles: usize,
    seed: u64,
    copy_share: f64,
    root: &Path,
) -> Result<Archive, BenchError> {
    let mut rng = Rng::new(seed);
    // Copies draw from a stream of their own, so an archive without them
    // is the one generated before copies could be planted.
    let mut copy_rng = Rng::new(seed ^ 0x636f_7069_6573);
    let mut archive = Archive {
        root: root.to_path_buf(),
        files: Vec::new(),
        appendable: Vec::new(),
        articles,
        placed: Vec::with_capacity(articles),
        bytes: 0,
    };
    let mut originals: Vec<(usize, Story)> = Vec::new();
    let mut deck = Deck::new(pool);
    let mut feed: Vec<(usize, Story)> = Vec::new();
    for n in 0..articles {
        let plant = !originals.is_empty() && copy_share > 0.0 && copy_rng.unit() < copy_share;
        let (story_number, story) = if plant {
            let (original, story) = copy_rng.pick(&originals);
            (*original, plant_copy(story, &mut copy_rng))
        } else if copy_share > 0.0 {
            let mut story = compose(pool, &mut rng);
            let bytes = story.paragraphs.iter().map(|p| p.len() + 2).sum();
            story.paragraphs = deck.deal(pool, bytes, &mut copy_rng);
            originals.push((n, story.clone()));
            (n, story)
        } else {
            (n, compose(pool, &mut rng))
        };
        match Format::pick(&mut rng) {
            Format::Feed => {
                feed.push((story_number, story));
                if feed.len() == FEED_ARTICLES {
                    write_feed(&mut archive, &std::mem::take(&mut feed), n)?;
                }
            }
            format => write_story(&mut archive, &story, story_number, format, n)?,
        }
    }
    if !feed.is_empty() {
        write_feed(&mut archive, &feed, articles)?;
    }
    Ok(archive)
}

/// The paragraphs of the pool in a shuffled order, dealt to the originals of
/// an archive with planted copies: articles recombined from runs of
/// consecutive paragraphs often share most of their text by chance, which
/// makes them copies in truth but not in the plan; dealt paragraphs rarely
/// meet twice in two articles.
struct Deck {
    cards: Vec<(usize, usize)>,
    next: usize,
}

impl Deck {
    fn new(pool: &Pool) -> Deck {
        let cards = pool
            .articles
            .iter()
            .enumerate()
            .flat_map(|(article, source)| (0..source.paragraphs.len()).map(move |p| (article, p)))
            .collect::<Vec<_>>();
        let next = cards.len();
        Deck { cards, next }
    }

    /// Paragraphs of about `bytes` in all (at least one), shuffling the
    /// deck again each time it runs out.
    fn deal(&mut self, pool: &Pool, bytes: usize, rng: &mut Rng) -> Vec<String> {
        let (mut paragraphs, mut dealt) = (Vec::new(), 0);
        while dealt < bytes || paragraphs.is_empty() {
            if self.next == self.cards.len() {
                for i in (1..self.cards.len()).rev() {
                    self.cards.swap(i, rng.below(i + 1));
                }
                self.next = 0;
            }
            let (article, paragraph) = self.cards[self.next];
            self.next += 1;
            let paragraph = &pool.articles[article].paragraphs[paragraph];
            dealt += paragraph.len() + 2;
            paragraphs.push(paragraph.clone());
        }
        paragraphs
    }
}

/// A copy of `original` as another outlet runs it: a few days later, with
/// up to [`MAX_CHANGED_WORDS`] words changed, sometimes its last paragraph
/// dropped, sometimes a credit line added.
fn plant_copy(original: &Story, rng: &mut Rng) -> Story {
    let mut copy = original.clone();
    copy.date = original.date + Days::new(rng.below(MAX_COPY_DELAY_DAYS + 1) as u64);
    let others: Vec<&'static str> = OUTLETS
        .iter()
        .copied()
        .filter(|outlet| *outlet != original.source)
        .collect();
    copy.source = *rng.pick(&others);
    for _ in 0..=rng.below(MAX_CHANGED_WORDS) {
        let paragraph = rng.below(copy.paragraphs.len());
        let mut words: Vec<&str> = copy.paragraphs[paragraph].split(' ').collect();
        let (at, from) = (rng.below(words.len()), rng.below(words.len()));
        words[at] = words[from];
        copy.paragraphs[paragraph] = words.join(" ");
    }
    if copy.paragraphs.len() >= 4 && rng.unit() < DROP_LAST_PARAGRAPH {
        copy.paragraphs.pop();
    }
    if rng.unit() < ADD_CREDIT {
        copy.paragraphs
            .push(format!("{} contributed to this report.", copy.source));
    }
    copy
}

/// Picks a date, a size and paragraphs: runs of consecutive paragraphs from
/// one source article, now and then continued from another.
fn compose(pool: &Pool, rng: &mut Rng) -> Story {
    let first = NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2)
        .expect("first day is a date");
    let date = first + Days::new(rng.below(DAYS as usize) as u64);
    let target = ((MEDIAN_BYTES.ln() + SIZE_SIGMA * rng.normal()).exp() as usize)
        .clamp(MIN_BYTES, MAX_BYTES);
    let lead = rng.pick(&pool.articles);
    let (mut source, mut next) = (lead, rng.below(lead.paragraphs.len()));
    let (mut paragraphs, mut bytes) = (Vec::new(), 0);
    while bytes < target {
        let paragraph = &source.paragraphs[next];
        if bytes > 0 && bytes + paragraph.len() > MAX_BYTES {
            break;
        }
        bytes += paragraph.len() + 2;
        paragraphs.push(paragraph.clone());
        next += 1;
        if next == source.paragraphs.len() || rng.unit() < SWITCH_SOURCE {
            source = rng.pick(&pool.articles);
            next = rng.below(source.paragraphs.len());
        }
    }
    Story {
        date,
        title: lead.title.clone(),
        source: OUTLETS[rng.below(OUTLETS.len())],
        paragraphs,
    }
}

/// `YYYY/MM` under the root, created on first use.
fn month_folder(archive: &Archive, date: NaiveDate) -> Result<PathBuf, BenchError> {
    let folder = archive.root.join(date.format("%Y/%m").to_string());
    std::fs::create_dir_all(&folder).map_err(|e| BenchError::io(folder.display(), e))?;
    Ok(folder)
}

/// A file name from the date, the first words of the headline and the
/// article number, which keeps names unique.
fn file_name(story: &Story, n: usize, extension: &str) -> String {
    let slug: Vec<String> = story
        .title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(5)
        .map(str::to_ascii_lowercase)
        .collect();
    format!("{}-{}-{n}.{extension}", story.date, slug.join("-"))
}

fn write_story(
    archive: &mut Archive,
    story: &Story,
    story_number: usize,
    format: Format,
    n: usize,
) -> Result<(), BenchError> {
    let body = story.paragraphs.join("\n\n");
    let (extension, text) = match format {
        Format::Text | Format::TextGz => {
            let text = format!("date {} {}\n\n{body}\n", story.date, story.title);
            let extension = if format == Format::Text {
                "txt"
            } else {
                "txt.gz"
            };
            (extension, text)
        }
        Format::Markdown => (
            "md",
            format!(
                // The front-matter reader strips surrounding quotes but does
                // not unescape, so inner double quotes become single ones.
                "---\ntitle: \"{}\"\ndate: {}\nsource: {}\n---\n\n{body}\n",
                story.title.replace('"', "'"),
                story.date,
                story.source
            ),
        ),
        Format::Html => ("html", html_page(story)),
        Format::Feed => unreachable!("feed articles are written by write_feed"),
    };
    let path = month_folder(archive, story.date)?.join(file_name(story, n, extension));
    let bytes = if format == Format::TextGz {
        gzip(text.as_bytes())
    } else {
        text.into_bytes()
    };
    write(archive, &path, &bytes)?;
    archive.placed.push(Placed {
        path: path.clone(),
        line: None,
        story: story_number,
    });
    if matches!(format, Format::Text | Format::Markdown) {
        archive.appendable.push(path);
    }
    Ok(())
}

/// Writes `stories` (each with its story number) as one JSON-lines feed.
fn write_feed(
    archive: &mut Archive,
    stories: &[(usize, Story)],
    n: usize,
) -> Result<(), BenchError> {
    let mut text = String::new();
    for (_, story) in stories {
        let record = serde_json::json!({
            "title": story.title,
            "date": story.date.to_string(),
            "source": story.source,
            "text": story.paragraphs.join("\n\n"),
        });
        text.push_str(&record.to_string());
        text.push('\n');
    }
    let first = &stories[0].1;
    let path = month_folder(archive, first.date)?.join(format!("feed-{n}.jsonl"));
    write(archive, &path, text.as_bytes())?;
    archive
        .placed
        .extend(stories.iter().zip(1..).map(|((story, _), line)| Placed {
            path: path.clone(),
            line: Some(line),
            story: *story,
        }));
    Ok(())
}

fn html_page(story: &Story) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let title = escape(&story.title);
    let paragraphs: String = story
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} | {source}</title>\n<meta name=\"date\" content=\"{date}\">\n</head>\n\
         <body>\n<nav><a href=\"/\">Home</a></nav>\n<article>\n<h1>{title}</h1>\n{paragraphs}\
         </article>\n<footer>&copy; {source}</footer>\n</body>\n</html>\n",
        source = story.source,
        date = story.date,
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(bytes)
        .expect("writing to memory succeeds");
    encoder.finish().expect("writing to memory succeeds")
}

fn write(archive: &mut Archive, path: &Path, bytes: &[u8]) -> Result<(), BenchError> {
    std::fs::write(path, bytes).map_err(|e| BenchError::io(path.display(), e))?;
    archive.bytes += bytes.len() as u64;
    archive.files.push(path.to_path_buf());
    Ok(())
}

/// Changes `share` of the archive's files (at least one), picked with
/// `seed`, by appending a sentence; returns how many were changed.
pub fn touch_share(archive: &Archive, share: f64, seed: u64) -> Result<usize, BenchError> {
    let wanted = ((archive.files.len() as f64 * share).ceil() as usize)
        .clamp(1, archive.appendable.len().max(1));
    let mut rng = Rng::new(seed);
    let mut picked = std::collections::BTreeSet::new();
    while picked.len() < wanted.min(archive.appendable.len()) {
        picked.insert(rng.below(archive.appendable.len()));
    }
    for path in picked.iter().map(|&i| &archive.appendable[i]) {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| BenchError::io(path.display(), e))?;
        file.write_all(UPDATE_NOTE.as_bytes())
            .map_err(|e| BenchError::io(path.display(), e))?;
    }
    Ok(picked.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline::ingest;

    fn sample_pool() -> Pool {
        Pool::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_corpus")]).unwrap()
    }

    #[test]
    fn every_generated_article_reads_back_with_its_date() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        let archive = generate(&sample_pool(), 300, 42, 0.0, &root).unwrap();
        let discovery = ingest::discover(std::slice::from_ref(&root));
        assert_eq!(discovery.files.len(), archive.files.len());
        let mut read = 0;
        for file in &discovery.files {
            let articles = ingest::read_file(&file.path).unwrap().articles;
            assert!(articles
                .iter()
                .all(|a| a.date.is_some() && !a.body.is_empty()));
            read += articles.len();
        }
        assert_eq!(read, 300);
        assert_eq!(archive.bytes, super::super::measure::dir_bytes(&root));
    }

    #[test]
    fn planted_copies_read_back_and_name_their_originals() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        let archive = generate(&sample_pool(), 200, 5, 0.25, &root).unwrap();
        assert_eq!(archive.placed.len(), 200);
        let copies = 200 - distinct_stories(&archive);
        assert!((30..=70).contains(&copies), "{copies} copies planted");
        let read: usize = ingest::discover(std::slice::from_ref(&root))
            .files
            .iter()
            .map(|file| ingest::read_file(&file.path).unwrap().articles.len())
            .sum();
        assert_eq!(read, 200);
        let plain = generate(&sample_pool(), 200, 5, 0.0, &dir.path().join("plain")).unwrap();
        assert_eq!(distinct_stories(&plain), 200);
    }

    fn distinct_stories(archive: &Archive) -> usize {
        let stories: std::collections::HashSet<usize> =
            archive.placed.iter().map(|placed| placed.story).collect();
        stories.len()
    }

    #[test]
    fn same_seed_same_archive() {
        let dir = tempfile::tempdir().unwrap();
        let pool = sample_pool();
        let a = generate(&pool, 50, 1, 0.0, &dir.path().join("a")).unwrap();
        let b = generate(&pool, 50, 1, 0.0, &dir.path().join("b")).unwrap();
        assert_eq!(a.bytes, b.bytes);
        assert_eq!(a.files.len(), b.files.len());
    }

    #[test]
    fn touching_changes_the_share_of_files() {
        let dir = tempfile::tempdir().unwrap();
        let archive = generate(&sample_pool(), 200, 3, 0.0, &dir.path().join("a")).unwrap();
        assert_eq!(touch_share(&archive, 0.01, 9).unwrap(), 2);
        assert_eq!(
            super::super::measure::dir_bytes(&archive.root),
            archive.bytes + 2 * UPDATE_NOTE.len() as u64
        );
    }
}
