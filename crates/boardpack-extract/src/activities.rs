//! Activities: the items of explicit lists of work done, in hand or proposed, each with
//! the timescale it gives.
//!
//! Two shapes count. An activity table: a header row with an activity column ("Activity",
//! "Proposed work") and a time column ("Timescale", "Timing", "Date"), whose rows follow
//! as tab-indented cells (a Word table saved as text) or pipe-delimited lines; each row is
//! one activity, with its time cell as its timescale. And a numbered list of work: the
//! sub-paragraphs ("8.1.", "8.2.") of a paragraph that introduces work ("Members are
//! invited to consider the following suggestions:", "We have:", "Officers will:"), where
//! the items themselves read as work ("Commissioning a review ...", "Responded to ...").
//! An item's text is its first sentence; its timescale is the time expression it gives in
//! brackets ("(July 2014)"), else one that closes its first sentence, else none.
//!
//! Not for lists of priorities or themes ("3.1. Devolution for economic growth"), lobbying
//! milestones, the asks of a recommendation ("5.1 Consider the priorities.") or points in
//! minutes: a list needs both an introduction that names work and items that read as
//! work. Everything here is linear in the paper's length.

#[cfg(test)]
mod tests;

use std::cell::OnceCell;
use std::sync::LazyLock;

use boardpack_model::{Activity, DateBasis, Kind, Paper, Paragraph, Source};
use boardpack_read::{Block, Document};
use regex::Regex;

use crate::Unit;
use crate::gate::Gated;
use crate::time::{self, Found};

/// Every activity in the paper, in reading order.
pub fn activities(doc: &Document, paper: &Paper, units: &[Unit<'_>]) -> Vec<Activity> {
    // The paper's date, worked out only when an activity needs it for a year-less date.
    let reference: OnceCell<Option<String>> = OnceCell::new();
    let reference = || {
        reference
            .get_or_init(|| {
                let date = match &paper.date {
                    Some(d) => Some(d.clone()),
                    None => crate::date::paper_date(paper, units),
                };
                date.filter(|d| d.basis == DateBasis::Stated)
                    .and_then(|d| d.value)
            })
            .clone()
    };
    let mut rows: Vec<Row> = tables(doc);
    // Points in minutes and decision notices ("The Board: 1.1. Noted the update.") record
    // a meeting, not a list of work.
    if matches!(paper.kind, Kind::Report | Kind::Other) {
        rows.extend(lists(paper));
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Activity> = rows
        .into_iter()
        .map(|row| {
            let when = row.when.as_deref().unwrap_or("");
            let mut found = timing(when, None);
            // A year-less date ("16 June") takes its year from the paper's stated date.
            if found.iter().any(|f| f.first.is_none() && f.last.is_none()) {
                found = match reference() {
                    Some(r) => timing(when, Some(&r)),
                    None => found,
                };
            }
            let first = found.first();
            let source = source_of(units, row.line, &row.paragraph);
            Activity {
                text: row.text,
                timescale: row.when,
                start: first.and_then(|f| f.first.clone()),
                end: first.and_then(|f| f.last.clone()),
                source,
            }
        })
        .collect();
    out.sort_by_key(|a| a.source.line);
    out
}

/// One activity before its timescale is normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    /// The item's first sentence (a table's activity cell).
    text: String,
    /// The time expression as printed, if any.
    when: Option<String>,
    /// The line the item starts on.
    line: usize,
    /// The numbered paragraph, for list items.
    paragraph: Option<String>,
}

/// The calendar expressions of a timescale as printed.
fn timing(text: &str, reference: Option<&str>) -> Vec<Found> {
    time::find(text, reference)
}

/// The source of an item starting on `line`: its whole first line.
fn source_of(units: &[Unit<'_>], line: usize, paragraph: &Option<String>) -> Source {
    match units.iter().find(|u| u.line >= line) {
        Some(u) => {
            let mut s = u.source(0, u.text.len());
            if paragraph.is_some() {
                s.paragraph.clone_from(paragraph);
            }
            s
        }
        None => Source {
            field: "body".to_string(),
            paragraph: paragraph.clone(),
            line,
            start: 0,
            end: 0,
        },
    }
}

// ---------------------------------------------------------------------------------------
// Tables

/// A header cell that names the activity column.
static ACTIVITY_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:proposed|planned|key|new|main)\s+)?(?:activit(?:y|ies)|work(?:\s+(?:area|stream|item|strand))?s?|piece(?:s)?\s+of\s+work|project(?:s)?|task(?:s)?|initiative(?:s)?)$",
    )
    .expect("activity head")
});

