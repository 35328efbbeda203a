//! Table-driven tests of the organisation finder: one `check` helper, fictional input.

use boardpack_model::Paper;

use crate::Unit;

/// Runs the finder over `input` (one unit per line) and compares the names found, each
/// written as "name" or "name = alias = alias", in order of first appearance.
fn check(input: &str, expected: &[&str]) {
    let units = crate::test_units(input.lines().filter(|l| !l.trim().is_empty()));
    let got: Vec<String> = super::organisations(&units, &Paper::default())
        .into_iter()
        .map(|o| {
            let mut s = o.name;
            for a in o.aliases {
                s.push_str(" = ");
                s.push_str(&a);
            }
            s
        })
        .collect();
    assert_eq!(got, expected, "organisations in {input:?}");
}

#[test]
fn gazetteer_bodies_and_abbreviations() {
    check(
        "Officers met the Department for Education (DfE) and the Home Office. The DfE's reply is due.",
        &["Department for Education = DfE", "Home Office"],
    );
    check("The LGA and WLGA wrote to DWP.", &["LGA", "WLGA", "DWP"]);
    check(
        "We will work with UK Trade and Investment (UKTI). UKTI agreed.",
        &["UK Trade and Investment = UKTI"],
    );
}

#[test]
fn shape_of_a_name() {
    check(
        "The Riverside Housing Partnership Board met the Northshire Fire Authority.",
        &[
            "Riverside Housing Partnership Board",
            "Northshire Fire Authority",
        ],
    );
    check(
        "A report went to the Coastal Towns Delivery Group and the Tenant Voice sub-group.",
        &["Coastal Towns Delivery Group", "Tenant Voice sub-group"],
    );
    check(
        "The Chair of the Finance and Audit Committee welcomed members.",
        &["Finance and Audit Committee"],
    );
}

#[test]
fn coordinations_are_split() {
    check(
        "Members of the Harbour, Parks and Libraries Boards met.",
        &["Harbour Board", "Parks Board", "Libraries Board"],
    );
    check(
        "A joint session of the Skills and Employment and Overview and Scrutiny Committees.",
        &[
            "Skills and Employment Committee",
            "Overview and Scrutiny Committee",
        ],
    );
}

#[test]
fn generic_classes_and_back_references_are_not_names() {
    check(
        "The Board asked councils, local authorities and Integrated Care Boards to reply to the Committee.",
        &[],
    );
    check(
        "Members of the County Council and the Scrutiny Committee.",
        &[],
    );
    check(
        "The Council and the Government agreed through Whitehall.",
        &[],
    );
}

#[test]
fn buildings_places_programmes_and_documents_are_not_names() {
    check(
        "Venue: Council Chamber, Civic Centre, Town Hall, Barnet.",
        &[],
    );
    check(
        "The Work and Health Programme, the Adult Education Budget and the Levelling Up White Paper.",
        &[],
    );
    check(
        "Cllr Thomas (Barnet) is the Cabinet Member for Finance, Customer Services & Net Zero Council.",
        &["Cabinet"],
    );
    check(
        "The Assistant Head of Service (Democratic) and Leader of the Council.",
        &[],
    );
}

#[test]
fn single_word_bodies() {
    check(
        "The Executive RESOLVED to approve the plan.",
        &["Executive"],
    );
    check("EXECUTIVE SUMMARY", &[]);
    check("Executive Director for Resources", &[]);
    check("Decision Maker: Cabinet", &["Cabinet"]);
    check(
        "Department: Neighbourhood Renewal",
        &["Neighbourhood Renewal"],
    );
}

#[test]
fn parents_and_initials_merge() {
    check(
        "LOCAL GOVERNMENT ASSOCIATION LICENSING COMMITTEE\nThe Licensing Committee met.",
        &["Licensing Committee = LOCAL GOVERNMENT ASSOCIATION LICENSING COMMITTEE"],
    );
    check(
        "PRC 4.3.2021\nMinutes of the Planning Review Committee held on Monday.",
        &["Planning Review Committee = PRC"],
    );
}

#[test]
fn adversarial_input_is_linear() {
    let big = "Alpha Beta Board ".repeat(60_000);
    let _ = super::organisations(
        &[Unit {
            field: "body",
            paragraph: None,
            line: 1,
            text: &big,
        }],
        &Paper::default(),
    );
    let ands = format!("Alpha {} Boards", "and Beta ".repeat(100_000));
    check(&ands, &[]);
    let nospace = "X".repeat(1 << 20);
    check(&nospace, &[]);
    let commas = "Alpha, ".repeat(100_000) + "Beta and Gamma Boards";
    let _ = super::organisations(
        &[Unit {
            field: "body",
            paragraph: None,
            line: 1,
            text: &commas,
        }],
        &Paper::default(),
    );
}
