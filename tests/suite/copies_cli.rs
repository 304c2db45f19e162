//! Copies of one story (syndicated, re-published with small edits) through
//! the binary: one hit per story with its copies, `--all-copies`, paging by
//! stories, `--count stories`, and copies found again as files change; and
//! the library's searcher prepared for many searches (`dateline serve`)
//! ranking them as a single search does.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{hit_strings, index_json, run_json, run_text, search_json};

/// The ferry-strike story's three copies in `tests/data/one_story`.
const FERRY_COPIES: [&str; 3] = [
    "coastal-wire/2025-02-10-ferry-strike.txt",
    "harbor-herald/2025-02-10-ferry-strike.txt",
    "island-times/ferry-strike.md",
];

/// The articles of `tests/data/one_story` (its README left out, which
/// mentions the ferry strike too) copied into a new archive, and its index.
pub fn one_story_index() -> (TempDir, PathBuf, PathBuf) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/one_story");
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    for entry in walkdir(&data) {
        let relative = entry.strip_prefix(&data).unwrap();
        if relative == Path::new("README.md") {
            continue;
        }
        let to = archive.join(relative);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, to).unwrap();
    }
    let index = work.path().join("index");
    index_json(&index, &archive);
    (work, index, archive)
}

/// Every file under `dir`.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The sources of a hit and of its other copies, sorted.
fn copy_sources(hit: &Value) -> Vec<String> {
    let mut sources: Vec<String> = std::iter::once(hit)
        .chain(hit["other_copies"].as_array().unwrap())
        .map(|copy| copy["source"].as_str().unwrap().to_string())
        .collect();
    sources.sort();
    sources
}

#[test]
fn search_shows_one_story_with_its_three_copies_and_their_sources_and_dates() {
    let (_work, index, _) = one_story_index();
    let results = search_json(&index, &["ferry"]);
    assert_eq!(
        (results["total"].as_u64(), results["stories"].as_u64()),
        (Some(3), Some(1))
    );
    let hits = results["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{results:#}");
    assert_eq!(hits[0]["copies"], 3);
    assert_eq!(
        copy_sources(&hits[0]),
        ["Coastal Wire", "Harbor Herald", "Island Times"]
    );
    let mut dates: Vec<&str> = std::iter::once(&hits[0])
        .chain(hits[0]["other_copies"].as_array().unwrap())
        .map(|copy| copy["date"].as_str().unwrap())
        .collect();
    dates.sort();
    assert_eq!(dates, ["2025-02-10", "2025-02-10", "2025-02-11"]);

    let text = run_text(&index, &["search", "ferry"]);
    assert!(text.contains("3 copies, also: "), "{text}");
    assert!(
        text.contains("3 matching articles, 1 story (showing 1-1)."),
        "{text}"
    );
    assert_eq!(text.matches("3 copies").count(), 1, "{text}");
}

#[test]
fn all_copies_lists_every_copy_each_with_the_others() {
    let (_work, index, _) = one_story_index();
    let results = search_json(&index, &["ferry", "--all-copies"]);
    assert_eq!(
        (results["total"].as_u64(), results["stories"].as_u64()),
        (Some(3), Some(1))
    );
    let hits = results["hits"].as_array().unwrap();
    let mut paths = hit_strings(&results, "path");
    paths.sort();
    let expected: Vec<bool> = FERRY_COPIES.iter().map(|_| true).collect();
    let found: Vec<bool> = FERRY_COPIES
        .iter()
        .map(|copy| paths.iter().any(|path| path.ends_with(copy)))
        .collect();
    assert_eq!(found, expected, "{paths:?}");
    for hit in hits {
        assert_eq!(hit["copies"], 3);
        assert_eq!(hit["other_copies"].as_array().unwrap().len(), 2);
    }
    let text = run_text(&index, &["search", "ferry", "--all-copies"]);
    assert!(
        text.contains("3 matching articles, 1 story (showing 1-3)."),
        "{text}"
    );
}

