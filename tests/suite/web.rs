//! `dateline serve` over HTTP: the real server on an ephemeral port of
//! 127.0.0.1, over an index of the sample corpus (and one hostile article).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{index_json, run_json, sample_corpus, shared_sample_index};

/// A running `dateline serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(index: &Path) -> Server {
        Server::start_with(index, Command::new(env!("CARGO_BIN_EXE_dateline")), &[])
    }

    /// Starts `dateline serve` with `command`'s environment and `options`.
    fn start_with(index: &Path, mut command: Command, options: &[&str]) -> Server {
        let mut child = command
            .arg("--index")
            .arg(index)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(options)
            .stderr(Stdio::piped())
            .spawn()
            .expect("dateline serve starts");
        let mut banner = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut banner)
            .unwrap();
        let base = banner
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {banner:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, base }
    }

    /// Status and body of a GET.
    fn get(&self, path: &str) -> (u16, String) {
        match ureq::get(&format!("{}{path}", self.base)).call() {
            Ok(response) => (response.status(), response.into_string().unwrap()),
            Err(ureq::Error::Status(status, response)) => (status, response.into_string().unwrap()),
            Err(other) => panic!("{path}: {other}"),
        }
    }

    fn json(&self, path: &str) -> serde_json::Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const HOSTILE: &str =
    "Title: <script>alert('title')</script> Harbor \"><img src=x onerror=alert(1)>\n\
Date: 2024-05-05\n\
Source: <b>Evil Wire</b>\n\
URL: javascript:alert('url')\n\n\
The harbor <script>alert('body')</script> board met <img src=x onerror=alert(2)> on Monday.\n";

/// The sample corpus and the hostile article, indexed and served; the
/// folder lives as long as the returned guard.
pub fn serve_archive_with_hostile_article() -> (tempfile::TempDir, std::path::PathBuf, Server) {
    let work = tempfile::TempDir::new().unwrap();
    let archive = archive_with_hostile_article(work.path());
    let index = work.path().join("index");
    index_json(&index, &archive);
    let server = Server::start(&index);
    (work, index, server)
}

