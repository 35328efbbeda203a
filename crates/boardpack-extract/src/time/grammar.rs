//! The time grammar: reads calendar expressions off the token stream.
//!
//! Each expression is an [`Expr`]: one or two [`Atom`]s (a date, month, season, quarter,
//! part of a year, year, year range or financial/academic/municipal year) with the word
//! that leads it ("from", "until", "by the end of") and whether it is an open range. The
//! grammar only recognises shapes; turning them into days (and giving a year to the
//! year-less ones) is [`super`]'s job. Every step reads a bounded number of tokens ahead,
//! and numeric chains ("2020/2021/2022", "10.3.1") are skipped whole, so a line is read in
//! linear time.

use chrono::NaiveDate;

use super::lex::{Kind, Tok};

/// The kind of a year that does not start on 1 January.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fiscal {
    /// 1 April to 31 March.
    Financial,
    /// 1 August to 31 July.
    Academic,
    /// 1 May to 30 April.
    Municipal,
    /// 6 April to 5 April.
    Tax,
}

/// What an atom covers, given its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Days `d..=d2` of month `m`.
    Day { m: u32, d: u32, d2: u32 },
    /// A month.
    Month(u32),
    /// 0 spring, 1 summer, 2 autumn, 3 winter (December to February).
    Season(u32),
    /// A quarter (1-4), of a financial year when `fy`.
    Quarter { q: u32, fy: bool },
    /// 0 early (Jan-Apr), 1 mid (May-Aug), 2 late (Sep-Dec).
    Part(u32),
    /// 0 first half, 1 second half.
    Half(u32),
    /// A calendar year.
    Year,
    /// Calendar years from the atom's year to `last`.
    Years { last: i32 },
    /// A financial (or academic, municipal, tax) year or run of them, starting in the
    /// atom's year and ending in `last`.
    Fiscal { kind: Fiscal, last: i32 },
}

/// One calendar unit as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Atom {
    /// What it covers.
    pub shape: Shape,
    /// Its year (the first year for multi-year shapes), or None where not printed.
    pub year: Option<i32>,
    /// First token.
    pub start: usize,
    /// Past the last token.
    pub end: usize,
}

impl Atom {
    /// The first and last day covered, in year `y`.
    pub fn period_in(&self, y: i32) -> Option<(NaiveDate, NaiveDate)> {
        let ymd = NaiveDate::from_ymd_opt;
        let month_end = |y: i32, m: u32| last_of_month(y, m);
        Some(match self.shape {
            Shape::Day { m, d, d2 } => (ymd(y, m, d)?, ymd(y, m, d2)?),
            Shape::Month(m) => (ymd(y, m, 1)?, month_end(y, m)?),
            Shape::Season(3) => (ymd(y, 12, 1)?, month_end(y + 1, 2)?),
            Shape::Season(s) => (ymd(y, 3 + 3 * s, 1)?, month_end(y, 5 + 3 * s)?),
            Shape::Quarter { q, fy: false } => (ymd(y, 3 * q - 2, 1)?, month_end(y, 3 * q)?),
            Shape::Quarter { q, fy: true } => {
                let (yy, m) = if q == 4 { (y + 1, 1) } else { (y, 3 * q + 1) };
                (ymd(yy, m, 1)?, month_end(yy, m + 2)?)
            }
            Shape::Part(p) => (ymd(y, 4 * p + 1, 1)?, month_end(y, 4 * p + 4)?),
            Shape::Half(h) => (ymd(y, 6 * h + 1, 1)?, month_end(y, 6 * h + 6)?),
            Shape::Year => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
            Shape::Years { last } => (ymd(y, 1, 1)?, ymd(last, 12, 31)?),
            Shape::Fiscal { kind, last } => {
                let (m, d) = match kind {
                    Fiscal::Financial => (4, 1),
                    Fiscal::Academic => (8, 1),
                    Fiscal::Municipal => (5, 1),
                    Fiscal::Tax => (4, 6),
                };
                let start = ymd(y, m, d)?;
                let end = ymd(last, m, d)?.pred_opt()?;
                (start, end)
            }
        })
    }

    /// The period, where the year is printed.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.period_in(self.year?)
    }

    /// Whether the atom names a single day (or a short run of days).
    pub fn is_day(&self) -> bool {
        matches!(self.shape, Shape::Day { .. })
    }
}

/// The last day of a month.
pub(crate) fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// The word that leads an expression, and so how its period is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lead {
    /// Nothing, or a word that keeps the whole period ("in", "during", "on").
    None,
    /// "by", "by the end of", "later in", "the end of": the whole period, printed.
    By,
    /// "from": an open range unless an end follows.
    From,
    /// "since": an open range.
    Since,
    /// "until", "till", "up to": open start, to the end of the period.
    Until,
    /// "before", "prior to", "pre-": open start, to the day before the period.
    Before,
    /// "after", "post-", "beyond": from the day after the period, open end.
    After,
    /// "between": a range closed by "and".
    Between,
    /// "during", "through", "throughout", "over", "within": the whole period, which may
    /// already have begun. Not printed.
    During,
}

