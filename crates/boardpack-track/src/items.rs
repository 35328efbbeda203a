//! The things to follow through that one paper records: its actions, its substantive
//! decisions and its work-programme activities, each with the timescale it gives.

use boardpack_model::Paper;

use crate::{Item, ItemKind};

/// The items of one paper (`paper` is its store id).
pub fn items(paper: i64, record: &Paper) -> Vec<Item> {
    let reference = record.date.as_ref().and_then(|d| d.value.as_deref());
    let paper_title = record.title.clone();
    let mut out = Vec::new();
    for (ord, action) in record.actions.iter().enumerate() {
        let under = record
            .items
            .iter()
            .find(|it| it.actions.iter().any(|a| a.text == action.text));
        let (timescale, start, end) = timescale_of(&action.text, reference);
        out.push(Item {
            paper,
            kind: ItemKind::Action,
            ord: ord as u32,
            text: action.text.clone(),
            owner: action.owner.clone(),
            item: under.and_then(|it| it.number.clone()),
            context: under
                .map(|it| it.title.clone())
                .or_else(|| paper_title.clone()),
            timescale,
            start,
            end,
        });
    }
    for (ord, decision) in record.decisions.iter().enumerate() {
        if is_procedural(decision) {
            continue;
        }
        let under = record
            .items
            .iter()
            .find(|it| it.decisions.iter().any(|d| d == decision));
        let (timescale, start, end) = timescale_of(decision, reference);
        out.push(Item {
            paper,
            kind: ItemKind::Decision,
            ord: ord as u32,
            text: decision.clone(),
            owner: None,
            item: under.and_then(|it| it.number.clone()),
            context: under
                .map(|it| it.title.clone())
                .or_else(|| paper_title.clone()),
            timescale,
            start,
            end,
        });
    }
    for (ord, activity) in record.activities.iter().enumerate() {
        out.push(Item {
            paper,
            kind: ItemKind::Activity,
            ord: ord as u32,
            text: activity.text.clone(),
            owner: None,
            item: activity.source.paragraph.clone(),
            context: paper_title.clone(),
            timescale: activity.timescale.clone(),
            start: activity.start.clone(),
            end: activity.end.clone(),
        });
    }
    out
}

/// The timescale an action or decision gives in its own words: the span from the first
/// expression's start to the last one's end ("by 31 January 2024 and report ... in March
/// 2024" is due by the end of March 2024).
fn timescale_of(
    text: &str,
    reference: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    let found = boardpack_extract::time::find(text, reference);
    let Some(last) = found
        .iter()
        .filter(|f| f.last.is_some())
        .max_by(|a, b| a.last.cmp(&b.last))
    else {
        return (None, None, None);
    };
    let start = found.iter().filter_map(|f| f.first.clone()).min();
    (Some(last.text.clone()), start, last.last.clone())
}

/// Actions that name no work of their own: "Officers to take forward the work programme
/// as directed by members."
pub fn is_boilerplate(text: &str) -> bool {
    let t = text.to_lowercase();
    (t.contains("as directed by") || t.contains("as appropriate") || t.contains("as necessary"))
        && t.split_whitespace().count() <= 14
}

/// Whether an activity is described as done ("Agreed a referral protocol ..."): it opens
/// with a verb in the past tense.
pub fn is_done(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    const NOT_DONE: &[&str] = &[
        "expected",
        "intended",
        "planned",
        "proposed",
        "required",
        "scheduled",
        "needed",
    ];
    first.len() > 4 && first.ends_with("ed") && !NOT_DONE.contains(&first.as_str())
}

/// Decisions that close the formalities of a meeting rather than decide work: apologies,
/// declarations, minutes agreed, reports merely noted.
pub fn is_procedural(text: &str) -> bool {
    let t = text.to_lowercase();
    const MARKS: &[&str] = &[
        "apolog",
        "declaration",
        "declared",
        "correct record",
        "minutes of the",
        "no decision",
        "none.",
    ];
    if MARKS.iter().any(|m| t.contains(m)) || t.trim() == "none" {
        return true;
    }
    // "Members noted the report." / "That the report be noted."
    let words = t.split_whitespace().count();
    (t.contains("noted") || t.contains("be noted") || t.contains("note the"))
        && words <= 12
        && !t.contains("agreed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_and_done() {
        assert!(is_boilerplate(
            "Officers to take forward the work programme as directed by members."
        ));
        assert!(!is_boilerplate(
            "Officers to bring a recovery plan to the Board in June 2024."
        ));
        assert!(is_done(
            "Agreed a referral protocol with Jobcentre Plus (November 2023)."
        ));
        assert!(!is_done("Agreeing a delivery model with the councils."));
        assert!(!is_done("Proposed consultation on the plan (May)."));
    }

    #[test]
    fn procedural_decisions() {
        for t in [
            "An apology for absence was received from Cllr Smith.",
            "RESOLVED that the minutes of the meeting held on 1 May 2024 be agreed as a correct record.",
            "Members noted the progress report.",
            "That the report be noted.",
            "None.",
        ] {
            assert!(is_procedural(t), "{t}");
        }
        for t in [
            "Members agreed the work programme for 2023/24.",
            "the delivery model, with one delivery strand in each area, be agreed; and",
        ] {
            assert!(!is_procedural(t), "{t}");
        }
    }

    #[test]
    fn action_timescales() {
        let (t, s, e) = timescale_of(
            "Officers to submit the self-assessment to DfE by 31 January 2024 and report the outcome to the Board in March 2024.",
            Some("2023-11-16"),
        );
        assert_eq!(t.as_deref(), Some("March 2024"));
        assert_eq!(e.as_deref(), Some("2024-03-31"));
        assert!(s.is_some());
        assert_eq!(
            timescale_of("Officers to report back.", None),
            (None, None, None)
        );
    }
}
