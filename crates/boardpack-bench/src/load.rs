//! The web load test: serves a library on a loopback port in process and has many
//! concurrent clients search it through `/api/search` (varied queries, one keep-alive
//! connection each) for a fixed time, then reports requests, errors and latency
//! percentiles. Bounded: loopback only, at most [`MAX_CLIENTS`] clients for at most
//! [`MAX_SECS`] seconds.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use boardpack_app::Library;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;

use crate::queries::QUERIES;

/// The most clients the load test runs.
pub const MAX_CLIENTS: usize = 1000;
/// The longest it runs, in seconds.
pub const MAX_SECS: u64 = 600;

/// Searches that match the sample papers, mixed with the benchmark's own queries.
const SAMPLE_QUERIES: &[&str] = &[
    "q=jobs+guarantee",
    "q=%22adult+skills+fund%22",
    "q=care+leavers&kind=report",
    "q=evaluation&from=2025&to=2026",
    "q=placements+OR+apprenticeships",
    "q=funding+NOT+devolution",
    "q=commissioning&purpose=decision",
    "q=minutes&kind=minutes&page=2",
];

/// What the load test measured.
#[derive(Debug)]
pub struct LoadReport {
    /// Papers in the library.
    pub papers: u64,
    /// Concurrent clients.
    pub clients: usize,
    /// Seconds the clients ran.
    pub seconds: f64,
    /// Requests completed.
    pub requests: usize,
    /// Requests that failed (transport errors or a status other than 200).
    pub errors: usize,
    /// Latency percentiles, milliseconds.
    pub p50: f64,
    /// See `p50`.
    pub p90: f64,
    /// See `p50`.
    pub p99: f64,
    /// The slowest request, milliseconds.
    pub max: f64,
}

impl LoadReport {
    /// One Markdown table row: papers, clients, seconds, requests, req/s, errors, p50,
    /// p90, p99, max.
    pub fn row(&self) -> String {
        format!(
            "| {} | {} | {:.0} | {} | {:.0} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
            self.papers,
            self.clients,
            self.seconds,
            self.requests,
            self.requests as f64 / self.seconds.max(1e-9),
            self.errors,
            self.p50,
            self.p90,
            self.p99,
            self.max
        )
    }
}

/// The query strings the clients cycle through.
fn query_strings() -> Vec<String> {
    let mut out: Vec<String> = SAMPLE_QUERIES.iter().map(|s| s.to_string()).collect();
    for q in &QUERIES {
        let mut pairs: Vec<(&str, String)> = vec![("q", q.text.to_string())];
        if let Some(k) = q.kind {
            pairs.push(("kind", k.to_string()));
        }
        if let Some(b) = q.body {
            pairs.push(("body", b.to_string()));
        }
        if let Some((a, b)) = q.years {
            pairs.push(("from", a.to_string()));
            pairs.push(("to", b.to_string()));
        }
        pairs.push(("limit", "10".into()));
        out.push(serde_urlencoded::to_string(&pairs).unwrap_or_default());
    }
    out
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i.min(sorted.len() - 1)]) / 1000.0
}

/// Runs the load test against the library in `dir`.
pub fn load(dir: &Path, clients: usize, secs: u64) -> Result<LoadReport> {
    if clients == 0 || clients > MAX_CLIENTS {
        bail!("--clients must be 1 to {MAX_CLIENTS}");
    }
    if secs == 0 || secs > MAX_SECS {
        bail!("--secs must be 1 to {MAX_SECS}");
    }
    let lib = Library::open(dir).with_context(|| format!("library {}", dir.display()))?;
    let papers = lib.info()?.papers;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("tokio runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = boardpack_web::AppState::new(lib, None);
        let server = tokio::spawn(boardpack_web::serve_on(listener, state, async {
            let _ = stopped.await;
        }));
        let queries = Arc::new(query_strings());
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .pool_max_idle_per_host(clients)
                .build_http::<Empty<Bytes>>();
        let start = Instant::now();
        let deadline = start + Duration::from_secs(secs);
        let mut tasks = Vec::with_capacity(clients);
        for c in 0..clients {
            let client = client.clone();
            let queries = Arc::clone(&queries);
            tasks.push(tokio::spawn(async move {
                let mut latencies: Vec<u32> = Vec::new();
                let mut errors = 0usize;
                let mut i = c * 7;
                while Instant::now() < deadline {
                    let q = &queries[i % queries.len()];
                    i += 1;
                    let uri: hyper::Uri = match format!("http://{addr}/api/search?{q}").parse() {
                        Ok(u) => u,
                        Err(_) => {
                            errors += 1;
                            continue;
                        }
                    };
                    let t = Instant::now();
                    let ok = match client.get(uri).await {
                        Ok(res) => {
                            let status = res.status();
                            let body = res.into_body().collect().await;
                            status == hyper::StatusCode::OK && body.is_ok()
                        }
                        Err(_) => false,
                    };
                    let us = t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
                    if ok {
                        latencies.push(us);
                    } else {
                        errors += 1;
                    }
                }
                (latencies, errors)
            }));
        }
        let mut all: Vec<u32> = Vec::new();
        let mut errors = 0;
        for t in tasks {
            let (l, e) = t.await?;
            all.extend(l);
            errors += e;
        }
        let seconds = start.elapsed().as_secs_f64();
        let _ = stop.send(());
        server.await??;
        all.sort_unstable();
        Ok(LoadReport {
            papers,
            clients,
            seconds,
            requests: all.len() + errors,
            errors,
            p50: percentile(&all, 0.50),
            p90: percentile(&all, 0.90),
            p99: percentile(&all, 0.99),
            max: percentile(&all, 1.0),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_valid_query_strings() {
        for q in query_strings() {
            assert!(q.starts_with("q="), "{q}");
            assert!(!q.contains(' '), "{q}");
        }
        assert_eq!(percentile(&[1000, 2000, 3000], 0.5), 2.0);
        assert!(load(Path::new("/nonexistent"), 0, 1).is_err());
        assert!(load(Path::new("/nonexistent"), 10, 10_000).is_err());
    }
}
