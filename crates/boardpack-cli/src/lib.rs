//! The boardpack command line: argument parsing and the thin glue that reads a file, runs
//! the pipeline stages and prints their result. Results go to stdout, errors to stderr as
//! one line naming the file and the reason, with exit code 2.
#![warn(missing_docs)]

mod library;
mod track;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use boardpack_model::Paper;
use clap::{Parser, Subcommand};

/// The environment variable that holds the web server's write token.
pub const TOKEN_ENV: &str = "BOARDPACK_TOKEN";

/// Exit code for bad input or usage.
pub const EXIT_BAD_INPUT: i32 = 2;

/// boardpack: turns a body's committee papers into a searchable work programme.
#[derive(Debug, Parser)]
#[command(name = "boardpack", version, about)]
pub struct Args {
    /// The library folder (default: $BOARDPACK_LIBRARY, else the platform data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read papers and print their structured records (an outline, or JSON).
    ///
    /// One FILE prints its record; several files, or a folder (read recursively, in name
    /// order), print one record after another: outlines headed by their path, or with
    /// --json one JSON object per line, each with a "file" field.
    Parse {
        /// The papers to read (plain text, DOCX, HTML or PDF, told apart by content), or
        /// folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the record as JSON (the shape of docs/paper.schema.json).
        #[arg(long)]
        json: bool,
        /// Treat each file as an agenda pack: split it into its papers (cover, agenda,
        /// minutes, reports) and print a record for each, with its page range.
        #[arg(long)]
        pack: bool,
    },
    /// Print the JSON Schema of the record that `parse --json` prints.
    Schema,
    /// Add folders (or files) of papers to the library: new and changed files are read,
    /// unchanged ones skipped; a summary is printed at the end.
    Ingest {
        /// Folders or files to ingest.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The board or committee these papers belong to (default: the folder's name).
        #[arg(long)]
        body: Option<String>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search the library's papers, paragraph by paragraph.
    Search {
        /// Words, "a phrase", AND / OR / NOT; empty with filters lists everything.
        query: String,
        /// Only papers of this kind (report, minutes, decision, agenda, other).
        #[arg(long)]
        kind: Option<String>,
        /// Only papers of this board or committee.
        #[arg(long)]
        body: Option<String>,
        /// Only papers dated on or after this (a year, or YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Only papers dated on or before this (a year, or YYYY-MM-DD).
        #[arg(long)]
        until: Option<String>,
        /// Only papers with this purpose (information, decision, discussion, noting).
        #[arg(long)]
        purpose: Option<String>,
        /// Only papers that record decisions.
        #[arg(long)]
        has_decision: bool,
        /// Only papers that record actions.
        #[arg(long)]
        has_action: bool,
        /// Only passages holding this kind of fact (money, timescale, organisation, person).
        #[arg(long)]
        fact: Option<String>,
        /// How many hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// How many hits to skip.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one stored paper's record.
    Show {
        /// The paper's id, path or file name.
        paper: String,
        /// Print the record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export every stored paper.
    Export {
        /// csv (one row per paper) or json (every record).
        #[arg(long, value_enum, default_value = "json")]
        format: library::ExportFormat,
    },
    /// Serve the library as web pages and a JSON API (read-only unless given a token).
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Accept writes (link reviews, action statuses) that bear this token
        /// (default: $BOARDPACK_TOKEN). Without one the server is read-only.
        #[arg(long, value_name = "TOKEN")]
        token: Option<String>,
    },
    /// Say what the library holds and check its integrity.
    Info {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The work programme: activities with their timescale and status (reported, due,
    /// overdue, no timescale) and the later paragraph that reported on each.
    Programme {
        /// Filters.
        #[command(flatten)]
        list: ListArgs,
    },
    /// The actions register: actions (and with --decisions, decisions) with owner,
    /// source, status and the later paragraph that reported on each.
    Actions {
        /// Filters.
        #[command(flatten)]
        list: ListArgs,
        /// List decisions too.
        #[arg(long)]
        decisions: bool,
    },
    /// The subjects (programmes, plans, funds, bodies...) that recur across papers.
    Threads {
        /// Only subjects this body's papers mention.
        #[arg(long)]
        body: Option<String>,
        /// How many to list.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// One subject's history, paper by paper: what was proposed, decided, funded,
    /// actioned and reported, with citations.
    Thread {
        /// The subject's name, key or abbreviation.
        name: String,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Confirm or reject a follow-through link; kept in the library across re-ingests.
    Link {
        /// confirm or reject.
        #[arg(value_enum)]
        verdict: Verdict,
        /// The action's, decision's or activity's id (shown by `actions` and `programme`).
        id: String,
        /// The paragraph that reports on it, as PAPER#NUMBER (or PAPER#@N for the Nth
        /// passage); default: the link boardpack found.
        #[arg(long)]
        to: Option<String>,
    },
    /// Set an action's status by hand (reported, due, overdue, no-timescale), or clear it.
    Status {
        /// The action's, decision's or activity's id.
        id: String,
        /// The status, or "clear".
        status: String,
    },
}

/// A verdict on a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Verdict {
    /// The link is right.
    Confirm,
    /// The link is wrong: never propose it again.
    Reject,
}

/// Filters of `programme` and `actions`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this board's or committee's papers.
    #[arg(long)]
    body: Option<String>,
    /// Only open items (not yet reported on).
    #[arg(long)]
    open: bool,
    /// Only these statuses (reported, due, overdue, no-timescale); repeatable.
    #[arg(long)]
    status: Vec<String>,
    /// Compute statuses as of this day (YYYY-MM-DD; default today).
    #[arg(long)]
    as_of: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

impl ListArgs {
    fn options(self) -> track::ListOptions {
        track::ListOptions {
            body: self.body,
            status: self.status,
            open: self.open,
            as_of: self.as_of,
            json: self.json,
        }
    }
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
        Command::Parse { files, json, pack } => {
            if let [file] = files.as_slice()
                && !file.is_dir()
                && !pack
            {
                let paper = parse_file(file)?;
                if json {
                    serde_json::to_writer_pretty(&mut *out, &paper)?;
                    writeln!(out)?;
                } else {
                    out.write_all(boardpack_model::outline(&paper).as_bytes())?;
                }
                out.flush()?;
                return Ok(());
            }
            parse_many(&files, json, pack, out)?;
        }
        Command::Ingest { paths, body, json } => {
            library::ingest(args.library.as_deref(), &paths, body, json, out)?;
        }
        Command::Search {
            query,
            kind,
            body,
            since,
            until,
            purpose,
            has_decision,
            has_action,
            fact,
            limit,
            offset,
            json,
        } => {
            let q = boardpack_app::Query {
                text: query,
                kind,
                body,
                since,
                until,
                purpose,
                has_decision,
                has_action,
                fact,
                limit,
                offset,
                count_exactly_up_to: None,
            };
            library::search(args.library.as_deref(), &q, json, out)?;
        }
        Command::Show { paper, json } => library::show(args.library.as_deref(), &paper, json, out)?,
        Command::Export { format } => library::export(args.library.as_deref(), format, out)?,
        Command::Info { json } => library::info(args.library.as_deref(), json, out)?,
        Command::Serve { addr, token } => {
            let token = token.or_else(|| std::env::var(TOKEN_ENV).ok());
            boardpack_web::serve_blocking(library::open(args.library.as_deref())?, addr, token)?;
        }
        Command::Programme { list } => {
            track::programme(args.library.as_deref(), &list.options(), out)?;
        }
        Command::Actions { list, decisions } => {
            track::actions(args.library.as_deref(), &list.options(), decisions, out)?;
        }
        Command::Threads { body, limit, json } => {
            track::threads(args.library.as_deref(), body.as_deref(), limit, json, out)?;
        }
        Command::Thread { name, json } => track::thread(args.library.as_deref(), &name, json, out)?,
        Command::Link { verdict, id, to } => {
            let v = match verdict {
                Verdict::Confirm => boardpack_app::tracking::Verdict::Confirmed,
                Verdict::Reject => boardpack_app::tracking::Verdict::Rejected,
            };
            track::link(args.library.as_deref(), &id, v, to.as_deref(), out)?;
        }
        Command::Status { id, status } => {
            track::status(args.library.as_deref(), &id, &status, out)?
        }
        Command::Schema => {
            serde_json::to_writer_pretty(&mut *out, &boardpack_model::paper_schema())?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Parses every paper under `inputs`; a failure is reported on stderr and the run goes
/// on, failing at the end.
fn parse_many(inputs: &[PathBuf], json: bool, pack: bool, out: &mut dyn Write) -> Result<()> {
    let mut files = Vec::new();
    for input in inputs {
        collect_files(input, &mut files, 0).with_context(|| input.display().to_string())?;
    }
    let mut failed = 0usize;
    for file in &files {
        let papers = if pack {
            parse_pack_file(file)
        } else {
            parse_file(file).map(|p| vec![p])
        };
        match papers {
            Ok(papers) => {
                for paper in papers {
                    if json {
                        let mut value = serde_json::to_value(&paper)?;
                        if let Some(map) = value.as_object_mut() {
                            map.insert("file".into(), file.display().to_string().into());
                        }
                        serde_json::to_writer(&mut *out, &value)?;
                        writeln!(out)?;
                    } else {
                        match &paper.pack {
                            Some(part) => writeln!(
                                out,
                                "== {} (paper {}, pages {}-{}) ==",
                                file.display(),
                                part.index,
                                part.first_page,
                                part.last_page
                            )?,
                            None => writeln!(out, "== {} ==", file.display())?,
                        }
                        out.write_all(boardpack_model::outline(&paper).as_bytes())?;
                        writeln!(out)?;
                    }
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("boardpack: {e:#}");
            }
        }
    }
    if failed > 0 {
        bail!("{failed} of {} papers could not be read", files.len());
    }
    Ok(())
}

/// How deep `parse` follows folders.
const MAX_DEPTH: usize = 32;

fn collect_files(path: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        bail!("folders nested over {MAX_DEPTH} deep");
    }
    let meta = std::fs::metadata(path).map_err(describe_io)?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(describe_io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with('.') && !name.eq_ignore_ascii_case("readme.md")
        })
        .collect();
    entries.sort();
    for entry in entries {
        collect_files(&entry, out, depth + 1)?;
    }
    Ok(())
}

/// Reads, parses and extracts one paper file. Errors name the file and the reason.
pub fn parse_file(path: &Path) -> Result<Paper> {
    let bytes = read_limited(path).with_context(|| path.display().to_string())?;
    parse_bytes(&bytes).with_context(|| path.display().to_string())
}

/// Reads an agenda pack and parses each of its papers.
pub fn parse_pack_file(path: &Path) -> Result<Vec<Paper>> {
    let bytes = read_limited(path).with_context(|| path.display().to_string())?;
    let doc = boardpack_read::read(&bytes).with_context(|| path.display().to_string())?;
    Ok(
        boardpack_app::pack_records(&doc, &path.display().to_string())
            .into_iter()
            .map(|(paper, _)| paper)
            .collect(),
    )
}

/// Runs the pipeline over bytes already in memory.
pub fn parse_bytes(bytes: &[u8]) -> Result<Paper> {
    Ok(boardpack_app::record(&boardpack_read::read(bytes)?))
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
