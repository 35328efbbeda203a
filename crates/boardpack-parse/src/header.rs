//! The paper's header: what kind of paper it is, its title, purpose and confidentiality.

use std::sync::LazyLock;

use boardpack_model::{Kind, Purpose};
use regex::Regex;

use crate::labels::{LabelKind, norm_label};
use crate::lines::Line;
use crate::text::{ends_sentence, is_body_name, is_date_line, strip_clock_time, title_like, words};

/// How many lines from the top count as the header.
const HEADER_LINES: usize = 40;

static MEETING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^minutes\s+of\s+(?:the\s+|a\s+)?(?:.{0,80}?(?-u:\b)(?:meeting|committee|board|cabinet|council|panel|executive|forum|group)(?-u:\b)).{0,200}?(?-u:\b)held(?-u:\b)")
        .expect("valid regex")
});

static MEETING_TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[A-Z][\w&’' ,()-]{2,80}\s+[-–]\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+,?\s+\d{4}")
        .expect("valid regex")
});

static NOTICE_OF_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:notice\s+of\s+(?:a\s+|the\s+)?(?:meeting|.*(?-u:\b)meeting(?-u:\b))|summons(?-u:\b)|agenda\s+(?:for|of)\s+(?:a\s+|the\s+)?meeting)")
        .expect("valid regex")
});

static REPORT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:joint\s+)?report\s+(?:of|by|from|to)(?-u:\b)").expect("valid regex")
});

/// Whether a line is a website page label ("Agenda and minutes", "Decision details").
pub(crate) fn page_kind(text: &str) -> Option<Option<Kind>> {
    let l = norm_label(text);
    Some(match l.as_str() {
        "agenda and minutes"
        | "agenda, decisions and minutes"
        | "agenda and decisions"
        | "minutes"
        | "draft minutes"
        | "agenda, minutes and decisions" => Some(Kind::Minutes),
        "decision details"
        | "record of decision"
        | "record of decisions"
        | "decision notice"
        | "notice of decision"
        | "issue - decisions"
        | "record of executive decision"
        | "officer decision"
        | "record of officer decision" => Some(Kind::Decision),
        "issue details"
        | "issue - meetings"
        | "issue history"
        | "forward plan"
        | "action log"
        | "forward plan entry"
        | "key decision notice" => Some(Kind::Other),
        "agenda" | "agenda item" | "meeting documents" | "agenda items" | "items" => None,
        _ => return None,
    })
}

/// Decides the paper's kind from its labels and the shape of its header.
pub(crate) fn kind(lines: &[Line], labels: &[Option<(LabelKind, String)>]) -> Kind {
    let header = lines.len().min(HEADER_LINES);
    // 1. A website page label says what the page is.
    let mut agenda_item = false;
    for line in &lines[..header.min(12)] {
        if line.marker.is_some() {
            continue;
        }
        if let Some(k) = page_kind(&line.text) {
            match k {
                Some(k) => return k,
                None => agenda_item |= norm_label(&line.text).starts_with("agenda"),
            }
        }
    }
    let has_label = |name: &[&str]| {
        lines.iter().zip(labels).any(|(l, lab)| {
            lab.is_some()
                && name
                    .iter()
                    .any(|n| norm_label(l.text.split(':').next().unwrap_or("")).starts_with(n))
        })
    };
    let any_kind = |k: LabelKind| labels.iter().flatten().any(|(kind, _)| *kind == k);
    // 2. Decision-notice and forward-plan fields.
    if has_label(&[
        "decision due",
        "notice of proposed decision",
        "first published",
    ]) {
        return Kind::Other;
    }
    if has_label(&[
        "date of decision",
        "decided at meeting",
        "decision maker",
        "decision taker",
    ]) {
        return Kind::Decision;
    }
    // An agenda item's own page: minutes where it records them, else an agenda entry.
    if agenda_item {
        if any_kind(LabelKind::Minutes) || any_kind(LabelKind::Decision) {
            return Kind::Minutes;
        }
        return Kind::Agenda;
    }
    // 3. A report's own front matter.
    let report_front = lines[..header].iter().zip(labels).any(|(l, lab)| {
        matches!(
            lab,
            Some((
                LabelKind::Purpose | LabelKind::Summary | LabelKind::Recommendations,
                _
            ))
        ) || REPORT_OF.is_match(&l.text)
    });
    if report_front {
        return Kind::Report;
    }
    // 4. Minutes: a meeting line, attendance, Minutes:/Decision: blocks, resolutions.
    let minutes = lines[..header]
        .iter()
        .any(|l| MEETING_LINE.is_match(&l.text))
        || any_kind(LabelKind::Minutes)
        || any_kind(LabelKind::Decision)
        || lines[..header].iter().zip(labels).any(|(l, lab)| {
            matches!(lab, Some((LabelKind::Attendance, _)))
                && l.text.to_lowercase().starts_with("present")
        })
        || lines.iter().any(|l| l.text.starts_with("RESOLVED"));
    if minutes {
        return Kind::Minutes;
    }
    // 5. Agendas.
    if agenda_item
        || lines[..header]
            .iter()
            .any(|l| NOTICE_OF_MEETING.is_match(&l.text))
    {
        return Kind::Agenda;
    }
    if lines
        .iter()
        .filter(|l| l.number().is_some_and(|n| !n.contains('.')) && is_standing_item(&l.text))
        .count()
        >= 2
    {
        return Kind::Agenda;
    }
    Kind::Report
}

