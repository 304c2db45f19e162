//! The two halves of indexing measured apart: extraction alone on one core,
//! and tantivy alone (the same archive indexed with nothing extracted).

use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::measure::process_cpu;
use super::BenchError;
use dateline::extract::{find_quotes, Extract, Extraction, Extractor};
use dateline::index::{extraction_text, update, UpdateOptions};
use dateline::ingest::{self, SourceFile};
use dateline::Article;

/// An archive read into memory, file by file.
pub struct LoadedArchive {
    /// Each file with its articles.
    pub files: Vec<(SourceFile, Vec<Article>)>,
}

impl LoadedArchive {
    /// Reads every article file under `root` in parallel, with the
    /// project's format readers.
    pub fn read(root: &Path) -> Result<LoadedArchive, BenchError> {
        let discovery = ingest::discover(&[root.to_path_buf()]);
        if let Some(error) = discovery.errors.first() {
            return Err(BenchError::Source(error.to_string()));
        }
        let files = discovery
            .files
            .into_par_iter()
            .map(|file| {
                let read =
                    ingest::read_file(&file.path).map_err(|e| BenchError::Source(e.to_string()))?;
                Ok((file, read.articles))
            })
            .collect::<Result<_, BenchError>>()?;
        Ok(LoadedArchive { files })
    }

    /// Every article, in file order.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.files.iter().flat_map(|(_, articles)| articles)
    }
}

/// Time and CPU time of a step run in this process.
#[derive(Debug, Clone, Copy)]
pub struct StepTime {
    /// Wall-clock time.
    pub wall: Duration,
    /// CPU time of all threads.
    pub cpu: Duration,
}

/// An extractor that finds nothing: indexing with it is reading and tantivy
/// alone.
struct NoExtraction;

impl Extract for NoExtraction {
    fn extract(&self, _text: &str) -> Extraction {
        Extraction::default()
    }

    fn fingerprint(&self) -> &str {
        "nothing extracted"
    }
}

/// Indexes the archive at `root` into a new index in `dir` as `dateline
/// index` does (same schema, writer settings, documents and commit) but with
/// an extractor that finds nothing; the files are in the page cache after the
/// cold run, so this is the time of tantivy and the readers.
pub fn tantivy_only(root: &Path, dir: &Path) -> Result<StepTime, BenchError> {
    let (started, cpu) = (Instant::now(), process_cpu());
    update(
        dir,
        &[root.to_path_buf()],
        &NoExtraction,
        UpdateOptions::default(),
        &(),
    )?;
    Ok(StepTime {
        wall: started.elapsed(),
        cpu: process_cpu().saturating_sub(cpu),
    })
}

/// Throughput of the extractor on one thread.
#[derive(Debug, Clone, Copy)]
pub struct ExtractionRate {
    /// Articles extracted.
    pub articles: usize,
    /// Bytes of text extracted (headline and body).
    pub bytes: usize,
    /// Time spent in [`Extractor::extract`].
    pub time: Duration,
    /// Share of that time spent finding quotes, measured by running the
    /// quote finder again on the same mentions.
    pub quote_share: f64,
    /// Time to load the model, once per process.
    pub model_load: Duration,
}

impl ExtractionRate {
    /// Megabytes (10^6 bytes) of text per second.
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.time.as_secs_f64().max(1e-9)
    }
}

/// Runs the extractor over the articles of `archive` on this thread until
/// all are done or `budget` is spent. Articles are taken at an even stride
/// over the whole archive, so a budget-limited run still sees its mix.
pub fn extraction_alone(archive: &LoadedArchive, budget: Duration) -> ExtractionRate {
    let loading = Instant::now();
    let extractor = Extractor::new();
    let model_load = loading.elapsed();
    let articles: Vec<&Article> = archive.articles().collect();
    let stride = stride_coprime_to(articles.len());
    let mut rate = ExtractionRate {
        articles: 0,
        bytes: 0,
        time: Duration::ZERO,
        quote_share: 0.0,
        model_load,
    };
    let mut quote_time = Duration::ZERO;
    for i in 0..articles.len() {
        if rate.time >= budget {
            break;
        }
        let text = extraction_text(articles[(i * stride) % articles.len()]);
        let started = Instant::now();
        let extraction = extractor.extract(&text);
        rate.time += started.elapsed();
        let started = Instant::now();
        std::hint::black_box(find_quotes(&text, &extraction.mentions));
        quote_time += started.elapsed();
        rate.articles += 1;
        rate.bytes += text.len();
    }
    rate.quote_share = quote_time.as_secs_f64() / rate.time.as_secs_f64().max(1e-9);
    rate
}

/// A step that visits every index of `0..n` once when taken modulo `n`
/// (coprime to `n`), about a golden-ratio fraction of `n` so consecutive
/// picks land far apart.
fn stride_coprime_to(n: usize) -> usize {
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    let mut stride = ((n as f64 * 0.618) as usize).max(1);
    while gcd(stride, n.max(1)) != 1 {
        stride += 1;
    }
    stride
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stride_visits_every_article_once() {
        for n in [1, 2, 10, 97, 100, 1000] {
            let stride = stride_coprime_to(n);
            let mut seen: Vec<usize> = (0..n).map(|i| (i * stride) % n).collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), n);
        }
    }
}
