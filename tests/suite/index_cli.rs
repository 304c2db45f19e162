//! `dateline index` through the binary: summaries, incremental updates, bad
//! input, interruption and locking.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{dateline, index_json, sample_corpus, sample_index, search_json};
use predicates::prelude::*;
use tempfile::TempDir;

fn write(path: &Path, content: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn seed_article(date: &str, title: &str, body: &str) -> String {
    format!("date {date} {title}\n\n{body}\n")
}

#[test]
fn text_summary_reports_counts_names_and_a_search_to_try() {
    let work = TempDir::new().unwrap();
    let index = work.path().join("index");
    dateline(&index, &["index"])
        .arg(sample_corpus())
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"Done\. \d+ articles in the index").unwrap())
        .stdout(predicate::str::contains("undated 0"))
        .stdout(predicate::str::contains("Most mentioned people:"))
        .stdout(predicate::str::contains("Most mentioned organizations:"))
        .stdout(predicate::str::contains("Try: dateline search"))
        // The example search is run: its first hits and their count follow.
        .stdout(predicate::str::is_match(r"\n  1\. \d{4}-\d{2}-\d{2}  ").unwrap())
        .stdout(predicate::str::is_match(r"\d+ matching articles \(showing 1-2\)").unwrap());
}

#[test]
fn sample_corpus_indexes_every_article_with_a_date() {
    let work = TempDir::new().unwrap();
    let summary = index_json(&work.path().join("index"), &sample_corpus());
    assert_eq!(summary["indexed"], 49, "{summary}");
    assert_eq!(summary["undated"], 0, "{summary}");
    assert_eq!(summary["failed"], serde_json::json!([]), "{summary}");
}

