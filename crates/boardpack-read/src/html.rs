//! HTML: a web page (a council's CMS article, a ModernGov agenda item, meeting, decision
//! or issue page) to the block stream, reading like the page's plain-text copy.
//!
//! Three steps, one module each:
//! 1. `decode`: bytes to text (BOM, `<meta charset>`, else UTF-8 or Windows-1252).
//! 2. `tree`: html5gum's tokens to balanced element events, with the site's furniture
//!    (scripts, navigation, banners, footers, cookie notices, breadcrumbs, hidden
//!    elements, "Skip to main content") dropped and the main content located (`<main>`,
//!    `role="main"`, ModernGov's `#modgov` or `.mgContent`).
//! 3. `render`: events to lines: paragraphs, headings, list markers, table rows as
//!    "Label: value" or tab-prefixed cells, `<br>` and `<pre>` line breaks.
//!
//! The reader never fails on markup: any bytes give a document (perhaps an empty one,
//! which [`crate::read`] reports as [`ReadError::Empty`]). It does not try to be a
//! browser: no CSS beyond inline `display:none`, no scripts, no foster-parenting of
//! misplaced table content.

mod decode;
mod render;
mod tree;

use crate::{Document, ReadError};
use render::Out;

/// Reads a web page into a [`Document`]: one block per line of its main content, headings
/// marked with their level, all on page 0.
pub fn read_html(bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: crate::MAX_INPUT_BYTES,
        });
    }
    let text = decode::decode(bytes);
    let tree = tree::build(&text);
    let events = match tree.main {
        Some((open, close)) => &tree.events[open..=close],
        None => &tree.events[..],
    };
    let mut doc = Document::default();
    for out in render::render(events) {
        match out {
            Out::Line(text, Some(level)) => doc.push_heading(&text, level, 0),
            Out::Line(text, None) => doc.push_line(&text, 0),
            Out::Blank => doc.push_blank(0),
        }
    }
    Ok(doc)
}
