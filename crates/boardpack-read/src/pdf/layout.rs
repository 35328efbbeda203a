//! Layout: positioned glyphs → the lines and paragraphs a plain-text export would have.
//!
//! Glyphs on one baseline become a line, split into fragments where a gap is wider than
//! any word space (tab stops, table columns). Running headers, footers and page numbers
//! are dropped when they repeat across pages in the same band. Wrapped lines of one
//! paragraph are joined (a line is a wrap when the next line's first word would not have
//! fitted after it), with line-end hyphens removed or kept. Tables drawn with ruling
//! lines become one tab-prefixed line per cell and a blank line after each row; rows of
//! a borderless layout with wide gaps are treated the same way, one cell per fragment.
//! Not for: multi-column page layouts, rotated text, reading order across floats.

use std::collections::{HashMap, HashSet};

use super::content::{Glyph, PageContent, Rule};
use crate::Document;

/// A run of glyphs on one line with no wide gap inside.
#[derive(Debug, Clone)]
struct Frag {
    x0: f32,
    x1: f32,
    /// Where the text proper starts: after a merged marker, the text's indent.
    body: f32,
    /// Right edge of the first word.
    first_word_end: f32,
    text: String,
}

/// One baseline's text on one page.
#[derive(Debug, Clone)]
struct Line {
    y: f32,
    size: f32,
    frags: Vec<Frag>,
}

impl Line {
    fn x0(&self) -> f32 {
        self.frags.first().map_or(0.0, |f| f.x0)
    }
    fn x1(&self) -> f32 {
        self.frags.last().map_or(0.0, |f| f.x1)
    }
    fn text(&self) -> String {
        let parts: Vec<&str> = self.frags.iter().map(|f| f.text.as_str()).collect();
        parts.join(" ")
    }
}

/// Builds the document from the pages' content.
pub(super) fn build(pages: &[PageContent]) -> Document {
    let mut lines: Vec<Vec<Line>> = pages
        .iter()
        .map(|p| page_lines(&p.glyphs, &p.rules))
        .collect();
    drop_running_lines(&mut lines);
    let words = word_set(&lines);
    let pitch = line_pitch(&lines);
    // The right text margin: the furthest right any plain line reaches (pages with few
    // lines, such as a last page, would otherwise understate it).
    let right = lines
        .iter()
        .zip(pages)
        .flat_map(|(ls, p)| {
            let g = grids(&p.rules);
            ls.iter()
                .filter(move |l| l.frags.len() == 1 && !in_grid(&g, l))
                .map(Line::x1)
                .collect::<Vec<_>>()
        })
        .fold(0.0, f32::max);
    let mut out = Writer {
        doc: Document::default(),
        words,
        pitch,
        para: None,
        last_header: None,
    };
    for (i, (page_lines, content)) in lines.into_iter().zip(pages).enumerate() {
        out.page((i + 1) as u32, page_lines, &content.rules, right);
    }
    out.flush();
    while out.doc.blocks.last().is_some_and(|b| b.is_blank()) {
        out.doc.blocks.pop();
    }
    out.doc
}

/// Groups glyphs into lines (same baseline) and lines into fragments (no wide gap).
fn page_lines(glyphs: &[Glyph], rules: &[Rule]) -> Vec<Line> {
    let verticals: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.x1 - r.x0 < 1.5)
        .take(2_000)
        .collect();
    let mut order: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite())
        .collect();
    order.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut base = f32::NAN;
    for g in order {
        let tol = 0.35 * g.size.max(1.0);
        match rows.last_mut() {
            Some(row) if (base - g.y).abs() <= tol => row.push(g),
            _ => {
                base = g.y;
                rows.push(vec![g]);
            }
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let size = row
            .iter()
            .filter(|g| g.ch != ' ')
            .map(|g| g.size)
            .fold(0.0, f32::max);
        let y = row.iter().find(|g| g.ch != ' ').map_or(row[0].y, |g| g.y);
        let mut frags: Vec<Frag> = Vec::new();
        let mut cur: Option<Frag> = None;
        let mut space_pending = false;
        let mut space_width = 0.0f32;
        for g in row {
            if g.ch == ' ' || g.ch == '\u{a0}' || g.ch.is_control() {
                if g.ch != '\u{0}' {
                    space_pending = true;
                    space_width += g.w;
                }
                continue;
            }
            if let Some(f) = cur.as_mut() {
                let gap = g.x - f.x1;
                let em = g.size.max(1.0);
                let wide = if space_pending {
                    gap - space_width > 1.5 * em
                } else {
                    gap > 0.9 * em
                };
                let ruled = verticals
                    .iter()
                    .any(|r| r.x0 > f.x1 - 0.5 && r.x0 < g.x + 0.5 && r.y0 <= g.y && r.y1 >= g.y);
                let wide = wide || ruled;
                if wide {
                    frags.extend(cur.take());
                } else {
                    if space_pending || gap > 0.18 * em {
                        if !f.text.contains(' ') {
                            f.first_word_end = f.x1;
                        }
                        f.text.push(' ');
                    }
                    f.text.push(g.ch);
                    f.x1 = f.x1.max(g.x + g.w);
                }
            }
            if cur.is_none() {
                cur = Some(Frag {
                    x0: g.x,
                    body: g.x,
                    first_word_end: f32::NAN,
                    x1: g.x + g.w,
                    text: g.ch.to_string(),
                });
            }
            space_pending = false;
            space_width = 0.0;
        }
        frags.extend(cur);
        if !frags.is_empty() {
            lines.push(Line { y, size, frags });
        }
    }
    lines
}

