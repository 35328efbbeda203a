//! The generator's tests: the same seed gives the same corpus, and every paper reads and
//! parses as the kind its template intends, with a title.

use super::*;

fn parsed(p: &GeneratedPaper) -> boardpack_model::Paper {
    let doc = boardpack_read::read_text(p.text.as_bytes()).expect("readable text");
    boardpack_parse::parse(&doc)
}

#[test]
fn deterministic_for_a_seed() {
    let w1 = World::new(7);
    let w2 = World::new(7);
    for i in 0..50 {
        let a = paper(&w1, 7, i);
        let b = paper(&w2, 7, i);
        assert_eq!(a.path, b.path);
        assert_eq!(a.text, b.text);
    }
    let other = World::new(8);
    assert_ne!(paper(&w1, 7, 3).text, paper(&other, 8, 3).text);
    assert_ne!(paper(&w1, 7, 3).text, paper(&w1, 7, 4).text);
}

#[test]
fn dates_and_weekdays() {
    assert_eq!(
        Date {
            y: 2024,
            m: 3,
            d: 14
        }
        .weekday(),
        "Thursday"
    );
    assert_eq!(
        Date {
            y: 2026,
            m: 1,
            d: 14
        }
        .weekday(),
        "Wednesday"
    );
    assert_eq!(
        Date {
            y: 2025,
            m: 2,
            d: 11
        }
        .moderngov(),
        "Tuesday, 11th February 2025"
    );
    assert_eq!(
        Date {
            y: 2025,
            m: 2,
            d: 11
        }
        .financial_year(),
        "2024/25"
    );
    assert_eq!(
        Date {
            y: 2025,
            m: 11,
            d: 1
        }
        .plus_months(3),
        Date {
            y: 2026,
            m: 2,
            d: 1
        }
    );
    assert_eq!(
        Date {
            y: 2025,
            m: 1,
            d: 1
        }
        .plus_months(-1),
        Date {
            y: 2024,
            m: 12,
            d: 1
        }
    );
}

#[test]
fn every_paper_parses_as_its_kind_with_a_title() {
    let world = World::new(1);
    let mut seen = std::collections::HashSet::new();
    let mut bytes = 0;
    let n = 600;
    let mut wrong = Vec::new();
    for i in 0..n {
        let p = paper(&world, 1, i);
        seen.insert(p.template);
        bytes += p.text.len();
        let record = parsed(&p);
        let title = record.title.as_deref().unwrap_or("");
        let meant = p.title.split(" - ").next().unwrap_or(&p.title);
        if record.kind.as_str() != p.template.kind()
            || !(title.contains(meant)
                || p.title.contains(title)
                || p.template == Template::Agenda && title.contains(&p.body))
            || title.is_empty()
        {
            wrong.push(format!(
                "paper {i} ({:?}) parsed as {} {title:?}, meant {:?}",
                p.template,
                record.kind.as_str(),
                p.title
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {n} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(seen.len(), Template::ALL.len(), "every template is drawn");
    let mean = bytes / n as usize;
    assert!((4_000..=15_000).contains(&mean), "mean size {mean} bytes");
}

#[test]
fn reports_and_minutes_have_their_parts() {
    let world = World::new(2);
    for i in 0..200 {
        let p = paper(&world, 2, i);
        let r = parsed(&p);
        match p.template {
            Template::Report => {
                assert!(r.summary.is_some(), "{}", p.text);
                assert!(!r.recommendations.is_empty(), "{}", p.text);
                assert!(!r.contacts.is_empty(), "{}", p.text);
                assert!(r.paragraphs.len() >= 8, "{}", p.text);
            }
            Template::ItemMinutes | Template::MeetingMinutes | Template::Decision => {
                assert!(!r.decisions.is_empty(), "{:?}\n{}", p.template, p.text);
            }
            _ => {}
        }
        if p.template == Template::ItemMinutes {
            assert!(!r.actions.is_empty(), "{}", p.text);
        }
    }
}
