//! The index: full-text search over papers' passages, with tantivy.
//!
//! Only this crate knows tantivy, its schema and tokenizers. One index document per
//! [`IndexDoc`] (a passage with its paper's fields); English stemming, BM25, phrase and
//! boolean queries, filters, facet counts and highlighted snippets. The index is derived
//! data: every commit records the store generation it reflects, so the app rebuilds it
//! from the store when it is missing or out of date.
//!
//! Modules: `schema` (fields, analyzers, documents), `query` (the user's text and the
//! filters as tantivy queries, date bounds), `count` (the total and facets, apart from
//! ranking: exact up to a limit, estimated from a sample beyond), `facets` (facet counts
//! from fast columns). This file holds the contract types and [`Index`], which opens,
//! writes and searches.
//!
//! Query language: words are stemmed English and all required ("programmes" finds
//! "programme"); "quoted phrases"; `OR`, `AND`, `NOT`/`-word`, parentheses; `field:term`
//! on `text`, `heading`, `title`, `kind`, `body`, `purpose`, `field`, `fact`, `year`.
//! No stop words are removed. Headings and titles weigh twice as much as the text.
#![warn(missing_docs)]

mod count;
mod facets;
mod query;
mod runs;
mod schema;

use std::fmt;
use std::fs;
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument};

pub use crate::count::EXACT_UP_TO;
use crate::facets::FacetCounter;
use crate::schema::Fields;
pub use crate::schema::SCHEMA_VERSION;

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
    /// Count matches exactly when there are at most this many; beyond, the total and
    /// facets are estimated from a sample. None: [`EXACT_UP_TO`]; `Some(u64::MAX)`:
    /// always exactly (slow for the commonest words).
    pub count_exactly_up_to: Option<u64>,
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
    /// Matching passages in all: exact, or an estimate when `total_is_estimate`.
    pub total: usize,
    /// Whether `total` and the facet counts are estimated from a sample (only when there
    /// are more matches than [`Query::count_exactly_up_to`]).
    pub total_is_estimate: bool,
    /// The hits asked for, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches (estimated when `total_is_estimate`).
    pub facets: Facets,
}

/// An open index.
///
/// Cheap to share between threads for searching (`&self`); writing (`update`, `rebuild`)
/// takes `&mut self` and the directory's writer lock for the duration of the call.
pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    parser: QueryParser,
    /// The same parser without the heading and title boosts, whose queries
    /// `runs::rewrite` boosts itself.
    plain: QueryParser,
    generation: Option<i64>,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

/// The indexing memory budget of one write call, shared by the writer's threads.
const WRITER_BUDGET: usize = 100_000_000;
/// Threads one search uses over the index's segments.
const SEARCH_THREADS: usize = 2;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 200;
/// Words that open a commit payload.
const PAYLOAD_PREFIX: &str = "boardpack-index";

fn engine(e: impl fmt::Display) -> IndexError {
    IndexError::Engine(e.to_string())
}

impl Index {
    /// Opens the index in `dir`, creating an empty one if there is none (or if what is
    /// there cannot be opened, e.g. a different schema: the caller then rebuilds it).
    ///
    /// An index written with another [`SCHEMA_VERSION`] or schema, or one that tantivy
    /// cannot open, has its files deleted (only tantivy's files: `meta.json`,
    /// `.managed.json`, lock files and segment files) and an empty index takes its place,
    /// with no generation.
    pub fn open(dir: &Path) -> Result<Index> {
        fs::create_dir_all(dir).map_err(|e| engine(format!("{}: {e}", dir.display())))?;
        let (schema, fields) = Fields::build();
        let existing = if dir.join("meta.json").exists() {
            match tantivy::Index::open_in_dir(dir) {
                Ok(index) if compatible(&index, &schema) => Some(index),
                _ => {
                    wipe(dir)?;
                    None
                }
            }
        } else {
            None
        };
        let index = match existing {
            Some(index) => index,
            None => tantivy::Index::create_in_dir(dir, schema).map_err(engine)?,
        };
        Index::from_tantivy(index, fields)
    }

    /// An index in memory, for tests.
    pub fn in_memory() -> Result<Index> {
        let (schema, fields) = Fields::build();
        Index::from_tantivy(tantivy::Index::create_in_ram(schema), fields)
    }

    fn from_tantivy(mut index: tantivy::Index, fields: Fields) -> Result<Index> {
        schema::register_tokenizers(&index);
        // Segments are searched in parallel (one search's latency, not throughput).
        index
            .set_multithread_executor(SEARCH_THREADS)
            .map_err(engine)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(engine)?;
        let mut plain =
            QueryParser::for_index(&index, vec![fields.text, fields.heading, fields.title]);
        plain.set_conjunction_by_default();
        let mut parser = plain.clone();
        parser.set_field_boost(fields.heading, schema::FIELD_BOOST);
        parser.set_field_boost(fields.title, schema::FIELD_BOOST);
        let generation = index
            .load_metas()
            .map_err(engine)?
            .payload
            .as_deref()
            .and_then(|p| read_payload(p).1);
        Ok(Index {
            index,
            reader,
            fields,
            parser,
            plain,
            generation,
        })
    }

