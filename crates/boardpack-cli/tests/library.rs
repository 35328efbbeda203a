//! The library commands as a user runs them: ingest (idempotent, incremental, a bad file
//! among good ones, killed mid-run and resumed), search (filters, phrases, facets,
//! citations), show, export and serve. Each test uses its own library folder.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::{boardpack, json, repo, scratch};

/// A folder of papers: the samples, under a board's folder name.
fn sample_folder(name: &str) -> PathBuf {
    let dir = scratch(name).join("skills-and-employment-board");
    std::fs::create_dir_all(&dir).expect("dir");
    for entry in std::fs::read_dir(repo().join("examples/papers")).expect("examples") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

#[test]
fn ingest_is_idempotent_and_incremental() {
    let lib = scratch("lib-a");
    let papers = sample_folder("papers-a");
    let folder = papers.to_str().expect("path");
    let first = json(&boardpack(&lib, &["ingest", "--json", folder]));
    assert_eq!(first["added"], 24);
    assert_eq!(first["failed"].as_array().map(Vec::len), Some(0));
    let again = json(&boardpack(&lib, &["ingest", "--json", folder]));
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(24))
    );

    // A changed file replaces its record; a copy of a paper under another name is the same paper.
    let target = papers.join("2024-06-13-skills-policy-update.txt");
    let mut text = std::fs::read_to_string(&target).expect("read");
    text.push_str("\n14. Officers will publish a refreshed skills dashboard in Spring 2027.\n");
    std::fs::write(&target, text).expect("write");
    std::fs::copy(
        papers.join("2023-10-10-decision-jobs-guarantee-funding.txt"),
        papers.join("copy-of-decision.txt"),
    )
    .expect("copy");
    let third = json(&boardpack(&lib, &["ingest", "--json", folder]));
    assert_eq!(third["updated"], 1, "{third}");
    assert_eq!(third["added"], 0, "{third}");
    let info = json(&boardpack(&lib, &["info", "--json"]));
    assert_eq!(info["papers"], 24);
    let hits = json(&boardpack(
        &lib,
        &["search", "--json", "refreshed skills dashboard"],
    ));
    assert_eq!(hits["hits"][0]["paragraph"], "14");
}

#[test]
fn one_bad_file_is_reported_and_the_run_goes_on() {
    let lib = scratch("lib-b");
    let papers = sample_folder("papers-b");
    std::fs::write(
        papers.join("broken.docx"),
        b"PK\x03\x04 this is not really a zip",
    )
    .expect("write");
    std::fs::write(papers.join("empty.txt"), b"").expect("write");
    let out = boardpack(&lib, &["ingest", "--json", papers.to_str().expect("path")]);
    let summary = json(&out);
    assert_eq!(summary["added"], 24);
    let failed: Vec<String> = summary["failed"]
        .as_array()
        .expect("failed")
        .iter()
        .map(|f| f[0].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed.iter().any(|f| f.ends_with("broken.docx")));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.docx"), "{stderr}");
}