/// Agenda items every meeting has.
pub(crate) fn is_standing_item(text: &str) -> bool {
    let l = text.to_lowercase();
    [
        "apologies",
        "declarations of interest",
        "declaration of interest",
        "minutes",
        "urgent business",
        "announcements",
        "petitions",
        "questions",
        "any other business",
        "date of next meeting",
        "chair's announcements",
        "chairs announcements",
        "welcome",
        "public questions",
        "exclusion of the press",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

/// Whether a line names the report's author ("Report of the Chief Executive").
pub(crate) fn is_report_of(text: &str) -> bool {
    REPORT_OF.is_match(text)
}

/// Whether a line opens minutes attached to a report ("Minutes of the X Committee held
/// on ...").
pub(crate) fn is_meeting_line(text: &str) -> bool {
    MEETING_LINE.is_match(text)
}

/// The paper's title and the index of the line it came from.
pub(crate) fn title(
    lines: &[Line],
    labels: &[Option<(LabelKind, String)>],
    kind: Kind,
) -> (Option<usize>, Option<String>) {
    let header = lines.len().min(HEADER_LINES);
    // An explicit label: "Agenda item" then the title; "Subject:" / "Title:".
    for i in 0..header {
        match &labels[i] {
            Some((LabelKind::AgendaItem, _)) => {
                if let Some(next) = lines.get(i + 1) {
                    return (Some(i + 1), Some(clean_title(&next.full())));
                }
            }
            Some((LabelKind::Title, value)) if i < 25 => {
                if !value.is_empty() {
                    return (None, Some(clean_title(value)));
                }
                if let Some(next) = lines.get(i + 1) {
                    return (Some(i + 1), Some(clean_title(&next.text)));
                }
            }
            _ => {}
        }
    }
    // A whole meeting's minutes: only its meeting line is a title.
    for (i, line) in lines[..header.min(12)].iter().enumerate() {
        if line.marker.is_some() {
            break;
        }
        if MEETING_LINE.is_match(&line.text)
            || MEETING_TITLE_LINE.is_match(&line.text) && kind == Kind::Minutes
        {
            if kind == Kind::Report {
                break;
            }
            return (Some(i), Some(clean_title(&strip_clock_time(&line.text))));
        }
    }
    let mut candidates = Vec::new();
    for (i, line) in lines[..header.min(20)].iter().enumerate() {
        let t = line.text.trim();
        if let Some((kind, _)) = &labels[i] {
            if matches!(kind, LabelKind::Page) {
                continue;
            }
            break;
        }
        if line.marker.is_some() || line.tabbed && i > 0 {
            break;
        }
        if page_kind(t).is_some() || skippable_header_line(t) {
            continue;
        }
        let cleaned = clean_title(t);
        // "Jobs Guarantee: Business Case" is a title; "Plan Theme: Stronger economies, ..."
        // is a field.
        if crate::labels::generic_label(&cleaned) && (cleaned.contains(',') || words(&cleaned) > 12)
        {
            break;
        }
        let fits = title_like(&cleaned, 25)
            || words(&cleaned) <= 25 && !ends_sentence(&cleaned) && !cleaned.ends_with(':');
        if !fits {
            break;
        }
        if words(&cleaned) > 25 {
            break;
        }
        let is_name = is_body_name(&cleaned);
        candidates.push((i, cleaned));
        if !is_name || candidates.len() >= 6 {
            break;
        }
    }
    if kind == Kind::Minutes
        && !labels
            .iter()
            .flatten()
            .any(|(k, _)| *k == LabelKind::AgendaItem)
    {
        // Whole-meeting pages are titled by their meeting line only.
        return (None, None);
    }
    // The names of the body and its committee often head the page above the title.
    match candidates
        .iter()
        .find(|(_, t)| !is_body_name(t))
        .or(candidates.first())
    {
        Some((i, t)) => (Some(*i), Some(t.clone())),
        None => (None, None),
    }
}

/// Lines in a header that are never the title.
fn skippable_header_line(t: &str) -> bool {
    let lower = t.to_lowercase();
    is_date_line(t)
        || lower.starts_with("to ") && words(t) <= 8
        || lower.starts_with("part ") && words(t) <= 6
        || lower.starts_with("item no")
        || lower == "advertisement"
        || lower.starts_with("(") && lower.ends_with(")")
        || REPORT_OF.is_match(t)
        || lower.starts_with("meeting of") && words(t) <= 8
        || lower.starts_with("agenda item")
        || lower == "public"
        || lower == "open"
        || lower == "not for publication"
        || lower.starts_with("date:")
        || lower.starts_with("date of meeting")
}

static ITEM_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:agenda\s+)?item\s*(?:no\.?)?\s*\d+[a-z]?\s*[-–:.]?\s+")
        .expect("valid regex")
});
static ITEM_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:agenda\s+)?item\s*(?:no\.?|number)?\s*:?\s*\d+[a-z]?$")
        .expect("valid regex")
});
static TRAILING_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\((?:[^()]{0,60})\)\s*$").expect("valid regex"));

