//! A small, bounded XML tree for the parts of a DOCX package.
//!
//! Built on quick-xml's reader, with namespaces resolved only for the elements kept. It is deliberately strict where safety is
//! concerned and loose elsewhere:
//! - a document type declaration (and so any entity declaration) is refused outright, so
//!   no custom entity is ever expanded (billion laughs);
//! - only the five predefined entities and character references are resolved;
//! - element nesting deeper than [`MAX_NESTING`](crate::MAX_NESTING) is refused;
//! - elements the caller prunes (section properties, deleted revisions, field codes) are
//!   skipped without being stored, and text is kept only inside text elements (`w:t`,
//!   `m:t`), so the tree stays close to the size of the visible text.
//!
//! Element names are reduced to a known namespace ([`Ns`]) and a local name, so a file
//! that binds the WordprocessingML namespace to an unusual prefix reads the same.

use crate::{MAX_NESTING, ReadError};
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};
use std::borrow::Cow;

/// The namespaces the DOCX reader cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Office Math.
    M,
    /// Package relationships.
    Rel,
    /// Anything else (DrawingML, VML, extensions): walked through, never interpreted.
    Other,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/officeDocument/2006/math"
        | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rel,
        _ => Ns::Other,
    }
}

/// One element: its namespace, local name, attributes (by local name) and children.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub ns: Ns,
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// Whether this is the element `ns:name`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The value of the attribute with this local name (`w:val` → "val").
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element `ns:name`.
    pub fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The text directly inside this element.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            if let Node::Text(t) = c {
                s.push_str(t);
            }
        }
        s
    }

    /// An on/off property (`<w:b/>`, `<w:vanish w:val="0"/>`): present and not switched off.
    pub fn on(&self) -> bool {
        !matches!(self.attr("val"), Some("0" | "false" | "off"))
    }
}

fn malformed(part: &str, reason: impl std::fmt::Display) -> ReadError {
    ReadError::Malformed {
        format: "DOCX",
        reason: format!("{part}: {reason}"),
    }
}

/// Decodes an XML part to UTF-8 text (UTF-8 with or without BOM, or UTF-16 with BOM).
fn decode<'b>(part: &str, bytes: &'b [u8]) -> Result<Cow<'b, str>, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(malformed(part, "invalid text encoding"));
        }
        return Ok(text);
    }
    std::str::from_utf8(bytes)
        .map(Cow::Borrowed)
        .map_err(|_| malformed(part, "it is not UTF-8"))
}

/// Parses an XML part into a tree. `prune(ns, local_name)` names elements to skip along
/// with everything inside them.
pub(crate) fn parse(
    part: &str,
    bytes: &[u8],
    prune: fn(Ns, &str) -> bool,
) -> Result<Element, ReadError> {
    parse_streaming(part, bytes, prune, None, &mut |_| {})
}

