//! Element events to lines, laid out the way a paper's plain-text copy reads.
//!
//! Paragraphs and headings become lines with a blank line around them; `<br>` ends a
//! line; list items get a marker the block parser knows ("• " in `<ul>`, "3. " or "b. "
//! in `<ol>`, honouring `start`, `value` and `type`); a table row of a label and a value
//! ("Contact officer: | Jo Bloggs") becomes one "Label: value" line, other rows of short
//! cells become tab-prefixed cell lines as word processors export them, and cells holding
//! paragraphs (ModernGov's item tables) keep their lines. `<dt>`/`<dd>` pairs are read as
//! label rows. Not for deciding what is page furniture: `tree.rs` has already dropped it.

use super::tree::{Elem, Event, is_heading};

/// One output line, or a paragraph boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Out {
    /// A line of text and its heading level (1-6 for `<h1>`-`<h6>`).
    Line(String, Option<u8>),
    /// A blank line.
    Blank,
}

/// What an open element does when it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Inline,
    /// Ends the line.
    Block,
    /// Ends the line and the paragraph (unless inside a list item).
    Para,
    Heading(u8),
    List,
    Item,
    Grid,
    Row,
    Cell,
    Pre,
}

#[derive(Debug)]
struct List {
    ordered: bool,
    next: i64,
    style: char,
}

#[derive(Debug, Default)]
struct Cell {
    out: Vec<Out>,
    header: bool,
}

#[derive(Debug)]
struct Grid {
    /// A `<dl>` rather than a `<table>`.
    dl: bool,
    row: Option<Vec<Cell>>,
}

/// The layout state while walking the events.
#[derive(Debug, Default)]
struct Renderer {
    /// Where lines go: the document at the bottom, a table cell's buffer above it.
    targets: Vec<Vec<Out>>,
    line: String,
    space: bool,
    frames: Vec<Kind>,
    lists: Vec<List>,
    grids: Vec<Grid>,
    /// The marker (with its indentation) for the next line of a list item.
    marker: Option<(String, bool)>,
    headings: Vec<u8>,
    pre: usize,
    /// Right after `<pre>`, where one leading newline is ignored.
    pre_start: bool,
}

/// Lays out events as lines.
pub(super) fn render(events: &[Event]) -> Vec<Out> {
    let mut r = Renderer {
        targets: vec![Vec::new()],
        ..Renderer::default()
    };
    for e in events {
        match e {
            Event::Open(elem) => r.open(elem),
            Event::Close => r.close(),
            Event::Text(t) => r.text(t),
            Event::Break => r.flush(),
        }
    }
    while !r.frames.is_empty() {
        r.close();
    }
    r.flush();
    r.targets.swap_remove(0)
}

impl Renderer {
    fn target(&mut self) -> &mut Vec<Out> {
        if self.targets.is_empty() {
            self.targets.push(Vec::new());
        }
        let last = self.targets.len() - 1;
        &mut self.targets[last]
    }

    fn blank(&mut self) {
        self.flush();
        let t = self.target();
        if t.last().is_some_and(|o| *o != Out::Blank) {
            t.push(Out::Blank);
        }
    }

    /// Whether the innermost container is a list item (where paragraphs do not add
    /// blank lines between a marker and its text).
    fn in_item(&self) -> bool {
        self.frames
            .iter()
            .rev()
            .find(|k| matches!(k, Kind::Item | Kind::Cell))
            .is_some_and(|k| *k == Kind::Item)
    }

    fn para(&mut self) {
        if self.in_item() {
            self.flush();
        } else {
            self.blank();
        }
    }

