//! Content streams: runs the text and path operators of one page and collects
//! positioned glyphs, ruling lines and image counts.
//!
//! Only what text extraction needs is interpreted (text state, text and graphics
//! matrices, form XObjects, straight path segments); colours, clipping and painting are
//! ignored. Work per page is capped by [`MAX_OPS_PER_PAGE`] and [`MAX_GLYPHS_PER_PAGE`],
//! and form XObjects nest at most [`MAX_FORM_DEPTH`] deep.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Code, Font};

/// The most content-stream operators run for one page (forms included).
pub(super) const MAX_OPS_PER_PAGE: usize = 2_000_000;
/// The most glyphs kept for one page.
pub(super) const MAX_GLYPHS_PER_PAGE: usize = 200_000;
/// The deepest nesting of form XObjects followed.
pub(super) const MAX_FORM_DEPTH: usize = 8;

/// One shown character, in page space (points, y upwards).
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    /// Left edge of the glyph origin.
    pub(super) x: f32,
    /// Baseline.
    pub(super) y: f32,
    /// Advance width.
    pub(super) w: f32,
    /// Effective font size.
    pub(super) size: f32,
    /// The character.
    pub(super) ch: char,
}

/// A horizontal or vertical line drawn on the page (table borders, rules).
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    /// Start and end, x0 <= x1 and y0 <= y1.
    pub(super) x0: f32,
    /// See `x0`.
    pub(super) y0: f32,
    /// See `x0`.
    pub(super) x1: f32,
    /// See `x0`.
    pub(super) y1: f32,
}

/// What a page's content streams show.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    /// Glyphs in content order.
    pub(super) glyphs: Vec<Glyph>,
    /// Straight lines and thin rectangles.
    pub(super) rules: Vec<Rule>,
    /// Images drawn (XObjects and inline images).
    pub(super) images: usize,
    /// Whether a cap stopped the interpretation early.
    pub(super) capped: bool,
}

/// One straight piece of the current path, in page space.
struct Segment {
    a: (f32, f32),
    b: (f32, f32),
    /// An edge of a rectangle too large to be a line itself (a shaded box when filled).
    edge_of_box: bool,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

/// Fonts already read, by object id, shared by all pages of a document.
#[derive(Default)]
pub(super) struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

/// Runs one page's content streams.
pub(super) fn run_page(doc: &Document, page_id: ObjectId, fonts: &mut FontCache) -> PageContent {
    let mut out = PageContent::default();
    let Ok(page) = doc.get_dictionary(page_id) else {
        return out;
    };
    let resources = page_resources(doc, page);
    let bytes = doc.get_page_content(page_id).unwrap_or_default();
    let mut run = Run {
        doc,
        fonts,
        out: &mut out,
        ops: 0,
        codes: Vec::new(),
    };
    let state = GState {
        ctm: IDENTITY,
        font: None,
        size: 0.0,
        char_space: 0.0,
        word_space: 0.0,
        hscale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    run.stream(&bytes, resources, state, 0);
    out
}

/// A page's resource dictionary, inherited from its ancestors where it has none.
fn page_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(r) = node.get(b"Resources") {
            return resolve(doc, r).and_then(|o| o.as_dict().ok());
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|p| resolve(doc, p))
            .and_then(|o| o.as_dict().ok())?;
    }
    None
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    let mut o = o;
    for _ in 0..8 {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            _ => return Some(o),
        }
    }
    None
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) if r.is_finite() => *r,
        _ => 0.0,
    }
}

struct Run<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    out: &'a mut PageContent,
    ops: usize,
    codes: Vec<Code>,
}

