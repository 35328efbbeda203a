//! PDF: bytes of a PDF file to the block stream.
//!
//! The file is parsed with `lopdf` (pure Rust, MIT); its page content streams are run by
//! our own small interpreter ([`content`]) that decodes text through the fonts' encodings
//! and `ToUnicode` CMaps ([`font`]) and keeps each glyph's position. [`layout`] rebuilds
//! lines, paragraphs and tables from that geometry so that a PDF gives the same lines as
//! its plain-text twin. See `docs/pdf-reader.md` for the choice of library and figures.
//!
//! Not for: OCR (a scan is [`ReadError::NoTextLayer`]), forms, annotations, rotated text.

mod content;
mod font;
mod layout;

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::{Document, MAX_INPUT_BYTES, MAX_PDF_PAGES, ReadError};

/// Reads a PDF file into a [`Document`], one block per rebuilt line, each with its page.
///
/// Fails with [`ReadError::Encrypted`] when the file needs a password (files encrypted
/// with an empty user password are read), [`ReadError::Malformed`] when it cannot be
/// parsed, [`ReadError::Limit`] above [`MAX_PDF_PAGES`] pages and
/// [`ReadError::NoTextLayer`] when no page shows any text. Never panics: the parser is
/// run under `catch_unwind`, and a panic inside it is reported as a malformed file.
pub fn read_pdf(bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    catch_unwind(AssertUnwindSafe(|| read_unguarded(bytes)))
        .unwrap_or_else(|_| Err(malformed("the PDF parser failed on it")))
}

fn malformed(reason: impl Into<String>) -> ReadError {
    ReadError::Malformed {
        format: "PDF",
        reason: reason.into(),
    }
}

fn read_unguarded(bytes: &[u8]) -> Result<Document, ReadError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ReadError::Encrypted("PDF"),
        e => {
            let mut reason = e.to_string();
            reason.truncate(120);
            malformed(reason)
        }
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(ReadError::Encrypted("PDF"));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(malformed("it has no pages"));
    }
    if pages.len() > MAX_PDF_PAGES {
        return Err(ReadError::Limit(format!(
            "{} pages, over the {MAX_PDF_PAGES}-page limit",
            pages.len()
        )));
    }
    let mut fonts = content::FontCache::default();
    let contents: Vec<content::PageContent> = pages
        .values()
        .map(|&id| content::run_page(&doc, id, &mut fonts))
        .collect();
    let has_text = contents.iter().any(|p| {
        p.glyphs
            .iter()
            .any(|g| !g.ch.is_whitespace() && g.ch != '\u{fffd}')
    });
    if !has_text {
        return Err(ReadError::NoTextLayer);
    }
    let doc = layout::build(&contents);
    if doc.blocks.iter().all(crate::Block::is_blank) {
        return Err(ReadError::NoTextLayer);
    }
    Ok(doc)
}
