//! Fonts: character codes of a shown string → Unicode text and glyph widths.
//!
//! Covers what office exports and report generators write: simple fonts (one byte a
//! code; TrueType, Type 1, Type 3) with a named encoding, a `Differences` array or a
//! `ToUnicode` CMap, and composite (Type 0) fonts with two-byte codes and a `ToUnicode`
//! CMap. Not for rendering: glyph outlines and embedded font programs are never read.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// The most code → text entries one `ToUnicode` CMap or width array may define.
const MAX_MAP_ENTRIES: usize = 70_000;

/// A font as far as text extraction needs it.
#[derive(Debug, Default)]
pub(super) struct Font {
    /// Two-byte codes (composite fonts).
    two_byte: bool,
    /// Code → text from the `ToUnicode` CMap.
    to_unicode: HashMap<u32, String>,
    /// Code → character for simple fonts, from the encoding and its differences.
    simple: Option<Box<[char; 256]>>,
    /// Code → advance width in glyph units.
    widths: HashMap<u32, f32>,
    /// Width of codes not in `widths`.
    default_width: f32,
    /// Glyph units → text space (1/1000 except for Type 3 fonts).
    scale: f32,
    /// Widths of the standard font this one names, when it has no width array.
    standard: Option<&'static [u16; 95]>,
}