/// Strips "Item 5 - ", "Item no: 8", bracketed notes ("(All Wards)", "(27/7)") and
/// trailing punctuation from a title.
pub(crate) fn clean_title(t: &str) -> String {
    let mut s = t.trim().to_string();
    s = ITEM_PREFIX.replace(&s, "").to_string();
    s = ITEM_SUFFIX.replace(&s, "").to_string();
    // Numbered item titles: "5. Title".
    if let Some(rest) = s
        .split_once(". ")
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
    {
        s = rest.1.to_string();
    }
    while let Some(m) = TRAILING_NOTE.find(&s) {
        let note = &s[m.start()..];
        // Keep brackets that are part of the name: "(Employment Support)" is kept only
        // when it is a phrase of words, not a code, ward note or status.
        let inner = note
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .to_lowercase();
        let is_note = inner.chars().any(|c| c.is_ascii_digit())
            || inner.contains("ward")
            || inner.contains("confidential")
            || inner.contains("exempt")
            || inner.contains("to follow")
            || inner.contains("to be ")
            || inner.contains("supplement")
            || inner.contains("part ")
            || inner.contains("appendix")
            || inner.contains("restricted")
            || inner.contains("private")
            || inner.contains("key decision");
        if !is_note || m.start() == 0 {
            break;
        }
        s.truncate(m.start());
    }
    s.trim()
        .trim_end_matches([':', ',', '-', '–'])
        .trim()
        .to_string()
}

