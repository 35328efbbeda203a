//! The command line as a user meets it: real process, real files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn boardpack(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .args(args)
        .output()
        .expect("boardpack runs")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("boardpack-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// Bad input: one line on stderr naming the file and the reason, exit code 2, no stdout.
fn assert_bad(path: &std::path::Path, reason: &str) {
    let out = boardpack(&["parse", "--json", path.to_str().expect("utf-8 path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(&path.display().to_string()),
        "names the file: {stderr}"
    );
    assert!(stderr.contains(reason), "says {reason:?}: {stderr}");
}

#[test]
fn bad_inputs() {
    let empty = tmp("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    assert_bad(&empty, "empty");

    let binary = tmp("binary.txt");
    std::fs::write(&binary, b"\x00\x01\x02PK\x03\x04\x00\x00binary").expect("write");
    assert_bad(&binary, "binary");

    let big = tmp("big.txt");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(boardpack_read::MAX_INPUT_BYTES as u64 + 1)
        .expect("sparse file");
    assert_bad(&big, "limit");

    assert_bad(&tmp("no-such-file.txt"), "no such file");
}

#[test]
fn a_bad_file_in_a_folder_does_not_stop_the_others() {
    let dir = tmp("mixed");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("a-empty.txt"), b"").expect("write");
    std::fs::write(
        dir.join("b-paper.txt"),
        "Budget Update\nSummary\nThis report updates members.\n",
    )
    .expect("write");
    let out = boardpack(&["parse", "--json", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a-empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "the good paper is still printed");
    assert!(stdout.contains("Budget Update"));
}

#[test]
fn parse_json_has_the_full_shape() {
    let paper = repo().join("crates/boardpack-parse/tests/fixtures/text/lga-board-report.txt");
    let out = boardpack(&["parse", "--json", paper.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for field in [
        "kind",
        "title",
        "purpose",
        "confidential",
        "summary",
        "recommendations",
        "contacts",
        "headings",
        "paragraphs",
        "items",
        "decisions",
        "actions",
        "activities",
        "timescales",
        "money",
        "organisations",
        "people",
        "date",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert_eq!(v["kind"], "report");
}

#[test]
fn parse_outline_and_folders() {
    let paper =
        repo().join("crates/boardpack-parse/tests/fixtures/text/moderngov-item-minutes.txt");
    let out = boardpack(&["parse", paper.to_str().expect("path")]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("MINUTES "));

    let folder = repo().join("examples/papers");
    let out = boardpack(&["parse", "--json", folder.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(lines.len() >= 15, "every sample paper parsed");
    assert!(lines.iter().all(|v| v["file"].is_string()));
}

#[test]
fn schema_is_published_and_current() {
    let out = boardpack(&["schema"]);
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let published: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/paper.schema.json"))
            .expect("docs/paper.schema.json exists"),
    )
    .expect("JSON");
    assert_eq!(
        printed, published,
        "docs/paper.schema.json is stale: run `boardpack schema > docs/paper.schema.json`"
    );
}

#[test]
fn an_agenda_pack_splits_into_its_papers() {
    let pack = repo().join("crates/boardpack-cli/tests/fixtures/packs/meeting-pack.docx");
    let out = boardpack(&["parse", "--pack", "--json", pack.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let papers: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let summary: Vec<(String, u64, u64)> = papers
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap_or("").to_string(),
                p["pack"]["first_page"].as_u64().unwrap_or(0),
                p["pack"]["last_page"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("agenda".to_string(), 1, 1),
            ("minutes".to_string(), 2, 2),
            ("report".to_string(), 3, 4), // the appendix page stays with its report
            ("report".to_string(), 5, 5),
        ]
    );
    assert_eq!(papers[2]["title"], "Rural Transport and Access to Work");
    assert!(papers.iter().all(|p| {
        p["pack"]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("meeting-pack.docx"))
    }));
}
