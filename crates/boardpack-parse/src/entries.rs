//! Turning the lines under a label ("Recommendations", "Decision:", "Actions:") into list
//! entries: one per number, letter or bullet, wrapped lines joined, introductions such as
//! "Members are asked to:" dropped when a list follows them.

use boardpack_read::Marker;

use crate::lines::Line;
use crate::text::{ends_sentence, squash, starts_upper};

/// One entry of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The marker that opened it, if any.
    pub marker: Option<Marker>,
    /// Its text, wrapped lines joined.
    pub text: String,
}

impl Entry {
    /// Whether the entry introduces a list ("Members are asked to:", "RESOLVED that:-").
    pub fn is_intro(&self) -> bool {
        let t = self.text.trim_end();
        t.ends_with(':') || t.ends_with(":-") || t.ends_with(":–") || t.ends_with("–")
    }
}

/// Groups lines into entries.
pub(crate) fn entries<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut open = false;
    for line in lines {
        for (k, piece) in split_inline_bullets(&line.text).into_iter().enumerate() {
            let marker = if k == 0 {
                line.marker.clone()
            } else {
                Some(Marker::Bullet)
            };
            let continues = k == 0
                && marker.is_none()
                && open
                && out.last().is_some_and(|prev: &Entry| {
                    !ends_sentence(&prev.text) && !prev.is_intro()
                        || piece.chars().next().is_some_and(char::is_lowercase)
                })
                && !(line.gap_before && starts_upper(&piece) && is_resolution_start(&piece));
            if continues {
                if let Some(prev) = out.last_mut() {
                    prev.text.push(' ');
                    prev.text.push_str(&piece);
                }
            } else {
                out.push(Entry {
                    marker,
                    text: piece,
                });
                open = true;
            }
        }
    }
    for e in &mut out {
        e.text = squash(&e.text);
    }
    out
}

/// "That ..." or "RESOLVED ..." opens a new resolution even without a marker.
fn is_resolution_start(s: &str) -> bool {
    s.starts_with("That ") || s.starts_with("RESOLVED") || s.starts_with("AGREED")
}

/// "... the attached minutes: • Grants Committee • Audit" printed on one line.
fn split_inline_bullets(s: &str) -> Vec<String> {
    if !s.contains(" • ") {
        return vec![s.to_string()];
    }
    s.split('•')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The entries a reader is asked to act on: introductions dropped where a list follows
/// them, and a sentence before an introduction ("As detailed in recommendations 1-3.
/// Recommendations 4 and 5 to be amended to read:") kept on its own.
pub(crate) fn substantive(entries: Vec<Entry>) -> Vec<String> {
    let mut out = Vec::new();
    let n = entries.len();
    for (i, e) in entries.into_iter().enumerate() {
        let text = e.text.trim();
        if text.is_empty() || is_none(text) {
            continue;
        }
        if e.is_intro() && i + 1 < n {
            if let Some(lead) = sentence_before_intro(text) {
                out.push(lead);
            }
            continue;
        }
        if e.is_intro() && i + 1 == n && n > 1 {
            continue;
        }
        out.push(text.to_string());
    }
    out
}

/// "None", "N/A", "Nil": nothing was decided.
pub(crate) fn is_none(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.').to_lowercase();
    matches!(
        t.as_str(),
        "none" | "n/a" | "nil" | "not applicable" | "none."
    )
}

fn sentence_before_intro(text: &str) -> Option<String> {
    let idx = text.rfind(". ")?;
    let lead = text[..=idx].trim();
    (lead.split_whitespace().count() >= 3).then(|| lead.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::prepare;

    fn check(src: &str, expected: &[&str]) {
        let doc = boardpack_read::read_text(src.as_bytes()).unwrap();
        let lines = prepare(&doc);
        assert_eq!(substantive(entries(&lines)), expected, "{src}");
    }

    #[test]
    fn lists() {
        check(
            "Members are asked to:\n1. Note activity\n2. Advise on re-positioning\n",
            &["Note activity", "Advise on re-positioning"],
        );
        check(
            "Members are asked to note the update.\n",
            &["Members are asked to note the update."],
        );
        check(
            "(1)\n(2)\nThat a unit is established to commission and\nmanage transport.\nThat a plan be implemented.\n",
            &[
                "That a unit is established to commission and manage transport.",
                "That a plan be implemented.",
            ],
        );
        check(
            "Committee is recommended to note: • Grants – 8 May • Audit – 9 May\n",
            &["Grants – 8 May", "Audit – 9 May"],
        );
        check(
            "As detailed in recommendations 1-3. Recommendations 4 and 5 to be amended to read:\n(4) For the year X;\n",
            &["As detailed in recommendations 1-3.", "For the year X;"],
        );
        check("None\n", &[]);
    }
}
