//! Table-driven tests of the activity finder over whole (fictional) papers: tables,
//! numbered lists of work done and proposed, the lists that are not work, and adversarial
//! input. Every paper is written for these tests in the style of committee papers.

use crate::units as units_of;

/// Reads and parses `input`, runs the finder and compares "text | timescale | start |
/// end" entries in order ("" for null).
fn check(input: &str, expected: &[&str]) {
    let doc = boardpack_read::read(input.as_bytes()).expect("read");
    let paper = boardpack_parse::parse(&doc);
    let units = units_of(&doc, &paper);
    let got: Vec<String> = super::activities(&doc, &paper, &units)
        .into_iter()
        .map(|a| {
            format!(
                "{} | {} | {} | {}",
                a.text,
                a.timescale.unwrap_or_default(),
                a.start.unwrap_or_default(),
                a.end.unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(got, expected, "activities in {input:?}");
}

const TABLE: &str = "Coastal Towns Board work programme

Purpose of report
For decision.

Background

1. This paper sets out the work programme of the Board for the year ahead.

2. The table below sets out the proposed work.

\tActivity
\tTimescale

\tA roundtable with harbour authorities on port-side regeneration
\tMarch 2022

\tResearch into seasonal employment in resort towns
\tSpring 2022 – Autumn 2022

\tA joint seminar with the Rural Services Network
\tJune 2022 -

Financial Implications

3. The work can be met from existing budgets.
";

const PROPOSED: &str = "Market Towns Group work plan

Proposed work

4. Members are invited to consider the following suggestions:

4.1. Commissioning a survey of vacant shop units across the member councils (May-July 2019). Officers have tested the survey design with two councils.
4.2. Hosting a summit with bus operators on evening services. (October 2019).
4.3. Publishing a short guide for councillors on high street funds.

5. The Group is also asked to:

5.1. Agree the proposed work.
5.2. Nominate a lead member for each item.
";

const DONE: &str = "Moorland Partnership annual update

Activity over the last year

2. Much of our effort this year has gone on flood recovery. We have:

2.1. Organised a roundtable with the Environment Agency on upland flood risk (November 2020).
2.2. Launched a volunteer scheme for footpath repairs, which has recruited sixty people.
2.3. Held a joint workshop with farmers on peat restoration (March 2021). This informed our response to the peat strategy.
2.4. Enhanced our advice offer, which included:
2.4.1. A guide to grant schemes.
2.4.2. Drop-in sessions in three market towns.
";

const FUTURE: &str = "Estuary Forum next steps

Next steps

6. Over the coming year officers will:

6.1. Develop a shared monitoring plan with the port authority by December 2022.
6.2. Prepare a bid to the heritage fund (Spring 2023).
";

const PRIORITIES: &str = "Upland Councils Board priorities

Background

3. Three key themes emerged from our discussions with member councils:

3.1. Rural broadband and mobile coverage
3.2. Affordable housing in national parks
3.3. Transport to services

9. To influence the spending review, there are a number of key milestones over the next year:

9.1. Party conferences: commitment to rural proofing;
9.2. Spending Review: commitment to a rural services grant.

10. In our messaging, we recommend:

10.1. Stronger recognition of the cost of delivering services in sparse areas;
10.2. Making the case for multi-year settlements for rural councils.
";

const MINUTES: &str = "Minutes of the Coastal Towns Board

1. Welcome and apologies

The Chair welcomed members. Apologies were received from Cllr Hale.

2. Coastal erosion update

Members discussed the update. In discussion the following points were made:

2.1. Members noted that erosion was accelerating on the east coast.
2.2. Members asked officers to bring back costed options.
";

const MEETING_POINTS: &str = "Harbour Board - Tuesday, 8th March 2022 10.00 a.m.

Agenda item 4. Dredging programme

Minutes:

4. The Board:

4.1. Noted the dredging programme for the coming year.
4.2. Agreed to write to the port authority about silt disposal.
";

const DATE_FIRST: &str = "Rivers Trust Liaison Group forward plan

1. The plan for the year is set out below.

\tDate
\tActivity
\tLead

\tJuly 2023
\tSite visit to the restored water meadows
\tTrust officers

\tQ3 2023/24
\tConsultation on the catchment plan
\tCouncil officers

Background

2. The Group was set up in 2021.
";

#[test]
fn activity_tables() {
    check(
        TABLE,
        &[
            "A roundtable with harbour authorities on port-side regeneration | March 2022 | 2022-03-01 | 2022-03-31",
            "Research into seasonal employment in resort towns | Spring 2022 – Autumn 2022 | 2022-03-01 | 2022-11-30",
            "A joint seminar with the Rural Services Network | June 2022 - | 2022-06-01 | ",
        ],
    );
    check(
        DATE_FIRST,
        &[
            "Site visit to the restored water meadows | July 2023 | 2023-07-01 | 2023-07-31",
            "Consultation on the catchment plan | Q3 2023/24 | 2023-10-01 | 2023-12-31",
        ],
    );
}

#[test]
fn proposed_work() {
    check(
        PROPOSED,
        &[
            "Commissioning a survey of vacant shop units across the member councils (May-July 2019). | May-July 2019 | 2019-05-01 | 2019-07-31",
            "Hosting a summit with bus operators on evening services. | October 2019 | 2019-10-01 | 2019-10-31",
            "Publishing a short guide for councillors on high street funds. |  |  | ",
        ],
    );
}

#[test]
fn work_done() {
    check(
        DONE,
        &[
            "Organised a roundtable with the Environment Agency on upland flood risk (November 2020). | November 2020 | 2020-11-01 | 2020-11-30",
            "Launched a volunteer scheme for footpath repairs, which has recruited sixty people. |  |  | ",
            "Held a joint workshop with farmers on peat restoration (March 2021). | March 2021 | 2021-03-01 | 2021-03-31",
            "Enhanced our advice offer, which included: |  |  | ",
        ],
    );
}

const BODY_DONE: &str = "Heritage Board review of the year

Review

3. In 2021/22 the Board:

3.1. Commissioned a review of listed building consent fees, published in January 2022.
3.2. Agreed a joint protocol with the county archaeologists.
";

#[test]
fn work_done_by_a_body() {
    check(
        BODY_DONE,
        &[
            "Commissioned a review of listed building consent fees, published in January 2022. | January 2022 | 2022-01-01 | 2022-01-31",
            "Agreed a joint protocol with the county archaeologists. |  |  | ",
        ],
    );
}

#[test]
fn future_work() {
    check(
        FUTURE,
        &[
            "Develop a shared monitoring plan with the port authority by December 2022. | by December 2022 | 2022-12-01 | 2022-12-31",
            "Prepare a bid to the heritage fund (Spring 2023). | Spring 2023 | 2023-03-01 | 2023-05-31",
        ],
    );
}

#[test]
fn not_activities() {
    check(PRIORITIES, &[]);
    check(MINUTES, &[]);
    check(MEETING_POINTS, &[]);
    check("Activity\nTimescale\n", &[]);
}

#[test]
fn adversarial_input_neither_hangs_nor_panics() {
    let digits = format!("1. We have:\n1.1. Held {}\n", "9£(".repeat(350_000));
    check(&digits, &[]);
    let dots = format!(
        "2. We have:\n2.1. Held a. {}\n2.2. Ran it.\n",
        "A. ".repeat(300_000)
    );
    let doc = boardpack_read::read(dots.as_bytes()).expect("read");
    let paper = boardpack_parse::parse(&doc);
    let units = units_of(&doc, &paper);
    let _ = super::activities(&doc, &paper, &units);
    let dated = format!(
        "3. We have:\n3.1. Held (talks {}\n3.2. Ran it.\n",
        "May 2020 ".repeat(100_000)
    );
    let doc = boardpack_read::read(dated.as_bytes()).expect("read");
    let paper = boardpack_parse::parse(&doc);
    let units = units_of(&doc, &paper);
    let _ = super::activities(&doc, &paper, &units);
    let table = format!(
        "\tActivity\n\tTimescale\n{}",
        "\tx\n\t2021\n\n".repeat(50_000)
    );
    let doc = boardpack_read::read(table.as_bytes()).expect("read");
    let paper = boardpack_parse::parse(&doc);
    let units = units_of(&doc, &paper);
    assert_eq!(super::activities(&doc, &paper, &units).len(), 50_000);
}

#[test]
fn first_sentences() {
    use super::first_sentence;
    assert_eq!(first_sentence("Ran a pilot. It worked."), "Ran a pilot.");
    assert_eq!(
        first_sentence("Met Dr. Rowe (see para. 4). Then left."),
        "Met Dr. Rowe (see para. 4)."
    );
    assert_eq!(
        first_sentence("Set up a hub, e.g. in Leeds. More."),
        "Set up a hub, e.g. in Leeds."
    );
    assert_eq!(first_sentence("Wrote to DfE. (May 2020)."), "Wrote to DfE.");
    assert_eq!(first_sentence("No full stop"), "No full stop");
}
