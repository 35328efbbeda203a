//! Search latency over a generated corpus.
//!
//! Indexes `BENCH_PASSAGES` (default 200,000) generated passages (Zipf-distributed
//! vocabulary, 20 passages a paper, dates 2016-2024) into a temporary folder, then runs a
//! fixed set of 50 queries (single words, several words, phrases, filtered, filters
//! only) `ROUNDS` times each and prints p50/p99 latency per class and overall.
//!
//! `cargo bench -p boardpack-index --bench search`

use std::time::{Duration, Instant};

use boardpack_index::{Index, IndexDoc, Query};

const ROUNDS: usize = 20;
const PASSAGES_PER_PAPER: usize = 20;

/// Words of committee papers, most frequent first; a tail of made-up words follows.
const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "for",
    "is",
    "on",
    "that",
    "be",
    "with",
    "by",
    "as",
    "will",
    "are",
    "this",
    "from",
    "board",
    "report",
    "council",
    "committee",
    "funding",
    "budget",
    "programme",
    "services",
    "health",
    "work",
    "education",
    "adult",
    "skills",
    "strategy",
    "delivery",
    "performance",
    "risk",
    "members",
    "approved",
    "recommended",
    "officers",
    "partners",
    "authority",
    "combined",
    "local",
    "plan",
    "review",
    "update",
    "million",
    "year",
    "quarter",
    "contract",
    "procurement",
    "housing",
    "transport",
    "employment",
    "learners",
    "providers",
    "outcomes",
    "investment",
    "capital",
    "revenue",
    "savings",
    "consultation",
    "digital",
    "climate",
    "net",
    "zero",
    "growth",
    "economy",
    "business",
    "support",
    "children",
    "care",
    "social",
    "public",
    "community",
    "safety",
    "police",
    "fire",
    "waste",
    "planning",
    "development",
    "infrastructure",
    "schools",
    "apprenticeships",
    "evaluation",
    "monitoring",
    "governance",
    "audit",
    "assurance",
    "decision",
    "actions",
    "minutes",
    "meeting",
    "agenda",
    "item",
    "paper",
    "appendix",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A Zipf-like rank in 0..n (rank r with weight about 1/(r+1)).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u)) - 1.0) as usize % n
    }
}

const VOCABULARY: usize = 20_000;

fn word(rank: usize, buf: &mut String) {
    if rank < COMMON.len() {
        buf.push_str(COMMON[rank]);
    } else {
        // Made-up words: consonant-vowel syllables from the rank.
        let mut r = rank;
        let (c, v) = (b"bcdfghklmnprstvw", b"aeiou");
        while r > 0 {
            buf.push(c[r % c.len()] as char);
            r /= c.len();
            buf.push(v[r % v.len()] as char);
            r /= v.len();
        }
    }
}

fn corpus(n: usize) -> impl Iterator<Item = IndexDoc> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let kinds = ["report", "minutes", "agenda", "decision", "forward plan"];
    let purposes = ["decision", "information", "discussion", "noting"];
    let facts = ["money", "timescale", "organisation", "person"];
    (0..n).map(move |i| {
        let paper = (i / PASSAGES_PER_PAPER) as i64;
        let mut prng = Rng(paper as u64 * 0x2545_F491_4F6C_DD1D + 1);
        let year = 2016 + prng.below(9);
        let date = format!("{year}-{:02}-{:02}", 1 + prng.below(12), 1 + prng.below(28));
        let mut text = String::new();
        for w in 0..(20 + rng.below(60)) {
            if w > 0 {
                text.push(' ');
            }
            word(rng.zipf(VOCABULARY), &mut text);
        }
        let mut title = String::new();
        for w in 0..4 {
            if w > 0 {
                title.push(' ');
            }
            word(20 + prng.below(80), &mut title);
        }
        let mut heading = String::new();
        word(20 + rng.below(200), &mut heading);
        IndexDoc {
            paper_id: paper,
            ord: (i % PASSAGES_PER_PAPER) as u32,
            number: Some(format!("{}.{}", i % 7 + 1, i % 5 + 1)),
            heading: Some(heading),
            field: "paragraph".into(),
            text,
            title,
            body: Some(format!("Board {}", prng.below(20))),
            kind: kinds[prng.below(kinds.len())].into(),
            purpose: Some(purposes[prng.below(purposes.len())].into()),
            date: Some(date),
            has_decision: prng.below(3) == 0,
            has_action: prng.below(4) == 0,
            facts: (0..rng.below(3))
                .map(|_| facts[rng.below(4)].to_string())
                .collect(),
        }
    })
}

