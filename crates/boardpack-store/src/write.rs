//! Writes: storing batches of papers and recording the state of files.
//!
//! Each public function here is one transaction. Statements are prepared once per
//! connection (`prepare_cached`), so a batch costs a few SQLite steps per row. Not for
//! queries: those are in `read`.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use boardpack_model::{DateBasis, Item, Paper, Source};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::{Batch, Context, NewPaper, Outcome, PaperId, Result, StoreError};

/// The tables holding a paper's passages and facts, cleared when it changes.
const CHILD_TABLES: [&str; 10] = [
    "DELETE FROM passages WHERE paper_id = ?1",
    "DELETE FROM timescales WHERE paper_id = ?1",
    "DELETE FROM money WHERE paper_id = ?1",
    "DELETE FROM organisations WHERE paper_id = ?1",
    "DELETE FROM people WHERE paper_id = ?1",
    "DELETE FROM activities WHERE paper_id = ?1",
    "DELETE FROM decisions WHERE paper_id = ?1",
    "DELETE FROM actions WHERE paper_id = ?1",
    "DELETE FROM recommendations WHERE paper_id = ?1",
    "DELETE FROM contacts WHERE paper_id = ?1",
];

/// Seconds since the epoch, for `files.seen_at`.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn begin(conn: &mut Connection) -> Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx("starting a write")
}

/// Updates a known file's size and time; a path never seen is left alone.
pub(crate) fn touch_file(
    conn: &mut Connection,
    path: &str,
    size: u64,
    mtime_ns: i64,
) -> Result<()> {
    let tx = begin(conn)?;
    tx.prepare_cached("UPDATE files SET size = ?2, mtime_ns = ?3, seen_at = ?4 WHERE path = ?1")
        .and_then(|mut s| s.execute(params![path, size, mtime_ns, now()]))
        .ctx("recording a file seen again")?;
    tx.commit().ctx("committing a file seen again")
}

/// Records a failed ingest of `path`: its hash is cleared and the error kept.
pub(crate) fn record_failure(
    conn: &mut Connection,
    path: &str,
    size: u64,
    mtime_ns: i64,
    error: &str,
) -> Result<()> {
    let tx = begin(conn)?;
    put_file(&tx, path, size, mtime_ns, "", Some(error))?;
    tx.commit().ctx("committing a failed file")
}

/// Inserts or replaces a file's row.
fn put_file(
    tx: &Transaction<'_>,
    path: &str,
    size: u64,
    mtime_ns: i64,
    hash: &str,
    error: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO files (path, size, mtime_ns, hash, error, seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
             hash = excluded.hash, error = excluded.error, seen_at = excluded.seen_at",
    )
    .and_then(|mut s| s.execute(params![path, size, mtime_ns, hash, error, now()]))
    .ctx("recording a file")?;
    Ok(())
}