/// Parses an XML part, handing each complete child of the element `split` (e.g.
/// `w:body`) to `on_child` instead of keeping it in the tree, so a long document is held
/// one paragraph or table at a time. Returns the rest of the tree.
pub(crate) fn parse_streaming(
    part: &str,
    bytes: &[u8],
    prune: fn(Ns, &str) -> bool,
    split: Option<(Ns, &str)>,
    on_child: &mut dyn FnMut(Element),
) -> Result<Element, ReadError> {
    let text = decode(part, bytes)?;
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = true;
    // Namespace bindings, pushed only for elements that declare some (`xmlns`), and only
    // outside pruned elements: nothing inside a pruned element is ever resolved.
    let mut ns_resolver = NamespaceResolver::default();
    // For each open element kept: whether it pushed a namespace scope.
    let mut scopes: Vec<bool> = Vec::new();
    // Open elements; the root is the first one completed.
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut depth = 0usize;
    // Depth inside a pruned element (0: not pruning), and whether the pruned element
    // pushed a namespace scope.
    let mut skip = 0usize;
    let mut skip_pushed = false;
    loop {
        let event = reader.read_event().map_err(|e| malformed(part, e))?;
        match event {
            Event::Start(start) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(ReadError::Limit(format!(
                        "{part} nests elements deeper than {MAX_NESTING}"
                    )));
                }
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                let pushed = push_scope(part, &mut ns_resolver, &start)?;
                let ns = element_ns(&ns_resolver, &start);
                let local = start.local_name();
                // The root is never pruned.
                if !stack.is_empty() && prune(ns, local.as_ref()) {
                    // Most of a styles sheet is pruned: jump over plain markup at once.
                    let rest = *reader.get_ref();
                    if let Some(len) = plain_subtree(rest, start.name().as_ref(), depth) {
                        *reader.get_mut() = &rest[len..];
                    }
                    skip = 1;
                    skip_pushed = pushed;
                    continue;
                }
                scopes.push(pushed);
                stack.push(element(part, ns, local.as_ref().to_string(), &start)?);
            }
            Event::Empty(start) => {
                if depth + 1 > MAX_NESTING {
                    return Err(ReadError::Limit(format!(
                        "{part} nests elements deeper than {MAX_NESTING}"
                    )));
                }
                if skip > 0 {
                    continue;
                }
                let pushed = push_scope(part, &mut ns_resolver, &start)?;
                let ns = element_ns(&ns_resolver, &start);
                if pushed {
                    ns_resolver.pop();
                }
                let local = start.local_name();
                if !stack.is_empty() && prune(ns, local.as_ref()) {
                    continue;
                }
                let el = element(part, ns, local.as_ref().to_string(), &start)?;
                if let (Some((ns, name)), Some(parent)) = (split, stack.last())
                    && parent.is(ns, name)
                {
                    on_child(el);
                    continue;
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None if root.is_none() => root = Some(el),
                    None => return Err(malformed(part, "more than one root element")),
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if skip > 0 {
                    skip -= 1;
                    if skip == 0 && skip_pushed {
                        ns_resolver.pop();
                    }
                    continue;
                }
                let Some(el) = stack.pop() else {
                    return Err(malformed(part, "unbalanced end tag"));
                };
                if scopes.pop() == Some(true) {
                    ns_resolver.pop();
                }
                if let (Some((ns, name)), Some(parent)) = (split, stack.last())
                    && parent.is(ns, name)
                {
                    on_child(el);
                    continue;
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None if root.is_none() => root = Some(el),
                    None => return Err(malformed(part, "more than one root element")),
                }
            }
            Event::Text(t) => {
                if skip == 0 && keeps_text(&stack) {
                    push_text(&mut stack, &t.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::CData(t) => {
                if skip == 0 && keeps_text(&stack) {
                    let raw = t.into_inner();
                    push_text(&mut stack, &raw);
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => return Err(malformed(part, "an invalid character reference")),
                    }
                } else {
                    let name = r.into_inner();
                    match resolve_predefined_entity(&name) {
                        Some(s) => s.to_string(),
                        // Only the predefined entities exist without a DTD, and DTDs are
                        // refused, so nothing custom is ever expanded.
                        None => {
                            return Err(malformed(part, format!("an undeclared entity &{name};")));
                        }
                    }
                };
                if skip == 0 && keeps_text(&stack) {
                    push_text(&mut stack, &resolved);
                }
            }
            Event::DocType(_) => {
                return Err(malformed(
                    part,
                    "it has a document type declaration (DTDs and entity declarations are refused)",
                ));
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(malformed(part, "it ends before its elements are closed"));
    }
    root.ok_or_else(|| malformed(part, "it has no root element"))
}

/// The length of the content of the element `name` just opened, up to its end tag, when
/// that content is plain markup that the event loop would skip without any error: start,
/// end and empty tags, properly nested with matching names within the nesting limit, and
/// text without references. Otherwise (comments, CDATA, processing instructions,
/// references, anything unusual) `None`, and the events are read one by one as before.
/// `depth` is the nesting depth of the element just opened.
fn plain_subtree(rest: &[u8], name: &str, depth: usize) -> Option<usize> {
    let name = name.as_bytes();
    let mut open: Vec<&[u8]> = vec![name];
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'<', b'&', &rest[i..]) {
        let lt = i + off;
        if rest[lt] == b'&' {
            return None;
        }
        let after = rest.get(lt + 1)?;
        if *after == b'/' {
            // An end tag: its name, optional white space, '>'.
            let n_start = lt + 2;
            let gt = n_start + memchr::memchr(b'>', &rest[n_start..])?;
            let tag = trim_end(&rest[n_start..gt]);
            if tag.is_empty() || tag.iter().any(|b| b.is_ascii_whitespace()) {
                return None;
            }
            if open.pop()? != tag {
                return None;
            }
            if open.is_empty() {
                return Some(lt);
            }
            i = gt + 1;
            continue;
        }
        if !(after.is_ascii_alphabetic() || *after == b'_') {
            return None;
        }
        // A start or empty tag: find its '>' outside quoted attribute values.
        let mut j = lt + 1;
        let gt = loop {
            let k = j + memchr::memchr3(b'>', b'"', b'\'', &rest[j..])?;
            match rest[k] {
                b'>' => break k,
                q => j = k + 1 + memchr::memchr(q, &rest[k + 1..])? + 1,
            }
        };
        let tag = &rest[lt + 1..gt];
        if tag.last() == Some(&b'/') {
            if depth + open.len() > MAX_NESTING {
                return None;
            }
        } else {
            // Attributes of skipped elements are never read, as in the event loop.
            let end = tag
                .iter()
                .position(|b| b.is_ascii_whitespace())
                .unwrap_or(tag.len());
            open.push(&tag[..end]);
            if depth + open.len() - 1 > MAX_NESTING {
                return None;
            }
        }
        i = gt + 1;
    }
    None
}

fn trim_end(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    &b[..n]
}

/// Opens a namespace scope for an element that declares namespaces (`xmlns`,
/// `xmlns:p`); whether it did.
fn push_scope(
    part: &str,
    resolver: &mut NamespaceResolver,
    start: &BytesStart<'_>,
) -> Result<bool, ReadError> {
    if !start.attributes_raw().contains("xmlns") {
        return Ok(false);
    }
    resolver.push(start).map_err(|e| malformed(part, e))?;
    Ok(true)
}

/// The namespace of an element's name.
fn element_ns(resolver: &NamespaceResolver, start: &BytesStart<'_>) -> Ns {
    match resolver.resolve_element(start.name()).0 {
        ResolveResult::Bound(uri) => ns_of(uri.as_ref()),
        _ => Ns::Other,
    }
}

fn element(part: &str, ns: Ns, name: String, start: &BytesStart<'_>) -> Result<Element, ReadError> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| malformed(part, e))?;
        let key = attr.key.local_name().as_ref().to_string();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| malformed(part, e))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        ns,
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Text is kept only inside text elements; the white space between elements is layout.
fn keeps_text(stack: &[Element]) -> bool {
    stack
        .last()
        .is_some_and(|e| e.name == "t" && matches!(e.ns, Ns::W | Ns::M))
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        match top.children.last_mut() {
            Some(Node::Text(t)) => t.push_str(s),
            _ => top.children.push(Node::Text(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: Ns, _: &str) -> bool {
        false
    }

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn text_and_entities() {
        let xml = format!("<w:p {W}><w:t>a &amp; b&#x20;&#99;</w:t>  <w:t>x</w:t></w:p>");
        let p = parse("t", xml.as_bytes(), keep).unwrap();
        assert!(p.is(Ns::W, "p"));
        let texts: Vec<String> = p.elements().map(Element::text).collect();
        assert_eq!(texts, vec!["a & b c", "x"]);
        assert!(p.children.iter().all(|c| matches!(c, Node::Element(_))));
    }

    #[test]
    fn other_prefix_same_namespace() {
        let xml = "<x:p xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><x:t x:space=\"preserve\">hi</x:t></x:p>";
        let p = parse("t", xml.as_bytes(), keep).unwrap();
        assert!(p.is(Ns::W, "p"));
        assert_eq!(p.child(Ns::W, "t").unwrap().attr("space"), Some("preserve"));
    }

    #[test]
    fn refuses_dtd_and_unknown_entities() {
        let lol = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]><r>&b;</r>";
        assert!(matches!(
            parse("t", lol.as_bytes(), keep),
            Err(ReadError::Malformed { .. })
        ));
        assert!(matches!(
            parse("t", b"<r>&b;</r>", keep),
            Err(ReadError::Malformed { .. })
        ));
    }

    #[test]
    fn nesting_limit_and_truncation() {
        let deep = "<a>".repeat(MAX_NESTING + 1) + &"</a>".repeat(MAX_NESTING + 1);
        assert!(matches!(
            parse("t", deep.as_bytes(), keep),
            Err(ReadError::Limit(_))
        ));
        let ok = "<a>".repeat(MAX_NESTING) + &"</a>".repeat(MAX_NESTING);
        assert!(parse("t", ok.as_bytes(), keep).is_ok());
        assert!(parse("t", b"<a><b></b>", keep).is_err());
        assert!(parse("t", b"<a></b>", keep).is_err());
        assert!(parse("t", b"", keep).is_err());
    }

    #[test]
    fn prunes() {
        fn no_del(ns: Ns, n: &str) -> bool {
            ns == Ns::W && n == "del"
        }
        let xml =
            format!("<w:p {W}><w:del><w:r><w:t>gone</w:t></w:r></w:del><w:t>kept</w:t></w:p>");
        let p = parse("t", xml.as_bytes(), no_del).unwrap();
        assert_eq!(p.elements().count(), 1);
    }
}
