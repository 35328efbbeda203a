//! The web layer's integration tests, one binary with shared setup: libraries built in
//! temp folders from `examples/papers` and from a fictional hostile paper.
//! - `routes`: the router in process, every page and API route;
//! - `browser`: real headless Chromium through chromedriver (`webdriver` is the small
//!   WebDriver client it uses).

mod browser;
mod routes;
mod webdriver;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use boardpack_app::{IngestOptions, Library};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Quiet;

impl boardpack_app::Progress for Quiet {
    fn start(&self, _: usize) {}
    fn advance(&self) {}
    fn failed(&self, _: &Path, _: &str) {}
    fn finish(&self) {}
}

/// A fresh library in a temp folder named `name`, holding `folder`'s papers.
pub fn library_of(name: &str, folder: &Path) -> Library {
    let dir = std::env::temp_dir().join(format!("boardpack-web-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut lib = Library::open(&dir).expect("open");
    let opts = IngestOptions {
        body: Some("Skills and Employment Board".into()),
        ..IngestOptions::default()
    };
    lib.ingest(folder, &opts, &Quiet).expect("ingest");
    lib
}

/// The sample papers' library, shared read-only by the tests.
pub fn samples() -> Arc<Library> {
    static LIB: OnceLock<Arc<Library>> = OnceLock::new();
    LIB.get_or_init(|| Arc::new(library_of("samples", &repo().join("examples/papers"))))
        .clone()
}

/// A library holding only [`HOSTILE`].
pub fn hostile() -> Arc<Library> {
    static LIB: OnceLock<Arc<Library>> = OnceLock::new();
    LIB.get_or_init(|| {
        let folder =
            std::env::temp_dir().join(format!("boardpack-web-{}-hostile", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join("pier-repairs.txt"), HOSTILE).expect("write");
        Arc::new(library_of("hostile-lib", &folder))
    })
    .clone()
}

/// A fictional paper whose text tries to run script.
pub const HOSTILE: &str = "Harbourside Ferry Board\n\
Report title: Pier Repairs <script>alert(1)</script>\n\
Purpose of report: For decision\n\
\n\
Summary\n\
This report asks the Board to approve pier repairs <script>alert(1)</script> before winter.\n\
\n\
1. Background\n\
1.1 The <img src=x onerror=alert(2)> pier needs repairs costing £40,000 by March 2027.\n\
1.2 The harbour master will report back <script>alert(1)</script> in June 2027.\n";

/// A path segment, percent-encoded.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
