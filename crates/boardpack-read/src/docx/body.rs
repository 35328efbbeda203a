//! The walk through `w:body` that turns paragraphs, tables and text boxes into blocks.
//!
//! One paragraph is one line (a `w:br` or `w:cr` starts another), prefixed with its
//! automatic number as printed. Table cells are pushed as tab-prefixed lines, a row at a
//! time with a blank line after each row, as Word's plain-text export writes them; nested
//! tables are flattened into their cell. Text boxes are read once, after the paragraph
//! that anchors them (`mc:AlternateContent` offers the same box twice: only the first
//! branch is read). Field codes, deleted revisions and hidden runs are left out; field
//! results and inserted revisions are kept. Footnote and endnote references are dropped
//! with the notes themselves. Headers and footers are other parts and never reach here.
//!
//! Pages: explicit page breaks (`w:br w:type="page"`, `w:pageBreakBefore`) and the page
//! breaks Word recorded when it last laid the document out (`w:lastRenderedPageBreak`)
//! advance the page; a break right after another (nothing printed between) counts once.

use super::numbering::Numbering;
use super::styles::{Styles, num_ref};
use super::xml::{Element, Node, Ns};
use crate::Document;

/// The deepest nesting of complex fields followed.
const MAX_FIELD_DEPTH: usize = 64;

/// Walks a document body into a [`Document`].
pub(crate) struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    doc: Document,
    page: u32,
    /// Nothing has been printed since the last page break.
    page_fresh: bool,
    /// Open complex fields, innermost last: `true` once past `separate` (in the result).
    fields: Vec<bool>,
    /// How many table cells deep the walk is.
    cell_depth: usize,
}

/// The lines of one paragraph as they are gathered.
#[derive(Default)]
struct Lines<'e> {
    done: Vec<(String, u32)>,
    current: String,
    page: u32,
    /// Text boxes anchored in the paragraph, read after it.
    boxes: Vec<&'e Element>,
}

impl Lines<'_> {
    fn push_str(&mut self, s: &str, page: u32) {
        if self.current.is_empty() {
            self.page = page;
        }
        self.current.push_str(s);
    }

    fn push_char(&mut self, c: char, page: u32) {
        if self.current.is_empty() {
            self.page = page;
        }
        self.current.push(c);
    }

    fn break_line(&mut self, page: u32) {
        let line = std::mem::take(&mut self.current);
        let at = if line.is_empty() { page } else { self.page };
        self.done.push((line, at));
        self.page = page;
    }
}

