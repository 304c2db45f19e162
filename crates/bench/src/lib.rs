//! The benchmark suite behind `dateline-bench`: generate an archive, index it
//! with the `dateline` binary, time the parts, run a query mix, compare with
//! SQLite FTS5, ripgrep and Recoll, and report.
//!
//! Each step lives in its own file: [`archive`] (generation from a [`pool`] of
//! real paragraphs), [`dateline_cli`] (the binary as a child process),
//! [`components`] (extraction and tantivy alone), [`queries`], [`server`]
//! (`dateline serve` under load), [`peers`], [`measure`] (timing and memory)
//! and [`report`].

pub mod archive;
pub mod components;
pub mod copies;
pub mod dateline_cli;
pub mod measure;
pub mod peers;
pub mod pool;
pub mod queries;
pub mod report;
pub mod rng;
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use components::LoadedArchive;
use dateline::index::IndexError;
use dateline::search::{ArchiveSearcher, SearchError};
use measure::{dir_bytes, timed, Percentiles};
use queries::Class;
use report::{
    CliLatency, IndexFigures, Machine, PeerResult, Peers, RecollFigures, Report, RipgrepFigures,
    SqliteFigures,
};

/// Why the benchmark could not run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// A file operation failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done, or on which path.
        what: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The source text could not be read.
    #[error("source text: {0}")]
    Source(String),
    /// A child process failed or said something unexpected.
    #[error("{command} failed: {message}")]
    Child {
        /// The command.
        command: String,
        /// What went wrong (its stderr, when it has one).
        message: String,
    },
    /// The index could not be opened or written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A query failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// tantivy failed in the tantivy-only measurement.
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl BenchError {
    fn io(what: impl std::fmt::Display, source: std::io::Error) -> BenchError {
        BenchError::Io {
            what: what.to_string(),
            source,
        }
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Number of articles to generate.
    pub articles: usize,
    /// Seed of the archive and the query mix.
    pub seed: u64,
    /// Files or folders of source articles (see [`pool::default_sources`]).
    pub sources: Vec<PathBuf>,
    /// Where the archive, the indexes and scratch files go, in the
    /// subfolders [`WORK_FOLDERS`], which are replaced.
    pub work_dir: PathBuf,
    /// The `dateline` binary (see [`dateline_cli::locate`]).
    pub dateline: PathBuf,
    /// Timed rounds of the query mix, after one warm-up round.
    pub rounds: usize,
    /// Longest time spent measuring extraction alone.
    pub extract_budget: Duration,
    /// Share of the articles planted as copies of earlier ones (0: none),
    /// whose detection is measured after the cold index.
    pub copy_share: f64,
    /// Peers left out even when installed (Recoll takes about five seconds
    /// per thousand articles to index).
    pub without: Vec<Peer>,
}

/// A search tool the bench compares `dateline` with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Peer {
    /// SQLite FTS5 (`sqlite3`).
    Sqlite,
    /// ripgrep (`rg`).
    Ripgrep,
    /// Recoll (`recollindex`, `recollq`).
    Recoll,
}

impl Config {
    /// The peer's program(s) if installed and not left out, else why it is
    /// skipped.
    fn peer(&self, peer: Peer, programs: &[&str]) -> Result<Vec<PathBuf>, String> {
        if self.without.contains(&peer) {
            return Err("left out with --without".to_string());
        }
        programs
            .iter()
            .map(|program| peers::on_path(program))
            .collect::<Option<_>>()
            .ok_or_else(|| not_installed(programs))
    }
}

/// Why a peer whose programs are not all installed is skipped.
fn not_installed(programs: &[&str]) -> String {
    let package = match programs {
        ["sqlite3"] => "sqlite3",
        ["rg"] => "ripgrep",
        _ => "recollcmd",
    };
    format!(
        "{} not on the PATH (apt-get install {package})",
        programs.join(" and ")
    )
}

/// The subfolders of the work folder that a run writes (and replaces).
pub const WORK_FOLDERS: [&str; 5] = ["scratch", "archive", "index", "tantivy-only", "peers"];

