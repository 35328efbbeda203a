//! Preparing the block stream for parsing: website clutter, running headers and page
//! numbers dropped; inline ModernGov labels and link text split off; a paragraph number on
//! its own line joined to the text that follows it.

use std::collections::HashMap;
use std::sync::LazyLock;

use boardpack_read::{Block, Document, Marker};
use regex::Regex;

/// One non-blank line as the parser sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based source line.
    pub n: usize,
    /// The text without its marker.
    pub text: String,
    /// The list or paragraph marker, if any.
    pub marker: Option<Marker>,
    /// Whether the source line began with a tab (a layout table cell).
    pub tabbed: bool,
    /// Whether one or more blank lines came before this line.
    pub gap_before: bool,
    /// Whether link text ("pdf icon PDF 78 KB") was cut from the end of this line: the
    /// line was a link, which on meeting pages means an agenda item's title.
    pub linked: bool,
}

impl Line {
    /// The paragraph number, if the line opens with one.
    pub fn number(&self) -> Option<&str> {
        self.marker.as_ref().and_then(Marker::number)
    }

    /// The line as printed, marker included.
    pub fn full(&self) -> String {
        match &self.marker {
            None => self.text.clone(),
            Some(Marker::Number { number, dotted }) => {
                format!("{number}{} {}", if *dotted { "." } else { "" }, self.text)
            }
            Some(Marker::Paren(p)) => format!("({p}) {}", self.text),
            Some(Marker::Letter(c)) => format!("{c}) {}", self.text),
            Some(Marker::Roman(r)) => format!("{r}. {}", self.text),
            Some(Marker::Bullet) => format!("• {}", self.text),
        }
    }
}

static LINK_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:pdf icon\s*)?(?-u:\b)(?:PDF|DOC|DOCX|XLS|XLSX|RTF|HTML)\s+\d+(?:\.\d+)?\s*(?:KB|MB|B)(?-u:\b)\s*")
        .expect("valid regex")
});

static INLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)(Additional documents:|Supporting documents:|Decisions?:|Minutes:|Actions?:)",
    )
    .expect("valid regex")
});

static CLUTTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            skip\s+to\s+(?:main\s+)?(?:content|navigation|search|footer).*
          | advertisement | print\s+this\s+page | share\s+this\s+page | back\s+to\s+top
          | download | media | view\s+the\s+(?:agenda|minutes|declarations).* | browse\s+meetings
          | (?:note\s+)?no\.?\s+item | no\.?\s*\|\s*item\s*\|? | item\s*\| | [\s|:\-*]+
          | agenda\s+items | key\s+information | accompanying\s+documents:?
          | additional\s+meeting\s+documents:?
          | .*(?-u:\b)(?:we\s+use|this\s+site\s+uses|accept\s+(?:all\s+)?|reject\s+(?:all\s+)?|essential)\s+cookies.*
          | .*(?-u:\b)cookies?\s+(?:policy|settings|notice|preferences)(?-u:\b).*
          | (?:x\s+)?close\s+(?:this\s+)?(?:message|banner)
        )$",
    )
    .expect("valid regex")
});

/// Turns the document's blocks into the parser's lines.
pub(crate) fn prepare(doc: &Document) -> Vec<Line> {
    let blocks: Vec<&Block> = doc.blocks.iter().collect();
    let repeated = running_headers(&blocks);
    let mut out: Vec<Line> = Vec::with_capacity(blocks.len());
    let mut gap = false;
    // Everything before a breadcrumb trail ("Home > Council and Democracy > Issue") in the
    // first lines of a page is the site's banner.
    let start = blocks
        .iter()
        .take(15)
        .rposition(|b| is_breadcrumb(&b.raw))
        .map_or(0, |i| i + 1);
    for b in &blocks[start..] {
        if b.is_blank() {
            gap = true;
            continue;
        }
        let raw = b.raw.trim();
        if is_clutter(raw) || repeated.contains_key(raw) || is_page_number(b) {
            continue;
        }
        for (k, piece) in split_inline(raw).into_iter().enumerate() {
            let mut linked = false;
            let mut piece = piece;
            if let Some(m) = has_size_unit(&piece)
                .then(|| LINK_TEXT.find(&piece))
                .flatten()
            {
                linked = true;
                let before = piece[..m.start()].trim().to_string();
                let after = piece[m.end()..].trim().to_string();
                piece = before;
                if !after.is_empty() {
                    push_line(&mut out, b, &piece, gap || k > 0, tabbed_first(b, k), true);
                    gap = false;
                    piece = after;
                    linked = false;
                }
            }
            let piece = strip_glued_link_text(&piece);
            if piece.is_empty() || is_clutter(&piece) {
                continue;
            }
            push_line(&mut out, b, &piece, gap, tabbed_first(b, k), linked);
            gap = false;
        }
    }
    join_lone_markers(out)
}

/// Website furniture: short lines such as "Skip to main content", cookie notices.
fn is_clutter(s: &str) -> bool {
    (s.len() <= 80 || s.contains("ookie")) && CLUTTER.is_match(s)
}

/// A cheap test before the link-text pattern: "KB" or "MB" somewhere.
fn has_size_unit(s: &str) -> bool {
    s.contains("KB") || s.contains("MB") || s.contains("kb") || s.contains("Kb") || s.contains(" B")
}

fn tabbed_first(b: &Block, k: usize) -> bool {
    b.tabbed && k == 0
}