#[test]
fn different_stories_on_the_same_topics_are_not_grouped_and_pages_count_stories() {
    let (_work, index, _) = one_story_index();
    let everything = search_json(&index, &["--limit", "20"]);
    assert_eq!(
        (everything["total"].as_u64(), everything["stories"].as_u64()),
        (Some(8), Some(6))
    );
    let hits = everything["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 6);
    let copies: Vec<u64> = hits.iter().map(|h| h["copies"].as_u64().unwrap()).collect();
    assert_eq!(copies.iter().filter(|&&n| n == 3).count(), 1, "{copies:?}");
    assert_eq!(copies.iter().filter(|&&n| n == 1).count(), 5, "{copies:?}");

    // One story a page: six pages, each another story, then none.
    let mut seen = Vec::new();
    for offset in 0..7 {
        let offset = offset.to_string();
        let page = search_json(&index, &["--limit", "1", "--offset", &offset]);
        assert_eq!(page["stories"], 6);
        seen.extend(hit_strings(&page, "id"));
    }
    assert_eq!(seen, hit_strings(&everything, "id"));
}

#[test]
fn entities_and_timeline_count_stories_when_asked() {
    let (_work, index, _) = one_story_index();
    let people = run_json(
        &index,
        &[
            "entities", "--json", "--kind", "person", "--count", "stories",
        ],
    );
    assert_eq!(
        (
            people["total_articles"].as_u64(),
            people["total_stories"].as_u64()
        ),
        (Some(8), Some(6))
    );
    let olsen = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|name| name["name"] == "Greta Olsen")
        .unwrap_or_else(|| panic!("{people:#}"));
    assert_eq!(
        (olsen["articles"].as_u64(), olsen["stories"].as_u64()),
        (Some(3), Some(1))
    );
    let by_articles = run_json(&index, &["entities", "--json", "--kind", "person"]);
    assert!(
        by_articles.get("total_stories").is_none(),
        "{by_articles:#}"
    );

    let timeline = run_json(
        &index,
        &["timeline", "--json", "--by", "month", "--count", "stories"],
    );
    assert_eq!(timeline["total_stories"], 6);
    let february = &timeline["buckets"][0];
    assert_eq!(february["start"], "2025-02-01");
    assert_eq!(
        (february["articles"].as_u64(), february["stories"].as_u64()),
        (Some(3), Some(1))
    );
    let text = run_text(&index, &["timeline", "--by", "month", "--count", "stories"]);
    assert!(
        text.contains("8 matching articles (6 stories; bars count stories)"),
        "{text}"
    );
}

#[test]
fn copies_stay_grouped_as_files_change_are_deleted_and_are_added() {
    let (_work, index, archive) = one_story_index();
    let ferry_sources = |index: &Path| {
        let results = search_json(index, &["ferry"]);
        assert_eq!(results["stories"], 1, "{results:#}");
        copy_sources(&results["hits"][0])
    };

    // The wire's copy, which the others joined, goes: they stay one story.
    std::fs::remove_file(archive.join(FERRY_COPIES[0])).unwrap();
    let summary = index_json(&index, &archive);
    assert_eq!(
        (summary["removed"].as_u64(), summary["unchanged"].as_u64()),
        (Some(1), Some(7))
    );
    assert_eq!(ferry_sources(&index), ["Harbor Herald", "Island Times"]);

    // A changed copy and a new one join the story; nothing else is read.
    let herald = archive.join(FERRY_COPIES[1]);
    let text = std::fs::read_to_string(&herald).unwrap();
    std::fs::write(
        &herald,
        text.replace("stops all crossings", "halts crossings"),
    )
    .unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/one_story");
    let wire = std::fs::read_to_string(data.join(FERRY_COPIES[0])).unwrap();
    std::fs::create_dir_all(archive.join("bay-post")).unwrap();
    let reprint = wire
        .replace("Source: Coastal Wire", "Source: Bay Post")
        .replace("Author: Lena Hart\n", "")
        .replace("at dawn on Monday", "early on Monday");
    std::fs::write(archive.join("bay-post/ferry.txt"), reprint).unwrap();
    let summary = index_json(&index, &archive);
    assert_eq!(
        (
            summary["indexed"].as_u64(),
            summary["updated"].as_u64(),
            summary["unchanged"].as_u64()
        ),
        (Some(1), Some(1), Some(6))
    );
    assert_eq!(
        ferry_sources(&index),
        ["Bay Post", "Harbor Herald", "Island Times"]
    );
    let everything = search_json(&index, &[]);
    assert_eq!(everything["stories"], 6);
}

#[test]
fn a_searcher_prepared_for_many_searches_answers_as_a_single_search_does() {
    use dateline::search::{ArchiveSearcher, Filters, SearchRequest, Sort};
    let (_work, index, _) = one_story_index();
    let single = ArchiveSearcher::open(&index).unwrap();
    let many = ArchiveSearcher::open(&index).unwrap().for_many_searches();
    let mut compared = 0;
    for query in [None, Some("ferry"), Some("strike OR trade OR harbor")] {
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            for (offset, limit) in [(0, 20), (0, 0), (0, 1), (1, 1), (2, 3), (5, 1), (7, 2)] {
                for all_copies in [false, true] {
                    let request = SearchRequest {
                        filters: Filters {
                            query: query.map(String::from),
                            ..Filters::default()
                        },
                        sort,
                        limit,
                        offset,
                        all_copies,
                    };
                    let expected = single.search(&request).unwrap();
                    assert_eq!(many.search(&request).unwrap(), expected, "{request:?}");
                    compared += usize::from(expected.hits.iter().any(|hit| hit.copies == 3));
                }
            }
        }
    }
    assert!(
        compared > 10,
        "the three copies were on only {compared} pages"
    );
}
