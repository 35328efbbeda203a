//! The track benchmark: the track stage over an existing library, from scratch, then
//! again after an ingest of a few new papers (the incremental path).
//!
//! ```text
//! boardpack-bench track --library DIR [--new-papers 5] [--out FILE.md]
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use boardpack_app::{FollowFilter, IngestOptions, Library, Progress};

use crate::run::{peak_rss, reset_peak_rss};

/// What the benchmark measured.
#[derive(Debug, Clone)]
pub struct TrackReport {
    /// Papers in the library.
    pub papers: u64,
    /// Seconds for the whole track stage from scratch.
    pub full_seconds: f64,
    /// Papers derived in the full run.
    pub derived: usize,
    /// Items (actions, decisions, activities) tracked.
    pub items: usize,
    /// Items with a link.
    pub linked: usize,
    /// Recurring subjects.
    pub threads: usize,
    /// New papers ingested for the incremental run.
    pub new_papers: usize,
    /// Seconds for the incremental track run after that ingest.
    pub incremental_seconds: f64,
    /// Items matched afresh in the incremental run.
    pub relinked: usize,
    /// Peak RSS during the full run, bytes.
    pub peak_rss: Option<u64>,
}

struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
    fn failed(&self, _: &Path, _: &str) {}
    fn finish(&self) {}
}

/// Runs the benchmark on the library in `dir`, writing `new_papers` generated papers
/// (seed `seed`) under `work` for the incremental step.
pub fn run(dir: &Path, work: &Path, new_papers: usize, seed: u64) -> Result<TrackReport> {
    let mut lib = Library::open(dir)?;
    let papers = lib.info()?.papers;
    lib.reset_track()?;
    reset_peak_rss();
    let t = Instant::now();
    let full = lib.track()?;
    let full_seconds = t.elapsed().as_secs_f64();
    let peak = peak_rss();
    let all = lib.follow_ups(&FollowFilter {
        as_of: boardpack_app::today(),
        ..FollowFilter::default()
    })?;
    let linked = all.iter().filter(|f| f.link.is_some()).count();
    let threads = lib.threads(None)?.len();
    // A few new papers, as after a meeting.
    let new_dir: PathBuf = work.join("track-bench-new");
    let _ = std::fs::remove_dir_all(&new_dir);
    // The next meeting's papers: dated after the library's last year, with a seed of
    // their own each run so they are new to the library.
    let next = crate::generate::LAST_YEAR + 1;
    crate::generate::generate_in(
        &new_dir,
        new_papers,
        seed.wrapping_add(papers),
        (next, next),
    )?;
    lib.ingest(&new_dir, &IngestOptions::default(), &Quiet)?;
    let t = Instant::now();
    let inc = lib.track()?;
    let incremental_seconds = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&new_dir);
    Ok(TrackReport {
        papers,
        full_seconds,
        derived: full.derived,
        items: all.len(),
        linked,
        threads,
        new_papers,
        incremental_seconds,
        relinked: inc.relinked,
        peak_rss: peak,
    })
}

impl TrackReport {
    /// The report as a Markdown section.
    pub fn markdown(&self, date: &str) -> String {
        let rss = self.peak_rss.map_or("n/a".into(), |b| {
            format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64)
        });
        format!(
            "# Track benchmark, {date}\n\n\
             `boardpack-bench track` (release build) on an ingested synthetic library.\n\n\
             | figure | value | target |\n|---|---|---|\n\
             | papers | {} | |\n\
             | full track run (derive + link) | {:.1} s | < 60 s: {} |\n\
             | papers derived | {} | |\n\
             | items tracked / linked | {} / {} | |\n\
             | recurring subjects | {} | |\n\
             | peak RSS, full run | {rss} | |\n\
             | incremental run after ingesting {} papers | {:.2} s | < 1 s: {} |\n\
             | items matched afresh | {} | |\n",
            self.papers,
            self.full_seconds,
            if self.full_seconds < 60.0 {
                "met"
            } else {
                "NOT met"
            },
            self.derived,
            self.items,
            self.linked,
            self.threads,
            self.new_papers,
            self.incremental_seconds,
            if self.incremental_seconds < 1.0 {
                "met"
            } else {
                "NOT met"
            },
            self.relinked,
        )
    }
}