/// A header cell that names the time column.
static TIME_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:timescales?|timings?|time\s*frames?|timelines?|dates?|target\s+dates?|deadlines?|when|by\s+when|completion(?:\s+date)?|delivery\s+date|period)$",
    )
    .expect("time head")
});

/// Other header cells of an activity table.
static OTHER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:lead(?:\s+(?:officer|member|body))?|owner|responsib(?:le|ility)|status|notes?|comments?|costs?|budget|resources?|outcomes?|progress|rag(?:\s+status)?|partners?|next\s+steps?)$",
    )
    .expect("other head")
});

/// Where the columns of an activity table are.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// How many cells a full row has.
    count: usize,
    /// The activity column.
    activity: usize,
    /// The time column.
    time: usize,
}

/// Whether a cell is a header label other than the activity column's.
fn is_label(cell: &str) -> bool {
    TIME_HEAD.is_match(cell) || OTHER_HEAD.is_match(cell)
}

/// A cell's text for header matching: trimmed, without a closing colon.
fn head(text: &str) -> &str {
    text.trim().trim_end_matches(':').trim()
}

/// The rows of every activity/timescale table in the document.
fn tables(doc: &Document) -> Vec<Row> {
    let blocks = &doc.blocks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if !b.cells.is_empty() {
            i = piped(blocks, i, &mut out);
            continue;
        }
        if b.is_blank() || !ACTIVITY_HEAD.is_match(head(&b.text)) {
            i += 1;
            continue;
        }
        // The header row: this cell, the labels just before it ("Date", "Lead") and the
        // ones straight after it.
        let mut start = i;
        while start > 0
            && i - start < 4
            && !blocks[start - 1].is_blank()
            && is_label(head(&blocks[start - 1].text))
        {
            start -= 1;
        }
        let mut j = i;
        // Header cells are short labels; after the time column only known labels follow.
        let mut timed = false;
        while j < blocks.len() && !blocks[j].is_blank() && j - i < 6 {
            let cell = head(&blocks[j].text);
            if (timed && !is_label(cell))
                || cell.split_whitespace().count() > 5
                || cell.chars().any(|c| c.is_ascii_digit())
            {
                break;
            }
            timed |= TIME_HEAD.is_match(cell);
            j += 1;
        }
        let header = &blocks[start..j];
        let Some(time) = header
            .iter()
            .position(|h| TIME_HEAD.is_match(head(&h.text)))
        else {
            i += 1;
            continue;
        };
        let columns = Columns {
            count: header.len(),
            activity: i - start,
            time,
        };
        i = tabbed_rows(blocks, j, columns, &mut out);
    }
    out
}

