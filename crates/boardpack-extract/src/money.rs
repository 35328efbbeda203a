//! Money: every sum in pounds (or pence) that a paper prints, with the rate it gives.
//!
//! Reads "£1.4 billion", "£9m", "£45k", "£2bn", "£4,375", "£0.5 million", ranges ("£2-3
//! million", "£10,000 to £15,000": one sum for each end) and pence ("50p", "20 pence").
//! A rate written after the sum ("a year", "pa", "p.a.", "per annum", "an hour", "a
//! month", "/week") becomes `per`. Not for percentages, counts or years: only a figure
//! tied to "£", "p", "pence" or "pounds" is money, and "£" alone is nothing.
//!
//! One regular expression (the `regex` crate, linear time) finds the candidates; the
//! amounts are computed in integers so "£1.18m" is exactly 1180000. Figures too long to be
//! money (more than 15 digits) are dropped rather than overflowing.

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::sync::LazyLock;

use boardpack_model::Money;
use regex::Captures;

use crate::Unit;
use crate::gate::Gated;

/// One sum found in a piece of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sum {
    /// Byte range of the printed sum (the whole range for a range).
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// The amount in pounds.
    pub amount: f64,
    /// "year", "month", "week", "day" or "hour", where the text gives a rate.
    pub per: Option<&'static str>,
}

/// A number: digits with thousands commas, or plain digits, and an optional fraction.
const NUM: &str = r"\d{1,3}(?:,\d{3})+|\d+";
/// A multiplier word after a number.
const MULT: &str = r"(?:trillion|billion|bn|million|mn|m|thousand|k)\b";

static POUNDS: LazyLock<Gated> = LazyLock::new(|| {
    let pattern = format!(
        r"(?xi)
        (?P<between>\bbetween\s+)?
        £\s?(?P<a>{NUM})(?:\.(?P<af>\d+))?(?:\s?(?P<am>{MULT}))?
        (?:
            \s?(?P<conn>-|–|—|to|and)\s?(?P<bp>£)?\s?
            (?P<b>{NUM})(?:\.(?P<bf>\d+))?(?:\s?(?P<bm>{MULT}))?
        )?
        (?:\s?(?P<bw>pounds|sterling)\b)?
        (?:\s?,?\s?(?P<rate>{RATE}))?"
    );
    Gated::new(&pattern, "money pattern")
});

/// Sums written with words or pence: "500 pounds", "50p", "20 pence".
static OTHER: LazyLock<Gated> = LazyLock::new(|| {
    let pattern = format!(
        r"(?xi)
        \b(?P<a>{NUM})(?:\.(?P<af>\d+))?
        (?:
            \s?(?P<am>{MULT})?\s?(?P<pounds>pounds)\b
            | (?P<p>p)\b
            | \s?(?P<pence>pence)\b
        )
        (?:\s?,?\s?(?P<rate>{RATE}))?"
    );
    Gated::new(&pattern, "pence pattern")
});

/// A rate after a sum. Word-final forms end at a word boundary; "p.a." ends with its dot.
const RATE: &str = r"(?:
    (?:a|per|each|every)\s+(?:year|annum|month|calendar\s+month|week|day|hour)\b
    | an\s+hour\b
    | pa\b | p\.\s?a\.? | pcm\b | pw\b | p\.w\. | ph\b
    | annually\b | yearly\b | monthly\b | weekly\b | daily\b | hourly\b
    | /\s?(?:year|yr|annum|month|week|day|hour|hr)\b
)";

/// Every sum of money in the paper, one per distinct amount and rate, in reading order.
pub fn money(units: &[Unit<'_>]) -> Vec<Money> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for unit in units {
        if !unit.text.contains('£') && !unit.text.contains('p') && !unit.text.contains('P') {
            continue;
        }
        for sum in find(unit.text) {
            if !seen.insert((sum.amount.to_bits(), sum.per)) {
                continue;
            }
            out.push(Money {
                text: unit.text[sum.start..sum.end].trim().to_string(),
                amount: sum.amount,
                per: sum.per.map(str::to_string),
                source: unit.source(sum.start, sum.end),
            });
        }
    }
    out
}

