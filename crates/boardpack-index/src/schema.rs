//! The tantivy schema, its analyzers and the conversion of an [`IndexDoc`] into a
//! tantivy document.
//!
//! Not for searching: `query.rs` builds queries over these fields and `facets.rs`
//! counts over their fast columns. Changing anything here that changes what is stored or
//! how it is tokenized must bump [`SCHEMA_VERSION`], so old indexes are rebuilt.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{TantivyDocument, Term};

use crate::IndexDoc;
use crate::query::parse_date;

/// The version of the schema and analyzers, recorded in every commit's payload.
pub const SCHEMA_VERSION: u32 = 1;

/// How much more a match in a heading or title weighs than one in the text.
pub(crate) const FIELD_BOOST: f32 = 2.0;

/// The English analyzer for prose fields: words, lower case, Snowball English stems.
pub(crate) const ENGLISH: &str = "boardpack_en";
/// The analyzer for keyword fields: the whole value as one lower-cased term.
pub(crate) const KEYWORD: &str = "boardpack_keyword";

/// The handles of the schema's fields.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// The passage's text (English, positions, stored).
    pub text: Field,
    /// Section heading (English, positions, stored).
    pub heading: Field,
    /// Paper title (English, positions, stored).
    pub title: Field,
    /// Board or committee (keyword; fast column keeps the original case for facets).
    pub body: Field,
    /// Paper kind (keyword, fast, stored).
    pub kind: Field,
    /// Paper purpose (keyword, fast, stored).
    pub purpose: Field,
    /// Passage field ("paragraph", "decision" ...; keyword, stored).
    pub field: Field,
    /// Kinds of facts in the passage (keyword, multi-valued, stored).
    pub fact: Field,
    /// The paper's date as a yyyymmdd number (indexed, fast: ranges and newest-first).
    pub date: Field,
    /// The paper's date as given (stored only).
    pub date_iso: Field,
    /// The paper's year (indexed, fast: the year facet).
    pub year: Field,
    /// Stored paper id (indexed for deletes, fast, stored).
    pub paper_id: Field,
    /// The passage's position in its paper (stored, fast).
    pub ord: Field,
    /// Paragraph number (stored only).
    pub number: Field,
    /// Whether the paper records decisions (indexed).
    pub has_decision: Field,
    /// Whether the paper records actions (indexed).
    pub has_action: Field,
}

impl Fields {
    /// Builds the schema and returns it with its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let prose = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ENGLISH)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let keyword = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(KEYWORD)
                    .set_index_option(IndexRecordOption::Basic),
            )
            .set_stored();
        // Facet fields: filtered lower-cased, counted in their original spelling.
        let facet = keyword.clone().set_fast(None);
        let stored_only = TextOptions::default().set_stored();
        let fields = Fields {
            text: b.add_text_field("text", prose.clone()),
            heading: b.add_text_field("heading", prose.clone()),
            title: b.add_text_field("title", prose),
            body: b.add_text_field("body", facet.clone()),
            kind: b.add_text_field("kind", facet.clone()),
            purpose: b.add_text_field("purpose", facet),
            field: b.add_text_field("field", keyword.clone()),
            fact: b.add_text_field("fact", keyword),
            date: b.add_i64_field("date", INDEXED | FAST),
            date_iso: b.add_text_field("date_iso", stored_only.clone()),
            year: b.add_u64_field("year", INDEXED | FAST),
            paper_id: b.add_i64_field("paper_id", INDEXED | FAST | STORED),
            ord: b.add_u64_field("ord", NumericOptions::default().set_stored().set_fast()),
            number: b.add_text_field("number", stored_only),
            has_decision: b.add_bool_field("has_decision", INDEXED),
            has_action: b.add_bool_field("has_action", INDEXED),
        };
        (b.build(), fields)
    }

    /// The tantivy document for one passage.
    pub fn document(&self, d: &IndexDoc) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_i64(self.paper_id, d.paper_id);
        doc.add_u64(self.ord, u64::from(d.ord));
        if let Some(n) = non_empty(d.number.as_deref()) {
            doc.add_text(self.number, n);
        }
        if let Some(h) = non_empty(d.heading.as_deref()) {
            doc.add_text(self.heading, h);
        }
        if let Some(f) = non_empty(Some(&d.field)) {
            doc.add_text(self.field, f);
        }
        doc.add_text(self.text, &d.text);
        if let Some(t) = non_empty(Some(&d.title)) {
            doc.add_text(self.title, t);
        }
        if let Some(b) = non_empty(d.body.as_deref()) {
            doc.add_text(self.body, b);
        }
        if let Some(k) = non_empty(Some(&d.kind)) {
            doc.add_text(self.kind, k);
        }
        if let Some(p) = non_empty(d.purpose.as_deref()) {
            doc.add_text(self.purpose, p);
        }
        if let Some(iso) = non_empty(d.date.as_deref()) {
            doc.add_text(self.date_iso, iso);
            // A date that does not parse is kept for display but not filterable.
            if let Ok(day) = parse_date(iso, false) {
                doc.add_i64(self.date, day);
                doc.add_u64(self.year, (day / 10_000) as u64);
            }
        }
        doc.add_bool(self.has_decision, d.has_decision);
        doc.add_bool(self.has_action, d.has_action);
        for f in &d.facts {
            if let Some(f) = non_empty(Some(f)) {
                doc.add_text(self.fact, f);
            }
        }
        doc
    }

    /// The term that selects every passage of a paper.
    pub fn paper_term(&self, paper_id: i64) -> Term {
        Term::from_field_i64(self.paper_id, paper_id)
    }
}

/// Registers the analyzers on an index (they are not persisted with it).
pub(crate) fn register_tokenizers(index: &tantivy::Index) {
    let english = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build();
    let keyword = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build();
    index.tokenizers().register(ENGLISH, english);
    index.tokenizers().register(KEYWORD, keyword);
}

/// The trimmed value, or None when it is empty.
fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}