/// Reads the rows of a tab-indented table from `from`, each a group of consecutive cells
/// between blank lines, until a line that is not a cell. Returns where the table ends.
fn tabbed_rows(blocks: &[Block], from: usize, columns: Columns, out: &mut Vec<Row>) -> usize {
    let mut i = from;
    let first_row = out.len();
    let mut group: Vec<&Block> = Vec::new();
    let flush = |group: &mut Vec<&Block>, out: &mut Vec<Row>| {
        if group.is_empty() {
            return;
        }
        let cells: Vec<&str> = group.iter().map(|b| b.raw.trim()).collect();
        // A lone time cell after a row without one completes that row.
        let lone_time = cells.len() == 1 && out.len() > first_row && is_time_cell(cells[0]);
        if let Some(last) = out
            .last_mut()
            .filter(|r: &&mut Row| lone_time && r.when.is_none())
        {
            last.when = Some(cells[0].to_string());
            group.clear();
            return;
        }
        let (at, when) = if cells.len() == columns.count {
            (columns.activity, Some(cells[columns.time]))
        } else {
            // A row with an empty cell: the first cell that is not a date is the activity.
            let at = cells.iter().position(|c| !is_time_cell(c)).unwrap_or(0);
            let when = cells.iter().copied().find(|c| is_time_cell(c));
            (at, when)
        };
        let text = cells.get(at).copied();
        if let Some(text) = text.filter(|t| !t.is_empty() && !is_time_cell(t)) {
            out.push(Row {
                text: first_sentence(text).to_string(),
                when: when.filter(|w| !w.is_empty()).map(str::to_string),
                line: group[at.min(group.len() - 1)].line,
                paragraph: None,
            });
        }
        group.clear();
    };
    while i < blocks.len() {
        let b = &blocks[i];
        if b.is_blank() {
            flush(&mut group, out);
        } else if b.tabbed {
            group.push(b);
        } else {
            break;
        }
        i += 1;
    }
    flush(&mut group, out);
    i
}

/// Reads a pipe-delimited table that starts at `from`, if its header names an activity
/// and a time column. Returns the index after the table (or after `from`).
fn piped(blocks: &[Block], from: usize, out: &mut Vec<Row>) -> usize {
    let header = &blocks[from].cells;
    let act = header.iter().position(|c| ACTIVITY_HEAD.is_match(head(c)));
    let when = header.iter().position(|c| TIME_HEAD.is_match(head(c)));
    let mut i = from + 1;
    let (Some(act), Some(when)) = (act, when) else {
        return i;
    };
    while i < blocks.len() && !blocks[i].cells.is_empty() {
        let cells = &blocks[i].cells;
        let text = cells.get(act).map_or("", |c| c.trim());
        // A "|---|---|" rule has no letters.
        if text.chars().any(char::is_alphabetic) {
            let time = cells.get(when).map(|c| c.trim()).filter(|c| !c.is_empty());
            out.push(Row {
                text: first_sentence(text).to_string(),
                when: time.map(str::to_string),
                line: blocks[i].line,
                paragraph: None,
            });
        }
        i += 1;
    }
    i
}

/// Whether a cell is a time expression and little else ("Autumn 2021 –", "June 2024").
fn is_time_cell(cell: &str) -> bool {
    let found = time::find(cell, None);
    let covered: usize = found.iter().map(|f| f.end - f.start).sum();
    let letters = cell.chars().filter(|c| c.is_alphanumeric()).count();
    !found.is_empty() && covered * 2 >= letters.max(1) && cell.len() <= 60
}

// ---------------------------------------------------------------------------------------
// Numbered lists

/// An introduction that names work: "the following suggestions", "proposed activities",
/// "the work programme below".
static WORK_NOUN: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)\b(?:following|below|these|proposed|suggested|planned|further|new)\s+(?:[a-z]+\s+)?(?:suggestions?|activit(?:y|ies)|actions|steps|pieces\s+of\s+work|areas\s+of\s+work|work\s*streams?|projects|proposals|initiatives|tasks|programme\s+of\s+work|work)\b",
        "work noun",
    )
});

