//! Property tests: no input makes the reader or the parser panic, and parsing is
//! deterministic.

use proptest::prelude::*;

/// Lines in the vocabulary of committee papers, shuffled into nonsense.
fn paper_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Purpose of Report",
        "For decision.",
        "Summary",
        "Recommendation(s)",
        "Members are asked to:",
        "1.",
        "2.8.1.",
        "8.1. ",
        "(1)",
        "a)",
        "ii.",
        "· ",
        "- ",
        "Decision:",
        "Minutes:",
        "Actions:",
        "RESOLVED that",
        "Agenda item",
        "Contact officer:",
        "Email:\t",
        "Tel:",
        "Is this report confidential? No",
        "Decision details",
        "Additional documents:",
        "pdf icon PDF 78 KB",
        "Background",
        "|",
        "No. | Item |",
        "Officers to report back.",
        "Apologies for Absence",
        "Minutes of the Board held on 1 May 2024",
        "\u{a0}",
        "\u{200b}",
        "[bookmark: _Hlk1]",
        "£1.4 billion",
        "Autumn 2021 –",
        "",
        "\t",
    ]);
    prop::collection::vec((pieces, "[A-Za-z ,.:;()0-9£–-]{0,40}"), 0..60).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(a, b)| format!("{a}{b}\n"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(doc) = boardpack_read::read(&bytes) {
            let _ = boardpack_parse::parse(&doc);
        }
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,2000}") {
        if let Ok(doc) = boardpack_read::read(text.as_bytes()) {
            let _ = boardpack_parse::parse(&doc);
        }
    }

    #[test]
    fn paper_like_text_never_panics_and_is_deterministic(text in paper_like()) {
        if let Ok(doc) = boardpack_read::read(text.as_bytes()) {
            let a = boardpack_parse::parse(&doc);
            let b = boardpack_parse::parse(&doc);
            prop_assert_eq!(a, b);
        }
    }
}

#[test]
fn adversarial_lines_finish() {
    let long_word = "x".repeat(1 << 20);
    let numbers = "1.2.3.4.5.6.7.8.9.".repeat(20_000);
    let colons = "A: ".repeat(100_000);
    let bullets = "• ".repeat(100_000);
    for text in [long_word, numbers, colons, bullets] {
        if let Ok(doc) = boardpack_read::read(text.as_bytes()) {
            let _ = boardpack_parse::parse(&doc);
        }
    }
}

#[test]
fn long_lines_with_multibyte_characters() {
    // Byte limits inside the parser must never cut a character in two.
    for pad in 0..8 {
        let line = format!(
            "{}’’’ members’ agreement: {}\n",
            "a".repeat(70 + pad),
            "£ ".repeat(60)
        );
        let doc = boardpack_read::read(line.as_bytes()).expect("text");
        let _ = boardpack_parse::parse(&doc);
    }
}
