//! The track stage's tables: derived items, mentions and aliases per paper, the links the
//! last run found, and the user's verdicts and status overrides.

use std::collections::HashMap;

use boardpack_track::{Item, ItemKind, Link, Mention, MentionKind, Status, Verdict};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Context, PaperId, Result};

/// An item as stored, with its stable id and the link the last track run found.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredItem {
    /// Stable id.
    pub id: String,
    /// The item.
    pub item: Item,
    /// The link found, if any.
    pub link: Option<Link>,
}

/// What one paper gives the track stage, ready to store.
#[derive(Debug, Clone)]
pub struct TrackDerived {
    /// The paper.
    pub paper: PaperId,
    /// The paper's content hash these were derived from.
    pub hash: String,
    /// Its items with their stable ids.
    pub items: Vec<(String, Item)>,
    /// Its subject mentions.
    pub mentions: Vec<Mention>,
    /// Abbreviations it defines: (short key, long key).
    pub aliases: Vec<(String, String)>,
}

/// A subject key with its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectCount {
    /// Normalised name.
    pub key: String,
    /// A printed name.
    pub name: String,
    /// Papers mentioning it.
    pub papers: u64,
    /// Passages mentioning it.
    pub mentions: u64,
    /// First and last paper dates.
    pub first: Option<String>,
    /// See `first`.
    pub last: Option<String>,
}

/// One stored mention with its paper and passage.
#[derive(Debug, Clone)]
pub struct MentionRow {
    /// The paper.
    pub paper: PaperId,
    /// The passage's position.
    pub ord: u32,
    /// Its paragraph number.
    pub number: Option<String>,
    /// Its text.
    pub text: String,
    /// The mention.
    pub mention: Mention,
}

pub(crate) fn stale_papers(conn: &Connection) -> Result<Vec<PaperId>> {
    let mut s = conn
        .prepare_cached(
            "SELECT p.id FROM papers p LEFT JOIN track_papers t ON t.paper_id = p.id
             WHERE t.hash IS NULL OR t.hash <> p.hash ORDER BY p.id",
        )
        .ctx("listing papers to track")?;
    let rows = s
        .query_map([], |r| r.get(0))
        .ctx("listing papers to track")?;
    rows.collect::<rusqlite::Result<Vec<PaperId>>>()
        .ctx("listing papers to track")
}

pub(crate) fn write_derived(conn: &mut Connection, derived: &[TrackDerived]) -> Result<()> {
    let tx = conn.transaction().ctx("starting a track write")?;
    for d in derived {
        for table in ["track_items", "track_mentions", "track_aliases"] {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE paper_id = ?1"))
                .and_then(|mut s| s.execute([d.paper]))
                .ctx("clearing a paper's track rows")?;
        }
        for (id, it) in &d.items {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO track_items
                 (id, paper_id, kind, ord, text, owner, item, context, timescale, start_date, end_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    d.paper,
                    it.kind.as_str(),
                    it.ord,
                    it.text,
                    it.owner,
                    it.item,
                    it.context,
                    it.timescale,
                    it.start,
                    it.end
                ])
            })
            .ctx("storing a track item")?;
        }
        for m in &d.mentions {
            tx.prepare_cached(
                "INSERT INTO track_mentions (paper_id, ord, key, name, kind, amount)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    d.paper,
                    m.ord,
                    m.key,
                    m.name,
                    m.kind.as_str(),
                    m.amount
                ])
            })
            .ctx("storing a mention")?;
        }
        for (short, long) in &d.aliases {
            tx.prepare_cached(
                "INSERT INTO track_aliases (paper_id, short, long) VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut s| s.execute(params![d.paper, short, long]))
            .ctx("storing an alias")?;
        }
        tx.prepare_cached("INSERT OR REPLACE INTO track_papers (paper_id, hash) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![d.paper, d.hash]))
            .ctx("marking a paper tracked")?;
    }
    tx.commit().ctx("committing a track write")
}