/// One calendar expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expr {
    /// First token of the printed expression (the lead where it is printed).
    pub start: usize,
    /// Past its last token.
    pub end: usize,
    /// The leading word.
    pub lead: Lead,
    /// The (first) atom.
    pub a: Atom,
    /// The end of a range.
    pub b: Option<Atom>,
    /// An open range: "Autumn 2021 –", "2024 onwards", "from June 2021".
    pub open: bool,
}

const MONTHS: [(&str, u32); 22] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
];

const WEEKDAYS: [&str; 17] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Capitalised words after which a year belongs to a name, not to the calendar.
const NAME_BEFORE: [&str; 24] = [
    "act",
    "acts",
    "regulations",
    "regulation",
    "order",
    "orders",
    "rules",
    "statement",
    "census",
    "measure",
    "directive",
    "bill",
    "conference",
    "awards",
    "award",
    "games",
    "olympics",
    "festival",
    "summit",
    "expo",
    "election",
    "championships",
    "cup",
    "scheme",
];

/// Capitalised words before which a year belongs to a name.
const NAME_AFTER: [&str; 12] = [
    "census",
    "act",
    "regulations",
    "order",
    "olympics",
    "games",
    "conference",
    "awards",
    "election",
    "general",
    "spending",
    "statement",
];

/// Words after which a bare year or month reads as a time.
const TIME_WORDS: [&str; 32] = [
    "in",
    "by",
    "from",
    "since",
    "until",
    "till",
    "to",
    "during",
    "before",
    "after",
    "of",
    "for",
    "through",
    "throughout",
    "end",
    "early",
    "mid",
    "late",
    "within",
    "and",
    "or",
    "than",
    "beyond",
    "around",
    "circa",
    "c",
    "the",
    "its",
    "their",
    "our",
    "on",
    "between",
];

/// Lower-case words that may follow a calendar year ("2017 was", "2030 targets"); any
/// other makes the number a count ("2000 homes").
const YEAR_FOLLOWERS: [&str; 36] = [
    "and",
    "or",
    "to",
    "onwards",
    "onward",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "has",
    "had",
    "have",
    "saw",
    "sees",
    "marks",
    "marked",
    "budget",
    "budgets",
    "plan",
    "plans",
    "strategy",
    "target",
    "targets",
    "levels",
    "figures",
    "programme",
    "period",
    "accounts",
    "outturn",
    "results",
    "data",
    "baseline",
    "prices",
    "deadline",
];

/// Words before a number that make it a reference, not a year.
const REF_WORDS: [&str; 20] = [
    "page",
    "pages",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "section",
    "item",
    "no",
    "number",
    "tel",
    "room",
    "ext",
    "appendix",
    "annex",
    "p",
    "pp",
    "ref",
    "version",
    "option",
];

/// Relative words that make a year-less month or season a relative phrase.
const RELATIVE: [&str; 8] = [
    "next",
    "last",
    "this",
    "coming",
    "previous",
    "following",
    "every",
    "each",
];

struct Grammar<'a> {
    t: &'a [Tok<'a>],
}