    /// The store generation the last commit reflects, or None for a new index.
    pub fn generation(&self) -> Option<i64> {
        self.generation
    }

    /// How many passages the index holds (as of the last commit).
    pub fn num_passages(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// In how many passages `word` occurs (analysed as search analyses text: lower case,
    /// English stem); for a word the analyser splits ("take-up"), its rarest part's
    /// count. Used to weigh words by rarity.
    pub fn doc_freq(&self, word: &str) -> u64 {
        let Ok(mut analyzer) = self.index.tokenizers().get(schema::ENGLISH).ok_or(()) else {
            return 0;
        };
        let searcher = self.reader.searcher();
        let mut stream = analyzer.token_stream(word);
        let mut least: Option<u64> = None;
        while stream.advance() {
            let term = tantivy::Term::from_field_text(self.fields.text, &stream.token().text);
            let df = searcher.doc_freq(&term).unwrap_or(0);
            least = Some(least.map_or(df, |l| l.min(df)));
        }
        least.unwrap_or(0)
    }

    /// Deletes the passages of `papers`, adds `docs`, and commits, recording `generation`.
    ///
    /// Nothing is committed if adding fails part way.
    pub fn update(
        &mut self,
        papers: &[i64],
        docs: &mut dyn Iterator<Item = IndexDoc>,
        generation: i64,
    ) -> Result<()> {
        let writer = self.writer()?;
        for &paper in papers {
            writer.delete_term(self.fields.paper_term(paper));
        }
        self.add_and_commit(writer, docs, generation)
    }

    /// Replaces the whole index with `docs` and commits, recording `generation`.
    pub fn rebuild(
        &mut self,
        docs: &mut dyn Iterator<Item = IndexDoc>,
        generation: i64,
    ) -> Result<()> {
        let writer = self.writer()?;
        writer.delete_all_documents().map_err(engine)?;
        self.add_and_commit(writer, docs, generation)
    }

    fn writer(&self) -> Result<IndexWriter> {
        self.index.writer(WRITER_BUDGET).map_err(engine)
    }

    fn add_and_commit(
        &mut self,
        mut writer: IndexWriter,
        docs: &mut dyn Iterator<Item = IndexDoc>,
        generation: i64,
    ) -> Result<()> {
        for doc in docs {
            writer
                .add_document(self.fields.document(&doc))
                .map_err(engine)?;
        }
        let mut prepared = writer.prepare_commit().map_err(engine)?;
        prepared.set_payload(&write_payload(generation));
        prepared.commit().map_err(engine)?;
        // Let merges finish so searches see few segments.
        writer.wait_merging_threads().map_err(engine)?;
        self.reader.reload().map_err(engine)?;
        self.generation = Some(generation);
        Ok(())
    }

    /// Runs a search.
    ///
    /// Hits are ranked by BM25 when there is query text; with filters only (blank text)
    /// every passage that passes the filters matches, newest paper first, score 0.
    /// `total` and the facets count every match, not only the page of hits: exactly when
    /// there are at most [`Query::count_exactly_up_to`] (default [`EXACT_UP_TO`]), else
    /// estimated from an even sample of the index (`total_is_estimate`). Each hit's
    /// snippet is the best fragment of its text (at most 200 characters) around the
    /// matched words, with their byte ranges; when the text holds none of them (e.g. the
    /// match was in the heading or title), it is the start of the text, with no ranges.
    pub fn search(&self, query: &Query) -> Result<Results> {
        self.search_with(query, true)
    }

    /// [`Index::search`], with title phrases matched once per paper (`runs`) or as
    /// tantivy's parser builds them (to test that both give the same).
    fn search_with(&self, query: &Query, runs: bool) -> Result<Results> {
        let searcher = self.reader.searcher();
        let text = query::parse_text(&self.parser, &query.text)?.map(|standard| {
            // The same query with title phrases matched once per paper, when it can be
            // rebuilt; else as tantivy's parser made it.
            query::parse_text(&self.plain, &query.text)
                .ok()
                .flatten()
                .filter(|_| runs)
                .and_then(|q| runs::rewrite(q.as_ref(), &self.fields))
                .unwrap_or(standard)
        });
        let filters = query::filters(&self.fields, query)?;
        let snippets = match &text {
            Some(t) => {
                let mut g = SnippetGenerator::create(&searcher, t.as_ref(), self.fields.text)
                    .map_err(engine)?;
                g.set_max_num_chars(SNIPPET_CHARS);
                Some(g)
            }
            None => None,
        };
        let ranked = text.is_some();
        let whole = query::combine(text, filters);
        let top =
            (query.limit > 0).then(|| TopDocs::with_limit(query.limit).and_offset(query.offset));
        let exact_up_to = query.count_exactly_up_to.unwrap_or(EXACT_UP_TO);
        // A bound or a sample says whether there are many matches.
        let sample = count::sample(&searcher, whole.as_ref(), exact_up_to)
            .map_err(engine)?
            .filter(|s| s.estimated_total() > exact_up_to as f64);
        let by_date = |top: TopDocs| top.order_by_fast_field::<i64>("date", Order::Desc);
        let unscored = |v: Vec<(i64, DocAddress)>| v.into_iter().map(|(_, a)| (0.0, a)).collect();
        let (addresses, counts): (Vec<(f32, DocAddress)>, _) = if let Some(sample) = sample {
            // Many: the hits alone, so tantivy can prune (block-WAND), and the counts
            // apart, exact up to the limit.
            let hits = match top {
                None => Vec::new(),
                Some(top) if ranked => searcher.search(whole.as_ref(), &top).map_err(engine)?,
                Some(top) => unscored(
                    searcher
                        .search(whole.as_ref(), &by_date(top))
                        .map_err(engine)?,
                ),
            };
            (hits, sample.finish(&searcher, exact_up_to).map_err(engine)?)
        } else {
            // Few: the hits and exact counts in one pass.
            let (hits, (total, facets)) = if ranked {
                searcher.search(whole.as_ref(), &(top, FacetCounter))
            } else {
                searcher
                    .search(whole.as_ref(), &(top.map(by_date), FacetCounter))
                    .map(|(hits, counts)| (hits.map(unscored), counts))
            }
            .map_err(engine)?;
            let counts = count::Counts {
                total,
                facets,
                estimate: false,
            };
            (hits.unwrap_or_default(), counts)
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(engine)?;
            hits.push(self.hit(&doc, score, snippets.as_ref()));
        }
        Ok(Results {
            total: usize::try_from(counts.total).unwrap_or(usize::MAX),
            total_is_estimate: counts.estimate,
            hits,
            facets: counts.facets,
        })
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, snippets: Option<&SnippetGenerator>) -> Hit {
        let f = &self.fields;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let text = doc.get_first(f.text).and_then(|v| v.as_str()).unwrap_or("");
        let snippet = snippets
            .map(|g| g.snippet(text))
            .filter(|s| !s.highlighted().is_empty());
        let (snippet, highlights) = match snippet {
            Some(s) => (
                s.fragment().to_string(),
                s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
            ),
            None => (lead(text, SNIPPET_CHARS).to_string(), Vec::new()),
        };
        Hit {
            paper_id: doc
                .get_first(f.paper_id)
                .and_then(|v| v.as_i64())
                .unwrap_or_default(),
            ord: doc
                .get_first(f.ord)
                .and_then(|v| v.as_u64())
                .and_then(|o| u32::try_from(o).ok())
                .unwrap_or_default(),
            number: text_of(f.number),
            heading: text_of(f.heading),
            field: text_of(f.field).unwrap_or_default(),
            title: text_of(f.title).unwrap_or_default(),
            body: text_of(f.body),
            kind: text_of(f.kind).unwrap_or_default(),
            date: text_of(f.date_iso),
            score,
            snippet,
            highlights,
        }
    }
}

/// The start of `text`: at most `max` characters, cut at a word break when there is one
/// in the second half.
fn lead(text: &str, max: usize) -> &str {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = &text[..cut];
    match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => head[..space].trim_end(),
        _ => head,
    }
}

