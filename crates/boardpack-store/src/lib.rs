//! The store: boardpack's embedded library of papers in SQLite.
//!
//! Only this crate knows SQL and rusqlite. Everyone else sees domain types: a
//! [`NewPaper`] goes in, [`PaperRow`]s, [`Passage`]s and whole [`Paper`] records come out.
//! The schema is versioned with one migration per version (`migrations/NNNN_*.sql`), and
//! is written in SQL that a PostgreSQL backend can mirror (see docs/ARCHITECTURE.md).
//!
//! Every write is one transaction: a crash leaves the library as it was before the
//! transaction or after it, never between. The `generation` counter goes up once per
//! committed write, so a derived index can tell whether it is current.
//!
//! (stub: the bodies are being written; the signatures are the contract)
#![warn(missing_docs)]

use std::path::Path;

use boardpack_model::Paper;

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
    #[error("the library was written by a newer boardpack (schema {found}, this program knows {known})")]
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
pub struct Store {
    _private: (),
}

fn todo<T>() -> Result<T> {
    Err(StoreError::Sql("not implemented yet".into()))
}

impl Store {
    /// Opens (creating and migrating as needed) the database file at `file`, in WAL mode.
    pub fn open(file: &Path) -> Result<Store> {
        let _ = file;
        todo()
    }

    /// An in-memory store, for tests.
    pub fn open_in_memory() -> Result<Store> {
        todo()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        todo()
    }

    /// What the library knows of `path`.
    pub fn file_state(&self, path: &str) -> Result<Option<FileState>> {
        let _ = path;
        todo()
    }

    /// Records that `path` was seen again with the same content but a new size or time.
    pub fn touch_file(&mut self, path: &str, size: u64, mtime_ns: i64) -> Result<()> {
        let _ = (path, size, mtime_ns);
        todo()
    }

    /// Records that ingesting `path` failed, with the reason.
    pub fn record_failure(&mut self, path: &str, size: u64, mtime_ns: i64, error: &str) -> Result<()> {
        let _ = (path, size, mtime_ns, error);
        todo()
    }

    /// Stores papers in one transaction and bumps the generation once. A paper keeps its
    /// id when its (path, part) is stored again with new content; a file whose new
    /// version has fewer pack parts loses the rest, which are listed in
    /// [`Batch::removed`].
    pub fn upsert_batch(&mut self, papers: &[NewPaper<'_>]) -> Result<Batch> {
        let _ = papers;
        todo()
    }

    /// A paper's row and full record.
    pub fn paper(&self, id: PaperId) -> Result<Option<(PaperRow, Paper)>> {
        let _ = id;
        todo()
    }

    /// Finds a paper by id, exact path, or a file name / path suffix that names one
    /// paper.
    pub fn resolve(&self, key: &str) -> Result<Option<PaperId>> {
        let _ = key;
        todo()
    }

    /// Every paper's row, in path order.
    pub fn papers(&self) -> Result<Vec<PaperRow>> {
        todo()
    }

    /// A paper's passages in order.
    pub fn passages(&self, id: PaperId) -> Result<Vec<Passage>> {
        let _ = id;
        todo()
    }

    /// Calls `f` for every passage of every paper (or of `only` papers), streaming, for
    /// building the index.
    pub fn for_each_passage(
        &self,
        only: Option<&[PaperId]>,
        f: &mut dyn FnMut(&PaperRow, &Passage),
    ) -> Result<()> {
        let _ = (only, f);
        todo()
    }

    /// The write counter: goes up once per committed write.
    pub fn generation(&self) -> Result<i64> {
        todo()
    }

    /// SQLite's integrity check.
    pub fn integrity_check(&self) -> Result<()> {
        todo()
    }

    /// Sizes of the library.
    pub fn counts(&self) -> Result<Counts> {
        todo()
    }
}
