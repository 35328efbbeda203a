//! A readable, indented outline of a [`Paper`]: what `boardpack parse` prints without
//! `--json`, and what the snapshot tests record, so a diff in review is easy to read.

use std::fmt::Write;

use crate::Paper;

/// Renders the paper as an indented plain-text outline.
pub fn outline(p: &Paper) -> String {
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(
        w,
        "{} {}",
        p.kind.as_str().to_uppercase(),
        p.title.as_deref().unwrap_or("(untitled)")
    );
    if let Some(d) = &p.date {
        let v = d.value.clone().unwrap_or_else(|| {
            format!(
                "{}..{}",
                d.earliest.as_deref().unwrap_or(""),
                d.latest.as_deref().unwrap_or("")
            )
        });
        let basis = match d.basis {
            crate::DateBasis::Stated => "stated",
            crate::DateBasis::Inferred => "inferred",
        };
        let _ = writeln!(w, "  date: {v} ({basis}: {})", d.reason);
    }
    if let Some(purpose) = p.purpose {
        let _ = writeln!(w, "  purpose: {}", purpose.as_str());
    }
    if let Some(c) = p.confidential {
        let _ = writeln!(w, "  confidential: {}", if c { "yes" } else { "no" });
    }
    if let Some(summary) = &p.summary {
        let _ = writeln!(w, "  summary: {summary}");
    }
    list(
        w,
        "recommendations",
        p.recommendations.iter().map(String::as_str),
    );
    if !p.contacts.is_empty() {
        let _ = writeln!(w, "  contacts:");
        for c in &p.contacts {
            let parts: Vec<&str> = [
                c.position.as_deref(),
                c.phone.as_deref(),
                c.email.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect();
            let _ = writeln!(
                w,
                "    - {}{}{}",
                c.name,
                if parts.is_empty() { "" } else { "; " },
                parts.join("; ")
            );
        }
    }
    if !p.headings.is_empty() || !p.paragraphs.is_empty() {
        let _ = writeln!(w, "  body:");
        let mut section: Option<&str> = None;
        let mut headings = p.headings.iter().map(String::as_str).peekable();
        for para in &p.paragraphs {
            if para.section.as_deref() != section {
                section = para.section.as_deref();
                if let Some(h) = section {
                    // Headings with no paragraphs of their own come before this one.
                    while let Some(&next) = headings.peek() {
                        headings.next();
                        if next == h {
                            break;
                        }
                        let _ = writeln!(w, "    # {next}");
                    }
                    let _ = writeln!(w, "    # {h}");
                }
            }
            let depth = para.number.matches('.').count();
            let _ = writeln!(
                w,
                "    {}{} {}",
                "  ".repeat(depth),
                para.number,
                clip(&para.text, 90)
            );
        }
        for h in headings {
            let _ = writeln!(w, "    # {h}");
        }
    }
    if !p.items.is_empty() {
        let _ = writeln!(w, "  items:");
        for it in &p.items {
            let _ = writeln!(
                w,
                "    [{}] {}",
                it.number.as_deref().unwrap_or("-"),
                it.title
            );
            for pr in &it.presenters {
                let _ = writeln!(
                    w,
                    "      presenter: {}{}",
                    pr.name,
                    pr.position
                        .as_deref()
                        .map(|x| format!(", {x}"))
                        .unwrap_or_default()
                );
            }
            for d in &it.decisions {
                let _ = writeln!(w, "      decision: {}", clip(d, 100));
            }
            for a in &it.actions {
                let _ = writeln!(
                    w,
                    "      action: {} (owner: {})",
                    clip(&a.text, 90),
                    a.owner.as_deref().unwrap_or("-")
                );
            }
        }
    }
    if p.items.is_empty() {
        list(w, "decisions", p.decisions.iter().map(String::as_str));
        if !p.actions.is_empty() {
            let _ = writeln!(w, "  actions:");
            for a in &p.actions {
                let _ = writeln!(
                    w,
                    "    - {} (owner: {})",
                    a.text,
                    a.owner.as_deref().unwrap_or("-")
                );
            }
        }
    }
    if !p.activities.is_empty() {
        let _ = writeln!(w, "  activities:");
        for a in &p.activities {
            let _ = writeln!(
                w,
                "    - {} [{}]",
                clip(&a.text, 90),
                a.timescale.as_deref().unwrap_or("-")
            );
        }
    }
    if !p.timescales.is_empty() {
        let _ = writeln!(w, "  timescales:");
        for t in &p.timescales {
            let _ = writeln!(
                w,
                "    - {} = {}..{}",
                t.text,
                t.start.as_deref().unwrap_or(""),
                t.end.as_deref().unwrap_or("")
            );
        }
    }
    if !p.money.is_empty() {
        let _ = writeln!(w, "  money:");
        for m in &p.money {
            let per = m
                .per
                .as_deref()
                .map(|x| format!(" per {x}"))
                .unwrap_or_default();
            let _ = writeln!(w, "    - {} = £{}{per}", m.text, m.amount);
        }
    }
    if !p.organisations.is_empty() {
        let _ = writeln!(w, "  organisations:");
        for o in &p.organisations {
            let aka = if o.aliases.is_empty() {
                String::new()
            } else {
                format!(" (also {})", o.aliases.join(", "))
            };
            let _ = writeln!(w, "    - {}{aka}", o.name);
        }
    }
    if !p.people.is_empty() {
        let _ = writeln!(w, "  people:");
        for person in &p.people {
            let _ = writeln!(
                w,
                "    - {}{}",
                person.name,
                person
                    .role
                    .as_deref()
                    .map(|r| format!(", {r}"))
                    .unwrap_or_default()
            );
        }
    }
    for d in &p.diagnostics {
        let _ = writeln!(w, "  note (line {}): {}", d.line, d.message);
    }
    s
}

fn list<'a>(w: &mut String, name: &str, entries: impl Iterator<Item = &'a str>) {
    let mut first = true;
    for e in entries {
        if first {
            let _ = writeln!(w, "  {name}:");
            first = false;
        }
        let _ = writeln!(w, "    - {e}");
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}