impl<'a> Walker<'a> {
    /// A walker over a document with these styles and numbering definitions.
    pub fn new(styles: &'a Styles, numbering: &'a mut Numbering) -> Walker<'a> {
        Walker {
            styles,
            numbering,
            doc: Document::default(),
            page: 1,
            page_fresh: true,
            fields: Vec::new(),
            cell_depth: 0,
        }
    }

    /// The blocks gathered so far.
    pub fn finish(self) -> Document {
        self.doc
    }

    fn page_break(&mut self) {
        if !self.page_fresh {
            self.page += 1;
            self.page_fresh = true;
        }
    }

    /// Whether text is printed here (not inside a field's instructions).
    fn visible(&self) -> bool {
        self.fields.iter().all(|&in_result| in_result)
    }

    /// Block-level content: the body, a table cell, a text box, a content control.
    pub fn blocks(&mut self, container: &Element) {
        for el in container.elements() {
            self.block(el);
        }
    }

    /// One block-level element: a paragraph, a table, or something that wraps them.
    pub fn block(&mut self, el: &Element) {
        match (el.ns, el.name.as_str()) {
            (Ns::W, "p") => self.paragraph(el),
            (Ns::W, "tbl") => self.table(el),
            (Ns::W, "sdt") => {
                if let Some(content) = el.child(Ns::W, "sdtContent") {
                    self.blocks(content);
                }
            }
            (Ns::W, "customXml" | "ins" | "moveTo" | "smartTag") => self.blocks(el),
            (Ns::Mc, "AlternateContent") => {
                if let Some(branch) = branch(el) {
                    self.blocks(branch);
                }
            }
            _ => {}
        }
    }

    fn table(&mut self, tbl: &Element) {
        let mut rows = Vec::new();
        collect(tbl, "tr", &mut rows);
        for row in rows {
            let mut cells = Vec::new();
            collect(row, "tc", &mut cells);
            for cell in cells {
                self.cell_depth += 1;
                self.blocks(cell);
                self.cell_depth -= 1;
            }
            if self.cell_depth == 0 {
                self.doc.push_blank(self.page);
            }
        }
    }

    fn paragraph(&mut self, p: &Element) {
        let ppr = p.child(Ns::W, "pPr");
        let style = ppr
            .and_then(|ppr| ppr.child(Ns::W, "pStyle"))
            .and_then(|s| s.attr("val"))
            .or_else(|| self.styles.default_paragraph());
        let break_before = match ppr.and_then(|ppr| ppr.child(Ns::W, "pageBreakBefore")) {
            Some(el) => el.on(),
            None => style.is_some_and(|s| self.styles.page_break_before(s)),
        };
        if break_before {
            self.page_break();
        }

        let mut lines = Lines {
            page: self.page,
            ..Lines::default()
        };
        self.inline(p, &mut lines, false);
        lines.break_line(self.page);

        let label = self.label(ppr, style);
        let heading = style
            .and_then(|s| self.styles.heading_level(s))
            .filter(|&l| l <= 3);
        let empty = lines.done.iter().all(|(l, _)| l.trim().is_empty());
        if empty && label.is_none() {
            if self.cell_depth == 0 {
                self.doc.push_blank(self.page);
            }
        } else {
            let prefix = if self.cell_depth > 0 { "\t" } else { "" };
            for (i, (line, page)) in lines.done.iter().enumerate() {
                let mut text = clean(line);
                if i == 0
                    && let Some(label) = &label
                {
                    text = format!("{label}{}", text.trim_start());
                }
                if text.trim().is_empty() {
                    if self.cell_depth == 0 {
                        self.doc.push_blank(*page);
                    }
                    continue;
                }
                let text = format!("{prefix}{text}");
                match heading {
                    Some(level) if self.cell_depth == 0 => {
                        self.doc.push_heading(&text, level, *page)
                    }
                    _ => self.doc.push_line(&text, *page),
                }
            }
        }
        for b in std::mem::take(&mut lines.boxes) {
            self.blocks(b);
        }
    }

    /// The paragraph's automatic number, from its own `w:numPr` or its style's.
    fn label(&mut self, ppr: Option<&Element>, style: Option<&str>) -> Option<String> {
        let direct = ppr.and_then(num_ref);
        let from_style = style.and_then(|s| self.styles.numbering(s));
        let num_id = direct
            .as_ref()
            .and_then(|d| d.num_id.clone())
            .or_else(|| from_style.as_ref().and_then(|s| s.num_id.clone()))?;
        let ilvl = direct
            .as_ref()
            .and_then(|d| d.ilvl)
            .or_else(|| from_style.as_ref().and_then(|s| s.ilvl))
            .unwrap_or_else(|| self.numbering.level_for_style(&num_id, style, self.styles));
        self.numbering.next_label(&num_id, ilvl, self.styles)
    }

    /// Paragraph-level inline content: runs and the elements that wrap them.
    fn inline<'e>(&mut self, el: &'e Element, lines: &mut Lines<'e>, hidden: bool) {
        for child in el.elements() {
            match (child.ns, child.name.as_str()) {
                (Ns::W, "r") => self.run(child, lines, hidden),
                (
                    Ns::W,
                    "hyperlink" | "smartTag" | "customXml" | "ins" | "moveTo" | "fldSimple",
                )
                | (Ns::W, "dir" | "bdo") => self.inline(child, lines, hidden),
                (Ns::W, "sdt") => {
                    if let Some(content) = child.child(Ns::W, "sdtContent") {
                        self.inline(content, lines, hidden);
                    }
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(b) = branch(child) {
                        self.inline(b, lines, hidden);
                    }
                }
                (Ns::M, "oMathPara" | "oMath") if self.visible() && !hidden => {
                    let mut s = String::new();
                    math_text(child, &mut s);
                    lines.push_str(&s, self.page);
                    self.printed(&s);
                }
                (Ns::W, "drawing" | "pict" | "object") | (Ns::Other, _) => {
                    boxes(child, &mut lines.boxes);
                }
                _ => {}
            }
        }
    }

    fn printed(&mut self, s: &str) {
        if !s.trim().is_empty() {
            self.page_fresh = false;
        }
    }

    fn run<'e>(&mut self, r: &'e Element, lines: &mut Lines<'e>, hidden: bool) {
        let hidden = hidden
            || r.child(Ns::W, "rPr")
                .and_then(|rpr| rpr.child(Ns::W, "vanish"))
                .is_some_and(Element::on);
        for el in r.elements() {
            let shown = !hidden && self.visible();
            match (el.ns, el.name.as_str()) {
                (Ns::W, "t") if shown => {
                    let t = el.text();
                    lines.push_str(&t, self.page);
                    self.printed(&t);
                }
                (Ns::W, "tab" | "ptab") if shown => lines.push_char('\t', self.page),
                (Ns::W, "br") if shown => match el.attr("type") {
                    Some("page") => {
                        if !lines.current.trim().is_empty() {
                            lines.break_line(self.page);
                        }
                        self.page_break();
                    }
                    Some("column") => lines.push_char(' ', self.page),
                    _ => lines.break_line(self.page),
                },
                (Ns::W, "cr") if shown => lines.break_line(self.page),
                (Ns::W, "noBreakHyphen") if shown => lines.push_char('-', self.page),
                (Ns::W, "sym") if shown => {
                    if let Some(c) = symbol(el) {
                        lines.push_char(c, self.page);
                        self.page_fresh = false;
                    }
                }
                (Ns::W, "lastRenderedPageBreak") => self.page_break(),
                (Ns::W, "fldChar") => match el.attr("fldCharType") {
                    Some("begin") if self.fields.len() < MAX_FIELD_DEPTH => {
                        self.fields.push(false);
                    }
                    Some("separate") => {
                        if let Some(top) = self.fields.last_mut() {
                            *top = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                (Ns::W, "ruby") => {
                    if let Some(base) = el.child(Ns::W, "rubyBase") {
                        self.inline(base, lines, hidden);
                    }
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(b) = branch(el) {
                        self.run(b, lines, hidden);
                    }
                }
                (Ns::W, "drawing" | "pict" | "object") | (Ns::Other, _) => {
                    boxes(el, &mut lines.boxes);
                }
                _ => {}
            }
        }
    }
}

/// The branch of `mc:AlternateContent` to read: the first `mc:Choice`, else the fallback.
fn branch(ac: &Element) -> Option<&Element> {
    ac.child(Ns::Mc, "Choice")
        .or_else(|| ac.child(Ns::Mc, "Fallback"))
}

/// Rows of a table or cells of a row, looking through content controls and custom XML.
fn collect<'e>(el: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    for c in el.elements() {
        if c.is(Ns::W, name) {
            out.push(c);
        } else if c.ns == Ns::W && matches!(c.name.as_str(), "sdt" | "sdtContent" | "customXml") {
            collect(c, name, out);
        }
    }
}