#[test]
fn reindexing_reads_only_what_changed() {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    let index = work.path().join("index");
    for n in 0..5 {
        write(
            &archive.join(format!("2024/0{}/story-{n}.txt", n + 1)),
            seed_article(
                &format!("2024-0{}-10", n + 1),
                &format!("Story {n}"),
                "The harbor council met again.",
            ),
        );
    }
    let first = index_json(&index, &archive);
    assert_eq!(first["indexed"], 5);

    let again = index_json(&index, &archive);
    assert_eq!(
        (again["indexed"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(again["unchanged"], 5);
    assert_eq!(again["files_read"], 0);

    // Size changes, so the edit is seen even within the file system's mtime granularity.
    write(
        &archive.join("2024/03/story-2.txt"),
        seed_article(
            "2024-03-10",
            "Story 2, revised",
            "A zeppelin landed beside the harbor council.",
        ),
    );
    let edited = index_json(&index, &archive);
    assert_eq!(
        (edited["indexed"].as_u64(), edited["updated"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(search_json(&index, &["zeppelin"])["total"], 1);
    assert_eq!(search_json(&index, &["harbor"])["total"], 5);

    std::fs::remove_file(archive.join("2024/05/story-4.txt")).unwrap();
    let deleted = index_json(&index, &archive);
    assert_eq!(deleted["removed"], 1);
    assert_eq!(search_json(&index, &["harbor"])["total"], 4);

    let rebuilt = dateline(&index, &["index", "--json", "--rebuild"])
        .arg(&archive)
        .output()
        .unwrap();
    let rebuilt: serde_json::Value = serde_json::from_slice(&rebuilt.stdout).unwrap();
    assert_eq!(rebuilt["indexed"], 4);
    assert_eq!(search_json(&index, &["harbor"])["total"], 4);
}

#[test]
fn indexing_one_folder_leaves_other_folders_articles_alone() {
    let work = TempDir::new().unwrap();
    let index = work.path().join("index");
    let (a, b) = (work.path().join("a"), work.path().join("b"));
    write(
        &a.join("one.txt"),
        seed_article("2024-01-01", "One", "Lighthouse keepers strike."),
    );
    write(
        &b.join("two.txt"),
        seed_article("2024-01-02", "Two", "Lighthouse repairs begin."),
    );
    index_json(&index, &a);
    let second = index_json(&index, &b);
    assert_eq!(second["removed"], 0);
    assert_eq!(search_json(&index, &["lighthouse"])["total"], 2);
}

#[test]
fn bad_files_are_reported_by_name_and_the_rest_is_indexed() {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    write(
        &archive.join("good.txt"),
        seed_article("2024-05-01", "Good", "The ferry timetable changes in June."),
    );
    write(&archive.join("empty.txt"), "");
    write(
        &archive.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    );
    write(
        &archive.join("broken.json"),
        "{\"title\": \"Broken\", \"text\": ",
    );
    write(
        &archive.join("latin1.txt"),
        b"date 2024-05-02 Caf\xe9 closes\n\nThe caf\xe9 on the pier closes after forty years.\n",
    );
    let mut big = String::from("date 2024-05-03 A very long report\n\n");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(
            "The commission heard testimony about dredging, tides and the fishing fleet. ",
        );
    }
    big.push_str("Finally the word quahog appears.\n");
    write(&archive.join("big.txt"), &big);

    write(
        &archive.join("feed.jsonl"),
        "{\"title\": \"Ferry\", \"date\": \"2024-05-04\", \"text\": \"The ferry returns.\"}\n\
         {not json\n\
         {\"title\": \"No text here\"}\n\
         {\"title\": \"Pier\", \"date\": \"2024-05-05\", \"text\": \"The pier reopens.\"}\n",
    );
    let index = work.path().join("index");
    let output = dateline(&index, &["index", "--json"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["indexed"], 5, "{summary}");
    assert_eq!(summary["skipped"], 2, "{summary}");
    let failed: Vec<&str> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for name in ["empty.txt", "binary.txt", "broken.json"] {
        assert!(
            failed.iter().any(|p| p.ends_with(name)),
            "{name} not reported: {failed:?}"
        );
    }
    assert_eq!(failed.len(), 3, "{failed:?}");
    let warnings = summary["warnings"].to_string();
    assert!(warnings.contains("latin1.txt"), "{warnings}");
    assert!(
        summary["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["path"].as_str().unwrap().ends_with("feed.jsonl") && w["line"] == 2),
        "{warnings}"
    );
    assert_eq!(search_json(&index, &["café"])["total"], 1);
    assert_eq!(search_json(&index, &["quahog"])["total"], 1);

    dateline(&index, &["index", "--strict"])
        .arg(&archive)
        .assert()
        .code(3);
}

#[test]
fn nothing_indexable_is_an_error() {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    write(&archive.join("empty.txt"), "");
    dateline(&work.path().join("index"), &["index"])
        .arg(&archive)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing could be indexed"));
    let index = work.path().join("index2");
    dateline(&index, &["index"])
        .arg(work.path().join("no-such-folder"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "no-such-folder: no such file or folder",
        ));
    assert!(
        !index.exists(),
        "no index is made for an archive that is not there"
    );
}

#[test]
fn an_index_path_that_is_a_file_or_a_folder_of_other_files_is_refused() {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    let story = archive.join("story.txt");
    write(
        &story,
        seed_article("2024-02-02", "Harbor", "The harbor froze."),
    );
    for command in [&["search", "harbor"][..], &["index", "--quiet", "."]] {
        dateline(&story, command)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is a file, not an index folder"));
    }
    // The archive as its own index: nothing is written into it.
    dateline(&archive, &["index"])
        .arg(&archive)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "holds files that are not part of a dateline index",
        ));
    assert_eq!(std::fs::read_dir(&archive).unwrap().count(), 1);
    dateline(&archive, &["index", "--rebuild"])
        .arg(&archive)
        .assert()
        .code(1);
    assert!(story.is_file());
}

#[test]
fn a_damaged_index_says_so_and_rebuild_recovers_it() {
    let (_work, index) = sample_index();
    let before = search_json(&index, &["harbor"]);
    for (damage, what) in [
        ("meta.json", "Meta file cannot be deserialized"),
        ("store", ".store is cut short or overwritten"),
    ] {
        if damage == "meta.json" {
            std::fs::write(index.join("meta.json"), "{ not json").unwrap();
        } else {
            for entry in std::fs::read_dir(&index).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "store") {
                    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
                    file.set_len(100).unwrap();
                }
            }
        }
        for command in [&["search", "harbor"][..], &["stats"]] {
            dateline(&index, command)
                .assert()
                .code(1)
                .stderr(predicate::str::contains("is damaged ("))
                .stderr(predicate::str::contains(what))
                .stderr(predicate::str::contains("--rebuild"));
        }
        dateline(&index, &["index", "--rebuild", "--quiet"])
            .arg(sample_corpus())
            .assert()
            .success();
        assert_eq!(search_json(&index, &["harbor"]), before, "after {damage}");
    }
}

#[test]
fn a_second_writer_gets_a_clear_message() {
    let (_work, index) = sample_index();
    let held = tantivy::Index::open_in_dir(&index).unwrap();
    let _writer: tantivy::IndexWriter = held.writer(15_000_000).unwrap();
    dateline(&index, &["index"])
        .arg(sample_corpus())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is being written by another run; wait for the other `dateline index` run to finish, then try again",
        ));
}

#[test]
fn killing_a_run_leaves_the_previous_index_searchable() {
    let (work, index) = sample_index();
    let before = search_json(&index, &["harbor"])["total"].as_u64().unwrap();

    // Enough text (about 50 MB) that an optimized build on a fast machine
    // is still reading it when the run is killed.
    let archive = work.path().join("big");
    let paragraph =
        "Officials at the harbor described the dredging schedule in detail. ".repeat(180);
    for n in 0..4000 {
        write(
            &archive.join(format!("{:02}/{n}.txt", n % 50)),
            seed_article("2024-06-01", &format!("Filler {n}"), &paragraph),
        );
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dateline"))
        .arg("--index")
        .arg(&index)
        .args(["index", "--quiet"])
        .arg(&archive)
        .arg(sample_corpus())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().unwrap().is_none(),
        "indexing finished in {:?}, before it could be interrupted",
        started.elapsed()
    );
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(
        search_json(&index, &["harbor"])["total"].as_u64().unwrap(),
        before
    );
    let resumed = index_json(&index, &archive);
    assert_eq!(resumed["indexed"], 4000);
}

#[test]
fn default_index_lives_in_the_working_directory_and_env_overrides_it() {
    let work = TempDir::new().unwrap();
    let mut command = assert_cmd::Command::cargo_bin("dateline").unwrap();
    command
        .current_dir(work.path())
        .env_remove("DATELINE_INDEX")
        .args(["index", "--quiet"])
        .arg(sample_corpus())
        .assert()
        .success();
    assert!(work.path().join(".dateline-index/meta.json").is_file());

    let elsewhere = work.path().join("via-env");
    let mut command = assert_cmd::Command::cargo_bin("dateline").unwrap();
    command
        .current_dir(work.path())
        .env("DATELINE_INDEX", &elsewhere)
        .args(["search", "harbor"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("via-env"));
}

#[test]
fn an_index_from_an_older_build_says_to_rebuild_and_rebuild_works() {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    write(
        &archive.join("story.txt"),
        seed_article("2024-02-02", "Harbor", "The harbor froze over."),
    );
    // What an older build left: the same schema, committed without this
    // build's format mark.
    let index = work.path().join("index");
    dateline::index::ArchiveIndex::create(&index).unwrap();
    let old = tantivy::Index::open_in_dir(&index).unwrap();
    dateline::index::schema::register_tokenizers(&old);
    let mut writer: tantivy::IndexWriter = old.writer(15_000_000).unwrap();
    let mut doc = tantivy::TantivyDocument::default();
    doc.add_text(
        old.schema()
            .get_field(dateline::index::schema::names::TITLE)
            .unwrap(),
        "Harbor",
    );
    writer.add_document(doc).unwrap();
    writer.commit().unwrap();
    drop(writer);

    dateline(&index, &["search", "harbor"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "written by a different version of dateline",
        ))
        .stderr(predicate::str::contains("--rebuild"));
    dateline(&index, &["index", "--rebuild"])
        .arg(&archive)
        .assert()
        .success();
    assert_eq!(search_json(&index, &["harbor"])["total"], 1);
}

#[test]
fn the_example_search_drops_a_filter_that_would_find_nothing() {
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    for n in 0..2 {
        write(
            &archive.join(format!("bridge-{n}.txt")),
            seed_article(
                "2024-03-01",
                "Bridge opens",
                "Mayor Elena Vasquez opened the new bridge on Monday. Vasquez thanked the crews.",
            ),
        );
        write(
            &archive.join(format!("alliance-{n}.txt")),
            seed_article(
                "2024-03-02",
                "Complaint filed",
                "The Coastal Rights Alliance filed a complaint about the harbor on Tuesday.",
            ),
        );
    }
    let index = work.path().join("index");
    dateline(&index, &["index"])
        .arg(&archive)
        .assert()
        .success()
        .stdout(predicate::str::contains("Try: dateline search --index"))
        .stdout(predicate::str::contains("--person 'Elena Vasquez'\n"))
        .stdout(predicate::str::contains(
            "2 matching articles, 1 story (showing 1-1).",
        ))
        .stdout(predicate::str::contains("No matching articles").not());
}

/// The exit code of each `dateline` line of a namespace script, in order:
/// scripts print `rc=N` after each command.
fn exit_codes(output: &std::process::Output) -> Vec<i32> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix("rc=")?.parse().ok())
        .collect()
}