/// Stores a batch of papers in one transaction; see [`crate::Store::upsert_batch`].
pub(crate) fn upsert_batch(conn: &mut Connection, papers: &[NewPaper<'_>]) -> Result<Batch> {
    let tx = begin(conn)?;
    let mut batch = Batch {
        outcomes: Vec::with_capacity(papers.len()),
        removed: Vec::new(),
    };
    let mut changed = false;
    // Each path named, in first-seen order, with the parts the batch gives for it.
    let mut files: Vec<(&str, Vec<u32>)> = Vec::new();
    let mut file_index: HashMap<&str, usize> = HashMap::new();
    for new in papers {
        match file_index.get(new.path) {
            Some(&i) => files[i].1.push(new.part),
            None => {
                file_index.insert(new.path, files.len());
                files.push((new.path, vec![new.part]));
                // Recorded before the papers, so a later paper of this batch that
                // changes content this file shares can mark it for re-reading.
                put_file(&tx, new.path, new.size, new.mtime_ns, new.hash, None)?;
            }
        }
        let outcome = upsert_one(&tx, new)?;
        changed |= !matches!(outcome, Outcome::Unchanged(_));
        batch.outcomes.push(outcome);
    }
    for (path, parts) in &files {
        let stored: Vec<(PaperId, u32, String)> = tx
            .prepare_cached("SELECT id, part, hash FROM papers WHERE path = ?1 ORDER BY part")
            .and_then(|mut s| {
                s.query_map([path], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .ctx("reading a file's stored parts")?;
        for (id, part, hash) in stored {
            if parts.contains(&part) {
                continue;
            }
            tx.prepare_cached("DELETE FROM papers WHERE id = ?1")
                .and_then(|mut s| s.execute([id]))
                .ctx("removing a paper its file no longer gives")?;
            release_sharers(&tx, &hash, path)?;
            batch.removed.push(id);
            changed = true;
        }
    }
    if changed {
        tx.prepare_cached("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
            .and_then(|mut s| s.execute([]))
            .ctx("bumping the generation")?;
    }
    tx.commit().ctx("committing a batch of papers")?;
    Ok(batch)
}

/// Stores one paper of a batch.
fn upsert_one(tx: &Transaction<'_>, new: &NewPaper<'_>) -> Result<Outcome> {
    let stored: Option<(PaperId, String)> = tx
        .prepare_cached("SELECT id, hash FROM papers WHERE path = ?1 AND part = ?2")
        .and_then(|mut s| {
            s.query_row(params![new.path, new.part], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        })
        .ctx("looking up a stored paper")?;
    if let Some((id, hash)) = stored {
        if hash == new.hash {
            return Ok(Outcome::Unchanged(id));
        }
        let columns = Columns::of(new)?;
        for sql in CHILD_TABLES {
            tx.prepare_cached(sql)
                .and_then(|mut s| s.execute([id]))
                .ctx("clearing a changed paper's passages and facts")?;
        }
        tx.prepare_cached(
            "UPDATE papers SET hash = ?2, format = ?3, body = ?4, kind = ?5, title = ?6, date = ?7,
                 date_earliest = ?8, date_latest = ?9, date_basis = ?10, purpose = ?11,
                 confidential = ?12, summary = ?13, record_json = ?14
             WHERE id = ?1",
        )
        .and_then(|mut s| {
            s.execute(params![
                id,
                new.hash,
                new.format,
                new.body,
                columns.kind,
                new.paper.title,
                columns.date,
                columns.earliest,
                columns.latest,
                columns.basis,
                columns.purpose,
                new.paper.confidential,
                new.paper.summary,
                columns.record_json,
            ])
        })
        .ctx("updating a changed paper")?;
        insert_children(tx, id, new)?;
        release_sharers(tx, &hash, new.path)?;
        return Ok(Outcome::Updated(id));
    }
    let twin: Option<PaperId> = tx
        .prepare_cached("SELECT id FROM papers WHERE hash = ?1 AND part = ?2 ORDER BY id LIMIT 1")
        .and_then(|mut s| {
            s.query_row(params![new.hash, new.part], |r| r.get(0))
                .optional()
        })
        .ctx("looking up a paper by content")?;
    if let Some(id) = twin {
        return Ok(Outcome::Unchanged(id));
    }
    let columns = Columns::of(new)?;
    tx.prepare_cached(
        "INSERT INTO papers (path, part, hash, format, body, kind, title, date, date_earliest,
             date_latest, date_basis, purpose, confidential, summary, record_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )
    .and_then(|mut s| {
        s.execute(params![
            new.path,
            new.part,
            new.hash,
            new.format,
            new.body,
            columns.kind,
            new.paper.title,
            columns.date,
            columns.earliest,
            columns.latest,
            columns.basis,
            columns.purpose,
            new.paper.confidential,
            new.paper.summary,
            columns.record_json,
        ])
    })
    .ctx("adding a paper")?;
    let id = tx.last_insert_rowid();
    insert_children(tx, id, new)?;
    Ok(Outcome::Added(id))
}

/// Files recorded with content `hash` but no paper of their own shared a paper stored
/// under `path` that is now changing or going: clear their hash and time so the next
/// ingest reads them again and stores their content itself.
fn release_sharers(tx: &Transaction<'_>, hash: &str, path: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE files SET hash = '', mtime_ns = 0
         WHERE hash = ?1 AND path <> ?2
           AND NOT EXISTS (SELECT 1 FROM papers WHERE papers.path = files.path)",
    )
    .and_then(|mut s| s.execute(params![hash, path]))
    .ctx("marking files that shared a paper")?;
    Ok(())
}

/// The `papers` columns computed from the record.
struct Columns {
    kind: &'static str,
    date: Option<String>,
    earliest: Option<String>,
    latest: Option<String>,
    basis: Option<&'static str>,
    purpose: Option<&'static str>,
    record_json: String,
}

impl Columns {
    fn of(new: &NewPaper<'_>) -> Result<Columns> {
        let paper = new.paper;
        let date = paper.date.as_ref();
        let record_json = serde_json::to_string(paper)
            .map_err(|e| StoreError::Sql(format!("encoding the record of {}: {e}", new.path)))?;
        Ok(Columns {
            kind: paper.kind.as_str(),
            date: date.and_then(|d| d.value.clone().or_else(|| d.earliest.clone())),
            earliest: date.and_then(|d| d.earliest.clone()),
            latest: date.and_then(|d| d.latest.clone()),
            basis: date.map(|d| match d.basis {
                DateBasis::Stated => "stated",
                DateBasis::Inferred => "inferred",
            }),
            purpose: paper.purpose.map(|p| p.as_str()),
            record_json,
        })
    }
}

/// Inserts a paper's passages and facts.
fn insert_children(tx: &Transaction<'_>, id: PaperId, new: &NewPaper<'_>) -> Result<()> {
    let paper: &Paper = new.paper;
    if !new.passages.is_empty() {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO passages (paper_id, ord, number, heading, field, line, text, facts)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .ctx("preparing to add passages")?;
        for p in new.passages {
            s.execute(params![
                id,
                p.ord,
                p.number,
                p.heading,
                p.field,
                p.line,
                p.text,
                json_list(&p.facts),
            ])
            .ctx("adding a passage")?;
        }
    }
    if !paper.timescales.is_empty() {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO timescales (paper_id, ord, text, start_date, end_date,
                     src_field, src_paragraph, src_line, src_start, src_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .ctx("preparing to add timescales")?;
        for (ord, t) in paper.timescales.iter().enumerate() {
            let src = SourceCols::of(&t.source);
            s.execute(params![
                id,
                ord,
                t.text,
                t.start,
                t.end,
                src.field,
                src.paragraph,
                src.line,
                src.start,
                src.end
            ])
            .ctx("adding a timescale")?;
        }
    }
    if !paper.money.is_empty() {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO money (paper_id, ord, text, amount, per,
                     src_field, src_paragraph, src_line, src_start, src_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .ctx("preparing to add sums of money")?;
        for (ord, m) in paper.money.iter().enumerate() {
            let src = SourceCols::of(&m.source);
            s.execute(params![
                id,
                ord,
                m.text,
                m.amount,
                m.per,
                src.field,
                src.paragraph,
                src.line,
                src.start,
                src.end
            ])
            .ctx("adding a sum of money")?;
        }
    }
    if !paper.organisations.is_empty() {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO organisations (paper_id, ord, name, aliases,
                     src_field, src_paragraph, src_line, src_start, src_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .ctx("preparing to add organisations")?;
        for (ord, o) in paper.organisations.iter().enumerate() {
            let src = SourceCols::of(&o.source);
            s.execute(params![
                id,
                ord,
                o.name,
                json_list(&o.aliases),
                src.field,
                src.paragraph,
                src.line,
                src.start,
                src.end
            ])
            .ctx("adding an organisation")?;
        }
    }
    if !paper.people.is_empty() {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO people (paper_id, ord, name, role,
                     src_field, src_paragraph, src_line, src_start, src_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .ctx("preparing to add people")?;
        for (ord, p) in paper.people.iter().enumerate() {
            let src = SourceCols::of(&p.source);
            s.execute(params![
                id,
                ord,
                p.name,
                p.role,
                src.field,
                src.paragraph,
                src.line,
                src.start,
                src.end
            ])
            .ctx("adding a person")?;
        }
    }
    if !paper.activities.is_empty() {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO activities (paper_id, ord, text, timescale, start_date, end_date,
                     src_field, src_paragraph, src_line, src_start, src_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .ctx("preparing to add activities")?;
        for (ord, a) in paper.activities.iter().enumerate() {
            let src = SourceCols::of(&a.source);
            s.execute(params![
                id,
                ord,
                a.text,
                a.timescale,
                a.start,
                a.end,
                src.field,
                src.paragraph,
                src.line,
                src.start,
                src.end
            ])
            .ctx("adding an activity")?;
        }
    }
    if !paper.decisions.is_empty() {
        let items = item_positions(&paper.items, &paper.decisions, |i| &i.decisions);
        let mut s = tx
            .prepare_cached(
                "INSERT INTO decisions (paper_id, ord, text, item) VALUES (?1, ?2, ?3, ?4)",
            )
            .ctx("preparing to add decisions")?;
        for (ord, (d, item)) in paper.decisions.iter().zip(items).enumerate() {
            s.execute(params![id, ord, d, item])
                .ctx("adding a decision")?;
        }
    }
    if !paper.actions.is_empty() {
        let items = item_positions(&paper.items, &paper.actions, |i| &i.actions);
        let mut s = tx
            .prepare_cached("INSERT INTO actions (paper_id, ord, text, owner, item) VALUES (?1, ?2, ?3, ?4, ?5)")
            .ctx("preparing to add actions")?;
        for (ord, (a, item)) in paper.actions.iter().zip(items).enumerate() {
            s.execute(params![id, ord, a.text, a.owner, item])
                .ctx("adding an action")?;
        }
    }
    if !paper.recommendations.is_empty() {
        let mut s = tx
            .prepare_cached("INSERT INTO recommendations (paper_id, ord, text) VALUES (?1, ?2, ?3)")
            .ctx("preparing to add recommendations")?;
        for (ord, r) in paper.recommendations.iter().enumerate() {
            s.execute(params![id, ord, r])
                .ctx("adding a recommendation")?;
        }
    }
    if !paper.contacts.is_empty() {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO contacts (paper_id, ord, name, position, phone, email)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .ctx("preparing to add contacts")?;
        for (ord, c) in paper.contacts.iter().enumerate() {
            s.execute(params![id, ord, c.name, c.position, c.phone, c.email])
                .ctx("adding a contact")?;
        }
    }
    Ok(())
}

/// A fact's [`Source`] as column values.
struct SourceCols<'a> {
    field: &'a str,
    paragraph: Option<&'a str>,
    line: usize,
    start: usize,
    end: usize,
}

impl<'a> SourceCols<'a> {
    fn of(s: &'a Source) -> SourceCols<'a> {
        SourceCols {
            field: &s.field,
            paragraph: s.paragraph.as_deref(),
            line: s.line,
            start: s.start,
            end: s.end,
        }
    }
}

/// A list of strings as a JSON array.
fn json_list(list: &[String]) -> String {
    // Encoding a list of strings cannot fail.
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

/// For each entry of a paper-wide list (decisions, actions), the position of the agenda
/// item it was made under: the first item whose own list holds an equal entry not yet
/// claimed, else `None`.
fn item_positions<T: PartialEq>(
    items: &[Item],
    all: &[T],
    of_item: impl Fn(&Item) -> &[T],
) -> Vec<Option<usize>> {
    let mut pool: Vec<(usize, &T)> = items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| of_item(item).iter().map(move |x| (i, x)))
        .collect();
    all.iter()
        .map(|x| {
            let found = pool.iter().position(|(_, y)| *y == x)?;
            Some(pool.remove(found).0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_are_placed_under_their_items() {
        let items = vec![
            Item {
                title: "Budget".into(),
                decisions: vec!["Agreed the budget.".into()],
                ..Item::default()
            },
            Item {
                title: "Minutes".into(),
                decisions: vec!["Noted.".into(), "Agreed the budget.".into()],
                ..Item::default()
            },
        ];
        let all: Vec<String> = vec![
            "Agreed the budget.".into(),
            "Noted.".into(),
            "Agreed the budget.".into(),
            "Thanked officers.".into(),
        ];
        let got = item_positions(&items, &all, |i| &i.decisions);
        assert_eq!(got, vec![Some(0), Some(1), Some(1), None]);
    }

    #[test]
    fn lists_encode_as_json() {
        assert_eq!(
            json_list(&["timescale".into(), "money".into()]),
            r#"["timescale","money"]"#
        );
        assert_eq!(json_list(&[]), "[]");
    }
}
