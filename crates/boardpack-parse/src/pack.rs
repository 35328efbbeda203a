//! Agenda packs: one PDF or DOCX holding a whole meeting's papers (a cover sheet, the
//! agenda, the minutes of the last meeting, each report) split into its papers.
//!
//! A new paper starts at the top of a page that opens like one: an "Agenda item 5" or
//! "Item 5" header, the minutes of a meeting, a report's front matter (report of/to,
//! purpose of report, summary, recommendations), or a notice of meeting. Appendices and
//! annexes stay with the paper before them. Pages without page numbers (plain text, HTML)
//! are one paper.

use std::sync::LazyLock;

use boardpack_read::{Block, Document};
use regex::Regex;

/// One paper of a pack: its pages and its own block stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackPaper {
    /// First page (1-based).
    pub first_page: u32,
    /// Last page.
    pub last_page: u32,
    /// The paper's blocks, renumbered from line 1.
    pub doc: Document,
}

static ITEM_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:agenda\s+)?item\s*(?:no\.?)?\s*:?\s*\d+[a-z]?(?:\.\d+)?\b")
        .expect("valid regex")
});
static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:appendix|annex|annexe|schedule|enclosure)\s+[a-z0-9]+\b")
        .expect("valid regex")
});
static FRONT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:purpose\s+of\s+(?:the\s+)?report|is\s+this\s+report\s+confidential|executive\s+summary|summary\b|recommendations?\b|report\s+(?:of|by|to|author)\b|joint\s+report\s+of|minutes\s+of\s+(?:a|the)\s+.*\bmeeting\b|minutes\s+of\s+the\s+.*\bheld\b|notice\s+of\s+(?:a\s+)?meeting|decision\s+details|record\s+of\s+decision)")
        .expect("valid regex")
});

/// How many lines at the top of a page are read for a paper's opening.
const TOP_LINES: usize = 12;

/// Splits a paged document into the papers of a pack. A document with fewer than two
/// paper openings (or no pages) comes back whole.
pub fn split_pack(doc: &Document) -> Vec<PackPaper> {
    let mut pages: Vec<(u32, Vec<&Block>)> = Vec::new();
    for b in &doc.blocks {
        match pages.last_mut() {
            Some((p, blocks)) if *p == b.page => blocks.push(b),
            _ => pages.push((b.page, vec![b])),
        }
    }
    let paged = pages.len() > 1 && pages.iter().all(|(p, _)| *p > 0);
    let starts: Vec<usize> = if paged {
        pages
            .iter()
            .enumerate()
            .filter(|(i, (_, blocks))| *i == 0 || opens_paper(blocks))
            .map(|(i, _)| i)
            .collect()
    } else {
        vec![0]
    };
    if starts.len() < 2 {
        let first = doc.blocks.first().map_or(0, |b| b.page);
        let last = doc.blocks.last().map_or(0, |b| b.page);
        return vec![PackPaper {
            first_page: first,
            last_page: last,
            doc: doc.clone(),
        }];
    }
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(pages.len());
        let mut part = Document::default();
        for (_, blocks) in &pages[start..end] {
            for b in blocks {
                let mut b = (*b).clone();
                b.line = part.blocks.len() + 1;
                part.blocks.push(b);
            }
        }
        out.push(PackPaper {
            first_page: pages[start].0,
            last_page: pages[end - 1].0,
            doc: part,
        });
    }
    out
}

/// Whether a page opens a new paper.
fn opens_paper(blocks: &[&Block]) -> bool {
    let top: Vec<&str> = blocks
        .iter()
        .filter(|b| !b.is_blank())
        .take(TOP_LINES)
        .map(|b| b.raw.as_str())
        .collect();
    if top.first().is_some_and(|l| APPENDIX.is_match(l)) {
        return false;
    }
    if top.iter().take(3).any(|l| ITEM_HEADER.is_match(l)) {
        return true;
    }
    // A report's cover: two or more front-matter labels near the top of the page.
    top.iter().filter(|l| FRONT_LABEL.is_match(l)).count() >= 2
        || top.iter().take(4).any(|l| {
            let lower = l.to_lowercase();
            lower.starts_with("minutes of") && lower.contains("held")
                || lower.starts_with("notice of") && lower.contains("meeting")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(pages: &[&str]) -> Document {
        let mut doc = Document::default();
        for (i, page) in pages.iter().enumerate() {
            for line in page.lines() {
                doc.push_line(line, i as u32 + 1);
            }
        }
        doc
    }

    #[test]
    fn splits_at_paper_openings() {
        let doc = pack(&[
            "Notice of a Meeting of the Skills Board\nThursday 5 March 2026\n1. Apologies\n2. Minutes\n3. Budget Update",
            "Minutes of a meeting of the Skills Board held on 4 December 2025\n1. Apologies\nNone were received.",
            "Agenda Item 3\nBudget Update\nPurpose of Report\nFor information.\nSummary\nThis report updates members.",
            "4. Spending is on track.\n5. Officers will report again in June.",
            "Appendix A\nBudget table",
            "Item 4\nSkills Plan\nReport of the Director\nSummary\nA plan.",
        ]);
        let parts = split_pack(&doc);
        let ranges: Vec<(u32, u32)> = parts.iter().map(|p| (p.first_page, p.last_page)).collect();
        assert_eq!(ranges, vec![(1, 1), (2, 2), (3, 5), (6, 6)]);
        assert_eq!(parts[2].doc.blocks[0].raw, "Agenda Item 3");
        assert_eq!(parts[2].doc.blocks[0].line, 1);
    }

    #[test]
    fn a_single_paper_stays_whole() {
        let doc = pack(&[
            "Budget Update\nPurpose of Report\nFor information.",
            "2. More text.\n3. Yet more.",
        ]);
        let parts = split_pack(&doc);
        assert_eq!(parts.len(), 1);
        assert_eq!((parts[0].first_page, parts[0].last_page), (1, 2));
    }

    #[test]
    fn unpaged_text_is_one_paper() {
        let doc = boardpack_read::read_text(b"Item 1\nA\nItem 2\nB").expect("text");
        assert_eq!(split_pack(&doc).len(), 1);
    }
}