/// Text boxes (`w:txbxContent`) inside a drawing, taking one branch of each
/// `mc:AlternateContent`.
fn boxes<'e>(el: &'e Element, out: &mut Vec<&'e Element>) {
    if el.is(Ns::W, "txbxContent") {
        out.push(el);
        return;
    }
    if el.is(Ns::Mc, "AlternateContent") {
        if let Some(b) = branch(el) {
            boxes(b, out);
        }
        return;
    }
    for c in el.elements() {
        boxes(c, out);
    }
}

fn math_text(el: &Element, out: &mut String) {
    for c in &el.children {
        match c {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => math_text(e, out),
        }
    }
}

/// A `w:sym` character. Symbol-font code points (F0xx) become what they show where a
/// common one (the bullet) is meant; others are kept.
fn symbol(el: &Element) -> Option<char> {
    let code = u32::from_str_radix(el.attr("char")?.trim(), 16).ok()?;
    let code = match code {
        0xF0B7 | 0x00B7 => 0x00B7,
        0xF020..=0xF0FF
            if el
                .attr("font")
                .is_some_and(|f| f.eq_ignore_ascii_case("symbol")) =>
        {
            code - 0xF000
        }
        c => c,
    };
    char::from_u32(code).filter(|c| !c.is_control())
}

/// Odd spaces to spaces, invisible characters removed (as the plain-text reader does).
fn clean(s: &str) -> String {
    crate::text::normalise_chars(s)
}
