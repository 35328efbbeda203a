//! Queries: paper rows, records, passages, file states, counters and checks.
//!
//! Nothing here writes. Rows are turned into the crate's domain types as they are read,
//! so no rusqlite type leaves the crate.

use boardpack_model::Paper;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::{Context, Counts, FileState, PaperId, PaperRow, Passage, Result, StoreError};

/// The columns [`paper_row`] reads, in order, from `papers p`.
const ROW_COLUMNS: &str = "p.id, p.path, p.part, p.hash, p.format, p.body, p.kind, p.title, p.date,
    p.date_basis, p.purpose,
    (SELECT count(*) FROM decisions d WHERE d.paper_id = p.id),
    (SELECT count(*) FROM actions a WHERE a.paper_id = p.id)";

/// Number of columns in [`ROW_COLUMNS`].
const ROW_WIDTH: usize = 13;

fn paper_row(r: &Row<'_>) -> rusqlite::Result<PaperRow> {
    Ok(PaperRow {
        id: r.get(0)?,
        path: r.get(1)?,
        part: r.get(2)?,
        hash: r.get(3)?,
        format: r.get(4)?,
        body: r.get(5)?,
        kind: r.get(6)?,
        title: r.get(7)?,
        date: r.get(8)?,
        date_basis: r.get(9)?,
        purpose: r.get(10)?,
        decisions: r.get(11)?,
        actions: r.get(12)?,
    })
}

/// The columns [`passage`] reads, in order.
const PASSAGE_COLUMNS: &str = "ord, number, heading, field, line, text, facts";

fn passage(r: &Row<'_>) -> rusqlite::Result<Passage> {
    let facts: String = r.get(6)?;
    let facts: Vec<String> = serde_json::from_str(&facts)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(6, Type::Text, Box::new(e)))?;
    Ok(Passage {
        ord: r.get(0)?,
        number: r.get(1)?,
        heading: r.get(2)?,
        field: r.get(3)?,
        line: r.get(4)?,
        text: r.get(5)?,
        facts,
    })
}

pub(crate) fn file_state(conn: &Connection, path: &str) -> Result<Option<FileState>> {
    conn.prepare_cached("SELECT path, size, mtime_ns, hash, error FROM files WHERE path = ?1")
        .and_then(|mut s| {
            s.query_row([path], |r| {
                Ok(FileState {
                    path: r.get(0)?,
                    size: r.get(1)?,
                    mtime_ns: r.get(2)?,
                    hash: r.get(3)?,
                    error: r.get(4)?,
                })
            })
            .optional()
        })
        .ctx("reading a file's state")
}

pub(crate) fn paper(conn: &Connection, id: PaperId) -> Result<Option<(PaperRow, Paper)>> {
    let found: Option<(PaperRow, String)> = conn
        .prepare_cached(&format!(
            "SELECT {ROW_COLUMNS}, p.record_json FROM papers p WHERE p.id = ?1"
        ))
        .and_then(|mut s| {
            s.query_row([id], |r| Ok((paper_row(r)?, r.get(ROW_WIDTH)?)))
                .optional()
        })
        .ctx("reading a paper")?;
    let Some((row, json)) = found else {
        return Ok(None);
    };
    let record: Paper = serde_json::from_str(&json).map_err(|e| {
        StoreError::Corrupt(format!("the record of paper {id} does not decode: {e}"))
    })?;
    Ok(Some((row, record)))
}

pub(crate) fn row(conn: &Connection, id: PaperId) -> Result<Option<PaperRow>> {
    conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM papers p WHERE p.id = ?1"
    ))
    .and_then(|mut s| s.query_row([id], paper_row).optional())
    .ctx("reading a paper's row")
}

pub(crate) fn papers(conn: &Connection) -> Result<Vec<PaperRow>> {
    conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM papers p ORDER BY p.path, p.part"
    ))
    .and_then(|mut s| s.query_map([], paper_row)?.collect())
    .ctx("listing papers")
}

/// Like [`papers`] without the decision and action counts (zero), in id order: cheap
/// enough to read on every track run.
pub(crate) fn papers_brief(conn: &Connection) -> Result<Vec<PaperRow>> {
    conn.prepare_cached(
        "SELECT p.id, p.path, p.part, p.hash, p.format, p.body, p.kind, p.title, p.date,
                p.date_basis, p.purpose, 0, 0
         FROM papers p ORDER BY p.id",
    )
    .and_then(|mut s| s.query_map([], paper_row)?.collect())
    .ctx("listing papers")
}

pub(crate) fn passages(conn: &Connection, id: PaperId) -> Result<Vec<Passage>> {
    conn.prepare_cached(&format!(
        "SELECT {PASSAGE_COLUMNS} FROM passages WHERE paper_id = ?1 ORDER BY ord"
    ))
    .and_then(|mut s| s.query_map([id], passage)?.collect())
    .ctx("reading a paper's passages")
}