#[test]
fn a_read_only_index_can_be_searched_and_indexing_into_it_says_why_not() {
    let (work, index) = sample_index();
    let id = search_json(&index, &["harbor", "--limit", "1"])["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = work.path();
    let script = format!(
        r#"mount --bind "$IDX" "$IDX" && mount -o remount,bind,ro "$IDX" || exit {refused}
set +e
"$DATELINE" --index "$IDX" search --json harbor > "$OUT/search.json"; echo rc=$?
"$DATELINE" --index "$IDX" stats > /dev/null; echo rc=$?
"$DATELINE" --index "$IDX" show {id} > /dev/null; echo rc=$?
"$DATELINE" --index "$IDX" index "$ARCHIVE" 2> "$OUT/index.err"; echo rc=$?
"#,
        refused = crate::common::NAMESPACE_REFUSED,
    );
    let Some(output) = crate::common::in_namespace_with(
        &script,
        &[("IDX", &index), ("OUT", out), ("ARCHIVE", &sample_corpus())],
    ) else {
        return;
    };
    assert_eq!(exit_codes(&output), [0, 0, 0, 1], "{output:?}");
    let searched: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search.json")).unwrap()).unwrap();
    assert_eq!(searched, search_json(&index, &["harbor"]));
    let message = std::fs::read_to_string(out.join("index.err")).unwrap();
    assert!(
        message.contains("cannot be written (read-only"),
        "{message}"
    );
    assert!(!message.contains("another `dateline index`"), "{message}");
}

#[test]
fn a_full_disk_keeps_the_previous_index_and_leaves_no_partial_files() {
    let (work, _) = sample_index();
    let big = work.path().join("big");
    // Made-up words that neither repeat nor compress, so the index grows.
    let mut state = 0x2545_f491_u64;
    let mut word = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (0..8)
            .map(|i| char::from(b'a' + ((state >> (i * 5)) % 26) as u8))
            .collect::<String>()
    };
    let feed: String = (0..400)
        .map(|n| {
            let body: Vec<String> = (0..300).map(|_| word()).collect();
            format!(
                "{{\"title\":\"Filler {n}\",\"date\":\"2024-01-02\",\"text\":\"{}\"}}\n",
                body.join(" ")
            )
        })
        .collect();
    write(&big.join("feed.jsonl"), feed);
    let out = work.path();
    let script = format!(
        r#"mount -t tmpfs -o size=512k tmpfs "$DISK" || exit {refused}
set +e
"$DATELINE" --index "$DISK/idx" index --quiet "$ARCHIVE" > /dev/null; echo rc=$?
ls -A "$DISK/idx" | sort > "$OUT/files.before"
"$DATELINE" --index "$DISK/idx" search --json harbor > "$OUT/before.json"; echo rc=$?
"$DATELINE" --index "$DISK/idx" index --quiet "$ARCHIVE" "$BIG" > /dev/null 2> "$OUT/full.err"; echo rc=$?
ls -A "$DISK/idx" | sort > "$OUT/files.after"
"$DATELINE" --index "$DISK/idx" search --json harbor > "$OUT/after.json"; echo rc=$?
"$DATELINE" --index "$DISK/idx" index --quiet "$ARCHIVE" > /dev/null; echo rc=$?
"#,
        refused = crate::common::NAMESPACE_REFUSED,
    );
    let disk = work.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let Some(output) = crate::common::in_namespace_with(
        &script,
        &[
            ("DISK", &disk),
            ("OUT", out),
            ("ARCHIVE", &sample_corpus()),
            ("BIG", &big),
        ],
    ) else {
        return;
    };
    assert_eq!(exit_codes(&output), [0, 0, 1, 0, 0], "{output:?}");
    let message = std::fs::read_to_string(out.join("full.err")).unwrap();
    assert!(message.contains("no space left on the disk"), "{message}");
    assert!(message.contains("previous index is intact"), "{message}");
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    assert_eq!(read("files.after"), read("files.before"));
    assert_eq!(read("after.json"), read("before.json"));
}

