//! boardpack's library benchmark: a synthetic corpus of committee papers, timed ingest
//! and search through the app crate, and the same passages and queries in SQLite FTS5 as
//! a yardstick.
//!
//! - `generate`: the corpus generator (deterministic for a seed).
//! - `queries`: the fixed set of benchmark queries, each in our query language and in
//!   FTS5's.
//! - `fts`: the FTS5 comparison. This crate is the only one besides the store that uses
//!   rusqlite, and only for this: a separate database holding the library's passages in
//!   an FTS5 table. It never touches `library.sqlite`'s SQL; it reads the passages through
//!   the store's API.
//! - `run`: the whole benchmark (generate or reuse, ingest, search, FTS5, report).
//! - `load`: the web load test (many concurrent clients searching through the JSON API
//!   of a server on a loopback port).
//!
//! Not a test of correctness: the figures are wall-clock times on whatever machine runs
//! it, and are kept dated in `docs/benchmarks/`.
#![warn(missing_docs)]

mod fts;
pub mod generate;
pub mod load;
pub mod queries;
pub mod rng;
pub mod run;
pub mod track;
