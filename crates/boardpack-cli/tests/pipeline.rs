//! The whole pipeline (read → parse → extract) over arbitrary input never panics, and the
//! full record of every fixture and sample paper is snapshotted as an outline.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = boardpack_cli::parse_bytes(&bytes);
    }

    #[test]
    fn paper_like_text_never_panics(lines in prop::collection::vec(
        "(Summary|Decision:|1\\.|2\\.1\\.|£[0-9.,]{1,8} ?(m|bn|million|k)?|(Spring|Autumn|Q[1-4]) 20[0-9]{2}(/[0-9]{2})?|Cllr [A-Z][a-z]+|Department for [A-Z][a-z]+|[A-Za-z ,.()–-]{0,30}){1,6}",
        0..40,
    )) {
        let _ = boardpack_cli::parse_bytes(lines.join("\n").as_bytes());
    }
}

fn papers(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn full_records_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = papers(&root.join("crates/boardpack-parse/tests/fixtures/text"));
    files.retain(|p| {
        !p.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .starts_with("artefacts-")
    });
    files.extend(papers(&root.join("examples/papers")));
    for path in files {
        let bytes = std::fs::read(&path).expect("read");
        let paper = boardpack_cli::parse_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("paper")
            .to_string();
        insta::assert_snapshot!(name, boardpack_model::outline(&paper));
    }
}
