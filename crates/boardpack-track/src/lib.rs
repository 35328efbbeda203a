//! The track stage: a board's work programme followed across its papers.
//!
//! Pure functions over what the store holds of each paper (no I/O, no clock):
//! - `subjects`: the named initiatives, programmes, plans and bodies a paper mentions,
//!   with the kind of each mention (proposed, decided, funded, actioned, reported);
//! - `items`: the actions, decisions and activities a paper records, to follow through;
//! - `link`: for an item, the later paragraph that reports on it, with why;
//! - `status`: an item's status as of a day (reported, due, overdue, no timescale).
//!
//! The app crate runs them over the library and keeps their results in the store.

mod items;
pub mod link;
pub mod subjects;
pub mod text;
mod types;

pub use items::{is_boilerplate, is_done, is_procedural, items};
pub use link::{Best, Matcher, Scored, Weights};
pub use subjects::{key_of, subjects};
pub use types::*;

/// The ISO date of a day counted from 1970-01-01 (proleptic Gregorian).
pub fn iso_from_days(days: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_days() {
        assert_eq!(super::iso_from_days(0), "1970-01-01");
        assert_eq!(super::iso_from_days(20_819), "2027-01-01");
        assert_eq!(super::iso_from_days(19_782), "2024-02-29");
    }
}
