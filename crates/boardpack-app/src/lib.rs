//! The app: boardpack's API boundary. The CLI (and later the web layer) call it and get
//! plain data back; it orchestrates the stages — read, parse and extract papers in
//! parallel, store them, keep the search index in step — and formats citations.
//!
//! A library is a folder holding `library.sqlite` (the store, the source of truth) and
//! `index/` (the search index, derived from the store and rebuilt from it when missing or
//! out of date).
#![warn(missing_docs)]

mod ingest;
pub mod passages;
mod track;
pub use boardpack_track as tracking;
pub use track::{FollowFilter, TrackRun, today};

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use boardpack_index::{Index, IndexDoc};
use boardpack_model::Paper;
use boardpack_store::{PaperId, Store};
pub use boardpack_store::{PaperRow, Passage};
use serde::Serialize;

pub use boardpack_index::{EXACT_UP_TO, Facets, IndexError, Query};
pub use ingest::{IngestOptions, IngestSummary, Progress};

/// The environment variable that names the library folder.
pub const LIBRARY_ENV: &str = "BOARDPACK_LIBRARY";

/// The library folder used when none is given: `$BOARDPACK_LIBRARY`, else the platform's
/// data directory (`$XDG_DATA_HOME/boardpack` or `~/.local/share/boardpack` on Linux,
/// `~/Library/Application Support/boardpack` on macOS, `%APPDATA%\boardpack` on Windows).
pub fn default_library_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(LIBRARY_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "windows") {
        if let Some(app) = std::env::var_os("APPDATA") {
            return PathBuf::from(app).join("boardpack");
        }
    } else if cfg!(target_os = "macos") {
        if let Some(home) = &home {
            return home.join("Library/Application Support/boardpack");
        }
    } else if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(xdg).join("boardpack");
    } else if let Some(home) = &home {
        return home.join(".local/share/boardpack");
    }
    PathBuf::from(".boardpack")
}

/// A document's full record: the parse stage's structure, then the extract stage's facts.
pub fn record(doc: &boardpack_read::Document) -> Paper {
    let mut paper = boardpack_parse::parse(doc);
    boardpack_extract::extract(doc, &paper).apply(&mut paper);
    paper
}

/// An agenda pack's papers: `doc` split at the pages that open a paper, each part's
/// record (with its place in `file`) and its own blocks. A document that holds one paper
/// gives one part.
pub fn pack_records(
    doc: &boardpack_read::Document,
    file: &str,
) -> Vec<(Paper, boardpack_read::Document)> {
    boardpack_parse::split_pack(doc)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let mut paper = record(&part.doc);
            paper.pack = Some(boardpack_model::PackPart {
                file: Some(file.to_string()),
                index: i + 1,
                first_page: part.first_page,
                last_page: part.last_page,
            });
            (paper, part.doc)
        })
        .collect()
}

/// An open library.
pub struct Library {
    dir: PathBuf,
    store: Store,
    index: Index,
    /// Held while the track stage runs, so two callers do not run it at once.
    track_lock: std::sync::Mutex<()>,
}

/// One search hit with its citation.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The stored paper's id.
    pub paper: i64,
    /// The paper's source file.
    pub path: String,
    /// The passage's position in its paper (as `Library::passages` lists them).
    pub ord: u32,
    /// The passage's paragraph number, if numbered.
    pub paragraph: Option<String>,
    /// The passage's section heading.
    pub heading: Option<String>,
    /// Which part of the record the passage is.
    pub field: String,
    /// The paper's title.
    pub title: String,
    /// The paper's kind.
    pub kind: String,
    /// The paper's board or committee.
    pub body: Option<String>,
    /// The paper's date.
    pub date: Option<String>,
    /// Relevance (BM25).
    pub score: f32,
    /// The passage fragment around the matches.
    pub snippet: String,
    /// Byte ranges of the matches within `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// "Title §2.8.1 (body, date)".
    pub citation: String,
}

/// The result of a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Matching passages in all: exact, or an estimate when `total_is_estimate`.
    pub total: usize,
    /// Whether `total` and the facet counts are estimated from a sample (only when more
    /// than [`Query::count_exactly_up_to`], by default [`EXACT_UP_TO`], passages match).
    pub total_is_estimate: bool,
    /// The hits asked for.
    pub hits: Vec<SearchHit>,
    /// Facet counts over all matches (estimated when `total_is_estimate`).
    pub facets: FacetCounts,
}

