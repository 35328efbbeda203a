//! Timescales: calendar expressions found in text and normalised to first and last days.
//!
//! Reads dates in UK styles ("10th May 2016", "18/05/2021", "1 Jul 2014"), months,
//! seasons, quarters, parts of a year, calendar, financial, academic and municipal years,
//! and ranges and open ranges of all of these ("April-September 2014", "Autumn 2021 –",
//! "from 2025/26"), with the words that change their reading ("until", "before", "by the end
//! of"). Not for durations ("12 months"), bare relative phrases ("next year") or years that
//! are part of a name ("Localism Act 2011"): those are left out.
//!
//! The work is split in three: [`lex`](self) turns a line into tokens, the grammar reads
//! expressions off them, and this module turns expressions into days, giving a year to
//! year-less ones ("16 June") from the paper's date where that settles it. Everything is
//! linear in the input; no regular expression backtracks.

mod grammar;
mod lex;
mod tense;

#[cfg(test)]
mod tests;

use boardpack_model::{DateBasis, PaperDate, Timescale};
use chrono::{Datelike, NaiveDate};

use crate::Unit;
use grammar::Atom;
pub(crate) use grammar::Lead;
pub(crate) use tense::Tense;

/// One calendar expression found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the expression in the text searched.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// The expression as printed, trimmed.
    pub text: String,
    /// First day covered (ISO date), or None where open or unknown.
    pub first: Option<String>,
    /// Last day covered (ISO date), or None where open or unknown.
    pub last: Option<String>,
}

/// The window the paper's date lies in, used to give year-less dates a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// Earliest possible date of the paper.
    pub lo: NaiveDate,
    /// Latest possible date of the paper.
    pub hi: NaiveDate,
}

impl Anchor {
    /// A single known day.
    pub fn day(d: NaiveDate) -> Anchor {
        Anchor { lo: d, hi: d }
    }
}

/// A calendar expression with what the date module needs to reason about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Byte range in the searched text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The expression as printed.
    pub text: String,
    /// First day covered (after the lead: None for "until X").
    pub first: Option<NaiveDate>,
    /// Last day covered (None for "from X").
    pub last: Option<NaiveDate>,
    /// The days the printed dates themselves span (start of the first to end of the
    /// last), whatever the lead; None where a year is unknown.
    pub span: Option<(NaiveDate, NaiveDate)>,
    /// The leading word.
    pub lead: Lead,
    /// Whether the expression printed no year and got one from the anchor (or none).
    pub yearless: bool,
    /// Whether it names a day.
    pub day: bool,
    /// Whether the text describes the dated thing as done or to come.
    pub tense: Tense,
}

/// The anchor-free reading of a text: its calendar expressions with their spans and tense.
/// Reading is the costly part of [`scan`]; callers that resolve the same text against
/// several anchors read it once.
pub(crate) struct Reading {
    exprs: Vec<(grammar::Expr, usize, usize, Tense)>,
}

/// Reads the calendar expressions of `text`.
pub(crate) fn read(text: &str) -> Reading {
    let toks = lex::lex(text);
    let exprs = grammar::parse(&toks)
        .into_iter()
        .map(|e| {
            let start = toks[e.start].start;
            let end = toks[e.end - 1].end;
            (e, start, end, tense::tense(text, start, end))
        })
        .collect();
    Reading { exprs }
}

/// Reads every calendar expression in `text`; year-less ones get a year from `anchor`
/// where it settles it.
pub(crate) fn scan(text: &str, anchor: Option<Anchor>) -> Vec<Hit> {
    resolve(&read(text), text, anchor)
}

/// Normalises a [`Reading`] of `text` against `anchor`.
pub(crate) fn resolve(reading: &Reading, text: &str, anchor: Option<Anchor>) -> Vec<Hit> {
    let mut out = Vec::with_capacity(reading.exprs.len());
    for &(e, start, end, tense) in &reading.exprs {
        let yearless = e.a.year.is_none() || e.b.is_some_and(|b| b.year.is_none());
        let a = period_of(&e.a, anchor, tense);
        let b = match e.b {
            Some(b) => period_of(&b, anchor, tense),
            None => a,
        };
        let span = match (a, b) {
            (Some((s, _)), Some((_, f))) if f >= s => Some((s, f)),
            _ => None,
        };
        let (first, last) = match span {
            None => (None, None),
            Some((s, f)) => bounds(
                e.lead,
                e.open || (e.lead == Lead::From && e.b.is_none()),
                s,
                f,
            ),
        };
        out.push(Hit {
            start,
            end,
            text: text[start..end].trim().to_string(),
            first,
            last,
            span,
            lead: e.lead,
            yearless,
            day: e.a.is_day() && e.b.is_none_or(|b| b.is_day()),
            tense,
        });
    }
    out
}

