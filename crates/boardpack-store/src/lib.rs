//! The store: boardpack's embedded library of papers in SQLite.
//!
//! Only this crate knows SQL and rusqlite. Everyone else sees domain types: a
//! [`NewPaper`] goes in, [`PaperRow`]s, [`Passage`]s and whole [`Paper`] records come out.
//! The schema is versioned with one migration per version (`migrations/NNNN_*.sql`), and
//! is written in SQL that a PostgreSQL backend can mirror (see `POSTGRES.md` in this
//! crate).
//!
//! Every write is one transaction: a crash leaves the library as it was before the
//! transaction or after it, never between. The `generation` counter goes up once per
//! committed write that changed papers, so a derived index can tell whether it is
//! current.
//!
//! Modules: `schema` opens the database and runs the migrations, `write` stores papers
//! and file states, `read` answers queries. This file holds the contract: the types and
//! the [`Store`] methods, which delegate to those modules.
#![warn(missing_docs)]

mod read;
mod schema;
mod track;
mod write;

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rusqlite::Connection;

use boardpack_model::Paper;
use boardpack_track::{Link, Status, Verdict};

pub use track::{MentionRow, StoredItem, SubjectCount, TrackDerived};

/// A stored paper's id.
pub type PaperId = i64;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("library database: {0}")]
    Sql(String),
    /// The library's schema is newer than this program.
    #[error(
        "the library was written by a newer boardpack (schema {found}, this program knows {known})"
    )]
    TooNew {
        /// The schema version found.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
    /// The database failed its integrity check.
    #[error("the library database is damaged: {0}")]
    Corrupt(String),
}

/// Result type of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// What the library knows of a file it has seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    /// The file's path as given to ingest (absolute).
    pub path: String,
    /// Its size in bytes when last read.
    pub size: u64,
    /// Its modification time (ns since the epoch) when last read.
    pub mtime_ns: i64,
    /// The content hash of its bytes (hex), or empty if it failed to read.
    pub hash: String,
    /// The error of its last failed ingest, if it failed.
    pub error: Option<String>,
}

/// A passage of a paper's text as stored and indexed: a numbered paragraph, an unnumbered
/// block of body text, or a front-matter field (summary, a recommendation, a decision...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Position in the paper, from 0.
    pub ord: u32,
    /// Paragraph number ("2.8.1") where the passage is a numbered paragraph.
    pub number: Option<String>,
    /// The heading of the section it sits in.
    pub heading: Option<String>,
    /// What part of the record it is: "paragraph", "text", "summary", "recommendation",
    /// "decision", "action", "item".
    pub field: String,
    /// 1-based source line where it starts.
    pub line: u32,
    /// Its text.
    pub text: String,
    /// Kinds of facts found in it: "timescale", "money", "organisation", "person".
    pub facts: Vec<String>,
}

/// A parsed paper ready to store.
#[derive(Debug, Clone)]
pub struct NewPaper<'a> {
    /// The source file's path (absolute).
    pub path: &'a str,
    /// Content hash of the file's bytes (hex). Papers are deduplicated by it: the same
    /// bytes at two paths are one paper.
    pub hash: &'a str,
    /// 1-based position in an agenda pack, or 0 for a paper read on its own. A pack gives
    /// several papers with the same path and hash.
    pub part: u32,
    /// The file's size in bytes.
    pub size: u64,
    /// The file's modification time (ns since the epoch).
    pub mtime_ns: i64,
    /// "text", "docx", "html" or "pdf".
    pub format: &'a str,
    /// The board or committee the paper belongs to, where known.
    pub body: Option<&'a str>,
    /// The full record.
    pub paper: &'a Paper,
    /// The paper's passages, in order.
    pub passages: &'a [Passage],
}

/// What storing a paper did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new paper.
    Added(PaperId),
    /// A changed file replaced its old record.
    Updated(PaperId),
    /// The same content was already stored (under this or another path).
    Unchanged(PaperId),
}