/// Whether an index on disk was written by this version of the schema.
fn compatible(index: &tantivy::Index, schema: &tantivy::schema::Schema) -> bool {
    if index.schema() != *schema {
        return false;
    }
    match index.load_metas() {
        // A new index never committed by us has no payload yet.
        Ok(metas) => metas
            .payload
            .as_deref()
            .is_none_or(|p| read_payload(p).0 == Some(SCHEMA_VERSION)),
        Err(_) => false,
    }
}

/// Deletes tantivy's files in `dir` (and nothing else).
fn wipe(dir: &Path) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| engine(format!("{}: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry.map_err(engine)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let segment_file = name.len() > 33
            && name.as_bytes()[32] == b'.'
            && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
        let ours = segment_file
            || matches!(name, "meta.json" | ".managed.json")
            || (name.starts_with(".tantivy-") && name.ends_with(".lock"));
        if ours && entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            fs::remove_file(entry.path()).map_err(|e| engine(format!("{name}: {e}")))?;
        }
    }
    Ok(())
}

/// The commit payload: "boardpack-index schema=1 generation=42".
fn write_payload(generation: i64) -> String {
    format!("{PAYLOAD_PREFIX} schema={SCHEMA_VERSION} generation={generation}")
}

/// The schema version and generation a payload records.
fn read_payload(payload: &str) -> (Option<u32>, Option<i64>) {
    let mut words = payload.split_whitespace();
    if words.next() != Some(PAYLOAD_PREFIX) {
        return (None, None);
    }
    let (mut version, mut generation) = (None, None);
    for word in words {
        match word.split_once('=') {
            Some(("schema", v)) => version = v.parse().ok(),
            Some(("generation", g)) => generation = g.parse().ok(),
            _ => {}
        }
    }
    (version, generation)
}

