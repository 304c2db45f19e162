//! `dateline search` through the binary: ranking, filters, snippets, errors.

use crate::common::{
    dateline, hit_strings, index_json, search_json, shared_data, shared_sample_index,
};
use predicates::prelude::*;
use tempfile::TempDir;

/// An index of one file of `../shared/data` (copied as `name` into an
/// archive of its own) and the indexing summary.
fn index_of_shared(file: &str, name: &str) -> (TempDir, std::path::PathBuf, serde_json::Value) {
    let data = shared_data();
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    std::fs::copy(data.join(file), archive.join(name)).unwrap();
    let index = work.path().join("index");
    let summary = index_json(&index, &archive);
    (work, index, summary)
}

/// An index of the seed article alone (the `.txt`, not its gold annotation).
fn seed_index() -> (TempDir, std::path::PathBuf) {
    let (work, index, _) =
        index_of_shared("seed/000_38be661aca5eacde.txt", "000_38be661aca5eacde.txt");
    (work, index)
}

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn seed_troops_with_putin_filter_returns_the_article_with_highlights() {
    let (_work, index) = seed_index();
    let results = search_json(&index, &["troops", "--person", "putin"]);
    assert_eq!(results["total"], 1);
    let hit = &results["hits"][0];
    assert_eq!(hit["date"], "2024-10-23");
    let people: Vec<&str> = hit["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(people.contains(&"Vladimir Putin"), "people: {people:?}");
    let snippet = hit["snippet"].as_str().unwrap();
    let highlights = hit["highlights"].as_array().unwrap();
    assert!(!highlights.is_empty());
    for range in highlights {
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        assert!(
            snippet[start..end].eq_ignore_ascii_case("troops"),
            "highlight {:?}",
            &snippet[start..end]
        );
    }
}

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn seed_date_and_org_filters() {
    let (_work, index) = seed_index();
    assert_eq!(
        search_json(&index, &["troops", "--from", "2024-11"])["total"],
        0
    );
    assert_eq!(
        search_json(&index, &["troops", "--to", "2024-10"])["total"],
        1
    );
    assert_eq!(
        search_json(
            &index,
            &["troops", "--from", "2024-10-23", "--to", "2024-10-23"]
        )["total"],
        1
    );
    assert_eq!(search_json(&index, &["--org", "NATO"])["total"], 1);
    assert_eq!(search_json(&index, &["--org", "nato"])["total"], 1);
    assert_eq!(
        search_json(&index, &["--person", "nobody at all"])["total"],
        0
    );
    for person in [
        "Victor Cha",
        "cha",
        "CHA",
        "Vladimir Putin",
        "Kim Du-yeon",
        "Sydney Seiler",
    ] {
        assert_eq!(
            search_json(&index, &["--person", person])["total"],
            1,
            "{person}"
        );
    }
    for org in [
        "CSIS",
        "Center for Strategic and International Studies",
        "csis",
    ] {
        assert_eq!(search_json(&index, &["--org", org])["total"], 1, "{org}");
    }
    let hit = search_json(&index, &["--org", "CSIS"])["hits"][0].clone();
    let people: Vec<&str> = hit["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(people, crate::common::SEED_PEOPLE);
}

#[test]
fn sample_corpus_text_search_prints_ranked_dated_hits() {
    let index = shared_sample_index();
    dateline(index, &["search", "harbor"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^  1\. \d{4}-\d{2}-\d{2}  ").unwrap())
        .stdout(predicate::str::is_match(r"(?m)^  2\. ").unwrap())
        .stdout(predicate::str::contains("matching articles (showing 1-10)"));
    let results = search_json(index, &["harbor"]);
    let scores: Vec<f64> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "scores not descending: {scores:?}"
    );
    assert!(results["total"].as_u64().unwrap() > 10);
}

#[test]
fn terminal_colors_stay_off_when_piped() {
    let index = shared_sample_index();
    let output = dateline(index, &["search", "harbor"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\x1b'));
}

#[test]
fn filters_without_query_list_newest_first_and_paging_works() {
    let index = shared_sample_index();
    let all = search_json(index, &["--from", "2023", "--limit", "100"]);
    let dates = hit_strings(&all, "date");
    assert!(dates.len() > 10);
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "not newest first: {dates:?}"
    );
    let page2 = search_json(index, &["--from", "2023", "--limit", "5", "--offset", "5"]);
    assert_eq!(
        hit_strings(&page2, "id"),
        hit_strings(&all, "id")[5..10].to_vec()
    );
}

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn wikinews_date_range_sorted_newest_first() {
    let (_work, index, summary) = index_of_shared("corpus/wikinews.dev.jsonl", "wikinews.jsonl");
    assert_eq!(summary["indexed"], 277);
    assert_eq!(summary["undated"], 0);
    let results = search_json(
        &index,
        &[
            "the", "--from", "2005-03", "--to", "2007", "--sort", "newest", "--limit", "1000",
        ],
    );
    let dates = hit_strings(&results, "date");
    assert!(!dates.is_empty());
    assert_eq!(dates.len() as u64, results["total"].as_u64().unwrap());
    assert!(
        dates
            .iter()
            .all(|d| d.as_str() >= "2005-03-01" && d.as_str() <= "2007-12-31"),
        "{dates:?}"
    );
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "not newest first");
    let everything = search_json(&index, &["the", "--limit", "1000"]);
    let outside = hit_strings(&everything, "date")
        .into_iter()
        .filter(|d| d.as_str() < "2005-03-01" || d.as_str() > "2007-12-31")
        .count();
    assert!(
        outside > 0,
        "the range must exclude something for this test to mean anything"
    );
}

#[test]
fn invalid_query_says_where_and_exits_2() {
    let index = shared_sample_index();
    dateline(index, &["search", "\"unclosed phrase"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid query"))
        .stderr(predicate::str::contains("at character"));
    dateline(index, &["search", "nosuchfield:value"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no field 'nosuchfield'"));
}

#[test]
fn invalid_date_lists_the_formats_and_exits_2() {
    let index = shared_sample_index();
    dateline(index, &["search", "harbor", "--from", "last tuesday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid date 'last tuesday'"))
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn missing_index_says_how_to_create_one() {
    let work = TempDir::new().unwrap();
    dateline(&work.path().join("none"), &["search", "harbor"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no index at"))
        .stderr(predicate::str::contains("dateline index"));
}

/// Runs `dateline ARGS...` expecting a usage error: exit code 2, one
/// `error:` message and no panic. Returns stderr.
fn usage_error(index: &std::path::Path, args: &[&str]) -> String {
    let output = dateline(index, args).output().expect("dateline runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    stderr
}

/// The commands that take a query and filters.
const QUERY_COMMANDS: [&str; 4] = ["search", "quotes", "entities", "timeline"];

#[test]
fn an_offset_past_the_deepest_page_is_refused() {
    let index = shared_sample_index();
    let i64_max = i64::MAX.to_string();
    let u64_max = u64::MAX.to_string();
    for offset in ["10000000000", &i64_max, &u64_max, "99991"] {
        let stderr = usage_error(index, &["search", "harbor", "--offset", offset]);
        assert!(stderr.contains(&format!("offset {offset}")), "{stderr}");
        assert!(stderr.contains("100000"), "{stderr}");
    }
    let last_page = search_json(index, &["harbor", "--offset", "99990", "--limit", "10"]);
    assert_eq!(last_page["hits"].as_array().unwrap().len(), 0);
    assert!(last_page["total"].as_u64().unwrap() > 0);
}

#[test]
fn deep_nesting_and_huge_queries_are_refused_by_every_command() {
    let index = shared_sample_index();
    let parens = format!("{}harbor{}", "(".repeat(3000), ")".repeat(3000));
    let nots = format!("{}harbor", "NOT ".repeat(2000));
    let long = "harbor ".repeat(2000);
    for command in QUERY_COMMANDS {
        for query in [&parens, &nots] {
            let stderr = usage_error(index, &[command, query]);
            assert!(stderr.contains("nested deeper than"), "{stderr}");
            assert!(stderr.len() < 600, "the message repeats the whole query");
        }
        let stderr = usage_error(index, &[command, &long]);
        assert!(stderr.contains("longer than"), "{stderr}");
    }
    let shallow = format!("{}harbor{}", "(".repeat(5), ")".repeat(5));
    assert_eq!(
        search_json(index, &[&shallow])["total"],
        search_json(index, &["harbor"])["total"]
    );
}

#[test]
fn prefix_and_fuzzy_words_find_what_they_say() {
    let index = shared_sample_index();
    let harbor = search_json(index, &["harbor", "--limit", "100"]);
    assert!(harbor["total"].as_u64().unwrap() > 0);
    for query in [
        "harb*",
        "HARBO*",
        "title:harb* OR harb*",
        "harbr~1",
        "harbro~",
        "harbor~0",
    ] {
        let found = search_json(index, &[query, "--limit", "100"]);
        let ids = hit_strings(&found, "id");
        for id in hit_strings(&harbor, "id") {
            assert!(ids.contains(&id), "{query} misses {id}");
        }
    }
    assert_eq!(search_json(index, &["harbr~0"])["total"], 0);
    let stderr = usage_error(index, &["search", "harbor~3"]);
    assert!(stderr.contains("'harbor~3'"), "{stderr}");
    assert!(stderr.contains("at most 2 edits"), "{stderr}");
    let stderr = usage_error(index, &["search", "h*r"]);
    assert!(stderr.contains("end of a word"), "{stderr}");
}

#[test]
fn any_value_queries_work_on_name_fields_and_explain_the_rest() {
    let index = shared_sample_index();
    let all = search_json(index, &[])["total"].as_u64().unwrap();
    for query in ["source:*", "person:*", "org:*", "place:*"] {
        let total = search_json(index, &[query])["total"].as_u64().unwrap();
        assert!(total > 0 && total <= all, "{query}: {total} of {all}");
    }
    for query in ["id:*", "title:*", "nosuchfield:*"] {
        let stderr = usage_error(index, &["search", query]);
        assert!(!stderr.contains("Schema error"), "{stderr}");
        assert!(
            stderr.contains("source, person, org, place") || stderr.contains("no field"),
            "{stderr}"
        );
    }
}

#[test]
fn source_matches_in_any_case_and_shows_as_written() {
    let index = shared_sample_index();
    let written = search_json(index, &["source:\"Eastbrook Gazette\""]);
    assert!(written["total"].as_u64().unwrap() > 0);
    for query in [
        "source:\"eastbrook gazette\"",
        "source:\"EASTBROOK GAZETTE\"",
    ] {
        assert_eq!(
            search_json(index, &[query])["total"],
            written["total"],
            "{query}"
        );
    }
    assert_eq!(hit_strings(&written, "source")[0], "Eastbrook Gazette");
    let word = search_json(index, &["source:eastbrook", "--limit", "100"]);
    assert!(word["total"].as_u64() > written["total"].as_u64());
    assert!(hit_strings(&word, "source")
        .iter()
        .all(|source| source.starts_with("Eastbrook ")));
}

#[test]
fn syntax_errors_say_where_and_why() {
    let index = shared_sample_index();
    for (query, at, why) in [
        ("harbor AND", "at character 8", "AND"),
        ("OR harbor", "at character 1", "OR"),
        ("(harbor", "at character 8", "expected ')'"),
        ("\"unclosed", "at character 10", "missing delimiter"),
        ("città \"unclosed", "at character 16", "missing delimiter"),
    ] {
        let stderr = usage_error(index, &["search", query]);
        assert!(stderr.contains(at), "{query}: {stderr}");
        assert!(stderr.contains(why), "{query}: {stderr}");
        assert!(!stderr.contains("Syntax Error"), "{query}: {stderr}");
    }
    search_json(index, &["O'Brien"]);
}

#[test]
fn a_reversed_date_range_is_refused_by_every_command() {
    let index = shared_sample_index();
    for command in QUERY_COMMANDS {
        let stderr = usage_error(index, &[command, "--from", "2021", "--to", "2019"]);
        assert!(stderr.contains("reversed"), "{stderr}");
        assert!(stderr.contains("2021-01-01"), "{stderr}");
    }
}

#[test]
fn dates_beyond_what_the_index_holds_still_filter() {
    let index = shared_sample_index();
    let dated = search_json(index, &["--from", "2000"])["total"].clone();
    assert!(dated.as_u64().unwrap() > 0);
    for range in [["--from", "1000"], ["--to", "9999"], ["--from", "0000"]] {
        assert_eq!(search_json(index, &range)["total"], dated, "{range:?}");
    }
    for range in [["--from", "2300"], ["--to", "1000"]] {
        assert_eq!(search_json(index, &range)["total"], 0, "{range:?}");
    }
}

#[test]
fn accents_are_folded_in_words_and_names_and_kept_in_display() {
    let work = tempfile::TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::write(
        archive.join("accented.txt"),
        "date 2024-03-01 Ankara talks\n\nTurkish President Recep Tayyip Erdoğan met the \
         delegation in Ankara on Friday. Erdoğan said the talks on the port deal would go on.\n",
    )
    .unwrap();
    std::fs::write(
        archive.join("plain.txt"),
        "date 2024-03-02 Port deal signed\n\nPresident Recep Tayyip Erdogan signed the port \
         deal on Saturday, his office said. Erdogan called it a good day for the region.\n",
    )
    .unwrap();
    let index = work.path().join("index");
    index_json(&index, &archive);
    for query in ["erdogan", "Erdoğan", "ERDOGAN"] {
        assert_eq!(search_json(&index, &[query])["total"], 2, "{query}");
    }
    for person in ["erdogan", "Recep Tayyip Erdoğan", "recep tayyip erdogan"] {
        assert_eq!(
            search_json(&index, &["--person", person])["total"],
            2,
            "--person {person}"
        );
    }
    let accented = search_json(&index, &["--from", "2024-03-01", "--to", "2024-03-01"]);
    let people = &accented["hits"][0]["people"];
    assert!(
        people
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Recep Tayyip Erdoğan"),
        "{people}"
    );
}
