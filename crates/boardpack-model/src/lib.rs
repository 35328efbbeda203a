//! The record of one committee paper: the types every stage of boardpack shares.
//!
//! [`Paper`] is what `boardpack parse --json` prints and what `../shared/eval/GUIDE.md`
//! defines field by field. The parse stage fills the structure fields (kind to actions);
//! the extract stage fills the facts (activities, timescales, money, organisations,
//! people, date). This crate holds data only: no parsing, no I/O.
#![warn(missing_docs)]

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What sort of paper this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A paper written for a board or committee: a policy update, a work programme, a
    /// cabinet report, a cover report with minutes attached.
    #[default]
    Report,
    /// The record of a meeting or of one agenda item at it.
    Minutes,
    /// A decision notice or record of decision.
    Decision,
    /// An agenda or an agenda pack's front sheet.
    Agenda,
    /// Forward plans, issue histories, action logs, anything else.
    Other,
}

impl Kind {
    /// The lower-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Minutes => "minutes",
            Kind::Decision => "decision",
            Kind::Agenda => "agenda",
            Kind::Other => "other",
        }
    }
}

/// Why the paper is put before its readers, from a "Purpose of report" statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// For information (note, inform, update).
    Information,
    /// For decision (approve, agree, decide, endorse).
    Decision,
    /// For discussion (discuss, consider, comment, give a steer).
    Discussion,
    /// Only where the paper says "for noting".
    Noting,
}

impl Purpose {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Information => "information",
            Purpose::Decision => "decision",
            Purpose::Discussion => "discussion",
            Purpose::Noting => "noting",
        }
    }
}

/// A contact officer or report author named in the paper's contact block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub struct Contact {
    /// The person's name, or a team's name where a team is the contact.
    pub name: String,
    /// Job title as printed.
    pub position: Option<String>,
    /// Telephone number as printed, without its label.
    pub phone: Option<String>,
    /// E-mail address as printed; null where the page masks it.
    pub email: Option<String>,
}

/// One numbered paragraph or sub-paragraph of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Paragraph {
    /// The number as printed without its final dot: "1", "2.8.1", "10.3.2".
    pub number: String,
    /// The heading of the section the paragraph sits in, if any.
    pub section: Option<String>,
    /// The paragraph's text, without its number, wrapped lines joined.
    pub text: String,
    /// The 1-based line of the source text where the paragraph starts.
    pub line: usize,
}

/// Someone who introduced an agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Presenter {
    /// The person's name as written.
    pub name: String,
    /// The role the minutes give them, if any.
    pub position: Option<String>,
}

/// Follow-up work a paper or minute assigns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Action {
    /// The action as printed, without its list number.
    pub text: String,
    /// Who must do it ("LGA officers"), where the text says.
    pub owner: Option<String>,
}

/// One agenda item of a meeting's minutes or agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub struct Item {
    /// The item number as printed without its final dot ("5", "635"), or null.
    pub number: Option<String>,
    /// The item's title, without link text or bracketed notes.
    pub title: String,
    /// Named people who introduced the item.
    pub presenters: Vec<Presenter>,
    /// What was decided or resolved under this item.
    pub decisions: Vec<String>,
    /// Actions assigned under this item.
    pub actions: Vec<Action>,
}

/// Where a fact came from: the part of the record and the character span of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub struct Source {
    /// The record field the text sits in: "title", "summary", "recommendations",
    /// "paragraph", "body", "decisions", "actions", "contacts", "header" ...
    pub field: String,
    /// The paragraph number, where the text sits in a numbered paragraph.
    pub paragraph: Option<String>,
    /// The 1-based source line the fact was found on.
    pub line: usize,
    /// Byte offset of the fact's first character within that line.
    pub start: usize,
    /// Byte offset just past the fact's last character within that line.
    pub end: usize,
}

/// A time expression normalised to the calendar period it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Timescale {
    /// The expression as printed ("April-September 2014", "Autumn 2021 –").
    pub text: String,
    /// First day covered (ISO date), or null where open or unknown.
    pub start: Option<String>,
    /// Last day covered (ISO date), or null where open or unknown.
    pub end: Option<String>,
    /// Where it was found.
    pub source: Source,
}