fn push_line(out: &mut Vec<Line>, b: &Block, text: &str, gap: bool, tabbed: bool, linked: bool) {
    if text.is_empty() {
        return;
    }
    let text = text.trim_end_matches(|c: char| c == '|' || c.is_whitespace());
    let text = text.trim_start_matches(|c: char| c == '|' || c.is_whitespace());
    if text.is_empty() {
        return;
    }
    // The reader has already analysed an unchanged line.
    let (marker, text) = if text == b.raw {
        (b.marker.clone(), b.text.clone())
    } else {
        let parsed = Block::from_line(b.line, text);
        (parsed.marker, parsed.text)
    };
    out.push(Line {
        n: b.line,
        text,
        marker,
        tabbed,
        gap_before: gap,
        linked,
    });
}

/// ModernGov pages run an item's parts together on one line ("Apologies Additional
/// documents: Decision: That ..."); split them so each label starts a line, keeping the
/// value after a label with it.
fn split_inline(raw: &str) -> Vec<String> {
    if !raw.contains(':') {
        return vec![raw.to_string()];
    }
    let starts: Vec<usize> = INLINE_LABEL
        .captures_iter(raw)
        .filter_map(|c| c.get(1))
        .filter(|m| {
            raw[m.end()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        })
        .map(|m| m.start())
        .collect();
    let mut pieces = Vec::new();
    let mut prev = 0;
    for &at in &starts {
        let piece = raw[prev..at].trim();
        if !piece.is_empty() {
            pieces.push(piece.to_string());
        }
        prev = at;
    }
    let piece = raw[prev..].trim();
    if !piece.is_empty() {
        pieces.push(piece.to_string());
    }
    pieces
}

/// "Declarations of Interestsee guidance note": link text glued to a title by a web page.
fn strip_glued_link_text(s: &str) -> String {
    if !s.ends_with("note") && !s.ends_with("note)") && !s.ends_with("NOTE") {
        return s.to_string();
    }
    let lower = s.to_lowercase();
    for tail in [
        "see guidance note",
        "- see guidance note",
        "(see guidance note)",
    ] {
        if lower.ends_with(tail) {
            return s[..s.len() - tail.len()].trim().to_string();
        }
    }
    s.to_string()
}

fn is_breadcrumb(raw: &str) -> bool {
    let lower = raw.to_lowercase();
    (lower.starts_with("home >")
        || lower.starts_with("home ›")
        || lower.starts_with("you are here"))
        && raw.len() < 200
}

/// A line that is only digits (a page number) or "Page 3 of 12".
fn is_page_number(b: &Block) -> bool {
    let t = b.raw.trim();
    if !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let lower = t.to_lowercase();
    lower.starts_with("page ")
        && lower
            .split_whitespace()
            .skip(1)
            .all(|w| w == "of" || w.chars().all(|c| c.is_ascii_digit()))
}

/// Short lines that repeat on every page of a PDF export ("CSC 12.02.2020"): they carry
/// a digit, are not labels or numbered, and occur at least twice.
fn running_headers(blocks: &[&Block]) -> HashMap<String, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for b in blocks {
        let t = b.raw.trim();
        if t.len() <= 40
            && b.marker.is_none()
            && b.label.is_none()
            && t.split_whitespace().count() <= 4
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars().any(|c| c.is_alphabetic())
        {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(t, n)| (t.to_string(), n))
        .collect()
}

/// "8.1. " on its own line takes the text of the next line; "(1)" "(2)" printed apart
/// from their text are dropped.
fn join_lone_markers(lines: Vec<Line>) -> Vec<Line> {
    let lone = |l: &Line| l.marker.is_some() && l.text.is_empty();
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut in_run = false;
    let mut iter = lines.into_iter().peekable();
    while let Some(mut line) = iter.next() {
        if !lone(&line) {
            in_run = false;
            out.push(line);
            continue;
        }
        let next_lone = iter.peek().is_some_and(lone);
        let next_text = iter.peek().is_some_and(|n| n.marker.is_none());
        if next_lone {
            in_run = true;
        } else if next_text
            && !in_run
            && let Some(next) = iter.next()
        {
            line.text = next.text;
            line.linked |= next.linked;
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let doc = boardpack_read::read_text(src.as_bytes()).unwrap();
        prepare(&doc).iter().map(Line::full).collect()
    }

    #[test]
    fn clutter_and_links() {
        assert_eq!(
            texts(
                "Skip to main content\nHome > Council > Issue\nQuestions pdf icon PDF 142 KB\nTitle"
            ),
            vec!["Questions", "Title"]
        );
        assert_eq!(
            texts("Declarations PDF 106 KB To receive declarations.\n"),
            vec!["Declarations", "To receive declarations."]
        );
    }

    #[test]
    fn inline_labels() {
        assert_eq!(
            texts("Apologies Additional documents: Decision: That apologies be received. |\n|\n"),
            vec![
                "Apologies",
                "Additional documents:",
                "Decision: That apologies be received."
            ]
        );
    }

    #[test]
    fn lone_markers() {
        assert_eq!(
            texts("8.1. \nSponsoring the work.\n(1)\n(2)\nThat a"),
            vec!["8.1. Sponsoring the work.", "That a"]
        );
    }

    #[test]
    fn running_headers_and_page_numbers() {
        assert_eq!(
            texts("CSC 1.2.2020\nText one.\n158\nCSC 1.2.2020\nText two."),
            vec!["Text one.", "Text two."]
        );
    }
}
