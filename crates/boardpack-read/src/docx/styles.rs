//! Paragraph styles from `styles.xml`: which styles are headings or the title, and which
//! carry automatic numbering, resolved through `w:basedOn` chains.
//!
//! Built-in styles are recognised by their name ("heading 1", "Title", "List Paragraph"),
//! which Word writes in English whatever the interface language; the style id is the
//! fallback when a generator left the name out.

use super::xml::{Element, Ns};
use std::collections::HashMap;

/// The longest `basedOn` chain followed (a cycle stops here too).
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default)]
struct Style {
    /// The style's name, lower-cased, spaces removed ("heading1", "title").
    name: String,
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    page_break_before: Option<bool>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

/// The numbering a style (or a paragraph) asks for: a `w:num` id and perhaps a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumRef {
    pub num_id: Option<String>,
    pub ilvl: Option<u8>,
}

/// Reads `w:numPr` (numbering id and level) from a `w:pPr`.
pub(crate) fn num_ref(ppr: &Element) -> Option<NumRef> {
    let num_pr = ppr.child(Ns::W, "numPr")?;
    let num_id = num_pr
        .child(Ns::W, "numId")
        .and_then(|e| e.attr("val"))
        .map(str::to_string);
    let ilvl = num_pr
        .child(Ns::W, "ilvl")
        .and_then(|e| e.attr("val"))
        .and_then(|v| v.trim().parse::<u8>().ok())
        .map(|l| l.min(8));
    Some(NumRef { num_id, ilvl })
}

impl Styles {
    /// Reads `styles.xml`'s root (`w:styles`).
    pub fn parse(root: &Element) -> Styles {
        let mut styles = Styles::default();
        for s in root.elements().filter(|e| e.is(Ns::W, "style")) {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let kind = s.attr("type").unwrap_or("paragraph");
            if kind == "paragraph" && s.attr("default").is_some_and(|d| d == "1" || d == "true") {
                styles.default_paragraph = Some(id.to_string());
            }
            let name = s
                .child(Ns::W, "name")
                .and_then(|n| n.attr("val"))
                .unwrap_or(id);
            let ppr = s.child(Ns::W, "pPr");
            let num = ppr.and_then(num_ref);
            styles.styles.insert(
                id.to_string(),
                Style {
                    name: squash(name),
                    based_on: s
                        .child(Ns::W, "basedOn")
                        .and_then(|b| b.attr("val"))
                        .map(str::to_string),
                    num_id: num.as_ref().and_then(|n| n.num_id.clone()),
                    ilvl: num.as_ref().and_then(|n| n.ilvl),
                    page_break_before: ppr
                        .and_then(|p| p.child(Ns::W, "pageBreakBefore"))
                        .map(Element::on),
                },
            );
        }
        styles
    }

    /// The style a paragraph without `w:pStyle` has.
    pub fn default_paragraph(&self) -> Option<&str> {
        self.default_paragraph.as_deref()
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'s>(&'s self, id: &'s str) -> impl Iterator<Item = (&'s str, &'s Style)> + 's {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.styles.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
        .take(MAX_CHAIN)
    }

    /// The heading level of a style: 0 for Title, 1-9 for Heading 1-9.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        for (sid, style) in self.chain(id) {
            if let Some(level) = heading_of(&style.name).or_else(|| heading_of(&squash(sid))) {
                return Some(level);
            }
        }
        // A style id that styles.xml does not define ("Heading1" in a bare generator's
        // output) still says what it is.
        if !self.styles.contains_key(id) {
            return heading_of(&squash(id));
        }
        None
    }

    /// The numbering a style gives its paragraphs, through its `basedOn` chain.
    pub fn numbering(&self, id: &str) -> Option<NumRef> {
        let mut found: Option<NumRef> = None;
        for (_, style) in self.chain(id) {
            if let Some(num_id) = &style.num_id
                && found.as_ref().is_none_or(|f| f.num_id.is_none())
            {
                let ilvl = found.as_ref().and_then(|f| f.ilvl).or(style.ilvl);
                found = Some(NumRef {
                    num_id: Some(num_id.clone()),
                    ilvl,
                });
            } else if let Some(ilvl) = style.ilvl
                && found.is_none()
            {
                found = Some(NumRef {
                    num_id: None,
                    ilvl: Some(ilvl),
                });
            }
            if found.as_ref().is_some_and(|f| f.num_id.is_some()) {
                break;
            }
        }
        found.filter(|f| f.num_id.is_some())
    }

    /// Whether paragraphs of this style start a new page.
    pub fn page_break_before(&self, id: &str) -> bool {
        self.chain(id)
            .find_map(|(_, s)| s.page_break_before)
            .unwrap_or(false)
    }
}

/// Lower-cases and removes spaces: "heading 1" and "Heading1" compare equal.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn heading_of(squashed: &str) -> Option<u8> {
    if squashed == "title" {
        return Some(0);
    }
    let n = squashed.strip_prefix("heading")?;
    let level: u8 = n.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::xml::parse;

    fn styles(body: &str) -> Styles {
        let xml = format!(
            "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{body}</w:styles>"
        );
        Styles::parse(&parse("styles", xml.as_bytes(), |_, _| false).unwrap())
    }

    #[test]
    fn headings_through_based_on() {
        let s = styles(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Head"/><w:basedOn w:val="berschrift1"/></w:style>
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>"#,
        );
        assert_eq!(s.heading_level("MyHead"), Some(1));
        assert_eq!(s.heading_level("Title"), Some(0));
        assert_eq!(s.heading_level("Normal"), None);
        assert_eq!(s.heading_level("Loop"), None);
        assert_eq!(s.heading_level("Heading2"), Some(2));
        assert_eq!(s.default_paragraph(), Some("Normal"));
    }

    #[test]
    fn numbering_from_styles() {
        let s = styles(
            r#"<w:style w:type="paragraph" w:styleId="Num"><w:name w:val="Num"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Num2"><w:name w:val="Num 2"/><w:basedOn w:val="Num"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#,
        );
        assert_eq!(
            s.numbering("Num2"),
            Some(NumRef {
                num_id: Some("4".into()),
                ilvl: Some(1)
            })
        );
        assert_eq!(s.numbering("Num").unwrap().ilvl, None);
    }
}
