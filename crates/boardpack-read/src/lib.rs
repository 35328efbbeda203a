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
mod text;

pub use block::{Block, Document, Label, Marker};
pub use text::{decode_text, read_text};

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
}

/// The formats boardpack can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text in UTF-8, UTF-16 (with BOM) or Windows-1252.
    Text,
}

/// Reads bytes of any supported format into a [`Document`].
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    read_text(bytes)
}
