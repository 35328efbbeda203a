//! The whole benchmark: generate (or reuse) a corpus, ingest it into a fresh library,
//! time the 50 queries through [`Library::search`], load the same passages into SQLite
//! FTS5 and time the same queries there, and report.
//!
//! Peak memory is read from `/proc/self/status` (`VmHWM`), reset before ingest through
//! `/proc/self/clear_refs` where the kernel allows it, so it is ingest's peak and not the
//! generator's; on systems without `/proc` it is reported as unknown.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use boardpack_app::{IngestOptions, Library, Progress};

use crate::fts::{Fts, fts5_available};
use crate::generate;
use crate::queries::{BenchQuery, QUERIES};

/// The targets the figures are held against.
pub mod targets {
    /// Ingest throughput, papers per second.
    pub const INGEST_PAPERS_PER_S: f64 = 1_000.0;
    /// Search latency at the 99th percentile, milliseconds.
    pub const SEARCH_P99_MS: f64 = 20.0;
    /// How many times faster than FTS5 our search should be at p99.
    pub const P99_VS_FTS5: f64 = 3.0;
    /// Peak resident memory during ingest, bytes (1 GiB).
    pub const PEAK_RSS: u64 = 1 << 30;
}

/// Options of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Papers in the corpus.
    pub papers: usize,
    /// The generator's seed.
    pub seed: u64,
    /// The work folder (corpus, library, FTS5 database); a folder in the system's
    /// temporary directory named after papers and seed if None. A corpus already there
    /// from the same papers and seed is reused.
    pub work: Option<PathBuf>,
    /// Timed rounds of the 50 queries (after one untimed warm-up round).
    pub rounds: usize,
    /// Search the library already in the work folder instead of ingesting a fresh one
    /// (when there is one): for iterating on search; ingest figures are then not measured.
    pub reuse_library: bool,
    /// Load and time SQLite FTS5 too (the comparison the p99 ratio needs).
    pub fts: bool,
    /// Print progress on stderr.
    pub verbose: bool,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            papers: 10_000,
            seed: 1,
            work: None,
            rounds: 5,
            reuse_library: false,
            fts: true,
            verbose: false,
        }
    }
}

/// Latency figures of one engine over all rounds of all queries, in milliseconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Latency {
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Slowest.
    pub max: f64,
    /// Mean.
    pub mean: f64,
}

/// One query's figures.
#[derive(Debug, Clone)]
pub struct QueryFigures {
    /// The query.
    pub query: BenchQuery,
    /// Matching passages, ours.
    pub total: usize,
    /// Whether ours is an estimate (more matches than the index counts exactly).
    pub estimate: bool,
    /// Matching passages, FTS5.
    pub fts_total: usize,
    /// Median latency, ours (ms).
    pub p50: f64,
    /// Median latency, FTS5 (ms).
    pub fts_p50: f64,
    /// Slowest round, ours (ms).
    pub max: f64,
}

/// The figures of a run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Papers asked for.
    pub papers: usize,
    /// Seed.
    pub seed: u64,
    /// The work folder.
    pub work: PathBuf,
    /// Whether the corpus was reused from an earlier run.
    pub reused: bool,
    /// Whether the library was reused (not ingested, so no ingest figures).
    pub library_reused: bool,
    /// Whether FTS5 was timed.
    pub fts_timed: bool,
    /// Seconds spent generating (0 if reused).
    pub generate_s: f64,
    /// Corpus size in bytes.
    pub corpus_bytes: u64,
    /// Papers stored by ingest.
    pub stored: usize,
    /// Files that failed to ingest.
    pub failed: usize,
    /// Passages stored (and indexed).
    pub passages: u64,
    /// Ingest wall time, seconds (open + ingest, index included).
    pub ingest_s: f64,
    /// Papers per second.
    pub papers_per_s: f64,
    /// Megabytes (10^6) of input per second.
    pub mb_per_s: f64,
    /// library.sqlite (with its WAL) in bytes.
    pub store_bytes: u64,
    /// index/ in bytes.
    pub index_bytes: u64,
    /// Peak RSS during ingest, bytes, if known.
    pub ingest_peak_rss: Option<u64>,
    /// Our search latency.
    pub ours: Latency,
    /// Seconds to load the FTS5 table.
    pub fts_load_s: f64,
    /// FTS5 database size in bytes.
    pub fts_bytes: u64,
    /// FTS5 search latency.
    pub fts: Latency,
    /// Timed rounds.
    pub rounds: usize,
    /// Per-query figures.
    pub queries: Vec<QueryFigures>,
    /// Peak RSS over the whole run, bytes, if known.
    pub run_peak_rss: Option<u64>,
}