fn archive_with_hostile_article(work: &Path) -> std::path::PathBuf {
    let archive = work.join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    for entry in walkdir_files(&sample_corpus()) {
        let target = archive.join(entry.strip_prefix(sample_corpus()).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
    std::fs::write(archive.join("hostile.txt"), HOSTILE).unwrap();
    archive
}

fn walkdir_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn every_route_answers_and_the_api_equals_the_cli() {
    let (_work, index, server) = serve_archive_with_hostile_article();

    for (api, cli) in [
        (
            "/api/search?q=water&person=vasquez&limit=5",
            &[
                "search", "--json", "water", "--person", "vasquez", "--limit", "5",
            ][..],
        ),
        (
            "/api/search?org=Coastal+Rights+Alliance&from=2024&sort=oldest",
            &[
                "search",
                "--json",
                "--org",
                "Coastal Rights Alliance",
                "--from",
                "2024",
                "--sort",
                "oldest",
            ],
        ),
        // The defaults alike too: a page of hits is as long on both.
        (
            "/api/search?sort=newest",
            &["search", "--json", "--sort", "newest"],
        ),
        (
            "/api/quotes?q=water&limit=3&offset=1",
            &["quotes", "--json", "water", "--limit", "3", "--offset", "1"],
        ),
        (
            "/api/entities?kind=person&top=5",
            &["entities", "--json", "--kind", "person", "--top", "5"],
        ),
        (
            "/api/timeline?by=year&place=Port+Linden",
            &[
                "timeline",
                "--json",
                "--by",
                "year",
                "--place",
                "Port Linden",
            ],
        ),
    ] {
        assert_eq!(server.json(api), run_json(&index, cli), "{api}");
    }
    let first = server.json("/api/search?q=harbor&limit=1");
    let id = first["hits"][0]["id"].as_str().unwrap();
    assert_eq!(
        server.json(&format!("/api/articles/{id}")),
        run_json(&index, &["show", "--json", id])
    );

    let (status, page) = server.get("/?q=water&person=vasquez");
    assert_eq!(status, 200);
    let total = run_json(
        &index,
        &["search", "--json", "water", "--person", "vasquez"],
    )["total"]
        .clone();
    assert!(
        page.contains(&format!("{total} matching articles")),
        "{page}"
    );
    assert!(
        page.contains("person: vasquez"),
        "the filter shows as a chip"
    );
    assert!(page.contains("<svg"), "a timeline");
    assert!(
        page.contains("href=\"/?q=water&amp;person=vasquez&amp;org="),
        "org chips add a filter"
    );

    let (status, page) = server.get(&format!("/article/{id}"));
    assert_eq!(status, 200);
    assert!(
        page.contains("<mark class=\"person\">") || page.contains("<mark class=\"place\">"),
        "names marked"
    );

    let (status, page) = server.get("/person/Elena%20Vasquez");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Elena Vasquez</h1>"), "{page}");
    let quoted = run_json(&index, &["quotes", "--json", "--speaker", "Elena Vasquez"]);
    let first_quote = quoted["hits"][0]["text"].as_str().unwrap();
    assert!(
        page.contains(&first_quote.replace('"', "&quot;")),
        "her quotations"
    );
    let (status, page) = server.get("/org/Coastal%20Rights%20Alliance");
    assert_eq!(status, 200);
    assert!(page.contains("Most often with"));
    let (status, page) = server.get("/quotes?q=water&speaker=haddad");
    assert_eq!(status, 200);
    let total = run_json(
        &index,
        &["quotes", "--json", "water", "--speaker", "haddad"],
    )["total"]
        .clone();
    assert!(
        page.contains(&format!("{total} matching quotation")),
        "{page}"
    );

    for (path, status) in [
        ("/person/Nobody%20Atall", 404),
        ("/article/0000000000000000", 404),
        ("/no/such/page", 404),
        ("/api/articles/nope", 404),
        ("/?q=(((", 400),
        ("/api/search?q=(((", 400),
        ("/?from=yesterday", 400),
        ("/api/search?limit=100000", 400),
        ("/api/search?offset=99999999999", 400),
        ("/api/timeline?by=fortnight", 400),
    ] {
        let (got, body) = server.get(path);
        assert_eq!(got, status, "{path}: {body}");
        assert!(!body.contains("panicked"), "{path}");
    }
}

#[test]
fn hostile_text_is_escaped_and_no_inline_script_may_run() {
    let (_work, _index, server) = serve_archive_with_hostile_article();
    let hit = server.json("/api/search?q=onerror");
    let id = hit["hits"][0]["id"].as_str().unwrap().to_string();
    for path in [
        "/?q=onerror".to_string(),
        format!("/article/{id}"),
        "/?q=%3Cscript%3Ealert(9)%3C/script%3E".into(),
    ] {
        let (status, page) = server.get(&path);
        // A query the parser refuses gets a 400 page quoting it, escaped too.
        assert!(status == 200 || status == 400, "{path}: {status}");
        assert!(
            !page.contains("<script"),
            "{path}: raw script tag in {page}"
        );
        assert!(!page.contains("<img src=x"), "{path}");
        assert!(!page.contains("href=\"javascript:"), "{path}");
    }
    let response = ureq::get(&format!("{}/", server.base)).call().unwrap();
    let policy = response.header("content-security-policy").unwrap();
    assert!(policy.contains("default-src 'none'") && !policy.contains("unsafe-inline"));
}

#[test]
fn an_article_whose_file_is_gone_says_so_on_the_page_and_in_the_api() {
    let work = tempfile::TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::write(
        archive.join("ice.txt"),
        "date 2024-01-01 Harbor ice\n\nThe harbor froze overnight.\n",
    )
    .unwrap();
    let index = work.path().join("index");
    index_json(&index, &archive);
    let server = Server::start(&index);
    let hit = &server.json("/api/search?q=harbor")["hits"][0];
    assert!(hit["snippet"].as_str().unwrap().contains("froze"), "{hit}");
    let id = hit["id"].as_str().unwrap().to_string();

    std::fs::remove_file(archive.join("ice.txt")).unwrap();
    let hit = &server.json("/api/search?q=harbor")["hits"][0];
    assert_eq!(hit["snippet"], "");
    assert!(hit["text_error"]
        .as_str()
        .unwrap()
        .contains("ice.txt is gone"));
    let (status, page) = server.get("/?q=harbor");
    assert_eq!(status, 200);
    assert!(page.contains("ice.txt is gone"), "{page}");
    let (status, article) = server.get(&format!("/article/{id}"));
    assert_eq!(status, 200);
    assert!(article.contains("Harbor ice") && article.contains("ice.txt is gone"));
}

#[test]
fn a_commit_made_while_serving_shows_on_the_next_request() {
    let work = tempfile::TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::write(
        archive.join("one.txt"),
        "date 2024-01-01 Harbor\n\nThe harbor froze.\n",
    )
    .unwrap();
    let index = work.path().join("index");
    index_json(&index, &archive);
    let server = Server::start(&index);
    assert_eq!(server.json("/api/search?q=harbor")["total"], 1);
    std::fs::write(
        archive.join("two.txt"),
        "date 2024-01-02 Harbor again\n\nThe harbor thawed.\n",
    )
    .unwrap();
    index_json(&index, &archive);
    assert_eq!(server.json("/api/search?q=harbor")["total"], 2);
}

#[test]
fn open_shows_the_search_page_in_the_default_browser() {
    // A stand-in for the desktop's `xdg-open` that notes what it was asked to open.
    let work = tempfile::tempdir().unwrap();
    let opened = work.path().join("opened");
    let opener = work.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_dateline"));
    command.env("PATH", work.path());
    let server = Server::start_with(shared_sample_index(), command, &["--open"]);
    let started = std::time::Instant::now();
    while !opened.exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "no browser was opened"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    let url = std::fs::read_to_string(&opened).unwrap();
    assert_eq!(url.trim(), format!("{}/", server.base));
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn the_api_and_the_search_page_show_one_story_with_its_copies() {
    let (_work, index, _) = crate::copies_cli::one_story_index();
    let server = Server::start(&index);
    let collapsed = server.json("/api/search?q=ferry");
    assert_eq!(collapsed, run_json(&index, &["search", "--json", "ferry"]));
    assert_eq!(
        (
            collapsed["stories"].as_u64(),
            collapsed["hits"][0]["copies"].as_u64()
        ),
        (Some(1), Some(3))
    );
    let every_copy = server.json("/api/search?q=ferry&all_copies=1");
    assert_eq!(every_copy["hits"].as_array().unwrap().len(), 3);
    let timeline = server.json("/api/timeline?count=stories");
    assert_eq!(
        timeline,
        run_json(&index, &["timeline", "--json", "--count", "stories"])
    );
    assert_eq!(timeline["total_stories"], 6);
    let people = server.json("/api/entities?kind=person&count=stories");
    assert_eq!(people["total_stories"], 6);
    let (status, page) = server.get("/?q=ferry");
    assert_eq!(status, 200);
    assert!(page.contains("3 copies, also: "), "{page}");
    assert!(page.contains("1 story"), "{page}");
    let (status, body) = server.get("/api/timeline?count=copies");
    assert_eq!(
        (status, body.contains("count must be articles or stories")),
        (400, true)
    );
}
