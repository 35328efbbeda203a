//! Word tokens of one line, with the punctuation between them, for the name finders.
//!
//! Both the organisation and the people finders read a line as a list of [`Word`]s: the
//! word's byte span, whether it ended in a possessive, and what separated it from the word
//! before (a space, a comma, or something harder such as a full stop or a bracket). The
//! tokenizer is a single pass over the line, so its cost is linear in the line's length.
//! [`Tokens`] adds what the finders ask of each word, worked out once per line.

use super::lexicon::Classes;

/// What stood between a word and the word before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// Only spaces (or nothing: the line start is [`Sep::Hard`]).
    Space,
    /// A comma, with or without spaces.
    Comma,
    /// An opening bracket.
    Open,
    /// Anything else: line start, full stop, colon, closing bracket, quote, dash, bullet.
    Hard,
}

/// One word of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    /// The word as printed, without a possessive ending or a sentence-final full stop.
    pub text: &'a str,
    /// Byte offset of the word's first character in the line.
    pub start: usize,
    /// Byte offset just past the word (possessive excluded).
    pub end: usize,
    /// Whether the word carried a possessive ending ("DWP's", "Councils'").
    pub poss: bool,
    /// What separated this word from the one before.
    pub sep: Sep,
    /// Whether a full stop, colon, semicolon or closing bracket followed the word.
    pub stop_after: bool,
}

impl Word<'_> {
    /// The first character is upper case, or a digit followed by capitals ("UK100" counts
    /// through its first letter).
    pub fn is_cap(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Every letter is upper case and there are at least two letters.
    pub fn is_all_caps(&self) -> bool {
        let mut letters = 0;
        for c in self.text.chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_alphabetic() {
                letters += 1;
            }
        }
        letters >= 2
    }

    /// The word in lower case, apostrophes dropped: the form the word lists use.
    pub fn lower(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        push_lower(&mut out, self.text);
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&' | '.')
}

/// Splits a line into words. "&" is a word of its own; a trailing full stop is dropped
/// except after initials ("J.", "C.H."); a possessive "'s" or "s'" is dropped and flagged.
pub(crate) fn words(line: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut sep = Sep::Hard;
    let mut iter = line.char_indices().peekable();
    while let Some(&(i, c)) = iter.peek() {
        if c == '&' {
            iter.next();
            out.push(Word {
                text: &line[i..i + 1],
                start: i,
                end: i + 1,
                poss: false,
                sep,
                stop_after: false,
            });
            sep = Sep::Space;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i;
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) && d != '&' {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let (text, poss, stop) = trim_word(&line[start..end]);
            let trimmed_end = start + text.len();
            if !text.is_empty() {
                out.push(Word {
                    text,
                    start,
                    end: trimmed_end,
                    poss,
                    sep,
                    stop_after: stop,
                });
            }
            sep = if stop { Sep::Hard } else { Sep::Space };
            continue;
        }
        iter.next();
        match c {
            ' ' | '\t' => {}
            ',' => {
                if sep != Sep::Open {
                    sep = Sep::Comma;
                }
            }
            '(' | '[' => sep = Sep::Open,
            '-' | '\'' => {
                // A hyphen or quote standing alone between spaces is a dash or a quote.
                sep = Sep::Hard;
            }
            _ => {
                if matches!(c, '.' | ':' | ';' | ')' | ']' | '?' | '!')
                    && let Some(last) = out.last_mut()
                    && last.end == i
                {
                    last.stop_after = true;
                }
                sep = Sep::Hard;
            }
        }
    }
    out
}

/// Drops trailing punctuation that is not part of a word, and a possessive ending.
fn trim_word(w: &str) -> (&str, bool, bool) {
    let mut text = w;
    let mut stop = false;
    // Trailing hyphens and quotes are not part of the word.
    text = text.trim_end_matches(['-', '\'', '’']);
    let poss_plural =
        w.len() > text.len() && text.ends_with('s') && w[text.len()..].starts_with(['\'', '’']);
    if text.ends_with('.') {
        let core = text.trim_end_matches('.');
        if is_initials(text) {
            // "J." and "C.H." keep their dots.
        } else {
            text = core;
            stop = true;
        }
    }
    let mut poss = poss_plural;
    for suffix in ["'s", "’s"] {
        match text.strip_suffix(suffix) {
            Some(core) if !core.is_empty() => {
                text = core;
                poss = true;
            }
            _ => {}
        }
    }
    (text, poss, stop)
}

