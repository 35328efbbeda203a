//! HTML: (stub: to be written) bytes of a HTML file to the block stream.

use crate::{Document, ReadError};

/// Reads a HTML file into a [`Document`].
pub fn read_html(bytes: &[u8]) -> Result<Document, ReadError> {
    let _ = bytes;
    Err(ReadError::Malformed {
        format: "HTML",
        reason: "this format is not supported yet".into(),
    })
}