/// One decoded character code.
pub(super) struct Code {
    /// The text it stands for (may be empty or several characters).
    pub(super) text: char,
    /// Further characters, for ligatures and multi-character mappings.
    pub(super) more: Option<String>,
    /// Advance width in text space units (before font size).
    pub(super) width: f32,
    /// Whether the code is the single-byte 32, to which word spacing applies.
    pub(super) is_space: bool,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read falls back to defaults.
    pub(super) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
        let mut font = Font {
            scale: 0.001,
            default_width: 500.0,
            ..Font::default()
        };
        if let Some(stream) =
            deref(doc, dict.get(b"ToUnicode").ok()).and_then(|o| o.as_stream().ok())
            && let Ok(bytes) = stream.decompressed_content()
        {
            font.to_unicode = parse_cmap(&bytes);
        }
        if subtype == b"Type0" {
            font.two_byte = true;
            font.default_width = 1000.0;
            let desc = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| deref(doc, a.first()))
                .and_then(|o| o.as_dict().ok());
            if let Some(desc) = desc {
                if let Some(dw) = number(doc, desc.get(b"DW").ok()) {
                    font.default_width = dw;
                }
                if let Some(w) = deref(doc, desc.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                    font.widths = cid_widths(doc, w);
                }
            }
            return font;
        }
        if subtype == b"Type3"
            && let Some(m) =
                deref(doc, dict.get(b"FontMatrix").ok()).and_then(|o| o.as_array().ok())
            && let Some(a) = number(doc, m.first())
        {
            font.scale = a.abs();
        }
        let first = number(doc, dict.get(b"FirstChar").ok()).unwrap_or(0.0) as u32;
        if let Some(ws) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
            for (i, w) in ws.iter().take(256).enumerate() {
                if let Some(w) = number(doc, Some(w)) {
                    font.widths.insert(first + i as u32, w);
                }
            }
        }
        let base = name_of(doc, dict.get(b"BaseFont").ok()).unwrap_or_default();
        let base = String::from_utf8_lossy(&base).to_ascii_lowercase();
        if font.widths.is_empty() {
            font.standard = standard_widths(&base);
            if base.contains("courier") {
                font.default_width = 600.0;
            }
        }
        let symbolic = base.contains("symbol") || base.contains("dingbat");
        let mut table = if symbolic {
            symbol_table()
        } else {
            win_ansi_table()
        };
        match deref(doc, dict.get(b"Encoding").ok()) {
            Some(Object::Name(n)) => table = named_table(n).unwrap_or(table),
            Some(Object::Dictionary(enc)) => {
                if let Some(n) = name_of(doc, enc.get(b"BaseEncoding").ok()) {
                    table = named_table(&n).unwrap_or(table);
                }
                if let Some(diffs) =
                    deref(doc, enc.get(b"Differences").ok()).and_then(|o| o.as_array().ok())
                {
                    let mut code = 0usize;
                    for d in diffs {
                        match deref(doc, Some(d)) {
                            Some(Object::Integer(i)) => code = (*i).clamp(0, 255) as usize,
                            Some(Object::Name(n)) => {
                                if code < 256
                                    && let Some(c) = glyph_name(n)
                                {
                                    table[code] = c;
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        font.simple = Some(Box::new(table));
        font
    }

    /// Splits a shown string into codes and decodes each.
    pub(super) fn decode(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        if self.two_byte {
            for pair in bytes.chunks(2) {
                let code = match pair {
                    [a, b] => u32::from(*a) << 8 | u32::from(*b),
                    [a] => u32::from(*a),
                    _ => continue,
                };
                out.push(self.code(code, false));
            }
        } else {
            for &b in bytes {
                out.push(self.code(u32::from(b), b == b' '));
            }
        }
    }

    fn code(&self, code: u32, is_space: bool) -> Code {
        let width = self
            .widths
            .get(&code)
            .copied()
            .or_else(|| {
                let s = self.standard?;
                let i = code.checked_sub(32)? as usize;
                s.get(i).map(|&w| f32::from(w))
            })
            .unwrap_or(self.default_width)
            * self.scale;
        let (text, more) = match self.to_unicode.get(&code) {
            Some(s) => {
                let mut chars = s.chars();
                let first = chars.next().unwrap_or('\u{fffd}');
                let rest: String = chars.collect();
                (first, (!rest.is_empty()).then_some(rest))
            }
            None => match &self.simple {
                Some(t) => (t[(code & 0xff) as usize], None),
                None => ('\u{fffd}', None),
            },
        };
        let (text, more) = expand_ligature(text, more);
        Code {
            text,
            more,
            width,
            is_space,
        }
    }
}

/// Ligature code points (ﬁ, ﬂ ...) to their letters; symbol-font private-use code
/// points (U+F020–U+F0FF, Word's Symbol and Wingdings bullets) to the Latin-1 character
/// with the same low byte, as Word's own text export writes them.
fn expand_ligature(c: char, more: Option<String>) -> (char, Option<String>) {
    if ('\u{f020}'..='\u{f0ff}').contains(&c) {
        let low = char::from_u32(c as u32 - 0xf000).unwrap_or(c);
        return (if low == '\u{a7}' { '▪' } else { low }, more);
    }
    let lig = match c {
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        _ => return (c, more),
    };
    let mut rest: String = lig[1..].to_string();
    if let Some(m) = more {
        rest.push_str(&m);
    }
    (lig.chars().next().unwrap_or(c), Some(rest))
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    let o = o?;
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        _ => Some(o),
    }
}

fn name_of(doc: &Document, o: Option<&Object>) -> Option<Vec<u8>> {
    deref(doc, o)
        .and_then(|o| o.as_name().ok())
        .map(<[u8]>::to_vec)
}

fn number(doc: &Document, o: Option<&Object>) -> Option<f32> {
    match deref(doc, o)? {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A composite font's `W` array: `c [w1 w2 ...]` and `cfirst clast w` entries.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < MAX_MAP_ENTRIES {
        let Some(first) = number(doc, w.get(i)) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match deref(doc, w.get(i + 1)) {
            Some(Object::Array(ws)) => {
                for (k, x) in ws.iter().enumerate() {
                    if let Some(x) = number(doc, Some(x)) {
                        out.insert(first.saturating_add(k as u32), x);
                    }
                }
                i += 2;
            }
            Some(_) => {
                let last = number(doc, w.get(i + 1)).unwrap_or(0.0).max(0.0) as u32;
                let width = number(doc, w.get(i + 2)).unwrap_or(1000.0);
                let last = last.min(first.saturating_add(MAX_MAP_ENTRIES as u32));
                for c in first..=last {
                    out.insert(c, width);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// Parses the `bfchar` and `bfrange` sections of a `ToUnicode` CMap.
pub(super) fn parse_cmap(bytes: &[u8]) -> HashMap<u32, String> {
    let tokens = cmap_tokens(bytes);
    let mut map = HashMap::new();
    let mut i = 0;
    let mut mode = 0u8; // 1 = bfchar, 2 = bfrange
    while i < tokens.len() && map.len() < MAX_MAP_ENTRIES {
        match &tokens[i] {
            Tok::Word(w) if w == b"beginbfchar" => mode = 1,
            Tok::Word(w) if w == b"beginbfrange" => mode = 2,
            Tok::Word(w) if w.starts_with(b"end") => mode = 0,
            Tok::Hex(src) if mode == 1 => {
                if let Some(Tok::Hex(dst)) = tokens.get(i + 1) {
                    map.insert(code_of(src), utf16(dst));
                    i += 1;
                }
            }
            Tok::Hex(lo) if mode == 2 => {
                let (Some(Tok::Hex(hi)), Some(dst)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
                    break;
                };
                let (lo, hi) = (code_of(lo), code_of(hi));
                let hi = hi.min(lo.saturating_add(MAX_MAP_ENTRIES as u32));
                match dst {
                    Tok::Hex(d) => {
                        let base = utf16(d);
                        let mut chars: Vec<char> = base.chars().collect();
                        for code in lo..=hi {
                            map.insert(code, chars.iter().collect());
                            if let Some(last) = chars.last_mut() {
                                *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                            }
                        }
                        i += 2;
                    }
                    Tok::ArrayStart => {
                        let mut k = i + 3;
                        let mut code = lo;
                        while let Some(Tok::Hex(d)) = tokens.get(k) {
                            if code <= hi {
                                map.insert(code, utf16(d));
                            }
                            code = code.saturating_add(1);
                            k += 1;
                        }
                        i = k;
                    }
                    _ => i += 2,
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

enum Tok {
    Hex(Vec<u8>),
    Word(Vec<u8>),
    ArrayStart,
    Other,
}

fn cmap_tokens(bytes: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'<' && bytes.get(i + 1) != Some(&b'<') {
            let end = bytes[i..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |p| i + p);
            let digits: Vec<u8> = bytes[i + 1..end]
                .iter()
                .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                .collect();
            let mut hex = Vec::with_capacity(digits.len() / 2 + 1);
            for pair in digits.chunks(2) {
                hex.push(pair[0] << 4 | pair.get(1).copied().unwrap_or(0));
            }
            out.push(Tok::Hex(hex));
            i = end + 1;
        } else if c == b'[' {
            out.push(Tok::ArrayStart);
            i += 1;
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            out.push(Tok::Word(bytes[start..i].to_vec()));
        } else {
            if c == b']' || c == b'(' {
                out.push(Tok::Other);
            }
            i += 1;
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect()
}

fn named_table(name: &[u8]) -> Option<[char; 256]> {
    match name {
        b"WinAnsiEncoding" => Some(win_ansi_table()),
        b"MacRomanEncoding" => Some(table_from(encoding_rs::MACINTOSH)),
        b"StandardEncoding" => {
            let mut t = win_ansi_table();
            t[0x27] = '\u{2019}';
            t[0x60] = '\u{2018}';
            Some(t)
        }
        _ => None,
    }
}

fn win_ansi_table() -> [char; 256] {
    table_from(encoding_rs::WINDOWS_1252)
}

fn symbol_table() -> [char; 256] {
    let mut t = win_ansi_table();
    t[0xb7] = '•';
    t
}

fn table_from(enc: &'static encoding_rs::Encoding) -> [char; 256] {
    let mut t = ['\u{fffd}'; 256];
    for (b, slot) in t.iter_mut().enumerate() {
        let byte = [b as u8];
        let (s, _) = enc.decode_without_bom_handling(&byte);
        *slot = s.chars().next().unwrap_or('\u{fffd}');
    }
    t
}

/// A glyph name of the Adobe glyph list (the common ones) or `uniXXXX` → its character.
fn glyph_name(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if name.len() == 1 {
        return name.chars().next();
    }
    for prefix in ["uni", "u"] {
        if let Some(hex) = name.strip_prefix(prefix)
            && (4..=6).contains(&hex.len())
            && let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        {
            return Some(c);
        }
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("quoteleft", '\u{2018}'),
        ("quoteright", '\u{2019}'),
        ("quotedblleft", '\u{201c}'),
        ("quotedblright", '\u{201d}'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("sterling", '£'),
        ("Euro", '€'),
        ("ellipsis", '…'),
        ("periodcentered", '·'),
        ("section", '§'),
        ("degree", '°'),
        ("copyright", '©'),
        ("registered", '®'),
        ("trademark", '™'),
        ("minus", '−'),
        ("nbspace", ' '),
        ("fi", '\u{fb01}'),
        ("fl", '\u{fb02}'),
        ("ff", '\u{fb00}'),
        ("ffi", '\u{fb03}'),
        ("ffl", '\u{fb04}'),
        ("eacute", 'é'),
        ("egrave", 'è'),
        ("agrave", 'à'),
        ("ccedilla", 'ç'),
        ("odieresis", 'ö'),
        ("udieresis", 'ü'),
        ("adieresis", 'ä'),
        ("wcircumflex", 'ŵ'),
        ("ycircumflex", 'ŷ'),
        ("acircumflex", 'â'),
        ("ecircumflex", 'ê'),
        ("quotesinglbase", '‚'),
        ("quotedblbase", '„'),
        ("dagger", '†'),
        ("onehalf", '½'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// Widths (codes 32–126) of the standard fonts, for PDFs that name one without widths.
fn standard_widths(base: &str) -> Option<&'static [u16; 95]> {
    if base.contains("times") || base.contains("serif") && !base.contains("sans") {
        Some(&TIMES)
    } else if base.contains("courier") {
        None
    } else if base.contains("helvetica") || base.contains("arial") || !base.is_empty() {
        Some(&HELVETICA)
    } else {
        None
    }
}

#[rustfmt::skip]
static HELVETICA: [u16; 95] = [
    278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,
    556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,
    556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,333,556,
    556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,
    500,500,500,334,260,334,584,
];

#[rustfmt::skip]
static TIMES: [u16; 95] = [
    250,333,408,500,500,833,778,180,333,333,500,564,250,333,250,278,500,500,500,500,500,500,
    500,500,500,500,278,278,564,564,564,444,921,722,667,667,722,611,556,722,722,333,389,722,
    611,889,722,722,556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,500,333,444,
    500,444,500,444,333,500,500,278,278,500,278,778,500,500,500,500,333,389,278,500,500,722,
    500,500,444,480,200,480,541,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_sections() {
        let cmap = b"2 beginbfchar\n<01> <0043>\n<02> <FB01>\nendbfchar\n1 beginbfrange\n<10> <12> <0061>\nendbfrange\n1 beginbfrange <20> <21> [<0058> <00590059>] endbfrange";
        let m = parse_cmap(cmap);
        assert_eq!(m[&1], "C");
        assert_eq!(m[&2], "\u{fb01}");
        assert_eq!(m[&0x12], "c");
        assert_eq!(m[&0x21], "YY");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"quoteright"), Some('\u{2019}'));
        assert_eq!(glyph_name(b"uni00A3"), Some('£'));
        assert_eq!(glyph_name(b"a"), Some('a'));
        assert_eq!(glyph_name(b"nonsense"), None);
    }
}
