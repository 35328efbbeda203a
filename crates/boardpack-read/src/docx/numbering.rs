//! Word's automatic numbering, computed from `numbering.xml` so that a numbered paragraph
//! reads as printed ("2.8.1.", "(a)", "iv.", a bullet).
//!
//! The model: a paragraph names a numbering instance (`w:num`, by `numId`) and a level
//! (`ilvl`, 0-8). An instance points at an abstract definition (`w:abstractNum`) that
//! holds each level's start value, number format and level text ("%1.%2."), and may
//! override a level's start (`w:lvlOverride`/`w:startOverride`) or whole definition.
//! Counters belong to the abstract definition, so instances of one list continue each
//! other, except that an instance with a start override restarts the list where it is
//! first used. When a level advances, deeper levels restart (unless `w:lvlRestart` says
//! otherwise). An abstract definition may defer to a numbering style (`w:numStyleLink`).
//!
//! Not for: indentation, fonts or tab stops; only the printed label matters here.

use super::styles::Styles;
use super::xml::{Element, Ns};
use std::collections::{HashMap, HashSet};

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<i64>,
    format: String,
    text: Option<String>,
    /// `w:lvlRestart`: restart after a level at most this (1-based) deep is used; 0 never.
    restart: Option<u32>,
    /// `w:isLgl` (legal numbering): every number in the label in decimal.
    legal: bool,
    /// `w:suff`: what follows the label ("tab", "space", "nothing").
    suffix: Option<String>,
    /// The paragraph style linked to this level.
    style: Option<String>,
}

#[derive(Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    num_style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Override {
    start: Option<i64>,
    level: Option<Level>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    overrides: HashMap<usize, Override>,
}

/// Numbering definitions and the counters of a walk through the document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; LEVELS]>,
    used: HashSet<String>,
}

fn level_of(el: &Element) -> Level {
    let val = |name: &str| el.child(Ns::W, name).and_then(|c| c.attr("val"));
    Level {
        start: val("start").and_then(|v| v.trim().parse().ok()),
        format: val("numFmt").unwrap_or("decimal").to_string(),
        text: val("lvlText").map(str::to_string),
        restart: val("lvlRestart").and_then(|v| v.trim().parse().ok()),
        legal: el.child(Ns::W, "isLgl").is_some_and(Element::on),
        suffix: val("suff").map(str::to_string),
        style: val("pStyle").map(str::to_string),
    }
}

fn ilvl_of(el: &Element) -> Option<usize> {
    el.attr("ilvl")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&l| l < LEVELS)
}

impl Numbering {
    /// Reads `numbering.xml`'s root (`w:numbering`).
    pub fn parse(root: &Element) -> Numbering {
        let mut n = Numbering::default();
        for el in root.elements() {
            if el.is(Ns::W, "abstractNum") {
                let Some(id) = el.attr("abstractNumId") else {
                    continue;
                };
                let mut abs = Abstract {
                    num_style_link: el
                        .child(Ns::W, "numStyleLink")
                        .and_then(|l| l.attr("val"))
                        .map(str::to_string),
                    ..Abstract::default()
                };
                for lvl in el.elements().filter(|e| e.is(Ns::W, "lvl")) {
                    if let Some(i) = ilvl_of(lvl) {
                        abs.levels[i] = Some(level_of(lvl));
                    }
                }
                n.abstracts.insert(id.to_string(), abs);
            } else if el.is(Ns::W, "num") {
                let Some(id) = el.attr("numId") else {
                    continue;
                };
                let Some(abstract_id) =
                    el.child(Ns::W, "abstractNumId").and_then(|a| a.attr("val"))
                else {
                    continue;
                };
                let mut num = Num {
                    abstract_id: abstract_id.to_string(),
                    ..Num::default()
                };
                for o in el.elements().filter(|e| e.is(Ns::W, "lvlOverride")) {
                    let Some(i) = ilvl_of(o) else { continue };
                    num.overrides.insert(
                        i,
                        Override {
                            start: o
                                .child(Ns::W, "startOverride")
                                .and_then(|s| s.attr("val"))
                                .and_then(|v| v.trim().parse().ok()),
                            level: o.child(Ns::W, "lvl").map(level_of),
                        },
                    );
                }
                n.nums.insert(id.to_string(), num);
            }
        }
        n
    }

    /// The abstract definition an instance uses, following a numbering-style link.
    fn abstract_for(&self, num_id: &str, styles: &Styles) -> Option<&str> {
        let mut id = self.nums.get(num_id)?.abstract_id.as_str();
        for _ in 0..4 {
            let abs = self.abstracts.get(id)?;
            let Some(link) = &abs.num_style_link else {
                return Some(id);
            };
            let linked = styles.numbering(link)?.num_id?;
            id = self.nums.get(linked.as_str())?.abstract_id.as_str();
        }
        None
    }

    /// The level a paragraph of `style` is on when only the numbering instance is known:
    /// the level linked to that style, else 0.
    pub fn level_for_style(&self, num_id: &str, style: Option<&str>, styles: &Styles) -> u8 {
        let (Some(style), Some(abs)) = (
            style,
            self.abstract_for(num_id, styles)
                .and_then(|a| self.abstracts.get(a)),
        ) else {
            return 0;
        };
        abs.levels
            .iter()
            .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
            .map_or(0, |i| i as u8)
    }

