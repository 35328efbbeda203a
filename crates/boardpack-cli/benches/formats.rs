//! Format benchmark: the whole pipeline (read → parse → extract) per input format on one
//! core, in papers/s and MB/s (and pages/s for PDF), over the dev twins in
//! `../shared/eval/dev-formats` when present and the project's own fixtures under
//! `crates/boardpack-read/tests/fixtures/{docx,html,pdf}`. In the same run it times the
//! tool a user would otherwise reach for (pdftotext for PDF, pandoc for DOCX, when on the
//! PATH) over the same files, and prints the ratio.
//!
//! Run with `cargo bench -p boardpack-cli --bench formats`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

struct Figures {
    papers_per_s: f64,
    mb_per_s: f64,
    pages_per_s: f64,
    secs_per_pass: f64,
}

fn measure(inputs: &[Vec<u8>], min: Duration) -> Figures {
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    let mut pages = 0u64;
    let mut runs = 0u32;
    let start = Instant::now();
    while start.elapsed() < min || runs < 2 {
        pages = 0;
        for input in inputs {
            let doc = boardpack_read::read(input).expect("readable");
            pages += u64::from(doc.blocks.iter().map(|b| b.page).max().unwrap_or(0));
            std::hint::black_box(boardpack_app::record(&doc));
        }
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    Figures {
        papers_per_s: inputs.len() as f64 / secs,
        mb_per_s: bytes as f64 / 1e6 / secs,
        pages_per_s: pages as f64 / secs,
        secs_per_pass: secs,
    }
}

/// Seconds for one pass of an external tool over the files, if it is installed.
fn external(tool: &str, args: &[&str], files: &[PathBuf]) -> Option<f64> {
    Command::new(tool).arg("--version").output().ok()?;
    let start = Instant::now();
    for f in files {
        let path = f.to_str()?;
        Command::new(tool)
            .args(args.iter().map(|a| if *a == "{}" { path } else { a }))
            .output()
            .ok()?;
    }
    Some(start.elapsed().as_secs_f64())
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let min = if quick {
        Duration::from_millis(1)
    } else {
        Duration::from_secs(3)
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let twins = root.join("../shared/eval/dev-formats");
    let fixtures = root.join("crates/boardpack-read/tests/fixtures");
    println!("read + parse + extract, one core");
    // (file extension, the tool a user would otherwise reach for and its arguments)
    type Competitor = Option<(&'static str, &'static [&'static str])>;
    let tools: [(&str, Competitor); 4] = [
        ("txt", None),
        ("docx", Some(("pandoc", &["-t", "plain", "{}"]))),
        ("html", None),
        ("pdf", Some(("pdftotext", &["-layout", "{}", "-"]))),
    ];
    for (ext, tool) in tools {
        let mut files = if ext == "txt" {
            files_with(&root.join("../shared/eval/dev"), "txt")
        } else {
            files_with(&twins, ext)
        };
        let twin_count = files.len();
        files.extend(files_with(&fixtures.join(ext), ext));
        // Only the files boardpack reads (the fixture folders also hold hostile files).
        files.retain(|f| std::fs::read(f).is_ok_and(|b| boardpack_read::read(&b).is_ok()));
        let inputs: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
        if inputs.is_empty() {
            println!("{ext:<5} no readable inputs");
            continue;
        }
        let f = measure(&inputs, min);
        let pages = if ext == "pdf" {
            format!("  {:>8.0} pages/s", f.pages_per_s)
        } else {
            String::new()
        };
        println!(
            "{ext:<5} {:>3} files ({twin_count} dev twins)  {:>8.0} papers/s  {:>7.1} MB/s{pages}",
            inputs.len(),
            f.papers_per_s,
            f.mb_per_s
        );
        if let Some((tool, args)) = tool
            && !quick
        {
            match external(tool, args, &files) {
                Some(secs) => println!(
                    "      {tool} over the same files: {:>6.0} files/s; boardpack's full record is {:.1}x faster",
                    files.len() as f64 / secs,
                    (secs / files.len() as f64) / (f.secs_per_pass / inputs.len() as f64)
                ),
                None => println!("      {tool}: not installed, not compared"),
            }
        }
    }
}