impl<'a> Grammar<'a> {
    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.t.get(i)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.tok(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| &*t.lower)
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn punct(&self, i: usize, set: &[char]) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Punct && set.contains(&t.ch))
    }

    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space)
    }

    fn num(&self, i: usize) -> Option<&Tok<'a>> {
        self.tok(i).filter(|t| t.kind == Kind::Num)
    }

    fn is_dash(&self, i: usize) -> bool {
        self.punct(i, &['-', '–', '—', '‑'])
    }

    /// A four-digit year 1900-2099 that stands alone (not part of "1,2020" or "2020.5").
    fn year4(&self, i: usize) -> Option<i32> {
        let t = self.num(i)?;
        if t.digits != 4 || t.ordinal || !(1900..=2099).contains(&t.val) {
            return None;
        }
        if self.number_glued_after(i) {
            return None;
        }
        Some(t.val as i32)
    }

    /// Whether the number at `i` continues into more digits ("2020.5", "2,020", "20%").
    fn number_glued_after(&self, i: usize) -> bool {
        let next_glued = self.glued(i + 1);
        if !next_glued {
            return false;
        }
        if self.punct(i + 1, &['%', '£', '$', '€'])
            || self.tok(i + 1).is_some_and(|t| t.kind != Kind::Punct)
        {
            return true;
        }
        self.punct(i + 1, &['.', ',', ':', '/']) && self.num(i + 2).is_some() && self.glued(i + 2)
    }

    /// Whether the number at `i` is glued to what comes before it ("£2020", "1.2020").
    fn number_glued_before(&self, i: usize) -> bool {
        if i == 0 || !self.glued(i) {
            return false;
        }
        let p = &self.t[i - 1];
        if p.kind != Kind::Punct {
            return true;
        }
        if matches!(
            p.ch,
            '£' | '$' | '€' | '#' | '.' | ',' | ':' | '/' | '@' | '=' | '_' | '&'
        ) {
            return true;
        }
        // "-2" after a number is a range tail, handled by whoever read the number before.
        matches!(p.ch, '-' | '–') && i >= 2 && self.num(i - 2).is_some() && self.glued(i - 1)
    }

    fn month(&self, i: usize) -> Option<(u32, bool)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || !t.cap {
            return None;
        }
        let w = &*t.lower;
        // "May" is short enough to take a two-digit year ("May 24"), as the abbreviations do.
        let short = w.len() <= 4 && w != "june" && w != "july";
        if w == "dec" || w == "december" {
            return Some((12, short));
        }
        MONTHS
            .iter()
            .find(|(name, _)| *name == w)
            .map(|&(_, m)| (m, short))
    }

    fn weekday(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Word && t.cap && WEEKDAYS.contains(&&*t.lower))
    }

    /// After a month abbreviation, an optional full stop.
    fn skip_abbrev_dot(&self, i: usize, abbrev: bool) -> usize {
        let may = i > 0 && self.is_word(i - 1, "may");
        if abbrev && !may && self.punct(i, &['.']) && self.glued(i) && self.num(i + 1).is_some() {
            i + 1
        } else {
            i
        }
    }

    /// "10th May 2016", "1-3 March 2024", "16 June", "1st of April".
    fn day_month(&self, i: usize) -> Option<Atom> {
        let d = self.num(i)?;
        if d.digits > 2 || d.val == 0 || d.val > 31 || self.number_glued_before(i) {
            return None;
        }
        let mut j = i + 1;
        let mut d2 = d.val;
        if (self.is_dash(j) || self.is_word(j, "to"))
            && self.num(j + 1).is_some_and(|t| t.digits <= 2)
        {
            let e = self.num(j + 1)?;
            if e.val > d.val && e.val <= 31 && self.month(j + 2).is_some() {
                d2 = e.val;
                j += 2;
            }
        }
        if self.is_word(j, "of") {
            j += 1;
        }
        let (m, abbrev) = self.month(j)?;
        j = self.skip_abbrev_dot(j + 1, abbrev);
        let mut year = None;
        let mut k = j;
        if self.punct(k, &[',']) {
            k += 1;
        }
        if let Some(y) = self.year4(k) {
            year = Some(y);
            j = k + 1;
        }
        let check_year = year.unwrap_or(2000);
        NaiveDate::from_ymd_opt(check_year, m, d2)?;
        Some(Atom {
            shape: Shape::Day { m, d: d.val, d2 },
            year,
            start: i,
            end: j,
        })
    }

    /// "March 2024", "Dec 23", "June 16, 2020", "January" (year-less).
    fn month_led(&self, i: usize) -> Option<Atom> {
        let (m, abbrev) = self.month(i)?;
        let j = self.skip_abbrev_dot(i + 1, abbrev);
        let atom = |shape, year, end| {
            Some(Atom {
                shape,
                year,
                start: i,
                end,
            })
        };
        // "June 16, 2020", "June 16th 2020", "June 16th".
        if let Some(d) = self
            .num(j)
            .filter(|t| t.digits <= 2 && t.val >= 1 && t.val <= 31)
        {
            let mut k = j + 1;
            if self.punct(k, &[',']) {
                k += 1;
            }
            if let Some(y) = self.year4(k) {
                NaiveDate::from_ymd_opt(y, m, d.val)?;
                return atom(
                    Shape::Day {
                        m,
                        d: d.val,
                        d2: d.val,
                    },
                    Some(y),
                    k + 1,
                );
            }
            if d.ordinal {
                NaiveDate::from_ymd_opt(2000, m, d.val)?;
                return atom(
                    Shape::Day {
                        m,
                        d: d.val,
                        d2: d.val,
                    },
                    None,
                    j + 1,
                );
            }
        }
        let mut k = j;
        if self.punct(k, &[',']) {
            k += 1;
        }
        if let Some(y) = self.year4(k) {
            return atom(Shape::Month(m), Some(y), k + 1);
        }
        // "Dec 23", "Apr-24", "May '24": an abbreviation and a two-digit year.
        if abbrev {
            let mut k = j;
            if (self.is_dash(k) || self.punct(k, &['\'', '’'])) && self.glued(k + 1) {
                k += 1;
            }
            if let Some(t) = self.num(k) {
                let decimal =
                    self.punct(k + 1, &['.']) && self.num(k + 2).is_some() && self.glued(k + 2);
                let follows_ok = !(self.number_glued_after(k)
                    || self.punct(k + 1, &[':', '/'])
                    || decimal
                    || self.month(k + 1).is_some());
                if t.digits == 2 && !t.ordinal && follows_ok && !self.punct(k + 1, &['%']) {
                    return atom(Shape::Month(m), Some(2000 + t.val as i32), k + 1);
                }
            }
        }
        atom(Shape::Month(m), None, j)
    }

    /// "Autumn 2021", "winter 2021/22", "the summer".
    fn season(&self, i: usize) -> Option<Atom> {
        let s = match self.word(i)? {
            "spring" => 0,
            "summer" => 1,
            "autumn" => 2,
            "winter" => 3,
            _ => return None,
        };
        let atom = |year, end| {
            Some(Atom {
                shape: Shape::Season(s),
                year,
                start: i,
                end,
            })
        };
        let mut k = i + 1;
        if self.punct(k, &[',']) {
            k += 1;
        }
        if let Some(y) = self.year4(k) {
            return atom(Some(y), k + 1);
        }
        if let Some((y, _, end)) = self.fiscal_numbers(k) {
            return atom(Some(y), end);
        }
        atom(None, i + 1)
    }

    /// "Q3 2022/23", "Q1 2024", "quarter 2 of 2023/24", "the first quarter of 2024".
    fn quarter(&self, i: usize) -> Option<Atom> {
        let t = self.tok(i)?;
        let (q, mut j) = match (t.kind, &*t.lower) {
            (Kind::Glued, "q1") => (1, i + 1),
            (Kind::Glued, "q2") => (2, i + 1),
            (Kind::Glued, "q3") => (3, i + 1),
            (Kind::Glued, "q4") => (4, i + 1),
            (Kind::Word, "quarter") => {
                let n = self
                    .num(i + 1)
                    .filter(|n| (1..=4).contains(&n.val) && n.digits == 1)?;
                (n.val, i + 2)
            }
            (Kind::Word, w) => {
                let q = match w {
                    "first" => 1,
                    "second" => 2,
                    "third" => 3,
                    "fourth" | "final" | "last" => 4,
                    _ => return None,
                };
                if !self.is_word(i + 1, "quarter") {
                    return None;
                }
                (q, i + 2)
            }
            _ => return None,
        };
        if self.is_word(j, "of") || self.punct(j, &[',']) {
            j += 1;
        }
        let mut fy_word = false;
        if self.is_word(j, "fy") {
            fy_word = true;
            j += 1;
        }
        if let Some((y, last, end)) = self.fiscal_numbers(j) {
            if last == y + 1 {
                return Some(Atom {
                    shape: Shape::Quarter { q, fy: true },
                    year: Some(y),
                    start: i,
                    end,
                });
            }
            return None;
        }
        let y = self.year4(j)?;
        Some(Atom {
            shape: Shape::Quarter { q, fy: fy_word },
            year: Some(y),
            start: i,
            end: j + 1,
        })
    }

    /// "early 2017", "mid-2017", "late 2020", "the first half of 2024", "H2 2024".
    fn part(&self, i: usize) -> Option<Atom> {
        let t = self.tok(i)?;
        let (shape, mut j) = match (t.kind, &*t.lower) {
            (Kind::Word, "early") => (Shape::Part(0), i + 1),
            (Kind::Word, "mid" | "middle") => (Shape::Part(1), i + 1),
            (Kind::Word, "late") => (Shape::Part(2), i + 1),
            (Kind::Glued, "h1") => (Shape::Half(0), i + 1),
            (Kind::Glued, "h2") => (Shape::Half(1), i + 1),
            (Kind::Word, "first" | "second") if self.is_word(i + 1, "half") => {
                let h = u32::from(t.lower == "second");
                (Shape::Half(h), i + 2)
            }
            _ => return None,
        };
        if (self.is_dash(j) && self.glued(j)) || self.is_word(j, "of") {
            j += 1;
        }
        if let Some(y) = self.year4(j) {
            return Some(Atom {
                shape,
                year: Some(y),
                start: i,
                end: j + 1,
            });
        }
        // "early March 2024", "mid-June": the month, with its qualifier printed.
        if matches!(shape, Shape::Part(_)) {
            let mut m = self.month_led(j)?;
            if let Shape::Day { .. } = m.shape {
                return None;
            }
            m.start = i;
            return Some(m);
        }
        None
    }

    /// The numbers of a financial year at `i`: "2021/22", "2021/2022", "2019-20",
    /// "2023-25", "2020/2025". Returns the first year, the year it ends in and the end.
    fn fiscal_numbers(&self, i: usize) -> Option<(i32, i32, usize)> {
        let y = self.year4(i).or_else(|| {
            // year4 refuses "2021/22" as glued; read it directly.
            let t = self.num(i)?;
            (t.digits == 4 && (1900..=2099).contains(&t.val)).then_some(t.val as i32)
        })?;
        if self.number_glued_before(i) {
            return None;
        }
        let sep = self.tok(i + 1)?;
        if sep.space || !matches!(sep.ch, '/' | '-' | '–') {
            return None;
        }
        let e = self.num(i + 2).filter(|_| self.glued(i + 2))?;
        if self.number_glued_after(i + 2)
            || (self.punct(i + 3, &['/', '-', '–'])
                && self.num(i + 4).is_some()
                && self.glued(i + 3)
                && self.glued(i + 4))
        {
            return None;
        }
        let last = match e.digits {
            2 => {
                let century = y - y.rem_euclid(100);
                let mut l = century + e.val as i32;
                if l <= y {
                    l += 100;
                }
                l
            }
            4 => e.val as i32,
            _ => return None,
        };
        if last <= y || last - y > 30 {
            return None;
        }
        // Four-digit hyphenated ranges are calendar years: the caller decides.
        Some((y, last, i + 3))
    }

    /// A year, a year range or a financial year, with any fiscal label around it.
    fn year_led(&self, i: usize) -> Option<Atom> {
        let (mut kind, mut j) = (None, i);
        // Prefixes: "FY 2024-25", "financial year 2021/22", "academic year 2019/20", "FY24/25".
        if let Some(t) = self.tok(i) {
            match &*t.lower {
                "fy" if t.kind == Kind::Word => {
                    kind = Some(Fiscal::Financial);
                    j = i + 1;
                }
                "financial" | "academic" | "municipal" | "tax" | "school" | "council"
                    if t.kind == Kind::Word && self.is_word(i + 1, "year") =>
                {
                    kind = Some(fiscal_kind(&t.lower));
                    j = i + 2;
                }
                "ay" if t.kind == Kind::Word && t.cap => {
                    kind = Some(Fiscal::Academic);
                    j = i + 1;
                }
                s if t.kind == Kind::Glued && s.starts_with("fy") => return self.fy_glued(i, s),
                _ => {}
            }
        }
        if kind.is_some() && self.punct(j, &[':']) {
            j += 1;
        }
        if let Some((y, last, end)) = self.fiscal_numbers(j) {
            let hyphen4 =
                self.num(j + 2).is_some_and(|t| t.digits == 4) && !self.punct(j + 1, &['/']);
            let (shape, end) = match (kind, self.fiscal_suffix(end)) {
                (Some(k), _) => (Shape::Fiscal { kind: k, last }, end),
                (None, Some((k, e))) => (Shape::Fiscal { kind: k, last }, e),
                (None, None) if hyphen4 => (Shape::Years { last }, end),
                (None, None) => (
                    Shape::Fiscal {
                        kind: Fiscal::Financial,
                        last,
                    },
                    end,
                ),
            };
            return Some(Atom {
                shape,
                year: Some(y),
                start: i,
                end,
            });
        }
        let y = self.year4(j)?;
        if self.number_glued_before(j) {
            return None;
        }
        if let Some(k) = kind {
            // "financial year 2024": the year that starts then.
            return Some(Atom {
                shape: Shape::Fiscal {
                    kind: k,
                    last: y + 1,
                },
                year: Some(y),
                start: i,
                end: j + 1,
            });
        }
        Some(Atom {
            shape: Shape::Year,
            year: Some(y),
            start: i,
            end: j + 1,
        })
    }

    /// "FY24/25", "FY2024-25", "FY24".
    fn fy_glued(&self, i: usize, s: &str) -> Option<Atom> {
        let digits = &s[2..];
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: i32 = digits.parse().ok()?;
        let y = match digits.len() {
            2 => 2000 + v,
            4 if (1900..=2099).contains(&v) => v,
            _ => return None,
        };
        let mut end = i + 1;
        let mut last = y + 1;
        if self.punct(i + 1, &['/', '-']) && self.glued(i + 1) && self.glued(i + 2) {
            if let Some(t) = self.num(i + 2) {
                let l = match t.digits {
                    2 => y - y.rem_euclid(100) + t.val as i32,
                    4 => t.val as i32,
                    _ => return None,
                };
                if l <= y || l - y > 30 {
                    return None;
                }
                last = l;
                end = i + 3;
            }
        } else if digits.len() == 2 {
            // "FY24" names the year that ends in 2024.
            return Some(Atom {
                shape: Shape::Fiscal {
                    kind: Fiscal::Financial,
                    last: y,
                },
                year: Some(y - 1),
                start: i,
                end,
            });
        }
        Some(Atom {
            shape: Shape::Fiscal {
                kind: Fiscal::Financial,
                last,
            },
            year: Some(y),
            start: i,
            end,
        })
    }

    /// "academic year", "AY", "municipal year", "financial year" after a year.
    fn fiscal_suffix(&self, i: usize) -> Option<(Fiscal, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        match &*t.lower {
            "ay" if t.cap => Some((Fiscal::Academic, i + 1)),
            "fy" => Some((Fiscal::Financial, i + 1)),
            w @ ("financial" | "academic" | "municipal" | "tax" | "school" | "council")
                if self.is_word(i + 1, "year") =>
            {
                Some((fiscal_kind(w), i + 2))
            }
            _ => None,
        }
    }

    /// Numeric dates: "18/05/2021", "12.02.2020", "2024-03-31", "27/7", "18/05/21".
    fn numeric_date(&self, i: usize) -> Option<Atom> {
        let a = self.num(i)?;
        let sep = self
            .tok(i + 1)
            .filter(|t| !t.space && matches!(t.ch, '/' | '.' | '-'))?;
        let b = self.num(i + 2).filter(|_| self.glued(i + 2))?;
        let third = self.punct(i + 3, &[sep.ch]) && self.glued(i + 3) && self.glued(i + 4);
        if third {
            let c = self.num(i + 4)?;
            if self.number_glued_after(i + 4)
                || (self.punct(i + 5, &['/', '.', '-'])
                    && self.glued(i + 5)
                    && self.num(i + 6).is_some_and(|_| self.glued(i + 6)))
            {
                return None;
            }
            let (y, m, d) = if a.digits == 4 && sep.ch == '-' {
                (a.val as i32, b.val, c.val)
            } else if a.digits <= 2 && b.digits <= 2 {
                let y = match c.digits {
                    4 => c.val as i32,
                    2 if sep.ch != '-' => 2000 + c.val as i32,
                    _ => return None,
                };
                (y, b.val, a.val)
            } else {
                return None;
            };
            if !(1900..=2099).contains(&y) {
                return None;
            }
            NaiveDate::from_ymd_opt(y, m, d)?;
            return Some(Atom {
                shape: Shape::Day { m, d, d2: d },
                year: Some(y),
                start: i,
                end: i + 5,
            });
        }
        // "27/7": a day and month only, in brackets or after "on".
        if sep.ch != '/' || a.digits > 2 || b.digits > 2 || self.number_glued_after(i + 2) {
            return None;
        }
        let bracketed = i > 0 && self.punct(i - 1, &['(']) && self.punct(i + 3, &[')']);
        let after_on = i > 0 && matches!(self.word(i - 1), Some("on" | "dated" | "until" | "from"));
        if !(bracketed || after_on) {
            return None;
        }
        NaiveDate::from_ymd_opt(2000, b.val, a.val)?;
        Some(Atom {
            shape: Shape::Day {
                m: b.val,
                d: a.val,
                d2: a.val,
            },
            year: None,
            start: i,
            end: i + 3,
        })
    }

    /// Any atom at `i`.
    fn atom(&self, i: usize) -> Option<Atom> {
        let mut j = i;
        if self.weekday(j) {
            j += 1;
            if self.punct(j, &[',']) {
                j += 1;
            }
            let mut a = self
                .day_month(j)
                .or_else(|| self.numeric_date(j))
                .or_else(|| self.month_led(j).filter(|a| a.is_day()))?;
            a.start = i;
            return Some(a);
        }
        let t = self.tok(i)?;
        match t.kind {
            Kind::Num => self
                .numeric_date(i)
                .or_else(|| self.day_month(i))
                .or_else(|| self.year_led(i)),
            Kind::Word => self
                .month_led(i)
                .or_else(|| self.season(i))
                .or_else(|| self.part(i))
                .or_else(|| self.quarter(i))
                .or_else(|| self.year_led(i)),
            Kind::Glued => self
                .quarter(i)
                .or_else(|| self.part(i))
                .or_else(|| self.year_led(i)),
            Kind::Punct => None,
        }
    }

    /// The end of a run of numbers joined without spaces by "/", ".", "-" or ",", where
    /// it is too long to be a date ("2020/2021/2022", "1.2.3.4"), so the whole run can be
    /// skipped.
    fn long_chain(&self, i: usize) -> Option<usize> {
        self.num(i)?;
        let mut j = i;
        let mut parts = 1;
        while self.punct(j + 1, &['/', '.', '-', ',', '–'])
            && self.glued(j + 1)
            && self.num(j + 2).is_some()
            && self.glued(j + 2)
        {
            j += 2;
            parts += 1;
        }
        (parts >= 4).then_some(j + 1)
    }

    /// The lowercase words right before token `i`, nearest first, not reaching `floor`
    /// and stopping at punctuation.
    fn words_before(&self, i: usize, floor: usize, n: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut k = i;
        while k > floor && out.len() < n {
            k -= 1;
            match self.t[k].kind {
                Kind::Word => out.push(&*self.t[k].lower),
                _ => break,
            }
        }
        out
    }

    /// The lead before the atom at `i`: its kind and first token.
    fn lead(&self, i: usize, floor: usize) -> (Lead, usize) {
        // "post-2015", "pre-2020", "mid-2017" are read by their own rules.
        if i >= floor + 2 && self.is_dash(i - 1) && self.glued(i - 1) && self.glued(i) {
            match self.word(i - 2) {
                Some("post") => return (Lead::After, i - 2),
                Some("pre") => return (Lead::Before, i - 2),
                _ => {}
            }
        }
        let w = self.words_before(i, floor, 5);
        let at = |n: usize| w.get(n).copied();
        let back = |n: usize| i - n;
        match (at(0), at(1), at(2), at(3)) {
            (
                Some("of"),
                Some("end" | "start" | "beginning" | "middle" | "close"),
                Some("the"),
                Some("by" | "until" | "before"),
            ) => {
                let lead = match at(3) {
                    Some("until") => Lead::Until,
                    Some("before") => Lead::Before,
                    _ => Lead::By,
                };
                (lead, back(4))
            }
            (
                Some("of"),
                Some("end" | "start" | "beginning" | "middle" | "close"),
                Some("the" | "by"),
                _,
            ) => (Lead::By, back(3)),
            (Some("of"), Some("end" | "start" | "beginning"), _, _) => (Lead::By, back(2)),
            (Some("in"), Some("later" | "earlier"), _, _) => (Lead::By, back(2)),
            (Some("to" | "until"), Some("up"), Some(r), _) if r != "run" => (Lead::Until, back(2)),
            (Some("to" | "until"), Some("up"), None, _) => (Lead::Until, back(2)),
            (Some("to"), Some("prior"), _, _) => (Lead::Before, back(2)),
            (Some("than"), Some("later"), Some("no"), _) => (Lead::By, back(3)),
            (Some("from"), _, _, _) => (Lead::From, back(1)),
            (Some("since"), _, _, _) => (Lead::Since, back(1)),
            (Some("until" | "till" | "untill"), _, _, _) => (Lead::Until, back(1)),
            (Some("before"), _, _, _) => (Lead::Before, back(1)),
            (Some("after" | "beyond"), _, _, _) => (Lead::After, back(1)),
            (Some("by"), _, _, _) => (Lead::By, back(1)),
            (Some("between"), _, _, _) => (Lead::Between, back(1)),
            (Some("during" | "through" | "throughout" | "over" | "within"), _, _, _) => {
                (Lead::During, i)
            }
            _ => (Lead::None, i),
        }
    }

    /// Whether a year-less month or season at `a` reads as a time here.
    fn bare_ok(&self, a: &Atom, floor: usize) -> bool {
        let prev = self.words_before(a.start, floor, 1);
        let prev = prev.first().copied();
        if prev.is_some_and(|p| RELATIVE.contains(&p)) {
            return false;
        }
        let after_cap_word = self
            .tok(a.end)
            .is_some_and(|t| t.kind == Kind::Word && t.cap && self.month(a.end).is_none());
        match a.shape {
            Shape::Season(_) => {
                let t = &self.t[a.start];
                if after_cap_word {
                    return false;
                }
                t.cap || prev == Some("the")
            }
            Shape::Month(_) if matches!(self.word(a.start), Some("early" | "mid" | "late")) => true,
            Shape::Month(m) => {
                let prev_tok = a.start.checked_sub(1).and_then(|k| self.tok(k));
                if prev_tok.is_some_and(|t| t.kind == Kind::Word && t.cap && prev != Some("the")) {
                    return false;
                }
                if m == 5 && prev.is_none() {
                    return false;
                }
                prev.is_some_and(|p| TIME_WORDS.contains(&p))
            }
            _ => true,
        }
    }

    /// Whether a printed year at `a` is a calendar year here rather than a count, a
    /// reference number or part of a name.
    fn year_ok(&self, a: &Atom, lead: Lead, floor: usize) -> bool {
        let prev_tok = a.start.checked_sub(1).and_then(|k| self.tok(k));
        let name_before = prev_tok
            .is_some_and(|t| t.kind == Kind::Word && t.cap && NAME_BEFORE.contains(&&*t.lower));
        if name_before
            || prev_tok.is_some_and(|t| {
                t.kind == Kind::Punct && t.ch == ')' && self.paren_name_before(a.start)
            })
        {
            return false;
        }
        if !matches!(a.shape, Shape::Year) {
            return true;
        }
        let next = self.tok(a.end);
        if next.is_some_and(|t| t.kind == Kind::Word && t.cap && NAME_AFTER.contains(&&*t.lower)) {
            return false;
        }
        if lead != Lead::None {
            return true;
        }
        let prev = self.words_before(a.start, floor, 1);
        let prev = prev.first().copied();
        if prev.is_some_and(|p| REF_WORDS.contains(&p)) {
            return false;
        }
        if prev.is_some_and(|p| TIME_WORDS.contains(&p) && p != "the") {
            return true;
        }
        // Otherwise a year must not be followed by a lower-case word ("2000 homes").
        !next
            .is_some_and(|t| t.kind == Kind::Word && !t.cap && !YEAR_FOLLOWERS.contains(&&*t.lower))
    }

    /// "Regulations (Amendment) 2020": a bracket closing after a name word.
    fn paren_name_before(&self, i: usize) -> bool {
        let mut k = i;
        let mut steps = 0;
        while k > 0 && steps < 12 {
            k -= 1;
            steps += 1;
            if self.punct(k, &['(']) {
                return k > 0
                    && self.tok(k - 1).is_some_and(|t| {
                        t.kind == Kind::Word && t.cap && NAME_BEFORE.contains(&&*t.lower)
                    });
            }
        }
        false
    }

    /// The end of a range after atom `a` (token `k` is the connective), or None.
    fn range_end(&self, a: &Atom, lead: Lead) -> Option<(Atom, usize)> {
        let k = a.end;
        let connective = self.is_dash(k)
            || matches!(
                self.word(k),
                Some("to" | "until" | "till" | "through" | "thru")
            )
            || (lead == Lead::Between && self.is_word(k, "and"))
            || (self.punct(k, &['/'])
                && self.glued(k)
                && matches!(a.shape, Shape::Month(_))
                && a.year.is_none());
        if !connective {
            return None;
        }
        let b = self.atom(k + 1)?;
        Some((b, b.end))
    }
}

