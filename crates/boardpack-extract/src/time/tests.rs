//! Table-driven tests of [`super::find`]: every shape of calendar expression the guide
//! names, the phrases that are not timescales, and adversarial input. All sentences are
//! fictional, written in the style of committee papers.

use super::find;

/// Runs `find` on `input` and compares (text, first, last); "" stands for null. An input
/// that starts with "@YYYY-MM-DD " is read with that reference date.
fn check(input: &str, expected: &[(&str, &str, &str)]) {
    let (reference, text) = match input.strip_prefix('@') {
        Some(rest) => (Some(&rest[..10]), &rest[11..]),
        None => (None, input),
    };
    let got: Vec<(String, String, String)> = find(text, reference)
        .into_iter()
        .map(|f| {
            assert_eq!(&text[f.start..f.end].trim(), &f.text, "span of {input:?}");
            (
                f.text,
                f.first.unwrap_or_default(),
                f.last.unwrap_or_default(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = expected
        .iter()
        .map(|(t, a, b)| (t.to_string(), a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want, "input: {input:?}");
}

type Case = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

const DAYS: &[Case] = &[
    (
        "The panel met on 10th May 2016 to agree terms.",
        &[("10th May 2016", "2016-05-10", "2016-05-10")],
    ),
    (
        "Cabinet - Tuesday 28th January 2020 7.30 pm",
        &[("Tuesday 28th January 2020", "2020-01-28", "2020-01-28")],
    ),
    (
        "Publication date: 18/05/2021",
        &[("18/05/2021", "2021-05-18", "2021-05-18")],
    ),
    (
        "Decision due: 1 Jul 2014 by Executive Councillor",
        &[("1 Jul 2014", "2014-07-01", "2014-07-01")],
    ),
    (
        "HSC 03.11.2022",
        &[("03.11.2022", "2022-11-03", "2022-11-03")],
    ),
    (
        "Meeting held on Wednesday, 4 March 2015 at 10am",
        &[("Wednesday, 4 March 2015", "2015-03-04", "2015-03-04")],
    ),
    (
        "TO THE EXECUTIVE ON MONDAY 3RD FEBRUARY 2003",
        &[("MONDAY 3RD FEBRUARY 2003", "2003-02-03", "2003-02-03")],
    ),
    (
        "the 1st of April 2024 is the start date",
        &[("1st of April 2024", "2024-04-01", "2024-04-01")],
    ),
    (
        "Signed on 31 Dec. 2019 by the chair.",
        &[("31 Dec. 2019", "2019-12-31", "2019-12-31")],
    ),
    (
        "Effective from 2023-09-14 onwards? no",
        &[("from 2023-09-14 onwards", "2023-09-14", "")],
    ),
    (
        "Dated 9/1/21 and filed.",
        &[("9/1/21", "2021-01-09", "2021-01-09")],
    ),
    (
        "The forum meets on June 16th, 2020 in the hall.",
        &[("June 16th, 2020", "2020-06-16", "2020-06-16")],
    ),
    (
        "Deadline 29 February 2024 for bids.",
        &[("29 February 2024", "2024-02-29", "2024-02-29")],
    ),
    (
        "A misprint: 30 February 2023 reads as the month.",
        &[("February 2023", "2023-02-01", "2023-02-28")],
    ),
    ("Not a date: 31/04/2022 either.", &[]),
    (
        "Workshops on 3-5 March 2025 in Leeds.",
        &[("3-5 March 2025", "2025-03-03", "2025-03-05")],
    ),
    (
        "Sessions ran 28 February - 2 March 2024.",
        &[("28 February - 2 March 2024", "2024-02-28", "2024-03-02")],
    ),
    (
        "Thursday 5 December 2019, Council Chamber",
        &[("Thursday 5 December 2019", "2019-12-05", "2019-12-05")],
    ),
    (
        "the 22nd September 2021 session",
        &[("22nd September 2021", "2021-09-22", "2021-09-22")],
    ),
    ("Item 4 (12/3) Budget monitoring", &[("12/3", "", "")]),
];

const YEARLESS: &[Case] = &[
    (
        "@2021-05-20 This paper will be discussed at the Board on 16 June.",
        &[("16 June", "2021-06-16", "2021-06-16")],
    ),
    (
        "This paper will be discussed at the Board on 16 June.",
        &[("16 June", "", "")],
    ),
    (
        "@2017-01-15 The December meeting considered the plan.",
        &[("December", "2016-12-01", "2016-12-31")],
    ),
    (
        "@2017-01-15 A report will follow in March.",
        &[("March", "2017-03-01", "2017-03-31")],
    ),
    (
        "@2014-03-10 Autumn party conferences offer a platform.",
        &[("Autumn", "2014-09-01", "2014-11-30")],
    ),
    (
        "@2021-05-20 The guide will be available in the summer.",
        &[("summer", "2021-06-01", "2021-08-31")],
    ),
    (
        "@2024-02-10 Members discussed this at the January Boards.",
        &[("January", "2024-01-01", "2024-01-31")],
    ),
    (
        "@2021-05-25 It was launched at a webinar on 20 May with delegates.",
        &[("20 May", "2021-05-20", "2021-05-20")],
    ),
    (
        "@2019-11-02 We expect the review by Easter and a decision by May.",
        &[("by May", "2020-05-01", "2020-05-31")],
    ),
    ("the next meeting in July", &[("July", "", "")]),
    (
        "@2023-01-10 mid-March the panel meets",
        &[("mid-March", "2023-03-01", "2023-03-31")],
    ),
    (
        "@2022-10-01 Work resumes in the spring.",
        &[("spring", "2023-03-01", "2023-05-31")],
    ),
    (
        "@2022-06-01 Orders close on 1st September.",
        &[("1st September", "2022-09-01", "2022-09-01")],
    ),
];

const MONTHS_AND_SEASONS: &[Case] = &[
    (
        "The strategy was published March 2024.",
        &[("March 2024", "2024-03-01", "2024-03-31")],
    ),
    (
        "Figures to December 2020 show growth.",
        &[("December 2020", "2020-12-01", "2020-12-31")],
    ),
    (
        "£9m received Dec 23; £18m pa from May 24",
        &[
            ("Dec 23", "2023-12-01", "2023-12-31"),
            ("from May 24", "2024-05-01", ""),
        ],
    ),
    (
        "Targets for Sept 2025 were set.",
        &[("Sept 2025", "2025-09-01", "2025-09-30")],
    ),
    (
        "Returns for Apr-24 are awaited.",
        &[("Apr-24", "2024-04-01", "2024-04-30")],
    ),
    (
        "A pilot in Autumn 2021 was popular.",
        &[("Autumn 2021", "2021-09-01", "2021-11-30")],
    ),
    (
        "spring 2019 consultation closed",
        &[("spring 2019", "2019-03-01", "2019-05-31")],
    ),
    (
        "Summer 2022 holiday programme",
        &[("Summer 2022", "2022-06-01", "2022-08-31")],
    ),
    (
        "Pressures peak in winter 2021.",
        &[("winter 2021", "2021-12-01", "2022-02-28")],
    ),
    (
        "Pressures peaked in Winter 2023/24.",
        &[("Winter 2023/24", "2023-12-01", "2024-02-29")],
    ),
    (
        "A review in early 2017 is planned.",
        &[("early 2017", "2017-01-01", "2017-04-30")],
    ),
    (
        "Delivery by mid-2026 is expected.",
        &[("by mid-2026", "2026-05-01", "2026-08-31")],
    ),
    (
        "Savings arrive in late 2020.",
        &[("late 2020", "2020-09-01", "2020-12-31")],
    ),
    (
        "Launch in early March 2024 is planned.",
        &[("early March 2024", "2024-03-01", "2024-03-31")],
    ),
    (
        "The first half of 2025 will be busy.",
        &[("first half of 2025", "2025-01-01", "2025-06-30")],
    ),
    (
        "Costs rose in the second half of 2019.",
        &[("second half of 2019", "2019-07-01", "2019-12-31")],
    ),
    (
        "March 2017 Budget announcement",
        &[("March 2017", "2017-03-01", "2017-03-31")],
    ),
    (
        "The plan for May, 2018 was agreed.",
        &[("May, 2018", "2018-05-01", "2018-05-31")],
    ),
];

const QUARTERS: &[Case] = &[
    (
        "Spend in Q3 2022/23 was high.",
        &[("Q3 2022/23", "2022-10-01", "2022-12-31")],
    ),
    (
        "Spend in Q4 2022/23 was high.",
        &[("Q4 2022/23", "2023-01-01", "2023-03-31")],
    ),
    (
        "Spend in Q1 2024 was low.",
        &[("Q1 2024", "2024-01-01", "2024-03-31")],
    ),
    (
        "The quarter 2 of 2023/24 return",
        &[("quarter 2 of 2023/24", "2023-07-01", "2023-09-30")],
    ),
    (
        "In the first quarter of 2024 we grew.",
        &[("first quarter of 2024", "2024-01-01", "2024-03-31")],
    ),
    ("Answer to Q2 was unclear.", &[]),
];

const YEARS: &[Case] = &[
    (
        "This would replace the Work Programme in 2017.",
        &[("2017", "2017-01-01", "2017-12-31")],
    ),
    (
        "Net zero by 2030 and 2050.",
        &[
            ("by 2030", "2030-01-01", "2030-12-31"),
            ("2050", "2050-01-01", "2050-12-31"),
        ],
    ),
    (
        "An incoming Government in 2015 will face choices.",
        &[("2015", "2015-01-01", "2015-12-31")],
    ),
    (
        "The scheme ran from 2012 to 2016.",
        &[("from 2012 to 2016", "2012-01-01", "2016-12-31")],
    ),
    (
        "In 1998, the council merged.",
        &[("1998", "1998-01-01", "1998-12-31")],
    ),
    (
        "Since 2010 numbers have doubled.",
        &[("Since 2010", "2010-01-01", "")],
    ),
    (
        "Funding until 2027 is secure.",
        &[("until 2027", "", "2027-12-31")],
    ),
    (
        "Up to 2026 the grant is fixed.",
        &[("Up to 2026", "", "2026-12-31")],
    ),
    (
        "Before 2020 there was no scheme.",
        &[("Before 2020", "", "2019-12-31")],
    ),
    (
        "After 2030 the levy ends.",
        &[("After 2030", "2031-01-01", "")],
    ),
    (
        "a case for post-2015 trade policy",
        &[("post-2015", "2016-01-01", "")],
    ),
    ("pre-2019 contracts", &[("pre-2019", "", "2018-12-31")]),
    (
        "From 2024 onwards the rules change.",
        &[("From 2024 onwards", "2024-01-01", "")],
    ),
    ("2026 onwards", &[("2026 onwards", "2026-01-01", "")]),
    (
        "by the end of 2024",
        &[("by the end of 2024", "2024-01-01", "2024-12-31")],
    ),
    (
        "until the end of 2025 at least",
        &[("until the end of 2025", "", "2025-12-31")],
    ),
    (
        "between 2020 and 2025",
        &[("between 2020 and 2025", "2020-01-01", "2025-12-31")],
    ),
    (
        "no later than 2028",
        &[("no later than 2028", "2028-01-01", "2028-12-31")],
    ),
    (
        "The Housing Strategy 2023 - 2027 sets targets.",
        &[("2023 - 2027", "2023-01-01", "2027-12-31")],
    ),
    (
        "the Action Plan 2020-2030 annex",
        &[("2020-2030", "2020-01-01", "2030-12-31")],
    ),
    (
        "over 2018-2021 the fund grew",
        &[("2018-2021", "2018-01-01", "2021-12-31")],
    ),
    (
        "Vision 2040 is ambitious.",
        &[("2040", "2040-01-01", "2040-12-31")],
    ),
];

const FINANCIAL: &[Case] = &[
    (
        "covered through the 2021/22 allocated budgets",
        &[("2021/22", "2021-04-01", "2022-03-31")],
    ),
    (
        "run to 2028/2029",
        &[("2028/2029", "2028-04-01", "2029-03-31")],
    ),
    (
        "The FY 2024-25 outturn",
        &[("FY 2024-25", "2024-04-01", "2025-03-31")],
    ),
    (
        "Budget 2019-20 monitoring",
        &[("2019-20", "2019-04-01", "2020-03-31")],
    ),
    (
        "the plan for 2023-25 sets",
        &[("2023-25", "2023-04-01", "2025-03-31")],
    ),
    (
        "MCA will lead delivery from 2025/26.",
        &[("from 2025/26", "2025-04-01", "")],
    ),
    (
        "in academic year 2019/20 pupils",
        &[("academic year 2019/20", "2019-08-01", "2020-07-31")],
    ),
    (
        "Results for 2019/20 AY show",
        &[("2019/20 AY", "2019-08-01", "2020-07-31")],
    ),
    (
        "the municipal year 2020/21 calendar",
        &[("municipal year 2020/21", "2020-05-01", "2021-04-30")],
    ),
    (
        "the 2022/23 municipal year",
        &[("2022/23 municipal year", "2022-05-01", "2023-04-30")],
    ),
    (
        "FY24/25 savings",
        &[("FY24/25", "2024-04-01", "2025-03-31")],
    ),
    (
        "financial year 2021/22 outturn",
        &[("financial year 2021/22", "2021-04-01", "2022-03-31")],
    ),
    (
        "the tax year 2023/24",
        &[("tax year 2023/24", "2023-04-06", "2024-04-05")],
    ),
    (
        "2021/22 to 2023/24 medium term plan",
        &[("2021/22 to 2023/24", "2021-04-01", "2024-03-31")],
    ),
    (
        "Spending in 1999/2000 was lower.",
        &[("1999/2000", "1999-04-01", "2000-03-31")],
    ),
    (
        "during 2020/21 the service closed",
        &[("2020/21", "2020-04-01", "2021-03-31")],
    ),
];

const RANGES: &[Case] = &[
    (
        "Sponsoring the commission (April-September 2014).",
        &[("April-September 2014", "2014-04-01", "2014-09-30")],
    ),
    (
        "Working with the commission (July-Dec 2014).",
        &[("July-Dec 2014", "2014-07-01", "2014-12-31")],
    ),
    (
        "Partnering with officials (October 2014-January 2015).",
        &[("October 2014-January 2015", "2014-10-01", "2015-01-31")],
    ),
    (
        "Closer working Autumn 2021 – Spring 2022",
        &[("Autumn 2021 – Spring 2022", "2021-09-01", "2022-05-31")],
    ),
    (
        "for the period October 2024 to March 2025 inclusive",
        &[("October 2024 to March 2025", "2024-10-01", "2025-03-31")],
    ),
    (
        "from March to May 2023 the trial ran",
        &[("from March to May 2023", "2023-03-01", "2023-05-31")],
    ),
    (
        "November-February 2015 was wet",
        &[("November-February 2015", "2014-11-01", "2015-02-28")],
    ),
    (
        "between January and March 2022",
        &[("between January and March 2022", "2022-01-01", "2022-03-31")],
    ),
    (
        "consulted April/May 2024 on the draft",
        &[("April/May 2024", "2024-04-01", "2024-05-31")],
    ),
    (
        "It will be phased in from Autumn 2024 and run to 2028/2029.",
        &[
            ("from Autumn 2024", "2024-09-01", ""),
            ("2028/2029", "2028-04-01", "2029-03-31"),
        ],
    ),
    (
        "Task group | Autumn 2021 -",
        &[("Autumn 2021 -", "2021-09-01", "")],
    ),
    (
        "Parliamentary work June 2021 -",
        &[("June 2021 -", "2021-06-01", "")],
    ),
    (
        "Engagement Summer 2021 –",
        &[("Summer 2021 –", "2021-06-01", "")],
    ),
    (
        "Support from June 2021 is planned.",
        &[("from June 2021", "2021-06-01", "")],
    ),
    (
        "Pilot January 2023 - ongoing",
        &[("January 2023 - ongoing", "2023-01-01", "")],
    ),
    (
        "From 1 April 2024 to 31 March 2025",
        &[(
            "From 1 April 2024 to 31 March 2025",
            "2024-04-01",
            "2025-03-31",
        )],
    ),
    ("Q1-Q2 are not years", &[]),
    (
        "until 31 March 2026 the lease runs",
        &[("until 31 March 2026", "", "2026-03-31")],
    ),
    (
        "before 1 April 2023 all claims",
        &[("before 1 April 2023", "", "2023-03-31")],
    ),
    (
        "in the run up to May 2015 and after",
        &[("May 2015", "2015-05-01", "2015-05-31")],
    ),
    (
        "up to and after the referendum in September 2014",
        &[("September 2014", "2014-09-01", "2014-09-30")],
    ),
    (
        "due later in March 2024",
        &[("later in March 2024", "2024-03-01", "2024-03-31")],
    ),
    (
        "by the end of March 2025 the review ends",
        &[("by the end of March 2025", "2025-03-01", "2025-03-31")],
    ),
    (
        "2020 to 2025 delivery",
        &[("2020 to 2025", "2020-01-01", "2025-12-31")],
    ),
];

const NOT_TIMESCALES: &[Case] = &[
    ("deliverables within the first 12 months", &[]),
    ("key milestones over the next 12 to 18 months", &[]),
    ("priorities for the next 18 months", &[]),
    ("the 5 Year Gateway Assessment", &[]),
    ("next year will be harder", &[]),
    ("agreed early in the New Year", &[]),
    ("agreed with the Chancellor last December", &[]),
    ("plans for the coming year", &[]),
    ("this summer the library opens", &[]),
    ("next spring the consultation starts", &[]),
    ("under the Localism Act 2011 councils", &[]),
    ("the Autumn Statement 2016 said", &[]),
    ("the Autumn Statement said", &[]),
    ("concerns regarding the 2021 Census results", &[]),
    (
        "the WECA (Adult Education Functions) Order 2018 was laid",
        &[],
    ),
    (
        "Panel Meetings) (England and Wales) Regulations 2020. To see",
        &[],
    ),
    ("the Care Act 2014 duties", &[]),
    ("the LGA Conference 2023 in Bournemouth", &[]),
    ("Call 020 7934 9505 for details", &[]),
    ("Tel: 0161 778 0132", &[]),
    ("Phone no: 07909 898327", &[]),
    ("Victoria Square, Bolton, BL1 1RU", &[]),
    ("59 Southwark Street, London SE1 0AL", &[]),
    ("it cost £2,020 in total", &[]),
    ("it cost £2020 in total", &[]),
    ("a rise of 2020% is absurd", &[]),
    ("build 2000 homes by March", &[("by March", "", "")]),
    ("see paragraph 2019 of the code", &[]),
    ("see paragraphs 3-5 and 8.5 of the Standing Orders", &[]),
    ("option 5.2 was not feasible", &[]),
    ("10.3.1 It is important", &[]),
    ("started at 6.08 pm and ended 7.30 pm", &[]),
    ("Document KD1011055 refers", &[]),
    ("Questions PDF 142 KB", &[]),
    ("208 delegates attended", &[]),
    ("Theresa May said", &[]),
    ("May I thank members", &[]),
    ("Councillors may 24 hours before", &[]),
    ("April Jones presented the report", &[]),
    ("a March Hare", &[]),
    ("sum of 1/2 of the budget", &[]),
    ("https://example.org/2020/05/report-2021-22.pdf", &[]),
    ("Queen's Speech notes, p30", &[]),
    ("Scores 2020/2021/2022/2023 listed", &[]),
    ("version 1.2.3.4 released", &[]),
    ("the Spring Budget is awaited", &[]),
    ("a march to the town hall", &[]),
    ("recommendations 1-3 agreed", &[]),
    ("the 2019 manifesto promised", &[]),
];

const MIXED: &[Case] = &[
    (
        "Minutes of the Grants Committee held on 23rd November 2016 and 8 February 2017.",
        &[
            ("23rd November 2016", "2016-11-23", "2016-11-23"),
            ("8 February 2017", "2017-02-08", "2017-02-08"),
        ],
    ),
    (
        "Date of decision: 17/07/2018 Effective from: 26/07/2018",
        &[
            ("17/07/2018", "2018-07-17", "2018-07-17"),
            ("26/07/2018", "2018-07-26", "2018-07-26"),
        ],
    ),
    (
        "The Deal, published August 2022, set commitments for 2023/24.",
        &[
            ("August 2022", "2022-08-01", "2022-08-31"),
            ("2023/24", "2023-04-01", "2024-03-31"),
        ],
    ),
    (
        "Launched new data on green jobs by 2030 and 2050 (June 2020).",
        &[
            ("by 2030", "2030-01-01", "2030-12-31"),
            ("2050", "2050-01-01", "2050-12-31"),
            ("June 2020", "2020-06-01", "2020-06-30"),
        ],
    ),
    (
        "Reviewed on 18 December 2024; response due by 17 March 2025.",
        &[
            ("18 December 2024", "2024-12-18", "2024-12-18"),
            ("by 17 March 2025", "2025-03-17", "2025-03-17"),
        ],
    ),
    (
        "02/12/2020 - Carbon Neutrality Action Plan 2020-2030",
        &[
            ("02/12/2020", "2020-12-02", "2020-12-02"),
            ("2020-2030", "2020-01-01", "2030-12-31"),
        ],
    ),
    (
        "Skills White Paper (January 2021) and the Bill launched on 18 May 2021",
        &[
            ("January 2021", "2021-01-01", "2021-01-31"),
            ("18 May 2021", "2021-05-18", "2021-05-18"),
        ],
    ),
    (
        "In 2019, 2020 and 2021 the grant fell.",
        &[
            ("2019", "2019-01-01", "2019-12-31"),
            ("2020", "2020-01-01", "2020-12-31"),
            ("2021", "2021-01-01", "2021-12-31"),
        ],
    ),
    (
        "by March 2023, June 2023 and September 2023",
        &[
            ("by March 2023", "2023-03-01", "2023-03-31"),
            ("June 2023", "2023-06-01", "2023-06-30"),
            ("September 2023", "2023-09-01", "2023-09-30"),
        ],
    ),
    (
        "@2020-02-12 CSC 12.02.2020 met on Wednesday 12th February 2020 at 6.08 pm.",
        &[
            ("12.02.2020", "2020-02-12", "2020-02-12"),
            ("Wednesday 12th February 2020", "2020-02-12", "2020-02-12"),
        ],
    ),
];

fn run(cases: &[Case]) {
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn days() {
    run(DAYS);
}

#[test]
fn yearless_dates_take_the_papers_year_only_when_known() {
    run(YEARLESS);
}

#[test]
fn months_seasons_and_parts_of_years() {
    run(MONTHS_AND_SEASONS);
}

#[test]
fn quarters() {
    run(QUARTERS);
}

#[test]
fn years_and_leads() {
    run(YEARS);
}

#[test]
fn financial_academic_and_municipal_years() {
    run(FINANCIAL);
}

#[test]
fn ranges_and_open_ranges() {
    run(RANGES);
}

#[test]
fn durations_relative_phrases_names_and_numbers_are_not_timescales() {
    run(NOT_TIMESCALES);
}

#[test]
fn several_in_one_line() {
    run(MIXED);
}

#[test]
fn there_are_enough_cases() {
    let n = [
        DAYS,
        YEARLESS,
        MONTHS_AND_SEASONS,
        QUARTERS,
        YEARS,
        FINANCIAL,
        RANGES,
        NOT_TIMESCALES,
        MIXED,
    ]
    .iter()
    .map(|c| c.len())
    .sum::<usize>();
    assert!(n >= 150, "only {n} cases");
}

/// Adversarial input: each must finish quickly and without panicking.
#[test]
fn adversarial_input_neither_hangs_nor_panics() {
    let started = std::time::Instant::now();
    let long_word = "x".repeat(1 << 20);
    assert!(find(&long_word, None).is_empty());
    let digits: String = "20".repeat(1 << 19);
    assert!(find(&digits, Some("2020-01-01")).is_empty());
    let chain: String = (0..100_000)
        .map(|i| (2000 + i % 99).to_string())
        .collect::<Vec<_>>()
        .join("/");
    assert!(find(&chain, None).is_empty());
    let spaced: String = (0..100_000)
        .map(|i| (1900 + i % 199).to_string())
        .collect::<Vec<_>>()
        .join(" - ");
    let _ = find(&spaced, None);
    let months = "March - ".repeat(100_000);
    let _ = find(&months, Some("2021-01-01"));
    let dots = "1.".repeat(500_000);
    assert!(find(&dots, None).is_empty());
    let mixed = "12/05/2020/ 3rd- May–– 2021/22/23 Q3 FY24/ £2020 (27/7) ".repeat(10_000);
    let _ = find(&mixed, Some("2021-06-01"));
    let unicode = "é–—‑ 31 Décembre ٢٠٢٠ 2021/٢٢ ".repeat(20_000);
    let _ = find(&unicode, None);
    for s in [
        "",
        "-",
        "2020/",
        "/21",
        "Q",
        "FY",
        "31",
        "May",
        "from",
        "2020-",
        "31/",
        "31 May 20",
    ] {
        let _ = find(s, Some("2020-01-01"));
    }
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}