fn kind_of(s: &str) -> ItemKind {
    match s {
        "decision" => ItemKind::Decision,
        "activity" => ItemKind::Activity,
        _ => ItemKind::Action,
    }
}

fn mention_kind(s: &str) -> MentionKind {
    match s {
        "proposed" => MentionKind::Proposed,
        "decided" => MentionKind::Decided,
        "funded" => MentionKind::Funded,
        "actioned" => MentionKind::Actioned,
        _ => MentionKind::Reported,
    }
}

const ITEM_COLUMNS: &str = "id, paper_id, kind, ord, text, owner, item, context, timescale,
    start_date, end_date, link_paper, link_ord, link_number, link_score, link_why";

fn item_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredItem> {
    let kind: String = r.get(2)?;
    let link_paper: Option<i64> = r.get(11)?;
    let link = match link_paper {
        Some(paper) => {
            let why: Option<String> = r.get(15)?;
            Some(Link {
                paper,
                ord: r.get(12)?,
                paragraph: r.get(13)?,
                score: r.get::<_, f64>(14)? as f32,
                why: why
                    .and_then(|w| serde_json::from_str(&w).ok())
                    .unwrap_or_default(),
                verdict: None,
            })
        }
        None => None,
    };
    Ok(StoredItem {
        id: r.get(0)?,
        item: Item {
            paper: r.get(1)?,
            kind: kind_of(&kind),
            ord: r.get(3)?,
            text: r.get(4)?,
            owner: r.get(5)?,
            item: r.get(6)?,
            context: r.get(7)?,
            timescale: r.get(8)?,
            start: r.get(9)?,
            end: r.get(10)?,
        },
        link,
    })
}

/// Items, optionally only those of some papers.
pub(crate) fn items(conn: &Connection, papers: Option<&[PaperId]>) -> Result<Vec<StoredItem>> {
    let mut out = Vec::new();
    match papers {
        None => {
            let mut s = conn
                .prepare_cached(&format!(
                    "SELECT {ITEM_COLUMNS} FROM track_items ORDER BY paper_id, kind, ord"
                ))
                .ctx("reading track items")?;
            let rows = s.query_map([], item_row).ctx("reading track items")?;
            for r in rows {
                out.push(r.ctx("reading a track item")?);
            }
        }
        Some(ids) => {
            let mut s = conn
                .prepare_cached(&format!(
                    "SELECT {ITEM_COLUMNS} FROM track_items WHERE paper_id = ?1 ORDER BY kind, ord"
                ))
                .ctx("reading track items")?;
            for id in ids {
                let rows = s.query_map([id], item_row).ctx("reading track items")?;
                for r in rows {
                    out.push(r.ctx("reading a track item")?);
                }
            }
        }
    }
    Ok(out)
}

pub(crate) fn items_since(
    conn: &Connection,
    bodies: &[Option<String>],
    since: &str,
) -> Result<Vec<StoredItem>> {
    let columns = ITEM_COLUMNS
        .split(',')
        .map(|c| format!("t.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = conn
        .prepare_cached(&format!(
            "SELECT {columns} FROM track_items t JOIN papers p ON p.id = t.paper_id
             WHERE p.body IS ?1 AND p.date >= ?2 ORDER BY t.paper_id, t.kind, t.ord"
        ))
        .ctx("reading track items")?;
    let mut out = Vec::new();
    for body in bodies {
        let rows = s
            .query_map(params![body, since], item_row)
            .ctx("reading track items")?;
        for r in rows {
            out.push(r.ctx("reading a track item")?);
        }
    }
    Ok(out)
}

pub(crate) fn items_dangling(conn: &Connection) -> Result<Vec<StoredItem>> {
    let mut s = conn
        .prepare_cached(&format!(
            "SELECT {ITEM_COLUMNS} FROM track_items
             WHERE link_paper IS NOT NULL AND link_paper NOT IN (SELECT id FROM papers)"
        ))
        .ctx("reading track items")?;
    let rows = s.query_map([], item_row).ctx("reading track items")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .ctx("reading track items")
}

pub(crate) fn item(conn: &Connection, id: &str) -> Result<Option<StoredItem>> {
    conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM track_items WHERE id = ?1"
    ))
    .and_then(|mut s| s.query_row([id], item_row).optional())
    .ctx("reading a track item")
}