/// What a batch write did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Batch {
    /// One outcome per paper given, in order.
    pub outcomes: Vec<Outcome>,
    /// Papers deleted because their file no longer yields them.
    pub removed: Vec<PaperId>,
}

/// A stored paper's summary row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperRow {
    /// Its id.
    pub id: PaperId,
    /// Its source path.
    pub path: String,
    /// Position in its agenda pack, 0 if none.
    pub part: u32,
    /// Content hash.
    pub hash: String,
    /// "text", "docx", "html", "pdf".
    pub format: String,
    /// Board or committee.
    pub body: Option<String>,
    /// "report", "minutes", "decision", "agenda", "other".
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// The paper's date (ISO): its value, else the earliest of its window.
    pub date: Option<String>,
    /// "stated" or "inferred".
    pub date_basis: Option<String>,
    /// Purpose.
    pub purpose: Option<String>,
    /// Number of decisions.
    pub decisions: u32,
    /// Number of actions.
    pub actions: u32,
}

/// Sizes of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Papers stored.
    pub papers: u64,
    /// Passages stored.
    pub passages: u64,
    /// Files seen.
    pub files: u64,
    /// Files whose last ingest failed.
    pub failed: u64,
}

/// The library database.
///
/// One SQLite connection behind a mutex, so a `Store` is `Send + Sync` and can be shared
/// by a server; reads take the lock for the length of one query.
pub struct Store {
    conn: Mutex<Connection>,
}

/// The newest schema version this program knows: the number of migrations.
pub const SCHEMA_VERSION: i64 = schema::MIGRATIONS.len() as i64;

impl Store {
    /// Opens (creating and migrating as needed) the database file at `file`, in WAL mode.
    /// Creates the file's folder if it does not exist.
    pub fn open(file: &Path) -> Result<Store> {
        schema::open(file).map(Store::from_conn)
    }

    /// An in-memory store, for tests.
    pub fn open_in_memory() -> Result<Store> {
        schema::open_in_memory().map(Store::from_conn)
    }

    fn from_conn(conn: Connection) -> Store {
        Store {
            conn: Mutex::new(conn),
        }
    }