impl Run<'_> {
    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resources?
            .get(b"Font")
            .ok()
            .and_then(|f| resolve(self.doc, f))?
            .as_dict()
            .ok()?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.fonts.by_id.get(id) {
                return Some(f.clone());
            }
            let dict = resolve(self.doc, entry)?.as_dict().ok()?;
            let font = Rc::new(Font::load(self.doc, dict));
            self.fonts.by_id.insert(*id, font.clone());
            return Some(font);
        }
        Some(Rc::new(Font::load(self.doc, entry.as_dict().ok()?)))
    }

    fn stream(
        &mut self,
        bytes: &[u8],
        resources: Option<&Dictionary>,
        mut gs: GState,
        depth: usize,
    ) {
        let Ok(content) = Content::decode(bytes) else {
            return;
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path: Vec<Segment> = Vec::new();
        let mut cur = (0.0f32, 0.0f32);
        let mut start = (0.0f32, 0.0f32);
        for op in &content.operations {
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE || self.out.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
                self.out.capped = true;
                return;
            }
            let a = &op.operands;
            let n = |i: usize| a.get(i).map_or(0.0, num);
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "q" => {}
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" if a.len() == 6 => {
                    gs.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &gs.ctm)
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let Some(Object::Name(name)) = a.first() {
                        gs.font = self.font(resources, name);
                    }
                    gs.size = n(1);
                }
                "Tc" => gs.char_space = n(0),
                "Tw" => gs.word_space = n(0),
                "Tz" => gs.hscale = n(0) / 100.0,
                "TL" => gs.leading = n(0),
                "Ts" => gs.rise = n(0),
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.leading = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "Tm" if a.len() == 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = a.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.word_space = n(0);
                        gs.char_space = n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = a.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = a.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                Object::Integer(_) | Object::Real(_) => {
                                    let tx = -num(item) / 1000.0 * gs.size * gs.hscale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(Object::Name(name)) = a.first() {
                        self.xobject(resources, name, &gs, depth);
                    }
                }
                "BI" => self.out.images += 1,
                "m" => {
                    cur = apply(&gs.ctm, n(0), n(1));
                    start = cur;
                }
                "l" => {
                    let p = apply(&gs.ctm, n(0), n(1));
                    if path.len() < 10_000 {
                        path.push(Segment {
                            a: cur,
                            b: p,
                            edge_of_box: false,
                        });
                    }
                    cur = p;
                }
                "h" => {
                    if path.len() < 10_000 {
                        path.push(Segment {
                            a: cur,
                            b: start,
                            edge_of_box: false,
                        });
                    }
                    cur = start;
                }
                "re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let c = [
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ];
                    // A thin rectangle is a line; a box's edges are lines only if stroked.
                    let thin = w.abs().min(h.abs()) < 1.5;
                    if path.len() < 10_000 {
                        for i in 0..4 {
                            path.push(Segment {
                                a: c[i],
                                b: c[(i + 1) % 4],
                                edge_of_box: !thin,
                            });
                        }
                    }
                    cur = c[0];
                    start = c[0];
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    self.rules(&path, true);
                    path.clear();
                }
                "f" | "F" | "f*" => {
                    self.rules(&path, false);
                    path.clear();
                }
                "n" => path.clear(),
                _ => {}
            }
        }
    }

    /// Keeps the straight horizontal and vertical segments of a painted path; a thin
    /// filled rectangle becomes one rule.
    fn rules(&mut self, path: &[Segment], stroked: bool) {
        for seg in path {
            if self.out.rules.len() >= 20_000 {
                return;
            }
            if seg.edge_of_box && !stroked {
                continue;
            }
            let ((x0, y0), (x1, y1)) = (seg.a, seg.b);
            let (x0, x1) = (x0.min(x1), x0.max(x1));
            let (y0, y1) = (y0.min(y1), y0.max(y1));
            let horizontal = y1 - y0 < 1.5 && x1 - x0 > 3.0;
            let vertical = x1 - x0 < 1.5 && y1 - y0 > 3.0;
            if horizontal || vertical {
                self.out.rules.push(Rule { x0, y0, x1, y1 });
            }
        }
    }

    fn xobject(&mut self, resources: Option<&Dictionary>, name: &[u8], gs: &GState, depth: usize) {
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| resolve(self.doc, x))
            .and_then(|x| x.as_dict().ok())
        else {
            return;
        };
        let Some(stream) = xobjects
            .get(name)
            .ok()
            .and_then(|x| resolve(self.doc, x))
            .and_then(|x| x.as_stream().ok())
        else {
            return;
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Image" {
            self.out.images += 1;
            return;
        }
        if subtype != b"Form" || depth >= MAX_FORM_DEPTH {
            return;
        }
        let mut inner = gs.clone();
        if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array)
            && m.len() == 6
        {
            let m: Vec<f32> = m.iter().map(num).collect();
            inner.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &gs.ctm);
        }
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| resolve(self.doc, r))
            .and_then(|r| r.as_dict().ok());
        let Ok(bytes) = stream.decompressed_content() else {
            return;
        };
        self.stream(&bytes, own.or(resources), inner, depth + 1);
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let mut codes = std::mem::take(&mut self.codes);
        font.decode(bytes, &mut codes);
        for code in &codes {
            let trm = mul(
                &mul(&[gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let advance = (code.width * gs.size
                + gs.char_space
                + if code.is_space { gs.word_space } else { 0.0 })
                * gs.hscale;
            let next = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let upright = trm[0] > 0.0
                && trm[1].abs() <= 0.05 * trm[0].abs()
                && trm[2].abs() <= 0.05 * trm[3].abs();
            if upright && size > 0.5 && self.out.glyphs.len() < MAX_GLYPHS_PER_PAGE {
                let (x, y) = (trm[4], trm[5]);
                let w = (code.width * trm[0]).max(0.0);
                let more: Vec<char> = code
                    .more
                    .as_deref()
                    .map(|m| m.chars().collect())
                    .unwrap_or_default();
                let parts = 1 + more.len();
                let each = w / parts as f32;
                for (i, ch) in std::iter::once(code.text).chain(more).enumerate() {
                    self.out.glyphs.push(Glyph {
                        x: x + each * i as f32,
                        y,
                        w: each,
                        size,
                        ch,
                    });
                }
            }
            *tm = next;
        }
        self.codes = codes;
    }
}