/// An introduction that ends on its subject and verb: "We have:", "In 2022/23 the
/// Board:", "Officers will:", "We propose:", "Our work has included:".
static SUBJECT_END: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)(?:\b(?:we|officers|the\s+(?:[a-z']+\s+){0,3}(?:board|committee|lga|council|authority|partnership|team|group|panel|commission|executive|association|secretariat|programme|unit|service)|it)(?:\s+(?:have|has|will|would|propose|proposes|plan\s+to|intend\s+to|aim\s+to|also\s+have|also\s+will|have\s+also|will\s+also))?|\b(?:activit(?:y|ies)|work)\s+(?:has|have|will)?\s*(?:included?|includes)|\bincluded?|\bincludes)\s*:$",
        "subject end",
    )
});

/// An introduction that asks, ranks or lists something other than work.
static NOT_WORK: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)\b(?:asked\s+to|requested\s+to|recommend|priorit|milestone|theme|principle|issues|balance\s+of|set\s+out\s+in|outcomes|objectives|risks|questions|resolved|agreed\s+that|decided|noted)",
        "not work",
    )
});

/// Whether an introduction looks forward ("will:", "plan to:"), so plain verbs
/// ("Develop a guide") read as work.
static FUTURE_END: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        r"(?i)\b(?:will|will\s+also|plan\s+to|intend\s+to|aim\s+to|propose\s+to|going\s+to)\s*:$",
        "future end",
    )
});

/// The numbered items of every list of work, with the timescale each gives.
fn lists(paper: &Paper) -> Vec<Row> {
    let paras = &paper.paragraphs;
    let mut out = Vec::new();
    for (i, parent) in paras.iter().enumerate() {
        let Some(future) = introduces_work(&parent.text) else {
            continue;
        };
        let depth = parent.number.split('.').count();
        let prefix = format!("{}.", parent.number);
        let children: Vec<&Paragraph> = paras[i + 1..]
            .iter()
            .take_while(|p| p.number.starts_with(&prefix))
            .filter(|p| p.number.split('.').count() == depth + 1)
            .collect();
        let work: Vec<&Paragraph> = children
            .iter()
            .copied()
            .filter(|c| reads_as_work(&c.text, future))
            .collect();
        if work.len() < 2 || work.len() * 2 < children.len() {
            continue;
        }
        for child in work {
            let text = first_sentence(&child.text);
            out.push(Row {
                text: text.to_string(),
                when: item_time(&child.text, text.len()),
                line: child.line,
                paragraph: Some(child.number.clone()),
            });
        }
    }
    out
}

/// Whether a paragraph introduces a list of work: Some(true) where it looks forward
/// ("Officers will:"), Some(false) otherwise, None where it does not introduce work.
fn introduces_work(text: &str) -> Option<bool> {
    let text = text.trim();
    let last = last_sentence(text);
    let colon = last.ends_with(':');
    // The same answer as testing NOT_WORK first: an introduction needs one of these, and
    // most paragraphs have neither.
    if !((colon && SUBJECT_END.is_match(last)) || WORK_NOUN.is_match(last)) {
        return None;
    }
    if NOT_WORK.is_match(last) {
        return None;
    }
    Some(colon && FUTURE_END.is_match(last))
}

/// Words that end in "-ing" or "-ed" without being verbs.
const NOT_VERBS: &[&str] = &[
    "during",
    "following",
    "including",
    "regarding",
    "concerning",
    "according",
    "notwithstanding",
    "morning",
    "evening",
    "spring",
    "string",
    "thing",
    "nothing",
    "something",
    "everything",
    "king",
    "ceiling",
    "wellbeing",
    "need",
    "needed",
    "speed",
    "seed",
    "hundred",
    "red",
    "bed",
    "shed",
];

/// Past tenses that do not end in "-ed".
const IRREGULAR: &[&str] = &[
    "brought",
    "held",
    "ran",
    "made",
    "led",
    "met",
    "took",
    "gave",
    "wrote",
    "built",
    "began",
    "sent",
    "spoke",
    "won",
    "sought",
    "drew",
    "spent",
    "undertook",
    "oversaw",
    "set",
    "put",
    "found",
    "ran",
    "taught",
    "bought",
    "kept",
    "lent",
    "saw",
    "went",
    "told",
    "got",
    "paid",
    "laid",
    "co-wrote",
    "fed",
    "hosted",
];

