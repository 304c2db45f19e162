//! What a user would pick instead: SQLite FTS5 over the same texts, ripgrep
//! over the raw folder, and Recoll, the desktop search many reporters use
//! for their document archives. All are optional; a missing tool is a note
//! in the report, not a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::components::LoadedArchive;
use super::measure::{run_child, timed, ChildRun};
use super::BenchError;

/// Hits per page and words per snippet, to match `dateline search`.
const FTS5_QUERY: &str = "SELECT rowid, title, snippet(articles, 1, '[', ']', '…', 24) \
     FROM articles WHERE articles MATCH '{}' ORDER BY rank LIMIT 10;";

/// `name` if it is an executable on the PATH.
pub fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// An FTS5 table over the archive's texts.
pub struct Fts5 {
    sqlite3: PathBuf,
    db: PathBuf,
}

impl Fts5 {
    /// Builds the table in `dir` from the headlines and bodies `dateline`
    /// reads (written out as CSV first, untimed: SQLite gets the text
    /// already parsed) and returns it with the time the import took.
    pub fn build(
        sqlite3: &Path,
        archive: &LoadedArchive,
        dir: &Path,
    ) -> Result<(Fts5, Duration), BenchError> {
        let csv_path = dir.join("articles.csv");
        let mut csv = csv::Writer::from_path(&csv_path)
            .map_err(|e| BenchError::io(csv_path.display(), e.into()))?;
        for article in archive.articles() {
            csv.write_record([&article.title, &article.body])
                .map_err(|e| BenchError::io(csv_path.display(), e.into()))?;
        }
        csv.flush()
            .map_err(|e| BenchError::io(csv_path.display(), e))?;
        let db = dir.join("fts5.sqlite");
        let script = dir.join("build.sql");
        let sql = format!(
            "CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61');\n\
             .mode csv\n.import '{}' articles\n",
            csv_path.display()
        );
        std::fs::write(&script, sql).map_err(|e| BenchError::io(script.display(), e))?;
        let run = run_child(
            Command::new(sqlite3)
                .arg(&db)
                .arg(format!(".read '{}'", script.display())),
            dir,
        )?;
        std::fs::remove_file(&csv_path).map_err(|e| BenchError::io(csv_path.display(), e))?;
        let fts5 = Fts5 {
            sqlite3: sqlite3.to_path_buf(),
            db,
        };
        Ok((fts5, run.wall))
    }

    /// Runs each query once to warm up and then `rounds` times in one
    /// `sqlite3` session, and returns each run's time per query. Times are
    /// the CPU time (user + system) the CLI's `.timer` reports, to the
    /// microsecond: its wall clock only has millisecond resolution, and a
    /// query on a cached database is CPU-bound, so CPU time is the wall
    /// time less nothing but scheduling noise.
    pub fn time_queries(
        &self,
        queries: &[&str],
        rounds: usize,
        scratch: &Path,
    ) -> Result<Vec<Vec<Duration>>, BenchError> {
        let mut sql = String::from(".output /dev/null\n.timer on\n");
        for _ in 0..=rounds {
            for query in queries {
                sql.push_str(&FTS5_QUERY.replace("{}", &query.replace('\'', "''")));
                sql.push('\n');
            }
        }
        let script = scratch.join("queries.sql");
        std::fs::write(&script, sql).map_err(|e| BenchError::io(script.display(), e))?;
        let run = run_child(
            Command::new(&self.sqlite3)
                .arg("-readonly")
                .arg(&self.db)
                .arg(format!(".read '{}'", script.display())),
            scratch,
        )?;
        let times: Vec<Duration> = String::from_utf8_lossy(&run.stdout)
            .lines()
            .filter_map(parse_timer)
            .collect();
        if times.len() != queries.len() * (rounds + 1) {
            return Err(BenchError::Child {
                command: format!("{} {}", self.sqlite3.display(), self.db.display()),
                message: format!(
                    "expected {} timings, got {}",
                    queries.len() * (rounds + 1),
                    times.len()
                ),
            });
        }
        let mut per_query = vec![Vec::with_capacity(rounds); queries.len()];
        for (i, time) in times.into_iter().enumerate().skip(queries.len()) {
            per_query[i % queries.len()].push(time);
        }
        Ok(per_query)
    }
}