/// Maps a stated purpose to its kind: "For information." → information; prose by its verb.
pub(crate) fn purpose(text: &str) -> Option<Purpose> {
    let l = text.to_lowercase();
    if l.trim().is_empty() {
        return None;
    }
    for (phrase, p) in [
        ("for noting", Purpose::Noting),
        ("for decision", Purpose::Decision),
        ("for approval", Purpose::Decision),
        ("for agreement", Purpose::Decision),
        ("for endorsement", Purpose::Decision),
        ("for adoption", Purpose::Decision),
        ("for information", Purpose::Information),
        ("for discussion", Purpose::Discussion),
        ("for consideration", Purpose::Discussion),
        ("for comment", Purpose::Discussion),
        ("for debate", Purpose::Discussion),
    ] {
        if l.contains(phrase) {
            return Some(p);
        }
    }
    let word = |w: &str| l.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    let any = |ws: &[&str]| ws.iter().any(|w| word(w));
    if any(&[
        "approve",
        "approval",
        "agree",
        "agreement",
        "decide",
        "decision",
        "endorse",
        "endorsement",
        "authorise",
        "adopt",
        "adoption",
        "ratify",
    ]) {
        return Some(Purpose::Decision);
    }
    if any(&[
        "discuss",
        "discussion",
        "consider",
        "consideration",
        "comment",
        "comments",
        "views",
        "steer",
        "debate",
        "feedback",
    ]) {
        return Some(Purpose::Discussion);
    }
    if any(&[
        "note",
        "noting",
        "inform",
        "information",
        "update",
        "updates",
        "provide",
        "provides",
        "report",
        "reports",
        "brief",
        "briefing",
        "details",
    ]) {
        return Some(Purpose::Information);
    }
    None
}

/// Reads an explicit confidentiality statement.
pub(crate) fn confidential_from(text: &str) -> Option<bool> {
    let l = text.to_lowercase();
    let l = l.trim();
    if l.starts_with("no")
        || l.contains("not confidential")
        || l == "open"
        || l.contains("open to the public")
        || l == "public"
    {
        return Some(false);
    }
    if l.starts_with("yes")
        || l.contains("exempt")
        || l.contains("confidential")
        || l.contains("not for publication")
    {
        return Some(true);
    }
    None
}

static PART_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^part\s+(1|i|one|2|ii|two|a|b)(?-u:\b)").expect("valid regex")
});

/// Confidentiality from header lines: "Not for publication", "exempt information",
/// "Part 2", "PART 1 (OPEN TO THE PUBLIC)", a "(Confidential)" title note.
pub(crate) fn confidential(lines: &[Line], title_line: Option<&str>) -> Option<bool> {
    if let Some(t) = title_line {
        let l = t.to_lowercase();
        if l.contains("(confidential)")
            || l.contains("(exempt)")
            || l.contains("(not for publication)")
        {
            return Some(true);
        }
    }
    for line in lines.iter().take(HEADER_LINES.min(25)) {
        let l = line.text.to_lowercase();
        if l.contains("not for publication")
            || l.contains("exempt information")
            || l == "confidential"
            || l.starts_with("confidential -")
            || l.starts_with("restricted")
        {
            return Some(true);
        }
        if let Some(c) = PART_LINE.captures(&line.text) {
            let p = c[1].to_lowercase();
            return Some(matches!(p.as_str(), "2" | "ii" | "two" | "b"));
        }
        if l.contains("open to the public") {
            return Some(false);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            clean_title("Item 5 - Local Finance Update (27/7)"),
            "Local Finance Update"
        );
        assert_eq!(
            clean_title("Summaries and Minutes Item no: 8"),
            "Summaries and Minutes"
        );
        assert_eq!(
            clean_title("Devolution Update (Confidential)"),
            "Devolution Update"
        );
        assert_eq!(
            clean_title("Work and Health Programme (Employment Support)"),
            "Work and Health Programme (Employment Support)"
        );
        assert_eq!(
            clean_title("Budget Monitoring (All Wards)"),
            "Budget Monitoring"
        );
    }

    #[test]
    fn purposes() {
        let cases = [
            ("For information.", Some(Purpose::Information)),
            ("For decision.", Some(Purpose::Decision)),
            ("For discussion.", Some(Purpose::Discussion)),
            ("For noting", Some(Purpose::Noting)),
            (
                "To seek approval for the revised plan.",
                Some(Purpose::Decision),
            ),
            (
                "To provide details of the outcome of the consultation.",
                Some(Purpose::Information),
            ),
            (
                "To seek members' views on the draft.",
                Some(Purpose::Discussion),
            ),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(purpose(text), want, "{text}");
        }
    }
}