fn is_yearish(s: &Shape) -> bool {
    matches!(s, Shape::Year | Shape::Years { .. } | Shape::Fiscal { .. })
}

fn fiscal_kind(w: &str) -> Fiscal {
    match w {
        "academic" | "school" => Fiscal::Academic,
        "municipal" | "council" => Fiscal::Municipal,
        "tax" => Fiscal::Tax,
        _ => Fiscal::Financial,
    }
}

/// Whether atom `b` can close a range opened by `a` (after year inheritance).
fn compatible(a: &Atom, b: &Atom) -> bool {
    let day_like = |s: &Shape| matches!(s, Shape::Day { .. });
    if is_yearish(&a.shape) != is_yearish(&b.shape) && a.year.is_none() {
        return false;
    }
    if day_like(&a.shape) && !day_like(&b.shape) && b.year.is_none() {
        return false;
    }
    match (a.year, b.year) {
        (Some(ay), Some(by)) => by >= ay && by - ay <= 50,
        _ => true,
    }
}

/// Gives a year-less range start the year of its end: "April-September 2014",
/// "November-February 2015" (November 2014).
fn inherit_year(a: &mut Atom, b: &Atom) {
    if a.year.is_some() {
        return;
    }
    let Some(by) = b.year else { return };
    let key = |s: &Shape| match *s {
        Shape::Day { m, d, .. } => Some((m, d)),
        Shape::Month(m) => Some((m, 1)),
        Shape::Season(s) => Some((3 + 3 * s, 1)),
        _ => None,
    };
    let (Some(ka), Some(kb)) = (key(&a.shape), key(&b.shape)) else {
        return;
    };
    a.year = Some(if ka <= kb { by } else { by - 1 });
}