/// Runs the benchmark.
pub fn run(opts: &RunOptions) -> Result<Report> {
    if !fts5_available()? {
        bail!("the bundled SQLite has no FTS5");
    }
    let say = |msg: &str| {
        if opts.verbose {
            eprintln!("boardpack-bench: {msg}");
        }
    };
    let work = opts.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("boardpack-bench-{}-s{}", opts.papers, opts.seed))
    });
    let corpus = work.join("papers");
    let mut report = Report {
        papers: opts.papers,
        seed: opts.seed,
        work: work.clone(),
        rounds: opts.rounds,
        ..Report::default()
    };

    // Corpus.
    let marker = corpus.join(".boardpack-bench");
    let stamp = format!(
        "papers={} seed={} generator={}\n",
        opts.papers,
        opts.seed,
        env!("CARGO_PKG_VERSION")
    );
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(stamp.as_str()) {
        report.reused = true;
        report.corpus_bytes = dir_size(&corpus);
        say(&format!("reusing the corpus in {}", corpus.display()));
    } else {
        if corpus.exists() {
            std::fs::remove_dir_all(&corpus)
                .with_context(|| format!("removing {}", corpus.display()))?;
        }
        say(&format!(
            "generating {} papers into {}",
            opts.papers,
            corpus.display()
        ));
        let t = Instant::now();
        let g = generate::generate(&corpus, opts.papers, opts.seed)?;
        report.generate_s = t.elapsed().as_secs_f64();
        report.corpus_bytes = g.bytes;
        std::fs::write(&marker, &stamp)?;
    }

    // Ingest into a fresh library (or reuse the one there, for search alone).
    let lib_dir = work.join("library");
    let lib = if opts.reuse_library && report.reused && lib_dir.join("library.sqlite").exists() {
        say(&format!("reusing the library in {}", lib_dir.display()));
        report.library_reused = true;
        let lib = Library::open(&lib_dir)?;
        let info = lib.info()?;
        report.stored = info.papers as usize;
        report.passages = info.passages;
        lib
    } else {
        if lib_dir.exists() {
            std::fs::remove_dir_all(&lib_dir)
                .with_context(|| format!("removing {}", lib_dir.display()))?;
        }
        say("ingesting");
        reset_peak_rss();
        let t = Instant::now();
        let mut lib = Library::open(&lib_dir)?;
        let progress = Ticker {
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            verbose: opts.verbose,
        };
        let summary = lib.ingest(&corpus, &IngestOptions::default(), &progress)?;
        report.ingest_s = t.elapsed().as_secs_f64();
        report.ingest_peak_rss = peak_rss();
        report.stored = summary.added + summary.updated;
        report.failed = summary.failed.len();
        for (path, why) in summary.failed.iter().take(5) {
            eprintln!("boardpack-bench: failed to ingest {path}: {why}");
        }
        report.papers_per_s = summary.files as f64 / report.ingest_s;
        report.mb_per_s = summary.bytes as f64 / 1e6 / report.ingest_s;
        report.passages = lib.info()?.passages;
        lib
    };

    // Our search.
    say("searching the library");
    let mut ours_ms = Vec::new();
    let mut per_query: Vec<(usize, Vec<f64>)> = vec![(0, Vec::new()); QUERIES.len()];
    let mut estimates = vec![false; QUERIES.len()];
    for round in 0..=opts.rounds {
        for (k, q) in QUERIES.iter().enumerate() {
            let query = q.query();
            let t = Instant::now();
            let r = lib
                .search(&query)
                .with_context(|| format!("query {}", q.label()))?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if round > 0 {
                ours_ms.push(ms);
                per_query[k].1.push(ms);
            }
            per_query[k].0 = r.total;
            estimates[k] = r.total_is_estimate;
        }
    }
    report.ours = latency(&mut ours_ms);
    drop(lib);
    report.store_bytes = ["library.sqlite", "library.sqlite-wal"]
        .iter()
        .map(|f| std::fs::metadata(lib_dir.join(f)).map_or(0, |m| m.len()))
        .sum();
    report.index_bytes = dir_size(&lib_dir.join("index"));

    // FTS5.
    report.fts_timed = opts.fts;
    if !opts.fts {
        report.queries = QUERIES
            .iter()
            .zip(per_query.iter_mut().zip(&estimates))
            .map(|(q, ((total, ms), estimate))| {
                let l = latency(ms);
                QueryFigures {
                    query: *q,
                    total: *total,
                    estimate: *estimate,
                    fts_total: 0,
                    p50: l.p50,
                    fts_p50: 0.0,
                    max: l.max,
                }
            })
            .collect();
        report.run_peak_rss = peak_rss();
        return Ok(report);
    }
    say("loading the passages into FTS5");
    let fts_file = work.join("fts5.sqlite");
    let t = Instant::now();
    let mut fts = Fts::create(&fts_file)?;
    let rows = fts.load(&lib_dir.join("library.sqlite"))?;
    report.fts_load_s = t.elapsed().as_secs_f64();
    report.fts_bytes = std::fs::metadata(&fts_file).map_or(0, |m| m.len());
    if rows != report.passages {
        eprintln!(
            "boardpack-bench: FTS5 has {rows} rows, the library {} passages",
            report.passages
        );
    }
    say("searching FTS5");
    let mut fts_ms = Vec::new();
    let mut fts_per_query: Vec<(usize, Vec<f64>)> = vec![(0, Vec::new()); QUERIES.len()];
    for round in 0..=opts.rounds {
        for (k, q) in QUERIES.iter().enumerate() {
            let t = Instant::now();
            let (total, _) = fts
                .search(q)
                .with_context(|| format!("FTS5 query {}", q.fts))?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if round > 0 {
                fts_ms.push(ms);
                fts_per_query[k].1.push(ms);
            }
            fts_per_query[k].0 = total;
        }
    }
    report.fts = latency(&mut fts_ms);
    report.queries = QUERIES
        .iter()
        .zip(
            per_query
                .iter_mut()
                .zip(&estimates)
                .zip(fts_per_query.iter_mut()),
        )
        .map(|(q, (((total, ms), estimate), (fts_total, fts_ms)))| {
            let l = latency(ms);
            QueryFigures {
                query: *q,
                total: *total,
                estimate: *estimate,
                fts_total: *fts_total,
                p50: l.p50,
                fts_p50: latency(fts_ms).p50,
                max: l.max,
            }
        })
        .collect();
    report.run_peak_rss = peak_rss();
    Ok(report)
}

