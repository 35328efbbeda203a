//! Money: every sum in pounds, with its rate. (stub: to be written)

use boardpack_model::Money;

use crate::Unit;

/// Every sum of money in the paper.
pub fn money(units: &[Unit<'_>]) -> Vec<Money> {
    let _ = units;
    Vec::new()
}
