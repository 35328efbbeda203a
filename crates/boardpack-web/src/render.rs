//! Shared pieces of the HTML pages: the layout (header, navigation, main, footer), links
//! to papers and paragraphs, highlighted text and status labels. maud escapes every
//! string it is given, so paper text is always shown as text.

use axum::response::Html;
use boardpack_app::tracking::{ItemKind, MentionKind, Status};
use maud::{DOCTYPE, Markup, html};

/// A full page: `title` in the tab and `main` inside the site's frame. `active` names
/// the navigation entry for this page.
pub fn layout(title: &str, active: Option<&str>, main: Markup) -> Html<String> {
    let nav = [
        ("home", "/", "Home"),
        ("search", "/search", "Search"),
        ("papers", "/papers", "Papers"),
        ("programme", "/programme", "Programme"),
        ("actions", "/actions", "Actions"),
        ("threads", "/threads", "Threads"),
    ];
    Html(
        html! {
            (DOCTYPE)
            html lang="en-GB" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · boardpack" }
                    link rel="stylesheet" href="/static/style.css";
                }
                body {
                    a.skip href="#main" { "Skip to content" }
                    header.site {
                        a.brand href="/" { "boardpack" }
                        nav aria-label="Main" {
                            ul {
                                @for (key, href, label) in nav {
                                    li {
                                        @if active == Some(key) {
                                            a href=(href) aria-current="page" { (label) }
                                        } @else {
                                            a href=(href) { (label) }
                                        }
                                    }
                                }
                            }
                        }
                        form.quick role="search" action="/search" method="get" {
                            label.visually-hidden for="quick-q" { "Search the papers" }
                            input #quick-q type="search" name="q" placeholder="Search the papers";
                            button type="submit" { "Search" }
                        }
                    }
                    main #main tabindex="-1" { (main) }
                    footer.site {
                        p { "boardpack · " a href="/api/openapi.json" { "JSON API" } }
                    }
                }
            }
        }
        .into_string(),
    )
}

/// A path segment, percent-encoded (ids and thread keys may hold any character).
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The id of a passage's element on its paper's page: `p-2.8.1` for a numbered
/// paragraph, `s-<ord>` otherwise.
pub fn anchor(number: Option<&str>, ord: u32) -> String {
    match number {
        Some(n) => format!("p-{n}"),
        None => format!("s-{ord}"),
    }
}

/// The link to a passage: `/papers/<id>#p-2.8.1` or `/papers/<id>#s-<ord>`.
pub fn passage_url(paper: i64, number: Option<&str>, ord: u32) -> String {
    format!("/papers/{paper}#{}", anchor(number, ord))
}

/// The link to a follow-up's page.
pub fn action_url(id: &str) -> String {
    format!("/actions/{}", enc(id))
}

/// The link to a thread's page.
pub fn thread_url(key: &str) -> String {
    format!("/threads/{}", enc(key))
}

/// `text` with the byte ranges in `ranges` marked (search snippets).
pub fn highlighted(text: &str, ranges: &[(usize, usize)]) -> Markup {
    let mut parts: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for &(a, b) in ranges {
        if a < at || b > text.len() || a >= b {
            continue;
        }
        if !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        parts.push((&text[at..a], false));
        parts.push((&text[a..b], true));
        at = b;
    }
    parts.push((&text[at..], false));
    html! {
        @for (part, hit) in parts {
            @if hit { mark { (part) } } @else { (part) }
        }
    }
}

/// A fact to mark in a passage: its text and its kind ("money", "timescale",
/// "organisation", "person").
pub struct Fact<'a> {
    /// The text as printed.
    pub text: &'a str,
    /// The kind, used as the mark's class and title.
    pub kind: &'static str,
}

/// `text` with every occurrence of the facts' texts marked, longest facts first, without
/// overlaps.
pub fn with_facts(text: &str, facts: &[Fact<'_>]) -> Markup {
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut order: Vec<&Fact<'_>> = facts.iter().filter(|f| f.text.len() >= 3).collect();
    order.sort_by_key(|f| std::cmp::Reverse(f.text.len()));
    for f in order {
        let mut from = 0;
        while let Some(i) = text[from..].find(f.text) {
            let (a, b) = (from + i, from + i + f.text.len());
            if !spans.iter().any(|&(x, y, _)| a < y && x < b) {
                spans.push((a, b, f.kind));
            }
            from = b;
        }
    }
    spans.sort();
    let mut at = 0;
    let mut parts: Vec<(&str, Option<&'static str>)> = Vec::new();
    for (a, b, kind) in spans {
        parts.push((&text[at..a], None));
        parts.push((&text[a..b], Some(kind)));
        at = b;
    }
    parts.push((&text[at..], None));
    html! {
        @for (part, kind) in parts {
            @if let Some(kind) = kind {
                mark class={ "fact fact-" (kind) } title=(kind) { (part) }
            } @else { (part) }
        }
    }
}

/// A status as a labelled badge (words and a symbol, not colour alone).
pub fn status_badge(status: Status, by_user: bool) -> Markup {
    html! {
        span class={ "status status-" (status.as_str()) } {
            span aria-hidden="true" { (status_symbol(status)) " " }
            (status_label(status))
            @if by_user { " (set by hand)" }
        }
    }
}

/// A status in words.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Reported => "Reported",
        Status::Due => "Due",
        Status::Overdue => "Overdue",
        Status::NoTimescale => "No timescale",
    }
}

/// A status's symbol, shown beside its colour.
pub fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::Reported => "✓",
        Status::Due => "◷",
        Status::Overdue => "!",
        Status::NoTimescale => "–",
    }
}

/// An item kind in words.
pub fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Action => "Action",
        ItemKind::Decision => "Decision",
        ItemKind::Activity => "Activity",
    }
}

/// A mention kind in words.
pub fn mention_label(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Proposed => "Proposed",
        MentionKind::Decided => "Decided",
        MentionKind::Funded => "Funded",
        MentionKind::Actioned => "Actioned",
        MentionKind::Reported => "Reported",
    }
}

/// The year of an ISO date.
pub fn year(date: Option<&str>) -> Option<&str> {
    date.and_then(|d| d.get(..4))
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_escaped_and_do_not_overlap() {
        let facts = [
            Fact {
                text: "£2 million",
                kind: "money",
            },
            Fact {
                text: "2 million",
                kind: "money",
            },
            Fact {
                text: "<b>Board</b>",
                kind: "organisation",
            },
        ];
        let out = with_facts("The <b>Board</b> agreed £2 million.", &facts).into_string();
        assert_eq!(
            out,
            "The <mark class=\"fact fact-organisation\" title=\"organisation\">&lt;b&gt;Board&lt;/b&gt;</mark> agreed <mark class=\"fact fact-money\" title=\"money\">£2 million</mark>."
        );
        assert_eq!(
            highlighted("a <i>b</i> c", &[(2, 10)]).into_string(),
            "a <mark>&lt;i&gt;b&lt;/i&gt;</mark> c"
        );
        assert_eq!(enc("action:12/3 x"), "action%3A12%2F3%20x");
        assert_eq!(anchor(Some("2.8.1"), 4), "p-2.8.1");
        assert_eq!(anchor(None, 4), "s-4");
    }
}
