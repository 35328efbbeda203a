//! Prints the parse stage's record of one plain-text paper as JSON, without the extract
//! stage: `cargo run --example parse_stage -- paper.txt`. Handy for working on the parser
//! alone.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_stage FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match boardpack_read::read(&bytes) {
        Ok(doc) => {
            let paper = boardpack_parse::parse(&doc);
            println!(
                "{}",
                serde_json::to_string_pretty(&paper).unwrap_or_default()
            );
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
