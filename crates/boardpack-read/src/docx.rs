//! DOCX (Office Open XML word-processing documents) to the block stream.
//!
//! A DOCX file is a zip package of XML parts. This module finds the main document part
//! (through the package relationships, falling back to `word/document.xml`), reads its
//! styles and numbering parts, and walks the body into the same [`Document`] the
//! plain-text reader makes of Word's "Save as plain text" output:
//! - one line per paragraph, prefixed with its automatic number as printed
//!   ([`numbering`]); Title and Heading 1-3 paragraphs become headings ([`styles`]);
//! - table cells as tab-prefixed lines, a blank line after each row;
//! - text boxes read once where they are anchored; field results kept, field codes,
//!   deleted revisions, hidden text, footnotes and endnotes left out;
//! - headers and footers are separate parts and are not read;
//! - pages counted from explicit and last-rendered page breaks ([`body`]).
//!
//! Safety ([`package`], [`xml`]): the zip entry count, the declared and the actually
//! inflated sizes, and XML nesting are bounded by the crate's limits; DTDs are refused so
//! no entity is ever expanded; encrypted (OLE-wrapped) files are reported as such. Every
//! failure is a [`ReadError`], never a panic.

mod body;
mod numbering;
mod package;
mod styles;
mod xml;

use crate::{Document, ReadError};
use package::{Package, malformed};
use xml::Ns;

/// Reads a DOCX file into a [`Document`].
///
/// Fails with [`ReadError::Encrypted`] for a password-protected file,
/// [`ReadError::Limit`] for one that breaks a safety limit, and [`ReadError::Malformed`]
/// for a damaged archive, a zip that is not a Word document, or invalid XML.
pub fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut package = Package::open(bytes)?;
    let main = main_part(&mut package)?;
    let Some(document) = package.read(&main)? else {
        return Err(malformed(format!(
            "the archive has no main document part ({main}); it is not a Word document"
        )));
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = part_rels(&mut package, &format!("{dir}/_rels/{file}.rels"))?;
    let target = |kind: &str, fallback: &str| {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map(|(_, target)| resolve(dir, target))
            .unwrap_or_else(|| join(dir, fallback))
    };

    let styles = match package.read(&target("/styles", "styles.xml"))? {
        Some(bytes) => styles::Styles::parse(&xml::parse("styles.xml", &bytes, prune_style_sheet)?),
        None => styles::Styles::default(),
    };
    let mut numbering = match package.read(&target("/numbering", "numbering.xml"))? {
        Some(bytes) => {
            numbering::Numbering::parse(&xml::parse("numbering.xml", &bytes, prune_styles)?)
        }
        None => numbering::Numbering::default(),
    };
    // The body is walked a paragraph or table at a time as the XML is parsed.
    let mut walker = body::Walker::new(&styles, &mut numbering);
    let root = xml::parse_streaming(
        &main,
        &document,
        prune_document,
        Some((Ns::W, "body")),
        &mut |el| walker.block(&el),
    )?;
    if root.child(Ns::W, "body").is_none() {
        return Err(malformed(format!("{main} has no w:body")));
    }
    Ok(walker.finish())
}

/// The main document part's name, from `_rels/.rels`, else `word/document.xml`.
fn main_part(package: &mut Package<'_>) -> Result<String, ReadError> {
    const DEFAULT: &str = "word/document.xml";
    let rels = part_rels(package, "_rels/.rels")?;
    let main = rels
        .iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| resolve("", target));
    Ok(match main {
        Some(m) if package.has(&m) => m,
        _ => DEFAULT.to_string(),
    })
}

/// The (type, target) pairs of a relationships part; none if it is missing.
fn part_rels(package: &mut Package<'_>, name: &str) -> Result<Vec<(String, String)>, ReadError> {
    let Some(bytes) = package.read(name)? else {
        return Ok(Vec::new());
    };
    let root = xml::parse(name, &bytes, |_, _| false)?;
    Ok(root
        .elements()
        .filter(|e| e.name == "Relationship" && e.attr("TargetMode") != Some("External"))
        .filter_map(|e| Some((e.attr("Type")?.to_string(), e.attr("Target")?.to_string())))
        .collect())
}

/// Resolves a relationship target against the folder of the part that names it.
fn resolve(dir: &str, target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => normalise(absolute),
        None => join(dir, target),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        normalise(name)
    } else {
        normalise(&format!("{dir}/{name}"))
    }
}

/// Removes "." and ".." segments.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Document elements never read: layout properties, revisions' deleted text and old
/// properties, field instructions, bookmarks and proofing marks.
fn prune_document(ns: Ns, name: &str) -> bool {
    ns == Ns::W
        && matches!(
            name,
            "sectPr"
                | "tblPr"
                | "tblGrid"
                | "trPr"
                | "tcPr"
                | "del"
                | "moveFrom"
                | "delText"
                | "delInstrText"
                | "instrText"
                | "rPrChange"
                | "pPrChange"
                | "tblPrChange"
                | "trPrChange"
                | "tcPrChange"
                | "sectPrChange"
                | "numberingChange"
                | "bookmarkStart"
                | "bookmarkEnd"
                | "proofErr"
                | "commentRangeStart"
                | "commentRangeEnd"
                | "tabs"
                | "spacing"
                | "ind"
                | "rFonts"
                | "sz"
                | "szCs"
                | "color"
                | "lang"
        )
}

/// `styles.xml`: everything but what [`styles::Styles::parse`] reads (each style's name,
/// base and paragraph numbering and page break) is skipped unstored, table styles and
/// latent styles included.
fn prune_style_sheet(ns: Ns, name: &str) -> bool {
    ns != Ns::W
        || !matches!(
            name,
            "styles"
                | "style"
                | "name"
                | "basedOn"
                | "pPr"
                | "numPr"
                | "numId"
                | "ilvl"
                | "pageBreakBefore"
        )
}

/// Numbering: formatting detail never read.
fn prune_styles(ns: Ns, name: &str) -> bool {
    ns == Ns::W
        && matches!(
            name,
            "rPr" | "tblPr" | "trPr" | "tcPr" | "tblStylePr" | "tabs"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve("word", "../customXml/a.xml"), "customXml/a.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }
}
