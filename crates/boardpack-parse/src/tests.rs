//! Unit tests of the whole parse over small fictional snippets.

use super::*;
use boardpack_model::Kind;

fn parse_str(s: &str) -> Paper {
    parse(&boardpack_read::read_text(s.as_bytes()).unwrap())
}

#[test]
fn lga_front_matter() {
    let p = parse_str(
        "Skills Board Update\nPurpose of Report\nFor information.\nIs this report confidential? No\nSummary\nThis report updates members on the work programme.\n\nRecommendation(s)\nMembers are asked to note the update.\n\nHousing Delivery\n1. Officers have met the department.\n2. Further work is planned.\n",
    );
    assert_eq!(p.kind, Kind::Report);
    assert_eq!(p.title.as_deref(), Some("Skills Board Update"));
    assert_eq!(p.purpose, Some(boardpack_model::Purpose::Information));
    assert_eq!(p.confidential, Some(false));
    assert_eq!(
        p.summary.as_deref(),
        Some("This report updates members on the work programme.")
    );
    assert_eq!(
        p.recommendations,
        vec!["Members are asked to note the update."]
    );
    assert_eq!(p.headings, vec!["Housing Delivery"]);
    assert_eq!(p.paragraphs.len(), 2);
    assert_eq!(p.paragraphs[0].section.as_deref(), Some("Housing Delivery"));
}

#[test]
#[ignore]
fn debug_lines() {
    let path = std::env::var("BP_DEBUG").unwrap();
    let doc = boardpack_read::read_text(&std::fs::read(path).unwrap()).unwrap();
    let lines = lines::prepare(&doc);
    let labels = labels_of(&lines);
    for (l, lab) in lines.iter().zip(&labels) {
        eprintln!(
            "{:>4} {:?} {:?} | {}",
            l.n,
            l.marker,
            lab.as_ref().map(|x| x.0),
            l.text
        );
    }
}

#[test]
fn numbered_front_matter_sections() {
    let p = parse_str(
        "Local Plan Review\nReport of: Director of Place\n\n1. RECOMMENDATIONS\n1.1 That Cabinet approves the revised scheme.\n1.2 That Cabinet delegates minor changes to the Director.\n\n2. EXECUTIVE SUMMARY\n2.1 The plan must be reviewed every five years.\n\n3. BACKGROUND\n3.1 The council adopted its plan in 2019.\n",
    );
    assert_eq!(
        p.recommendations,
        vec![
            "That Cabinet approves the revised scheme.",
            "That Cabinet delegates minor changes to the Director."
        ]
    );
    let numbers: Vec<&str> = p.paragraphs.iter().map(|x| x.number.as_str()).collect();
    assert_eq!(
        numbers,
        vec!["2.1", "3.1"],
        "recommendation numbering is not paragraph numbering"
    );
    assert_eq!(
        p.summary.as_deref(),
        Some("The plan must be reviewed every five years.")
    );
}

#[test]
fn presenter_after_their_post() {
    let p = parse_str(
        "Minutes of the meeting of the Licensing Committee held on Monday 3 February 2025\n\n16. Review of Licensing Policy\nThe Licensing Manager, Pat Example, presented the report.\nRESOLVED: That the draft policy be approved.\n",
    );
    let item = &p.items[0];
    assert_eq!(item.presenters[0].name, "Pat Example");
    assert_eq!(
        item.presenters[0].position.as_deref(),
        Some("Licensing Manager")
    );
}