fn queries() -> Vec<(&'static str, Query)> {
    let text = |t: &str| Query {
        text: t.into(),
        limit: 20,
        ..Query::default()
    };
    let mut out = Vec::new();
    for w in [
        "council",
        "budget",
        "programme",
        "health",
        "funding",
        "strategy",
        "learners",
        "apprenticeships",
        "governance",
        "procurement",
        "housing",
        "risks",
        "approved",
        "the",
        "board",
        "kaba",
        "dobe",
        "meeting",
        "climate",
        "schools",
    ] {
        out.push(("word", text(w)));
    }
    for w in [
        "adult education budget",
        "work health programme",
        "capital investment plan",
        "net zero",
        "risk audit",
        "council OR committee",
        "budget -capital",
        "skills AND (funding OR investment)",
        "digital strategy review",
        "social care",
    ] {
        out.push(("words", text(w)));
    }
    for w in [
        "\"adult education\"",
        "\"work and health\"",
        "\"of the board\"",
        "\"net zero\"",
        "\"the council\"",
        "\"budget and the\"",
        "\"skills strategy\"",
        "\"to the committee\"",
        "\"health and\"",
        "\"social care\"",
    ] {
        out.push(("phrase", text(w)));
    }
    let f = |t: &str, g: &dyn Fn(&mut Query)| {
        let mut q = text(t);
        g(&mut q);
        q
    };
    out.push((
        "filtered",
        f("budget", &|q| q.kind = Some("minutes".into())),
    ));
    out.push((
        "filtered",
        f("health", &|q| q.body = Some("board 3".into())),
    ));
    out.push((
        "filtered",
        f("programme", &|q| q.since = Some("2020".into())),
    ));
    out.push((
        "filtered",
        f("council", &|q| {
            q.since = Some("2018-04-01".into());
            q.until = Some("2019-03-31".into());
        }),
    ));
    out.push(("filtered", f("funding", &|q| q.fact = Some("money".into()))));
    out.push(("filtered", f("strategy", &|q| q.has_decision = true)));
    out.push((
        "filtered",
        f("\"work and health\"", &|q| {
            q.purpose = Some("decision".into())
        }),
    ));
    out.push(("filters only", f("", &|q| q.kind = Some("report".into()))));
    out.push((
        "filters only",
        f("", &|q| {
            q.body = Some("Board 7".into());
            q.since = Some("2022".into());
        }),
    ));
    out.push(("filters only", f("", &|q| q.has_action = true)));
    assert_eq!(out.len(), 50);
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let n: usize = std::env::var("BENCH_PASSAGES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let dir = std::env::temp_dir().join(format!("boardpack-index-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut index = Index::open(&dir).expect("open");
    let t = Instant::now();
    index.rebuild(&mut corpus(n), 1).expect("rebuild");
    println!("indexed {n} passages in {:.1} s", t.elapsed().as_secs_f64());

    let queries = queries();
    // Warm up (page cache, lazily loaded structures).
    for (_, q) in &queries {
        index.search(q).expect("search");
    }
    let mut by_class: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut all = Vec::new();
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); queries.len()];
    let mut totals = vec![0; queries.len()];
    for _ in 0..ROUNDS {
        for (i, (class, q)) in queries.iter().enumerate() {
            let t = Instant::now();
            let r = index.search(q).expect("search");
            let d = t.elapsed();
            all.push(d);
            per_query[i].push(d);
            totals[i] = r.total;
            match by_class.iter_mut().find(|(c, _)| c == class) {
                Some((_, v)) => v.push(d),
                None => by_class.push((class, vec![d])),
            }
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (class, mut v) in by_class {
        v.sort();
        println!(
            "{class:>13}: p50 {:6.2} ms  p99 {:6.2} ms  ({} runs)",
            ms(percentile(&v, 0.5)),
            ms(percentile(&v, 0.99)),
            v.len()
        );
    }
    all.sort();
    println!(
        "{:>13}: p50 {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms  ({} runs)",
        "all",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(*all.last().unwrap()),
        all.len()
    );
    let mut slowest: Vec<(Duration, usize)> = per_query
        .iter_mut()
        .enumerate()
        .map(|(i, v)| {
            v.sort();
            (percentile(v, 0.5), i)
        })
        .collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    println!("slowest queries (median):");
    for &(d, i) in slowest.iter().take(8) {
        let (class, q) = &queries[i];
        println!(
            "  {:6.2} ms  {class} {:?}  ({} matches)",
            ms(d),
            q.text,
            totals[i]
        );
    }
    drop(index);
    let _ = std::fs::remove_dir_all(&dir);
}
