//! People: named people with the role the text gives them. (stub: to be written)

use boardpack_model::{Paper, Person};

use crate::Unit;

/// Every named person in the paper, one entry each.
pub fn people(units: &[Unit<'_>], paper: &Paper) -> Vec<Person> {
    let _ = (units, paper);
    Vec::new()
}
