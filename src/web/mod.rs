//! `dateline serve`: the archive in a browser, and a JSON API that answers
//! with the same documents as the CLI's `--json`.
//!
//! A thin front end over the library, like the CLI: every route turns its
//! parameters into a library request, runs it on a blocking thread (search is
//! CPU work), and renders the result. Each request first moves to the
//! index's last commit, so a `dateline index` run in another process shows up
//! without a restart. Nothing is written; every text is escaped by maud, and
//! a Content-Security-Policy forbids inline script.

mod pages;
mod params;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::sync::Semaphore;

use dateline::extract::EntityKind;
use dateline::search::{ArchiveSearcher, QuoteRequest, SearchError, SearchRequest};
use dateline::search::{Counted, Period};
use params::{BadParameter, Params, MAX_LIMIT};

/// Searches run at once; more wait their turn, so that a burst of requests
/// cannot take every core from the machine.
const CONCURRENT_SEARCHES: usize = 4;
/// Names per kind in the facet sidebar.
const FACET_NAMES: usize = 10;
/// Latest articles on an entity page.
const ENTITY_ARTICLES: usize = 10;
/// Quotations on a person's page.
const ENTITY_QUOTES: usize = 10;
/// The stylesheet, compiled in: the binary needs no files at run time.
const STYLE: &str = include_str!("style.css");
/// What pages may load: only what this server sends, no inline script.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// What every request shares.
struct Shared {
    searcher: ArchiveSearcher,
    permits: Semaphore,
}

type AppState = Arc<Shared>;

/// The routes, over an open index (also used by the tests).
pub fn router(searcher: ArchiveSearcher) -> Router {
    let shared = Arc::new(Shared {
        searcher,
        permits: Semaphore::new(CONCURRENT_SEARCHES),
    });
    Router::new()
        .route("/", get(search_page))
        .route("/article/{id}", get(article_page))
        .route("/person/{name}", get(person_page))
        .route("/org/{name}", get(org_page))
        .route("/quotes", get(quotes_page))
        .route("/api/search", get(api_search))
        .route("/api/quotes", get(api_quotes))
        .route("/api/entities", get(api_entities))
        .route("/api/timeline", get(api_timeline))
        .route("/api/articles/{id}", get(api_article))
        .route("/static/style.css", get(stylesheet))
        .fallback(not_found)
        .with_state(shared)
        .layer(axum::middleware::map_response(secure_headers))
}

/// Serves the index in `index_dir` on `bind` until interrupted; with
/// `open_browser`, opens the search page in the default browser first.
pub fn serve(index_dir: PathBuf, bind: SocketAddr, open_browser: bool) -> anyhow::Result<()> {
    let searcher = ArchiveSearcher::open(&index_dir)?.for_many_searches();
    let runtime = tokio::runtime::Runtime::new().context("could not start the web server")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .with_context(|| format!("could not listen on {bind}; is another server using it? choose another with --bind"))?;
        let address = listener.local_addr()?;
        let reach = if address.ip().is_loopback() {
            "only from this machine; --bind 0.0.0.0:PORT shares it on the network"
        } else {
            "from the network"
        };
        let url = format!("http://{address}/");
        eprintln!(
            "Serving {} at {url} ({reach}). Ctrl-C stops.",
            index_dir.display()
        );
        if open_browser {
            if let Err(error) = open::that_detached(&url) {
                eprintln!("Could not open a browser ({error}); open {url} in one yourself.");
            }
        }
        axum::serve(listener, router(searcher))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the web server stopped")
    })
}

/// An answer that went wrong: a status and a message for the user.
struct Problem {
    status: StatusCode,
    message: String,
    json: bool,
}

impl Problem {
    fn bad(message: String, json: bool) -> Problem {
        Problem {
            status: StatusCode::BAD_REQUEST,
            message,
            json,
        }
    }

    fn from_search(error: SearchError, json: bool) -> Problem {
        let status = if error.is_usage() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        Problem {
            status,
            message: error.to_string(),
            json,
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        if self.json {
            let body = Json(serde_json::json!({ "error": self.message }));
            return (self.status, body).into_response();
        }
        let heading = match self.status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "That search cannot be run",
            _ => "Something went wrong",
        };
        (self.status, pages::problem(heading, &self.message)).into_response()
    }
}

