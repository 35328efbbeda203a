//! Snapshot tests: every fixture paper under `tests/fixtures/text/` parsed and rendered as
//! an outline (`boardpack_model::outline`), so a change in the parser shows as a readable
//! diff. Byte variants of one paper (CRLF, BOM, UTF-16, Windows-1252) must parse the same.
//! Broken inputs under `tests/fixtures/broken/` must give a read error, never a panic.

use std::path::{Path, PathBuf};

use boardpack_model::Paper;

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x != "md"))
        .collect();
    files.sort();
    files
}

fn parse_file(path: &Path) -> Paper {
    let bytes = std::fs::read(path).expect("fixture readable");
    let doc = boardpack_read::read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    boardpack_parse::parse(&doc)
}

#[test]
fn text_fixtures_snapshot() {
    let files = fixtures("text");
    assert!(files.len() >= 9, "expected one fixture per template");
    for path in files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture")
            .to_string();
        if name.starts_with("artefacts-") {
            continue; // byte variants: compared with their original below
        }
        let outline = boardpack_model::outline(&parse_file(&path));
        insta::assert_snapshot!(name, outline);
    }
}

#[test]
fn byte_variants_parse_alike() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    let original = parse_file(&dir.join("artefacts.txt"));
    for variant in [
        "artefacts-crlf.txt",
        "artefacts-utf8-bom.txt",
        "artefacts-utf16.txt",
        "artefacts-cp1252.txt",
    ] {
        let got = parse_file(&dir.join(variant));
        assert_eq!(
            got, original,
            "{variant} parses differently from artefacts.txt"
        );
    }
}

#[test]
fn broken_inputs_are_read_errors() {
    for path in fixtures("broken") {
        let bytes = std::fs::read(&path).expect("fixture readable");
        assert!(
            boardpack_read::read(&bytes).is_err(),
            "{} should not read",
            path.display()
        );
    }
}

#[test]
fn templates_give_their_kind() {
    use boardpack_model::Kind::*;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text");
    for (file, kind) in [
        ("lga-board-report.txt", Report),
        ("london-councils-paper.txt", Report),
        ("cabinet-report.txt", Report),
        ("moderngov-item-minutes.txt", Minutes),
        ("moderngov-meeting-minutes.txt", Minutes),
        ("minutes-plain.txt", Minutes),
        ("decision-notice.txt", Decision),
        ("forward-plan-entry.txt", Other),
        ("agenda-page.txt", Agenda),
    ] {
        assert_eq!(parse_file(&dir.join(file)).kind, kind, "{file}");
    }
}
