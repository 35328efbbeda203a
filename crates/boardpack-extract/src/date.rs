//! The paper's own date: stated in its header or text, or inferred from the dates it
//! mentions.
//!
//! Stated dates come from the lines that give a paper or meeting its date: a decision
//! notice's "Date of decision", a "Date:" or "Meeting date:" label, a meeting line with a
//! weekday ("TO THE CABINET ON TUESDAY 8TH APRIL 2003", "Minutes of ... held on Wednesday
//! 12th February 2020") or an "Issue - decisions" entry ("02/12/2020 - Title"). A
//! forward-plan entry gives a window, from when it was first published to when its decision
//! is due. Otherwise the date is reasoned from tense: what the paper describes as done
//! bounds its date from below, what it describes as to come bounds it from above. Not for
//! the dates of other meetings or documents the paper mentions: those are timescales.

#[cfg(test)]
mod tests;

use boardpack_model::{DateBasis, Paper, PaperDate};
use chrono::{Duration, NaiveDate};

use crate::Unit;
use crate::time::{self, Anchor, Hit, Tense};

/// How many lines from the top a header date may sit.
const HEADER_LINES: usize = 15;
/// How many lines from the top a paper's own "Minutes of the meeting ... held on" line may
/// sit.
const OWN_MINUTES_LINES: usize = 4;
/// How many lines from the top a bare date line may sit.
const TOP_LINES: usize = 8;
/// How many lines from the top a "Date:" label may sit.
const LABEL_LINES: usize = 40;

/// A line's text with its calendar expressions (read without an anchor).
struct Line<'a> {
    text: &'a str,
    hits: Vec<Hit>,
    reading: &'a time::Reading,
}

