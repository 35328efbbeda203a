//! Regular expressions with a quick test that they cannot match.
//!
//! The `regex` crate's fast engine (a lazy DFA) gives up on a Unicode word boundary
//! (`\b`) as soon as the text holds a non-ASCII character ("£", "’", "–"), and the slower
//! engines then walk the line. Most lines match none of the extractors' patterns, so each
//! pattern is paired with the same pattern with its `\b` assertions removed: that one
//! matches wherever the original does (dropping an assertion only widens it), runs on the
//! fast engine, and settles "no match" for most lines. Only lines it matches meet the
//! original, so results are exactly the original's.

use regex::Regex;

/// A pattern and its relaxed twin (see the module docs).
#[derive(Debug)]
pub(crate) struct Gated {
    /// The pattern as written.
    pub full: Regex,
    /// The pattern without `\b`: a match of `full` is always a match of this.
    relaxed: Regex,
}

impl Gated {
    /// Compiles `pattern` and its relaxed twin. Panics on an invalid pattern (the
    /// patterns are constants).
    pub fn new(pattern: &str, what: &str) -> Gated {
        Gated {
            full: Regex::new(pattern).expect(what),
            relaxed: Regex::new(&pattern.replace(r"\b", "")).expect(what),
        }
    }

    /// Whether `full` may match `text`: false means it cannot.
    pub fn may_match(&self, text: &str) -> bool {
        self.relaxed.is_match(text)
    }

    /// Whether `full` matches `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.full.is_match(text)
    }
}
