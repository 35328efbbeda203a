//! The read stage: bytes of a paper in, one stream of [`Block`]s out.
//!
//! Every format a paper arrives in (plain text now; DOCX, HTML and PDF later) is turned
//! into the same [`Document`]: a list of lines with their indentation, list or paragraph
//! marker, table cells and label:value shape. The parse stage works only on this stream,
//! so it never needs to know what the file was.
//!
//! This crate does no file I/O: callers hand it bytes. It fails only on input that is not
//! a paper at all (empty, binary, too large, undecodable) and says why in [`ReadError`].
#![warn(missing_docs)]

mod block;
pub mod docx;
pub mod html;
pub mod pdf;
mod text;

pub use block::{Block, Document, Label, Marker};
pub use text::{decode_text, read_text};

/// The most entries a DOCX (zip) archive may hold.
pub const MAX_ZIP_ENTRIES: usize = 5_000;
/// The most bytes all of a DOCX archive's entries may inflate to (200 MiB): a zip bomb
/// stops here.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 200 * 1024 * 1024;
/// The deepest XML or HTML element nesting the readers follow.
pub const MAX_NESTING: usize = 256;
/// The most pages a PDF may have.
pub const MAX_PDF_PAGES: usize = 5_000;

/// The largest input the readers accept, in bytes (20 MiB). A committee paper in plain text
/// is rarely over 1 MiB; a bigger file is almost certainly not one paper.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// Why bytes could not be read as a paper. Each variant is a user-facing reason.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError {
    /// Zero bytes, or nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not text in any encoding a paper uses.
    #[error("the file is binary, not text ({0})")]
    Binary(&'static str),
    /// The input is over [`MAX_INPUT_BYTES`].
    #[error("the file is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit it broke.
        limit: usize,
    },
    /// The file claims a format but is broken (a truncated archive, invalid XML).
    #[error("the file is not a valid {format} file: {reason}")]
    Malformed {
        /// "DOCX", "HTML" or "PDF".
        format: &'static str,
        /// What is wrong, in a few words.
        reason: String,
    },
    /// The file breaks one of the readers' safety limits (zip entries, inflated size,
    /// nesting depth, pages).
    #[error("the file breaks a safety limit: {0}")]
    Limit(String),
    /// An encrypted or password-protected document.
    #[error("the {0} file is encrypted or password-protected")]
    Encrypted(&'static str),
    /// A PDF whose pages carry no text (a scan).
    #[error("the PDF has no text layer (it looks scanned); run OCR on it first")]
    NoTextLayer,
}

/// The formats boardpack can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text in UTF-8, UTF-16 (with BOM) or Windows-1252.
    Text,
    /// A Word document (Office Open XML).
    Docx,
    /// A web page.
    Html,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// The lower-case name used in the store and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// Tells the format from the content, never the file name.
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"%PDF-")
        || bytes.len() > 5
            && bytes[..bytes.len().min(1024)]
                .windows(5)
                .any(|w| w == b"%PDF-")
    {
        return Format::Pdf;
    }
    // A zip package, or an OLE compound file (how Word stores encrypted .docx and legacy
    // .doc files; the DOCX reader says which).
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        return Format::Docx;
    }
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || trimmed.starts_with("<?xml") && head.contains("<html")
        || (trimmed.starts_with('<')
            && (head.contains("<body")
                || head.contains("<div")
                || head.contains("<p>")
                || head.contains("<head")))
    {
        return Format::Html;
    }
    Format::Text
}

/// Reads bytes of any supported format into a [`Document`].
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    read_detected(bytes).map(|(_, doc)| doc)
}

/// Reads bytes of any supported format, saying which format it was.
pub fn read_detected(bytes: &[u8]) -> Result<(Format, Document), ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let format = detect(bytes);
    let doc = match format {
        Format::Text => read_text(bytes)?,
        Format::Docx => docx::read_docx(bytes)?,
        Format::Html => html::read_html(bytes)?,
        Format::Pdf => pdf::read_pdf(bytes)?,
    };
    if doc.blocks.iter().all(Block::is_blank) {
        return Err(ReadError::Empty);
    }
    Ok((format, doc))
}
