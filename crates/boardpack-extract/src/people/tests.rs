//! Table-driven tests of the people finder: one `check` helper, fictional input.

use boardpack_model::{Contact, Item, Paper, Presenter};

use crate::Unit;

/// Runs the finder over `input` (one unit per line) with the given contacts and
/// presenters, and compares "name [role]" entries in order of first appearance.
fn check_with(input: &str, paper: &Paper, expected: &[&str]) {
    let units = crate::test_units(input.lines().filter(|l| !l.trim().is_empty()));
    let got: Vec<String> = super::people(&units, paper)
        .into_iter()
        .map(|p| format!("{} [{}]", p.name, p.role.unwrap_or_default()))
        .collect();
    assert_eq!(got, expected, "people in {input:?}");
}

fn check(input: &str, expected: &[&str]) {
    check_with(input, &Paper::default(), expected);
}

#[test]
fn titled_names_and_roles() {
    check(
        "We met Priya Okafor MP, the Minister for Rural Affairs, Coasts and Ports, last week.",
        &["Priya Okafor MP [the Minister for Rural Affairs, Coasts and Ports]"],
    );
    check(
        "Over the year the Association Chairman, Sir Alan Penrose, raised this with Lord Ashdown.",
        &[
            "Sir Alan Penrose [the Association Chairman]",
            "Lord Ashdown []",
        ],
    );
    check(
        "Declarations: Cllr Rosa Lindqvist (Northam) as an employee of the Harbour Trust.",
        &["Cllr Rosa Lindqvist [an employee of the Harbour Trust]"],
    );
}

#[test]
fn name_then_role() {
    check(
        "Marek Novak, Senior Policy Adviser, introduced the report.",
        &["Marek Novak [Senior Policy Adviser]"],
    );
    check(
        "Ellen Marsh, Mayor of Westhaven will attend the inquiry.",
        &["Ellen Marsh [Mayor of Westhaven]"],
    );
}

#[test]
fn lists_of_members() {
    check(
        "Apologies were received from Cllrs Tom Reyes (Barnet), Ann Hale (Bexley) and Jo Park (Brent).",
        &["Tom Reyes []", "Ann Hale []", "Jo Park []"],
    );
    check(
        "Councillors B Ortiz, K L Moss and D Feeney",
        &["B Ortiz []", "K L Moss []", "D Feeney []"],
    );
    check(
        "Camden Lena Ford Ealing Omar Haddad Harrow Nia Jones (substitute)",
        &["Lena Ford []", "Omar Haddad []", "Nia Jones [substitute]"],
    );
    check(
        "Martin Greaves\nLeader of the Council\nP.J. Allsop\nCabinet Member for Finance",
        &[
            "Martin Greaves [Leader of the Council]",
            "P.J. Allsop [Cabinet Member for Finance]",
        ],
    );
}

#[test]
fn contacts_and_presenters() {
    let paper = Paper {
        contacts: vec![Contact {
            name: "Hannah Doyle".into(),
            position: None,
            phone: None,
            email: None,
        }],
        items: vec![Item {
            presenters: vec![Presenter {
                name: "Raj Patel".into(),
                position: Some("Head of Housing".into()),
            }],
            ..Item::default()
        }],
        ..Paper::default()
    };
    check_with(
        "Report author: Hannah Doyle",
        &paper,
        &[
            "Hannah Doyle [Report author]",
            "Raj Patel [Head of Housing]",
        ],
    );
}

#[test]
fn not_people() {
    check("Financial Implications\nNext Steps", &[]);
    check("Members noted the report. The Chair thanked officers.", &[]);
    check("Venue: Council Chamber, Civic Centre, Barnet", &[]);
    check(
        "The Riverside Housing Board, the Work and Health Programme.",
        &[],
    );
    check("Contact: Policy Team, Chief Executive's Office", &[]);
}

#[test]
fn adversarial_input_is_linear() {
    let big = "Anna Bell, ".repeat(100_000);
    let units = [Unit {
        field: "body",
        paragraph: None,
        line: 1,
        text: &big,
    }];
    let _ = super::people(&units, &Paper::default());
    let ands = format!("Cllrs Ann Hale {}", "and ".repeat(200_000));
    check(&ands, &["Ann Hale []"]);
    let nospace = "Q".repeat(1 << 20);
    check(&nospace, &[]);
    let titles = "Cllr ".repeat(100_000);
    check(&titles, &[]);
}
