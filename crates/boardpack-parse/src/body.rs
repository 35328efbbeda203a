//! The body: section headings and numbered paragraphs.
//!
//! A numbered line that heads the text after it ("2.0 BACKGROUND", "10.3 Reasons for
//! Decision" followed by 10.3.1) is a heading; a short numbered line among its siblings
//! (the priorities "3.1.", "3.2.", "3.3.") is a paragraph. Single-level numbering inside a
//! "Decision:" or "Actions:" block is a list, not paragraph numbering.

use std::collections::HashSet;

use boardpack_model::Paragraph;
use boardpack_read::Marker;

use crate::labels::LabelKind;
use crate::lines::Line;
use crate::sections::{Layout, Role, heads_content, is_heading_candidate};
use crate::text::{squash, title_like, words};

/// Headings and paragraphs found in the body.
pub(crate) struct Body {
    pub headings: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
}

/// Whether a line is body text the paragraph pass reads.
fn visible(layout: &Layout, i: usize) -> bool {
    match layout.role[i] {
        Role::Free => true,
        Role::In(s) => {
            let sec = &layout.sections[s];
            layout.meeting
                && matches!(sec.kind, LabelKind::Decision | LabelKind::Minutes)
                && !sec.implicit
        }
        _ => false,
    }
}

/// Whether a numbered line in a "Decision:" or "Actions:" block is a list entry.
fn list_numbered(layout: &Layout, i: usize, number: &str) -> bool {
    match layout.role[i] {
        Role::In(s) => {
            let k = layout.sections[s].kind;
            matches!(
                k,
                LabelKind::Decision | LabelKind::Actions | LabelKind::Recommendations
            ) && !number.contains('.')
        }
        _ => false,
    }
}

/// Reads the body's headings and numbered paragraphs.
pub(crate) fn body(lines: &[Line], layout: &Layout, title: Option<&str>) -> Body {
    let mut headings: Vec<String> = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut section: Option<String> = None;
    // The paragraph that unnumbered lines continue, as an index into `paragraphs`.
    let mut open: Option<usize> = None;
    let mut last_top: Option<u32> = None;
    let same_as_title = |t: &str| title.is_some_and(|x| norm(x) == norm(t));
    // (number, first characters) of the paragraphs seen: a ModernGov page prints the same
    // numbered paragraphs under "Decision:" and again under "Minutes:".
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for i in 0..lines.len() {
        if matches!(layout.role[i], Role::Item(_)) {
            open = None;
            continue;
        }
        if !visible(layout, i) {
            if layout.role[i] != Role::Value {
                open = None;
            }
            continue;
        }
        let line = &lines[i];
        match &line.marker {
            Some(Marker::Number { number, .. }) => {
                if list_numbered(layout, i, number) {
                    open = None;
                    continue;
                }
                if is_numbered_heading(lines, i, number) {
                    let h = heading_text(&line.text);
                    if !same_as_title(&h) {
                        headings.push(h.clone());
                    }
                    section = Some(h);
                    open = None;
                    continue;
                }
                // A lower top-level number than the last is a list inside a paragraph.
                if !number.contains('.') {
                    let n: u32 = number.parse().unwrap_or(0);
                    if last_top.is_some_and(|p| n < p && n <= 3) && open.is_some() {
                        if let Some(k) = open {
                            paragraphs[k].text.push(' ');
                            paragraphs[k].text.push_str(&line.full());
                        }
                        continue;
                    }
                    last_top = Some(n);
                }
                if !seen.insert((number.clone(), start_of(&line.text))) {
                    open = None;
                    continue;
                }
                paragraphs.push(Paragraph {
                    number: number.clone(),
                    section: section.clone(),
                    text: squash(&line.text),
                    line: line.n,
                });
                open = Some(paragraphs.len() - 1);
            }
            None if is_heading_candidate(lines, i)
                && !in_list_block(layout, i)
                && !is_role_word(&line.text)
                && !matches!(layout.role.get(i + 1), Some(Role::Item(_)))
                && layout.title_at.is_none_or(|t| i > t) =>
            {
                let h = heading_text(&line.text);
                if same_as_title(&h) {
                    open = None;
                    continue;
                }
                headings.push(h.clone());
                section = Some(h);
                open = None;
            }
            // Table cells exported as tab-indented lines are not the paragraph's text.
            _ if line.tabbed => {}
            _ => {
                if let Some(k) = open {
                    paragraphs[k].text.push(' ');
                    paragraphs[k].text.push_str(&line.full());
                }
            }
        }
    }
    Body {
        headings,
        paragraphs,
    }
}

/// Membership lists put a role under each name ("Member", "Vice-Chair"): not headings.
fn is_role_word(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "member"
            | "members"
            | "chair"
            | "vice-chair"
            | "vice chair"
            | "chairman"
            | "vice-chairman"
            | "chairperson"
            | "substitute"
            | "substitute member"
            | "co-opted member"
            | "mayor"
            | "deputy mayor"
            | "leader"
            | "deputy leader"
    )
}

fn in_list_block(layout: &Layout, i: usize) -> bool {
    matches!(layout.role[i], Role::In(s) if layout.sections[s].kind == LabelKind::Decision && !layout.meeting)
}

/// A numbered line that heads what follows: short, and followed by its own
/// sub-paragraphs or by unnumbered text rather than by a sibling.
fn is_numbered_heading(lines: &[Line], i: usize, number: &str) -> bool {
    let text = lines[i].text.trim();
    let zero = number.ends_with(".0") || number.ends_with(".00");
    let short = if zero {
        words(text) <= 12 && !text.ends_with(':')
    } else {
        title_like(text, 12)
    };
    if !short {
        return false;
    }
    let Some(next) = lines.get(i + 1) else {
        return zero;
    };
    match next.number() {
        Some(n) => {
            let parent = number.trim_end_matches(".0").trim_end_matches(".00");
            n.starts_with(&format!("{parent}.")) && n != number
        }
        None => {
            zero || next.marker.is_none() && heads_content(next)
                || matches!(next.marker, Some(Marker::Bullet))
        }
    }
}

fn heading_text(s: &str) -> String {
    squash(s.trim())
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn start_of(s: &str) -> String {
    s.chars().take(30).collect()
}
