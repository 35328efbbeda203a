//! The token stream to a balanced list of element events, with the page's furniture
//! taken out.
//!
//! html5gum only tokenizes, so this module does the little tree construction a reader
//! needs: an open-element stack, void elements, the end tags HTML lets authors leave out
//! (`p`, `li`, `dt`/`dd`, `tr`, `td`/`th`, `head`), and end tags that match nothing
//! (ignored). It drops what is not the paper: scripts, styles, hidden elements,
//! navigation, banners, footers, cookie notices, breadcrumbs and "Skip to main content"
//! links. It also remembers where the page's main content is, so the renderer can read
//! only that. It does not lay anything out: that is `render.rs`.
//!
//! Depth is capped at [`MAX_NESTING`]: tags opened deeper than that are flattened into
//! their ancestor (a block tag still breaks the line). Every step looks at most
//! `MAX_NESTING` entries of the stack, so the pass is linear in the input.

use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

use crate::MAX_NESTING;

/// One element event, in document order. Opens and closes always balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    /// An element starts.
    Open(Elem),
    /// The most recently opened element ends.
    Close,
    /// Character data, entities decoded, white space as written.
    Text(String),
    /// A block-level tag opened past the nesting cap: a line break and nothing more.
    Break,
}

/// What the renderer needs to know about an element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Elem {
    /// Lower-case tag name.
    pub name: String,
    /// `start` of an `<ol>`, `value` of an `<li>`.
    pub number: Option<i64>,
    /// `type` of an `<ol>` or `<li>` ("1", "a", "A", "i", "I").
    pub list_type: Option<char>,
}

/// The page as events, and the slice of them holding the main content.
#[derive(Debug, Default)]
pub(super) struct Tree {
    /// All kept events.
    pub events: Vec<Event>,
    /// The events of the main content (an `Open` .. its `Close`), where the page marks one.
    pub main: Option<(usize, usize)>,
}

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content html5gum reads as raw text; all of them are dropped whole.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "head", "template", "svg", "math", "nav", "aside", "button", "select", "object", "canvas",
    "audio", "video", "map", "dialog",
];

/// Elements that hold blocks (an inline end tag never closes past one of them).
pub(super) const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Start tags that end an open `<p>` (HTML's "close a p element").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements a search for an open `<p>` stops at (HTML's button scope, roughly).
const P_SCOPE: &[&str] = &["button", "table", "td", "th", "caption", "html"];

/// Elements a search for an open element stops at (HTML's default scope, roughly).
const SCOPE: &[&str] = &["html", "table", "td", "th", "caption", "template", "object"];

/// Tags that may stay inside an unclosed `<head>`.
const HEAD_CONTENT: &[&str] = &[
    "base", "link", "meta", "title", "style", "script", "noscript", "template", "head",
];

/// Where an element ranks as the page's main content (lower wins).
fn main_rank(tag: &StartTag<()>) -> Option<u8> {
    if tag.name.as_slice() == b"main" || attr_is(tag, "role", "main") {
        Some(0)
    } else if attr_is(tag, "id", "modgov") {
        Some(1)
    } else if attr(tag, "class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|w| w.eq_ignore_ascii_case("mgcontent"))
    }) {
        Some(2)
    } else {
        None
    }
}

fn attr(tag: &StartTag<()>, name: &str) -> Option<String> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
}

fn attr_is(tag: &StartTag<()>, name: &str, value: &str) -> bool {
    attr(tag, name).is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
}

/// Whether an element is page furniture or hidden, from its name and attributes.
/// `in_section` says whether it sits inside an article, section or main element (where a
/// `<header>` or `<footer>` belongs to the content, not the site).
fn is_furniture(tag: &StartTag<()>, name: &str, in_section: bool) -> bool {
    if DROPPED.contains(&name) || (matches!(name, "header" | "footer") && !in_section) {
        return true;
    }
    if matches!(name, "html" | "body") {
        return false;
    }
    if tag.attributes.contains_key(b"hidden".as_slice()) || attr_is(tag, "aria-hidden", "true") {
        return true;
    }
    if attr(tag, "role").is_some_and(|r| {
        let r = r.trim().to_ascii_lowercase();
        matches!(
            r.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "search"
                | "complementary"
                | "dialog"
                | "alertdialog"
        )
    }) {
        return true;
    }
    if let Some(style) = attr(tag, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(name, "main" | "form") || attr_is(tag, "role", "main") {
        return false;
    }
    // Utility classes that hide an element (not "visually-hidden", which keeps the text
    // for screen readers and in a copied page).
    if attr(tag, "class").is_some_and(|c| {
        c.split_ascii_whitespace().any(|w| {
            [
                "hidden",
                "hide",
                "d-none",
                "display-none",
                "is-hidden",
                "js-hidden",
            ]
            .iter()
            .any(|h| w.eq_ignore_ascii_case(h))
        })
    }) {
        return true;
    }
    let names = [attr(tag, "id"), attr(tag, "class"), attr(tag, "aria-label")];
    names.iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        v.contains("cookie") || v.contains("consent") || v.contains("breadcrumb")
    })
}