pub(crate) fn for_each_passage(
    conn: &Connection,
    only: Option<&[PaperId]>,
    f: &mut dyn FnMut(&PaperRow, &Passage),
) -> Result<()> {
    let what = "reading passages";
    let mut of_paper = conn
        .prepare_cached(&format!(
            "SELECT {PASSAGE_COLUMNS} FROM passages WHERE paper_id = ?1 ORDER BY ord"
        ))
        .ctx(what)?;
    let mut each = |row: &PaperRow| -> Result<()> {
        let mut rows = of_paper.query([row.id]).ctx(what)?;
        while let Some(r) = rows.next().ctx(what)? {
            f(row, &passage(r).ctx(what)?);
        }
        Ok(())
    };
    match only {
        Some(ids) => {
            let mut ids = ids.to_vec();
            ids.sort_unstable();
            ids.dedup();
            let mut one = conn
                .prepare_cached(&format!(
                    "SELECT {ROW_COLUMNS} FROM papers p WHERE p.id = ?1"
                ))
                .ctx(what)?;
            for id in ids {
                if let Some(row) = one.query_row([id], paper_row).optional().ctx(what)? {
                    each(&row)?;
                }
            }
        }
        None => {
            let mut all = conn
                .prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM papers p ORDER BY p.id"))
                .ctx(what)?;
            let mut rows = all.query([]).ctx(what)?;
            while let Some(r) = rows.next().ctx(what)? {
                each(&paper_row(r).ctx(what)?)?;
            }
        }
    }
    Ok(())
}

pub(crate) fn generation(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = 'generation'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .ctx("reading the generation")
}

pub(crate) fn integrity_check(conn: &Connection) -> Result<()> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .ctx("checking integrity")?;
    if problems.iter().any(|p| p != "ok") {
        return Err(StoreError::Corrupt(problems.join("; ")));
    }
    let orphans: Vec<(String, i64, String)> = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    r.get(2)?,
                ))
            })?
            .collect()
        })
        .ctx("checking foreign keys")?;
    if !orphans.is_empty() {
        let first: Vec<String> = orphans
            .iter()
            .take(5)
            .map(|(table, row, parent)| {
                format!("{table} row {row} refers to a missing {parent} row")
            })
            .collect();
        return Err(StoreError::Corrupt(format!(
            "{} rows refer to missing rows: {}",
            orphans.len(),
            first.join("; ")
        )));
    }
    Ok(())
}

pub(crate) fn counts(conn: &Connection) -> Result<Counts> {
    conn.prepare_cached(
        "SELECT (SELECT count(*) FROM papers), (SELECT count(*) FROM passages),
                (SELECT count(*) FROM files), (SELECT count(*) FROM files WHERE error IS NOT NULL)",
    )
    .and_then(|mut s| {
        s.query_row([], |r| {
            Ok(Counts {
                papers: r.get(0)?,
                passages: r.get(1)?,
                files: r.get(2)?,
                failed: r.get(3)?,
            })
        })
    })
    .ctx("counting the library")
}

/// Finds a paper by id, path, file name or path suffix; see [`crate::Store::resolve`].
pub(crate) fn resolve(conn: &Connection, key: &str) -> Result<Option<PaperId>> {
    let key = key.trim();
    if key.is_empty() {
        return Ok(None);
    }
    if let Ok(id) = key.parse::<PaperId>() {
        let found: Option<PaperId> = conn
            .prepare_cached("SELECT id FROM papers WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .ctx("looking up a paper id")?;
        if found.is_some() {
            return Ok(found);
        }
    }
    let (name, part) = match key.rsplit_once('#') {
        Some((name, n)) if !name.is_empty() => match n.parse::<u32>() {
            Ok(part) => (name, Some(part)),
            Err(_) => (key, None),
        },
        _ => (key, None),
    };
    // Every (path, part, id) a key can name: papers under their own path, and files whose
    // content is stored under another path.
    let what = "resolving a paper";
    let candidates: Vec<(String, u32, PaperId)> = conn
        .prepare_cached(
            "SELECT path, part, id FROM papers
             UNION ALL
             SELECT f.path, p.part, p.id FROM files f JOIN papers p ON p.hash = f.hash
             WHERE f.hash <> '' AND NOT EXISTS (SELECT 1 FROM papers q WHERE q.path = f.path)",
        )
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .ctx(what)?;
    let tiers: [&dyn Fn(&str) -> bool; 3] = [
        &|path| path == name,
        &|path| {
            path.strip_suffix(name)
                .is_some_and(|rest| rest.ends_with('/') || rest.ends_with('\\'))
        },
        &|path| path.ends_with(name),
    ];
    for matches in tiers {
        let mut ids: Vec<PaperId> = candidates
            .iter()
            .filter(|(path, p, _)| matches(path) && part.is_none_or(|want| *p == want))
            .map(|(_, _, id)| *id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [] => continue,
            [id] => return Ok(Some(*id)),
            _ => return Ok(None),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_library_reads_as_empty() {
        let conn = crate::schema::open_in_memory().unwrap();
        assert_eq!(counts(&conn).unwrap(), Counts::default());
        assert_eq!(generation(&conn).unwrap(), 0);
        assert!(papers(&conn).unwrap().is_empty());
        assert!(paper(&conn, 1).unwrap().is_none());
        assert_eq!(resolve(&conn, "1").unwrap(), None);
        assert_eq!(resolve(&conn, "  ").unwrap(), None);
        assert_eq!(file_state(&conn, "/nowhere").unwrap(), None);
        integrity_check(&conn).unwrap();
    }

    #[test]
    fn orphan_rows_fail_the_check() {
        let conn = crate::schema::open_in_memory().unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO recommendations (paper_id, ord, text) VALUES (99, 0, 'Note the report.');",
        )
        .unwrap();
        assert!(
            matches!(integrity_check(&conn), Err(StoreError::Corrupt(m)) if m.contains("recommendations"))
        );
    }
}
