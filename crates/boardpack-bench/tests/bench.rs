//! End to end: a tiny benchmark run (200 papers) generates, ingests, searches both
//! engines and reports.

use boardpack_bench::run::{RunOptions, run};

#[test]
fn tiny_run() {
    let work = std::env::temp_dir().join(format!("boardpack-bench-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let opts = RunOptions {
        papers: 200,
        seed: 1,
        work: Some(work.clone()),
        rounds: 1,
        ..RunOptions::default()
    };
    let report = run(&opts).expect("the run completes");
    assert_eq!(report.stored, 200, "{}", report.table());
    assert_eq!(report.failed, 0);
    assert!(report.passages > 2_000, "{} passages", report.passages);
    assert!(report.store_bytes > 0 && report.index_bytes > 0 && report.fts_bytes > 0);
    assert_eq!(report.queries.len(), 50);
    // Common words are found by both engines, in similar numbers.
    for q in report
        .queries
        .iter()
        .filter(|q| q.query.group == "word")
        .take(3)
    {
        assert!(q.total > 0 && q.fts_total > 0, "{q:?}");
        let ratio = q.total as f64 / q.fts_total as f64;
        assert!((0.8..=1.25).contains(&ratio), "{q:?}");
    }
    let md = report.markdown("2000-01-01");
    assert!(md.contains("| boardpack |") && md.contains("## Per query"));
    // A second run reuses the corpus.
    let again = run(&opts).expect("the second run completes");
    assert!(again.reused);
    assert_eq!(again.stored, 200);
    // Reusing the library skips ingest; searches find the same.
    let searched = run(&RunOptions {
        reuse_library: true,
        fts: false,
        ..opts.clone()
    })
    .expect("the search-only run completes");
    assert!(searched.library_reused && !searched.fts_timed);
    assert_eq!(searched.passages, again.passages);
    let totals = |r: &boardpack_bench::run::Report| -> Vec<usize> {
        r.queries.iter().map(|q| q.total).collect()
    };
    assert_eq!(totals(&searched), totals(&again));
    assert!(
        searched
            .targets()
            .iter()
            .all(|(what, ..)| *what == "search p99")
    );
    let _ = std::fs::remove_dir_all(&work);
}