/// Facet counts, most frequent first.
#[derive(Debug, Clone, Serialize, Default)]
pub struct FacetCounts {
    /// By kind.
    pub kind: Vec<(String, u64)>,
    /// By board or committee.
    pub body: Vec<(String, u64)>,
    /// By year.
    pub year: Vec<(String, u64)>,
    /// By purpose.
    pub purpose: Vec<(String, u64)>,
}

/// A stored paper as `show` and `export` give it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredPaper {
    /// The stored id.
    pub id: i64,
    /// The source file.
    pub path: String,
    /// "text", "docx", "html" or "pdf".
    pub format: String,
    /// The board or committee.
    pub body: Option<String>,
    /// The record.
    pub record: Paper,
}

/// What a library holds.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryInfo {
    /// The library folder.
    pub dir: String,
    /// Papers stored.
    pub papers: u64,
    /// Passages stored and indexed.
    pub passages: u64,
    /// Files seen.
    pub files: u64,
    /// Files whose last ingest failed.
    pub failed: u64,
    /// The store's write counter.
    pub generation: i64,
}

impl Library {
    /// Opens the library in `dir`, creating it if needed, and brings the search index up
    /// to date with the store (rebuilding it if it is missing, damaged or stale).
    pub fn open(dir: &Path) -> Result<Library> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the library folder {}", dir.display()))?;
        let store = Store::open(&dir.join("library.sqlite"))
            .with_context(|| format!("library {}", dir.display()))?;
        let index_dir = dir.join("index");
        let index = match Index::open(&index_dir) {
            Ok(index) => index,
            Err(_) => {
                // A damaged index is derived data: start it again.
                let _ = std::fs::remove_dir_all(&index_dir);
                Index::open(&index_dir)
                    .with_context(|| format!("search index in {}", index_dir.display()))?
            }
        };
        let mut lib = Library {
            dir: dir.to_path_buf(),
            store,
            index,
            track_lock: std::sync::Mutex::new(()),
        };
        lib.sync_index()?;
        Ok(lib)
    }

    /// The library folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Rebuilds the index from the store if it does not reflect the store's generation.
    fn sync_index(&mut self) -> Result<()> {
        let generation = self.store.generation()?;
        if self.index.generation() == Some(generation) {
            return Ok(());
        }
        self.feed_index(None, generation)
    }

    /// Re-indexes the given papers (changed or removed) and records the generation; a
    /// change to most of the library rebuilds the index instead.
    fn reindex(&mut self, papers: &[PaperId]) -> Result<()> {
        let generation = self.store.generation()?;
        let total = self.store.counts()?.papers as usize;
        if papers.len() * 2 > total.max(1) {
            self.feed_index(None, generation)
        } else {
            self.feed_index(Some(papers), generation)
        }
    }

    /// Streams passages from the store into the index (all of them, rebuilding it, or
    /// those of `only` these papers) through a bounded channel, so memory stays flat
    /// however large the library: a reader thread walks the store while the index writer
    /// consumes.
    fn feed_index(&mut self, only: Option<&[PaperId]>, generation: i64) -> Result<()> {
        let store = &self.store;
        let index = &mut self.index;
        std::thread::scope(|scope| -> Result<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<IndexDoc>(4096);
            let producer = scope.spawn(move || {
                // A send fails only when the index stopped reading (it failed): stop too.
                let mut open = true;
                store.for_each_passage(only, &mut |row, p| {
                    if open {
                        open = tx.send(index_doc(row, p)).is_ok();
                    }
                })
            });
            let indexed = match only {
                None => index.rebuild(&mut rx.into_iter(), generation),
                Some(papers) => index.update(papers, &mut rx.into_iter(), generation),
            };
            let streamed = producer
                .join()
                .map_err(|_| anyhow::anyhow!("reading passages from the library failed"))?;
            streamed?;
            indexed?;
            Ok(())
        })
    }

    /// Searches the library.
    pub fn search(&self, query: &Query) -> Result<SearchResults> {
        let results = self.index.search(query)?;
        let mut hits = Vec::with_capacity(results.hits.len());
        for h in results.hits {
            // The row alone: a hit needs the path, not the decoded record.
            let path = self
                .store
                .row(h.paper_id)?
                .map(|row| row.path)
                .unwrap_or_default();
            let citation = citation(
                &h.title,
                h.number.as_deref(),
                h.heading.as_deref(),
                &h.field,
                h.body.as_deref(),
                h.date.as_deref(),
            );
            hits.push(SearchHit {
                paper: h.paper_id,
                path,
                ord: h.ord,
                paragraph: h.number,
                heading: h.heading,
                field: h.field,
                title: h.title,
                kind: h.kind,
                body: h.body,
                date: h.date,
                score: h.score,
                snippet: h.snippet,
                highlights: h.highlights,
                citation,
            });
        }
        let f = results.facets;
        Ok(SearchResults {
            total: results.total,
            total_is_estimate: results.total_is_estimate,
            hits,
            facets: FacetCounts {
                kind: f.kind,
                body: f.body,
                year: f.year,
                purpose: f.purpose,
            },
        })
    }

    /// A stored paper, found by id, path or file name.
    pub fn show(&self, key: &str) -> Result<Option<StoredPaper>> {
        let Some(id) = self.store.resolve(key)? else {
            return Ok(None);
        };
        Ok(self
            .store
            .paper(id)?
            .map(|(row, record)| stored(row, record)))
    }

    /// A stored paper's passages (numbered paragraphs, text blocks, front-matter
    /// entries), in order.
    pub fn passages(&self, id: i64) -> Result<Vec<boardpack_store::Passage>> {
        Ok(self.store.passages(id)?)
    }

    /// Every stored paper, in path order.
    pub fn papers(&self) -> Result<Vec<StoredPaper>> {
        let mut out = Vec::new();
        for row in self.store.papers()? {
            if let Some((row, record)) = self.store.paper(row.id)? {
                out.push(stored(row, record));
            }
        }
        Ok(out)
    }

    /// The stored papers' summary rows, in path order.
    pub fn rows(&self) -> Result<Vec<PaperRow>> {
        Ok(self.store.papers()?)
    }

    /// What the library holds; also runs the store's integrity check.
    pub fn info(&self) -> Result<LibraryInfo> {
        self.store.integrity_check()?;
        let c = self.store.counts()?;
        Ok(LibraryInfo {
            dir: self.dir.display().to_string(),
            papers: c.papers,
            passages: c.passages,
            files: c.files,
            failed: c.failed,
            generation: self.store.generation()?,
        })
    }
}

