//! Extract benchmark: time of the extract stage alone (after read + parse) on a generated
//! paper at 1x, 10x and 100x size, to show it stays linear in input size, and on the
//! sample papers in `examples/papers`. Figures are printed, not asserted.
//!
//! Run with `cargo bench -p boardpack-extract`.

use std::path::Path;
use std::time::{Duration, Instant};

/// A report in the style of a board paper: numbered sections with dates, money, bodies
/// and people, `sections` times over.
fn generated(sections: usize) -> String {
    let mut s = String::from(
        "Skills Programme Review\nPurpose of Report\nFor decision.\nSummary\nThis report reviews the programme.\nContact officer: Ann Example\nPosition: Policy Adviser\n\n",
    );
    for n in 1..=sections {
        s.push_str(&format!("Programme Area {n}\n\n"));
        s.push_str(&format!(
            "{n}. The Skills and Employment Board considered area {n} on 12 March 2025 and asked the Department for Work and Pensions (DWP) to report by Autumn 2025 on spend of £1.2 million a year.\n"
        ));
        for k in 1..=3 {
            s.push_str(&format!(
                "{n}.{k}. Cllr Jane Example, Cabinet Member for Skills, will work with the Northmoor Combined Authority on strand {k} (April-September 2026), at a cost of £{k}50,000 in 2026/27.\n"
            ));
        }
    }
    s
}

fn time_extract(text: &str, min: Duration) -> (f64, usize) {
    let doc = boardpack_read::read(text.as_bytes()).expect("readable");
    let paper = boardpack_parse::parse(&doc);
    let mut runs = 0;
    let mut facts = 0;
    let start = Instant::now();
    while start.elapsed() < min || runs < 2 {
        let f = boardpack_extract::extract(&doc, &paper);
        facts = f.timescales.len() + f.money.len() + f.organisations.len() + f.people.len();
        std::hint::black_box(f);
        runs += 1;
    }
    (start.elapsed().as_secs_f64() / f64::from(runs), facts)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let min = if quick {
        Duration::from_millis(1)
    } else {
        Duration::from_secs(2)
    };
    println!("extract stage alone, one core");
    let base = generated(50);
    let mut base_rate = None;
    for scale in [1usize, 10, 100] {
        let text = generated(50 * scale);
        let (secs, facts) = time_extract(&text, min);
        let mb = text.len() as f64 / 1e6;
        let rate = mb / secs;
        let ratio = base_rate.map_or(1.0, |b: f64| b / rate);
        base_rate.get_or_insert(rate);
        println!(
            "generated paper {scale:>3}x {:>7.2} MB  {:>9.2} ms  {:>7.1} MB/s  {facts:>6} facts  time per byte vs 1x: {ratio:.2}",
            mb,
            secs * 1000.0,
            rate
        );
    }
    let _ = base;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/papers");
    let mut total = 0.0;
    let mut bytes = 0usize;
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("examples/papers") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("read");
            total += time_extract(&text, min / 20).0;
            bytes += text.len();
            n += 1;
        }
    }
    println!(
        "examples/papers ({n} papers)    {:>7.2} MB  {:>9.2} ms  {:>7.1} MB/s  {:>7.0} papers/s",
        bytes as f64 / 1e6,
        total * 1000.0,
        bytes as f64 / 1e6 / total,
        f64::from(n) / total
    );
}