/// Text with digits folded, for comparing running headers and page numbers.
fn running_key(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_digit() {
            '#'
        } else {
            c.to_ascii_lowercase()
        };
        if c == '#' && out.ends_with('#') || c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

/// "3", "Page 3", "Page 3 of 7", "- 3 -", "3 | Page".
fn is_page_number(key: &str) -> bool {
    let k = key.trim_matches(|c: char| c == '-' || c == '|' || c == '–');
    matches!(
        k,
        "#" | "page#" | "page#of#" | "#of#" | "#/#" | "p#" | "p.#" | "pg#" | "#|page" | "page|#"
    )
}

/// How many lines at the top and bottom of a page can be running headers or footers.
const BAND_LINES: usize = 3;

/// Drops lines at the top or bottom of pages that repeat (modulo numbers) on other pages
/// at the same height, and lone page numbers.
fn drop_running_lines(pages: &mut [Vec<Line>]) {
    let mut seen: HashMap<(String, i32), HashSet<usize>> = HashMap::new();
    let candidates = |lines: &[Line]| -> Vec<usize> {
        let n = lines.len();
        let mut idx: Vec<usize> = (0..n.min(BAND_LINES)).collect();
        idx.extend(n.saturating_sub(BAND_LINES).max(BAND_LINES.min(n))..n);
        idx
    };
    for (p, lines) in pages.iter().enumerate() {
        for i in candidates(lines) {
            let key = running_key(&lines[i].text());
            let band = (lines[i].y / 6.0).round() as i32;
            for b in [band - 1, band, band + 1] {
                seen.entry((key.clone(), b)).or_default().insert(p);
            }
        }
    }
    for p in 0..pages.len() {
        let drop: HashSet<usize> = candidates(&pages[p])
            .into_iter()
            .filter(|&i| {
                let line = &pages[p][i];
                let key = running_key(&line.text());
                let band = (line.y / 6.0).round() as i32;
                is_page_number(&key) || seen.get(&(key, band)).is_some_and(|s| s.len() >= 2)
            })
            .collect();
        let mut i = 0;
        pages[p].retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }
}

/// Lower-case words of the whole document, for deciding line-end hyphens. The pieces of
/// a word split at a line end ("hou-" / "seholds") are left out.
fn word_set(pages: &[Vec<Line>]) -> HashSet<String> {
    let mut words = HashSet::new();
    let mut after_hyphen = false;
    for line in pages.iter().flatten() {
        let text = line.text();
        let tokens: Vec<&str> = text.split(' ').collect();
        let n = tokens.len();
        for (i, tok) in tokens.iter().enumerate() {
            if i == 0 && after_hyphen || i + 1 == n && tok.ends_with('-') {
                continue;
            }
            for w in tok.split(|c: char| !c.is_alphabetic() && c != '-') {
                let w = w.trim_matches('-');
                if !w.is_empty() {
                    words.insert(w.to_lowercase());
                    for part in w.split('-').filter(|p| !p.is_empty()) {
                        words.insert(part.to_lowercase());
                    }
                }
            }
        }
        after_hyphen = text.ends_with('-');
    }
    words
}

/// The usual distance between baselines of consecutive lines, relative to font size.
fn line_pitch(pages: &[Vec<Line>]) -> f32 {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for lines in pages {
        for w in lines.windows(2) {
            let size = w[0].size.max(1.0);
            if (w[1].size - size).abs() < 0.5 {
                let r = (w[0].y - w[1].y) / size;
                if (0.9..1.7).contains(&r) {
                    *counts.entry((r * 20.0).round() as i32).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, c)| (c, -k))
        .map_or(1.2, |(k, _)| k as f32 / 20.0)
}

/// Whether a fragment is a paragraph or list marker ("1.", "2.3", "(a)", "•").
fn is_marker(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() == 1 {
        return matches!(
            t.chars().next(),
            Some(
                '•' | '·'
                    | '▪'
                    | '■'
                    | '●'
                    | '○'
                    | '◦'
                    | '-'
                    | '–'
                    | '\u{f0b7}'
                    | '\u{f0a7}'
                    | 'o'
                    | '*'
            )
        );
    }
    if t.len() > 8 {
        return false;
    }
    let b = crate::Block::from_line(1, &format!("{t} x"));
    b.marker.is_some() && b.text == "x"
}

/// A cell grid drawn with ruling lines.
struct Grid {
    top: f32,
    bottom: f32,
    left: f32,
    right: f32,
    /// Row boundaries, top to bottom.
    rows: Vec<f32>,
    /// Column boundaries, left to right.
    cols: Vec<f32>,
}

/// Tables from ruling lines: connected horizontal and vertical rules that enclose
/// at least one cell.
fn grids(rules: &[Rule]) -> Vec<Grid> {
    let rules = &rules[..rules.len().min(2_000)];
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touch = |a: &Rule, b: &Rule| {
        a.x0 <= b.x1 + 2.0 && b.x0 <= a.x1 + 2.0 && a.y0 <= b.y1 + 2.0 && b.y0 <= a.y1 + 2.0
    };
    for i in 0..n {
        for j in i + 1..n {
            if touch(&rules[i], &rules[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut comps: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        comps.entry(r).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in comps.values() {
        let mut ys: Vec<f32> = Vec::new();
        let mut xs: Vec<f32> = Vec::new();
        for &i in members {
            let r = &rules[i];
            if r.y1 - r.y0 < 1.5 {
                ys.push((r.y0 + r.y1) / 2.0);
            } else {
                xs.push((r.x0 + r.x1) / 2.0);
            }
        }
        let merge = |v: &mut Vec<f32>, desc: bool| {
            v.sort_by(|a, b| if desc { b.total_cmp(a) } else { a.total_cmp(b) });
            v.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        };
        merge(&mut ys, true);
        merge(&mut xs, false);
        if ys.len() < 2 || xs.len() < 2 {
            continue;
        }
        out.push(Grid {
            top: ys[0],
            bottom: ys[ys.len() - 1],
            left: xs[0],
            right: xs[xs.len() - 1],
            rows: ys,
            cols: xs,
        });
    }
    out.sort_by(|a, b| b.top.total_cmp(&a.top));
    out
}

/// An open paragraph: its text so far and the geometry of its last line.
struct Para {
    text: String,
    page: u32,
    last: Line,
    /// Left edge of continuation lines (after a marker, the text's indent).
    body_x: f32,
    /// Right text margin of the page the last line is on.
    right: f32,
    /// Left edge of the first line, and whether it opens with a marker.
    first_x: f32,
    marker: bool,
}

struct Writer {
    doc: Document,
    words: HashSet<String>,
    pitch: f32,
    para: Option<Para>,
    last_header: Option<Vec<String>>,
}

impl Writer {
    fn page(&mut self, page: u32, lines: Vec<Line>, rules: &[Rule], right: f32) {
        let grids = grids(rules);
        let mut done_grids: HashSet<usize> = HashSet::new();
        let mut first_item = true;
        for line in lines.iter() {
            if let Some(g) = grids.iter().position(|g| contains(g, line)) {
                if done_grids.insert(g) {
                    self.flush();
                    self.table(page, &grids[g], &lines, first_item);
                }
                first_item = false;
                continue;
            }
            first_item = false;
            let line = merge_label(merge_marker(line.clone()));
            if line.frags.len() > 1 {
                self.flush();
                self.doc.push_blank(page);
                for f in &line.frags {
                    self.doc.push_line(&format!("\t{}", f.text), page);
                }
                self.doc.push_blank(page);
                continue;
            }
            self.add_line(page, line, right);
        }
    }

    fn add_line(&mut self, page: u32, line: Line, right: f32) {
        let text = line.text();
        let starts_marker =
            line.frags.len() == 1 && starts_with_marker(&text) && !starts_with_year(&text);
        if let Some(p) = &self.para {
            let same_page = p.page == page;
            let size = p.last.size.max(1.0);
            let gap = p.last.y - line.y;
            let normal_gap = !same_page || (gap > 0.0 && gap <= self.pitch * size * 1.3);
            let similar = (line.size - p.last.size).abs() <= 0.15 * size;
            let first_word = first_word_width(&line);
            let wrapped = p.last.x1() + 0.3 * size + first_word >= p.right - 0.5 * size;
            let aligned = (line.x0() - p.body_x).abs() <= 1.5 * size
                || line.x0() < p.body_x
                || p.marker && line.x0() >= p.first_x && line.x0() <= p.first_x + 4.0 * size;
            let lower = text.chars().next().is_some_and(char::is_lowercase);
            let ends_open = !p.text.ends_with(['.', ':', '?', '!', ';']);
            let joins = normal_gap
                && similar
                && !starts_marker
                && aligned
                && (wrapped || (lower && ends_open && same_page));
            if joins {
                let mut p = self.para.take().unwrap_or_else(|| unreachable!());
                join_text(&mut p.text, &text, &self.words);
                p.last = line;
                p.page = page;
                p.right = right;
                self.para = Some(p);
                return;
            }
            let blank = !same_page || gap > self.pitch * size * 1.3;
            self.flush();
            if blank {
                self.doc.push_blank(page);
            }
        }
        let body_x = line.frags.first().map_or(0.0, |f| f.body);
        self.para = Some(Para {
            first_x: line.x0(),
            marker: starts_marker,
            text,
            page,
            last: line,
            body_x,
            right,
        });
    }

    fn flush(&mut self) {
        if let Some(p) = self.para.take() {
            self.doc.push_line(&p.text, p.page);
        }
    }

    fn table(&mut self, page: u32, g: &Grid, lines: &[Line], first_on_page: bool) {
        let nrows = g.rows.len() - 1;
        let ncols = g.cols.len() - 1;
        let mut cells: Vec<Vec<String>> = vec![vec![String::new(); ncols]; nrows];
        for line in lines.iter().filter(|l| contains(g, l)) {
            let Some(r) =
                (0..nrows).find(|&r| line.y <= g.rows[r] + 1.0 && line.y >= g.rows[r + 1] - 1.0)
            else {
                continue;
            };
            for f in &line.frags {
                let cx = f.x0 + 1.0;
                let c = (0..ncols)
                    .find(|&c| cx >= g.cols[c] - 1.0 && cx < g.cols[c + 1])
                    .unwrap_or(0);
                let cell = &mut cells[r][c];
                if cell.is_empty() {
                    cell.push_str(&f.text);
                } else {
                    join_text(cell, &f.text, &self.words);
                }
            }
        }
        let rows: Vec<Vec<String>> = cells
            .into_iter()
            .map(|r| r.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>())
            .filter(|r| !r.is_empty())
            .collect();
        self.doc.push_blank(page);
        for (i, row) in rows.iter().enumerate() {
            if i == 0 && first_on_page && self.last_header.as_ref() == Some(row) {
                continue;
            }
            for c in row {
                self.doc.push_line(&format!("\t{c}"), page);
            }
            self.doc.push_blank(page);
        }
        if let Some(first) = rows.first()
            && !(first_on_page && self.last_header.as_ref() == Some(first))
        {
            self.last_header = Some(first.clone());
        }
    }
}

fn in_grid(grids: &[Grid], l: &Line) -> bool {
    grids.iter().any(|g| contains(g, l))
}

fn contains(g: &Grid, l: &Line) -> bool {
    l.y <= g.top + 1.0 && l.y >= g.bottom - 1.0 && l.x0() >= g.left - 2.0 && l.x1() <= g.right + 2.0
}

/// "1." + "Officers have ..." on one baseline become one fragment "1. Officers have ...".
fn merge_marker(mut line: Line) -> Line {
    if line.frags.len() >= 2 && is_marker(&line.frags[0].text) {
        let rest = line.frags.remove(1);
        let first = &mut line.frags[0];
        first.text = format!("{} {}", first.text, rest.text);
        first.x1 = rest.x1;
        first.body = rest.x0;
    }
    line
}

/// "Email:" + "a.b@example.gov.uk" at a tab stop become "Email: a.b@example.gov.uk".
fn merge_label(mut line: Line) -> Line {
    if line.frags.len() == 2 && line.frags[0].text.ends_with(':') && line.frags[0].text.len() <= 40
    {
        let rest = line.frags.remove(1);
        let first = &mut line.frags[0];
        first.text = format!("{} {}", first.text, rest.text);
        first.x1 = rest.x1;
    }
    line
}

/// "2026." at the start of a wrapped line is a year, not a paragraph number.
fn starts_with_year(text: &str) -> bool {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits.len() == 4
        && (digits.starts_with("19") || digits.starts_with("20"))
        && !text[4..].starts_with(".1")
}

fn starts_with_marker(text: &str) -> bool {
    let b = crate::Block::from_line(1, text);
    b.marker.is_some()
}

fn first_word_width(line: &Line) -> f32 {
    let Some(f) = line.frags.first() else {
        return 0.0;
    };
    let end = if f.first_word_end.is_nan() {
        f.x1
    } else {
        f.first_word_end
    };
    end - f.x0
}

/// Words commonly written with a hyphen before another word ("sub-group", "co-design").
const PREFIXES: &[&str] = &[
    "sub",
    "co",
    "non",
    "pre",
    "post",
    "self",
    "cross",
    "multi",
    "well",
    "long",
    "short",
    "full",
    "part",
    "half",
    "anti",
    "ex",
    "mid",
    "semi",
    "pan",
    "e",
    "high",
    "low",
    "year",
    "place",
    "cost",
    "evidence",
    "community",
    "council",
    "city",
    "hard",
    "joined",
];

/// Appends a continuation line, joining line-end hyphens where they split a word.
fn join_text(acc: &mut String, next: &str, words: &HashSet<String>) {
    let next = next.trim_start();
    if let Some(stem) = acc.strip_suffix('\u{ad}') {
        let stem = stem.to_string();
        *acc = stem;
        acc.push_str(next);
        return;
    }
    if acc.ends_with('-') && acc.chars().rev().nth(1).is_some_and(char::is_alphabetic) {
        let left: String = acc[..acc.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let right: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
        if !starts_lower || right.is_empty() {
            acc.push_str(next);
            return;
        }
        let (l, r) = (left.to_lowercase(), right.to_lowercase());
        let joined = format!("{l}{r}");
        // "business-to-" + "business": already a compound.
        let compound = acc[..acc.len() - 1 - left.len()].ends_with('-');
        let known = |w: &str| {
            words.contains(w)
                || words.contains(&format!("{w}s"))
                || w.strip_suffix('s').is_some_and(|stem| words.contains(stem))
        };
        // Word processors rarely hyphenate by themselves, so a line-end hyphen is kept
        // unless the pieces look like a split word: the joined word is used elsewhere,
        // or the second piece is no word of the paper and the first no common prefix.
        let keep =
            !words.contains(&joined) && (compound || known(&r) || PREFIXES.contains(&l.as_str()));
        if !keep {
            acc.pop();
        }
        acc.push_str(next);
        return;
    }
    if !acc.is_empty() && !acc.ends_with(' ') {
        acc.push(' ');
    }
    acc.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(a: &str, b: &str, words: &[&str]) -> String {
        let words: HashSet<String> = words.iter().map(|w| w.to_string()).collect();
        let mut s = a.to_string();
        join_text(&mut s, b, &words);
        s
    }

    #[test]
    fn hyphens() {
        assert_eq!(
            join("the emp-", "loyment offer", &[]),
            "the employment offer"
        );
        assert_eq!(
            join("the sub-", "group met", &["groups"]),
            "the sub-group met"
        );
        assert_eq!(join("at prior-", "ity 4", &["prior"]), "at priority 4");
        assert_eq!(join("to opt-", "in to", &["in"]), "to opt-in to");
        assert_eq!(join("sub-", "regions", &[]), "sub-regions");
        assert_eq!(join("Post-", "16 Education", &[]), "Post-16 Education");
        assert_eq!(
            join("decision-", "making is", &["making"]),
            "decision-making is"
        );
        assert_eq!(join("an em-", "ployer", &["employer"]), "an employer");
        assert_eq!(join("Autumn 2021 -", "Spring", &[]), "Autumn 2021 - Spring");
        assert_eq!(
            join("business-to-", "business", &[]),
            "business-to-business"
        );
        assert_eq!(join("wrapped", "line", &[]), "wrapped line");
    }

    #[test]
    fn running_keys() {
        assert!(is_page_number(&running_key("Page 3 of 12")));
        assert!(is_page_number(&running_key("- 4 -")));
        assert!(!is_page_number(&running_key("3. Background")));
    }
}
