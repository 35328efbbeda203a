//! The index: full-text search over papers' passages, with tantivy.
//!
//! Only this crate knows tantivy, its schema and tokenizers. One index document per
//! [`IndexDoc`] (a passage with its paper's fields); English stemming, BM25, phrase and
//! boolean queries, filters, facet counts and highlighted snippets. The index is derived
//! data: every commit records the store generation it reflects, so the app rebuilds it
//! from the store when it is missing or out of date.
//!
//! (stub: the bodies are being written; the signatures are the contract)
#![warn(missing_docs)]

use std::path::Path;

/// Why the index failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexError {
    /// The query could not be parsed (a user mistake).
    #[error("bad query: {0}")]
    Query(String),
    /// A filter value is invalid (a user mistake), e.g. a date that is not a date.
    #[error("bad filter: {0}")]
    Filter(String),
    /// Tantivy or the file system failed.
    #[error("search index: {0}")]
    Engine(String),
}

/// Result type of the index.
pub type Result<T> = std::result::Result<T, IndexError>;

/// One passage to index, with its paper's fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexDoc {
    /// The stored paper's id.
    pub paper_id: i64,
    /// The passage's position in the paper.
    pub ord: u32,
    /// Paragraph number, if numbered.
    pub number: Option<String>,
    /// Section heading.
    pub heading: Option<String>,
    /// "paragraph", "text", "summary", "recommendation", "decision", "action", "item".
    pub field: String,
    /// The passage's text.
    pub text: String,
    /// The paper's title.
    pub title: String,
    /// The paper's board or committee.
    pub body: Option<String>,
    /// The paper's kind.
    pub kind: String,
    /// The paper's purpose.
    pub purpose: Option<String>,
    /// The paper's date (ISO), for range filters and the year facet.
    pub date: Option<String>,
    /// Whether the paper records decisions.
    pub has_decision: bool,
    /// Whether the paper records actions.
    pub has_action: bool,
    /// Kinds of facts found in the passage: "timescale", "money", "organisation", "person".
    pub facts: Vec<String>,
}

/// A search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The query text: words (stemmed), "phrases", AND / OR / NOT (or -word), field:term.
    pub text: String,
    /// Only papers of this kind.
    pub kind: Option<String>,
    /// Only papers of this board or committee (exact name, case-insensitive).
    pub body: Option<String>,
    /// Only papers dated on or after this (ISO date, or a year "2016").
    pub since: Option<String>,
    /// Only papers dated on or before this (ISO date, or a year).
    pub until: Option<String>,
    /// Only papers with this purpose.
    pub purpose: Option<String>,
    /// Only papers that record decisions.
    pub has_decision: bool,
    /// Only papers that record actions.
    pub has_action: bool,
    /// Only passages holding this kind of fact ("money", "timescale" ...).
    pub fact: Option<String>,
    /// How many hits to return.
    pub limit: usize,
    /// How many hits to skip.
    pub offset: usize,
}

/// One hit: a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The paper's id.
    pub paper_id: i64,
    /// The passage's position.
    pub ord: u32,
    /// Paragraph number, if numbered.
    pub number: Option<String>,
    /// Section heading.
    pub heading: Option<String>,
    /// The passage's field.
    pub field: String,
    /// The paper's title.
    pub title: String,
    /// The paper's body.
    pub body: Option<String>,
    /// The paper's kind.
    pub kind: String,
    /// The paper's date.
    pub date: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// A fragment of the passage around the matches.
    pub snippet: String,
    /// Byte ranges of the matched terms within `snippet`.
    pub highlights: Vec<(usize, usize)>,
}

/// Counts of matching passages by facet value, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// By paper kind.
    pub kind: Vec<(String, u64)>,
    /// By board or committee.
    pub body: Vec<(String, u64)>,
    /// By year of the paper's date.
    pub year: Vec<(String, u64)>,
    /// By purpose.
    pub purpose: Vec<(String, u64)>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// Matching passages in all.
    pub total: usize,
    /// The hits asked for, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches.
    pub facets: Facets,
}

/// An open index.
pub struct Index {
    _private: (),
}

fn todo<T>() -> Result<T> {
    Err(IndexError::Engine("not implemented yet".into()))
}

impl Index {
    /// Opens the index in `dir`, creating an empty one if there is none (or if what is
    /// there cannot be opened, e.g. a different schema: the caller then rebuilds it).
    pub fn open(dir: &Path) -> Result<Index> {
        let _ = dir;
        todo()
    }

    /// An index in memory, for tests.
    pub fn in_memory() -> Result<Index> {
        todo()
    }

    /// The store generation the last commit reflects, or None for a new index.
    pub fn generation(&self) -> Option<i64> {
        None
    }

    /// Deletes the passages of `papers`, adds `docs`, and commits, recording `generation`.
    pub fn update(
        &mut self,
        papers: &[i64],
        docs: &mut dyn Iterator<Item = IndexDoc>,
        generation: i64,
    ) -> Result<()> {
        let _ = (papers, docs, generation);
        todo()
    }

    /// Replaces the whole index with `docs` and commits, recording `generation`.
    pub fn rebuild(&mut self, docs: &mut dyn Iterator<Item = IndexDoc>, generation: i64) -> Result<()> {
        let _ = (docs, generation);
        todo()
    }

    /// Runs a search.
    pub fn search(&self, query: &Query) -> Result<Results> {
        let _ = query;
        todo()
    }
}
