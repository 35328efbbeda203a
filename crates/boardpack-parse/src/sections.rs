//! Sections: which lines each label claims. A front-matter label ("Summary",
//! "Recommendation(s)") claims lines up to the body; an item label in minutes
//! ("Decision:", "Minutes:", "Actions:") claims lines up to the next label or item.
//! Lines no label claims are the body.

use std::sync::LazyLock;

use boardpack_model::Kind;
use boardpack_read::Marker;
use regex::Regex;

use crate::header;
use crate::labels::{LabelKind, generic_label};
use crate::lines::Line;
use crate::text::{is_prose, title_like, words};

/// What a line is to the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Body text: headings, paragraphs, minutes prose.
    Free,
    /// The paper's title line.
    Title,
    /// A label line (its inline value belongs to the label).
    Label,
    /// The value of the label on the line before.
    Value,
    /// A line inside section `n`.
    In(usize),
    /// An agenda item's title line (index into `Layout::items`).
    Item(usize),
}

/// A label and the lines it claims.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// What the label opens.
    pub kind: LabelKind,
    /// The label's line.
    pub at: usize,
    /// The value on the label's own line.
    pub value: String,
    /// The lines it claims, in order.
    pub lines: Vec<usize>,
    /// Whether the section was opened by an introduction rather than a label
    /// ("It is recommended that Cabinet:").
    pub implicit: bool,
}

impl Section {
    /// The section's list entries: its inline value first, then its lines.
    pub(crate) fn entries(&self, lines: &[Line]) -> Vec<crate::entries::Entry> {
        let mut owned: Vec<Line> = Vec::with_capacity(self.lines.len() + 1);
        if !self.value.is_empty() {
            owned.push(Line {
                n: 0,
                text: self.value.clone(),
                marker: None,
                tabbed: false,
                gap_before: false,
                linked: false,
            });
        }
        owned.extend(self.lines.iter().map(|&i| lines[i].clone()));
        crate::entries::entries(&owned)
    }
}

/// Where an agenda item starts.
#[derive(Debug, Clone)]
pub(crate) struct ItemStart {
    /// The item's title line.
    pub at: usize,
    /// Its number as printed, without the final dot.
    pub number: Option<String>,
    /// Its cleaned title.
    pub title: String,
}

/// The paper's lines sorted into sections, items and body.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Each line's role.
    pub role: Vec<Role>,
    /// The labelled sections in order.
    pub sections: Vec<Section>,
    /// Agenda items in order.
    pub items: Vec<ItemStart>,
    /// Whether the paper records a meeting (minutes, agenda, or a report with minutes
    /// attached from `meeting_from`).
    pub meeting: bool,
    /// An explicit "Is this report confidential?" answer.
    pub confidential: Option<bool>,
    /// The paper's kind.
    pub kind: Kind,
    /// The title's line, if the title came from one.
    pub title_at: Option<usize>,
}

static ASK_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:is|are)\s+(?:asked|invited|requested|recommended)\s+to(?-u:\b)|^it\s+is\s+recommended(?-u:\b)|^recommended\s+that(?-u:\b)|^that\s+(?:the\s+)?[\w’' ]{2,60}?(?-u:\b)(?:resolves?|agrees?|approves?)(?-u:\b)|^(?:the\s+)?(?:cabinet|committee|board|executive|council|panel)\s+is\s+recommended(?-u:\b)).*:[-–]?\s*$")
        .expect("valid regex")
});

static RESOLVE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)RESOLVED(?-u:\b)|(?-u:\b)AGREED(?-u:\b)|(?i:^that\s+(?:the\s+)?[\w’' ]{2,40}:[-–]?\s*$)|(?i:(?-u:\b)(?:resolved|decided|agreed)\s+to:))").expect("valid regex")
});