/// The paper's date with its window and basis, or None where nothing bounds it.
pub fn paper_date(paper: &Paper, units: &[Unit<'_>]) -> Option<PaperDate> {
    let readings: Vec<time::Reading> = units.iter().map(|u| time::read(u.text)).collect();
    paper_date_read(paper, units, &readings)
}

/// [`paper_date`] over readings made once per unit.
pub(crate) fn paper_date_read(
    paper: &Paper,
    units: &[Unit<'_>],
    readings: &[time::Reading],
) -> Option<PaperDate> {
    let _ = paper;
    let lines: Vec<Line<'_>> = units
        .iter()
        .zip(readings)
        .map(|(u, reading)| Line {
            text: u.text,
            hits: time::resolve(reading, u.text, None),
            reading,
        })
        .collect();
    stated(&lines)
        .or_else(|| forward_plan(&lines))
        .or_else(|| inferred(&lines))
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn stated_on(day: NaiveDate, reason: String) -> PaperDate {
    PaperDate {
        value: Some(iso(day)),
        earliest: Some(iso(day)),
        latest: Some(iso(day)),
        basis: DateBasis::Stated,
        reason,
    }
}

/// The first full day (with its year) in a hit list at or after byte `from`.
fn first_day(hits: &[Hit], from: usize) -> Option<NaiveDate> {
    hits.iter()
        .filter(|h| h.start >= from && h.day && !h.yearless)
        .find_map(|h| h.span.map(|(s, _)| s))
}

/// The label of a "Label: value" line, lower-cased, and where its value starts.
fn label(text: &str) -> Option<(String, usize)> {
    let colon = text.find(':')?;
    let name = text[..colon].trim();
    if name.is_empty() || name.len() > 40 {
        return None;
    }
    Some((name.to_lowercase(), colon + 1))
}

fn stated(lines: &[Line<'_>]) -> Option<PaperDate> {
    // A decision notice's date is its decision date, wherever it sits.
    for l in lines {
        // Without a calendar expression a line dates nothing: skip the label test.
        if !l.hits.is_empty()
            && let Some((name, at)) = label(l.text)
            && matches!(
                name.as_str(),
                "date of decision"
                    | "decision date"
                    | "date decision made"
                    | "date of decision taken"
            )
            && let Some(d) = first_day(&l.hits, at)
        {
            return Some(stated_on(d, format!("decision date: {}", l.text.trim())));
        }
    }
    for l in lines.iter().take(LABEL_LINES) {
        if let Some((name, at)) = label(l.text) {
            let dated = matches!(
                name.as_str(),
                "date"
                    | "meeting date"
                    | "date of meeting"
                    | "date of report"
                    | "report date"
                    | "date of paper"
                    | "dated"
                    | "date of publication"
                    | "date of issue"
            ) || name == "decided at meeting";
            if dated && let Some(d) = first_day(&l.hits, at) {
                return Some(stated_on(d, format!("date line: {}", l.text.trim())));
            }
        }
    }
    for (i, l) in lines.iter().take(HEADER_LINES).enumerate() {
        if let Some(d) = meeting_line(l, i < TOP_LINES, i < OWN_MINUTES_LINES) {
            return Some(stated_on(d, format!("meeting line: {}", l.text.trim())));
        }
    }
    None
}

/// A header line that dates the paper's own meeting: a full date with a weekday
/// ("Wednesday, 20 June 2007", "TO THE CABINET ON TUESDAY 8TH APRIL 2003"), or a line that
/// opens with a date and a title ("02/12/2020 - Carbon Neutrality Action Plan"), or a
/// short line near the top that ends with one.
fn meeting_line(l: &Line<'_>, top: bool, first_lines: bool) -> Option<NaiveDate> {
    // "Minutes of the meeting of the X Committee held on Monday 3 February 2025" opening
    // the paper is its own meeting; further down it refers to an earlier one.
    let own_minutes = first_lines && l.text.trim_start().to_lowercase().starts_with("minutes of");
    for h in &l.hits {
        if !h.day || h.yearless || h.lead != time::Lead::None {
            continue;
        }
        let (day, _) = h.span?;
        let before = l.text[..h.start].to_lowercase();
        let refers_elsewhere = [
            "next",
            "previous",
            "last",
            "will",
            "due",
            "deadline",
            "until",
            " by ",
            "minutes of the meeting",
        ]
        .iter()
        .any(|w| before.contains(w) && !(own_minutes && *w == "minutes of the meeting"));
        if refers_elsewhere {
            continue;
        }
        let first = h
            .text
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let weekday = matches!(
            first.to_lowercase().as_str(),
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        );
        if weekday {
            return Some(day);
        }
        // A short top line that ends with a date: "Report to Cabinet, 12 January 2022".
        let ends = l.text[h.end..].trim().len() <= 1;
        if top && ends && l.text.len() <= 90 && h.tense == Tense::Neutral {
            return Some(day);
        }
        let opens = l.text[..h.start].trim().is_empty();
        let rest = l.text[h.end..].trim_start();
        if opens && (rest.starts_with("- ") || rest.starts_with("– ")) && rest.len() > 4 {
            return Some(day);
        }
    }
    None
}

/// A forward-plan or issue-details entry: first published on one date, decision due on
/// another. The paper is dated in between.
fn forward_plan(lines: &[Line<'_>]) -> Option<PaperDate> {
    let mut published = None;
    let mut due = None;
    for l in lines {
        // Both fields read a calendar expression from the line: most lines have none.
        if l.hits.is_empty() {
            continue;
        }
        let lower = l.text.to_lowercase();
        if published.is_none()
            && let Some(at) = lower.find("first published")
        {
            published = first_day(&l.hits, at);
        }
        if due.is_none()
            && let Some((name, at)) = label(l.text)
            && matches!(
                name.as_str(),
                "decision due" | "decision due date" | "date of decision due"
            )
        {
            due = l
                .hits
                .iter()
                .filter(|h| h.start >= at && !h.yearless)
                .find_map(|h| h.span.map(|(_, e)| e));
        }
    }
    let (lo, hi) = match (published, due) {
        (Some(lo), Some(hi)) if lo <= hi => (Some(lo), Some(hi)),
        (Some(lo), None) => (Some(lo), None),
        (None, Some(hi)) => (None, Some(hi)),
        _ => return None,
    };
    Some(window(
        lo,
        hi,
        None,
        "forward plan: first published to decision due".to_string(),
    ))
}

/// A window with its best single day.
fn window(
    lo: Option<NaiveDate>,
    hi: Option<NaiveDate>,
    guess: Option<NaiveDate>,
    reason: String,
) -> PaperDate {
    let value = match (lo, hi) {
        (Some(lo), Some(hi)) => {
            let span = (hi - lo).num_days();
            if span <= 62 {
                Some(lo + Duration::days(span / 2))
            } else {
                Some(lo + Duration::days((span / 4).min(45)))
            }
        }
        (Some(lo), None) => Some(lo),
        (None, Some(hi)) => Some(guess.map_or(hi, |g| g.min(hi))),
        (None, None) => guess,
    };
    PaperDate {
        value: value.map(iso),
        earliest: lo.map(iso),
        latest: hi.map(iso),
        basis: DateBasis::Inferred,
        reason,
    }
}

/// The lower bound a past mention gives, and the upper bound a future one gives.
///
/// Something done on a day puts the paper on or after it (after it, for the meeting whose
/// minutes are being approved). Something to come in a period puts the paper before the
/// period starts, unless the text allows it to fall inside ("by", "later in", "until").
fn bound(h: &Hit, text: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    use time::Lead;
    let Some((s, e)) = h.span else {
        return (None, None);
    };
    match h.tense {
        Tense::Past => {
            if !matches!(h.lead, Lead::None | Lead::From | Lead::Since) {
                return (None, None);
            }
            let lower = text[..h.start].to_lowercase();
            let meeting = h.day
                && ["held", "meeting", "minutes"]
                    .iter()
                    .any(|w| lower.contains(w));
            let lo = if meeting {
                s.succ_opt().unwrap_or(s)
            } else {
                s
            };
            (Some(lo), None)
        }
        Tense::Future => match h.lead {
            Lead::By | Lead::Until => (None, Some(e)),
            Lead::Before => (None, Some(s)),
            _ => (None, Some(s.pred_opt().unwrap_or(s))),
        },
        Tense::Neutral => (None, None),
    }
}

/// One bound on the paper's date, with how much it counts (a bracketed date, which may
/// label something else in its sentence, counts less).
struct Evidence {
    day: NaiveDate,
    weight: u32,
}

/// Whether `text[start..end]` stands in brackets.
fn bracketed(text: &str, start: usize, end: usize) -> bool {
    text[..start].trim_end().ends_with('(') && text[end..].trim_start().starts_with(')')
}

/// The window that contradicts the least evidence: each lower bound it leaves out costs
/// more than an upper bound (past tense is the surer cue), and among equals the tighter
/// window wins.
fn best_window(lows: &[Evidence], highs: &[Evidence]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let lows = &lows[..lows.len().min(200)];
    let highs = &highs[..highs.len().min(200)];
    let mut best: Option<(u32, Option<NaiveDate>, Option<NaiveDate>)> = None;
    let los = lows.iter().map(|e| Some(e.day)).chain([None]);
    for lo in los {
        let dropped_lows: u32 = lows
            .iter()
            .filter(|l| lo.is_none_or(|lo| l.day > lo))
            .map(|l| 3 * l.weight)
            .sum();
        let his = highs.iter().map(|e| Some(e.day)).chain([None]);
        for hi in his {
            if let (Some(a), Some(b)) = (lo, hi)
                && a > b
            {
                continue;
            }
            let dropped_highs: u32 = highs
                .iter()
                .filter(|h| hi.is_none_or(|hi| h.day < hi))
                .map(|h| 2 * h.weight)
                .sum();
            let cost = dropped_lows + dropped_highs;
            let tighter = |b: &(u32, Option<NaiveDate>, Option<NaiveDate>)| {
                cost < b.0
                    || (cost == b.0
                        && (lo > b.1 || (lo == b.1 && hi.is_some() && (b.2.is_none() || hi < b.2))))
            };
            if best.as_ref().is_none_or(tighter) {
                best = Some((cost, lo, hi));
            }
        }
    }
    best.map_or((None, None), |(_, lo, hi)| (lo, hi))
}

fn inferred(lines: &[Line<'_>]) -> Option<PaperDate> {
    let mut lows = Vec::new();
    let mut highs = Vec::new();
    for l in lines {
        for h in l.hits.iter().filter(|h| !h.yearless) {
            let (lo, hi) = bound(h, l.text);
            let weight = if bracketed(l.text, h.start, h.end) {
                1
            } else {
                3
            };
            lows.extend(lo.map(|day| Evidence { day, weight }));
            highs.extend(hi.map(|day| Evidence { day, weight }));
        }
    }
    let (mut lo, mut hi) = best_window(&lows, &highs);
    // Year-less mentions ("the December meeting considered") once the window is known.
    let anchor = match (lo, hi) {
        (Some(a), Some(b)) => Some(Anchor { lo: a, hi: b }),
        (Some(a), None) | (None, Some(a)) => Some(Anchor::day(a)),
        (None, None) => None,
    };
    if let Some(anchor) = anchor {
        for l in lines {
            for h in time::resolve(l.reading, l.text, Some(anchor))
                .iter()
                .filter(|h| h.yearless)
            {
                let (a, b) = bound(h, l.text);
                if let Some(a) = a
                    && hi.is_none_or(|hi| a <= hi)
                    && lo.is_none_or(|lo| a > lo)
                {
                    lo = Some(a);
                }
                if let Some(b) = b
                    && lo.is_none_or(|lo| b >= lo)
                    && hi.is_none_or(|hi| b < hi)
                {
                    hi = Some(b);
                }
            }
        }
    }
    if lo.is_none() && hi.is_none() {
        return None;
    }
    // Where only an upper bound is known, the earliest thing the paper mentions that is
    // not described as done is the best guess at when it was written.
    let guess = lines
        .iter()
        .flat_map(|l| l.hits.iter())
        .filter(|h| !h.yearless && h.tense != Tense::Past)
        .filter_map(|h| h.span.map(|(s, _)| s))
        .filter(|s| lo.is_none_or(|lo| *s >= lo))
        .min();
    let reason = format!(
        "inferred: {} mention(s) of things done, {} of things to come",
        lows.len(),
        highs.len()
    );
    Some(window(lo, hi, guess, reason))
}
