//! The parse stage: a paper's block stream in, its structured record out.
//!
//! A pure, forgiving function: [`parse`] never fails and never panics; what it cannot make
//! sense of it leaves out. It fills the structure fields of the record (kind to actions);
//! the extract stage fills the facts.
//!
//! The stages inside, in order:
//! 1. [`lines`]: clutter, running headers and page numbers dropped, inline labels split;
//! 2. [`labels`]: each line's label, if it is one ("Summary", "Decision:");
//! 3. [`header`]: the paper's kind and title;
//! 4. sections: each content label claims the lines after it ([`sections`]);
//! 5. body: headings and numbered paragraphs ([`body`]); items, decisions, actions
//!    and presenters of minutes and agendas ([`minutes`]); contacts ([`contacts`]).
#![warn(missing_docs)]

mod body;
mod contacts;
mod entries;
mod header;
mod labels;
mod lines;
mod minutes;
mod pack;
mod sections;
mod text;

use boardpack_model::Paper;
use boardpack_read::Document;

pub use crate::pack::{PackPaper, split_pack};

use crate::labels::LabelKind;
use crate::sections::Layout;

/// Parses a document into a paper record (structure fields only).
pub fn parse(doc: &Document) -> Paper {
    let lines = lines::prepare(doc);
    let labels = labels_of(&lines);
    let kind = header::kind(&lines, &labels);
    let (title_idx, title) = header::title(&lines, &labels, kind);
    let layout = sections::layout(&lines, &labels, kind, title_idx, title.as_deref());

    let mut paper = Paper {
        kind,
        confidential: header::confidential(&lines, title_idx.map(|i| lines[i].text.as_str()))
            .or(layout.confidential),
        title,
        contacts: contacts::contacts(&lines),
        ..Paper::default()
    };
    front_matter(&lines, &layout, &mut paper);
    let body = body::body(&lines, &layout, paper.title.as_deref());
    paper.headings = body.headings;
    paper.paragraphs = body.paragraphs;
    minutes::fill(&lines, &layout, &mut paper);
    front_from_numbered_headings(&mut paper);
    if paper.purpose.is_none() {
        paper.purpose = purpose_from_numbered_heading(&paper);
    }
    paper
}

/// Each line's label, where the line is one.
fn labels_of(lines: &[lines::Line]) -> Vec<Option<(LabelKind, String)>> {
    let first_para = lines
        .iter()
        .position(|l| l.number().is_some())
        .unwrap_or(lines.len());
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.marker.is_some() {
                return None;
            }
            labels::line_label(&l.text).or_else(|| {
                (i < first_para && i < 40)
                    .then(|| inline_front_label(&l.text))
                    .flatten()
            })
        })
        .collect()
}

/// "Summary Summaries of the minutes" and "Recommendations Leaders' Committee is
/// recommended ...": a front-matter label run into its value without a colon.
fn inline_front_label(text: &str) -> Option<(LabelKind, String)> {
    for (word, kind) in [
        ("Executive Summary ", LabelKind::Summary),
        ("Summary ", LabelKind::Summary),
        ("Recommendations ", LabelKind::Recommendations),
        ("Recommendation ", LabelKind::Recommendations),
    ] {
        if let Some(rest) = text.strip_prefix(word)
            && rest.chars().next().is_some_and(char::is_uppercase)
            && text::words(rest) >= 3
        {
            return Some((kind, rest.to_string()));
        }
    }
    None
}

/// Purpose, summary, recommendations and report-cover actions.
fn front_matter(lines: &[lines::Line], layout: &Layout, paper: &mut Paper) {
    for section in &layout.sections {
        let texts = || {
            std::iter::once(section.value.clone())
                .chain(section.lines.iter().map(|&i| lines[i].full()))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
        };
        match section.kind {
            LabelKind::Purpose if paper.purpose.is_none() => {
                paper.purpose = texts().first().and_then(|t| header::purpose(t));
            }
            LabelKind::Summary if paper.summary.is_none() => {
                let joined = text::squash(&texts().join(" "));
                paper.summary = (!joined.is_empty()).then_some(joined);
            }
            LabelKind::Recommendations => {
                paper
                    .recommendations
                    .extend(section_entries(lines, section));
            }
            LabelKind::Actions if !layout.meeting => {
                let entries = section_entries(lines, section);
                if entries.iter().any(|e| minutes::is_ask(e)) || is_ask_section(lines, section) {
                    paper.recommendations.extend(entries);
                } else {
                    paper
                        .actions
                        .extend(entries.into_iter().map(|t| minutes::action(&t)));
                }
            }
            _ => {}
        }
    }
}

fn is_ask_section(lines: &[lines::Line], section: &sections::Section) -> bool {
    minutes::is_ask(&section.value)
        || section
            .lines
            .first()
            .is_some_and(|&i| minutes::is_ask(&lines[i].text))
}

/// The list entries of a section: its inline value and lines.
pub(crate) fn section_entries(lines: &[lines::Line], section: &sections::Section) -> Vec<String> {
    entries::substantive(section.entries(lines))
}

/// Council reports often number their front matter as sections: "1. RECOMMENDATIONS"
/// with "1.1 That Cabinet approves ..." under it, "2. EXECUTIVE SUMMARY". The numbering of
/// a recommendation list is not paragraph numbering, so those paragraphs become the
/// recommendations; a numbered summary section gives the summary (its paragraphs stay).
fn front_from_numbered_headings(paper: &mut Paper) {
    let kind_of = |h: &str| labels::kind_of(&labels::norm_label(h));
    if paper.recommendations.is_empty()
        && let Some(h) = paper
            .headings
            .iter()
            .find(|h| kind_of(h) == Some(LabelKind::Recommendations))
            .cloned()
    {
        let (recs, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut paper.paragraphs)
            .into_iter()
            .partition(|p| p.section.as_deref() == Some(h.as_str()));
        paper.paragraphs = rest;
        paper.recommendations = recs.into_iter().map(|p| p.text).collect();
    }
    if paper.summary.is_none()
        && let Some(h) = paper
            .headings
            .iter()
            .find(|h| kind_of(h) == Some(LabelKind::Summary))
    {
        let text: Vec<&str> = paper
            .paragraphs
            .iter()
            .filter(|p| p.section.as_deref() == Some(h.as_str()))
            .map(|p| p.text.as_str())
            .collect();
        if !text.is_empty() {
            paper.summary = Some(text.join(" "));
        }
    }
}

/// A cabinet report's "1. Purpose of Report" heading with the purpose in its first
/// paragraph.
fn purpose_from_numbered_heading(paper: &Paper) -> Option<boardpack_model::Purpose> {
    let heading = paper.headings.iter().find(|h| {
        let l = h.to_lowercase();
        l.starts_with("purpose of") || l == "purpose"
    })?;
    let para = paper
        .paragraphs
        .iter()
        .find(|p| p.section.as_deref() == Some(heading.as_str()))?;
    header::purpose(&para.text)
}

#[cfg(test)]
mod tests;