/// `Run Time: real 0.002 user 0.001234 sys 0.000010` → the CPU time, 1.244 ms.
fn parse_timer(line: &str) -> Option<Duration> {
    let rest = line.strip_prefix("Run Time: ")?;
    let mut fields = rest.split_whitespace();
    let mut value = |name: &str| -> Option<f64> {
        (fields.next()? == name).then_some(())?;
        fields.next()?.parse().ok()
    };
    let (_real, user, sys) = (value("real")?, value("user")?, value("sys")?);
    Some(Duration::from_secs_f64(user + sys))
}

/// Times `rg -l -i WORD ROOT` (file names of matches, as a user would list
/// them): one warm-up and `rounds` runs per word.
pub fn ripgrep(
    rg: &Path,
    root: &Path,
    words: &[&str],
    rounds: usize,
) -> Result<Vec<Duration>, BenchError> {
    // rg exits with 1 when nothing matches, which is an answer too.
    time_processes(words, rounds, &[0, 1], |word| {
        let mut command = Command::new(rg);
        command.args(["-l", "-i", word]).arg(root);
        command
    })
}

/// Times the process `command(word)` makes for each word, start to exit:
/// one warm-up and `rounds` runs per word, output discarded. An exit code
/// outside `answers` is a failure.
pub fn time_processes(
    words: &[&str],
    rounds: usize,
    answers: &[i32],
    command: impl Fn(&str) -> Command,
) -> Result<Vec<Duration>, BenchError> {
    let mut times = Vec::with_capacity(words.len() * rounds);
    for word in words {
        for round in 0..=rounds {
            let mut child = command(word);
            let (status, time) = timed(|| {
                child
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
            });
            let status = status.map_err(|e| BenchError::io(format!("{child:?}"), e))?;
            if !status.code().is_some_and(|code| answers.contains(&code)) {
                return Err(BenchError::Child {
                    command: format!("{child:?}"),
                    message: format!("exited with {status}"),
                });
            }
            if round > 0 {
                times.push(time);
            }
        }
    }
    Ok(times)
}

/// Recoll's index of the raw archive folder, in a configuration folder of
/// its own.
pub struct Recoll {
    recollq: PathBuf,
    config: PathBuf,
}

impl Recoll {
    /// Indexes `root` with `recollindex` into `dir/recoll` (Recoll reads the
    /// files itself, as a user's desktop search would) and returns the
    /// index with how the indexing process ran.
    pub fn build(
        recollindex: &Path,
        recollq: &Path,
        root: &Path,
        dir: &Path,
    ) -> Result<(Recoll, ChildRun), BenchError> {
        let config = dir.join("recoll");
        std::fs::create_dir_all(&config).map_err(|e| BenchError::io(config.display(), e))?;
        let conf = config.join("recoll.conf");
        // No spelling dictionary: it needs aspell and is not part of search.
        let settings = format!("topdirs = \"{}\"\nnoaspell = 1\n", root.display());
        std::fs::write(&conf, settings).map_err(|e| BenchError::io(conf.display(), e))?;
        let run = run_child(Command::new(recollindex).arg("-c").arg(&config), dir)?;
        let recoll = Recoll {
            recollq: recollq.to_path_buf(),
            config,
        };
        Ok((recoll, run))
    }

    /// The size of Recoll's index and configuration folder.
    pub fn bytes(&self) -> u64 {
        super::measure::dir_bytes(&self.config)
    }

    /// Times `recollq -n 10 WORD` as a process, as the command-line search
    /// prints a page of results: one warm-up and `rounds` runs per word.
    pub fn time_words(&self, words: &[&str], rounds: usize) -> Result<Vec<Duration>, BenchError> {
        time_processes(words, rounds, &[0], |word| {
            let mut command = Command::new(&self.recollq);
            command.arg("-c").arg(&self.config).args(["-n", "10", word]);
            command
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_lines_parse_to_cpu_time() {
        let line = "Run Time: real 0.000 user 0.000252 sys 0.000010";
        assert_eq!(parse_timer(line), Some(Duration::from_micros(262)));
        assert_eq!(parse_timer("hello"), None);
    }
}
