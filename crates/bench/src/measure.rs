//! Timing: child processes with their CPU time and peak memory, and
//! latency percentiles.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::BenchError;

/// How a child process ran.
#[derive(Debug, Clone)]
pub struct ChildRun {
    /// Wall-clock time from spawn to exit.
    pub wall: Duration,
    /// User plus system CPU time of the child.
    pub cpu: Duration,
    /// Peak resident set size of the child, in bytes. It counts the pages
    /// of memory-mapped files read (an index being merged), which the
    /// kernel can drop at any time.
    pub peak_rss_bytes: u64,
    /// Peak anonymous memory of the child (heap and stacks, what it cannot
    /// give back), in bytes, sampled every [`MEMORY_SAMPLE_EVERY`].
    pub peak_anon_bytes: u64,
    /// What it wrote on stdout.
    pub stdout: Vec<u8>,
}

impl ChildRun {
    /// Average number of cores busy: CPU time over wall time.
    pub fn cpu_use(&self) -> f64 {
        self.cpu.as_secs_f64() / self.wall.as_secs_f64().max(1e-9)
    }
}

/// How often a child's anonymous memory is read while it runs.
pub const MEMORY_SAMPLE_EVERY: Duration = Duration::from_millis(10);

/// Runs `command` to completion and measures it. Its stdout and stderr go to
/// files in `scratch` (not pipes, which a chatty child could fill while we
/// wait), and it is reaped with `wait4` so its own rusage — CPU time and
/// peak RSS — is read, not the sum over every child of this process.
pub fn run_child(command: &mut Command, scratch: &Path) -> Result<ChildRun, BenchError> {
    let out_path = scratch.join("child.stdout");
    let err_path = scratch.join("child.stderr");
    let describe = format!("{command:?}");
    let io = |source| BenchError::io(&describe, source);
    let stdout = std::fs::File::create(&out_path).map_err(io)?;
    let stderr = std::fs::File::create(&err_path).map_err(io)?;
    let started = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(io)?;
    let sampler = AnonSampler::start(child.id());
    let waited = wait4(child.id());
    let peak_anon_bytes = sampler.stop();
    let (status, usage) =
        waited.map_err(|source| BenchError::io(format!("waiting for {describe}"), source))?;
    let wall = started.elapsed();
    let stdout = std::fs::read(&out_path).map_err(io)?;
    if !status_ok(status) {
        let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
        return Err(BenchError::Child {
            command: describe,
            message: stderr.trim().to_string(),
        });
    }
    Ok(ChildRun {
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        // Linux reports ru_maxrss in kilobytes.
        peak_rss_bytes: usage.ru_maxrss as u64 * 1024,
        peak_anon_bytes,
        stdout,
    })
}

/// Reads a running process's anonymous memory (`RssAnon` of
/// `/proc/PID/status`) every [`MEMORY_SAMPLE_EVERY`] on a thread of its
/// own and keeps the largest value, until stopped. The kernel keeps a peak
/// of the whole resident set only, file pages included.
struct AnonSampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    thread: std::thread::JoinHandle<()>,
}

impl AnonSampler {
    fn start(pid: u32) -> AnonSampler {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicU64::new(0));
        let thread = {
            let (stop, peak) = (Arc::clone(&stop), Arc::clone(&peak));
            let status = format!("/proc/{pid}/status");
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(bytes) = anon_bytes(&status) {
                        peak.fetch_max(bytes, Ordering::Relaxed);
                    }
                    std::thread::sleep(MEMORY_SAMPLE_EVERY);
                }
            })
        };
        AnonSampler { stop, peak, thread }
    }

    /// Stops sampling; the peak seen.
    fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        self.peak.load(Ordering::Relaxed)
    }
}

/// The `RssAnon` line of a `/proc/PID/status` file, in bytes; `None` once
/// the process is gone (or on a system without it).
fn anon_bytes(status: &str) -> Option<u64> {
    let text = std::fs::read_to_string(status).ok()?;
    let line = text.lines().find(|line| line.starts_with("RssAnon:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

fn wait4(pid: u32) -> std::io::Result<(libc::c_int, libc::rusage)> {
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data, for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals of the right types.
        let reaped = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if reaped >= 0 {
            return Ok((status, usage));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

fn status_ok(status: libc::c_int) -> bool {
    libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
}

/// User plus system CPU time this process has used so far, all threads.
pub fn process_cpu() -> Duration {
    // SAFETY: rusage is plain data, for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pointer is to a live local of the right type.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    timeval(usage.ru_utime) + timeval(usage.ru_stime)
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Runs `f` and returns its result with the time it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

/// Latency percentiles of a set of timings, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    /// Number of timings.
    pub samples: usize,
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
}

impl Percentiles {
    /// Nearest-rank percentiles; `None` for no timings.
    pub fn of(timings: &[Duration]) -> Option<Percentiles> {
        if timings.is_empty() {
            return None;
        }
        let mut ms: Vec<f64> = timings.iter().map(|t| t.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let rank = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
        Some(Percentiles {
            samples: ms.len(),
            p50_ms: rank(0.50),
            p95_ms: rank(0.95),
            p99_ms: rank(0.99),
        })
    }
}

/// Total size in bytes of the files under `dir`.
pub fn dir_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .filter(|meta| meta.is_file())
        .map(|meta| meta.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let timings: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = Percentiles::of(&timings).unwrap();
        assert_eq!((p.p50_ms, p.p95_ms, p.p99_ms), (50.0, 95.0, 99.0));
        assert_eq!(Percentiles::of(&[]), None);
    }

    #[test]
    fn child_time_and_memory_are_measured() {
        let scratch = tempfile::tempdir().unwrap();
        let run = run_child(Command::new("true").arg("x"), scratch.path()).unwrap();
        assert!(run.peak_rss_bytes > 0);
        // dd reads through a buffer of 64 MB, long enough to be sampled.
        let dd = ["if=/dev/zero", "of=/dev/null", "bs=64M", "count=40"];
        let run = run_child(Command::new("dd").args(dd), scratch.path()).unwrap();
        assert!(run.peak_anon_bytes >= 64 << 20, "{}", run.peak_anon_bytes);
        assert!(run.peak_anon_bytes <= run.peak_rss_bytes);
        assert!(run_child(&mut Command::new("false"), scratch.path()).is_err());
    }
}
