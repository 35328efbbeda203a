//! The track commands: programme, actions, threads, thread, link and status. Each opens
//! the library (which brings the track stage up to date), makes one call into the app
//! crate and prints the result (text, or JSON with `--json`).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use boardpack_app::tracking::{FollowUp, ItemKind, Status, Verdict};
use boardpack_app::{FollowFilter, today};

use crate::library::open;

/// Options shared by `programme` and `actions`.
pub struct ListOptions {
    /// Only this body.
    pub body: Option<String>,
    /// Only these statuses.
    pub status: Vec<String>,
    /// Only open items.
    pub open: bool,
    /// Statuses as of this day (default today).
    pub as_of: Option<String>,
    /// JSON output.
    pub json: bool,
}

fn filter(opts: &ListOptions, kinds: Vec<ItemKind>) -> Result<FollowFilter> {
    let mut status = Vec::new();
    for s in &opts.status {
        match Status::parse(s) {
            Some(st) => status.push(st),
            None => bail!("unknown status {s:?}: use reported, due, overdue or no-timescale"),
        }
    }
    let as_of = match &opts.as_of {
        Some(d) => {
            if boardpack_app::tracking::link::day_of(d).is_none() || d.len() != 10 {
                bail!("--as-of wants a date as YYYY-MM-DD, not {d:?}");
            }
            d.clone()
        }
        None => today(),
    };
    Ok(FollowFilter {
        body: opts.body.clone(),
        kinds,
        status,
        open: opts.open,
        paper: None,
        as_of,
    })
}

/// `boardpack programme`: activities with timescale and status.
pub fn programme(lib: Option<&Path>, opts: &ListOptions, out: &mut dyn Write) -> Result<()> {
    let lib = open(lib)?;
    let f = filter(opts, vec![ItemKind::Activity])?;
    let list = lib.follow_ups(&f)?;
    print_list(&list, &f.as_of, opts.json, "activities", out)
}

/// `boardpack actions`: the decisions and actions register.
pub fn actions(
    lib: Option<&Path>,
    opts: &ListOptions,
    decisions: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let lib = open(lib)?;
    let kinds = if decisions {
        vec![ItemKind::Action, ItemKind::Decision]
    } else {
        vec![ItemKind::Action]
    };
    let f = filter(opts, kinds)?;
    let list = lib.follow_ups(&f)?;
    print_list(&list, &f.as_of, opts.json, "actions", out)
}

fn print_list(
    list: &[FollowUp],
    as_of: &str,
    json: bool,
    what: &str,
    out: &mut dyn Write,
) -> Result<()> {
    if json {
        serde_json::to_writer_pretty(
            &mut *out,
            &serde_json::json!({ "as_of": as_of, what: list }),
        )?;
        writeln!(out)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "No {what} found.")?;
        return Ok(());
    }
    let mut body: Option<Option<&str>> = None;
    for f in list {
        if body != Some(f.source.body.as_deref()) {
            body = Some(f.source.body.as_deref());
            writeln!(out, "{}", f.source.body.as_deref().unwrap_or("(no body)"))?;
        }
        let mut status = f.status.as_str().replace('_', " ");
        if f.status_set_by_user {
            status.push_str(" (set by hand)");
        }
        writeln!(out, "  [{status}] {}  id {}", f.citation, f.id)?;
        writeln!(out, "    {}", f.item.text)?;
        if let Some(t) = &f.item.timescale {
            let span = match (&f.item.start, &f.item.end) {
                (Some(s), Some(e)) if s != e => format!(" ({s} to {e})"),
                (_, Some(e)) => format!(" (by {e})"),
                _ => String::new(),
            };
            writeln!(out, "    timescale: {t}{span}")?;
        }
        if let Some(owner) = &f.item.owner {
            writeln!(out, "    owner: {owner}")?;
        }
        if let Some(l) = &f.link {
            let verdict = match l.link.verdict {
                Some(Verdict::Confirmed) => " (confirmed)",
                _ => "",
            };
            writeln!(out, "    reported in: {}{verdict}", l.citation)?;
            if !l.link.why.is_empty() {
                writeln!(out, "      why: {}", l.link.why.join("; "))?;
            }
        }
    }
    writeln!(out, "\n{} {what}, statuses as of {as_of}.", list.len())?;
    Ok(())
}