/// Every calendar expression in the token stream, in order.
pub(crate) fn parse(toks: &[Tok<'_>]) -> Vec<Expr> {
    let g = Grammar { t: toks };
    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < toks.len() {
        if let Some(end) = g.long_chain(i) {
            i = end;
            floor = end;
            continue;
        }
        let Some(a) = g.atom(i) else {
            i += 1;
            continue;
        };
        let (mut lead, mut lead_start) = g.lead(a.start, floor);
        // "by 2030 and 2050": a coordinated expression shares the lead of the one before.
        if let Some(prev) = out.last().filter(|p: &&Expr| p.end + 1 == a.start) {
            let joined =
                matches!(g.word(prev.end), Some("and" | "or")) || g.punct(prev.end, &[',']);
            if joined
                && lead == Lead::None
                && matches!(
                    prev.lead,
                    Lead::By | Lead::Until | Lead::Before | Lead::After
                )
            {
                lead = prev.lead;
                lead_start = a.start;
            }
        }
        let mut expr = Expr {
            start: lead_start,
            end: a.end,
            lead,
            a,
            b: None,
            open: false,
        };
        if let Some((b, end)) = g.range_end(&a, lead) {
            let (mut a2, mut b2) = (a, b);
            inherit_year(&mut a2, &b2);
            if b2.year.is_none() && a2.year.is_some() && !is_yearish(&b2.shape) {
                b2.year = a2.year;
                if let (Some((s, _)), Some((_, e))) = (a2.period(), b2.period())
                    && e < s
                {
                    b2.year = a2.year.map(|y| y + 1);
                }
            }
            if compatible(&a2, &b2) {
                expr.a = a2;
                expr.b = Some(b2);
                expr.end = end;
            }
        }
        if expr.b.is_none() {
            let k = a.end;
            if g.is_dash(k) {
                let tail = g.word(k + 1);
                if k + 1 >= toks.len() {
                    expr.open = true;
                    expr.end = k + 1;
                } else if matches!(tail, Some("ongoing" | "present" | "onwards" | "onward")) {
                    expr.open = true;
                    expr.end = k + 2;
                }
            } else if matches!(g.word(k), Some("onwards" | "onward")) {
                expr.open = true;
                expr.end = k + 1;
            }
            let bare = a.year.is_none() && matches!(a.shape, Shape::Month(_) | Shape::Season(_));
            if bare && !g.bare_ok(&a, floor) {
                i = a.start + 1;
                continue;
            }
            if a.year.is_none() && !bare {
                // "next 16 June", "last 1st April" are relative too.
                let prev = g.words_before(a.start, floor, 1);
                if prev.first().is_some_and(|p| RELATIVE.contains(p)) {
                    i = a.end;
                    continue;
                }
            }
        }
        if !g.year_ok(&expr.a, lead, floor) {
            i = a.end.max(i + 1);
            continue;
        }
        if matches!(lead, Lead::Until | Lead::Before | Lead::After | Lead::Since)
            && expr.b.is_some()
        {
            // "until April-June 2024" is read as the range itself.
            expr.lead = Lead::None;
            expr.start = a.start;
        }
        floor = expr.end;
        i = expr.end;
        out.push(expr);
    }
    out
}