    fn open(&mut self, elem: &Elem) {
        let name = elem.name.as_str();
        let kind = match name {
            "br" => {
                if self.line.trim().is_empty() {
                    self.blank();
                } else {
                    self.flush();
                }
                Kind::Inline
            }
            "hr" => {
                self.blank();
                Kind::Inline
            }
            "p" | "blockquote" | "address" | "figure" => {
                self.para();
                Kind::Para
            }
            _ if is_heading(name) => {
                self.para();
                let level = name[1..].parse().unwrap_or(1);
                self.headings.push(level);
                Kind::Heading(level)
            }
            "ul" | "ol" | "menu" | "dir" => {
                self.para();
                let style = elem.list_type.unwrap_or('1');
                self.lists.push(List {
                    ordered: name == "ol",
                    next: elem.number.unwrap_or(1),
                    style,
                });
                Kind::List
            }
            "li" => {
                self.flush();
                let indent = "    ".repeat(self.lists.len().saturating_sub(1));
                let (text, ordered) = match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        let n = elem.number.unwrap_or(list.next);
                        list.next = n.saturating_add(1);
                        (number_marker(n, elem.list_type.unwrap_or(list.style)), true)
                    }
                    _ => ("• ".to_string(), false),
                };
                self.marker = Some((indent + &text, ordered));
                Kind::Item
            }
            "table" | "dl" => {
                self.para();
                self.grids.push(Grid {
                    dl: name == "dl",
                    row: None,
                });
                Kind::Grid
            }
            "tr" if self.grids.last().is_some_and(|g| !g.dl) => {
                self.flush();
                self.finish_row();
                if let Some(g) = self.grids.last_mut() {
                    g.row = Some(Vec::new());
                }
                Kind::Row
            }
            "td" | "th" | "dt" | "dd"
                if self
                    .grids
                    .last()
                    .is_some_and(|g| g.dl == matches!(name, "dt" | "dd")) =>
            {
                self.flush();
                if name == "dt" {
                    self.finish_row();
                }
                if let Some(g) = self.grids.last_mut() {
                    g.row.get_or_insert_with(Vec::new);
                }
                self.targets.push(Vec::new());
                self.frames.push(Kind::Cell);
                if let Some(row) = self.grids.last_mut().and_then(|g| g.row.as_mut()) {
                    row.push(Cell {
                        out: Vec::new(),
                        header: matches!(name, "th" | "dt"),
                    });
                }
                return;
            }
            "pre" => {
                self.para();
                self.pre += 1;
                self.pre_start = true;
                Kind::Pre
            }
            "div" | "section" | "article" | "main" | "header" | "footer" | "form" | "fieldset"
            | "details" | "summary" | "center" | "legend" | "caption" | "hgroup" | "figcaption"
            | "tr" | "td" | "th" | "dt" | "dd" | "body" | "html" | "tbody" | "thead" | "tfoot"
            | "label" => {
                self.flush();
                Kind::Block
            }
            _ => Kind::Inline,
        };
        self.frames.push(kind);
    }

    fn close(&mut self) {
        let Some(kind) = self.frames.pop() else {
            return;
        };
        match kind {
            // "<b>Decision Maker:</b>Cabinet" reads "Decision Maker: Cabinet".
            Kind::Inline => {
                if self.line.ends_with(':') {
                    self.space = true;
                }
            }
            Kind::Block => self.flush(),
            Kind::Para => self.para(),
            Kind::Heading(_) => {
                self.flush();
                self.headings.pop();
                self.para();
            }
            Kind::List => {
                self.lists.pop();
                self.para();
            }
            Kind::Item => {
                self.flush();
                self.marker = None;
            }
            Kind::Grid => {
                self.flush();
                self.finish_row();
                self.grids.pop();
                self.para();
            }
            Kind::Row => {
                self.flush();
                self.finish_row();
            }
            Kind::Cell => {
                self.flush();
                let out = if self.targets.len() > 1 {
                    self.targets.pop().unwrap_or_default()
                } else {
                    Vec::new()
                };
                let cell = self
                    .grids
                    .last_mut()
                    .and_then(|g| g.row.as_mut())
                    .and_then(|row| row.last_mut());
                match cell {
                    Some(cell) => cell.out = out,
                    None => self.target().extend(out),
                }
            }
            Kind::Pre => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
                self.para();
            }
        }
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if self.pre > 0 {
                match c {
                    '\n' => {
                        if !(self.pre_start && self.line.is_empty()) {
                            self.flush_pre_line();
                        }
                    }
                    '\r' => {}
                    c => self.line.push(c),
                }
                self.pre_start = false;
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(c);
            }
        }
    }

    fn flush_pre_line(&mut self) {
        let text = clean(&self.line);
        self.line.clear();
        if text.trim().is_empty() {
            let t = self.target();
            if t.last().is_some_and(|o| *o != Out::Blank) {
                t.push(Out::Blank);
            }
        } else {
            let text = text.trim_end().to_string();
            self.push_text(text);
        }
    }

    /// Ends the current line.
    fn flush(&mut self) {
        self.space = false;
        if self.line.is_empty() {
            return;
        }
        let text = clean(&self.line);
        self.line.clear();
        let text = text.trim();
        if !text.is_empty() {
            self.push_text(text.to_string());
        }
    }

    fn push_text(&mut self, text: String) {
        let text = match self.marker.take() {
            Some((marker, ordered)) => {
                let has = crate::Block::from_line(0, &text).marker;
                let marked = if ordered {
                    has.is_some()
                } else {
                    has == Some(crate::Marker::Bullet)
                };
                if marked {
                    let indent = marker.len() - marker.trim_start().len();
                    format!("{}{text}", &marker[..indent])
                } else {
                    marker + &text
                }
            }
            None => text,
        };
        let level = self.headings.last().copied();
        self.target().push(Out::Line(text, level));
    }

    /// Lays out the row in progress of the innermost table or list of definitions.
    fn finish_row(&mut self) {
        let Some(grid) = self.grids.last_mut() else {
            return;
        };
        let dl = grid.dl;
        let Some(cells) = grid.row.take() else {
            return;
        };
        let texts: Vec<Vec<&str>> = cells
            .iter()
            .map(|c| {
                c.out
                    .iter()
                    .filter_map(|o| match o {
                        Out::Line(t, _) => Some(t.as_str()),
                        Out::Blank => None,
                    })
                    .collect()
            })
            .collect();
        if texts.iter().all(Vec::is_empty) {
            return;
        }
        let mut out = Vec::new();
        if let Some(line) = label_row(&cells, &texts, dl) {
            out.push(Out::Line(line, None));
        } else if !dl && texts.iter().all(|t| t.len() <= 1) {
            for t in texts.iter().filter_map(|t| t.first()) {
                out.push(Out::Line(format!("\t{t}"), None));
            }
            out.push(Out::Blank);
        } else {
            for cell in cells {
                if cell.out.iter().any(|o| matches!(o, Out::Line(..))) {
                    out.extend(cell.out);
                    out.push(Out::Blank);
                }
            }
        }
        let target = self.target();
        for o in out {
            if o != Out::Blank || target.last().is_some_and(|l| *l != Out::Blank) {
                target.push(o);
            }
        }
    }
}