/// Lays the paper out.
pub(crate) fn layout(
    lines: &[Line],
    labels: &[Option<(LabelKind, String)>],
    kind: Kind,
    title_idx: Option<usize>,
    title: Option<&str>,
) -> Layout {
    let n = lines.len();
    let mut role = vec![Role::Free; n];
    let single_item = labels
        .iter()
        .take(10)
        .flatten()
        .any(|(k, _)| *k == LabelKind::AgendaItem);
    let meeting_from = match kind {
        Kind::Minutes | Kind::Agenda => Some(0),
        _ => lines.iter().position(|l| header::is_meeting_line(&l.text)),
    };
    let meeting = meeting_from.is_some() || single_item;
    let items = if single_item {
        title_idx
            .zip(title)
            .map(|(at, t)| {
                vec![ItemStart {
                    at,
                    number: None,
                    title: t.to_string(),
                }]
            })
            .unwrap_or_default()
    } else if let Some(from) = meeting_from {
        item_starts(lines, labels, from)
    } else {
        Vec::new()
    };
    for (k, it) in items.iter().enumerate() {
        role[it.at] = Role::Item(k);
    }
    if let Some(t) = title_idx
        && !matches!(role[t], Role::Item(_))
    {
        role[t] = Role::Title;
    }

    let mut sections: Vec<Section> = Vec::new();
    let mut confidential = None;
    let mut current: Option<usize> = None;
    let mut i = 0;
    while i < n {
        if role[i] != Role::Free {
            current = None;
            i += 1;
            continue;
        }
        let line = &lines[i];
        if let Some((kind, value)) = &labels[i] {
            role[i] = Role::Label;
            current = None;
            match kind {
                LabelKind::Contact(_)
                | LabelKind::Meta
                | LabelKind::Title
                | LabelKind::Confidential => {
                    let mut value = value.clone();
                    if value.is_empty()
                        && i + 1 < n
                        && labels[i + 1].is_none()
                        && role[i + 1] == Role::Free
                        && lines[i + 1].marker.is_none()
                    {
                        value = lines[i + 1].text.clone();
                        role[i + 1] = Role::Value;
                        i += 1;
                    }
                    if *kind == LabelKind::Confidential {
                        confidential = header::confidential_from(&value);
                    }
                }
                LabelKind::Page | LabelKind::AgendaItem => {}
                _ => {
                    sections.push(Section {
                        kind: *kind,
                        at: i,
                        value: value.clone(),
                        lines: Vec::new(),
                        implicit: false,
                    });
                    current = Some(sections.len() - 1);
                }
            }
            i += 1;
            continue;
        }
        if let Some(s) = current {
            if continues(&sections[s], lines, i, kind, meeting, title) {
                sections[s].lines.push(i);
                role[i] = Role::In(s);
                i += 1;
                continue;
            }
            current = None;
        }
        // An unlabelled introduction opens a list: "It is recommended that Cabinet:",
        // "The Executive RESOLVED to:", "That Cabinet:".
        if line.marker.is_none() && i + 1 < n && lines[i + 1].marker.is_some() {
            let implicit = if RESOLVE_INTRO.is_match(&line.text)
                && line.text.trim_end().ends_with([':', '-', '–'])
            {
                Some(if kind == Kind::Agenda {
                    LabelKind::Recommendations
                } else {
                    LabelKind::Decision
                })
            } else if ASK_INTRO.is_match(&line.text) && (!meeting || kind == Kind::Agenda) {
                Some(LabelKind::Recommendations)
            } else {
                None
            };
            if let Some(k) = implicit {
                sections.push(Section {
                    kind: k,
                    at: i,
                    value: line.text.clone(),
                    lines: Vec::new(),
                    implicit: true,
                });
                role[i] = Role::In(sections.len() - 1);
                current = Some(sections.len() - 1);
            }
        }
        i += 1;
    }
    Layout {
        role,
        sections,
        items,
        meeting,
        confidential,
        kind,
        title_at: title_idx,
    }
}