    /// The connection. A panic while the lock was held cannot have left a write half
    /// done (an unfinished transaction rolls back when dropped), so a poisoned lock is
    /// taken over rather than reported.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn conn_mut(&mut self) -> &mut Connection {
        self.conn.get_mut().unwrap_or_else(PoisonError::into_inner)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        schema::user_version(&self.conn())
    }

    /// What the library knows of `path`.
    pub fn file_state(&self, path: &str) -> Result<Option<FileState>> {
        read::file_state(&self.conn(), path)
    }

    /// Records that `path` was seen again with the same content but a new size or time.
    /// Does nothing for a path the library has never seen. Does not change the
    /// generation.
    pub fn touch_file(&mut self, path: &str, size: u64, mtime_ns: i64) -> Result<()> {
        write::touch_file(self.conn_mut(), path, size, mtime_ns)
    }

    /// Records that ingesting `path` failed, with the reason. The papers it gave before,
    /// if any, stay. Does not change the generation.
    pub fn record_failure(
        &mut self,
        path: &str,
        size: u64,
        mtime_ns: i64,
        error: &str,
    ) -> Result<()> {
        write::record_failure(self.conn_mut(), path, size, mtime_ns, error)
    }

    /// Stores papers in one transaction and bumps the generation once. A paper keeps its
    /// id when its (path, part) is stored again with new content; a file whose new
    /// version has fewer pack parts loses the rest, which are listed in
    /// [`Batch::removed`].
    ///
    /// A batch must hold all the parts of each file it names: stored parts of those
    /// files that the batch does not give are removed. Content already stored under
    /// another path (same hash and part) is not stored twice: the file is recorded and
    /// the outcome is [`Outcome::Unchanged`] with the stored paper's id. If that stored
    /// paper later changes or goes, the files that shared it are marked for re-reading
    /// (their recorded hash and time are cleared) so the next ingest stores them.
    pub fn upsert_batch(&mut self, papers: &[NewPaper<'_>]) -> Result<Batch> {
        write::upsert_batch(self.conn_mut(), papers)
    }

    /// A paper's row and full record.
    pub fn paper(&self, id: PaperId) -> Result<Option<(PaperRow, Paper)>> {
        read::paper(&self.conn(), id)
    }

    /// A paper's row alone, without decoding its record.
    pub fn row(&self, id: PaperId) -> Result<Option<PaperRow>> {
        read::row(&self.conn(), id)
    }

    /// Finds a paper by id, exact path, or a file name / path suffix that names one
    /// paper.
    ///
    /// Tried in order, the first that matches anything decides: a numeric id; the exact
    /// path; a path ending with `/key` (a file name or the tail of a path); a path ending
    /// with `key`. A match of several papers is `None`. A pack part is named by adding
    /// `#N` (`pack.pdf#2`). Paths whose content is stored under another path (see
    /// [`Store::upsert_batch`]) resolve to that paper.
    pub fn resolve(&self, key: &str) -> Result<Option<PaperId>> {
        read::resolve(&self.conn(), key)
    }

    /// Every paper's row, in path order.
    pub fn papers(&self) -> Result<Vec<PaperRow>> {
        read::papers(&self.conn())
    }

    /// Every paper's row without its decision and action counts (both 0), in id order.
    pub fn papers_brief(&self) -> Result<Vec<PaperRow>> {
        read::papers_brief(&self.conn())
    }

    /// A paper's passages in order.
    pub fn passages(&self, id: PaperId) -> Result<Vec<Passage>> {
        read::passages(&self.conn(), id)
    }

    /// Calls `f` for every passage of every paper (or of `only` papers), streaming, for
    /// building the index. Passages come in paper id order, then in order within their
    /// paper; ids in `only` that are not stored are skipped.
    ///
    /// The store is locked while it streams: `f` must not call back into this `Store`.
    pub fn for_each_passage(
        &self,
        only: Option<&[PaperId]>,
        f: &mut dyn FnMut(&PaperRow, &Passage),
    ) -> Result<()> {
        read::for_each_passage(&self.conn(), only, f)
    }

    /// The write counter: goes up once per committed write.
    pub fn generation(&self) -> Result<i64> {
        read::generation(&self.conn())
    }

    /// SQLite's integrity check and foreign key check; [`StoreError::Corrupt`] if either
    /// finds a fault.
    pub fn integrity_check(&self) -> Result<()> {
        read::integrity_check(&self.conn())
    }

    /// Sizes of the library.
    pub fn counts(&self) -> Result<Counts> {
        read::counts(&self.conn())
    }

    // The track stage's tables.

    /// Papers whose track rows are missing or were derived from other content.
    pub fn track_stale(&self) -> Result<Vec<PaperId>> {
        track::stale_papers(&self.conn())
    }

    /// Replaces the track rows of each paper given (items, mentions, aliases) and marks
    /// it tracked, in one transaction. Links are kept only through `set_links`.
    pub fn write_track(&self, derived: &[TrackDerived]) -> Result<()> {
        track::write_derived(&mut self.conn(), derived)
    }

    /// Track items of papers of `bodies` (None: papers without a body) dated on or after
    /// `since` (ISO), with their links.
    pub fn track_items_since(
        &self,
        bodies: &[Option<String>],
        since: &str,
    ) -> Result<Vec<StoredItem>> {
        track::items_since(&self.conn(), bodies, since)
    }

    /// Drops (`false`) or builds (`true`, if missing) the index of mentions by subject. A
    /// bulk derive drops it first and builds it after: one sort instead of millions of
    /// random inserts. Queries stay correct without it, only slower.
    pub fn set_mention_index(&self, present: bool) -> Result<()> {
        track::set_mention_index(&self.conn(), present)
    }

    /// Track items whose link points at a paper no longer stored.
    pub fn track_items_dangling(&self) -> Result<Vec<StoredItem>> {
        track::items_dangling(&self.conn())
    }

    /// Track items with their links: all, or those of some papers.
    pub fn track_items(&self, papers: Option<&[PaperId]>) -> Result<Vec<StoredItem>> {
        track::items(&self.conn(), papers)
    }

    /// One track item by its stable id.
    pub fn track_item(&self, id: &str) -> Result<Option<StoredItem>> {
        track::item(&self.conn(), id)
    }

    /// Stores the links found for items (None clears), in one transaction.
    pub fn set_links(&self, links: &[(String, Option<Link>)]) -> Result<()> {
        track::set_links(&mut self.conn(), links)
    }

    /// The user's verdicts: (item id, target key, verdict), oldest first.
    pub fn link_reviews(&self) -> Result<Vec<(String, String, Verdict)>> {
        track::reviews(&self.conn())
    }

    /// Records (or with `None` clears) a verdict on a link. Confirming a target replaces
    /// any other confirmed target of the item.
    pub fn set_link_review(
        &self,
        item: &str,
        target: &str,
        verdict: Option<Verdict>,
        now: i64,
    ) -> Result<()> {
        track::set_review(&mut self.conn(), item, target, verdict, now)
    }

    /// Statuses set by hand, by item id.
    pub fn status_overrides(&self) -> Result<std::collections::HashMap<String, Status>> {
        track::overrides(&self.conn())
    }

    /// Sets (or with `None` clears) an item's status by hand.
    pub fn set_status_override(&self, item: &str, status: Option<Status>, now: i64) -> Result<()> {
        track::set_override(&self.conn(), item, status, now)
    }

    /// Every subject key with its paper and mention counts and date range.
    pub fn subject_counts(&self) -> Result<Vec<SubjectCount>> {
        track::subject_counts(&self.conn())
    }

    /// The subject keys mentioned in a body's papers.
    pub fn subject_keys_of_body(&self, body: &str) -> Result<Vec<String>> {
        track::subject_keys_of_body(&self.conn(), body)
    }

    /// Abbreviations defined across the library: (short, long, papers defining it).
    pub fn subject_aliases(&self) -> Result<Vec<(String, String, u64)>> {
        track::aliases(&self.conn())
    }

    /// The mentions of some subject keys with their passages.
    pub fn subject_mentions(&self, keys: &[String]) -> Result<Vec<MentionRow>> {
        track::mentions(&self.conn(), keys)
    }

    /// Forgets every derived track row (not the user's verdicts or statuses), so the next
    /// track run starts afresh.
    pub fn clear_track(&self) -> Result<()> {
        track::clear(&mut self.conn())
    }

    /// The store generation the track tables reflect (-1 when never run).
    pub fn track_generation(&self) -> Result<i64> {
        track::track_generation(&self.conn())
    }

    /// Records the store generation the track tables now reflect.
    pub fn set_track_generation(&self, generation: i64) -> Result<()> {
        track::set_track_generation(&self.conn(), generation)
    }
}

/// Adds what the store was doing to a rusqlite error.
trait Context<T> {
    /// Maps the error to [`StoreError`] with `what` as context.
    fn ctx(self, what: &str) -> Result<T>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    fn ctx(self, what: &str) -> Result<T> {
        self.map_err(|e| sql_error(e, what))
    }
}

/// A rusqlite error as a [`StoreError`]: a damaged or foreign file is `Corrupt`, anything
/// else `Sql`.
fn sql_error(e: rusqlite::Error, what: &str) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && matches!(
            f.code,
            rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
        )
    {
        return StoreError::Corrupt(format!("{what}: {e}"));
    }
    StoreError::Sql(format!("{what}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Store>();
    }

    #[test]
    fn corrupt_codes_map_to_corrupt() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
            None,
        );
        assert!(matches!(sql_error(e, "opening"), StoreError::Corrupt(_)));
        let e = rusqlite::Error::QueryReturnedNoRows;
        assert!(
            matches!(sql_error(e, "reading"), StoreError::Sql(m) if m.starts_with("reading: "))
        );
    }
}
