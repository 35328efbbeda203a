//! Timescales: calendar expressions found in text and normalised to first and last days.
//!
//! (stub: to be written)

use boardpack_model::{PaperDate, Timescale};

use crate::Unit;

/// One calendar expression found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the expression in the text searched.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// The expression as printed, trimmed.
    pub text: String,
    /// First day covered (ISO date), or None where open or unknown.
    pub first: Option<String>,
    /// Last day covered (ISO date), or None where open or unknown.
    pub last: Option<String>,
}

/// Finds every calendar expression in `text`. `reference` is the paper's date (ISO), used
/// only to give a year to dates that lack one when that is certain.
pub fn find(text: &str, reference: Option<&str>) -> Vec<Found> {
    let _ = (text, reference);
    Vec::new()
}

/// Every distinct timescale of the paper.
pub fn timescales(units: &[Unit<'_>], date: Option<&PaperDate>) -> Vec<Timescale> {
    let _ = (units, date);
    Vec::new()
}
