//! Ingest speed of the store: upserts 10,000 small fictional papers in batches of 256
//! into a new library file and prints papers per second, then stores them all again
//! (every paper unchanged) and prints that rate too.
//!
//! `cargo bench -p boardpack-store` (or `cargo run --release --bench upsert`). Not a
//! statistical harness: one run, wall-clock time, enough to catch an order of magnitude.

use std::time::Instant;

use boardpack_model::{Kind, Money, Organisation, Paper, Paragraph, Source, Timescale};
use boardpack_store::{NewPaper, Passage, Store};

const PAPERS: usize = 10_000;
const BATCH: usize = 256;

fn source(line: usize) -> Source {
    Source {
        field: "paragraph".into(),
        paragraph: Some(format!("{line}")),
        line,
        start: 0,
        end: 10,
    }
}

/// A small report: eight numbered paragraphs and a few facts.
fn paper(i: usize) -> (Paper, Vec<Passage>) {
    let paragraphs: Vec<Paragraph> = (1..=8)
        .map(|n| Paragraph {
            number: format!("{n}"),
            section: Some("Proposals".into()),
            text: format!(
                "Paper {i}: the service will be reviewed by March 2026 at a cost of £{n}0,000."
            ),
            line: n * 3,
        })
        .collect();
    let passages = paragraphs
        .iter()
        .enumerate()
        .map(|(ord, p)| Passage {
            ord: ord as u32,
            number: Some(p.number.clone()),
            heading: p.section.clone(),
            field: "paragraph".into(),
            line: p.line as u32,
            text: p.text.clone(),
            facts: vec!["timescale".into(), "money".into()],
        })
        .collect();
    let paper = Paper {
        kind: Kind::Report,
        title: Some(format!("Service review {i}")),
        recommendations: vec!["The committee notes the review.".into()],
        timescales: vec![Timescale {
            text: "March 2026".into(),
            start: Some("2026-03-01".into()),
            end: Some("2026-03-31".into()),
            source: source(3),
        }],
        money: vec![Money {
            text: "£10,000".into(),
            amount: 10_000.0,
            per: None,
            source: source(3),
        }],
        organisations: vec![Organisation {
            name: "Northmoor County Council".into(),
            aliases: vec!["the Council".into()],
            source: source(6),
        }],
        paragraphs,
        ..Paper::default()
    };
    (paper, passages)
}

fn run(store: &mut Store, docs: &[(String, String, Paper, Vec<Passage>)]) -> f64 {
    let started = Instant::now();
    for chunk in docs.chunks(BATCH) {
        let batch: Vec<NewPaper<'_>> = chunk
            .iter()
            .map(|(path, hash, paper, passages)| NewPaper {
                path,
                hash,
                part: 0,
                size: 4096,
                mtime_ns: 1_700_000_000_000_000_000,
                format: "text",
                body: Some("Scrutiny Committee"),
                paper,
                passages,
            })
            .collect();
        if let Err(e) = store.upsert_batch(&batch) {
            eprintln!("upsert failed: {e}");
            std::process::exit(1);
        }
    }
    docs.len() as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let dir = std::env::temp_dir().join(format!("boardpack-store-bench-{}", std::process::id()));
    let docs: Vec<(String, String, Paper, Vec<Passage>)> = (0..PAPERS)
        .map(|i| {
            let (paper, passages) = paper(i);
            (
                format!("/bench/papers/{i:05}.txt"),
                format!("{i:064x}"),
                paper,
                passages,
            )
        })
        .collect();
    let result = (|| -> Result<(), boardpack_store::StoreError> {
        let mut store = Store::open(&dir.join("library.sqlite"))?;
        let added = run(&mut store, &docs);
        let unchanged = run(&mut store, &docs);
        let counts = store.counts()?;
        println!(
            "upsert: {PAPERS} papers ({} passages) in batches of {BATCH}: {added:.0} papers/s added, {unchanged:.0} papers/s unchanged",
            counts.passages
        );
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
