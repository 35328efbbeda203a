//! Table-driven tests of [`super::find`]: the shapes of sums the guide names, rates,
//! ranges, pence, the figures that are not money, and adversarial input. All sentences
//! are fictional, written in the style of committee papers.

use super::find;

/// Runs `find` on `input` and compares (printed text, amount, rate); "" stands for no rate.
fn check(input: &str, expected: &[(&str, f64, &str)]) {
    let got: Vec<(String, f64, String)> = find(input)
        .into_iter()
        .map(|s| {
            (
                input[s.start..s.end].to_string(),
                s.amount,
                s.per.unwrap_or_default().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, f64, String)> = expected
        .iter()
        .map(|(t, a, p)| (t.to_string(), *a, p.to_string()))
        .collect();
    assert_eq!(got, want, "input: {input:?}");
}

type Case = (&'static str, &'static [(&'static str, f64, &'static str)]);

const SUMS: &[Case] = &[
    (
        "The Fund will invest £1.4 billion in coastal towns.",
        &[("£1.4 billion", 1_400_000_000.0, "")],
    ),
    ("A grant of £9m was received.", &[("£9m", 9_000_000.0, "")]),
    (
        "The council received £1.18m from the Department.",
        &[("£1.18m", 1_180_000.0, "")],
    ),
    ("Each pass costs £300.", &[("£300", 300.0, "")]),
    (
        "An average of £4,375 per placement.",
        &[("£4,375", 4_375.0, "")],
    ),
    ("A further £45k is held back.", &[("£45k", 45_000.0, "")]),
    ("Up to £2bn nationally.", &[("£2bn", 2_000_000_000.0, "")]),
    (
        "Match funding of £350,000 in 2025/26.",
        &[("£350,000", 350_000.0, "")],
    ),
    (
        "A budget of £1.2 million over two years.",
        &[("£1.2 million", 1_200_000.0, "")],
    ),
    ("The reserve stood at £0.31M.", &[("£0.31M", 310_000.0, "")]),
    ("A fee of £ 2,500 applies.", &[("£ 2,500", 2_500.0, "")]),
    (
        "The charge falls from £12.50 to £10.",
        &[("£12.50", 12.5, ""), ("£10", 10.0, "")],
    ),
];

const RATES: &[Case] = &[
    (
        "The offer would be worth £130 million a year to councils.",
        &[("£130 million a year", 130_000_000.0, "year")],
    ),
    (
        "Funding of £18m pa from May.",
        &[("£18m pa", 18_000_000.0, "year")],
    ),
    (
        "Est. £13m p.a. subject to review.",
        &[("£13m p.a.", 13_000_000.0, "year")],
    ),
    (
        "A levy of £2 million per annum.",
        &[("£2 million per annum", 2_000_000.0, "year")],
    ),
    (
        "Staff are paid £10.90 an hour.",
        &[("£10.90 an hour", 10.9, "hour")],
    ),
    (
        "A travel bursary of up to £40 a week.",
        &[("£40 a week", 40.0, "week")],
    ),
    (
        "Rent of £650 per month.",
        &[("£650 per month", 650.0, "month")],
    ),
    ("A fee of £120/day.", &[("£120/day", 120.0, "day")]),
    (
        "The scheme costs £5m annually.",
        &[("£5m annually", 5_000_000.0, "year")],
    ),
    ("A budget of £500 per participant.", &[("£500", 500.0, "")]),
    (
        "Pay rises from £12 to £13 an hour.",
        &[("£12", 12.0, "hour"), ("£13 an hour", 13.0, "hour")],
    ),
];

const RANGES: &[Case] = &[
    (
        "The scheme could cost £2-3 million.",
        &[
            ("£2-3 million", 2_000_000.0, ""),
            ("£2-3 million", 3_000_000.0, ""),
        ],
    ),
    (
        "Grants of £10,000 to £15,000 each.",
        &[("£10,000", 10_000.0, ""), ("£15,000", 15_000.0, "")],
    ),
    (
        "A cost of between £1m and £1.5m.",
        &[("£1m", 1_000_000.0, ""), ("£1.5m", 1_500_000.0, "")],
    ),
    (
        "The fund gave £5m and £6m in turn.",
        &[("£5m", 5_000_000.0, ""), ("£6m", 6_000_000.0, "")],
    ),
    (
        "A sum of £5m – 2023/24 allocation.",
        &[("£5m", 5_000_000.0, "")],
    ),
    (
        "Allocations of £20m-£25m a year.",
        &[
            ("£20m", 20_000_000.0, "year"),
            ("£25m a year", 25_000_000.0, "year"),
        ],
    ),
];

const PENCE: &[Case] = &[
    ("A charge of 50p per bag.", &[("50p", 0.5, "")]),
    (
        "A rise of 20 pence a day.",
        &[("20 pence a day", 0.2, "day")],
    ),
    ("A gift of 500 pounds.", &[("500 pounds", 500.0, "")]),
    ("The meeting starts at 4p.m. sharp.", &[]),
];

const NOT_MONEY: &[Case] = &[
    ("Take-up rose by 12% in 2023.", &[]),
    ("Around 2,300 residents aged 18 to 24.", &[]),
    ("The Localism Act 2011 applies.", &[]),
    ("The sign £ alone is not a sum.", &[]),
    ("Costs in £ are shown below.", &[]),
    ("£", &[]),
    ("££££", &[]),
    ("Paragraphs 3-5 and page 12.", &[]),
];

#[test]
fn sums() {
    for (input, expected) in SUMS {
        check(input, expected);
    }
}

#[test]
fn rates() {
    for (input, expected) in RATES {
        check(input, expected);
    }
}

#[test]
fn ranges() {
    for (input, expected) in RANGES {
        check(input, expected);
    }
}

#[test]
fn pence() {
    for (input, expected) in PENCE {
        check(input, expected);
    }
}

#[test]
fn not_money() {
    for (input, expected) in NOT_MONEY {
        check(input, expected);
    }
}

#[test]
fn long_lines_neither_hang_nor_panic() {
    let pounds = "£1".repeat(500_000);
    let found = find(&pounds);
    assert!(found.len() <= 500_000);
    let digits = format!("£{}", "9".repeat(1_000_000));
    assert!(find(&digits).is_empty());
    let mixed = "£9,999£-£to£1.m£pa".repeat(60_000);
    let _ = find(&mixed);
    let pence = "1p".repeat(500_000);
    let _ = find(&pence);
}