/// "J.", "C.H.", "A.B.C.": single letters each followed by a dot.
pub(crate) fn is_initials(w: &str) -> bool {
    let mut chars = w.chars();
    let mut n = 0;
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return n > 0,
            (Some(l), Some('.')) if l.is_uppercase() => n += 1,
            _ => return false,
        }
    }
}

/// A line's words with what the finders ask of each one, worked out once: the lower-case
/// form, the gazetteer key form, the word-list [`Classes`], all-capitals. The organisation
/// and people finders share one `Tokens` per line.
#[derive(Debug)]
pub(crate) struct Tokens<'a> {
    /// The line.
    pub text: &'a str,
    /// Its words.
    pub ws: Vec<Word<'a>>,
    /// Whether the line is written in capitals (seven words in ten, two or more words).
    pub caps: bool,
    /// Lower-case and key forms of every word, back to back.
    buf: String,
    /// What each word is, in the order of `ws`.
    info: Vec<Info>,
}

/// What the finders ask of one word.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// The end of its lower-case form in [`Tokens::buf`]; the form starts where the
    /// previous word's key form ends.
    lower_end: u32,
    /// The end of its key form, which follows the lower-case form.
    key_end: u32,
    /// Its word-list classes.
    classes: Classes,
    /// [`Word::is_all_caps`].
    all_caps: bool,
}

impl<'a> Tokens<'a> {
    /// Splits a line into words and describes each one.
    pub fn new(text: &'a str) -> Tokens<'a> {
        let ws = words(text);
        let mut buf = String::with_capacity(text.len() * 2 + 8);
        let mut info = Vec::with_capacity(ws.len());
        let mut lettered = 0;
        let mut shouting = 0;
        for w in &ws {
            let start = buf.len();
            push_lower(&mut buf, w.text);
            let lower_end = buf.len();
            let classes = super::lexicon::classes(&buf[start..lower_end]);
            // The key form: see [`super::gazetteer::push_key_word`].
            if w.text == "&" {
                buf.push_str("and");
            } else {
                for c in w.text.chars() {
                    if c.is_ascii() {
                        if c.is_ascii_alphanumeric() || c == '-' {
                            buf.push(c.to_ascii_lowercase());
                        }
                    } else if c.is_alphanumeric() {
                        buf.extend(c.to_lowercase());
                    }
                }
                if w.poss && !buf.ends_with('s') {
                    buf.push('s');
                }
            }
            let shouts = w.is_all_caps();
            info.push(Info {
                lower_end: lower_end as u32,
                key_end: buf.len() as u32,
                classes,
                all_caps: shouts,
            });
            lettered += usize::from(w.text.chars().any(char::is_alphabetic));
            shouting += usize::from(shouts);
        }
        Tokens {
            text,
            ws,
            caps: lettered >= 2 && shouting * 10 >= lettered * 7,
            buf,
            info,
        }
    }

    /// Word `i` in lower case ([`Word::lower`]).
    pub fn lower(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.info[i - 1].key_end };
        &self.buf[start as usize..self.info[i].lower_end as usize]
    }

    /// Word `i`'s gazetteer key form ([`super::gazetteer::push_key_word`] without the
    /// separating space).
    pub fn key(&self, i: usize) -> &str {
        let Info {
            lower_end, key_end, ..
        } = self.info[i];
        &self.buf[lower_end as usize..key_end as usize]
    }

    /// Word `i`'s classes.
    pub fn class(&self, i: usize) -> Classes {
        self.info[i].classes
    }

    /// [`Word::is_all_caps`] of word `i`.
    pub fn is_all_caps(&self, i: usize) -> bool {
        self.info[i].all_caps
    }
}

/// Appends the lower-case form of a word ([`Word::lower`]) to `out`.
fn push_lower(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() {
            if c != '\'' {
                out.push(c.to_ascii_lowercase());
            }
        } else if !matches!(c, '’' | '‘') {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<String> = words(input)
            .iter()
            .map(|w| {
                let sep = match w.sep {
                    Sep::Space => "",
                    Sep::Comma => ",",
                    Sep::Open => "(",
                    Sep::Hard => "|",
                };
                format!("{sep}{}{}", w.text, if w.poss { "'s" } else { "" })
            })
            .collect();
        assert_eq!(got, expected, "words of {input:?}");
    }

    #[test]
    fn splits_words() {
        check("The DfE's plan.", &["|The", "DfE's", "plan"]);
        check(
            "Leaders’ Committee, then C.H. Smith",
            &["|Leaders's", "Committee", ",then", "C.H.", "Smith"],
        );
        check(
            "Lisburn & Castlereagh (LCCC)",
            &["|Lisburn", "&", "Castlereagh", "(LCCC"],
        );
        check("", &[]);
        check("—– ...", &[]);
    }
}
