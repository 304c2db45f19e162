//! `dateline serve` under load, as browsers and scripts would use it: the
//! search page and the JSON API timed with one client and with sixteen at
//! once, and requests kept going while a `dateline index` run commits
//! underneath, none of which may fail.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::measure::Percentiles;
use super::queries::{Action, BenchQuery};
use super::BenchError;
use dateline::search::Filters;

/// Concurrent clients of the loaded measurement.
pub const CLIENTS: usize = 16;
/// Clients that keep requesting while an index run commits.
const CLIENTS_DURING_COMMIT: usize = 4;

/// The server's figures.
#[derive(Debug, Clone, Serialize)]
pub struct ServerFigures {
    /// `/api/search` with one client.
    pub api_1: Percentiles,
    /// The search page with one client.
    pub page_1: Percentiles,
    /// `/api/search` with [`CLIENTS`] clients at once.
    pub api_16: Percentiles,
    /// The search page with [`CLIENTS`] clients at once.
    pub page_16: Percentiles,
    /// Requests answered while an index run committed underneath.
    pub requests_during_commit: usize,
    /// Of those, the ones that failed (not 200, or no answer).
    pub failed_during_commit: usize,
}

/// A running `dateline serve`, stopped when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
}

impl Server {
    fn start(dateline: &Path, index: &Path) -> Result<Server, BenchError> {
        let command = || format!("{} serve", dateline.display());
        let mut child = Command::new(dateline)
            .arg("--index")
            .arg(index)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| BenchError::io(command(), e))?;
        let mut banner = String::new();
        let stderr = child.stderr.take().expect("stderr is piped");
        BufReader::new(stderr)
            .read_line(&mut banner)
            .map_err(|e| BenchError::io(command(), e))?;
        let address = banner
            .split_whitespace()
            .find_map(|word| word.strip_prefix("http://"))
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .ok_or_else(|| BenchError::Child {
                command: command(),
                message: format!("no address in {banner:?}"),
            })?;
        Ok(Server { child, address })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One GET over a new connection: the status, or `None` when there was no
/// proper answer.
fn get(address: SocketAddr, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).ok()?;
    let status_line = answer.split(|&b| b == b'\n').next()?;
    std::str::from_utf8(status_line)
        .ok()?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// The search requests of the mix, as API and page paths.
fn paths(mix: &[BenchQuery]) -> (Vec<String>, Vec<String>) {
    let queries: Vec<String> = mix
        .iter()
        .filter_map(|query| match &query.action {
            Action::Search(filters) => Some(query_string(filters)),
            Action::Entities(_) | Action::Timeline(_) => None,
        })
        .collect();
    let api = queries.iter().map(|q| format!("/api/search?{q}")).collect();
    let pages = queries.iter().map(|q| format!("/?{q}")).collect();
    (api, pages)
}

/// Filters as the CLI-named parameters the server reads.
fn query_string(filters: &Filters) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(text) = &filters.query {
        query.append_pair("q", text);
    }
    for person in &filters.people {
        query.append_pair("person", person);
    }
    for org in &filters.organizations {
        query.append_pair("org", org);
    }
    if let Some(from) = filters.from {
        query.append_pair("from", &from.to_string());
    }
    if let Some(to) = filters.to {
        query.append_pair("to", &to.to_string());
    }
    query.finish()
}

/// Times every path `rounds` times, the paths of each round shared out
/// among `clients` threads running at once; a failed request is an error,
/// since nothing else happens meanwhile.
fn load(
    address: SocketAddr,
    paths: &[String],
    clients: usize,
    rounds: usize,
) -> Result<Percentiles, BenchError> {
    let timings = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|client| {
                scope.spawn(move || {
                    let mut timings = Vec::new();
                    for _ in 0..rounds {
                        // The clients share out each round of the mix.
                        for path in paths.iter().skip(client).step_by(clients) {
                            let started = Instant::now();
                            if get(address, path) != Some(200) {
                                return Err(path.clone());
                            }
                            timings.push(started.elapsed());
                        }
                    }
                    Ok(timings)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("client thread"))
            .collect::<Result<Vec<_>, String>>()
    });
    let timings: Vec<Duration> = timings
        .map_err(|path| BenchError::Child {
            command: "dateline serve".into(),
            message: format!("GET {path} failed"),
        })?
        .concat();
    Ok(Percentiles::of(&timings).expect("the mix has searches"))
}

/// Measures the server over the index in `index`; `commit` runs an index
/// update of it while clients keep requesting.
pub fn measure(
    dateline: &Path,
    index: &Path,
    mix: &[BenchQuery],
    rounds: usize,
    commit: impl FnOnce() -> Result<(), BenchError>,
) -> Result<ServerFigures, BenchError> {
    let server = Server::start(dateline, index)?;
    let (api, pages) = paths(mix);
    load(server.address, &api, 1, 1)?;
    let api_1 = load(server.address, &api, 1, rounds)?;
    let page_1 = load(server.address, &pages, 1, rounds)?;
    let api_16 = load(server.address, &api, CLIENTS, rounds)?;
    let page_16 = load(server.address, &pages, CLIENTS, rounds)?;

    let (done, requests, failed) = (
        AtomicBool::new(false),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    );
    let committed = std::thread::scope(|scope| {
        for client in 0..CLIENTS_DURING_COMMIT {
            let (done, requests, failed, api) = (&done, &requests, &failed, &api);
            scope.spawn(move || {
                let mut n = client;
                while !done.load(Ordering::Relaxed) {
                    if get(server.address, &api[n % api.len()]) != Some(200) {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    requests.fetch_add(1, Ordering::Relaxed);
                    n += 1;
                }
            });
        }
        let committed = commit();
        done.store(true, Ordering::Relaxed);
        committed
    });
    committed?;
    Ok(ServerFigures {
        api_1,
        page_1,
        api_16,
        page_16,
        requests_during_commit: requests.into_inner(),
        failed_during_commit: failed.into_inner(),
    })
}
