//! Contact blocks: "Contact officer:", "Position:", "Phone no:", "Email:" in any layout —
//! one field a line, a label with its value on the next line (a two-column table
//! exported to text), or several fields on one line ("Report by: A Job title: B").

use std::sync::LazyLock;

use boardpack_model::Contact;
use regex::Regex;

use crate::labels::{ContactField, LabelKind, kind_of, norm_label};
use crate::lines::Line;
use crate::text::{has_org_word, looks_like_name, squash};

static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|\s)((?:contact\s+officers?|officer\s+contact|contact\s+name|contact|report\s+authors?|report\s+by|lead\s+officer(?:\s+and\s+report\s+author)?|author|job\s+title|position|designation|phone(?:\s+no\.?|\s+number)?|tel(?:ephone)?(?:\s+no\.?|\s+number)?|direct\s+line|mobile|e-?mail(?:\s+address)?)\s*:)",
    )
    .expect("valid regex")
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\+?[\d\s()\-/]{6,}(?:\s*(?:ext\.?|extension)\s*\d+)?$").expect("valid regex")
});

/// How many lines after a contact's name its other fields may come.
const REACH: usize = 8;

/// Every contact named in the paper.
pub(crate) fn contacts(lines: &[Line]) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    // The contact the following fields belong to, and the line it was opened on.
    let mut current: Option<(usize, usize)> = None;
    let mut pending_name = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let fields = split_fields(&line.text);
        if fields.is_empty() {
            let near = current.is_some_and(|(_, at)| i - at <= REACH);
            if pending_name && near && looks_like_name(&line.text) {
                if let Some((idx, _)) = current {
                    out[idx].name = squash(&line.text);
                }
                pending_name = false;
            }
            i += 1;
            continue;
        }
        for (k, (field, value)) in fields.iter().enumerate() {
            let mut value = value.clone();
            // "Contact officer:" with the name on the next line.
            if value.is_empty()
                && k + 1 == fields.len()
                && let Some(next) = lines.get(i + 1)
                && split_fields(&next.text).is_empty()
                && crate::labels::line_label(&next.text).is_none()
            {
                value = next.text.clone();
                i += 1;
            }
            let near = current.is_some_and(|(_, at)| i - at <= REACH);
            match field {
                ContactField::Name => {
                    let (name, rest) = split_name_value(&value);
                    if name.is_empty() {
                        // A contact whose name comes later ("CONTACT OFFICER:" / "TEL NO:" / name).
                        out.push(Contact::default());
                        current = Some((out.len() - 1, i));
                        pending_name = true;
                        continue;
                    }
                    if let Some(idx) = out.iter().position(|c| same_name(&c.name, &name)) {
                        current = Some((idx, i));
                    } else if let Some((idx, _)) = current.filter(|_| pending_name && near) {
                        out[idx].name = name;
                        current = Some((idx, i));
                    } else {
                        out.push(Contact {
                            name,
                            ..Contact::default()
                        });
                        current = Some((out.len() - 1, i));
                    }
                    pending_name = false;
                    if let Some((idx, _)) = current {
                        for part in rest {
                            fill_part(&mut out[idx], &part);
                        }
                    }
                }
                other => {
                    if !near {
                        out.push(Contact::default());
                        current = Some((out.len() - 1, i));
                        pending_name = true;
                    }
                    if let Some((idx, _)) = current {
                        let c = &mut out[idx];
                        match other {
                            ContactField::Position => set_once(&mut c.position, clean(&value)),
                            ContactField::Phone => set_once(&mut c.phone, clean(&value)),
                            ContactField::Email => set_once(&mut c.email, email(&value)),
                            ContactField::Name => {}
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out.retain(|c| !c.name.is_empty());
    out
}

/// Splits a line into its contact fields: "Report by: A Job title: B" → [(Name, A),
/// (Position, B)]. A line that does not start with a contact label gives nothing.
fn split_fields(text: &str) -> Vec<(ContactField, String)> {
    if !text.contains(':') {
        return Vec::new();
    }
    let caps: Vec<_> = FIELD.captures_iter(text).filter_map(|c| c.get(1)).collect();
    let Some(first) = caps.first() else {
        return Vec::new();
    };
    if !text[..first.start()].trim().is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, m) in caps.iter().enumerate() {
        let end = caps.get(k + 1).map_or(text.len(), |n| n.start());
        let label = norm_label(m.as_str());
        let field = match kind_of(&label) {
            Some(LabelKind::Contact(f)) => f,
            _ => continue,
        };
        let value = text[m.end()..end].trim().to_string();
        out.push((field, value));
    }
    out
}

/// "Karen Strahan, 01392 382264" → ("Karen Strahan", ["01392 382264"]).
fn split_name_value(value: &str) -> (String, Vec<String>) {
    let value = value.trim().trim_end_matches(['.', ',']);
    let mut parts = value
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty());
    let Some(first) = parts.next() else {
        return (String::new(), Vec::new());
    };
    if first.contains('@') || PHONE.is_match(&first) || first.contains("[email") {
        return (String::new(), std::iter::once(first).chain(parts).collect());
    }
    // A post with no name ("the Chief Executive") is not a contact.
    let lower = first.to_lowercase();
    if lower.starts_with("the ") && !looks_like_name(&first) {
        return (String::new(), Vec::new());
    }
    if !looks_like_name(&first) && !has_org_word(&first) && first.split_whitespace().count() > 6 {
        return (String::new(), Vec::new());
    }
    (squash(&first), parts.collect())
}

fn fill_part(c: &mut Contact, part: &str) {
    if part.contains('@') || part.contains("[email") {
        set_once(&mut c.email, email(part));
    } else if PHONE.is_match(part) {
        set_once(&mut c.phone, clean(part));
    } else {
        set_once(&mut c.position, clean(part));
    }
}

fn set_once(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn clean(v: &str) -> Option<String> {
    let v = squash(v.trim().trim_end_matches([',', ';']));
    (!v.is_empty()).then_some(v)
}

/// An address as printed; a masked one ("[email protected]") is no address.
fn email(v: &str) -> Option<String> {
    let v = v.trim().trim_end_matches(['.', ',', ';']);
    if v.contains("[email") || v.contains("protected]") || !v.contains('@') {
        return None;
    }
    v.split_whitespace()
        .find(|w| w.contains('@'))
        .map(str::to_string)
}

fn same_name(a: &str, b: &str) -> bool {
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::prepare;

    /// (name, position, phone, email)
    type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    fn check(src: &str, expected: &[Row<'_>]) {
        let doc = boardpack_read::read_text(src.as_bytes()).unwrap();
        let got = contacts(&prepare(&doc));
        let got: Vec<_> = got
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.position.as_deref(),
                    c.phone.as_deref(),
                    c.email.as_deref(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{src}");
    }

    #[test]
    fn layouts() {
        check(
            "Contact officer: Ann Example\nPosition: Senior Adviser\nPhone no: 01632 960001\nEmail:\tann.example@example.gov.uk\n",
            &[(
                "Ann Example",
                Some("Senior Adviser"),
                Some("01632 960001"),
                Some("ann.example@example.gov.uk"),
            )],
        );
        check(
            "\tContact officer:\n\tBen Sample\n\tPosition:\n\tHead of Policy (Growth)\n\tE-mail:\n\tben@example.gov.uk\n",
            &[(
                "Ben Sample",
                Some("Head of Policy (Growth)"),
                None,
                Some("ben@example.gov.uk"),
            )],
        );
        check(
            "Report by: Cara Test Job title: Head of Governance\nContact Officer: Cara Test\nTelephone: 020 7946 0001 Email: [email protected]\n",
            &[(
                "Cara Test",
                Some("Head of Governance"),
                Some("020 7946 0001"),
                None,
            )],
        );
        check(
            "Contact: Dan Demo, 01632 960002  Email: dan.demo@example.gov.uk\n",
            &[(
                "Dan Demo",
                None,
                Some("01632 960002"),
                Some("dan.demo@example.gov.uk"),
            )],
        );
        check(
            "Contact: Democratic Services Tel: 01632 960003\n",
            &[("Democratic Services", None, Some("01632 960003"), None)],
        );
        check(
            "CONTACT OFFICER:\nTEL NO: 01632 960004\nERIN EXAMPLE\n",
            &[("ERIN EXAMPLE", None, Some("01632 960004"), None)],
        );
        check("Contact: Email:\n", &[]);
        check(
            "Contact: Fay Case, Policy Officer Email: [email protected].\n",
            &[("Fay Case", Some("Policy Officer"), None, None)],
        );
    }
}