/// `boardpack threads`: the subjects that recur.
pub fn threads(
    lib: Option<&Path>,
    body: Option<&str>,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let lib = open(lib)?;
    let mut list = lib.threads(body)?;
    list.truncate(limit);
    if json {
        serde_json::to_writer_pretty(&mut *out, &list)?;
        writeln!(out)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "No subject recurs in two or more papers.")?;
    }
    for t in &list {
        let span = match (&t.first, &t.last) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "undated".into(),
        };
        let aka = if t.aliases.is_empty() {
            String::new()
        } else {
            format!("  (also {})", t.aliases.join(", "))
        };
        writeln!(
            out,
            "{:>4} papers {:>5} mentions  {span}  {}{aka}",
            t.papers, t.mentions, t.name
        )?;
    }
    Ok(())
}

/// `boardpack thread NAME`: one subject's history.
pub fn thread(lib: Option<&Path>, name: &str, json: bool, out: &mut dyn Write) -> Result<()> {
    let lib = open(lib)?;
    let Some(t) = lib.thread(name)? else {
        bail!("no subject called {name:?} recurs in the library (see `boardpack threads`)");
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &t)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}", t.summary.name)?;
    if !t.summary.aliases.is_empty() {
        writeln!(out, "  also: {}", t.summary.aliases.join(", "))?;
    }
    writeln!(
        out,
        "  {} papers, {} mentions\n",
        t.summary.papers, t.summary.mentions
    )?;
    for e in &t.timeline {
        let date = e.paper.date.as_deref().unwrap_or("undated");
        let inferred = match e.paper.date_basis {
            boardpack_app::tracking::DateBasis::Inferred => " (inferred)",
            _ => "",
        };
        let amount = e
            .amount
            .as_deref()
            .map(|a| format!(" {a}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{date}{inferred}  {}{amount}  {}",
            e.kind.as_str(),
            e.citation
        )?;
        let text: String = e.text.chars().take(160).collect();
        let more = if e.text.chars().count() > 160 {
            "…"
        } else {
            ""
        };
        writeln!(out, "    {text}{more}")?;
    }
    Ok(())
}

/// `boardpack link confirm|reject ID [--to PAPER#PARA]`.
pub fn link(
    lib: Option<&Path>,
    id: &str,
    verdict: Verdict,
    to: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let lib = open(lib)?;
    let target = match to {
        None => None,
        Some(t) => {
            let (paper, para) = t.rsplit_once('#').unwrap_or((t, ""));
            let Some(found) = lib.show(paper)? else {
                bail!("no paper {paper:?} in the library");
            };
            let passages = lib.passages(found.id)?;
            let p = passages
                .iter()
                .find(|p| p.number.as_deref() == Some(para))
                .or_else(|| {
                    para.strip_prefix('@')
                        .and_then(|o| o.parse::<u32>().ok())
                        .and_then(|o| passages.iter().find(|p| p.ord == o))
                });
            let Some(p) = p else {
                bail!(
                    "paper {paper:?} has no paragraph {para:?} (use a number, or @N for the Nth passage)"
                );
            };
            Some((found.id, p.ord))
        }
    };
    lib.review_link(id, verdict, target)?;
    let word = match verdict {
        Verdict::Confirmed => "confirmed",
        Verdict::Rejected => "rejected",
    };
    writeln!(out, "Link of {id} {word}.")?;
    Ok(())
}

/// `boardpack status ID STATUS|clear`.
pub fn status(lib: Option<&Path>, id: &str, status: &str, out: &mut dyn Write) -> Result<()> {
    let lib = open(lib)?;
    let st = if status == "clear" {
        None
    } else {
        match Status::parse(status) {
            Some(s) => Some(s),
            None => bail!(
                "unknown status {status:?}: use reported, due, overdue, no-timescale or clear"
            ),
        }
    };
    lib.set_status(id, st)?;
    writeln!(
        out,
        "Status of {id} {}.",
        st.map_or("cleared", Status::as_str)
    )?;
    Ok(())
}
