//! The labels UK committee papers use, and what each one opens.
//!
//! A label is a short lead-in ("Purpose of report", "Decision:", "Contact officer:") that
//! either carries its value on the same line or heads the lines after it. Matching is on
//! the normalised label text, so "RECOMMENDATIONS:", "Recommendation(s)" and
//! "Recommendation/s" are one label.

/// What a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelKind {
    /// "Agenda item": the next line is the item's title.
    AgendaItem,
    /// "Subject:", "Title:", "Report title:": the paper's title.
    Title,
    /// "Purpose of report", "Purpose".
    Purpose,
    /// "Is this report confidential?".
    Confidential,
    /// "Summary", "Executive summary".
    Summary,
    /// "Recommendation(s)", "Recommendations".
    Recommendations,
    /// "Action/s", "Action" on a report's cover; "Actions:" in minutes.
    Actions,
    /// "Decision:", "Decisions:", "Decision made", "Resolved".
    Decision,
    /// "Minutes:".
    Minutes,
    /// Contact-block fields.
    Contact(ContactField),
    /// "Reasons for decision", "Alternative options considered", "Background papers",
    /// "Supporting documents": text that belongs to none of the record's fields.
    Aside,
    /// "PRESENT:", "IN ATTENDANCE:", "Apologies:" membership lists.
    Attendance,
    /// Header fields whose value is one line ("Decision Maker:", "Venue:", "Wards
    /// affected:", "Date of decision:").
    Meta,
    /// Website page labels ("Agenda and minutes", "Decision details", "Issue details").
    Page,
}

/// The parts of a contact block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContactField {
    /// A label that names the contact person (or team).
    Name,
    /// Their job title.
    Position,
    /// Their telephone number.
    Phone,
    /// Their e-mail address.
    Email,
}

/// Normalises label text: lower case, "(s)" and "/s" dropped, punctuation trimmed.
pub(crate) fn norm_label(s: &str) -> String {
    let lower = s.to_lowercase().replace(['’', '\''], "'");
    let lower = lower.replace("(s)", "s").replace("/s", "s");
    let trimmed = lower
        .trim()
        .trim_end_matches([':', '?', '.', '-', ' ', '–']);
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind of a label, from its normalised text.
pub(crate) fn kind_of(label: &str) -> Option<LabelKind> {
    use ContactField::*;
    use LabelKind::*;
    let l = label;
    Some(match l {
        "agenda item" => AgendaItem,
        "subject" | "title" | "report title" | "title of report" | "subject of report" => Title,
        "purpose of report"
        | "purpose of the report"
        | "purpose"
        | "purpose of paper"
        | "purpose of the paper"
        | "report purpose"
        | "purpose of this report" => Purpose,
        "is this report confidential"
        | "confidential"
        | "confidentiality"
        | "exempt information"
        | "is the report confidential"
        | "exempt"
        | "exempt report"
        | "exempt item"
        | "is this report exempt"
        | "open or exempt"
        | "open/exempt" => Confidential,
        "summary"
        | "executive summary"
        | "summary of report"
        | "report summary"
        | "summary of the report" => Summary,
        "recommendation"
        | "recommendations"
        | "recommendation to cabinet"
        | "recommendations to cabinet"
        | "recommended"
        | "recommendation for decision"
        | "officer recommendation"
        | "officer recommendations"
        | "recommendations for decision" => Recommendations,
        "action" | "actions" | "action required" | "actions required" | "action points"
        | "agreed actions" | "action arising" | "actions arising" => Actions,
        "decision" | "decisions" | "decision made" | "decisions made" | "decision taken"
        | "decisions taken" | "resolved" | "resolution" | "resolutions" => Decision,
        "minutes" | "minute" => Minutes,
        "contact officer"
        | "contact officers"
        | "contact"
        | "officer contact"
        | "report author"
        | "report authors"
        | "author"
        | "lead officer"
        | "lead officer and report author"
        | "report author and lead officer"
        | "report by"
        | "contact name"
        | "name"
        | "contact person"
        | "author of report"
        | "report author(s)"
        | "authors" => Contact(Name),
        "position" | "job title" | "designation" | "post" | "role" | "post title" => {
            Contact(Position)
        }
        "phone" | "phone no" | "phone number" | "tel" | "tel no" | "tel. no" | "telephone"
        | "telephone number" | "telephone no" | "direct line" | "mobile" | "tel number"
        | "contact number" => Contact(Phone),
        "email" | "e-mail" | "email address" | "e-mail address" | "e mail" => Contact(Email),
        "reasons for decision"
        | "reasons for the decision"
        | "reason for decision"
        | "reason for the decision"
        | "reasons"
        | "reason"
        | "reasons for recommendations"
        | "reasons for recommendation"
        | "reasons for the recommendations"
        | "alternative options considered"
        | "alternative options"
        | "alternatives considered"
        | "alternative options considered and rejected"
        | "alternatives considered and rejected"
        | "options considered"
        | "other options considered"
        | "background papers"
        | "background documents"
        | "supporting documents"
        | "additional documents"
        | "attachments"
        | "appendices"
        | "links to further information"
        | "details of any alternative options considered and rejected"
        | "reason key"
        | "conflicts of interest"
        | "dispensations"
        | "interests"
        | "details"
        | "key council policies"
        | "reasons for the recommendation" => Aside,
        "present"
        | "in attendance"
        | "other members"
        | "also present"
        | "members present"
        | "officers present"
        | "apologies"
        | "membership"
        | "councillors present" => Attendance,
        "decision maker"
        | "decision status"
        | "is key decision"
        | "is subject to call in"
        | "date of decision"
        | "effective from"
        | "publication date"
        | "decided at meeting"
        | "decision due"
        | "notice of proposed decision first published"
        | "lead member"
        | "lead director"
        | "department"
        | "decision type"
        | "wards affected"
        | "ward(s) to which report relates"
        | "wards to which report relates"
        | "key decision"
        | "venue"
        | "date"
        | "time"
        | "meeting"
        | "cabinet member"
        | "portfolio holder"
        | "report of"
        | "item no"
        | "item number"
        | "agenda item no"
        | "date of meeting"
        | "lga plan theme"
        | "note"
        | "scrutiny comments"
        | "additional information"
        | "background information"
        | "cabinet portfolio"
        | "status"
        | "classification"
        | "date of next meeting"
        | "restrictions"
        | "call-in"
        | "call in"
        | "forward plan reference"
        | "reference"
        | "ref" => Meta,
        "agenda and minutes"
        | "agenda, decisions and minutes"
        | "agenda and decisions"
        | "decision details"
        | "issue details"
        | "issue - decisions"
        | "issue - meetings"
        | "issue history"
        | "record of decision"
        | "record of decisions"
        | "decision notice"
        | "meeting documents"
        | "items"
        | "agenda"
        | "agenda items"
        | "forward plan"
        | "meeting details"
        | "committee details"
        | "notice of decision"
        | "contact details" => Page,
        _ => return None,
    })
}

/// The label that a whole line forms, with its inline value: "Decision:" (empty value),
/// "Contact officer: Philip Clifford", "Is this report confidential? No",
/// "Purpose of Report" (a bare label without a colon).
pub(crate) fn line_label(text: &str) -> Option<(LabelKind, String)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // Labels are short: a long line can only carry one at its start.
    if t.len() > 80 && !t.as_bytes()[..80].iter().any(|&b| b == b':' || b == b'?') {
        return None;
    }
    // Bare label: the whole line is a label ("Summary", "Recommendation(s)").
    let whole = if t.len() <= 80 {
        norm_label(t)
    } else {
        String::new()
    };
    if let Some(kind) = kind_of(&whole) {
        // A bare "Reasons for Decision" or "Attachments" line is a heading; only with a
        // colon is it a label.
        let bare_ok = matches!(
            whole.as_str(),
            "present" | "in attendance" | "contact details" | "membership"
        );
        if matches!(
            kind,
            LabelKind::Aside | LabelKind::Meta | LabelKind::Attendance
        ) && !t.ends_with(':')
            && !bare_ok
        {
            return None;
        }
        return Some((kind, String::new()));
    }
    // "Label: value" or "Question? answer".
    for sep in [':', '?'] {
        if let Some(idx) = t.find(sep).filter(|&i| i <= 80) {
            let name = norm_label(&t[..idx]);
            if name.split(' ').count() > 9 {
                continue;
            }
            if let Some(kind) = kind_of(&name) {
                let value = t[idx + 1..].trim().trim_start_matches(['-', '–']).trim();
                return Some((kind, value.to_string()));
            }
        }
    }
    None
}

