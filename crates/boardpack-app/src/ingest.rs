//! Ingest: folders of papers into the library.
//!
//! Files are found recursively and told apart by content, not name. A file whose size and
//! time match what the library recorded is skipped unread; one whose bytes hash the same
//! is only re-stamped; the rest are read, parsed and extracted in parallel (rayon) and
//! stored in batches, one transaction each, by a single writer. A file that fails is
//! recorded with its reason and the run goes on. The search index is brought up to date at
//! the end; if the run is killed, the store holds whole batches only and the next open
//! rebuilds the index from it.

use std::path::{Path, PathBuf};
use std::time::{Instant, UNIX_EPOCH};

use anyhow::Result;
use boardpack_model::Paper;
use boardpack_store::{NewPaper, Outcome, Passage};
use rayon::prelude::*;
use serde::Serialize;

use crate::Library;

/// How many files are parsed between two store transactions.
const BATCH: usize = 512;
/// How deep ingest follows folders.
const MAX_DEPTH: usize = 32;

/// Options of an ingest run.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The board or committee every paper of this run belongs to. Without it, a paper's
    /// body is named after the top folder it sits in under the ingested folder (or that
    /// folder itself), unless the name is a generic one such as "papers".
    pub body: Option<String>,
    /// Split paged files (PDF, DOCX) that hold several papers (agenda packs).
    pub split_packs: bool,
}