/// First and last day of an expression from its lead and printed span.
fn bounds(
    lead: Lead,
    open: bool,
    s: NaiveDate,
    f: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match lead {
        Lead::Until => (None, Some(f)),
        Lead::Before => (None, s.pred_opt()),
        Lead::After => (f.succ_opt(), None),
        Lead::Since => (Some(s), None),
        _ if open => (Some(s), None),
        _ => (Some(s), Some(f)),
    }
}

/// An atom's period, with a year from the anchor where it printed none.
fn period_of(a: &Atom, anchor: Option<Anchor>, tense: Tense) -> Option<(NaiveDate, NaiveDate)> {
    match a.year {
        Some(_) => a.period(),
        None => a.period_in(year_for(a, anchor?, tense)?),
    }
}

/// The year a year-less atom most likely falls in, given the window of the paper's date:
/// the nearest occurrence that agrees with the tense (a later one is preferred when the
/// text gives none). None where the window is too wide to tell.
fn year_for(a: &Atom, anchor: Anchor, tense: Tense) -> Option<i32> {
    if (anchor.hi - anchor.lo).num_days() > 366 {
        return None;
    }
    let mut best: Option<(i64, i32)> = None;
    for y in anchor.lo.year() - 1..=anchor.hi.year() + 1 {
        let Some((s, e)) = a.period_in(y) else {
            continue;
        };
        let before = (anchor.lo - e).num_days().max(0);
        let after = (s - anchor.hi).num_days().max(0);
        let cost = match tense {
            Tense::Past if after > 0 => continue,
            Tense::Future if before > 0 => continue,
            Tense::Past => before,
            Tense::Future => after,
            Tense::Neutral => 2 * before + after,
        };
        let better = match best {
            None => true,
            Some((c, _)) => cost < c || (cost == c && tense == Tense::Past),
        };
        if better {
            best = Some((cost, y));
        }
    }
    best.map(|(_, y)| y)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads an ISO date ("2024-03-31", or the first ten characters of a longer string).
pub(crate) fn parse_iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Finds every calendar expression in `text`. `reference` is the paper's date (ISO), used
/// only to give a year to dates that lack one when that is certain.
pub fn find(text: &str, reference: Option<&str>) -> Vec<Found> {
    let anchor = reference.and_then(parse_iso).map(Anchor::day);
    scan(text, anchor)
        .into_iter()
        .map(|h| Found {
            start: h.start,
            end: h.end,
            text: h.text,
            first: h.first.map(iso),
            last: h.last.map(iso),
        })
        .collect()
}

/// The anchor a paper's date gives: its stated day, or the window it was inferred to lie
/// in, or its best single day where only one side is bounded.
pub(crate) fn anchor_of(date: &PaperDate) -> Option<Anchor> {
    let value = date.value.as_deref().and_then(parse_iso);
    if date.basis == DateBasis::Stated {
        return value.map(Anchor::day);
    }
    let lo = date.earliest.as_deref().and_then(parse_iso);
    let hi = date.latest.as_deref().and_then(parse_iso);
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo <= hi && (hi - lo).num_days() <= 366 => Some(Anchor { lo, hi }),
        _ => value.map(Anchor::day),
    }
}

/// Every distinct timescale of the paper.
pub fn timescales(units: &[Unit<'_>], date: Option<&PaperDate>) -> Vec<Timescale> {
    let readings: Vec<Reading> = units.iter().map(|u| read(u.text)).collect();
    timescales_read(units, &readings, date)
}

/// [`timescales`] over readings made once per unit.
pub(crate) fn timescales_read(
    units: &[Unit<'_>],
    readings: &[Reading],
    date: Option<&PaperDate>,
) -> Vec<Timescale> {
    let anchor = date.and_then(anchor_of);
    let mut out: Vec<Timescale> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (unit, reading) in units.iter().zip(readings) {
        for h in resolve(reading, unit.text, anchor) {
            let key = if h.first.is_some() || h.last.is_some() {
                format!("{:?}|{:?}", h.first, h.last)
            } else {
                h.text.to_lowercase()
            };
            if !seen.insert(key) {
                continue;
            }
            out.push(Timescale {
                text: h.text,
                start: h.first.map(iso),
                end: h.last.map(iso),
                source: unit.source(h.start, h.end),
            });
        }
    }
    out
}