/// Removes what a run wrote in `work_dir`, and the folder itself if that
/// leaves it empty; anything else a user keeps there stays.
pub fn remove_work(work_dir: &Path) -> std::io::Result<()> {
    for name in WORK_FOLDERS {
        let path = work_dir.join(name);
        if path.exists() {
            std::fs::remove_dir_all(path)?;
        }
    }
    if std::fs::read_dir(work_dir)?.next().is_none() {
        std::fs::remove_dir(work_dir)?;
    }
    Ok(())
}

/// Share of the archive's files changed before the incremental re-index.
const CHANGED_SHARE: f64 = 0.01;
/// Runs of each `dateline` command whose start-to-exit latency is reported.
const CLI_ROUNDS: usize = 3;

/// Most rounds of the query mix sent to the server: a round of its 1- and
/// 16-client loads takes far longer than one in-process, and 5 time
/// thousands of requests.
const SERVER_ROUNDS: usize = 5;
/// Text-query classes that SQLite FTS5 runs too.
const TEXT_CLASSES: [Class; 3] = [Class::Word, Class::Phrase, Class::Boolean];

/// Runs the whole suite; `log` receives a line as each step starts.
pub fn run(config: &Config, log: &dyn Fn(&str)) -> Result<Report, BenchError> {
    let work = |name: &str| -> Result<PathBuf, BenchError> {
        debug_assert!(WORK_FOLDERS.contains(&name), "{name} is cleaned up");
        let path = config.work_dir.join(name);
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| BenchError::io(path.display(), e))?;
        }
        Ok(path)
    };
    let scratch = work("scratch")?;
    std::fs::create_dir_all(&scratch).map_err(|e| BenchError::io(scratch.display(), e))?;

    log("reading source text");
    let pool = pool::Pool::load(&config.sources)?;
    log(&format!(
        "generating {} articles from {} source articles ({:.1} MB)",
        config.articles,
        pool.articles.len(),
        pool.bytes as f64 / 1e6
    ));
    let (archive, generate_time) = timed(|| {
        let root = work("archive")?;
        archive::generate(
            &pool,
            config.articles,
            config.seed,
            config.copy_share,
            &root,
        )
    });
    let archive = archive?;

    let index_dir = work("index")?;
    log(&format!(
        "dateline index (cold): {} files, {:.1} MB",
        archive.files.len(),
        archive.bytes as f64 / 1e6
    ));
    let cold = dateline_cli::index(&config.dateline, &index_dir, &archive.root, &scratch)?;
    if cold.summary.total_articles != config.articles as u64 {
        return Err(BenchError::Child {
            command: "dateline index".to_string(),
            message: format!(
                "indexed {} articles of {} ({} files failed)",
                cold.summary.total_articles,
                config.articles,
                cold.summary.failed.len()
            ),
        });
    }
    let index_bytes = dir_bytes(&index_dir);
    let copies = if config.copy_share > 0.0 {
        log("copies found against copies planted");
        Some(copies::measure(&index_dir, &archive)?)
    } else {
        None
    };
    log("dateline index (unchanged)");
    let unchanged = dateline_cli::index(&config.dateline, &index_dir, &archive.root, &scratch)?;
    let changed_files = archive::touch_share(&archive, CHANGED_SHARE, config.seed)?;
    log(&format!("dateline index ({changed_files} files changed)"));
    let changed = dateline_cli::index(&config.dateline, &index_dir, &archive.root, &scratch)?;

    log("query mix");
    let searcher = ArchiveSearcher::open(&index_dir)?.for_many_searches();
    let mix = queries::mix(&pool, &searcher, config.seed)?;
    let latencies = queries::measure(&searcher, &mix, config.rounds)?;
    let cli = CliLatency {
        entities_top20_ms: ms(dateline_cli::latency(
            &config.dateline,
            &index_dir,
            &["entities", "--top", "20", "--json"],
            CLI_ROUNDS,
            &scratch,
        )?),
        timeline_month_ms: ms(dateline_cli::latency(
            &config.dateline,
            &index_dir,
            &["timeline", "--by", "month", "--json"],
            CLI_ROUNDS,
            &scratch,
        )?),
    };

    log(&format!(
        "dateline serve: 1 and {} clients, then requests during an index run",
        server::CLIENTS
    ));
    let served = server::measure(
        &config.dateline,
        &index_dir,
        &mix,
        config.rounds.min(SERVER_ROUNDS),
        || {
            archive::touch_share(&archive, CHANGED_SHARE, config.seed + 1)?;
            dateline_cli::index(&config.dateline, &index_dir, &archive.root, &scratch).map(drop)
        },
    )?;

    log("tantivy alone (the same archive indexed with nothing extracted)");
    let loaded = LoadedArchive::read(&archive.root)?;
    let tantivy_dir = work("tantivy-only")?;
    let tantivy_time = components::tantivy_only(&archive.root, &tantivy_dir)?;
    std::fs::remove_dir_all(&tantivy_dir).map_err(|e| BenchError::io(tantivy_dir.display(), e))?;
    log("extraction alone (one thread)");
    let extraction = components::extraction_alone(&loaded, config.extract_budget);

    let ours = Ours {
        latencies: &latencies,
        cold: &cold.run,
        index_dir: &index_dir,
    };
    let peers = run_peers(
        config,
        &loaded,
        &archive.root,
        &mix,
        &ours,
        &work("peers")?,
        log,
    )?;

    let cold_s = cold.run.wall.as_secs_f64();
    let archive_mb = archive.bytes as f64 / 1e6;
    Ok(Report {
        articles: config.articles,
        archive_bytes: archive.bytes,
        archive_files: archive.files.len(),
        seed: config.seed,
        machine: Machine::this(),
        generate_s: generate_time.as_secs_f64(),
        index: IndexFigures {
            seconds: cold_s,
            mb_per_s: archive_mb / cold_s,
            articles_per_s: config.articles as f64 / cold_s,
            cpu_use: cold.run.cpu_use(),
            cpu_s: cold.run.cpu.as_secs_f64(),
            peak_rss_mb: cold.run.peak_rss_bytes as f64 / 1e6,
            peak_anon_mb: cold.run.peak_anon_bytes as f64 / 1e6,
            index_bytes,
            index_to_archive: index_bytes as f64 / archive.bytes as f64,
        },
        reindex_unchanged_s: unchanged.run.wall.as_secs_f64(),
        reindex_1pct_s: changed.run.wall.as_secs_f64(),
        reindex_1pct_files: changed_files,
        reindex_1pct_articles: changed.summary.updated,
        extract_mb_per_s_per_core: extraction.mb_per_s(),
        extract_sampled_articles: extraction.articles,
        extract_quote_share: extraction.quote_share,
        extract_model_load_ms: extraction.model_load.as_secs_f64() * 1e3,
        tantivy_only_s: tantivy_time.wall.as_secs_f64(),
        tantivy_only_cpu_s: tantivy_time.cpu.as_secs_f64(),
        tantivy_only_mb_per_s: archive_mb / tantivy_time.wall.as_secs_f64(),
        query_count: mix.len(),
        queries: latencies
            .into_iter()
            .map(|(class, p)| (class.name().to_string(), p))
            .collect(),
        cli_ms: cli,
        server: served,
        peers,
        copies,
    })
}

