//! `dateline serve` in headless Chromium, driven over WebDriver
//! (chromedriver): what a reader does with the mouse and keyboard.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::web::serve_archive_with_hostile_article;

/// A chromedriver with one headless Chromium session, ended when dropped.
struct Browser {
    driver: Child,
    session: String,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session. The tests that
    /// call it are `ignored` where the build script found no Chromium,
    /// except under CI, where its absence fails them (`.ci/run` installs it).
    fn start() -> Browser {
        let (chromium, driver) = (which("chromium"), which("chromedriver"));
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut browser = Browser {
            driver,
            session: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while ureq::get(&format!("{}/status", browser.session))
            .call()
            .is_err()
        {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver is not answering"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"]
            }
        }}});
        let created = browser.post("/session", capabilities);
        browser.session = format!(
            "{}/session/{}",
            browser.session,
            created["sessionId"].as_str().unwrap()
        );
        browser
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.session);
        let response = match ureq::post(&url).send_json(body) {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(other) => panic!("{url}: {other}"),
        };
        response.into_json::<Value>().unwrap()["value"].clone()
    }

    fn get(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.session);
        let response = match ureq::get(&url).call() {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(other) => panic!("{url}: {other}"),
        };
        response.into_json::<Value>().unwrap()["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    fn url(&self) -> String {
        self.get("/url").as_str().unwrap().to_string()
    }

    /// Waits until the page's address contains `part`: a click that submits
    /// a form may return before the browser has navigated.
    fn wait_for_url(&self, part: &str) -> String {
        let started = Instant::now();
        loop {
            let url = self.url();
            if url.contains(part) {
                return url;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the page stayed at {url}, not one with {part}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The first element matching a CSS selector.
    fn find(&self, css: &str) -> String {
        let found = self.post("/element", json!({"using": "css selector", "value": css}));
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str);
        id.unwrap_or_else(|| panic!("no element {css} on {}: {found}", self.url()))
            .to_string()
    }

    fn count(&self, css: &str) -> usize {
        let found = self.post("/elements", json!({"using": "css selector", "value": css}));
        found.as_array().map_or(0, Vec::len)
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.post(&format!("/element/{element}/click"), json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.post(
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        );
    }

    fn text(&self, css: &str) -> String {
        let element = self.find(css);
        self.get(&format!("/element/{element}/text"))
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Whether a script opened an alert on the page.
    fn alert_open(&self) -> bool {
        self.get("/alert/text").is_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&self.session).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The path of a program on the PATH.
fn which(program: &str) -> String {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|path| path.is_file())
    });
    let path = found.unwrap_or_else(|| {
        panic!("{program} is needed by the browser tests (.ci/run installs it)")
    });
    path.to_string_lossy().into_owned()
}

#[test]
#[cfg_attr(
    browser_absent,
    ignore = "needs chromium and chromedriver (.ci/run installs them)"
)]
fn a_reader_searches_filters_narrows_dates_and_follows_names() {
    let (_work, _index, server) = serve_archive_with_hostile_article();
    let browser = Browser::start();

    // Type a query and submit it.
    browser.goto(&format!("{}/", server.base));
    browser.type_into("header input[name=q]", "water");
    browser.click("header button[type=submit]");
    browser.wait_for_url("q=water");
    let total = browser.text("p.total");
    assert!(total.ends_with("matching articles"), "{total}");

    // A person chip on a hit adds the filter.
    let person = browser.text("li.hit a.chip.person");
    browser.click("li.hit a.chip.person");
    browser.wait_for_url("person=");
    assert!(browser.text("a.chip.active").contains(&person));
    let filtered = browser.text("p.total");

    // A timeline bar narrows the dates to its period.
    browser.click("figure.timeline svg a rect");
    let url = browser.wait_for_url("to=");
    assert!(url.contains("from=") && url.contains("to="), "{url}");
    assert!(url.contains("person="), "the person filter stays: {url}");
    assert_ne!(
        browser.text("p.total"),
        "No matching articles.",
        "{url} ({filtered} before)"
    );

    // Open an article: its names are marked; follow one to its page.
    browser.click("li.hit a.title");
    browser.wait_for_url("/article/");
    assert!(browser.count("mark.person") + browser.count("mark.org") > 0);
    let name = browser.text("div.names a.chip.person");
    browser.click("div.names a.chip.person");
    browser.wait_for_url("/person/");
    assert_eq!(browser.text("main h1"), name);
}

#[test]
#[cfg_attr(
    browser_absent,
    ignore = "needs chromium and chromedriver (.ci/run installs them)"
)]
fn the_hostile_article_runs_no_script() {
    let (_work, _index, server) = serve_archive_with_hostile_article();
    let browser = Browser::start();
    browser.goto(&format!("{}/?q=onerror", server.base));
    assert!(!browser.alert_open());
    browser.click("li.hit a.title");
    browser.wait_for_url("/article/");
    assert!(!browser.alert_open());
    assert!(
        browser.text("main h1").contains("<script>"),
        "the title shows as text"
    );
}