/// Whether a line has the shape of a label the parser does not know ("LGA Plan Theme:
/// ...", "Portfolio: ..."): a short capitalised lead-in and a colon.
pub(crate) fn generic_label(text: &str) -> bool {
    let Some(idx) = text.find(':') else {
        return false;
    };
    let name = &text[..idx];
    let words = name.split_whitespace().count();
    (1..=5).contains(&words)
        && name.chars().next().is_some_and(char::is_uppercase)
        && !name.chars().any(|c| c.is_ascii_digit())
        && !text[idx + 1..].starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let cases: &[(&str, Option<LabelKind>, &str)] = &[
            ("Purpose of Report", Some(LabelKind::Purpose), ""),
            (
                "Is this report confidential? No",
                Some(LabelKind::Confidential),
                "No",
            ),
            ("Recommendation(s)", Some(LabelKind::Recommendations), ""),
            ("RECOMMENDATIONS:", Some(LabelKind::Recommendations), ""),
            ("Action/s", Some(LabelKind::Actions), ""),
            ("Decision:", Some(LabelKind::Decision), ""),
            (
                "Contact officer: Ian Hughes",
                Some(LabelKind::Contact(ContactField::Name)),
                "Ian Hughes",
            ),
            ("E-mail:", Some(LabelKind::Contact(ContactField::Email)), ""),
            ("Decision Maker: Cabinet", Some(LabelKind::Meta), "Cabinet"),
            ("Is Key decision?: Yes", Some(LabelKind::Meta), "Yes"),
            ("Health Devolution", None, ""),
            ("Members are asked to: note", None, ""),
        ];
        for (input, kind, value) in cases {
            let got = line_label(input);
            assert_eq!(got.as_ref().map(|g| g.0), *kind, "{input}");
            if kind.is_some() {
                assert_eq!(got.unwrap().1, *value, "{input}");
            }
        }
    }
}