/// "Contact officer:" | "Jo Bloggs" as one line: a row of two cells whose first is a short
/// label (ending in a colon or question mark, or a header cell beside a data cell).
fn label_row(cells: &[Cell], texts: &[Vec<&str>], dl: bool) -> Option<String> {
    let [first, second] = texts else {
        return None;
    };
    let [label] = first.as_slice() else {
        return None;
    };
    if second.len() > 1 || label.len() > 60 || label.split(' ').count() > 8 {
        return None;
    }
    let punctuated = label.ends_with(':') || label.ends_with('?');
    if !(punctuated || dl || cells[0].header && !cells[1].header) {
        return None;
    }
    Some(match second.first() {
        None => label.to_string(),
        Some(value) if punctuated => format!("{label} {value}"),
        Some(value) => format!("{label}: {value}"),
    })
}

/// The marker of the `n`th item of an ordered list of the given `type`.
fn number_marker(n: i64, style: char) -> String {
    match style {
        'a' | 'A' if (1..=18_278).contains(&n) => {
            let mut s = Vec::new();
            let mut k = n;
            while k > 0 {
                k -= 1;
                s.push(b'a' + (k % 26) as u8);
                k /= 26;
            }
            s.reverse();
            let s = String::from_utf8_lossy(&s).into_owned();
            if style == 'A' {
                format!("{}) ", s.to_ascii_uppercase())
            } else {
                format!("{s}. ")
            }
        }
        'i' | 'I' if (1..4000).contains(&n) => {
            let mut s = roman(n);
            if style == 'I' {
                s = s.to_ascii_uppercase();
            }
            format!("{s}. ")
        }
        _ => format!("{n}. "),
    }
}

fn roman(n: i64) -> String {
    crate::block::roman(n)
}

/// Odd spaces to spaces; invisible characters, soft hyphens and control codes out.
fn clean(s: &str) -> String {
    crate::text::normalise_chars(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_markers() {
        let cases = [
            (1, '1', "1. "),
            (3, 'a', "c. "),
            (28, 'a', "ab. "),
            (2, 'A', "B) "),
            (4, 'i', "iv. "),
            (9, 'I', "IX. "),
            (0, 'a', "0. "),
            (-2, 'i', "-2. "),
        ];
        for (n, style, want) in cases {
            assert_eq!(number_marker(n, style), want, "{n} {style}");
        }
    }
}
