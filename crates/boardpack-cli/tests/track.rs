//! The track commands as a user runs them on the sample library: programme, actions,
//! threads, thread, link confirm/reject (kept across re-ingest) and status.

mod common;

use std::path::PathBuf;

use common::{boardpack, json, ok, repo, scratch};

fn sample_library(name: &str) -> (PathBuf, PathBuf) {
    let lib = scratch(&format!("lib-{name}"));
    let papers = scratch(&format!("papers-{name}"));
    for entry in std::fs::read_dir(repo().join("examples/papers")).expect("examples") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&p, papers.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    ok(&boardpack(
        &lib,
        &[
            "ingest",
            "--body",
            "Skills and Employment Board",
            papers.to_str().expect("path"),
        ],
    ));
    (lib, papers)
}

#[test]
fn programme_actions_and_threads() {
    let (lib, _papers) = sample_library("a");
    let as_of = ["--as-of", "2026-11-25"];
    // Programme: activities with statuses.
    let prog = json(&boardpack(
        &lib,
        &[&["programme", "--json"][..], &as_of].concat(),
    ));
    let acts = prog["activities"].as_array().expect("activities");
    assert!(acts.len() >= 20, "{}", acts.len());
    assert!(acts.iter().all(|a| a["kind"] == "activity"));
    let dev = acts
        .iter()
        .find(|a| {
            a["text"]
                .as_str()
                .unwrap()
                .starts_with("Developing a business case")
        })
        .expect("activity 6.1");
    assert_eq!(dev["status"], "reported");
    assert!(
        dev["link"]["target"]["path"]
            .as_str()
            .unwrap()
            .ends_with("2023-09-21-jobs-guarantee-business-case.txt")
    );
    assert!(!dev["link"]["why"].as_array().unwrap().is_empty());
    // Actions register, open ones only.
    let open = json(&boardpack(
        &lib,
        &[&["actions", "--open", "--json"][..], &as_of].concat(),
    ));
    let open = open["actions"].as_array().expect("actions");
    assert!(open.iter().all(|a| a["status"] != "reported"));
    assert!(open.iter().any(|a| {
        a["text"]
            .as_str()
            .unwrap()
            .contains("Work and Health Innovation Fund")
    }));
    let overdue = json(&boardpack(
        &lib,
        &[&["actions", "--status", "overdue", "--json"][..], &as_of].concat(),
    ));
    assert!(
        overdue["actions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["status"] == "overdue")
    );
    // Text output names statuses and citations.
    let text = ok(&boardpack(&lib, &[&["actions"][..], &as_of].concat()));
    assert!(
        text.contains("[reported]") && text.contains("reported in:"),
        "{text}"
    );
    // Threads: the recurring programmes, with abbreviations merged.
    let threads = json(&boardpack(&lib, &["threads", "--json"]));
    let names: Vec<&str> = threads
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("Jobs Guarantee")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.contains("Adult Skills Fund")),
        "{names:?}"
    );
    let asf = json(&boardpack(&lib, &["thread", "--json", "ASF"]));
    let timeline = asf["timeline"].as_array().unwrap();
    assert!(timeline.len() >= 10);
    let dates: Vec<&str> = timeline
        .iter()
        .map(|e| e["paper"]["date"].as_str().unwrap_or(""))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order");
    assert!(
        timeline
            .iter()
            .any(|e| e["kind"] == "funded" && e["amount"].is_string())
    );
    assert!(timeline.iter().all(|e| e["citation"].is_string()));
    let text = ok(&boardpack(&lib, &["thread", "Northmoor Jobs Guarantee"]));
    assert!(text.contains("decided") && text.contains("§"), "{text}");
    // An unknown subject is an error.
    let missing = boardpack(&lib, &["thread", "Nonexistent Programme"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn reviews_and_statuses_survive_reingest() {
    let (lib, papers) = sample_library("b");
    let as_of = ["--as-of", "2026-11-25"];
    let list = json(&boardpack(
        &lib,
        &[&["actions", "--json"][..], &as_of].concat(),
    ));
    let actions = list["actions"].as_array().unwrap();
    let linked = actions
        .iter()
        .find(|a| {
            a["text"]
                .as_str()
                .unwrap()
                .starts_with("Officers to bring a recovery plan")
        })
        .expect("L9");
    let id = linked["id"].as_str().unwrap();
    assert_eq!(linked["status"], "reported");
    // Reject the link: it is not proposed again.
    ok(&boardpack(&lib, &["link", "reject", id]));
    let after = json(&boardpack(
        &lib,
        &[&["actions", "--json"][..], &as_of].concat(),
    ));
    let a = after["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()
        .clone();
    let old = &linked["link"];
    assert!(
        a["link"].is_null() || a["link"]["ord"] != old["ord"] || a["link"]["paper"] != old["paper"],
        "{a}"
    );
    // Confirm a paragraph by hand.
    let target = format!(
        "{}#2",
        papers
            .join("2024-06-13-jobs-guarantee-recovery-plan.txt")
            .display()
    );
    ok(&boardpack(&lib, &["link", "confirm", id, "--to", &target]));
    // Set another action's status by hand.
    let open = actions
        .iter()
        .find(|a| {
            a["text"]
                .as_str()
                .unwrap()
                .contains("re-issued Eastcliffe tender")
        })
        .unwrap();
    let open_id = open["id"].as_str().unwrap();
    ok(&boardpack(&lib, &["status", open_id, "reported"]));
    // Re-ingest a changed file: the verdicts stay.
    let f = papers.join("2024-03-14-minutes-jobs-guarantee-take-up.txt");
    let mut text = std::fs::read_to_string(&f).unwrap();
    text.push_str("\nPublished on the authority's website.\n");
    std::fs::write(&f, text).unwrap();
    ok(&boardpack(&lib, &["ingest", papers.to_str().unwrap()]));
    let after = json(&boardpack(
        &lib,
        &[&["actions", "--json"][..], &as_of].concat(),
    ));
    let all = after["actions"].as_array().unwrap();
    let a = all
        .iter()
        .find(|a| a["id"] == id)
        .expect("same id after re-ingest");
    assert_eq!(a["link"]["verdict"], "confirmed", "{a}");
    assert_eq!(a["link"]["paragraph"], "2");
    let o = all.iter().find(|a| a["id"] == open_id).unwrap();
    assert_eq!(o["status"], "reported");
    assert_eq!(o["status_set_by_user"], true);
    // Bad input: unknown id, unknown status.
    assert_eq!(
        boardpack(&lib, &["status", "nope", "due"]).status.code(),
        Some(2)
    );
    assert_eq!(
        boardpack(&lib, &["status", open_id, "finished"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        boardpack(&lib, &["actions", "--as-of", "yesterday"])
            .status
            .code(),
        Some(2)
    );
}
