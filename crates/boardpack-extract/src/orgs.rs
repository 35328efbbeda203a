//! Organisations: named bodies with their aliases. (stub: to be written)

use boardpack_model::{Organisation, Paper};

use crate::Unit;

/// Every named organisation in the paper, one entry each.
pub fn organisations(units: &[Unit<'_>], paper: &Paper) -> Vec<Organisation> {
    let _ = (units, paper);
    Vec::new()
}
