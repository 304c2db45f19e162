//! Output into a pipe whose reader has gone (`dateline search | head`): a
//! normal end with exit code 0, as in ripgrep, never a panic. Also the
//! generated man page and shell completions.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Output, Stdio};

use crate::common::{dateline_std, sample_corpus, sample_index, shared_sample_index};

/// Runs `dateline --index INDEX ARGS...` with stdout a pipe already closed at
/// the reading end, so that its first write fails with EPIPE whatever the
/// size of the output.
fn into_closed_pipe(index: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut command = dateline_std(index, args);
    command.stdout(writer).stderr(Stdio::piped());
    command.output().expect("dateline runs")
}

/// Asserts the run ended as if the whole output had been read.
fn assert_normal_end(args: &[&str], output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
}

#[test]
fn every_command_and_format_ends_quietly_on_a_closed_pipe() {
    let (work, index) = sample_index();
    let article = crate::common::search_json(&index, &["harbor", "--limit", "1"])["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let file = sample_corpus().join("eastbrook-gazette/harbor-toxin-grant.txt");
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/annotated.jsonl");
    let fresh = work.path().join("fresh");
    let corpus = sample_corpus().display().to_string();
    let runs: Vec<(&Path, Vec<&str>)> = vec![
        (&index, vec!["search", "--limit", "49"]),
        (&index, vec!["search", "--limit", "49", "--json"]),
        (&index, vec!["search", "--limit", "49", "--csv"]),
        (&index, vec!["search", "harbor", "--facets"]),
        (&index, vec!["quotes", "--limit", "100"]),
        (&index, vec!["quotes", "--json"]),
        (&index, vec!["entities"]),
        (&index, vec!["entities", "--json"]),
        (&index, vec!["entities", "--csv"]),
        (&index, vec!["timeline", "--by", "day"]),
        (&index, vec!["timeline", "--json"]),
        (&index, vec!["timeline", "--csv"]),
        (&index, vec!["show", &article]),
        (&index, vec!["show", &article, "--json"]),
        (&index, vec!["stats"]),
        (&index, vec!["stats", "--json"]),
        (&index, vec!["extract", file.to_str().unwrap()]),
        (&index, vec!["eval", "--gold", gold.to_str().unwrap()]),
        (
            &index,
            vec!["eval", "--gold", gold.to_str().unwrap(), "--json"],
        ),
        (&fresh, vec!["index", "--quiet", &corpus]),
        (&fresh, vec!["index", "--json", &corpus]),
    ];
    for (index, args) in runs {
        assert_normal_end(&args, &into_closed_pipe(index, &args));
    }
}

#[test]
fn head_reading_one_line_of_a_long_output_ends_it_quietly() {
    let index = shared_sample_index();
    let mut child = dateline_std(index, &["timeline", "--by", "day"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dateline runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("20"), "{first}");
    let output = child.wait_with_output().unwrap();
    assert_normal_end(&["timeline", "--by", "day"], &output);
}

#[test]
fn the_man_page_and_completions_cover_every_command() {
    let generate = |what: &str| -> String {
        let output = assert_cmd::Command::cargo_bin("dateline")
            .unwrap()
            .args(["generate", what])
            .output()
            .unwrap();
        assert!(output.status.success(), "{what}");
        String::from_utf8(output.stdout).unwrap()
    };
    let man = generate("man");
    assert!(man.contains(".TH dateline 1"), "{man}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = generate(shell);
        for command in [
            "index", "search", "quotes", "entities", "timeline", "show", "stats",
        ] {
            assert!(script.contains(command), "{shell} lacks {command}");
            assert!(man.contains(command), "man page lacks {command}");
        }
    }
    // bash reads its script and registers the completion.
    let registered = std::process::Command::new("bash")
        .args(["-c", "source /dev/stdin && complete -p dateline"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut bash| {
            use std::io::Write;
            bash.stdin
                .take()
                .unwrap()
                .write_all(generate("bash").as_bytes())?;
            bash.wait_with_output()
        })
        .unwrap();
    assert!(registered.status.success());
    assert!(String::from_utf8_lossy(&registered.stdout).contains("_dateline"));
}
