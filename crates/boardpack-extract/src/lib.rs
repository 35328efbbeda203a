//! The extract stage: the facts of a work programme, found in a parsed paper.
//!
//! Pure functions over the read stage's [`Document`] and the parse stage's [`Paper`]:
//! timescales normalised to dates, the paper's own date, money, organisations, people and
//! activities. No I/O, no clock, no globals: the only reference date is the paper's own.
//! Every fact keeps its [`Source`]: the record field, paragraph number, line and byte span.
#![warn(missing_docs)]

use boardpack_model::{Activity, Money, Organisation, Paper, PaperDate, Person, Source, Timescale};
use boardpack_read::Document;

/// The facts found in one paper.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Explicit items of work with their timescales.
    pub activities: Vec<Activity>,
    /// Every calendar expression, normalised.
    pub timescales: Vec<Timescale>,
    /// Every sum of money.
    pub money: Vec<Money>,
    /// Named organisations with aliases.
    pub organisations: Vec<Organisation>,
    /// Named people with roles.
    pub people: Vec<Person>,
    /// The paper's own date.
    pub date: Option<PaperDate>,
}

impl Facts {
    /// Moves the facts into the paper's record.
    pub fn apply(self, paper: &mut Paper) {
        paper.activities = self.activities;
        paper.timescales = self.timescales;
        paper.money = self.money;
        paper.organisations = self.organisations;
        paper.people = self.people;
        paper.date = self.date;
    }
}

/// A line of text to extract from, with where it sits in the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'a> {
    /// The record field: "title", "paragraph" or "body".
    pub field: &'static str,
    /// The numbered paragraph the line belongs to, if any.
    pub paragraph: Option<&'a str>,
    /// The 1-based line number.
    pub line: usize,
    /// The line's text (white space collapsed, marker included).
    pub text: &'a str,
}

impl Unit<'_> {
    /// The source of a fact found at `start..end` (byte offsets) of this unit's text.
    pub fn source(&self, start: usize, end: usize) -> Source {
        Source {
            field: self.field.to_string(),
            paragraph: self.paragraph.map(str::to_string),
            line: self.line,
            start,
            end,
        }
    }
}

/// Body units of the given lines, numbered from 1: what the extractors' table-driven
/// tests feed them.
#[cfg(test)]
pub(crate) fn test_units<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Unit<'a>> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| Unit {
            field: "body",
            paragraph: None,
            line: i + 1,
            text,
        })
        .collect()
}

/// Splits a document into [`Unit`]s, tagging each line with its numbered paragraph.
pub fn units<'a>(doc: &'a Document, paper: &'a Paper) -> Vec<Unit<'a>> {
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut paras = paper.paragraphs.iter().peekable();
    let mut current: Option<&str> = None;
    // Looked up for every line: a set keeps the split linear in the number of headings.
    let headings: std::collections::HashSet<&str> =
        paper.headings.iter().map(String::as_str).collect();
    for block in doc.non_blank() {
        while let Some(p) = paras.peek() {
            if p.line <= block.line {
                current = Some(p.number.as_str());
                paras.next();
            } else {
                break;
            }
        }
        // A heading line ends the paragraph before it.
        if headings.contains(block.text.as_str()) {
            current = None;
        }
        let field = if paper.title.as_deref() == Some(block.text.as_str()) {
            "title"
        } else if current.is_some() {
            "paragraph"
        } else {
            "body"
        };
        out.push(Unit {
            field,
            paragraph: current,
            line: block.line,
            text: &block.raw,
        });
    }
    out
}

pub mod activities;
pub mod date;
mod gate;
mod hash;
pub mod money;
pub mod orgs;
pub mod people;
pub mod time;

/// Extracts every fact from a parsed paper.
pub fn extract(doc: &Document, paper: &Paper) -> Facts {
    let units = units(doc, paper);
    // Reading calendar expressions is the costly part of dating and timescales: once a unit.
    let readings: Vec<time::Reading> = units.iter().map(|u| time::read(u.text)).collect();
    let date = date::paper_date_read(paper, &units, &readings);
    // The name finders read the same words: split each unit once for both.
    let tokens: Vec<orgs::words::Tokens<'_>> = units
        .iter()
        .map(|u| orgs::words::Tokens::new(u.text))
        .collect();
    Facts {
        activities: activities::activities(doc, paper, &units),
        timescales: time::timescales_read(&units, &readings, date.as_ref()),
        money: money::money(&units),
        organisations: orgs::organisations_in(&units, &tokens, paper),
        people: people::people_in(&units, &tokens, paper),
        date,
    }
}
