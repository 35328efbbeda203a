//! Table-driven tests of [`super::paper_date`]: stated dates, forward-plan windows and
//! dates inferred from tense. All papers are fictional.

use boardpack_model::{DateBasis, Paper};

use super::paper_date;

/// Runs `paper_date` over `lines` (one unit each) and compares value, earliest, latest
/// and basis ("" for null; basis "stated", "inferred" or "" for no date at all).
fn check(lines: &[&str], expected: (&str, &str, &str, &str)) {
    let units = crate::test_units(lines.iter().copied());
    let got = paper_date(&Paper::default(), &units);
    let got = match got {
        None => (String::new(), String::new(), String::new(), String::new()),
        Some(d) => (
            d.value.unwrap_or_default(),
            d.earliest.unwrap_or_default(),
            d.latest.unwrap_or_default(),
            match d.basis {
                DateBasis::Stated => "stated".to_string(),
                DateBasis::Inferred => "inferred".to_string(),
            },
        ),
    };
    let want = (
        expected.0.to_string(),
        expected.1.to_string(),
        expected.2.to_string(),
        expected.3.to_string(),
    );
    assert_eq!(got, want, "paper: {lines:?}");
}

#[test]
fn a_date_label_in_the_header_is_stated() {
    check(
        &[
            "Housing Board",
            "Report by: A Officer Job title: Head of Housing",
            "Date: 3rd October 2019",
            "The review published in March 2019 found gaps.",
        ],
        ("2019-10-03", "2019-10-03", "2019-10-03", "stated"),
    );
    check(
        &["Meeting date: 14/11/2022", "Agenda item 5"],
        ("2022-11-14", "2022-11-14", "2022-11-14", "stated"),
    );
}

#[test]
fn a_meeting_line_with_a_weekday_is_stated() {
    check(
        &[
            "PART 1",
            "REPORT OF THE DIRECTOR OF PLACE",
            "TO THE EXECUTIVE ON THURSDAY 6TH MARCH 2008",
            "SUBJECT: LIBRARY OPENING HOURS",
        ],
        ("2008-03-06", "2008-03-06", "2008-03-06", "stated"),
    );
    check(
        &[
            "PSC 09.10.2019",
            "Minutes of Meeting of the Planning Committee held in the Chamber, on Wednesday 9th October 2019 at 7.00 pm.",
            "Minutes of the meeting held on 11 September 2019 were agreed.",
        ],
        ("2019-10-09", "2019-10-09", "2019-10-09", "stated"),
    );
    check(
        &[
            "Meeting documents",
            "Tuesday, 14 May 2013",
            "Notice of a Meeting of the Cabinet",
        ],
        ("2013-05-14", "2013-05-14", "2013-05-14", "stated"),
    );
}

#[test]
fn a_short_top_line_ending_in_a_date_is_stated() {
    check(
        &[
            "Report to Cabinet, 12 January 2022",
            "Library opening hours",
            "The review will finish in March 2022.",
        ],
        ("2022-01-12", "2022-01-12", "2022-01-12", "stated"),
    );
}

#[test]
fn a_decision_notice_is_dated_by_its_decision() {
    check(
        &[
            "Decision details",
            "Library Service Review",
            "Report author: A Officer",
            "Publication date: 19/03/2019",
            "Date of decision: 18/03/2019",
            "Effective from: 27/03/2019",
        ],
        ("2019-03-18", "2019-03-18", "2019-03-18", "stated"),
    );
}

#[test]
fn an_issue_decisions_entry_is_dated_by_its_line() {
    check(
        &[
            "Issue - decisions",
            "Parks Strategy",
            "14/06/2022 - Parks Strategy 2022-2032",
            "The Cabinet RESOLVED to approve the strategy.",
        ],
        ("2022-06-14", "2022-06-14", "2022-06-14", "stated"),
    );
}

#[test]
fn a_forward_plan_entry_runs_from_publication_to_decision_due() {
    check(
        &[
            "Issue details",
            "Notice of proposed decision first published: 03/01/2023",
            "Decision due: 28 Feb 2023 by Cabinet",
            "Reviewed by Scrutiny Committee on 12 December 2022.",
        ],
        ("2023-01-31", "2023-01-03", "2023-02-28", "inferred"),
    );
}

#[test]
fn other_meetings_in_the_header_are_not_the_papers_date() {
    check(
        &[
            "Agenda item",
            "Minutes",
            "Minutes of the meeting held on 12 March 2020 (previously circulated).",
        ],
        ("2020-03-13", "2020-03-13", "", "inferred"),
    );
    check(
        &[
            "Transport Board",
            "The next meeting will be held on Tuesday 4 May 2021.",
        ],
        ("2021-05-03", "", "2021-05-03", "inferred"),
    );
}

#[test]
fn past_mentions_bound_from_below_and_future_ones_from_above() {
    check(
        &[
            "Devolution update",
            "The Deal, published August 2021, set out commitments.",
            "£4m was received Nov 22.",
            "The authority will take on the fund from 2024/25.",
        ],
        ("2022-12-16", "2022-11-01", "2024-03-31", "inferred"),
    );
    check(
        &[
            "Climate update",
            "A monitoring report will be presented to the Committee in September 2023.",
        ],
        ("2023-08-31", "", "2023-08-31", "inferred"),
    );
    check(
        &[
            "Skills update",
            "The plan had been developed after a meeting on 4th April 2018.",
            "The new contract would start in 2019.",
        ],
        ("2018-05-20", "2018-04-05", "2018-12-31", "inferred"),
    );
}

#[test]
fn year_less_mentions_tighten_the_window() {
    // "later in June 2022" caps the date; the January meeting was before it.
    check(
        &[
            "Jobs update",
            "Members discussed this at the January meeting.",
            "A plan is due later in June 2022.",
        ],
        ("2022-02-15", "2022-01-01", "2022-06-30", "inferred"),
    );
}

#[test]
fn a_stray_future_mention_does_not_outweigh_clear_past_ones() {
    check(
        &[
            "Employment update",
            "We organised a roundtable (November 2020).",
            "The bill launched on 20 April 2021 sets duties.",
            "It will inform work on the new Act (March 2021).",
            "A session will be held on 10 June 2021.",
        ],
        ("2021-05-15", "2021-04-20", "2021-06-09", "inferred"),
    );
}

#[test]
fn only_things_to_come_give_the_first_of_them_as_the_best_guess() {
    check(
        &[
            "Work programme",
            "Members are invited to consider these proposals:",
            "1. Commissioning research (May-August 2015).",
            "2. An event in the run up to May 2016.",
            "The evaluation could be published (October 2015).",
        ],
        ("2015-05-01", "", "2015-09-30", "inferred"),
    );
}

#[test]
fn no_dates_no_date() {
    check(
        &[
            "Item 5 - Finance update",
            "Members are asked to note the report.",
        ],
        ("", "", "", ""),
    );
    check(
        &[
            "The next 18 months will be hard; next year more so.",
            "The 2021 Census showed growth.",
        ],
        ("", "", "", ""),
    );
}