/// What a user can see of an index: its figures (size aside), every
/// article id, and the number of quotations.
fn visible_state(index: &Path) -> (serde_json::Value, Vec<String>, serde_json::Value) {
    let output = dateline(index, &["stats", "--json"]).output().unwrap();
    let mut stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    stats.as_object_mut().unwrap().remove("index_bytes");
    let every_article = search_json(index, &["--limit", "5000", "--all-copies"]);
    let mut ids = crate::common::hit_strings(&every_article, "id");
    ids.sort();
    let output = dateline(index, &["quotes", "--json", "--limit", "1"])
        .output()
        .unwrap();
    let quotes: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    (stats, ids, quotes["total"].clone())
}

/// Kills `dateline index` with SIGKILL at varied points while the archive
/// changes between runs, then checks that the final index equals a clean
/// rebuild. `DATELINE_KILL_ROUNDS` sets the number of kills (default 4; the
/// long run in docs uses 200).
#[test]
fn repeated_kills_leave_an_index_equal_to_a_clean_rebuild() {
    let rounds: usize = std::env::var("DATELINE_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4);
    let work = TempDir::new().unwrap();
    let archive = work.path().join("archive");
    let story = |n: usize, version: usize| {
        seed_article(
            &format!("2024-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
            &format!("Harbor report {n}"),
            &format!(
                "Mayor Elena Vasquez said the harbor plan, version {version}, was \"ready for a vote,\" \
                 and the Harbor Development Authority agreed. {}",
                "The council met again on the dredging schedule. ".repeat(20)
            ),
        )
    };
    for n in 0..1500 {
        write(&archive.join(format!("{:02}/{n}.txt", n % 30)), story(n, 0));
    }
    let index = work.path().join("index");
    for round in 0..rounds {
        // The archive changes between runs: a file edited, one deleted, one added.
        write(
            &archive.join(format!("{:02}/{round}.txt", round % 30)),
            story(round, round + 1),
        );
        let _ = std::fs::remove_file(archive.join(format!(
            "{:02}/{}.txt",
            (round + 7) % 30,
            round + 7
        )));
        write(
            &archive.join(format!("new/{round}.txt")),
            story(2000 + round, 0),
        );

        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dateline"))
            .arg("--index")
            .arg(&index)
            .args(["index", "--quiet"])
            .arg(&archive)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Points spread over reading, extracting, committing and merging.
        let delay = 100 + (round * 7919 % 23) * 100;
        std::thread::sleep(Duration::from_millis(delay as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        if index.join("meta.json").exists() {
            // Whatever was killed, the last commit stays searchable.
            dateline(&index, &["stats"]).assert().success();
        }
    }
    index_json(&index, &archive);
    let clean = work.path().join("clean");
    index_json(&clean, &archive);
    let (state, rebuilt) = (visible_state(&index), visible_state(&clean));
    assert_eq!(state, rebuilt);
    // One article per file the archive holds after all the changes.
    let files = dateline::ingest::discover(&[archive]).files.len();
    assert_eq!(state.1.len(), files);
}

/// Indexes the `archives` as another build of dateline would have: with a
/// model that differs from the shipped one in one weight.
fn index_with_another_extractor(index: &Path, archives: &[std::path::PathBuf]) {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/ner.bin");
    let mut model = std::fs::read(shipped).unwrap();
    *model.last_mut().unwrap() ^= 1;
    let other = dateline::extract::Extractor::from_model_bytes(&model).unwrap();
    assert_ne!(
        other.fingerprint(),
        dateline::extract::Extractor::new().fingerprint()
    );
    let options = dateline::index::UpdateOptions::default();
    dateline::index::update(index, archives, &other, options, &()).unwrap();
}

#[test]
fn an_index_written_by_another_extractor_is_extracted_again() {
    let (work, clean) = sample_index();
    let index = work.path().join("older");
    index_with_another_extractor(&index, &[sample_corpus()]);
    let summary = index_json(&index, &sample_corpus());
    assert_eq!(summary["extractor_changed"], true);
    assert_eq!(
        (summary["unchanged"].as_u64(), summary["updated"].as_u64()),
        (Some(0), Some(49))
    );
    assert_eq!(visible_state(&index), visible_state(&clean));
    let again = index_json(&index, &sample_corpus());
    assert_eq!(
        (
            again["extractor_changed"].as_bool(),
            again["unchanged"].as_u64()
        ),
        (Some(false), Some(49))
    );

    // Articles from a folder not being indexed would keep the old
    // extraction: the run refuses and says what to run.
    let other = work.path().join("other");
    write(
        &other.join("story.txt"),
        seed_article("2024-02-02", "Harbor", "The harbor froze."),
    );
    index_with_another_extractor(&index, &[sample_corpus(), other.clone()]);
    dateline(&index, &["index"])
        .arg(sample_corpus())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "written by another version of the extractor",
        ))
        .stderr(predicate::str::contains("story.txt"))
        .stderr(predicate::str::contains("--rebuild"));
    let both = dateline(&index, &["index", "--json"])
        .arg(sample_corpus())
        .arg(&other)
        .output()
        .unwrap();
    let both: serde_json::Value = serde_json::from_slice(&both.stdout).unwrap();
    assert_eq!(
        (
            both["extractor_changed"].as_bool(),
            both["updated"].as_u64()
        ),
        (Some(true), Some(50))
    );
}