/// What the peers are compared with: `dateline`'s query latencies, its cold
/// index run and its index.
struct Ours<'a> {
    latencies: &'a BTreeMap<Class, Percentiles>,
    cold: &'a measure::ChildRun,
    index_dir: &'a Path,
}

/// SQLite FTS5, ripgrep and Recoll on the same archive and text queries,
/// when installed.
fn run_peers(
    config: &Config,
    loaded: &LoadedArchive,
    archive_root: &Path,
    mix: &[queries::BenchQuery],
    ours: &Ours,
    dir: &Path,
    log: &dyn Fn(&str),
) -> Result<Peers, BenchError> {
    let our_index_time = ours.cold.wall;
    let words: Vec<&str> = mix
        .iter()
        .filter(|q| q.class == Class::Word)
        .filter_map(|q| q.fts5.as_deref())
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| BenchError::io(dir.display(), e))?;
    let sqlite_fts5 = match config.peer(Peer::Sqlite, &["sqlite3"]).as_deref() {
        Err(why) => PeerResult::skipped(why),
        Ok([sqlite3]) => {
            log("SQLite FTS5: build and the same text queries");
            let (fts5, build) = peers::Fts5::build(sqlite3, loaded, dir)?;
            let text: Vec<&queries::BenchQuery> = mix.iter().filter(|q| q.fts5.is_some()).collect();
            let statements: Vec<&str> = text.iter().filter_map(|q| q.fts5.as_deref()).collect();
            let times = fts5.time_queries(&statements, config.rounds, dir)?;
            let mut by_class: BTreeMap<Class, Vec<Duration>> = BTreeMap::new();
            for (query, times) in text.iter().zip(times) {
                by_class.entry(query.class).or_default().extend(times);
            }
            let queries: BTreeMap<String, Percentiles> = by_class
                .iter()
                .filter_map(|(class, t)| Some((class.name().to_string(), Percentiles::of(t)?)))
                .collect();
            let p50_ratio = TEXT_CLASSES
                .iter()
                .filter_map(|class| {
                    let theirs = queries.get(class.name())?.p50_ms;
                    Some((
                        class.name().to_string(),
                        ours.latencies.get(class)?.p50_ms / theirs,
                    ))
                })
                .collect();
            PeerResult::Ran(SqliteFigures {
                build_s: build.as_secs_f64(),
                build_vs_dateline: build.as_secs_f64() / our_index_time.as_secs_f64(),
                db_bytes: dir_bytes(dir),
                queries,
                p50_ratio,
            })
        }
        Ok(_) => unreachable!("one path for the one program"),
    };
    let ripgrep = match config.peer(Peer::Ripgrep, &["rg"]).as_deref() {
        Err(why) => PeerResult::skipped(why),
        Ok([rg]) => {
            log("ripgrep: the single-word queries over the raw folder");
            let times = peers::ripgrep(rg, archive_root, &words, config.rounds.min(3))?;
            let p = Percentiles::of(&times).expect("the mix has single-word queries");
            let ours = ours
                .latencies
                .get(&Class::Word)
                .map_or(f64::NAN, |p| p.p50_ms);
            PeerResult::Ran(RipgrepFigures {
                word_p50_ms: p.p50_ms,
                word_p95_ms: p.p95_ms,
                dateline_speedup_p50: p.p50_ms / ours,
            })
        }
        Ok(_) => unreachable!("one path for the one program"),
    };
    let recoll = match config
        .peer(Peer::Recoll, &["recollindex", "recollq"])
        .as_deref()
    {
        Err(why) => PeerResult::skipped(why),
        Ok([recollindex, recollq]) => {
            log("Recoll: index the raw folder, then the single words as processes");
            let (recoll, build) = peers::Recoll::build(recollindex, recollq, archive_root, dir)?;
            let rounds = config.rounds.min(3);
            let theirs = recoll.time_words(&words, rounds)?;
            let dateline = config.dateline.as_path();
            let ours_times = peers::time_processes(&words, rounds, &[0], |word| {
                dateline_cli::command(dateline, ours.index_dir, &["search", word])
            })?;
            let word = |times: &[Duration]| {
                Percentiles::of(times).expect("the mix has single-word queries")
            };
            PeerResult::Ran(RecollFigures {
                build_s: build.wall.as_secs_f64(),
                build_vs_dateline: build.wall.as_secs_f64() / our_index_time.as_secs_f64(),
                peak_rss_mb: build.peak_rss_bytes as f64 / 1e6,
                index_bytes: recoll.bytes(),
                word_process: word(&theirs),
                dateline_word_process: word(&ours_times),
            })
        }
        Ok(_) => unreachable!("one path for each of the two programs"),
    };
    Ok(Peers {
        sqlite_fts5,
        ripgrep,
        recoll,
    })
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