/// Every sum in `text`, in order; a range gives one sum per end, both with the range's
/// span.
pub(crate) fn find(text: &str) -> Vec<Sum> {
    let mut out = Vec::new();
    if text.contains('£') && POUNDS.may_match(text) {
        let mut at = 0;
        while let Some(c) = POUNDS.full.captures_at(text, at) {
            // A figure whose range did not hold ends early, so the next search starts
            // there ("£5m and £6m" is two sums, not a range).
            at = pounds(&c, text, &mut out).max(at + 1);
            while !text.is_char_boundary(at) {
                at += 1;
            }
        }
    }
    if OTHER.may_match(text) {
        for c in OTHER.full.captures_iter(text) {
            other(&c, text, &mut out);
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

/// Reads one "£" match: a sum, or a range of two. Returns where the sums read end.
fn pounds(c: &Captures<'_>, text: &str, out: &mut Vec<Sum>) -> usize {
    let whole = c.get(0).expect("match");
    let start = whole.start() + whole.as_str().find('£').unwrap_or(0);
    let am = c.name("am").map(|m| m.as_str());
    let bm = c.name("bm").map(|m| m.as_str());
    let priced = c.name("bp").is_some();
    // The second figure of a range, where it is one.
    let second = c.name("b").filter(|b| {
        let conn = c.name("conn").map_or("", |m| m.as_str()).to_lowercase();
        let after = &text[b.end()..];
        // "£5m – 2023/24", "£500 to 2019-20": a year, not a sum.
        let yearish = !priced && (after.starts_with('/') || after.starts_with(['-', '–']));
        match conn.as_str() {
            "and" => c.name("between").is_some() && priced,
            _ => !yearish && (priced || bm.is_some() || am.is_none()),
        }
    });
    let (end, per) = match (second, c.name("b")) {
        // A figure followed by something that is not its range: the sum is the figure.
        (None, Some(_)) => (own_end(c), None),
        _ => (whole.end(), c.name("rate").map(|r| rate(r.as_str()))),
    };
    // "£2-3 million": the first figure takes the second's multiplier.
    let a_mult = match am {
        Some(m) => Some(m),
        None if second.is_some() && !priced => bm,
        None => None,
    };
    // Two printed sums ("£10,000 to £15,000") keep their own spans; a shared "£" or
    // multiplier ("£2-3 million") makes the range one printed sum.
    let (a_end, b_start) = match (second, c.name("bp")) {
        (Some(_), Some(bp)) => (own_end(c), bp.start()),
        _ => (end, start),
    };
    let figures = [
        Some((c.name("a"), c.name("af"), a_mult, start, a_end)),
        second.map(|b| (Some(b), c.name("bf"), bm, b_start, end)),
    ];
    for (digits, frac, mult, from, to) in figures.into_iter().flatten() {
        let digits = digits.map_or("", |m| m.as_str());
        if let Some(v) = amount(digits, frac.map(|m| m.as_str()), mult) {
            out.push(Sum {
                start: from,
                end: to,
                amount: v,
                per,
            });
        }
    }
    end
}

/// Where the first figure of a "£" match ends, with its fraction and multiplier.
fn own_end(c: &Captures<'_>) -> usize {
    [c.name("am"), c.name("af"), c.name("a")]
        .into_iter()
        .flatten()
        .map(|m| m.end())
        .max()
        .unwrap_or(0)
}

/// Reads one "pounds" or pence match.
fn other(c: &Captures<'_>, text: &str, out: &mut Vec<Sum>) {
    let whole = c.get(0).expect("match");
    let before = text[..whole.start()].chars().next_back();
    // "£5 pounds" is read by the "£" pattern; "v1.5p" or "2,5p" is not a sum.
    if matches!(before, Some('£' | '.' | ',' | '/' | '-')) {
        return;
    }
    let after = &text[whole.end()..];
    // "4p.m." is a time, "10p-12" a range of pages.
    if c.name("p").is_some()
        && (after.starts_with(".m") || after.starts_with(".M") || after.starts_with('-'))
    {
        return;
    }
    let digits = c.name("a").map_or("", |m| m.as_str());
    let frac = c.name("af").map(|m| m.as_str());
    let value = if c.name("pounds").is_some() {
        amount(digits, frac, c.name("am").map(|m| m.as_str()))
    } else {
        // Pence: a hundredth of a pound.
        amount(digits, frac, None).map(|v| v / 100.0)
    };
    if let Some(v) = value {
        out.push(Sum {
            start: whole.start(),
            end: whole.end(),
            amount: v,
            per: c.name("rate").map(|r| rate(r.as_str())),
        });
    }
}

/// The amount in pounds of "1,234" + ".5" × multiplier, computed in integers; None where
/// the figure is too long to be a sum of money.
fn amount(digits: &str, frac: Option<&str>, mult: Option<&str>) -> Option<f64> {
    let frac = frac.unwrap_or("");
    if digits.len() + frac.len() > 20 {
        return None;
    }
    let mut mantissa: u128 = 0;
    let mut count = 0;
    for ch in digits.chars().chain(frac.chars()) {
        if let Some(d) = ch.to_digit(10) {
            mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(d))?;
            count += 1;
        }
    }
    if count > 18 {
        return None;
    }
    let scale: u128 = match mult.map(str::to_lowercase).as_deref() {
        Some("trillion") => 1_000_000_000_000,
        Some("billion" | "bn") => 1_000_000_000,
        Some("million" | "mn" | "m") => 1_000_000,
        Some("thousand" | "k") => 1_000,
        _ => 1,
    };
    let whole = mantissa.checked_mul(scale)?;
    let denom = 10u128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    if whole % denom == 0 {
        Some((whole / denom) as f64)
    } else {
        Some(whole as f64 / denom as f64)
    }
}

/// The unit of a printed rate.
fn rate(s: &str) -> &'static str {
    let s = s.to_lowercase();
    if s.contains("hour") || s.contains("hr") || s == "ph" {
        "hour"
    } else if s.contains("day") || s.contains("daily") {
        "day"
    } else if s.contains("week") || s == "pw" || s == "p.w." {
        "week"
    } else if s.contains("month") || s == "pcm" {
        "month"
    } else {
        "year"
    }
}