#[test]
fn search_filters_phrases_facets_and_citations() {
    let lib = scratch("lib-c");
    let papers = sample_folder("papers-c");
    json(&boardpack(
        &lib,
        &["ingest", "--json", papers.to_str().expect("path")],
    ));
    let all = json(&boardpack(&lib, &["search", "--json", "adult skills fund"]));
    let phrase = json(&boardpack(
        &lib,
        &["search", "--json", "\"adult skills fund\""],
    ));
    assert!(phrase["total"].as_u64() <= all["total"].as_u64());
    assert!(phrase["total"].as_u64() > Some(0));
    let minutes = json(&boardpack(
        &lib,
        &["search", "--json", "--kind", "minutes", "adult skills fund"],
    ));
    assert!(
        minutes["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .all(|h| h["kind"] == "minutes")
    );
    let dated = json(&boardpack(
        &lib,
        &["search", "--json", "--since", "2025", "jobs guarantee"],
    ));
    assert!(
        dated["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .all(|h| h["date"].as_str().is_some_and(|d| d >= "2025"))
    );
    let facets = &all["facets"]["kind"];
    assert!(facets.as_array().is_some_and(|f| !f.is_empty()));
    let hit = &all["hits"][0];
    let citation = hit["citation"].as_str().expect("citation");
    assert!(
        citation.contains("Skills And Employment Board")
            || citation.contains("Skills and Employment Board"),
        "{citation}"
    );
    let decisions = json(&boardpack(
        &lib,
        &[
            "search",
            "--json",
            "--has-decision",
            "--kind",
            "decision",
            "",
        ],
    ));
    assert!(decisions["total"].as_u64() > Some(0));
    let bad = boardpack(&lib, &["search", "--since", "last tuesday", "budget"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn show_and_export() {
    let lib = scratch("lib-d");
    let papers = sample_folder("papers-d");
    json(&boardpack(
        &lib,
        &["ingest", "--json", papers.to_str().expect("path")],
    ));
    let shown = json(&boardpack(
        &lib,
        &[
            "show",
            "--json",
            "2023-10-10-decision-jobs-guarantee-funding.txt",
        ],
    ));
    assert_eq!(shown["record"]["kind"], "decision");
    let missing = boardpack(&lib, &["show", "no-such-paper.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    let exported = json(&boardpack(&lib, &["export", "--format", "json"]));
    assert_eq!(exported.as_array().map(Vec::len), Some(24));
    let csv = boardpack(&lib, &["export", "--format", "csv"]);
    assert!(csv.status.success());
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.starts_with("id,path,format,body,kind,title"));
    assert_eq!(text.lines().count(), 25, "a header and a row per paper");
}

/// Kill a real ingest part-way, then check the library opens, is intact, and the next
/// run completes with nothing lost or duplicated.
#[test]
fn a_killed_ingest_resumes_cleanly() {
    let lib = scratch("lib-e");
    let papers = scratch("papers-e");
    let samples: Vec<PathBuf> = std::fs::read_dir(repo().join("examples/papers"))
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let n = 3000;
    for i in 0..n {
        let src = &samples[i % samples.len()];
        let mut text = std::fs::read_to_string(src).expect("read");
        text.push_str(&format!("\nReference: generated copy {i}\n"));
        std::fs::write(papers.join(format!("paper-{i:05}.txt")), text).expect("write");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .arg("--library")
        .arg(&lib)
        .args(["ingest", papers.to_str().expect("path")])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    let info = json(&boardpack(&lib, &["info", "--json"]));
    let partial = info["papers"].as_u64().unwrap_or(0);
    assert!(partial <= n as u64);
    let resumed = json(&boardpack(
        &lib,
        &["ingest", "--json", papers.to_str().expect("path")],
    ));
    assert_eq!(resumed["failed"].as_array().map(Vec::len), Some(0));
    let info = json(&boardpack(&lib, &["info", "--json"]));
    assert_eq!(info["papers"], n, "every paper once: {info}");
    let hits = json(&boardpack(
        &lib,
        &["search", "--json", "\"generated copy 2999\""],
    ));
    assert_eq!(
        hits["total"], 1,
        "the index matches the store after the resumed run"
    );
}

/// The README's main command: ingest the sample papers, then `serve` them. The server is
/// started on a free loopback port, asked for its home page and a search, and stopped.
#[test]
fn serve_shows_the_ingested_papers() {
    use std::io::{BufRead, BufReader, Read, Write};

    let lib = scratch("serve").join("library");
    let papers = repo().join("examples/papers");
    json(&boardpack(
        &lib,
        &[
            "ingest",
            "--json",
            "--body",
            "Skills and Employment Board",
            papers.to_str().expect("path"),
        ],
    ));
    let mut child = Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .arg("--library")
        .arg(&lib)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("BOARDPACK_TOKEN")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("a first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(line.contains("read-only"), "{line}");
    let fetch = |path: &str| -> String {
        let mut s = std::net::TcpStream::connect(&addr).expect("connects");
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .expect("request");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("response");
        out
    };
    let home = fetch("/");
    let search = fetch("/search?q=jobs+guarantee");
    let _ = child.kill();
    let _ = child.wait();
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("24 papers"), "{home}");
    assert!(search.contains("matching passages"), "{search}");
}
