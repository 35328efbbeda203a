//! Dependency licence check: every crate boardpack depends on must be usable under a
//! permissive licence, so no copyleft crate slips in. The allow-list is the one in
//! `deny.toml` at the repository root.

use std::process::Command;

const ALLOWED: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "Apache-2.0 WITH LLVM-exception",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "0BSD",
    "CC0-1.0",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "Unlicense",
    "BSL-1.0",
];

/// Whether an SPDX expression ("(MIT OR Apache-2.0) AND Unicode-3.0", "MIT/Apache-2.0")
/// can be satisfied with allowed licences only.
fn permitted(expr: &str) -> bool {
    let expr = expr.replace(['(', ')'], " ").replace('/', " OR ");
    expr.split(" AND ").all(|conjunct| {
        conjunct
            .split(" OR ")
            .map(str::trim)
            .any(|lic| ALLOWED.contains(&lic))
    })
}

#[test]
fn expressions() {
    assert!(permitted("MIT OR Apache-2.0"));
    assert!(permitted("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(permitted("MIT/Apache-2.0"));
    assert!(!permitted("GPL-3.0"));
    assert!(!permitted("MPL-2.0"));
    assert!(!permitted("MIT AND LGPL-2.1"));
}

#[test]
fn every_dependency_is_permissively_licensed() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut bad = Vec::new();
    for pkg in meta["packages"].as_array().expect("packages") {
        let name = pkg["name"].as_str().unwrap_or("?");
        match pkg["license"].as_str() {
            Some(lic) if permitted(lic) => {}
            Some(lic) => bad.push(format!("{name}: {lic}")),
            None => bad.push(format!("{name}: no licence field")),
        }
    }
    assert!(
        bad.is_empty(),
        "crates outside the licence policy:\n{}",
        bad.join("\n")
    );
}