/// An explicit item of work done, in hand or proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Activity {
    /// The item's first sentence.
    pub text: String,
    /// The time expression the item itself gives, as printed, or null.
    pub timescale: Option<String>,
    /// The normalised first day of that timescale, where known.
    pub start: Option<String>,
    /// The normalised last day of that timescale, where known.
    pub end: Option<String>,
    /// Where it was found.
    pub source: Source,
}

/// A sum of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Money {
    /// The sum as printed ("£1.4 billion", "£130 million a year").
    pub text: String,
    /// The amount in pounds.
    pub amount: f64,
    /// "year", "month", "week", "day" or "hour" where the text gives a rate.
    pub per: Option<String>,
    /// Where it was found.
    pub source: Source,
}

/// A named organisation, with every other name the paper uses for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Organisation {
    /// The fullest name the paper uses.
    pub name: String,
    /// Other names and abbreviations used for it in the paper.
    pub aliases: Vec<String>,
    /// Where it was first found.
    pub source: Source,
}

/// A named person with the role the paper gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Person {
    /// The name as written, with titles ("Cllr", "Sir", "MP").
    pub name: String,
    /// The role the text gives them, or null.
    pub role: Option<String>,
    /// Where they were first found.
    pub source: Source,
}

/// How a paper's date was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// The paper gives its own date or its meeting's date.
    Stated,
    /// Reasoned from the dates the paper mentions.
    Inferred,
}

/// When the paper was written or its meeting held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PaperDate {
    /// The best single date (ISO), or null where only a window is known.
    pub value: Option<String>,
    /// The earliest date the evidence allows (ISO), or null where unbounded.
    pub earliest: Option<String>,
    /// The latest date the evidence allows (ISO), or null where unbounded.
    pub latest: Option<String>,
    /// Whether the paper states its date or it was inferred.
    pub basis: DateBasis,
    /// A short human explanation of the evidence.
    pub reason: String,
}

/// Something odd the parser noticed but worked around. Parsing never fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// The 1-based source line concerned, or 0 for the whole paper.
    pub line: usize,
    /// What was noticed.
    pub message: String,
}

/// The structured record of one committee paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
pub struct Paper {
    /// What sort of paper this is.
    pub kind: Kind,
    /// The paper's own title as printed, or null.
    pub title: Option<String>,
    /// The stated purpose, or null.
    pub purpose: Option<Purpose>,
    /// True for exempt or "not for publication" papers, false where the paper says it is
    /// open, null where it says nothing.
    pub confidential: Option<bool>,
    /// The text under a "Summary" or "Executive summary" label.
    pub summary: Option<String>,
    /// What the paper asks its readers to agree, note or act on.
    pub recommendations: Vec<String>,
    /// Contact officers and report authors.
    pub contacts: Vec<Contact>,
    /// Section headings of the body, in order.
    pub headings: Vec<String>,
    /// Numbered paragraphs and sub-paragraphs of the body.
    pub paragraphs: Vec<Paragraph>,
    /// Agenda items of minutes and agendas.
    pub items: Vec<Item>,
    /// Everything decided or resolved, across items.
    pub decisions: Vec<String>,
    /// Everything actioned, across items.
    pub actions: Vec<Action>,
    /// Work done, in hand or proposed (extract stage).
    pub activities: Vec<Activity>,
    /// Time expressions (extract stage).
    pub timescales: Vec<Timescale>,
    /// Sums of money (extract stage).
    pub money: Vec<Money>,
    /// Named organisations (extract stage).
    pub organisations: Vec<Organisation>,
    /// Named people (extract stage).
    pub people: Vec<Person>,
    /// The paper's own date (extract stage).
    pub date: Option<PaperDate>,
    /// What the parser noticed and worked around.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the paper sits in an agenda pack it was split from; null for a paper read
    /// on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<PackPart>,
}

/// A paper's place in the agenda pack (one PDF or DOCX holding a whole meeting's papers)
/// it was split from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PackPart {
    /// The pack's file, as given on the command line or to the library.
    pub file: Option<String>,
    /// 1-based position of this paper in the pack.
    pub index: usize,
    /// First page of the pack this paper covers (1-based).
    pub first_page: u32,
    /// Last page it covers.
    pub last_page: u32,
}

/// The JSON Schema of [`Paper`], as published in `docs/paper.schema.json`.
pub fn paper_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Paper)).expect("schema serialises")
}

mod outline;
pub use outline::outline;
