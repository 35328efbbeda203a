//! Activities: the items of explicit lists of work done, in hand or proposed, each with
//! the timescale it gives. (stub: to be written)

use boardpack_model::{Activity, Paper};
use boardpack_read::Document;

use crate::Unit;

/// Every activity in the paper.
pub fn activities(doc: &Document, paper: &Paper, units: &[Unit<'_>]) -> Vec<Activity> {
    let _ = (doc, paper, units);
    Vec::new()
}