/// Reports progress; the CLI draws a bar or prints lines.
pub trait Progress: Sync {
    /// The run found `total` files.
    fn start(&self, total: usize);
    /// One more file is done.
    fn advance(&self);
    /// A file failed, with the reason.
    fn failed(&self, path: &Path, reason: &str);
    /// The run is over.
    fn finish(&self);
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Files found.
    pub files: usize,
    /// Papers stored for the first time.
    pub added: usize,
    /// Papers whose file changed and replaced their old record.
    pub updated: usize,
    /// Files (or papers) already in the library as they are.
    pub unchanged: usize,
    /// Files that are data, not papers (JSON), and were left alone.
    pub skipped: usize,
    /// Files that could not be read, with their reasons.
    pub failed: Vec<(String, String)>,
    /// Papers removed because their file no longer yields them.
    pub removed: usize,
    /// Bytes read and parsed.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// The result of looking at one file.
enum Seen {
    Unchanged,
    NotAPaper,
    Touched {
        size: u64,
        mtime_ns: i64,
    },
    Parsed(Parsed),
    Failed {
        size: u64,
        mtime_ns: i64,
        error: String,
    },
}

struct Parsed {
    hash: String,
    size: u64,
    mtime_ns: i64,
    format: &'static str,
    parts: Vec<(u32, Paper, Vec<Passage>)>,
}

impl Library {
    /// Ingests every file under `root` (a folder, or a single file).
    pub fn ingest(
        &mut self,
        root: &Path,
        opts: &IngestOptions,
        progress: &dyn Progress,
    ) -> Result<IngestSummary> {
        let started = Instant::now();
        let root =
            std::fs::canonicalize(root).map_err(|e| anyhow::anyhow!("{}: {e}", root.display()))?;
        let mut files = Vec::new();
        walk(&root, &mut files, 0)?;
        files.sort();
        progress.start(files.len());
        let mut summary = IngestSummary {
            files: files.len(),
            ..IngestSummary::default()
        };
        let mut changed: Vec<i64> = Vec::new();
        for chunk in files.chunks(BATCH) {
            // Look (and parse) in parallel; the store is read-only meanwhile.
            let known: Vec<Option<boardpack_store::FileState>> = chunk
                .iter()
                .map(|p| self.store.file_state(&p.to_string_lossy()))
                .collect::<Result<_, _>>()?;
            let seen: Vec<Seen> = chunk
                .par_iter()
                .zip(known.par_iter())
                .map(|(path, known)| {
                    let s = look(path, known.as_ref(), opts.split_packs);
                    progress.advance();
                    s
                })
                .collect();
            // Write in one transaction.
            let bodies: Vec<Option<String>> =
                chunk.iter().map(|p| body_of(&root, p, opts)).collect();
            let paths: Vec<String> = chunk
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            let mut new = Vec::new();
            for (k, s) in seen.iter().enumerate() {
                match s {
                    Seen::Unchanged => summary.unchanged += 1,
                    Seen::NotAPaper => summary.skipped += 1,
                    Seen::Touched { size, mtime_ns } => {
                        self.store.touch_file(&paths[k], *size, *mtime_ns)?;
                        summary.unchanged += 1;
                    }
                    Seen::Failed {
                        size,
                        mtime_ns,
                        error,
                    } => {
                        progress.failed(&chunk[k], error);
                        self.store
                            .record_failure(&paths[k], *size, *mtime_ns, error)?;
                        summary.failed.push((paths[k].clone(), error.clone()));
                    }
                    Seen::Parsed(p) => {
                        summary.bytes += p.size;
                        for (part, paper, passages) in &p.parts {
                            new.push(NewPaper {
                                path: &paths[k],
                                hash: &p.hash,
                                part: *part,
                                size: p.size,
                                mtime_ns: p.mtime_ns,
                                format: p.format,
                                body: bodies[k].as_deref(),
                                paper,
                                passages,
                            });
                        }
                    }
                }
            }
            if !new.is_empty() {
                let batch = self.store.upsert_batch(&new)?;
                for o in &batch.outcomes {
                    match o {
                        Outcome::Added(id) => {
                            summary.added += 1;
                            changed.push(*id);
                        }
                        Outcome::Updated(id) => {
                            summary.updated += 1;
                            changed.push(*id);
                        }
                        Outcome::Unchanged(_) => summary.unchanged += 1,
                    }
                }
                summary.removed += batch.removed.len();
                changed.extend(batch.removed);
            }
        }
        if !changed.is_empty() || self.index.generation() != Some(self.store.generation()?) {
            changed.sort_unstable();
            changed.dedup();
            self.reindex(&changed)?;
        }
        progress.finish();
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }
}

/// Decides what to do with one file, reading and parsing it only when it changed.
fn look(path: &Path, known: Option<&boardpack_store::FileState>, split: bool) -> Seen {
    let (size, mtime_ns) = match std::fs::metadata(path) {
        Ok(m) => (m.len(), mtime_of(&m)),
        Err(e) => {
            return Seen::Failed {
                size: 0,
                mtime_ns: 0,
                error: format!("cannot read the file: {e}"),
            };
        }
    };
    if let Some(k) = known
        && k.size == size
        && k.mtime_ns == mtime_ns
        && k.error.is_none()
    {
        return Seen::Unchanged;
    }
    if size > boardpack_read::MAX_INPUT_BYTES as u64 {
        return Seen::Failed {
            size,
            mtime_ns,
            error: format!(
                "the file is {size} bytes, over the {}-byte limit",
                boardpack_read::MAX_INPUT_BYTES
            ),
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Seen::Failed {
                size,
                mtime_ns,
                error: format!("cannot read the file: {e}"),
            };
        }
    };
    if is_json(&bytes) {
        return Seen::NotAPaper;
    }
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if let Some(k) = known
        && k.hash == hash
        && k.error.is_none()
    {
        return Seen::Touched { size, mtime_ns };
    }
    let (format, doc) = match boardpack_read::read_detected(&bytes) {
        Ok(x) => x,
        Err(e) => {
            return Seen::Failed {
                size,
                mtime_ns,
                error: e.to_string(),
            };
        }
    };
    let paged = matches!(
        format,
        boardpack_read::Format::Pdf | boardpack_read::Format::Docx
    );
    let mut pieces = if split && paged {
        crate::pack_records(&doc, &path.to_string_lossy())
    } else {
        Vec::new()
    };
    let parts = if pieces.len() > 1 {
        pieces
            .into_iter()
            .enumerate()
            .map(|(i, (paper, piece))| {
                let passages = crate::passages::passages(&piece, &paper);
                (i as u32 + 1, paper, passages)
            })
            .collect()
    } else {
        // One paper: the single part is the whole document, read on its own.
        let mut paper = match pieces.pop() {
            Some((paper, _)) => paper,
            None => crate::record(&doc),
        };
        paper.pack = None;
        let passages = crate::passages::passages(&doc, &paper);
        vec![(0, paper, passages)]
    };
    Seen::Parsed(Parsed {
        hash,
        size,
        mtime_ns,
        format: format.as_str(),
        parts,
    })
}

/// JSON data (annotations, exports) sits beside papers in folders; it is not a paper.
fn is_json(bytes: &[u8]) -> bool {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    matches!(start.map(|i| bytes[i]), Some(b'{' | b'['))
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

fn mtime_of(m: &std::fs::Metadata) -> i64 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}

/// Every file under `path`, hidden ones and README files skipped.
fn walk(path: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    for entry in entries.flatten() {
        let p = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.eq_ignore_ascii_case("readme.md") {
            continue;
        }
        walk(&p, out, depth + 1)?;
    }
    Ok(())
}

/// Folder names that say nothing about which body the papers belong to.
const GENERIC_FOLDERS: &[&str] = &[
    "papers",
    "paper",
    "docs",
    "documents",
    "files",
    "minutes",
    "reports",
    "agendas",
    "downloads",
    "pdf",
    "pdfs",
    "examples",
    "archive",
    "data",
    "tmp",
    "input",
    "library",
];

/// The board or committee a file belongs to.
fn body_of(root: &Path, file: &Path, opts: &IngestOptions) -> Option<String> {
    if let Some(b) = &opts.body {
        return Some(b.clone());
    }
    let rel = file.strip_prefix(root).ok()?;
    let mut comps = rel.components();
    let first = comps.next()?;
    let folder = if comps.next().is_some() {
        first.as_os_str().to_string_lossy().into_owned()
    } else {
        root.file_name()?.to_string_lossy().into_owned()
    };
    let name = humanise(&folder);
    (!GENERIC_FOLDERS.contains(&name.to_lowercase().as_str()) && !name.is_empty()).then_some(name)
}

/// "city-regions-board" → "City Regions Board".
fn humanise(folder: &str) -> String {
    folder
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) if w.chars().all(|c| c.is_lowercase() || !c.is_alphabetic()) => {
                    c.to_uppercase().chain(cs).collect::<String>()
                }
                Some(_) => w.to_string(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_from_folders() {
        assert_eq!(humanise("city-regions-board"), "City Regions Board");
        assert_eq!(humanise("LGA_Executive"), "LGA Executive");
        let opts = IngestOptions::default();
        let root = Path::new("/p/city-regions-board");
        assert_eq!(
            body_of(root, Path::new("/p/city-regions-board/a.txt"), &opts).as_deref(),
            Some("City Regions Board")
        );
        let root = Path::new("/p/papers");
        assert_eq!(
            body_of(root, Path::new("/p/papers/cabinet/a.txt"), &opts).as_deref(),
            Some("Cabinet")
        );
        assert_eq!(body_of(root, Path::new("/p/papers/a.txt"), &opts), None);
    }
}