/// Whether line `i` still belongs to `section`.
fn continues(
    section: &Section,
    lines: &[Line],
    i: usize,
    kind: Kind,
    meeting: bool,
    title: Option<&str>,
) -> bool {
    let line = &lines[i];
    if section.implicit {
        // An introduced list runs over its marked entries and their wrapped lines.
        return line.marker.as_ref().is_some_and(|m| !is_sub_number(m))
            || (!line.gap_before && !title_like(&line.text, 12) && line.number().is_none());
    }
    let item_block = meeting
        && matches!(
            section.kind,
            LabelKind::Decision | LabelKind::Minutes | LabelKind::Actions
        );
    if item_block || kind == Kind::Decision && section.kind == LabelKind::Decision {
        return true;
    }
    if Some(line.text.trim()) == title.map(str::trim) {
        return false;
    }
    if generic_label(&line.text) && line.marker.is_none() && section.kind != LabelKind::Aside {
        return false;
    }
    if let Some(number) = line.number() {
        let listy = matches!(
            section.kind,
            LabelKind::Recommendations | LabelKind::Actions | LabelKind::Decision
        );
        return listy && !number.contains('.') && in_sequence(section, lines, number);
    }
    if is_heading_candidate(lines, i) {
        return false;
    }
    if section.kind == LabelKind::Attendance {
        return !line.gap_before || words(&line.text) < 30;
    }
    true
}

fn is_sub_number(m: &Marker) -> bool {
    m.number().is_some_and(|n| n.contains('.'))
}

/// A numbered list entry continues its list: "1." first, then one more each time.
fn in_sequence(section: &Section, lines: &[Line], number: &str) -> bool {
    let Ok(n) = number.parse::<u32>() else {
        return false;
    };
    let prev = section
        .lines
        .iter()
        .rev()
        .find_map(|&j| lines[j].number().and_then(|x| x.parse::<u32>().ok()));
    match prev {
        None => n <= 2,
        Some(p) => n == p + 1,
    }
}

/// A short unnumbered line followed by body text: a section heading.
pub(crate) fn is_heading_candidate(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    if line.marker.is_some() || line.tabbed || !title_like(&line.text, 12) {
        return false;
    }
    if crate::text::is_date_line(&line.text)
        || generic_label(&line.text)
        || header::is_report_of(&line.text)
    {
        return false;
    }
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    heads_content(next)
}

/// Whether a line can follow a heading: a numbered paragraph, running prose, a list, or
/// "None".
pub(crate) fn heads_content(next: &Line) -> bool {
    if next.text.chars().next().is_some_and(char::is_lowercase) {
        return false; // the line before was a wrapped sentence
    }
    match &next.marker {
        Some(Marker::Number { .. }) | Some(Marker::Bullet) => true,
        Some(_) => false,
        None => is_prose(&next.text) || crate::entries::is_none(&next.text),
    }
}

/// Agenda items of a meeting: numbered short titles, link titles, and titles followed
/// by ModernGov's "Additional documents:", "Decision:" or "Minutes:".
fn item_starts(
    lines: &[Line],
    labels: &[Option<(LabelKind, String)>],
    from: usize,
) -> Vec<ItemStart> {
    let mut out = Vec::new();
    // Inside an item's "Additional documents:" list, links are attachments, not items.
    let mut in_documents = false;
    for i in from..lines.len() {
        let line = &lines[i];
        if let Some((kind, _)) = &labels[i] {
            let lower = line.text.to_lowercase();
            in_documents = *kind == LabelKind::Aside
                && (lower.contains("documents")
                    || lower.contains("papers")
                    || lower.contains("appendices"));
            continue;
        }
        let attachment = {
            let lower = line.text.to_lowercase();
            lower.starts_with("appendix") || lower.starts_with("annex") || lower.starts_with("enc")
        };
        if line.linked && (in_documents || attachment) {
            continue;
        }
        if line.number().is_some() {
            in_documents = false;
        }
        let next_label = labels.get(i + 1).and_then(|l| l.as_ref()).map(|(k, _)| *k);
        let next_opens_item = matches!(next_label, Some(LabelKind::Decision | LabelKind::Minutes))
            || lines
                .get(i + 1)
                .is_some_and(|l| l.text.to_lowercase().starts_with("additional documents"));
        let titled =
            title_like(&line.text, 16) || line.text.ends_with(')') && words(&line.text) <= 16;
        match line.number() {
            Some(num) if !num.contains('.') && titled => {
                // "4.0 Title" style headings are not items; items are plain integers.
                out.push(ItemStart {
                    at: i,
                    number: Some(num.to_string()),
                    title: header::clean_title(&line.text),
                });
            }
            None if line.marker.is_none() && titled && (line.linked || next_opens_item) => {
                out.push(ItemStart {
                    at: i,
                    number: None,
                    title: header::clean_title(&line.text),
                });
            }
            _ => {}
        }
    }
    out
}
