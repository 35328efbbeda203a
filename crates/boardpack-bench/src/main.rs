//! `boardpack-bench`: generate a synthetic corpus, or run the library benchmark over one.
//!
//! ```text
//! boardpack-bench generate --papers 10000 --seed 1 OUT_DIR
//! boardpack-bench run --papers 100000 [--seed 1] [--work DIR] [--rounds 5] [--out FILE.md]
//!                     [--reuse-library] [--no-fts] [--per-query]
//! boardpack-bench load --library DIR [--clients 200] [--secs 30]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use boardpack_bench::{generate, load, run};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "boardpack-bench", about = "boardpack's library benchmark")]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a synthetic corpus of papers (plain text) into OUT_DIR.
    Generate {
        /// How many papers.
        #[arg(long, default_value_t = 10_000)]
        papers: usize,
        /// The generator's seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write into (one sub-folder per board or committee).
        out_dir: PathBuf,
    },
    /// Generates (or reuses) a corpus, ingests it, and times search against SQLite FTS5.
    Run {
        /// How many papers.
        #[arg(long, default_value_t = 10_000)]
        papers: usize,
        /// The generator's seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Work folder (corpus, library, FTS5 database); default: in the temp directory.
        #[arg(long)]
        work: Option<PathBuf>,
        /// Timed rounds of the 50 queries.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        /// Also write the results as Markdown here (e.g. docs/benchmarks/library-YYYY-MM-DD.md).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Search the library left in the work folder by an earlier run instead of
        /// ingesting again (no ingest figures); for iterating on search.
        #[arg(long)]
        reuse_library: bool,
        /// Skip the SQLite FTS5 comparison.
        #[arg(long)]
        no_fts: bool,
        /// Print each query's figures (matches, p50, max) on the terminal too.
        #[arg(long)]
        per_query: bool,
    },
    /// Serves a library on a loopback port and has concurrent clients search it through
    /// /api/search for a fixed time; prints requests, errors and latency percentiles.
    Load {
        /// The library folder to serve (build one with `boardpack ingest`).
        #[arg(long)]
        library: PathBuf,
        /// Concurrent clients (at most 1000).
        #[arg(long, default_value_t = 200)]
        clients: usize,
        /// How long they search, in seconds (at most 600).
        #[arg(long, default_value_t = 30)]
        secs: u64,
    },
    /// Times the track stage over an ingested library: from scratch, then after an
    /// ingest of a few new papers. Adds those papers to the library.
    Track {
        /// The library folder (e.g. the work folder of `run`, its `library/`).
        #[arg(long)]
        library: PathBuf,
        /// How many new papers to ingest before the incremental run.
        #[arg(long, default_value_t = 5)]
        new_papers: usize,
        /// The generator's seed for the new papers.
        #[arg(long, default_value_t = 99)]
        seed: u64,
        /// Also write the results as Markdown here.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    match Args::parse().command {
        Command::Track {
            library,
            new_papers,
            seed,
            out,
        } => {
            let work = std::env::temp_dir();
            let r = boardpack_bench::track::run(&library, &work, new_papers, seed)?;
            let md = r.markdown(&boardpack_bench::run::today());
            print!("{md}");
            if let Some(out) = out {
                std::fs::write(&out, &md).with_context(|| format!("writing {}", out.display()))?;
            }
        }
        Command::Generate {
            papers,
            seed,
            out_dir,
        } => {
            let t = Instant::now();
            let g = generate::generate(&out_dir, papers, seed)?;
            println!(
                "wrote {} papers, {:.1} MB, to {} in {:.1} s",
                g.files,
                g.bytes as f64 / 1e6,
                out_dir.display(),
                t.elapsed().as_secs_f64()
            );
        }
        Command::Run {
            papers,
            seed,
            work,
            rounds,
            out,
            reuse_library,
            no_fts,
            per_query,
        } => {
            let opts = run::RunOptions {
                papers,
                seed,
                work,
                rounds,
                reuse_library,
                fts: !no_fts,
                verbose: true,
            };
            let report = run::run(&opts)?;
            print!("{}", report.table());
            if per_query {
                for q in &report.queries {
                    println!(
                        "  {}{:>9}  p50 {:>7.2}  max {:>7.2}  {}",
                        if q.estimate { "~" } else { " " },
                        q.total,
                        q.p50,
                        q.max,
                        q.query.label()
                    );
                }
            }
            if let Some(out) = out {
                if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&out, report.markdown(&run::today()))
                    .with_context(|| format!("writing {}", out.display()))?;
                eprintln!("boardpack-bench: wrote {}", out.display());
            }
        }
        Command::Load {
            library,
            clients,
            secs,
        } => {
            let r = load::load(&library, clients, secs)?;
            println!(
                "{} papers, {} clients, {:.1} s: {} requests ({:.0}/s), {} errors; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
                r.papers,
                r.clients,
                r.seconds,
                r.requests,
                r.requests as f64 / r.seconds.max(1e-9),
                r.errors,
                r.p50,
                r.p90,
                r.p99,
                r.max
            );
            println!(
                "| papers | clients | s | requests | req/s | errors | p50 ms | p90 ms | p99 ms | max ms |"
            );
            println!("|---|---|---|---|---|---|---|---|---|---|");
            println!("{}", r.row());
        }
    }
    Ok(())
}
