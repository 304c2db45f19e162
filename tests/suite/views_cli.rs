//! Counting views through the binary: entities, timeline, facets, CSV, show, stats.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::Stdio;

use crate::common::{dateline, run_json, sample_corpus, search_json, shared_sample_index};
use dateline::index::extraction_text;
use dateline::search::EntityCounts;
use dateline::search::SearchResults;
use dateline::search::Timeline;
use predicates::prelude::*;

/// Articles per canonical PERSON name, computed without the index: every
/// article of the corpus through `dateline extract --jsonl`.
fn people_per_article_from_extract() -> BTreeMap<String, u64> {
    let discovery = dateline::ingest::discover(&[sample_corpus()]);
    let mut input = String::new();
    let mut n = 0;
    for file in &discovery.files {
        for article in dateline::ingest::read_file(&file.path).unwrap().articles {
            let line = serde_json::json!({"id": n, "text": extraction_text(&article)});
            input.push_str(&line.to_string());
            input.push('\n');
            n += 1;
        }
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["extract", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let mut counts = BTreeMap::new();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let people: BTreeSet<String> = record["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "PERSON")
            .map(|e| e["canonical"].as_str().unwrap().to_string())
            .collect();
        for person in people {
            *counts.entry(person).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn entities_top_people_match_counts_from_extract() {
    let index = shared_sample_index();
    let expected = people_per_article_from_extract();
    let listed = run_json(
        index,
        &["entities", "--kind", "person", "--top", "5", "--json"],
    );
    let people = listed["people"].as_array().unwrap();
    assert_eq!(people.len(), 5);
    assert!(
        listed.get("organizations").is_none(),
        "only the kind asked for"
    );
    let mut by_count: Vec<u64> = expected.values().copied().collect();
    by_count.sort_unstable_by(|a, b| b.cmp(a));
    let listed_counts: Vec<u64> = people
        .iter()
        .map(|p| p["articles"].as_u64().unwrap())
        .collect();
    assert_eq!(
        listed_counts,
        by_count[..5].to_vec(),
        "the five largest counts"
    );
    for person in people {
        let name = person["name"].as_str().unwrap();
        assert_eq!(
            Some(&person["articles"].as_u64().unwrap()),
            expected.get(name),
            "{name}"
        );
    }
    dateline(index, &["entities", "--kind", "person", "--top", "5"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            people[0]["name"].as_str().unwrap(),
        ));
}

#[test]
fn entities_with_a_person_filter_count_only_that_persons_articles() {
    let index = shared_sample_index();
    let hits = search_json(index, &["--person", "Elena Vasquez", "--limit", "1000"]);
    let total = hits["total"].as_u64().unwrap();
    assert!(total > 5 && total < 49, "{total}");
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for hit in hits["hits"].as_array().unwrap() {
        for org in hit["organizations"].as_array().unwrap() {
            *expected
                .entry(org.as_str().unwrap().to_string())
                .or_insert(0) += 1;
        }
    }
    let listed = run_json(
        index,
        &[
            "entities",
            "--kind",
            "org",
            "--person",
            "Elena Vasquez",
            "--top",
            "1000",
            "--json",
        ],
    );
    assert_eq!(listed["total_articles"].as_u64(), Some(total));
    let listed: BTreeMap<String, u64> = listed["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap().to_string(),
                o["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed, expected);

    dateline(
        index,
        &["entities", "--kind", "person", "--person", "vasquez"],
    )
    .assert()
    .success()
    .stdout(predicate::str::is_match(r"Elena Vasquez +\d+  \(filter\)").unwrap());
}

#[test]
fn timeline_by_month_covers_every_month_and_sums_to_dated_articles() {
    let index = shared_sample_index();
    let timeline = run_json(index, &["timeline", "--by", "month", "--json"]);
    let buckets = timeline["buckets"].as_array().unwrap();
    let sum: u64 = buckets
        .iter()
        .map(|b| b["articles"].as_u64().unwrap())
        .sum();
    let dated = search_json(index, &["--from", "1800", "--limit", "1"])["total"]
        .as_u64()
        .unwrap();
    assert_eq!(sum, dated);
    assert_eq!(
        timeline["total_articles"].as_u64().unwrap(),
        dated + timeline["undated"].as_u64().unwrap()
    );
    let starts: Vec<&str> = buckets
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts.first(), Some(&"2023-03-01"));
    assert_eq!(starts.last(), Some(&"2025-02-01"));
    assert_eq!(
        starts.len(),
        24,
        "one bucket per month, empty months included"
    );

    let by_year = run_json(
        index,
        &["timeline", "--by", "year", "--json", "--person", "vasquez"],
    );
    let year_sum: u64 = by_year["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["articles"].as_u64().unwrap())
        .sum();
    let vasquez = search_json(index, &["--person", "vasquez", "--limit", "1"])["total"]
        .as_u64()
        .unwrap();
    assert_eq!(year_sum, vasquez);

    dateline(index, &["timeline", "--by", "month"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2024-06"))
        .stdout(predicate::str::contains("█"))
        .stdout(predicate::str::contains("0 undated"));
}

#[test]
fn csv_outputs_parse_as_csv() {
    let index = shared_sample_index();
    let output = dateline(index, &["search", "harbor", "--csv", "--limit", "50"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "rank",
            "score",
            "date",
            "title",
            "source",
            "path",
            "url",
            "people",
            "organizations",
            "id",
            "places",
            "snippet",
            "line",
            "copies"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // One row per story.
    let total = search_json(index, &["harbor"])["stories"].as_u64().unwrap() as usize;
    assert_eq!(rows.len(), total.min(50));
    assert!(
        rows.iter()
            .any(|r| r[3].contains(',') || r[7].contains(';')),
        "quoting is exercised"
    );

    for args in [
        &["entities", "--csv"][..],
        &["timeline", "--by", "week", "--csv"][..],
    ] {
        let output = dateline(index, args).output().unwrap();
        assert!(output.status.success());
        let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
        let width = reader.headers().unwrap().len();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r.len() == width));
    }
}

#[test]
fn json_outputs_round_trip_through_serde() {
    let index = shared_sample_index();
    let entities = run_json(index, &["entities", "--json"]);
    let parsed: EntityCounts = serde_json::from_value(entities.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), entities);
    let timeline = run_json(index, &["timeline", "--json"]);
    let parsed: Timeline = serde_json::from_value(timeline.clone()).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), timeline);
    let search = search_json(index, &["harbor"]);
    let parsed: SearchResults = serde_json::from_value(search.clone()).unwrap();
    let again: SearchResults =
        serde_json::from_str(&serde_json::to_string(&parsed).unwrap()).unwrap();
    assert_eq!(again, parsed);
    assert_eq!(parsed.total as u64, search["total"].as_u64().unwrap());
    assert_eq!(parsed.hits.len(), search["hits"].as_array().unwrap().len());
}

#[test]
fn search_facets_count_all_matching_articles() {
    let index = shared_sample_index();
    let with_facets = search_json(index, &["harbor", "--facets", "--limit", "1"]);
    let facets = &with_facets["facets"];
    assert_eq!(facets["total_articles"], with_facets["total"]);
    let top_person = &facets["people"][0];
    let name = top_person["name"].as_str().unwrap();
    let both = search_json(index, &["harbor", "--person", name]);
    assert_eq!(both["total"], top_person["articles"]);
    assert!(facets["people"].as_array().unwrap().len() <= 5);
    dateline(index, &["search", "harbor", "--facets"])
        .assert()
        .success()
        .stdout(predicate::str::contains("People"))
        .stdout(predicate::str::contains("Organizations"))
        .stdout(predicate::str::contains("Places"));
}

#[test]
fn show_prints_one_stored_article() {
    let index = shared_sample_index();
    let hit = search_json(index, &["--person", "vasquez", "--limit", "1"])["hits"][0].clone();
    let id = hit["id"].as_str().unwrap();
    let shown = run_json(index, &["show", id, "--json"]);
    assert_eq!(shown["id"], hit["id"]);
    assert_eq!(shown["title"], hit["title"]);
    assert_eq!(shown["people"], hit["people"]);
    assert!(shown["body"].as_str().unwrap().len() > 200);
    dateline(index, &["show", id])
        .assert()
        .success()
        .stdout(predicate::str::contains(hit["title"].as_str().unwrap()))
        .stdout(predicate::str::contains("People: "));
    dateline(index, &["show", "0000000000000000"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no article with id"));
}

#[test]
fn show_finds_each_article_of_a_feed_that_repeats_a_url() {
    let work = tempfile::TempDir::new().unwrap();
    let archive = work.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::write(
        archive.join("feed.jsonl"),
        "{\"title\": \"Ferry strike\", \"date\": \"2024-03-01\", \"url\": \"https://n.test/ferry\", \"text\": \"The ferry crews walked out.\"}\n\
         {\"title\": \"Ferry strike ends\", \"date\": \"2024-03-04\", \"url\": \"https://n.test/ferry\", \"text\": \"The ferry crews went back.\"}\n",
    )
    .unwrap();
    let index = work.path().join("index");
    crate::common::index_json(&index, &archive);
    let hits = search_json(&index, &["ferry", "--sort", "newest"])["hits"].clone();
    let ids: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    for (id, title) in ids.iter().zip(["Ferry strike ends", "Ferry strike"]) {
        assert_eq!(run_json(&index, &["show", id, "--json"])["title"], title);
    }
}

#[test]
fn stats_describe_the_index() {
    let index = shared_sample_index();
    let stats = run_json(index, &["stats", "--json"]);
    assert_eq!(stats["articles"], 49);
    assert_eq!(stats["first_date"], "2023-03-14");
    assert_eq!(stats["last_date"], "2025-02-25");
    assert_eq!(stats["undated"], 0);
    let people = run_json(
        index,
        &["entities", "--kind", "person", "--top", "10000", "--json"],
    );
    assert_eq!(
        stats["people"].as_u64().unwrap() as usize,
        people["people"].as_array().unwrap().len()
    );
    assert!(stats["index_bytes"].as_u64().unwrap() > 10_000);
}

#[test]
fn a_csv_row_leads_back_to_its_article_with_its_places_and_snippet() {
    let index = shared_sample_index();
    let output = dateline(index, &["search", "dredging", "--format", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let first = reader.records().next().unwrap().unwrap();
    let json = search_json(index, &["dredging", "--limit", "1"]);
    let hit = &json["hits"][0];
    assert_eq!(&first[column("id")], hit["id"].as_str().unwrap());
    assert_eq!(&first[column("snippet")], hit["snippet"].as_str().unwrap());
    let places: Vec<&str> = hit["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(!places.is_empty());
    assert_eq!(&first[column("places")], places.join("; "));
    let shown = run_json(index, &["show", "--json", &first[column("id")]]);
    assert_eq!(shown["title"], hit["title"]);
}

#[test]
fn format_flag_and_its_short_forms_print_the_same() {
    let index = shared_sample_index();
    let run = |args: &[&str]| dateline(index, args).output().unwrap().stdout;
    for command in [
        &["search", "harbor"][..],
        &["quotes", "water"],
        &["entities", "--top", "3"],
        &["timeline", "--by", "year"],
    ] {
        for (long, short) in [("json", "--json"), ("csv", "--csv")] {
            let by_format = run(&[command, &["--format", long]].concat());
            assert!(!by_format.is_empty(), "{command:?} {long}");
            assert_eq!(
                by_format,
                run(&[command, &[short]].concat()),
                "{command:?} {long}"
            );
        }
        assert_eq!(
            run(&[command, &["--format", "text"]].concat()),
            run(command),
            "{command:?}"
        );
        dateline(index, &[command, &["--format", "csv", "--json"]].concat())
            .assert()
            .code(2);
    }
}

#[test]
fn quotes_page_with_offset_and_print_csv() {
    let index = shared_sample_index();
    let texts = |args: &[&str]| -> Vec<String> {
        run_json(index, &[&["quotes", "--json"], args].concat())["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["text"].as_str().unwrap().to_string())
            .collect()
    };
    let first_four = texts(&["water", "--limit", "4"]);
    assert_eq!(first_four.len(), 4);
    assert_eq!(
        texts(&["water", "--limit", "2", "--offset", "2"]),
        first_four[2..]
    );

    let output = dateline(index, &["quotes", "water", "--csv", "--limit", "4"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["rank", "speaker", "date", "text", "title", "article_id"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let csv_texts: Vec<&str> = rows.iter().map(|row| &row[3]).collect();
    assert_eq!(csv_texts, first_four);
    assert_eq!(&rows[3][0], "4");
}

#[test]
fn limit_zero_prints_only_the_count() {
    let index = shared_sample_index();
    for (command, noun) in [("search", "articles"), ("quotes", "quotations")] {
        let total = run_json(index, &[command, "water", "--json"])["total"]
            .as_u64()
            .unwrap();
        let counted = run_json(index, &[command, "water", "--json", "--limit", "0"]);
        assert_eq!(counted["total"].as_u64(), Some(total));
        assert_eq!(counted["hits"].as_array().map(Vec::len), Some(0));
        dateline(index, &[command, "water", "--limit", "0"])
            .assert()
            .success()
            .stdout(format!("{total} matching {noun}.\n"));
    }
}

#[test]
fn timeline_buckets_span_exactly_the_dates_asked_for() {
    let index = shared_sample_index();
    let timeline = run_json(
        index,
        &[
            "timeline", "--json", "--by", "month", "--from", "2023", "--to", "2023",
        ],
    );
    let starts: Vec<&str> = timeline["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    let months: Vec<String> = (1..=12).map(|m| format!("2023-{m:02}-01")).collect();
    assert_eq!(starts, months);
    let in_2023 = search_json(index, &["--from", "2023", "--to", "2023", "--limit", "0"]);
    let counted: u64 = timeline["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(Some(counted), in_2023["total"].as_u64());

    dateline(
        index,
        &["timeline", "--by", "day", "--from", "1700", "--to", "2200"],
    )
    .assert()
    .code(2)
    .stderr(predicate::str::contains("choose a longer period"));
}

#[test]
fn place_source_and_speaker_filters_find_exactly_their_articles() {
    let index = shared_sample_index();
    let all = run_json(index, &["search", "--json", "--limit", "100"]);
    let all = all["hits"].as_array().unwrap();
    let ids_where = |keep: &dyn Fn(&serde_json::Value) -> bool| -> BTreeSet<String> {
        all.iter()
            .filter(|hit| keep(hit))
            .map(|hit| hit["id"].as_str().unwrap().to_string())
            .collect()
    };
    let found = |args: &[&str]| -> BTreeSet<String> {
        run_json(
            index,
            &[&["search", "--json", "--limit", "100"], args].concat(),
        )["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["id"].as_str().unwrap().to_string())
            .collect()
    };

    let in_keld = ids_where(&|hit| {
        hit["places"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Keld Basin")
    });
    assert!(!in_keld.is_empty());
    assert_eq!(found(&["--place", "keld basin"]), in_keld);

    let herald = ids_where(&|hit| hit["source"] == "Port Linden Herald");
    assert!(!herald.is_empty());
    assert_eq!(found(&["--source", "PORT LINDEN HERALD"]), herald);

    let quoting_haddad: BTreeSet<String> = run_json(
        index,
        &["quotes", "--json", "--speaker", "haddad", "--limit", "1000"],
    )["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["article_id"].as_str().unwrap().to_string())
        .collect();
    assert!(quoting_haddad.len() > 1);
    assert_eq!(found(&["--speaker", "haddad"]), quoting_haddad);
    assert_eq!(
        found(&["--speaker", "haddad", "--place", "keld basin"]),
        &quoting_haddad & &in_keld
    );
}