pub(crate) fn set_links(conn: &mut Connection, links: &[(String, Option<Link>)]) -> Result<()> {
    let tx = conn.transaction().ctx("starting a link write")?;
    for (id, link) in links {
        let why = link
            .as_ref()
            .map(|l| serde_json::to_string(&l.why).unwrap_or_else(|_| "[]".into()));
        tx.prepare_cached(
            "UPDATE track_items SET link_paper = ?2, link_ord = ?3, link_number = ?4,
             link_score = ?5, link_why = ?6 WHERE id = ?1",
        )
        .and_then(|mut s| {
            s.execute(params![
                id,
                link.as_ref().map(|l| l.paper),
                link.as_ref().map(|l| l.ord),
                link.as_ref().and_then(|l| l.paragraph.clone()),
                link.as_ref().map(|l| f64::from(l.score)),
                why
            ])
        })
        .ctx("storing a link")?;
    }
    tx.commit().ctx("committing links")
}

pub(crate) fn reviews(conn: &Connection) -> Result<Vec<(String, String, Verdict)>> {
    let mut s = conn
        .prepare_cached("SELECT item_id, target, verdict FROM link_reviews ORDER BY at")
        .ctx("reading link reviews")?;
    let rows = s
        .query_map([], |r| {
            let v: String = r.get(2)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                if v == "rejected" {
                    Verdict::Rejected
                } else {
                    Verdict::Confirmed
                },
            ))
        })
        .ctx("reading link reviews")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .ctx("reading link reviews")
}

pub(crate) fn set_review(
    conn: &mut Connection,
    item: &str,
    target: &str,
    verdict: Option<Verdict>,
    now: i64,
) -> Result<()> {
    let tx = conn.transaction().ctx("starting a review write")?;
    match verdict {
        None => {
            tx.execute(
                "DELETE FROM link_reviews WHERE item_id = ?1 AND target = ?2",
                params![item, target],
            )
            .ctx("clearing a review")?;
        }
        Some(v) => {
            if v == Verdict::Confirmed {
                // One confirmed target per item.
                tx.execute(
                    "DELETE FROM link_reviews WHERE item_id = ?1 AND verdict = 'confirmed'",
                    params![item],
                )
                .ctx("replacing a confirmed link")?;
            }
            let name = match v {
                Verdict::Confirmed => "confirmed",
                Verdict::Rejected => "rejected",
            };
            tx.execute(
                "INSERT OR REPLACE INTO link_reviews (item_id, target, verdict, at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![item, target, name, now],
            )
            .ctx("storing a review")?;
        }
    }
    tx.commit().ctx("committing a review")
}

pub(crate) fn overrides(conn: &Connection) -> Result<HashMap<String, Status>> {
    let mut s = conn
        .prepare_cached("SELECT item_id, status FROM status_overrides")
        .ctx("reading status overrides")?;
    let rows = s
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .ctx("reading status overrides")?;
    let mut out = HashMap::new();
    for r in rows {
        let (id, st) = r.ctx("reading a status override")?;
        if let Some(st) = Status::parse(&st) {
            out.insert(id, st);
        }
    }
    Ok(out)
}

pub(crate) fn set_override(
    conn: &Connection,
    item: &str,
    status: Option<Status>,
    now: i64,
) -> Result<()> {
    match status {
        None => conn
            .execute("DELETE FROM status_overrides WHERE item_id = ?1", [item])
            .map(|_| ()),
        Some(st) => conn
            .execute(
                "INSERT OR REPLACE INTO status_overrides (item_id, status, at) VALUES (?1, ?2, ?3)",
                params![item, st.as_str(), now],
            )
            .map(|_| ()),
    }
    .ctx("storing a status")
}

