//! The library commands: ingest, search, show, export, info. Each opens the library, makes
//! one call into the app crate and prints the result (text, or JSON with `--json`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};
use boardpack_app::{IngestOptions, Library, Progress, Query, SearchResults};
use clap::ValueEnum;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per paper: the header fields and counts.
    Csv,
    /// Every stored record, as a JSON array.
    Json,
}

/// Opens the library at `dir` (or the default).
pub fn open(dir: Option<&Path>) -> Result<Library> {
    let dir = dir.map_or_else(boardpack_app::default_library_dir, Path::to_path_buf);
    Library::open(&dir)
}

/// Progress on stderr: a bar on a terminal, plain lines otherwise.
struct Reporter {
    bar: Option<indicatif::ProgressBar>,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Reporter {
    fn new() -> Reporter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} files  {per_sec}  eta {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        Reporter {
            bar,
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
        }
    }
}

impl Progress for Reporter {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        match &self.bar {
            Some(bar) => bar.set_length(total as u64),
            None => eprintln!("boardpack: ingesting {total} files"),
        }
    }

    fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None if done.is_multiple_of(1000) => {
                eprintln!(
                    "boardpack: {done}/{} files",
                    self.total.load(Ordering::Relaxed)
                );
            }
            None => {}
        }
    }

    fn failed(&self, path: &Path, reason: &str) {
        let line = format!("boardpack: {}: {reason}", path.display());
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `boardpack ingest`.
pub fn ingest(
    lib: Option<&Path>,
    paths: &[PathBuf],
    body: Option<String>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut library = open(lib)?;
    let opts = IngestOptions {
        body,
        split_packs: true,
    };
    let reporter = Reporter::new();
    let mut total = boardpack_app::IngestSummary::default();
    for path in paths {
        let s = library
            .ingest(path, &opts, &reporter)
            .with_context(|| format!("ingesting {}", path.display()))?;
        total.files += s.files;
        total.added += s.added;
        total.updated += s.updated;
        total.unchanged += s.unchanged;
        total.skipped += s.skipped;
        total.removed += s.removed;
        total.bytes += s.bytes;
        total.seconds += s.seconds;
        total.failed.extend(s.failed);
    }
    if json {
        serde_json::to_writer_pretty(&mut *out, &total)?;
        writeln!(out)?;
    } else {
        let rate = if total.seconds > 0.0 {
            (total.added + total.updated) as f64 / total.seconds
        } else {
            0.0
        };
        writeln!(
            out,
            "{} files: {} added, {} updated, {} unchanged, {} failed{}{} in {:.2}s ({:.0} papers/s, {:.1} MB read)",
            total.files,
            total.added,
            total.updated,
            total.unchanged,
            total.failed.len(),
            if total.skipped > 0 {
                format!(", {} not papers (JSON)", total.skipped)
            } else {
                String::new()
            },
            if total.removed > 0 {
                format!(", {} removed", total.removed)
            } else {
                String::new()
            },
            total.seconds,
            rate,
            total.bytes as f64 / 1e6
        )?;
        writeln!(out, "library: {}", library.dir().display())?;
    }
    Ok(())
}

/// `boardpack search`.
pub fn search(lib: Option<&Path>, query: &Query, json: bool, out: &mut dyn Write) -> Result<()> {
    let library = open(lib)?;
    let results = library.search(query)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &results)?;
        writeln!(out)?;
        return Ok(());
    }
    print_results(&results, query, out)
}

fn print_results(r: &SearchResults, q: &Query, out: &mut dyn Write) -> Result<()> {
    if r.total == 0 {
        writeln!(out, "no matches")?;
        return Ok(());
    }
    let (total, approx) = if r.total_is_estimate {
        (
            format!(
                "about {} (more than {}, estimated from a sample)",
                round_figures(r.total as u64),
                q.count_exactly_up_to.unwrap_or(boardpack_app::EXACT_UP_TO)
            ),
            "~",
        )
    } else {
        (r.total.to_string(), "")
    };
    writeln!(
        out,
        "{total} matching passages; showing {}-{}",
        q.offset + 1,
        q.offset + r.hits.len()
    )?;
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for (i, h) in r.hits.iter().enumerate() {
        writeln!(out, "\n{}. {}", q.offset + i + 1, h.citation)?;
        writeln!(out, "   {}", highlight(&h.snippet, &h.highlights, bold))?;
        writeln!(out, "   {}", h.path)?;
    }
    let facet = |name: &str, values: &[(String, u64)]| -> String {
        let shown: Vec<String> = values
            .iter()
            .take(6)
            .map(|(v, n)| {
                format!(
                    "{v} {approx}{}",
                    if approx.is_empty() {
                        *n
                    } else {
                        round_figures(*n)
                    }
                )
            })
            .collect();
        format!("{name}: {}", shown.join(", "))
    };
    writeln!(out)?;
    for (name, values) in [
        ("kind", &r.facets.kind),
        ("body", &r.facets.body),
        ("year", &r.facets.year),
        ("purpose", &r.facets.purpose),
    ] {
        if !values.is_empty() {
            writeln!(out, "{}", facet(name, values))?;
        }
    }
    Ok(())
}