    /// Advances the counters for a paragraph numbered `num_id` at `ilvl` and returns its
    /// printed label with the separator that follows it ("2.8.1. ", "• "), or `None`
    /// where the paragraph prints no label.
    pub fn next_label(&mut self, num_id: &str, ilvl: u8, styles: &Styles) -> Option<String> {
        if num_id.trim() == "0" {
            return None;
        }
        let abs_id = self.abstract_for(num_id, styles)?.to_string();
        let num = self.nums.get(num_id)?;
        let abs = self.abstracts.get(&abs_id)?;
        let ilvl = (ilvl as usize).min(LEVELS - 1);
        let def = |i: usize| -> Option<&Level> {
            num.overrides
                .get(&i)
                .and_then(|o| o.level.as_ref())
                .or(abs.levels[i].as_ref())
        };
        let start = |i: usize| -> i64 {
            num.overrides
                .get(&i)
                .and_then(|o| o.start)
                .or_else(|| def(i).and_then(|l| l.start))
                .unwrap_or(0)
        };
        let level = def(ilvl)?.clone();
        let counters = self.counters.entry(abs_id).or_insert([None; LEVELS]);
        if self.used.insert(num_id.to_string()) {
            // An instance with a start override restarts the list where it is first used.
            for (&i, o) in &num.overrides {
                if o.start.is_some() || o.level.as_ref().is_some_and(|l| l.start.is_some()) {
                    for c in counters.iter_mut().skip(i) {
                        *c = None;
                    }
                }
            }
        }
        counters[ilvl] = Some(match counters[ilvl] {
            None => start(ilvl),
            Some(c) => c.saturating_add(1),
        });
        for deeper in ilvl + 1..LEVELS {
            let restart = def(deeper).and_then(|l| l.restart);
            let resets = match restart {
                Some(0) => false,
                Some(r) => (ilvl as u32) < r,
                None => true,
            };
            if resets {
                counters[deeper] = None;
            }
        }
        let label = if level.format == "bullet" {
            bullet(level.text.as_deref().unwrap_or(""))
        } else {
            let text = level
                .text
                .clone()
                .unwrap_or_else(|| format!("%{}.", ilvl + 1));
            let mut out = String::new();
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '%'
                    && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                    && (1..=LEVELS as u32).contains(&d)
                {
                    chars.next();
                    let i = d as usize - 1;
                    let value = counters[i].unwrap_or_else(|| start(i));
                    let format = if level.legal {
                        "decimal"
                    } else {
                        def(i).map_or("decimal", |l| l.format.as_str())
                    };
                    out.push_str(&format_number(value, format));
                } else {
                    out.push(c);
                }
            }
            out
        };
        let label = label.trim().to_string();
        if label.is_empty() {
            return None;
        }
        let sep = if level.suffix.as_deref() == Some("nothing") {
            ""
        } else {
            " "
        };
        Some(label + sep)
    }
}

/// A bullet as a character the block parser recognises as a bullet.
fn bullet(text: &str) -> String {
    let c = text.chars().next().unwrap_or('•');
    match c {
        // Symbol font's bullet, which Word's text export writes as a middle dot.
        '\u{f0b7}' | '·' => "·".into(),
        '\u{f0a7}' | '\u{f0a8}' | '\u{f06e}' => "▪".into(),
        '•' | '▪' | '■' | '●' | '○' | '◦' | '‣' | '⁃' | '–' | '—' => {
            c.to_string()
        }
        'o' | '-' | '*' => c.to_string(),
        _ => "•".into(),
    }
}

/// A counter in one of Word's number formats.
fn format_number(n: i64, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "lowerLetter" if n > 0 => letters(n),
        "upperLetter" if n > 0 => letters(n).to_uppercase(),
        "lowerRoman" if (1..4000).contains(&n) => roman(n),
        "upperRoman" if (1..4000).contains(&n) => roman(n).to_uppercase(),
        "ordinal" => {
            let suffix = match (n % 100, n % 10) {
                (11..=13, _) => "th",
                (_, 1) => "st",
                (_, 2) => "nd",
                (_, 3) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        _ => n.to_string(),
    }
}

/// Word's letter numbering: a..z, then aa..zz, aaa..zzz (the letter repeated).
fn letters(n: i64) -> String {
    let n = (n - 1) as usize;
    let letter = (b'a' + (n % 26) as u8) as char;
    std::iter::repeat_n(letter, (n / 26 + 1).min(50)).collect()
}

fn roman(n: i64) -> String {
    crate::block::roman(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::parse;

    fn numbering(body: &str) -> Numbering {
        let xml = format!(
            "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{body}</w:numbering>"
        );
        Numbering::parse(&parse("numbering", xml.as_bytes(), |_, _| false).unwrap())
    }

    const MULTI: &str = r#"<w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%4)"/></w:lvl>
        <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%5)"/><w:lvlRestart w:val="0"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
        <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        <w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>"#;

    #[test]
    fn multilevel_restart_and_formats() {
        let mut n = numbering(MULTI);
        let s = Styles::default();
        let mut labels = Vec::new();
        for (num, lvl) in [
            ("5", 0),
            ("5", 1),
            ("5", 1),
            ("5", 2),
            ("5", 3),
            ("5", 3),
            ("5", 4),
            ("5", 0),
            ("5", 1),
            ("5", 4),
            ("6", 0),
            ("6", 0),
            ("7", 0),
            ("0", 0),
            ("99", 0),
        ] {
            labels.push(n.next_label(num, lvl, &s).unwrap_or_default());
        }
        assert_eq!(
            labels,
            vec![
                "1. ", "1.1. ", "1.2. ", "1.2.1. ", "(a) ", "(b) ", "i) ", "2. ", "2.1. ", "ii) ",
                "1. ", "2. ", "· ", "", ""
            ]
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(1994, "lowerRoman"), "mcmxciv");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(3, "upperLetter"), "C");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(22, "ordinal"), "22nd");
        assert_eq!(format_number(0, "lowerRoman"), "0");
    }
}
