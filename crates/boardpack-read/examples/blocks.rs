//! Prints the block stream the read stage makes of a file, one block a line:
//! `cargo run -p boardpack-read --example blocks -- paper.docx`. With `--text`, prints
//! only each block's line as the plain-text reader would see it, to diff against a .txt
//! twin.

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let text_only = args.iter().any(|a| a == "--text");
    args.retain(|a| a != "--text");
    let Some(path) = args.first() else {
        eprintln!("usage: blocks [--text] FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    match boardpack_read::read_detected(&bytes) {
        Ok((format, doc)) => {
            if !text_only {
                println!("# format: {}", format.as_str());
            }
            for b in &doc.blocks {
                let tab = if b.tabbed { "\t" } else { "" };
                if text_only {
                    println!("{tab}{}", b.raw);
                } else {
                    let h = b.heading.map(|l| format!(" h{l}")).unwrap_or_default();
                    println!("{:>4} p{}{h} | {tab}{}", b.line, b.page, b.raw);
                }
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
