//! The gazetteer of UK public bodies and council place names (`data/uk_bodies.txt`).
//!
//! Built once, lazily, from the data file compiled into the binary; read-only afterwards.
//! Full names are looked up by their [`key`] (lower case, apostrophes dropped, "&" read as
//! "and"); abbreviations by their exact spelling. Places are the names that label a
//! member's council ("Cllr Thomas (Barnet)"): never organisations, never people. Every
//! word-prefix of a name is kept too, so a look-up along a line stops at the first word
//! that no name continues with.

use std::sync::LazyLock;

use super::words::{Sep, Tokens, Word};
use crate::hash::{FastMap, FastSet};

const DATA: &str = include_str!("../../data/uk_bodies.txt");

/// The lookup tables built from the data file.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    /// How many bodies the file lists; a body's index is its place in the file.
    pub bodies: usize,
    /// Full-name keys to body index.
    full: FastMap<String, usize>,
    /// Every word-prefix of a full-name key, with the body whose key it is, if any.
    full_prefixes: FastMap<String, Option<usize>>,
    /// Abbreviations (exact spelling) to body index.
    abbr: FastMap<String, usize>,
    /// The longest full name, in words.
    pub max_words: usize,
    /// Place-name keys.
    places: FastSet<String>,
    /// Every word-prefix of a place-name key.
    place_prefixes: FastSet<String>,
    /// The longest place name, in words.
    pub place_max_words: usize,
}

/// The gazetteer, built on first use.
pub(crate) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(DATA));

/// The lookup key of a name: its words lower-cased, apostrophes dropped, "&" as "and",
/// other punctuation dropped.
pub(crate) fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in super::words::words(text) {
        push_key_word(&mut out, &w);
    }
    out
}

/// Appends one word's key form to a key under construction.
pub(crate) fn push_key_word(out: &mut String, w: &Word<'_>) {
    if !out.is_empty() {
        out.push(' ');
    }
    if w.text == "&" {
        out.push_str("and");
    } else {
        for c in w.text.chars() {
            if c.is_alphanumeric() || c == '-' {
                out.extend(c.to_lowercase());
            }
        }
        // "Leader's Committee" and "Leaders' Committee" share a key.
        if w.poss && !out.ends_with('s') {
            out.push('s');
        }
    }
}

/// Whether a name is written as an abbreviation: one word with two or more capitals.
fn is_abbreviation(name: &str) -> bool {
    !name.contains(' ') && name.chars().filter(|c| c.is_uppercase()).count() >= 2
        || name.chars().any(|c| c.is_ascii_digit()) && !name.contains(' ')
}

