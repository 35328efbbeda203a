//! The yardstick: the library's passages in a SQLite FTS5 table, searched with the same
//! queries.
//!
//! The only use of rusqlite outside the store crate. The FTS5 database is a separate file
//! in the benchmark's work folder; the passages come from the library through the store's
//! API ([`boardpack_store::Store::for_each_passage`]), so both engines index the same text
//! with the same filter values. One row per passage: `text`, `heading` and `title` are
//! indexed with the porter tokenizer and ranked with BM25 weighted as our index weighs
//! them (headings and titles twice the text); kind, body, date and has-decision are
//! unindexed columns the WHERE clause filters on. Each search returns the top 10 with a
//! snippet, plus a count of all matches (our search also returns totals, and facets,
//! which FTS5 is not asked for).

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use crate::queries::{BenchQuery, LIMIT};

/// An FTS5 database of passages.
pub(crate) struct Fts {
    conn: Connection,
}

/// Whether the SQLite rusqlite was built with has FTS5 compiled in.
pub(crate) fn fts5_available() -> Result<bool> {
    let conn = Connection::open_in_memory()?;
    let on: i64 = conn.query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
        r.get(0)
    })?;
    Ok(on == 1)
}

const FILTER: &str = "passages MATCH ?1
    AND (?2 IS NULL OR kind = ?2)
    AND (?3 IS NULL OR body = ?3 COLLATE NOCASE)
    AND (?4 IS NULL OR date >= ?4)
    AND (?5 IS NULL OR date <= ?5)
    AND (?6 = 0 OR has_decision = 1)";

impl Fts {
    /// A new, empty database at `file` (any old one is deleted).
    pub(crate) fn create(file: &Path) -> Result<Fts> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut f = file.as_os_str().to_owned();
            f.push(suffix);
            let _ = std::fs::remove_file(&f);
        }
        let conn = Connection::open(file).with_context(|| format!("opening {}", file.display()))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE VIRTUAL TABLE passages USING fts5(
                 text, heading, title,
                 kind UNINDEXED, body UNINDEXED, date UNINDEXED,
                 has_decision UNINDEXED, paper_id UNINDEXED,
                 tokenize = 'porter unicode61'
             );
             INSERT INTO passages(passages, rank) VALUES ('rank', 'bm25(1.0, 2.0, 2.0)');",
        )
        .context("creating the FTS5 table")?;
        Ok(Fts { conn })
    }

    /// Loads every passage of the library whose store is `store_file`, in one
    /// transaction, and optimises the index. Returns the number of rows.
    pub(crate) fn load(&mut self, store_file: &Path) -> Result<u64> {
        let store = boardpack_store::Store::open(store_file)
            .with_context(|| format!("opening {}", store_file.display()))?;
        let tx = self.conn.transaction()?;
        let mut rows = 0u64;
        {
            let mut insert = tx.prepare(
                "INSERT INTO passages
                     (text, heading, title, kind, body, date, has_decision, paper_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut failed: Option<rusqlite::Error> = None;
            store.for_each_passage(None, &mut |row, p| {
                if failed.is_some() {
                    return;
                }
                let title = row.title.as_deref().unwrap_or(&row.path);
                match insert.execute(params![
                    p.text,
                    p.heading,
                    title,
                    row.kind,
                    row.body,
                    row.date,
                    i64::from(row.decisions > 0),
                    row.id
                ]) {
                    Ok(_) => rows += 1,
                    Err(e) => failed = Some(e),
                }
            })?;
            if let Some(e) = failed {
                return Err(e).context("loading passages into FTS5");
            }
        }
        tx.execute("INSERT INTO passages(passages) VALUES ('optimize')", [])?;
        tx.commit()?;
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(rows)
    }

    /// Runs one query: the top hits with snippets, and the count of all matches.
    pub(crate) fn search(&self, q: &BenchQuery) -> Result<(usize, usize)> {
        let since = q.years.map(|(a, _)| format!("{a}-01-01"));
        let until = q.years.map(|(_, b)| format!("{b}-12-31"));
        let args = params![
            q.fts,
            q.kind,
            q.body,
            since,
            until,
            i64::from(q.has_decision)
        ];
        let mut top = self.conn.prepare_cached(&format!(
            "SELECT paper_id, title, snippet(passages, 0, '[', ']', '…', 24), rank
             FROM passages WHERE {FILTER} ORDER BY rank LIMIT {LIMIT}"
        ))?;
        let mut hits = 0;
        let mut rows = top.query(args)?;
        while let Some(row) = rows.next()? {
            let _: (i64, String, String, f64) =
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
            hits += 1;
        }
        let mut count = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM passages WHERE {FILTER}"))?;
        let total: i64 = count.query_row(args, |r| r.get(0))?;
        Ok((total as usize, hits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_sqlite_has_fts5() {
        assert!(fts5_available().expect("sqlite"));
    }
}
