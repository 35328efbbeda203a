//! Tense of the clause around a time expression: whether the text describes what it dates
//! as done ("published August 2022", "the meeting held on 12 February") or still to come
//! ("will be discussed on 16 June", "due later in March 2024").
//!
//! A small word-cue reader, not a parser: the nearest cue to the left of the expression in
//! its sentence wins, then the first cue in the few words after it. The date module uses
//! it to bound a paper's date; the time module uses it to give a year to "December".
use std::borrow::Cow;
use std::sync::LazyLock;

use crate::hash::FastMap;

/// Whether a dated thing lies before or after the time of writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Described as done.
    Past,
    /// Described as to come.
    Future,
    /// No cue.
    Neutral,
}

const FUTURE: &[&str] = &[
    "will",
    "shall",
    "would",
    "could",
    "should",
    "due",
    "expected",
    "expect",
    "expects",
    "planned",
    "scheduled",
    "proposed",
    "propose",
    "proposes",
    "intend",
    "intends",
    "intended",
    "aim",
    "aims",
    "forthcoming",
    "upcoming",
    "next",
    "ahead",
    "anticipated",
    "later",
    "future",
    "deadline",
    "until",
    "awaiting",
];

const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "has",
    "have",
    "been",
    "held",
    "took",
    "since",
    "last",
    "previous",
    "previously",
    "ago",
    "published",
    "launched",
    "received",
    "agreed",
    "approved",
    "announced",
    "met",
    "began",
    "started",
    "signed",
    "issued",
    "dated",
    "completed",
    "organised",
    "organized",
    "responded",
    "submitted",
    "reviewed",
    "introduced",
    "considered",
    "noted",
    "confirmed",
    "delivered",
    "produced",
    "presented",
    "circulated",
    "discussed",
    "resolved",
    "decided",
    "adopted",
    "attended",
    "hosted",
    "commissioned",
    "appointed",
    "awarded",
    "established",
    "released",
    "concluded",
    "ended",
    "closed",
    "minutes",
];

/// Words that, right before a past cue, put it in the future ("will be published",
/// "to be considered", "will have").
const MAKES_FUTURE: &[&str] = &["be", "will", "to", "being", "shall", "would"];

/// The words of `s` in lower case (borrowed where they already are).
fn words(s: &str) -> Vec<Cow<'_, str>> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .collect()
}

fn is_boundary(c: char) -> bool {
    matches!(c, ';' | '?' | '!' | '•' | '·' | '|')
}

/// The start of the sentence that holds byte `at`.
fn sentence_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    let mut best = 0;
    for (i, c) in head.char_indices() {
        let next = head[i + c.len_utf8()..].chars().next();
        if is_boundary(c) || (c == '.' && next.is_some_and(char::is_whitespace)) {
            best = i + c.len_utf8();
        }
    }
    best
}

/// The end of the sentence that holds byte `at`.
fn sentence_end(text: &str, at: usize) -> usize {
    let tail = &text[at..];
    for (i, c) in tail.char_indices() {
        let next = tail[i + c.len_utf8()..].chars().next();
        if is_boundary(c) || (c == '.' && next.is_none_or(char::is_whitespace)) {
            return at + i;
        }
    }
    text.len()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// The tense of the clause around `text[start..end]`.
pub(crate) fn tense(text: &str, start: usize, end: usize) -> Tense {
    let window_start = floor_boundary(text, start.saturating_sub(240));
    let left_start =
        sentence_start(&text[window_start..start], start - window_start) + window_start;
    let left = words(&text[left_start..start]);
    for (k, w) in left.iter().enumerate().rev().take(30) {
        if let Some(t) = cue(&left, k, w) {
            return t;
        }
    }
    let window_end = ceil_boundary(text, end.saturating_add(120));
    let right_end = sentence_end(&text[..window_end], end);
    let right = words(&text[end..right_end]);
    for (k, w) in right.iter().enumerate().take(6) {
        if let Some(t) = cue(&right, k, w) {
            return t;
        }
    }
    Tense::Neutral
}

/// Every cue word: whether it is on [`FUTURE`] and on [`PAST`].
static CUES: LazyLock<FastMap<&'static str, (bool, bool)>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for w in FUTURE.iter().chain(PAST) {
        map.insert(*w, (FUTURE.contains(w), PAST.contains(w)));
    }
    map
});

fn cue(ws: &[Cow<'_, str>], k: usize, w: &str) -> Option<Tense> {
    if w == "up" && k > 0 && ws[k - 1] == "run" {
        return Some(Tense::Future);
    }
    if w == "be" && k > 0 && ws[k - 1] == "to" {
        return Some(Tense::Future);
    }
    let (future, past) = CUES.get(w).copied().unwrap_or_default();
    if future {
        return Some(Tense::Future);
    }
    if past {
        let before = ws[k.saturating_sub(2)..k].iter();
        if !matches!(
            w,
            "been" | "since" | "last" | "previous" | "previously" | "ago"
        ) && before.clone().any(|b| MAKES_FUTURE.contains(&b.as_ref()))
        {
            return Some(Tense::Future);
        }
        return Some(Tense::Past);
    }
    None
}
