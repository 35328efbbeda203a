//! Small judgements about a line of text: is it title-like, prose, a date, a name?

use std::sync::LazyLock;

use regex::Regex;

/// Words that a heading or title does not end with.
const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "for", "and", "of", "the", "to", "in", "with", "a", "an", "on", "by", "or", "at", "from",
    "that", "as", "is", "are", "be", "&",
];

/// The number of words.
pub(crate) fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether a line ends a sentence.
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ' ']);
    t.ends_with(['.', '!', '?', ';'])
}

/// A short line that could be a title or a heading: not a sentence, not a list intro.
pub(crate) fn title_like(s: &str, max_words: usize) -> bool {
    let t = s.trim();
    let n = words(t);
    if n == 0 || n > max_words || t.len() > 150 {
        return false;
    }
    if t.ends_with([':', ',', ';']) || ends_sentence(t) {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !(first.is_uppercase()
        || first.is_ascii_digit()
        || first == '‘'
        || first == '\''
        || first == '"')
    {
        return false;
    }
    let last = t.split_whitespace().last().unwrap_or("").to_lowercase();
    if TRAILING_FUNCTION_WORDS.contains(&last.as_str()) {
        return false;
    }
    // Mostly letters: "0161 778 0132" or "£9m" is not a heading.
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters * 2 > t.chars().filter(|c| !c.is_whitespace()).count()
}

/// Running prose: a line that ends a sentence, or a long line of ordinary words (a list
/// of names or a job title is mostly capitalised words).
pub(crate) fn is_prose(s: &str) -> bool {
    let n = words(s);
    if n >= 4 && ends_sentence(s) {
        return true;
    }
    let lower = s
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    n >= 15 && lower * 4 >= n
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?
          (?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}
           |(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}
           |\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})
          (?:,?\s+(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)?\.?$",
    )
    .expect("valid regex")
});

/// A line that is only a date ("Wednesday, 20 June 2007", "11/07/2017").
pub(crate) fn is_date_line(s: &str) -> bool {
    DATE_LINE.is_match(s.trim())
}

static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:at\s+|commencing\s+(?:at\s+)?)?\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)\.?\s*$")
        .expect("valid regex")
});

/// Drops a trailing clock time: "... 12th February 2020 at 6.08 pm." → "... 12th February 2020".
pub(crate) fn strip_clock_time(s: &str) -> String {
    CLOCK_TIME
        .replace(s, "")
        .trim_end_matches(['.', ' '])
        .to_string()
}

static PERSON_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Professor|Prof|Rev|The Rt Hon|Rt Hon)\.?\s+)?[A-Z][A-Za-z'’\-]+\.?(?:\s+(?:[A-Z]\.?|[A-Z][A-Za-z'’\-]+|de|van|von|da|del|le|la|St\.?)){1,3}(?:\s+(?:MP|OBE|MBE|CBE|BEM|JP|KC|QC))?$",
    )
    .expect("valid regex")
});

/// A line that looks like a person's name ("Ian Hughes", "LYNN WRIGHT", "Cllr J Smith").
pub(crate) fn looks_like_name(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.len() > 60 {
        return false;
    }
    let titled = title_case_words(t);
    PERSON_NAME.is_match(&titled) && !has_org_word(t)
}

fn title_case_words(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            if w.len() > 3 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
                let mut cs = w.chars();
                let first = cs.next().unwrap_or(' ');
                format!("{first}{}", cs.as_str().to_lowercase())
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a phrase names an organisation or place rather than a person.
pub(crate) fn has_org_word(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(
            w,
            "council"
                | "committee"
                | "board"
                | "cabinet"
                | "team"
                | "service"
                | "services"
                | "department"
                | "directorate"
                | "unit"
                | "office"
                | "authority"
                | "group"
                | "partnership"
                | "scrutiny"
                | "governance"
                | "democratic"
                | "policy"
                | "and"
                | "street"
                | "road"
                | "hall"
                | "house"
                | "centre"
                | "london"
                | "university"
                | "county"
                | "city"
                | "borough"
                | "update"
                | "report"
                | "programme"
        )
    })
}

/// Whether a line names a committee or board and nothing else ("Leaders' Committee").
pub(crate) fn is_body_name(s: &str) -> bool {
    let t = s.trim();
    if words(t) > 6 {
        return false;
    }
    let lower = t.to_lowercase();
    if lower.starts_with("notice") || lower.starts_with("agenda") || lower.starts_with("minutes") {
        return false;
    }
    let last = lower.split_whitespace().last().unwrap_or("");
    matches!(
        last,
        "committee"
            | "board"
            | "council"
            | "cabinet"
            | "executive"
            | "panel"
            | "forum"
            | "authority"
            | "partnership"
            | "commission"
            | "assembly"
    )
}

/// Upper-cased first letter.
pub(crate) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Collapses white space.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgements() {
        assert!(title_like("Health Devolution", 12));
        assert!(title_like(
            "Work and Health Programme (Employment Support)",
            12
        ));
        assert!(!title_like("Members are asked to:", 12));
        assert!(!title_like("Commissioner for Older People for", 12));
        assert!(!title_like("This can be met from the Board’s budget.", 12));
        assert!(is_date_line("Wednesday, 20 June 2007"));
        assert!(is_date_line("11/07/2017"));
        assert!(!is_date_line("Health Devolution"));
        assert_eq!(
            strip_clock_time("held on Wednesday 12th February 2020 at 6.08 pm."),
            "held on Wednesday 12th February 2020"
        );
        assert!(looks_like_name("Ian Hughes"));
        assert!(looks_like_name("LYNN WRIGHT"));
        assert!(looks_like_name("Cllr J Smith"));
        assert!(!looks_like_name("Governance and Scrutiny"));
        assert!(!looks_like_name("Email"));
        assert!(is_body_name("Leaders’ Committee"));
        assert!(!is_body_name("Notice of a Meeting of the Cabinet"));
    }
}