/// Prints ingest progress every tenth of the way.
struct Ticker {
    done: AtomicUsize,
    total: AtomicUsize,
    verbose: bool,
}

impl Progress for Ticker {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }
    fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let total = self.total.load(Ordering::Relaxed).max(1);
        if self.verbose && total >= 1000 && done.checked_rem(total / 10) == Some(0) {
            eprintln!("boardpack-bench: ingested {done} of {total}");
        }
    }
    fn failed(&self, _path: &Path, _reason: &str) {}
    fn finish(&self) {}
}

/// Percentiles of `samples` (sorted in place), nearest-rank.
fn latency(samples: &mut [f64]) -> Latency {
    if samples.is_empty() {
        return Latency::default();
    }
    samples.sort_by(f64::total_cmp);
    let at =
        |q: f64| samples[((q * samples.len() as f64).ceil() as usize).clamp(1, samples.len()) - 1];
    Latency {
        p50: at(0.50),
        p90: at(0.90),
        p99: at(0.99),
        max: samples[samples.len() - 1],
        mean: samples.iter().sum::<f64>() / samples.len() as f64,
    }
}

/// Total size of the files under `dir`.
fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// The process's peak resident set size so far (VmHWM), if the system says.
pub(crate) fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak RSS to the current RSS (Linux ≥ 4.0), so the next reading is the
/// peak of what follows. Best effort.
pub(crate) fn reset_peak_rss() {
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .write(true)
        .open("/proc/self/clear_refs")
    {
        let _ = f.write_all(b"5");
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

/// Today's date (UTC) as YYYY-MM-DD.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    // Civil-from-days (Howard Hinnant).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("{cpus} CPUs ({model}), {}", std::env::consts::OS)
}

impl Report {
    /// Whether each target is met: (what, figure, target, met).
    /// Figures not measured in this run (a reused library, FTS5 skipped) are left out.
    pub fn targets(&self) -> Vec<(&'static str, String, String, bool)> {
        let ratio = self.p99_ratio();
        let mut out = Vec::new();
        if !self.library_reused {
            out.push((
                "ingest throughput",
                format!("{:.0} papers/s", self.papers_per_s),
                format!(">= {:.0} papers/s", targets::INGEST_PAPERS_PER_S),
                self.papers_per_s >= targets::INGEST_PAPERS_PER_S,
            ));
        }
        out.push((
            "search p99",
            format!("{:.2} ms", self.ours.p99),
            format!("<= {:.0} ms", targets::SEARCH_P99_MS),
            self.ours.p99 <= targets::SEARCH_P99_MS,
        ));
        if self.fts_timed {
            out.push((
                "p99 vs FTS5",
                format!("{ratio:.2}x faster"),
                format!(">= {:.0}x faster", targets::P99_VS_FTS5),
                ratio >= targets::P99_VS_FTS5,
            ));
        }
        if let Some(rss) = self.ingest_peak_rss {
            out.push((
                "peak RSS (ingest)",
                mib(rss),
                "<= 1024 MiB".into(),
                rss <= targets::PEAK_RSS,
            ));
        }
        out
    }

    /// FTS5's p99 over ours: how many times faster we are.
    pub fn p99_ratio(&self) -> f64 {
        self.fts.p99 / self.ours.p99.max(1e-9)
    }

    /// The summary table printed on the terminal.
    pub fn table(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "corpus     {} papers (seed {}), {}{}",
            self.papers,
            self.seed,
            mib(self.corpus_bytes),
            if self.reused { ", reused" } else { "" }
        );
        if !self.reused {
            let _ = writeln!(t, "generate   {:.1} s", self.generate_s);
        }
        if self.library_reused {
            let _ = writeln!(
                t,
                "ingest     not run: library reused; {} papers, {} passages",
                self.stored, self.passages
            );
        } else {
            let _ = writeln!(
                t,
                "ingest     {:.1} s: {:.0} papers/s, {:.2} MB/s; {} stored, {} failed, {} passages",
                self.ingest_s,
                self.papers_per_s,
                self.mb_per_s,
                self.stored,
                self.failed,
                self.passages
            );
        }
        let _ = writeln!(
            t,
            "on disk    store {} + index {} = {} (corpus {})",
            mib(self.store_bytes),
            mib(self.index_bytes),
            mib(self.store_bytes + self.index_bytes),
            mib(self.corpus_bytes)
        );
        let _ = writeln!(
            t,
            "peak RSS   ingest {}, whole run {}",
            self.ingest_peak_rss.map_or("unknown".into(), mib),
            self.run_peak_rss.map_or("unknown".into(), mib)
        );
        let _ = writeln!(
            t,
            "FTS5       load {:.1} s, {}",
            self.fts_load_s,
            mib(self.fts_bytes)
        );
        let _ = writeln!(
            t,
            "\nsearch ({} queries x {} rounds)   p50 ms    p90 ms    p99 ms    max ms   mean ms",
            QUERIES.len(),
            self.rounds
        );
        for (name, l) in [("boardpack", self.ours), ("FTS5", self.fts)] {
            let _ = writeln!(
                t,
                "  {name:<30} {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}",
                l.p50, l.p90, l.p99, l.max, l.mean
            );
        }
        let _ = writeln!(
            t,
            "  {:<30} {:>7.2}x  {:>7.2}x  {:>7.2}x  {:>7.2}x  {:>7.2}x",
            "FTS5 / boardpack",
            self.fts.p50 / self.ours.p50.max(1e-9),
            self.fts.p90 / self.ours.p90.max(1e-9),
            self.p99_ratio(),
            self.fts.max / self.ours.max.max(1e-9),
            self.fts.mean / self.ours.mean.max(1e-9)
        );
        let _ = writeln!(t, "\ntargets");
        for (what, figure, target, ok) in self.targets() {
            let _ = writeln!(
                t,
                "  {what:<20} {figure:>16}  (target {target}): {}",
                met(ok)
            );
        }
        t
    }

    /// The dated Markdown page for `docs/benchmarks/`.
    pub fn markdown(&self, date: &str) -> String {
        let mut t = String::new();
        let _ = writeln!(t, "# Library benchmark, {date}\n");
        let _ = writeln!(
            t,
            "`boardpack-bench run --papers {} --seed {}` (release build) on {}.\n",
            self.papers,
            self.seed,
            machine()
        );
        let _ = writeln!(
            t,
            "The corpus is synthetic (`crates/boardpack-bench/src/generate`): reports, item and meeting minutes, decision notices, forward-plan entries and agendas of {} boards and committees over {}–{}. Search times are over {} timed rounds of the 50 queries in `crates/boardpack-bench/src/queries.rs` (after one warm-up round), top {} hits with snippets plus the total (ours also counts facets; both exactly up to {} matches and, beyond, estimated from an even sample of the index: such totals are marked ~). FTS5 is SQLite's (bundled with rusqlite), porter tokenizer, one row per passage, `ORDER BY rank` (BM25 weighted 1/2/2 for text/heading/title) `LIMIT {}` plus `count(*)`; its filters are UNINDEXED columns of the FTS5 table, checked on each matching row (FTS5 has no index on them), where our index intersects posting lists. Both engines get the same passages and give the same exact match counts.\n",
            generate::World::new(self.seed).bodies.len(),
            generate::FIRST_YEAR,
            generate::LAST_YEAR,
            self.rounds,
            crate::queries::LIMIT,
            boardpack_app::EXACT_UP_TO,
            crate::queries::LIMIT
        );
        let _ = writeln!(t, "| figure | value |\n|---|---|");
        let rows = [
            (
                "papers (stored / failed)",
                format!("{} / {}", self.stored, self.failed),
            ),
            ("passages", self.passages.to_string()),
            ("corpus", mib(self.corpus_bytes)),
            ("ingest wall time", format!("{:.1} s", self.ingest_s)),
            (
                "ingest throughput",
                format!(
                    "{:.0} papers/s, {:.2} MB/s",
                    self.papers_per_s, self.mb_per_s
                ),
            ),
            ("store (library.sqlite)", mib(self.store_bytes)),
            ("index (index/)", mib(self.index_bytes)),
            (
                "peak RSS, ingest",
                self.ingest_peak_rss.map_or("unknown".into(), mib),
            ),
            (
                "peak RSS, whole run",
                self.run_peak_rss.map_or("unknown".into(), mib),
            ),
            (
                "FTS5 load / size",
                format!("{:.1} s / {}", self.fts_load_s, mib(self.fts_bytes)),
            ),
        ];
        for (k, v) in rows {
            let _ = writeln!(t, "| {k} | {v} |");
        }
        let _ = writeln!(
            t,
            "\n| search latency (ms) | p50 | p90 | p99 | max | mean |\n|---|---|---|---|---|---|"
        );
        for (name, l) in [("boardpack", self.ours), ("FTS5", self.fts)] {
            let _ = writeln!(
                t,
                "| {name} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
                l.p50, l.p90, l.p99, l.max, l.mean
            );
        }
        let _ = writeln!(
            t,
            "| FTS5 / boardpack | {:.2}x | {:.2}x | {:.2}x | {:.2}x | {:.2}x |",
            self.fts.p50 / self.ours.p50.max(1e-9),
            self.fts.p90 / self.ours.p90.max(1e-9),
            self.p99_ratio(),
            self.fts.max / self.ours.max.max(1e-9),
            self.fts.mean / self.ours.mean.max(1e-9)
        );
        let _ = writeln!(t, "\n| target | figure | wanted | |\n|---|---|---|---|");
        for (what, figure, target, ok) in self.targets() {
            let _ = writeln!(t, "| {what} | {figure} | {target} | {} |", met(ok));
        }
        let _ = writeln!(
            t,
            "\n## Per query\n\n| group | query | matches (ours / FTS5) | p50 ms (ours / FTS5) | max ms (ours) |\n|---|---|---|---|---|"
        );
        for q in &self.queries {
            let _ = writeln!(
                t,
                "| {} | `{}` | {}{} / {} | {:.2} / {:.2} | {:.2} |",
                q.query.group,
                q.query.label(),
                if q.estimate { "~" } else { "" },
                q.total,
                q.fts_total,
                q.p50,
                q.fts_p50,
                q.max
            );
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut s: Vec<f64> = (1..=100).map(f64::from).collect();
        let l = latency(&mut s);
        assert_eq!((l.p50, l.p90, l.p99, l.max), (50.0, 90.0, 99.0, 100.0));
        assert_eq!(latency(&mut [3.0]).p99, 3.0);
    }

    #[test]
    fn today_is_a_date() {
        let d = today();
        assert_eq!(d.len(), 10);
        assert!(d.starts_with("20"));
    }
}
