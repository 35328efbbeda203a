//! PDF: (stub: to be written) bytes of a PDF file to the block stream.

use crate::{Document, ReadError};

/// Reads a PDF file into a [`Document`].
pub fn read_pdf(bytes: &[u8]) -> Result<Document, ReadError> {
    let _ = bytes;
    Err(ReadError::Malformed {
        format: "PDF",
        reason: "this format is not supported yet".into(),
    })
}