/// One entry of the open-element stack.
#[derive(Debug)]
struct Open {
    name: String,
    /// Whether its events are kept (false inside dropped furniture).
    kept: bool,
    /// Index of its `Open` event (kept elements only).
    at: usize,
    /// Its rank as main content, if it is a candidate.
    main: Option<u8>,
    /// Whether it is a same-page link (a "Skip to content" candidate).
    skip_link: bool,
    /// Whether it is, or is inside, an article, section or main element.
    in_section: bool,
}

/// Builds the event list from page text.
pub(super) fn build(text: &str) -> Tree {
    let mut b = Builder::default();
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut raw_skip: Option<Vec<u8>> = None;
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                if RAW_TEXT.iter().any(|t| t.as_bytes() == tag.name.as_slice()) {
                    if !tag.self_closing {
                        raw_skip = Some(tag.name.0.clone());
                    }
                    continue;
                }
                raw_skip = None;
                b.start(&tag);
            }
            Token::EndTag(tag) => {
                if raw_skip.as_deref() == Some(tag.name.as_slice()) {
                    raw_skip = None;
                    continue;
                }
                raw_skip = None;
                b.end(&String::from_utf8_lossy(&tag.name));
            }
            Token::String(s) => {
                if raw_skip.is_none() {
                    b.text(&String::from_utf8_lossy(&s.value));
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.finish()
}

#[derive(Debug, Default)]
struct Builder {
    events: Vec<Event>,
    stack: Vec<Open>,
    /// The best main-content candidate so far: rank, open index, close index.
    main: Option<(u8, usize, Option<usize>)>,
}

impl Builder {
    fn kept(&self) -> bool {
        self.stack.last().is_none_or(|o| o.kept)
    }

    /// The stack index of the nearest open `name`, not looking past `stop` elements.
    fn find(&self, name: &str, stop: &[&str]) -> Option<usize> {
        for (i, o) in self.stack.iter().enumerate().rev() {
            if o.name == name {
                return Some(i);
            }
            if stop.contains(&o.name.as_str()) {
                return None;
            }
        }
        None
    }

    /// Pops the stack down to (and without) index `to`.
    fn pop_to(&mut self, to: usize) {
        while self.stack.len() > to {
            self.pop();
        }
    }

    fn pop(&mut self) {
        let Some(o) = self.stack.pop() else {
            return;
        };
        if !o.kept {
            return;
        }
        if o.skip_link && self.is_skip_link(o.at) {
            self.events.truncate(o.at);
            if self.main.is_some_and(|(_, at, _)| at >= o.at) {
                self.main = None;
            }
            return;
        }
        self.events.push(Event::Close);
        if let (Some(rank), Some((best, at, close))) = (o.main, self.main.as_mut())
            && rank == *best
            && o.at == *at
            && close.is_none()
        {
            *close = Some(self.events.len() - 1);
        }
    }

    /// Whether the link opened at `at` reads "Skip to ..." or "Jump to ...".
    fn is_skip_link(&self, at: usize) -> bool {
        let mut text = String::new();
        for e in &self.events[at..] {
            if let Event::Text(t) = e {
                text.push_str(t);
                if text.len() > 64 {
                    break;
                }
            }
        }
        let text = text.trim_start().to_lowercase();
        text.starts_with("skip to")
            || text.starts_with("skip navigation")
            || text.starts_with("jump to")
    }

    fn start(&mut self, tag: &StartTag<()>) {
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        let name = name.as_str();
        if (name == "body" || !HEAD_CONTENT.contains(&name))
            && let Some(i) = self.find("head", &[])
        {
            self.pop_to(i);
        }
        if matches!(name, "html" | "body") && self.find(name, &[]).is_some() {
            return;
        }
        // End tags HTML lets authors leave out.
        if CLOSES_P.contains(&name)
            && let Some(i) = self.find("p", P_SCOPE)
        {
            self.pop_to(i);
        }
        match name {
            "li" => self.close_any(&["li"], &["ul", "ol", "menu", "dir", "table", "td", "th"]),
            "dt" | "dd" => self.close_any(&["dt", "dd"], &["dl", "table", "td", "th"]),
            "tr" => self.close_any(&["tr"], &["table"]),
            "td" | "th" => self.close_any(&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => {
                self.close_any(&["thead", "tbody", "tfoot"], &["table"]);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self.stack.last().is_some_and(|o| is_heading(&o.name)) =>
            {
                self.pop();
            }
            "a" => {
                if let Some(i) = self.find("a", BLOCKS) {
                    self.pop_to(i);
                }
            }
            _ => {}
        }
        if VOID.contains(&name) || tag.self_closing {
            if self.kept() {
                match name {
                    "br" | "hr" => self.events.push(Event::Open(Elem::named(name))),
                    _ if BLOCKS.contains(&name) || name == "p" => {
                        self.events.push(Event::Open(Elem::named(name)));
                    }
                    _ => return,
                }
                self.events.push(Event::Close);
            }
            return;
        }
        if self.stack.len() >= MAX_NESTING {
            if self.kept() && BLOCKS.contains(&name) {
                self.events.push(Event::Break);
            }
            return;
        }
        let parent = self.stack.last();
        let in_section =
            parent.is_some_and(|p| p.in_section) || matches!(name, "article" | "section" | "main");
        let kept = self.kept() && !is_furniture(tag, name, parent.is_some_and(|p| p.in_section));
        let mut open = Open {
            name: name.to_string(),
            kept,
            at: self.events.len(),
            main: None,
            skip_link: false,
            in_section,
        };
        if kept {
            open.skip_link = name == "a" && attr(tag, "href").is_some_and(|h| h.contains('#'));
            if let Some(rank) = main_rank(tag)
                && self.main.is_none_or(|(best, _, _)| rank < best)
            {
                self.main = Some((rank, open.at, None));
                open.main = Some(rank);
            }
            let number = match name {
                "ol" => attr(tag, "start"),
                "li" => attr(tag, "value"),
                _ => None,
            }
            .and_then(|n| n.trim().parse().ok());
            let list_type = attr(tag, "type").and_then(|t| {
                let t = t.trim();
                (t.len() == 1).then(|| t.chars().next()).flatten()
            });
            self.events.push(Event::Open(Elem {
                name: name.to_string(),
                number,
                list_type,
            }));
        }
        self.stack.push(open);
    }

    /// Closes the nearest open element named in `names`, not looking past `stop`.
    fn close_any(&mut self, names: &[&str], stop: &[&str]) {
        for (i, o) in self.stack.iter().enumerate().rev() {
            if names.contains(&o.name.as_str()) {
                self.pop_to(i);
                return;
            }
            if stop.contains(&o.name.as_str()) {
                return;
            }
        }
    }

    fn end(&mut self, name: &str) {
        let stop: &[&str] = match name {
            "html" | "body" => return,
            "br" => {
                if self.kept() {
                    self.events.push(Event::Open(Elem::named("br")));
                    self.events.push(Event::Close);
                }
                return;
            }
            "p" => P_SCOPE,
            "li" => &["ul", "ol", "menu", "dir", "table", "td", "th"],
            "dt" | "dd" => &["dl", "table", "td", "th"],
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "caption" => &["table"],
            "table" => &["html", "template"],
            _ if is_heading(name) => {
                // `<h2>..</h3>` closes the open heading whatever its level.
                if let Some(i) = self
                    .stack
                    .iter()
                    .rposition(|o| is_heading(&o.name))
                    .filter(|&i| {
                        self.stack[i + 1..]
                            .iter()
                            .all(|o| !BLOCKS.contains(&o.name.as_str()))
                    })
                {
                    self.pop_to(i);
                }
                return;
            }
            _ if BLOCKS.contains(&name) => SCOPE,
            _ => BLOCKS,
        };
        match self.find(name, stop) {
            Some(i) => self.pop_to(i),
            None if name == "p" && self.kept() => {
                // A stray `</p>` still ends a paragraph.
                self.events.push(Event::Open(Elem::named("p")));
                self.events.push(Event::Close);
            }
            None => {}
        }
    }

    fn text(&mut self, s: &str) {
        if !self.kept() {
            return;
        }
        if let Some(Event::Text(t)) = self.events.last_mut() {
            t.push_str(s);
        } else {
            self.events.push(Event::Text(s.to_string()));
        }
    }

    fn finish(mut self) -> Tree {
        self.pop_to(0);
        let main = self
            .main
            .and_then(|(_, at, close)| Some((at, close?)))
            .filter(|&(at, close)| at < close && close < self.events.len())
            .filter(|&(at, close)| {
                self.events[at..close]
                    .iter()
                    .any(|e| matches!(e, Event::Text(t) if !t.trim().is_empty()))
            });
        Tree {
            events: self.events,
            main,
        }
    }
}

impl Elem {
    fn named(name: &str) -> Elem {
        Elem {
            name: name.to_string(),
            ..Elem::default()
        }
    }
}

pub(super) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}