fn stored(row: PaperRow, record: Paper) -> StoredPaper {
    StoredPaper {
        id: row.id,
        path: row.path,
        format: row.format,
        body: row.body,
        record,
    }
}

fn index_doc(row: &PaperRow, p: &boardpack_store::Passage) -> IndexDoc {
    IndexDoc {
        paper_id: row.id,
        ord: p.ord,
        number: p.number.clone(),
        heading: p.heading.clone(),
        field: p.field.clone(),
        text: p.text.clone(),
        title: row.title.clone().unwrap_or_else(|| file_name(&row.path)),
        body: row.body.clone(),
        kind: row.kind.clone(),
        purpose: row.purpose.clone(),
        date: row.date.clone(),
        has_decision: row.decisions > 0,
        has_action: row.actions > 0,
        facts: p.facts.clone(),
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// "Title §2.8.1 (body, date)"; an unnumbered passage is cited by its heading or field.
pub fn citation(
    title: &str,
    number: Option<&str>,
    heading: Option<&str>,
    field: &str,
    body: Option<&str>,
    date: Option<&str>,
) -> String {
    let place = match (number, heading) {
        (Some(n), _) => format!(" §{n}"),
        (None, Some(h)) => format!(", {h}"),
        (None, None) if field != "text" && field != "paragraph" => format!(", {field}"),
        _ => String::new(),
    };
    let meta: Vec<&str> = [body, date].into_iter().flatten().collect();
    if meta.is_empty() {
        format!("{title}{place}")
    } else {
        format!("{title}{place} ({})", meta.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Library>();
    }

    #[test]
    fn citations() {
        assert_eq!(
            citation(
                "Work Programme",
                Some("2.8.1"),
                None,
                "paragraph",
                Some("City Regions Board"),
                Some("2014-03-01")
            ),
            "Work Programme §2.8.1 (City Regions Board, 2014-03-01)"
        );
        assert_eq!(
            citation("Minutes", None, Some("Budget"), "text", None, None),
            "Minutes, Budget"
        );
        assert_eq!(
            citation("Minutes", None, None, "decision", None, Some("2020")),
            "Minutes, decision (2020)"
        );
    }
}
