//! The boardpack command line: argument parsing and the thin glue that reads a file, runs
//! the pipeline stages and prints their result. Results go to stdout, errors to stderr as
//! one line naming the file and the reason, with exit code 2.
#![warn(missing_docs)]

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use boardpack_model::Paper;
use clap::{Parser, Subcommand};

/// Exit code for bad input or usage.
pub const EXIT_BAD_INPUT: i32 = 2;

/// boardpack: turns a body's committee papers into a searchable work programme.
#[derive(Debug, Parser)]
#[command(name = "boardpack", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read one paper and print its structured record (an outline, or JSON).
    Parse {
        /// The paper to read (plain text).
        file: PathBuf,
        /// Print the record as JSON (the shape of docs/paper.schema.json).
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the record that `parse --json` prints.
    Schema,
}

/// Runs the command line with the given arguments and returns the process exit code.
pub fn main_with_args(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_BAD_INPUT } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let mut out = std::io::stdout().lock();
    match run(args, &mut out) {
        Ok(()) => 0,
        Err(e) => {
            if is_broken_pipe(&e) {
                return 0;
            }
            eprintln!("boardpack: {e:#}");
            EXIT_BAD_INPUT
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs one command, writing its result to `out`.
pub fn run(args: Args, out: &mut dyn Write) -> Result<()> {
    match args.command {
        Command::Parse { file, json } => {
            let paper = parse_file(&file)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &paper)?;
                writeln!(out)?;
            } else {
                out.write_all(boardpack_model::outline(&paper).as_bytes())?;
            }
        }
        Command::Schema => {
            serde_json::to_writer_pretty(&mut *out, &boardpack_model::paper_schema())?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Reads, parses and extracts one paper file. Errors name the file and the reason.
pub fn parse_file(path: &Path) -> Result<Paper> {
    let bytes = read_limited(path).with_context(|| path.display().to_string())?;
    parse_bytes(&bytes).with_context(|| path.display().to_string())
}

/// Runs the pipeline over bytes already in memory.
pub fn parse_bytes(bytes: &[u8]) -> Result<Paper> {
    let doc = boardpack_read::read(bytes)?;
    let mut paper = boardpack_parse::parse(&doc);
    boardpack_extract::extract(&doc, &paper).apply(&mut paper);
    Ok(paper)
}

/// Reads a file, refusing directories and files over the reader's size limit before
/// loading them.
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(describe_io)?;
    if meta.is_dir() {
        bail!("is a directory, not a paper");
    }
    let limit = boardpack_read::MAX_INPUT_BYTES as u64;
    if meta.len() > limit {
        bail!(
            "the file is {} bytes, over the {limit}-byte limit",
            meta.len()
        );
    }
    std::fs::read(path).map_err(describe_io)
}

fn describe_io(e: std::io::Error) -> anyhow::Error {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    anyhow::anyhow!("cannot read the file: {reason}")
}