/// `n` rounded to three significant figures (for estimates).
fn round_figures(n: u64) -> u64 {
    let mut unit = 1;
    while n / unit >= 1000 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

/// Marks the matched ranges: bold on a terminal, [brackets] otherwise.
fn highlight(snippet: &str, ranges: &[(usize, usize)], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut s = String::with_capacity(snippet.len() + ranges.len() * 8);
    let mut at = 0;
    for &(a, b) in ranges {
        if a < at
            || b > snippet.len()
            || !snippet.is_char_boundary(a)
            || !snippet.is_char_boundary(b)
        {
            continue;
        }
        s.push_str(&snippet[at..a]);
        s.push_str(open);
        s.push_str(&snippet[a..b]);
        s.push_str(close);
        at = b;
    }
    s.push_str(&snippet[at..]);
    s
}

/// `boardpack show`.
pub fn show(lib: Option<&Path>, key: &str, json: bool, out: &mut dyn Write) -> Result<()> {
    let library = open(lib)?;
    let Some(paper) = library.show(key)? else {
        bail!("no paper {key:?} in the library (give its id, path or file name)");
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &paper)?;
        writeln!(out)?;
    } else {
        writeln!(out, "[{}] {} ({})", paper.id, paper.path, paper.format)?;
        if let Some(b) = &paper.body {
            writeln!(out, "body: {b}")?;
        }
        out.write_all(boardpack_model::outline(&paper.record).as_bytes())?;
    }
    Ok(())
}

/// `boardpack export`.
pub fn export(lib: Option<&Path>, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
    let library = open(lib)?;
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &library.papers()?)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "path",
                "format",
                "body",
                "kind",
                "title",
                "date",
                "date_basis",
                "purpose",
                "confidential",
                "summary",
                "recommendations",
                "decisions",
                "actions",
                "paragraphs",
                "timescales",
                "money",
                "organisations",
                "people",
            ])?;
            for p in library.papers()? {
                let r = &p.record;
                let join = |v: Vec<&str>| v.join(" | ");
                w.write_record([
                    p.id.to_string(),
                    p.path.clone(),
                    p.format.clone(),
                    p.body.clone().unwrap_or_default(),
                    r.kind.as_str().to_string(),
                    r.title.clone().unwrap_or_default(),
                    r.date
                        .as_ref()
                        .and_then(|d| d.value.clone().or(d.earliest.clone()))
                        .unwrap_or_default(),
                    r.date
                        .as_ref()
                        .map(|d| format!("{:?}", d.basis).to_lowercase())
                        .unwrap_or_default(),
                    r.purpose
                        .map(|x| x.as_str().to_string())
                        .unwrap_or_default(),
                    r.confidential.map(|c| c.to_string()).unwrap_or_default(),
                    r.summary.clone().unwrap_or_default(),
                    join(r.recommendations.iter().map(String::as_str).collect()),
                    join(r.decisions.iter().map(String::as_str).collect()),
                    join(r.actions.iter().map(|a| a.text.as_str()).collect()),
                    r.paragraphs.len().to_string(),
                    join(r.timescales.iter().map(|t| t.text.as_str()).collect()),
                    join(r.money.iter().map(|m| m.text.as_str()).collect()),
                    join(r.organisations.iter().map(|o| o.name.as_str()).collect()),
                    join(r.people.iter().map(|p| p.name.as_str()).collect()),
                ])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// `boardpack info`.
pub fn info(lib: Option<&Path>, json: bool, out: &mut dyn Write) -> Result<()> {
    let library = open(lib)?;
    let i = library.info()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &i)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "library {}: {} papers, {} passages, {} files ({} failed); integrity ok",
            i.dir, i.papers, i.passages, i.files, i.failed
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::round_figures;

    #[test]
    fn estimates_are_shown_to_three_figures() {
        assert_eq!(round_figures(0), 0);
        assert_eq!(round_figures(987), 987);
        assert_eq!(round_figures(51_234), 51_200);
        assert_eq!(round_figures(761_320), 761_000);
        assert_eq!(round_figures(1_535_694), 1_540_000);
        assert_eq!(round_figures(999_600), 1_000_000);
    }
}