/// Runs a search on a blocking thread once a permit is free, on the index's
/// last commit.
async fn run<T: Send + 'static>(
    shared: AppState,
    json: bool,
    work: impl FnOnce(&ArchiveSearcher) -> Result<T, SearchError> + Send + 'static,
) -> Result<T, Problem> {
    let _permit = shared.permits.acquire().await.map_err(|_| Problem {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: "the server is shutting down".into(),
        json,
    })?;
    let worker = Arc::clone(&shared);
    tokio::task::spawn_blocking(move || {
        worker.searcher.refresh()?;
        work(&worker.searcher)
    })
    .await
    .map_err(|_| Problem {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: "the search failed unexpectedly".into(),
        json,
    })?
    .map_err(|error| Problem::from_search(error, json))
}

/// The search request a page or the API asks for.
fn search_request(params: &Params, json: bool) -> Result<SearchRequest, Problem> {
    let bad = |BadParameter(message)| Problem::bad(message, json);
    Ok(SearchRequest {
        filters: params.filters().map_err(bad)?,
        sort: params.sort().map_err(bad)?,
        limit: params
            .number("limit", dateline::search::DEFAULT_LIMIT, MAX_LIMIT)
            .map_err(bad)?,
        offset: params
            .number("offset", 0, dateline::search::MAX_PAGE_END)
            .map_err(bad)?,
        all_copies: params.flag("all_copies").map_err(bad)?,
    })
}

/// The quotation request a page or the API asks for: the same parameters.
fn quote_request(params: &Params, json: bool) -> Result<QuoteRequest, Problem> {
    let search = search_request(params, json)?;
    Ok(QuoteRequest {
        filters: search.filters,
        limit: search.limit,
        offset: search.offset,
    })
}

async fn search_page(
    State(shared): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    let params = Params::parse(query.as_deref());
    let request = search_request(&params, false)?;
    let counted = params
        .counted()
        .map_err(|BadParameter(message)| Problem::bad(message, false))?;
    let (offset, limit) = (request.offset, request.limit);
    let (results, facets, timeline) = run(shared, false, move |searcher| {
        let kinds = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ];
        searcher.search_with_overview(&request, &kinds, FACET_NAMES, counted, pages::period_for)
    })
    .await?;
    let title = params.one("q").unwrap_or("Search").to_string();
    let body = pages::search(&params, &results, &facets, &timeline, offset, limit);
    Ok(pages::layout(&title, params.one("q").unwrap_or_default(), body).into_response())
}

async fn article_page(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let lookup = id.clone();
    match run(shared, false, move |searcher| searcher.article(&lookup)).await? {
        Some(article) => {
            Ok(pages::layout(&article.title, "", pages::article(&article)).into_response())
        }
        None => Err(Problem {
            status: StatusCode::NOT_FOUND,
            message: format!("There is no article with id '{id}' in this archive."),
            json: false,
        }),
    }
}

