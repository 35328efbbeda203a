//! The PDF reader on fixtures made by `tests/fixtures/pdf/make_fixtures.py`: fictional
//! papers laid out with running headers, page footers, hanging-indent numbering and
//! hyphenated line ends must give the lines of their plain-text twins; broken files must
//! give the right error; mutated files must never panic.

use std::path::PathBuf;

use boardpack_read::{ReadError, pdf::read_pdf};
use proptest::prelude::any;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The one call site of the reader for line checks: the non-blank lines, a table cell
/// with its tab, against the `.lines` file the fixture script wrote from the text.
fn check(name: &str) {
    let doc = read_pdf(&fixture(&format!("{name}.pdf"))).expect("reads");
    let got: Vec<String> = doc
        .non_blank()
        .map(|b| format!("{}{}", if b.tabbed { "\t" } else { "" }, b.raw))
        .collect();
    let expected = String::from_utf8(fixture(&format!("{name}.lines"))).expect("UTF-8");
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(got, expected, "{name}");
    assert!(
        doc.blocks.iter().all(|b| b.page >= 1),
        "{name}: every block has a page"
    );
}

#[test]
fn lga_board_report() {
    check("lga-board-report");
}

#[test]
fn cabinet_report_in_a_standard_font_without_widths() {
    check("cabinet-report");
}

#[test]
fn moderngov_meeting_minutes() {
    check("moderngov-meeting-minutes");
}

#[test]
fn ruled_table_cells_are_tabbed_lines() {
    check("ruled-table");
}

#[test]
fn pages_are_set() {
    let doc = read_pdf(&fixture("lga-board-report.pdf")).expect("reads");
    let last = doc.blocks.iter().map(|b| b.page).max().unwrap_or(0);
    assert!(last >= 2, "a multi-page fixture");
    assert_eq!(doc.blocks.first().map(|b| b.page), Some(1));
}

#[test]
fn empty_user_password_is_read() {
    let doc = read_pdf(&fixture("owner-password.pdf")).expect("reads");
    assert!(
        doc.non_blank()
            .any(|b| b.raw.contains("annual audit letter"))
    );
}

#[test]
fn broken_files() {
    assert_eq!(
        read_pdf(&fixture("broken-scanned.pdf")),
        Err(ReadError::NoTextLayer)
    );
    assert_eq!(
        read_pdf(&fixture("broken-encrypted.pdf")),
        Err(ReadError::Encrypted("PDF"))
    );
    for name in ["broken-truncated.pdf", "broken-garbage.pdf"] {
        assert!(
            matches!(
                read_pdf(&fixture(name)),
                Err(ReadError::Malformed { format: "PDF", .. })
            ),
            "{name}"
        );
    }
    assert!(matches!(
        read_pdf(b"%PDF-"),
        Err(ReadError::Malformed { .. })
    ));
    // Through format detection too.
    assert_eq!(
        boardpack_read::read(&fixture("broken-scanned.pdf")),
        Err(ReadError::NoTextLayer)
    );
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(pos, byte, kind) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = pos % bytes.len();
        // Mostly overwrites, which keep the cross-reference offsets valid so that the
        // damage reaches fonts, content streams and the page tree.
        match kind % 16 {
            0..=12 => bytes[i] = byte,
            13 => bytes.insert(i, byte),
            14 => {
                bytes.remove(i);
            }
            _ => bytes.truncate(i.max(8)),
        }
    }
    bytes
}

/// Panics seen by the hook, with where they happened.
static PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Mutated fixtures never panic in our code (a panic inside the PDF parser is caught and
/// reported as a malformed file) and never hang. `PDF_FUZZ_CASES=20000` for a longer run;
/// the tally is printed with `--nocapture`.
#[test]
fn mutated_pdfs_never_panic() {
    use proptest::test_runner::{Config, TestRunner};
    let cases = std::env::var("PDF_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(600);
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| l.to_string()).unwrap_or_default();
        PANICS.lock().unwrap_or_else(|e| e.into_inner()).push(at);
    }));
    let names = [
        "cabinet-report.pdf",
        "lga-board-report.pdf",
        "ruled-table.pdf",
        "owner-password.pdf",
    ];
    let files: Vec<Vec<u8>> = names.iter().map(|n| fixture(n)).collect();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = std::cell::RefCell::new([0usize; 2]);
    let strategy = (
        0usize..4,
        proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6),
    );
    runner
        .run(&strategy, |(which, edits)| {
            let bytes = mutate(files[which].clone(), &edits);
            let ok = read_pdf(&bytes).is_ok();
            tally.borrow_mut()[usize::from(!ok)] += 1;
            Ok(())
        })
        .expect("no failure");
    let _ = std::panic::take_hook();
    let panics = PANICS.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let [ok, err] = *tally.borrow();
    eprintln!(
        "{cases} mutated PDFs: {ok} read, {err} rejected, {} parser panics caught",
        panics.len()
    );
    let ours: Vec<&String> = panics
        .iter()
        .filter(|p| p.contains("boardpack-read"))
        .collect();
    assert!(ours.is_empty(), "panics in our code: {ours:?}");
}
