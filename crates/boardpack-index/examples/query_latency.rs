//! Times one query against an existing index, for profiling (e.g. under `perf record`).
//!
//! `cargo run --release -p boardpack-index --example query_latency -- INDEX_DIR QUERY [ROUNDS] [kind=K] [body=B] [since=Y] [until=Y] [decision]`

use std::path::Path;
use std::time::Instant;

use boardpack_index::{Index, Query};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, text, rest @ ..] = args.as_slice() else {
        eprintln!(
            "usage: query_latency INDEX_DIR QUERY [ROUNDS] [kind=K] [body=B] [since=Y] [until=Y] [decision]"
        );
        std::process::exit(2);
    };
    let mut rounds = 20usize;
    let mut q = Query {
        text: text.clone(),
        limit: 10,
        ..Query::default()
    };
    for a in rest {
        match a.split_once('=') {
            Some(("kind", v)) => q.kind = Some(v.into()),
            Some(("body", v)) => q.body = Some(v.into()),
            Some(("since", v)) => q.since = Some(v.into()),
            Some(("until", v)) => q.until = Some(v.into()),
            None if a == "decision" => q.has_decision = true,
            None => rounds = a.parse().expect("ROUNDS is a number"),
            _ => panic!("unknown argument {a}"),
        }
    }
    let index = Index::open(Path::new(dir)).expect("the index opens");
    let mut ms = Vec::with_capacity(rounds);
    let mut total = 0;
    let mut top = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let r = index.search(&q).expect("the search runs");
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        total = r.total;
        top = r.hits;
    }
    if std::env::var_os("HITS").is_some() {
        for h in &top {
            println!("{} {} {:.4} {}", h.paper_id, h.ord, h.score, h.snippet);
        }
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "{total} matches; min {:.2} ms, median {:.2} ms, max {:.2} ms over {rounds} rounds",
        ms[0],
        ms[ms.len() / 2],
        ms[ms.len() - 1]
    );
}