async fn person_page(
    state: State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, Problem> {
    entity_page(state, name, "person").await
}

async fn org_page(state: State<AppState>, Path(name): Path<String>) -> Result<Response, Problem> {
    entity_page(state, name, "org").await
}

/// A person's or organization's page (`key` is `person` or `org`).
async fn entity_page(
    State(shared): State<AppState>,
    name: String,
    key: &'static str,
) -> Result<Response, Problem> {
    let params = Params::parse(Some(&params::Params::default().adding(key, &name)));
    let filters = params
        .filters()
        .map_err(|BadParameter(m)| Problem::bad(m, false))?;
    let found = run(shared, false, move |searcher| {
        let latest = searcher.search(&SearchRequest {
            filters: filters.clone(),
            sort: dateline::search::Sort::Newest,
            limit: ENTITY_ARTICLES,
            offset: 0,
            all_copies: false,
        })?;
        let timeline = searcher.timeline(&filters, Period::Month, Counted::Articles)?;
        let kinds = [EntityKind::Person, EntityKind::Organization];
        let alongside = searcher.entities(&filters, &kinds, FACET_NAMES, Counted::Articles)?;
        let quotes = match key {
            "person" => searcher.quotes(&QuoteRequest {
                filters: dateline::search::Filters {
                    speakers: filters.people.clone(),
                    ..Default::default()
                },
                limit: ENTITY_QUOTES,
                offset: 0,
            })?,
            _ => dateline::search::QuoteResults::default(),
        };
        Ok((timeline, alongside, quotes, latest))
    })
    .await?;
    let (timeline, alongside, quotes, latest) = found;
    if latest.total == 0 && quotes.total == 0 {
        return Err(Problem {
            status: StatusCode::NOT_FOUND,
            message: format!("No article in this archive mentions '{name}'."),
            json: false,
        });
    }
    let body = pages::entity(&name, key, &timeline, &alongside, &quotes, &latest);
    Ok(pages::layout(&name, "", body).into_response())
}

async fn quotes_page(
    State(shared): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    let params = Params::parse(query.as_deref());
    let request = quote_request(&params, false)?;
    let quotes = run(shared, false, move |searcher| searcher.quotes(&request)).await?;
    Ok(pages::layout("Quotations", "", pages::quotes(&params, &quotes)).into_response())
}

async fn api_search(
    State(shared): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    let request = search_request(&Params::parse(query.as_deref()), true)?;
    let results = run(shared, true, move |searcher| searcher.search(&request)).await?;
    Ok(Json(results).into_response())
}

async fn api_quotes(
    State(shared): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    let request = quote_request(&Params::parse(query.as_deref()), true)?;
    let results = run(shared, true, move |searcher| searcher.quotes(&request)).await?;
    Ok(Json(results).into_response())
}

async fn api_entities(
    State(shared): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    let params = Params::parse(query.as_deref());
    let bad = |BadParameter(message)| Problem::bad(message, true);
    let filters = params.filters().map_err(bad)?;
    let counted = params.counted().map_err(bad)?;
    let top = params
        .number("top", 10, dateline::search::MAX_TOP_NAMES)
        .map_err(bad)?;
    let kinds = match params.one("kind") {
        None => vec![
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ],
        Some("person") => vec![EntityKind::Person],
        Some("org") => vec![EntityKind::Organization],
        Some("place") => vec![EntityKind::Place],
        Some(other) => {
            return Err(bad(BadParameter(format!(
                "kind must be person, org or place, not '{other}'"
            ))))
        }
    };
    let counts = run(shared, true, move |searcher| {
        searcher.entities(&filters, &kinds, top, counted)
    })
    .await?;
    Ok(Json(counts).into_response())
}

async fn api_timeline(
    State(shared): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    let params = Params::parse(query.as_deref());
    let bad = |BadParameter(message)| Problem::bad(message, true);
    let filters = params.filters().map_err(bad)?;
    let counted = params.counted().map_err(bad)?;
    let by = match params.one("by") {
        Some("day") => Period::Day,
        Some("week") => Period::Week,
        None | Some("month") => Period::Month,
        Some("year") => Period::Year,
        Some(other) => {
            return Err(bad(BadParameter(format!(
                "by must be day, week, month or year, not '{other}'"
            ))))
        }
    };
    let timeline = run(shared, true, move |searcher| {
        searcher.timeline(&filters, by, counted)
    })
    .await?;
    Ok(Json(timeline).into_response())
}

async fn api_article(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let lookup = id.clone();
    match run(shared, true, move |searcher| searcher.article(&lookup)).await? {
        Some(article) => Ok(Json(article).into_response()),
        None => Err(Problem {
            status: StatusCode::NOT_FOUND,
            message: format!("no article with id '{id}'"),
            json: true,
        }),
    }
}

async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

async fn not_found(uri: axum::http::Uri) -> Problem {
    Problem {
        status: StatusCode::NOT_FOUND,
        message: format!("There is no page at {}.", uri.path()),
        json: uri.path().starts_with("/api/"),
    }
}

/// Headers on every answer: no inline script, no framing, no sniffing.
async fn secure_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
