//! The paper's own date: stated in its header or text, or inferred from the dates it
//! mentions. (stub: to be written)

use boardpack_model::{Paper, PaperDate};

use crate::Unit;

/// The paper's date with its window and basis, or None where nothing bounds it.
pub fn paper_date(paper: &Paper, units: &[Unit<'_>]) -> Option<PaperDate> {
    let _ = (paper, units);
    None
}
