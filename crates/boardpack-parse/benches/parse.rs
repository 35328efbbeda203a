//! Parse benchmark: read + parse throughput in MB/s on one core, over (a) the fixture
//! papers parsed one by one, repeated, and (b) one large generated paper at 1x, 10x and
//! 100x size, which also shows that parsing stays linear in input size.
//!
//! Run with `cargo bench -p boardpack-parse`. Figures are printed, not asserted: speed
//! targets live here, never in timed unit tests.

use std::path::Path;
use std::time::{Duration, Instant};

fn fixtures() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            out.push(std::fs::read(path).expect("read"));
        }
    }
    out
}

/// A long report in the style of the fixtures: numbered sections, sub-paragraphs,
/// headings, lists and a contact block, `sections` times over.
fn generated(sections: usize) -> String {
    let mut s = String::from(
        "Annual Skills Programme Review\nPurpose of Report\nFor decision.\nSummary\nThis report reviews the programme.\nRecommendation(s)\nMembers are asked to:\n1. Note the review.\n2. Agree the next steps.\nContact officer: Ann Example\nPosition: Policy Adviser\nEmail:\tann@example.gov.uk\n\n",
    );
    for n in 1..=sections {
        s.push_str(&format!("Programme Area {n}\n\n"));
        s.push_str(&format!(
            "{n}. The board considered progress on area {n} at its meeting in March 2025 and asked officers to report on delivery, spend of £1.2 million and the outcomes for residents.\n"
        ));
        for k in 1..=4 {
            s.push_str(&format!(
                "{n}.{k}. Officers have worked with partners on strand {k}, including the Department for Work and Pensions (DWP), and expect to complete it by Autumn 2025.\n"
            ));
        }
        s.push_str(" - first point of the list\n - second point of the list\n\n");
    }
    s
}

fn measure(label: &str, inputs: &[Vec<u8>], min_time: Duration) {
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    let mut runs = 0u32;
    let start = Instant::now();
    while start.elapsed() < min_time || runs < 3 {
        for input in inputs {
            let doc = boardpack_read::read(input).expect("readable");
            std::hint::black_box(boardpack_parse::parse(&doc));
        }
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "{label:<40} {:>8.2} MB  {:>9.2} ms/pass  {:>8.1} MB/s  {:>9.0} papers/s",
        mb,
        secs * 1000.0,
        mb / secs,
        inputs.len() as f64 / secs
    );
}

fn main() {
    // `cargo test --benches` runs this with --bench absent; keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let min_time = if quick {
        Duration::from_millis(1)
    } else {
        Duration::from_secs(2)
    };
    println!("read + parse, one core");
    let papers = fixtures();
    let corpus: Vec<Vec<u8>> = papers
        .iter()
        .cycle()
        .take(papers.len() * 50)
        .cloned()
        .collect();
    measure("fixture papers x50", &corpus, min_time);
    for scale in [1, 10, 100] {
        let text = generated(200 * scale).into_bytes();
        measure(&format!("one generated paper, {scale}x"), &[text], min_time);
    }
}