pub(crate) fn subject_counts(conn: &Connection) -> Result<Vec<SubjectCount>> {
    let mut s = conn
        .prepare_cached(
            "SELECT m.key, max(m.name), count(DISTINCT m.paper_id), count(*),
                    min(p.date), max(p.date)
             FROM track_mentions m JOIN papers p ON p.id = m.paper_id
             GROUP BY m.key",
        )
        .ctx("counting subjects")?;
    let rows = s
        .query_map([], |r| {
            Ok(SubjectCount {
                key: r.get(0)?,
                name: r.get(1)?,
                papers: r.get(2)?,
                mentions: r.get(3)?,
                first: r.get(4)?,
                last: r.get(5)?,
            })
        })
        .ctx("counting subjects")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .ctx("counting subjects")
}

pub(crate) fn subject_keys_of_body(conn: &Connection, body: &str) -> Result<Vec<String>> {
    let mut s = conn
        .prepare_cached(
            "SELECT DISTINCT m.key FROM track_mentions m JOIN papers p ON p.id = m.paper_id
             WHERE p.body = ?1",
        )
        .ctx("listing a body's subjects")?;
    let rows = s
        .query_map([body], |r| r.get(0))
        .ctx("listing a body's subjects")?;
    rows.collect::<rusqlite::Result<Vec<String>>>()
        .ctx("listing a body's subjects")
}

pub(crate) fn aliases(conn: &Connection) -> Result<Vec<(String, String, u64)>> {
    let mut s = conn
        .prepare_cached(
            "SELECT short, long, count(DISTINCT paper_id) FROM track_aliases GROUP BY short, long",
        )
        .ctx("reading aliases")?;
    let rows = s
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .ctx("reading aliases")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .ctx("reading aliases")
}

pub(crate) fn mentions(conn: &Connection, keys: &[String]) -> Result<Vec<MentionRow>> {
    let mut s = conn
        .prepare_cached(
            "SELECT m.paper_id, m.ord, s.number, s.text, m.key, m.name, m.kind, m.amount
             FROM track_mentions m JOIN passages s ON s.paper_id = m.paper_id AND s.ord = m.ord
             WHERE m.key = ?1",
        )
        .ctx("reading mentions")?;
    let mut out = Vec::new();
    for key in keys {
        let rows = s
            .query_map([key], |r| {
                let kind: String = r.get(6)?;
                Ok(MentionRow {
                    paper: r.get(0)?,
                    ord: r.get(1)?,
                    number: r.get(2)?,
                    text: r.get(3)?,
                    mention: Mention {
                        key: r.get(4)?,
                        name: r.get(5)?,
                        ord: r.get(1)?,
                        kind: mention_kind(&kind),
                        amount: r.get(7)?,
                    },
                })
            })
            .ctx("reading mentions")?;
        for r in rows {
            out.push(r.ctx("reading a mention")?);
        }
    }
    Ok(out)
}

pub(crate) fn track_generation(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = 'track_generation'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)).optional())
        .map(|v| v.unwrap_or(-1))
        .ctx("reading the track generation")
}

pub(crate) fn set_track_generation(conn: &Connection, generation: i64) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('track_generation', ?1)",
        [generation],
    )
    .map(|_| ())
    .ctx("storing the track generation")
}

pub(crate) fn clear(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction().ctx("starting a track reset")?;
    tx.execute_batch(
        "DELETE FROM track_items; DELETE FROM track_mentions; DELETE FROM track_aliases;
         DELETE FROM track_papers;
         UPDATE meta SET value = -1 WHERE key = 'track_generation';",
    )
    .ctx("clearing the track tables")?;
    tx.commit().ctx("committing a track reset")
}

pub(crate) fn set_mention_index(conn: &Connection, present: bool) -> Result<()> {
    let sql = if present {
        "CREATE INDEX IF NOT EXISTS track_mentions_key ON track_mentions (key)"
    } else {
        "DROP INDEX IF EXISTS track_mentions_key"
    };
    conn.execute_batch(sql).ctx("changing the mentions index")
}
