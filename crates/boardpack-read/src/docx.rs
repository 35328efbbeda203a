//! DOCX: (stub: to be written) bytes of a DOCX file to the block stream.

use crate::{Document, ReadError};

/// Reads a DOCX file into a [`Document`].
pub fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let _ = bytes;
    Err(ReadError::Malformed {
        format: "DOCX",
        reason: "this format is not supported yet".into(),
    })
}
