//! The token stream the time grammar reads: words, plain numbers, glued codes and single
//! punctuation characters, each with its byte span and whether white space preceded it.
//!
//! Linear in the input and allocation-light: a word's lower-cased form is built once.
//! Text that only looks like numbers (phone numbers, URLs, codes such as "KD1011055",
//! postcodes) is turned into [`Kind::Glued`] tokens so the grammar never reads it as a date.

use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits, optionally with an ordinal suffix ("10th").
    Num,
    /// Letters and digits mixed ("Q3", "FY24", "SE1"), over-long numbers, URL parts and
    /// phone-number groups: never a date by itself.
    Glued,
    /// One other character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    /// What it is.
    pub kind: Kind,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Whether white space came before it.
    pub space: bool,
    /// Lower-cased text, for words and glued tokens (borrowed from the line where it is
    /// already lower case, as most words are).
    pub lower: Cow<'a, str>,
    /// Whether a word starts with an upper-case letter.
    pub cap: bool,
    /// The number's value, for numbers.
    pub val: u32,
    /// How many digits the number has.
    pub digits: usize,
    /// Whether the number had an ordinal suffix ("st", "nd", "rd", "th").
    pub ordinal: bool,
    /// The character, for punctuation.
    pub ch: char,
}

impl Tok<'_> {
    fn new<'a>(kind: Kind, start: usize, end: usize, space: bool) -> Tok<'a> {
        Tok {
            kind,
            start,
            end,
            space,
            lower: Cow::Borrowed(""),
            cap: false,
            val: 0,
            digits: 0,
            ordinal: false,
            ch: '\0',
        }
    }
}

/// Splits `text` into tokens.
pub(crate) fn lex(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut space = true;
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            let mut digits = usize::from(c.is_ascii_digit());
            let mut letters = usize::from(!c.is_ascii_digit());
            while let Some(&(i, d)) = it.peek() {
                if !d.is_alphanumeric() {
                    break;
                }
                if d.is_ascii_digit() {
                    digits += 1;
                } else {
                    letters += 1;
                }
                end = i + d.len_utf8();
                it.next();
            }
            toks.push(word_or_number(text, start, end, space, digits, letters));
        } else {
            let mut t = Tok::new(Kind::Punct, start, start + c.len_utf8(), space);
            t.ch = c;
            toks.push(t);
        }
        space = false;
    }
    mask_urls(&mut toks);
    mask_phones(&mut toks);
    toks
}

fn word_or_number(
    text: &str,
    start: usize,
    end: usize,
    space: bool,
    digits: usize,
    letters: usize,
) -> Tok<'_> {
    let s = &text[start..end];
    if letters == 0 {
        let mut t = Tok::new(Kind::Num, start, end, space);
        t.digits = digits;
        if digits <= 9 {
            t.val = s.parse().unwrap_or(0);
        } else {
            t.kind = Kind::Glued;
        }
        return t;
    }
    let lower = lower_case(s);
    if digits == 0 {
        let mut t = Tok::new(Kind::Word, start, end, space);
        t.cap = s.chars().next().is_some_and(char::is_uppercase);
        t.lower = lower;
        return t;
    }
    // Digits then an ordinal suffix: "10th", "1ST".
    let lead = s.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &lower[lead..];
    if lead == digits
        && lead <= 2
        && matches!(suffix, "st" | "nd" | "rd" | "th")
        && s.is_char_boundary(lead)
    {
        let mut t = Tok::new(Kind::Num, start, end, space);
        t.digits = lead;
        t.val = s[..lead].parse().unwrap_or(0);
        t.ordinal = true;
        return t;
    }
    let mut t = Tok::new(Kind::Glued, start, end, space);
    t.lower = lower;
    t
}

/// `s` in lower case, borrowed where it already is.
fn lower_case(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Everything from "http", "https" or "www" to the next white space is one address.
fn mask_urls(toks: &mut [Tok<'_>]) {
    let mut i = 0;
    while i < toks.len() {
        let starts_url = toks[i].kind == Kind::Word
            && matches!(&*toks[i].lower, "http" | "https" | "www")
            && toks
                .get(i + 1)
                .is_some_and(|n| !n.space && (n.ch == ':' || n.ch == '.'));
        if starts_url {
            let mut j = i;
            while j < toks.len() && (j == i || !toks[j].space) {
                toks[j].kind = Kind::Glued;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// A number of three or more digits that starts with 0 ("020", "0161", "01865") and the
/// digit groups that follow it, up to a phone number's length, are a phone number; so is a
/// "+44" group.
fn mask_phones(toks: &mut [Tok<'_>]) {
    let zero_led = |t: &Tok<'_>| {
        t.kind == Kind::Num
            && !t.ordinal
            && t.digits >= 3
            && t.val < 10u32.pow((t.digits - 1) as u32)
    };
    let mut i = 0;
    while i < toks.len() {
        let plus = toks[i].ch == '+'
            && toks
                .get(i + 1)
                .is_some_and(|n| n.kind == Kind::Num && !n.space);
        if !(zero_led(&toks[i]) || plus) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut total = 0;
        while j < toks.len() && total < 10 {
            let t = &toks[j];
            let next_num = toks.get(j + 1).is_some_and(|n| n.kind == Kind::Num);
            if t.kind == Kind::Num && !t.ordinal {
                total += t.digits;
            } else if !(matches!(t.ch, '+' | '(' | ')' | '-') && next_num) {
                break;
            }
            toks[j].kind = Kind::Glued;
            j += 1;
        }
        i = j.max(i + 1);
    }
}