impl Gazetteer {
    fn parse(data: &str) -> Gazetteer {
        let mut g = Gazetteer {
            bodies: 0,
            full: FastMap::default(),
            full_prefixes: FastMap::default(),
            abbr: FastMap::default(),
            max_words: 1,
            places: FastSet::default(),
            place_prefixes: FastSet::default(),
            place_max_words: 1,
        };
        let mut in_places = false;
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line {
                "[bodies]" => in_places = false,
                "[places]" => in_places = true,
                _ if in_places => {
                    let k = key(line);
                    g.place_max_words = g.place_max_words.max(k.split(' ').count());
                    g.places.insert(k);
                }
                _ => {
                    let idx = g.bodies;
                    let names: Vec<String> =
                        line.split(" | ").map(|n| n.trim().to_string()).collect();
                    for n in &names {
                        if is_abbreviation(n) {
                            g.abbr.entry(n.clone()).or_insert(idx);
                        } else {
                            let k = key(n);
                            g.max_words = g.max_words.max(k.split(' ').count());
                            g.full.entry(k).or_insert(idx);
                        }
                    }
                    g.bodies += 1;
                }
            }
        }
        for p in word_prefixes(g.full.keys()) {
            let body = g.full.get(p).copied();
            g.full_prefixes.insert(p.to_string(), body);
        }
        for p in word_prefixes(g.places.iter()) {
            g.place_prefixes.insert(p.to_string());
        }
        g
    }

    /// The body whose full name has this key.
    pub fn by_key(&self, key: &str) -> Option<usize> {
        self.full.get(key).copied()
    }

    /// The body with this abbreviation, spelt exactly.
    pub fn by_abbr(&self, abbr: &str) -> Option<usize> {
        self.abbr.get(abbr).copied()
    }

    /// Whether this key is a place name.
    pub fn is_place(&self, key: &str) -> bool {
        self.places.contains(key)
    }

    /// The longest body name starting at word `i` of a line: `(body, number of words)`.
    /// Words must follow each other with only spaces or commas between them.
    pub fn longest_at(&self, t: &Tokens<'_>, i: usize) -> Option<(usize, usize)> {
        let first = t.ws.get(i)?;
        if !first.is_cap() {
            return None;
        }
        if let Some(b) = self.by_abbr(first.text) {
            // An abbreviation may still begin a longer full name ("NHS England").
            return Some(self.longest_full(t, i).unwrap_or((b, 1)));
        }
        self.longest_full(t, i)
    }

    /// The longest full name starting at word `i`. The key grows a word at a time and
    /// stops as soon as no full name starts with it.
    fn longest_full(&self, t: &Tokens<'_>, i: usize) -> Option<(usize, usize)> {
        // Most words begin no name: settle that without building a key.
        let first = *self.full_prefixes.get(t.key(i))?;
        let mut best = first.map(|b| (b, 1));
        let w = &t.ws[i];
        if w.poss || w.stop_after {
            return best;
        }
        let mut k = String::from(t.key(i));
        for n in 1..self.max_words.min(t.ws.len() - i) {
            let w = &t.ws[i + n];
            if !matches!(w.sep, Sep::Space | Sep::Comma) {
                break;
            }
            k.push(' ');
            k.push_str(t.key(i + n));
            match self.full_prefixes.get(k.as_str()) {
                None => break,
                Some(Some(b)) => best = Some((*b, n + 1)),
                Some(None) => {}
            }
            if w.poss || w.stop_after {
                break;
            }
        }
        best
    }

    /// The longest place name starting at word `i` of a line, in words.
    pub fn place_at(&self, t: &Tokens<'_>, i: usize) -> Option<usize> {
        let mut best = None;
        if !self.place_prefixes.contains(t.key(i)) {
            return None;
        }
        if self.places.contains(t.key(i)) {
            best = Some(1);
        }
        let mut k = String::from(t.key(i));
        for n in 1..self.place_max_words.min(t.ws.len() - i) {
            let w = &t.ws[i + n];
            if w.sep != Sep::Space {
                break;
            }
            k.push(' ');
            k.push_str(t.key(i + n));
            if !self.place_prefixes.contains(k.as_str()) {
                break;
            }
            if self.places.contains(k.as_str()) {
                best = Some(n + 1);
            }
        }
        best
    }
}

/// Every word-prefix of each key ("a", "a b", "a b c" of "a b c").
fn word_prefixes<'k>(keys: impl Iterator<Item = &'k String>) -> Vec<&'k str> {
    let mut out = Vec::new();
    for k in keys {
        out.extend(k.match_indices(' ').map(|(at, _)| &k[..at]));
        out.push(k.as_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_loads() {
        let g = &*GAZETTEER;
        assert!(g.bodies > 100);
        assert!(g.by_abbr("DWP").is_some());
        assert_eq!(
            g.by_abbr("DWP"),
            g.by_key(&key("Department for Work & Pensions"))
        );
        assert!(g.is_place(&key("Kensington & Chelsea")));
        assert!(g.by_key("the").is_none());
        assert_eq!(g.by_abbr("UKTI"), g.by_key(&key("UK Trade and Investment")));
    }
}