#[cfg(test)]
mod tests {
    use super::{Index, IndexDoc, Query, SCHEMA_VERSION, lead, read_payload, write_payload};

    /// Papers of 1 to 6 passages; titles and texts drawn from a few phrases.
    fn papers(n: i64) -> Vec<IndexDoc> {
        let titles = [
            "Work and Health Programme update",
            "Adult Education Budget",
            "Health and work: programme review",
            "Quarterly performance",
        ];
        let texts = [
            "The Work and Health Programme has started.",
            "Funding for the programme of work on health.",
            "The adult education budget is devolved.",
            "Nothing to report.",
            "Work and health programme work and health programme.",
        ];
        let mut out = Vec::new();
        for id in 0..n {
            for ord in 0..(1 + id % 6) as u32 {
                out.push(IndexDoc {
                    paper_id: id,
                    ord,
                    field: "paragraph".into(),
                    heading: (ord % 2 == 1).then(|| titles[(id as usize + 1) % 4].into()),
                    text: texts[(id as usize * 7 + ord as usize) % 5].into(),
                    title: titles[id as usize % 4].into(),
                    kind: if id % 3 == 0 { "minutes" } else { "report" }.into(),
                    ..IndexDoc::default()
                });
            }
        }
        out
    }

    #[test]
    fn title_phrases_by_paper_match_and_score_as_tantivy_does() {
        let mut ix = Index::in_memory().unwrap();
        ix.rebuild(&mut papers(300).into_iter(), 1).unwrap();
        // Change some papers' titles (deletes and re-adds their passages).
        let changed: Vec<i64> = (0..300).step_by(7).collect();
        let mut docs: Vec<IndexDoc> = papers(300)
            .into_iter()
            .filter(|d| changed.contains(&d.paper_id))
            .map(|mut d| {
                d.title = format!("Renamed {} report", d.paper_id);
                d
            })
            .collect();
        ix.update(&changed, &mut docs.drain(..), 2).unwrap();
        // The by-paper form is really used.
        let parsed = ix
            .plain
            .parse_query("\"work and health\" -funding")
            .unwrap();
        let rewritten = super::runs::rewrite(parsed.as_ref(), &ix.fields).unwrap();
        assert!(
            format!("{rewritten:?}").contains("PaperRuns"),
            "{rewritten:?}"
        );
        for text in [
            "\"work and health programme\"",
            "\"adult education budget\"",
            "title:\"health programme\"",
            "\"work and health\" OR \"education budget\"",
            "\"work and health programme\" -funding",
            "programme \"work and health\"",
            "renamed",
            "\"renamed 14 report\"",
        ] {
            for kind in [None, Some("report".to_string())] {
                let q = Query {
                    text: text.into(),
                    kind,
                    limit: 2_000,
                    ..Query::default()
                };
                let by_paper = ix.search_with(&q, true).unwrap();
                let plain = ix.search_with(&q, false).unwrap();
                assert!(by_paper.total > 0, "{text}");
                assert_eq!(by_paper.total, plain.total, "{text}");
                assert_eq!(by_paper.facets, plain.facets, "{text}");
                let key = |r: &super::Results| {
                    let mut v: Vec<(i64, u32, u32)> = r
                        .hits
                        .iter()
                        .map(|h| (h.paper_id, h.ord, (h.score * 1e4).round() as u32))
                        .collect();
                    v.sort_unstable();
                    v
                };
                assert_eq!(key(&by_paper), key(&plain), "{text}");
            }
        }
    }

    #[test]
    fn payload_round_trip() {
        assert_eq!(
            read_payload(&write_payload(42)),
            (Some(SCHEMA_VERSION), Some(42))
        );
        assert_eq!(read_payload("something else"), (None, None));
    }

    #[test]
    fn lead_cuts_at_a_word_break() {
        assert_eq!(lead("  short text ", 200), "short text");
        let long = "word ".repeat(60);
        let cut = lead(&long, 200);
        assert!(cut.len() <= 200 && cut.ends_with("word"), "{cut:?}");
        let accents = "é".repeat(300);
        assert_eq!(lead(&accents, 200).chars().count(), 200);
    }
}