/// Words that open a sentence about something other than work.
const NOT_OPENERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "it", "there", "we",
    "they", "he", "she", "all", "some", "any", "each", "every", "no", "not", "one",
];

/// Whether an item reads as a piece of work: it opens with a verb ("Commissioning",
/// "Responded", "Held"; a plain verb "Develop" after a forward-looking introduction) and
/// is more than a short noun phrase.
fn reads_as_work(text: &str, future: bool) -> bool {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let first: String = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .next()
        .unwrap_or("")
        .to_string();
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let word = first.to_lowercase();
    if text.split_whitespace().count() < 3 || NOT_VERBS.contains(&word.as_str()) {
        return false;
    }
    let verb = (word.len() >= 5 && (word.ends_with("ing") || word.ends_with("ed")))
        || IRREGULAR.contains(&word.as_str());
    verb || (future
        && !NOT_OPENERS.contains(&word.as_str())
        && word.chars().all(char::is_alphabetic))
}

/// The time expression an item gives: one in brackets ("(July 2014)"), else one that
/// closes its first sentence (`first` bytes long), else None.
fn item_time(text: &str, first: usize) -> Option<String> {
    let mut found = time::find(text, None);
    found.sort_by_key(|f| f.start);
    let bracketed = |f: &&Found| {
        let before = text[..f.start].trim_end();
        let after =
            text[f.end..].trim_start_matches(|c: char| c.is_whitespace() || "-–—".contains(c));
        before.ends_with('(') && after.starts_with(')')
    };
    // Inside an open bracket: one pass keeps the last "(" and ")" before each expression.
    let last_close = text.rfind(')');
    let (mut open, mut close, mut cursor) = (None, None, 0);
    let inside = |f: &&Found| {
        for (i, b) in text.as_bytes()[cursor..f.start].iter().enumerate() {
            match b {
                b'(' => open = Some(cursor + i),
                b')' => close = Some(cursor + i),
                _ => {}
            }
        }
        cursor = f.start;
        let opened = open.is_some_and(|o| close.is_none_or(|c| c < o));
        opened && last_close.is_some_and(|c| c >= f.end)
    };
    // Closing the first sentence: only the last expression that ends inside it can.
    let closing = found
        .iter()
        .rev()
        .find(|f| f.end <= first)
        .filter(|f| text[f.end..first].chars().all(|c| !c.is_alphanumeric()));
    found
        .iter()
        .find(bracketed)
        .or_else(|| found.iter().find(inside))
        .or(closing)
        .map(|f| f.text.clone())
}

// ---------------------------------------------------------------------------------------
// Sentences

/// Words that end with a dot without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "cllr", "co", "ltd", "vs", "approx",
    "est", "incl", "para", "paras", "cf", "rev", "prof", "nos", "fig",
];

/// The first sentence of `text`: up to the first ".", "!" or "?" that is followed by a
/// space and a capital, a bracket or a digit, and that does not close an abbreviation.
pub(crate) fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'.' | b'!' | b'?') {
            continue;
        }
        let rest = &text[i + 1..];
        let Some(next) = rest
            .strip_prefix(' ')
            .and_then(|r| r.trim_start().chars().next())
        else {
            continue;
        };
        if !(next.is_uppercase() || next.is_ascii_digit() || "(‘“'\"".contains(next)) {
            continue;
        }
        if b == b'.' {
            let word = text[..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            let abbreviation = if word.is_ascii() {
                // The same test as below without the lower-cased copy.
                ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
                    || (word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic())
            } else {
                let word = word.to_lowercase();
                ABBREVIATIONS.contains(&word.as_str())
                    || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
            };
            if abbreviation {
                continue;
            }
        }
        return &text[..=i];
    }
    text
}

/// The last sentence of `text` (the whole text where it has one sentence).
fn last_sentence(text: &str) -> &str {
    let mut rest = text.trim();
    loop {
        let first = first_sentence(rest);
        if first.len() >= rest.len() {
            return rest;
        }
        rest = rest[first.len()..].trim_start();
    }
}
