//! The HTML pages. Each handler checks its parameters, makes one call into the library
//! (through [`AppState::with`]) and renders with maud. Pages need no JavaScript: filters
//! are GET forms, sorting is links, writes are POST forms carrying the write token.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use boardpack_app::tracking::{FollowUp, ItemKind, Status, ThreadDetail, ThreadSummary, Verdict};
use boardpack_app::{FollowFilter, PaperRow, Passage, SearchResults, StoredPaper};
use maud::{Markup, html};

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::params::{
    FOLLOW_NAMES, FollowParams, KINDS, PURPOSES, Params, SEARCH_NAMES, SearchParams, Sort, key,
    paper_id,
};
use crate::render::{
    Fact, action_url, anchor, highlighted, kind_label, layout, mention_label, passage_url,
    status_badge, status_label, thread_url, with_facts, year,
};

type PageResult = Result<Html<String>, PageError>;

/// The stylesheet (embedded; no CDN).
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/style.css"),
    )
        .into_response()
}

fn title_of(row: &PaperRow) -> String {
    row.title.clone().unwrap_or_else(|| {
        std::path::Path::new(&row.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| row.path.clone())
    })
}

fn paper_list(rows: &[&PaperRow]) -> Markup {
    html! {
        ul.papers {
            @for r in rows {
                li {
                    a href={ "/papers/" (r.id) } { (title_of(r)) }
                    " "
                    span.meta { (r.kind) @if let Some(d) = &r.date { " · " time datetime=(d) { (d) } } }
                }
            }
        }
    }
}

/// Papers grouped by body, then by year (newest first).
fn by_body_and_year(rows: &[PaperRow]) -> BTreeMap<String, BTreeMap<String, Vec<&PaperRow>>> {
    let mut out: BTreeMap<String, BTreeMap<String, Vec<&PaperRow>>> = BTreeMap::new();
    for r in rows {
        let body = r.body.clone().unwrap_or_else(|| "(no body)".into());
        let y = year(r.date.as_deref()).unwrap_or("undated").to_string();
        out.entry(body).or_default().entry(y).or_default().push(r);
    }
    for years in out.values_mut() {
        for papers in years.values_mut() {
            papers.sort_by(|a, b| a.date.cmp(&b.date));
        }
    }
    out
}

fn follow_table(items: &[FollowUp], sort_links: Option<&str>) -> Markup {
    let head = |label: &str, sort: Sort| -> Markup {
        match sort_links {
            Some(base) => html! {
                th scope="col" { a href={ "/actions?" (base) "sort=" (sort.as_str()) } { (label) } }
            },
            None => html! { th scope="col" { (label) } },
        }
    };
    html! {
        div.table-wrap {
            table.register {
                thead {
                    tr {
                        th scope="col" { "Item" }
                        (head("Owner", Sort::Owner))
                        (head("Source", Sort::Date))
                        (head("Due", Sort::Due))
                        (head("Status", Sort::Status))
                        th scope="col" { "Reported in" }
                    }
                }
                tbody {
                    @for f in items {
                        tr {
                            td {
                                span.kind { (kind_label(f.item.kind)) } " "
                                a href=(action_url(&f.id)) { (f.item.text) }
                            }
                            td { (f.item.owner.as_deref().unwrap_or("—")) }
                            td {
                                a href={ "/papers/" (f.source.id) } { (f.citation) }
                            }
                            td {
                                @if let Some(t) = &f.item.timescale { (t) }
                                @else if let Some(e) = &f.item.end { (e) }
                                @else { "—" }
                            }
                            td { (status_badge(f.status, f.status_set_by_user)) }
                            td {
                                @if let Some(l) = &f.link {
                                    a href=(passage_url(l.link.paper, l.link.paragraph.as_deref(), l.link.ord)) { (l.citation) }
                                } @else { "—" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Sorts follow-ups for the register.
pub fn sort_follow_ups(items: &mut [FollowUp], sort: Sort) {
    match sort {
        Sort::Date => items.sort_by(|a, b| a.source.date.cmp(&b.source.date)),
        Sort::Status => items.sort_by_key(|f| {
            let rank = match f.status {
                Status::Overdue => 0,
                Status::Due => 1,
                Status::NoTimescale => 2,
                Status::Reported => 3,
            };
            (rank, f.item.end.clone())
        }),
        Sort::Owner => items.sort_by(|a, b| {
            let key = |f: &FollowUp| {
                f.item
                    .owner
                    .as_ref()
                    .map(|o| (0, o.to_lowercase()))
                    .unwrap_or((1, String::new()))
            };
            key(a).cmp(&key(b))
        }),
        Sort::Due => items.sort_by_key(|f| (f.item.end.is_none(), f.item.end.clone())),
    }
}

/// `/`: bodies and their papers by year, recent papers, open and overdue actions,
/// activities due soon.
pub async fn home(State(st): State<AppState>) -> PageResult {
    let (rows, actions, activities) = st
        .with(|lib| {
            let today = boardpack_app::today();
            let rows = lib.rows()?;
            let actions = lib.follow_ups(&FollowFilter {
                kinds: vec![ItemKind::Action, ItemKind::Decision],
                open: true,
                as_of: today.clone(),
                ..FollowFilter::default()
            })?;
            let activities = lib.follow_ups(&FollowFilter {
                kinds: vec![ItemKind::Activity],
                status: vec![Status::Due],
                as_of: today,
                ..FollowFilter::default()
            })?;
            Ok((rows, actions, activities))
        })
        .await?;
    let mut recent: Vec<&PaperRow> = rows.iter().collect();
    recent.sort_by(|a, b| b.date.cmp(&a.date));
    recent.truncate(8);
    let overdue: Vec<&FollowUp> = actions
        .iter()
        .filter(|f| f.status == Status::Overdue)
        .collect();
    let mut soon: Vec<&FollowUp> = activities.iter().collect();
    soon.sort_by(|a, b| a.item.end.cmp(&b.item.end));
    soon.truncate(10);
    let groups = by_body_and_year(&rows);
    Ok(layout(
        "Home",
        Some("home"),
        html! {
            h1 { "The library" }
            @if rows.is_empty() {
                p { "The library is empty. Add papers with "
                    code { "boardpack ingest --body \"Board name\" FOLDER" } "." }
            } @else {
                p.lead { (rows.len()) " papers from " (groups.len()) " "
                    @if groups.len() == 1 { "body" } @else { "bodies" } "." }
            }
            div.columns {
                section aria-labelledby="h-actions" {
                    h2 #h-actions { "Open actions" }
                    p { (actions.len()) " open, " (overdue.len()) " overdue. "
                        a href="/actions?open=true&sort=status" { "The actions register" } }
                    @if !overdue.is_empty() {
                        h3 { "Overdue" }
                        ul.items {
                            @for f in overdue.iter().take(10) {
                                li { (status_badge(f.status, f.status_set_by_user)) " "
                                    a href=(action_url(&f.id)) { (f.item.text) }
                                    " " span.meta { (f.citation) } }
                            }
                        }
                    }
                }
                section aria-labelledby="h-soon" {
                    h2 #h-soon { "Activities due soon" }
                    @if soon.is_empty() { p { "No activities are due." } }
                    @else {
                        ul.items {
                            @for f in &soon {
                                li { a href=(action_url(&f.id)) { (f.item.text) }
                                    " " span.meta { @if let Some(e) = &f.item.end { "by " time datetime=(e) { (e) } } } }
                            }
                        }
                    }
                    p { a href="/programme" { "The programme timeline" } }
                }
                section aria-labelledby="h-recent" {
                    h2 #h-recent { "Recent papers" }
                    (paper_list(&recent))
                }
            }
            section aria-labelledby="h-bodies" {
                h2 #h-bodies { "Bodies and their papers" }
                @for (body, years) in &groups {
                    h3 { (body) }
                    @for (y, papers) in years.iter().rev() {
                        details {
                            summary { (y) " (" (papers.len()) " papers)" }
                            (paper_list(papers))
                        }
                    }
                }
            }
        },
    ))
}

/// `/papers`: every paper in a table.
pub async fn papers(State(st): State<AppState>) -> PageResult {
    let mut rows = st.with(|lib| Ok(lib.rows()?)).await?;
    rows.sort_by(|a, b| b.date.cmp(&a.date));
    Ok(layout(
        "Papers",
        Some("papers"),
        html! {
            h1 { "Papers" }
            div.table-wrap {
                table {
                    caption { (rows.len()) " papers, newest first" }
                    thead { tr {
                        th scope="col" { "Date" } th scope="col" { "Title" } th scope="col" { "Kind" }
                        th scope="col" { "Body" } th scope="col" { "Decisions" } th scope="col" { "Actions" }
                    } }
                    tbody {
                        @for r in &rows {
                            tr {
                                td { (r.date.as_deref().unwrap_or("—")) }
                                td { a href={ "/papers/" (r.id) } { (title_of(r)) } }
                                td { (r.kind) }
                                td { (r.body.as_deref().unwrap_or("—")) }
                                td.num { (r.decisions) }
                                td.num { (r.actions) }
                            }
                        }
                    }
                }
            }
        },
    ))
}

fn select(name: &str, label: &str, choices: &[String], current: Option<&str>) -> Markup {
    let id = format!("f-{name}");
    html! {
        div.field {
            label for=(id) { (label) }
            select id=(id) name=(name) {
                option value="" { "Any" }
                @for c in choices {
                    option value=(c) selected[current == Some(c.as_str())] { (c) }
                }
            }
        }
    }
}

fn facet(name: &str, label: &str, counts: &[(String, u64)], p: &SearchParams) -> Markup {
    html! {
        @if !counts.is_empty() {
            section.facet aria-label={ "By " (label) } {
                h3 { (label) }
                ul {
                    @for (value, n) in counts.iter().take(12) {
                        li {
                            @let extra = if name == "year" {
                                vec![("from", value.clone()), ("to", value.clone())]
                            } else {
                                vec![(name, value.clone())]
                            };
                            a href={ "/search?" (p.link(&extra)) } { (value) } " "
                            span.count { "(" (n) ")" }
                        }
                    }
                }
            }
        }
    }
}

/// `/search`: one box, filters, facet counts, highlighted snippets linked to their
/// paragraphs.
pub async fn search(State(st): State<AppState>, RawQuery(raw): RawQuery) -> PageResult {
    let p = SearchParams::from_params(&Params::parse(raw.as_deref(), SEARCH_NAMES)?)?;
    let q = p.query();
    let asked = !p.is_empty();
    let (rows, results): (Vec<PaperRow>, Option<SearchResults>) = st
        .with(move |lib| {
            let results = if asked { Some(lib.search(&q)?) } else { None };
            Ok((lib.rows()?, results))
        })
        .await?;
    let mut bodies: Vec<String> = rows.iter().filter_map(|r| r.body.clone()).collect();
    bodies.sort();
    bodies.dedup();
    let kinds: Vec<String> = KINDS.iter().map(|s| s.to_string()).collect();
    let purposes: Vec<String> = PURPOSES.iter().map(|s| s.to_string()).collect();
    let from = p.from.map(|y| y.to_string()).unwrap_or_default();
    let to = p.to.map(|y| y.to_string()).unwrap_or_default();
    let title = if p.q.is_empty() {
        "Search".to_string()
    } else {
        format!("{} – Search", p.q)
    };
    Ok(layout(
        &title,
        Some("search"),
        html! {
            h1 { "Search" }
            form.search role="search" action="/search" method="get" {
                div.field.wide {
                    label for="q" { "Words, \"a phrase\", AND / OR / NOT" }
                    input #q type="search" name="q" value=(p.q) maxlength="500";
                }
                (select("kind", "Kind", &kinds, p.kind.as_deref()))
                (select("body", "Body", &bodies, p.body.as_deref()))
                div.field {
                    label for="f-from" { "From year" }
                    input #f-from type="number" name="from" min="1900" max="2100" inputmode="numeric" value=(from);
                }
                div.field {
                    label for="f-to" { "To year" }
                    input #f-to type="number" name="to" min="1900" max="2100" inputmode="numeric" value=(to);
                }
                (select("purpose", "Purpose", &purposes, p.purpose.as_deref()))
                div.field { button type="submit" { "Search" } }
            }
            @if let Some(r) = &results {
                div.results {
                    aside.facets aria-label="Refine" {
                        h2 { "Refine" }
                        (facet("kind", "Kind", &r.facets.kind, &p))
                        (facet("body", "Body", &r.facets.body, &p))
                        (facet("year", "Year", &r.facets.year, &p))
                        (facet("purpose", "Purpose", &r.facets.purpose, &p))
                    }
                    section aria-labelledby="h-hits" {
                        h2 #h-hits {
                            @if r.total == 0 { "No matching passages" }
                            @else { (r.total) " matching passages" }
                        }
                        ol.hits start=(p.offset + 1) {
                            @for h in &r.hits {
                                li.hit {
                                    a.cite href=(passage_url(h.paper, h.paragraph.as_deref(), h.ord)) { (h.citation) }
                                    p.snippet { (highlighted(&h.snippet, &h.highlights)) }
                                    p.meta { (h.kind) @if let Some(d) = &h.date { " · " (d) } }
                                }
                            }
                        }
                        nav.pages aria-label="Result pages" {
                            @if p.offset > 0 {
                                a rel="prev" href={ "/search?" (p.link(&[("page", (p.offset / p.limit).max(1).to_string())])) } { "← Previous" }
                            }
                            " "
                            @if p.offset + r.hits.len() < r.total && p.offset + p.limit <= crate::params::MAX_OFFSET {
                                a rel="next" href={ "/search?" (p.link(&[("page", (p.offset / p.limit + 2).to_string())])) } { "Next →" }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// The facts of a paper, to mark in its passages.
fn facts_of(paper: &boardpack_model::Paper) -> Vec<Fact<'_>> {
    let mut out = Vec::new();
    for t in &paper.timescales {
        out.push(Fact {
            text: &t.text,
            kind: "timescale",
        });
    }
    for m in &paper.money {
        out.push(Fact {
            text: &m.text,
            kind: "money",
        });
    }
    for o in &paper.organisations {
        out.push(Fact {
            text: &o.name,
            kind: "organisation",
        });
        for a in &o.aliases {
            out.push(Fact {
                text: a,
                kind: "organisation",
            });
        }
    }
    for p in &paper.people {
        out.push(Fact {
            text: &p.name,
            kind: "person",
        });
    }
    out
}

/// A passage's element: `s-<ord>` always, and `p-<number>` on the first paragraph with
/// that number.
fn passage(ps: &Passage, facts: &[Fact<'_>], used: &mut Vec<String>) -> Markup {
    let numbered = ps.number.as_deref().filter(|n| {
        let fresh = !used.iter().any(|u| u == n);
        if fresh {
            used.push(n.to_string());
        }
        fresh
    });
    html! {
        div.passage id={ "s-" (ps.ord) } {
            @if let Some(n) = numbered {
                p id=(anchor(Some(n), ps.ord)) {
                    a.num href={ "#" (anchor(Some(n), ps.ord)) } aria-label={ "Paragraph " (n) } { (n) }
                    " " (with_facts(&ps.text, facts))
                }
            } @else {
                p {
                    @if let Some(n) = &ps.number { span.num { (n) } " " }
                    (with_facts(&ps.text, facts))
                }
            }
        }
    }
}

/// `/papers/{id}`: the structured record as a readable page.
pub async fn paper(State(st): State<AppState>, Path(id): Path<String>) -> PageResult {
    let id = paper_id(&id)?;
    let (paper, passages, follow) = load_paper(&st, id).await?;
    let r = &paper.record;
    let facts = facts_of(r);
    let title = r.title.clone().unwrap_or_else(|| {
        std::path::Path::new(&paper.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let part =
        |field: &str| -> Vec<&Passage> { passages.iter().filter(|p| p.field == field).collect() };
    let body: Vec<&Passage> = passages
        .iter()
        .filter(|p| p.field == "paragraph" || p.field == "text" || p.field == "item")
        .collect();
    let mut used = Vec::new();
    let mut sections: Vec<(Option<&str>, Vec<&Passage>)> = Vec::new();
    for p in &body {
        match sections.last_mut() {
            Some((h, list)) if *h == p.heading.as_deref() => list.push(p),
            _ => sections.push((p.heading.as_deref(), vec![p])),
        }
    }
    Ok(layout(
        &title,
        None,
        html! {
            article.paper {
                header.card {
                    p.kind { (r.kind.as_str())
                        @if let Some(b) = &paper.body { " · " (b) } }
                    h1 { (title) }
                    dl {
                        dt { "Date" }
                        dd {
                            @match &r.date {
                                Some(d) => {
                                    @if let Some(v) = &d.value { time datetime=(v) { (v) } }
                                    @else {
                                        (d.earliest.as_deref().unwrap_or("?")) " to " (d.latest.as_deref().unwrap_or("?"))
                                    }
                                    " " span.basis { "(" (format!("{:?}", d.basis).to_lowercase()) ": " (d.reason) ")" }
                                }
                                None => { "Not known" }
                            }
                        }
                        dt { "Purpose" }
                        dd { (r.purpose.map(|p| p.as_str()).unwrap_or("not stated")) }
                        @if let Some(c) = r.confidential {
                            dt { "Confidential" } dd { @if c { "Yes" } @else { "No" } }
                        }
                        @if !r.contacts.is_empty() {
                            dt { "Contact" }
                            dd {
                                ul.contacts {
                                    @for c in &r.contacts {
                                        li { (c.name)
                                            @if let Some(p) = &c.position { ", " (p) }
                                            @if let Some(ph) = &c.phone { " · " (ph) }
                                            @if let Some(e) = &c.email { " · " (e) } }
                                    }
                                }
                            }
                        }
                        dt { "Original" }
                        dd { a href={ "/papers/" (paper.id) "/original" } { (paper.format) " file" }
                            " " span.meta { (paper.path) } }
                    }
                    @let summary = part("summary");
                    @if !summary.is_empty() {
                        h2 { "Summary" }
                        @for s in summary { (passage(s, &facts, &mut used)) }
                    }
                    @let recs = part("recommendation");
                    @if !recs.is_empty() {
                        h2 { "Recommendations" }
                        ol.recommendations {
                            @for s in recs { li id={ "s-" (s.ord) } { (with_facts(&s.text, &facts)) } }
                        }
                    }
                }
                p.legend {
                    "Facts marked: "
                    mark.fact.fact-timescale { "timescales" } ", "
                    mark.fact.fact-money { "money" } ", "
                    mark.fact.fact-organisation { "organisations" } ", "
                    mark.fact.fact-person { "people" } "."
                }
                @for (heading, list) in &sections {
                    section.text {
                        @if let Some(h) = heading { h2 { (h) } }
                        @for p in list { (passage(p, &facts, &mut used)) }
                    }
                }
                div.panels {
                    @let decisions = part("decision");
                    section.panel aria-labelledby="h-decisions" {
                        h2 #h-decisions { "Decisions" }
                        @if decisions.is_empty() { p { "None recorded." } }
                        ul { @for s in decisions { li id={ "s-" (s.ord) } { (with_facts(&s.text, &facts)) } } }
                    }
                    @let actions = part("action");
                    section.panel aria-labelledby="h-paper-actions" {
                        h2 #h-paper-actions { "Actions" }
                        @if actions.is_empty() { p { "None recorded." } }
                        ul {
                            @for (i, s) in actions.iter().enumerate() {
                                li id={ "s-" (s.ord) } { (with_facts(&s.text, &facts))
                                    @if let Some(o) = r.actions.get(i).and_then(|a| a.owner.as_ref()) {
                                        " " span.meta { "Owner: " (o) }
                                    } }
                            }
                        }
                    }
                }
                @if !follow.is_empty() {
                    section aria-labelledby="h-follow" {
                        h2 #h-follow { "Follow-through" }
                        (follow_table(&follow, None))
                    }
                }
            }
        },
    ))
}

/// A paper with its passages and follow-ups, or 404: the paper page and its API route.
pub(crate) async fn load_paper(
    st: &AppState,
    id: i64,
) -> Result<(StoredPaper, Vec<Passage>, Vec<FollowUp>), AppError> {
    st.with(move |lib| {
        let paper = lib
            .show(&id.to_string())?
            .filter(|p| p.id == id)
            .ok_or_else(|| AppError::not_found(format!("no paper {id} in the library")))?;
        let passages = lib.passages(id)?;
        let follow = lib.follow_ups(&FollowFilter {
            paper: Some(id),
            as_of: boardpack_app::today(),
            ..FollowFilter::default()
        })?;
        Ok((paper, passages, follow))
    })
    .await
}

/// `/papers/{id}/original`: the stored source file, read-only, as a download (or inline
/// plain text / PDF). Only the path the store records for that paper is ever read.
pub async fn original(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = paper_id(&id)?;
    let (path, format, bytes) = st
        .with(move |lib| {
            let row = lib
                .rows()?
                .into_iter()
                .find(|r| r.id == id)
                .ok_or_else(|| AppError::not_found(format!("no paper {id} in the library")))?;
            let meta = std::fs::metadata(&row.path)
                .ok()
                .filter(|m| m.is_file())
                .ok_or_else(|| AppError::not_found("the original file is no longer there"))?;
            if meta.len() > 20 * 1024 * 1024 {
                return Err(AppError::not_found(
                    "the original file is too large to serve",
                ));
            }
            let bytes = std::fs::read(&row.path)
                .map_err(|_| AppError::not_found("the original file cannot be read"))?;
            Ok((row.path, row.format, bytes))
        })
        .await?;
    let name = std::path::Path::new(&path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "paper".into());
    let safe_name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    // Text and HTML are shown as plain text (never rendered as our page); others download.
    let (ctype, disposition) = match format.as_str() {
        "text" | "html" if std::str::from_utf8(&bytes).is_ok() => {
            ("text/plain; charset=utf-8", "inline")
        }
        "pdf" => ("application/pdf", "inline"),
        "docx" => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "attachment",
        ),
        _ => ("application/octet-stream", "attachment"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{safe_name}\""),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'; frame-ancestors 'none'".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

fn bodies_of(rows: &[PaperRow]) -> Vec<String> {
    let mut bodies: Vec<String> = rows.iter().filter_map(|r| r.body.clone()).collect();
    bodies.sort();
    bodies.dedup();
    bodies
}

/// `/programme`: activities on a timeline, coloured by status, filterable by body.
pub async fn programme(State(st): State<AppState>, RawQuery(raw): RawQuery) -> PageResult {
    let f = FollowParams::from_params(&Params::parse(raw.as_deref(), FOLLOW_NAMES)?)?;
    let filter = f.filter(&[ItemKind::Activity]);
    let (rows, mut items) = st
        .with(move |lib| Ok((lib.rows()?, lib.follow_ups(&filter)?)))
        .await?;
    items.sort_by(|a, b| {
        (a.item.start.as_ref().or(a.item.end.as_ref()))
            .cmp(&b.item.start.as_ref().or(b.item.end.as_ref()))
    });
    let today = boardpack_app::today();
    let (dated, undated): (Vec<FollowUp>, Vec<FollowUp>) =
        items.into_iter().partition(crate::timeline::dated);
    let statuses = ["reported", "due", "overdue", "no_timescale"].map(String::from);
    let current_status = f.status.first().map(|s| s.as_str());
    Ok(layout(
        "Programme",
        Some("programme"),
        html! {
            h1 { "Programme" }
            form.filters action="/programme" method="get" {
                (select("body", "Body", &bodies_of(&rows), f.body.as_deref()))
                (select("status", "Status", &statuses, current_status))
                div.field { button type="submit" { "Show" } }
            }
            @if dated.is_empty() {
                p { "No dated activities" @if f.body.is_some() { " for this body" } "." }
            } @else {
                figure.timeline {
                    (crate::timeline::svg(&dated, &today))
                    figcaption { (dated.len()) " dated activities; each bar links to its activity. "
                        "The table below lists the same activities." }
                }
            }
            section aria-labelledby="h-activities" {
                h2 #h-activities { "Activities" }
                (follow_table(&dated, None))
                @if !undated.is_empty() {
                    h3 { "Without dates" }
                    (follow_table(&undated, None))
                }
            }
        },
    ))
}

/// `/actions`: the register of decisions and actions, sortable, with a CSV download.
pub async fn actions(State(st): State<AppState>, RawQuery(raw): RawQuery) -> PageResult {
    let params = Params::parse(raw.as_deref(), FOLLOW_NAMES)?;
    let f = FollowParams::from_params(&params)?;
    let filter = f.filter(&[ItemKind::Action, ItemKind::Decision]);
    let (rows, mut items) = st
        .with(move |lib| Ok((lib.rows()?, lib.follow_ups(&filter)?)))
        .await?;
    sort_follow_ups(&mut items, f.sort);
    // The current filters, for sort links and the CSV link.
    let mut keep: Vec<(&str, String)> = Vec::new();
    if let Some(b) = &f.body {
        keep.push(("body", b.clone()));
    }
    for k in &f.kinds {
        keep.push(("kind", k.as_str().to_string()));
    }
    for s in &f.status {
        keep.push(("status", s.as_str().to_string()));
    }
    if f.open {
        keep.push(("open", "true".into()));
    }
    let base = serde_urlencoded::to_string(&keep).unwrap_or_default();
    let base = if base.is_empty() {
        base
    } else {
        format!("{base}&")
    };
    let statuses = ["reported", "due", "overdue", "no_timescale"].map(String::from);
    let kinds = ["action", "decision", "activity"].map(String::from);
    let current_kind = f.kinds.first().map(|k| k.as_str());
    let current_status = f.status.first().map(|s| s.as_str());
    Ok(layout(
        "Actions register",
        Some("actions"),
        html! {
            h1 { "Actions register" }
            form.filters action="/actions" method="get" {
                (select("body", "Body", &bodies_of(&rows), f.body.as_deref()))
                (select("kind", "Kind", &kinds, current_kind))
                (select("status", "Status", &statuses, current_status))
                div.field {
                    label for="f-sort" { "Sort by" }
                    select #f-sort name="sort" {
                        @for s in [Sort::Date, Sort::Status, Sort::Owner, Sort::Due] {
                            option value=(s.as_str()) selected[f.sort == s] { (s.as_str()) }
                        }
                    }
                }
                div.field.check {
                    input #f-open type="checkbox" name="open" value="true" checked[f.open];
                    label for="f-open" { "Open only" }
                }
                div.field { button type="submit" { "Show" } }
            }
            p { (items.len()) " items, sorted by " (f.sort.as_str()) ". "
                a href={ "/actions.csv?" (base) "sort=" (f.sort.as_str()) } download { "Download as CSV" } }
            (follow_table(&items, Some(&base)))
        },
    ))
}

/// `/actions/{id}`: one follow-up, its link and the forms to review it.
pub async fn action(State(st): State<AppState>, Path(id): Path<String>) -> PageResult {
    let id = key(&id, "follow-up id")?;
    let wanted = id.clone();
    let f = st
        .with(move |lib| {
            lib.follow_up(&wanted, &boardpack_app::today())?
                .ok_or_else(|| AppError::not_found(format!("no action or activity {wanted:?}")))
        })
        .await?;
    let writable = st.token.is_some();
    let title = format!("{} – {}", kind_label(f.item.kind), f.item.text);
    Ok(layout(
        &title,
        Some("actions"),
        html! {
            article.action {
                p.kind { (kind_label(f.item.kind)) }
                h1 { (f.item.text) }
                dl {
                    dt { "Status" } dd { (status_badge(f.status, f.status_set_by_user)) }
                    dt { "Owner" } dd { (f.item.owner.as_deref().unwrap_or("not stated")) }
                    dt { "Timescale" } dd {
                        (f.item.timescale.as_deref().unwrap_or("none"))
                        @if f.item.start.is_some() || f.item.end.is_some() {
                            " (" (f.item.start.as_deref().unwrap_or("…")) " to " (f.item.end.as_deref().unwrap_or("…")) ")"
                        }
                    }
                    dt { "Source" } dd { a href={ "/papers/" (f.source.id) } { (f.citation) } }
                    @if let Some(item) = &f.item.item { dt { "Agenda item" } dd { (item) } }
                }
                section aria-labelledby="h-link" {
                    h2 #h-link { "Reported in" }
                    @match &f.link {
                        Some(l) => {
                            blockquote {
                                p { (l.text) }
                                footer { a href=(passage_url(l.link.paper, l.link.paragraph.as_deref(), l.link.ord)) { (l.citation) } }
                            }
                            p { "Match score " (format!("{:.2}", l.link.score))
                                @if !l.link.why.is_empty() { ": " (l.link.why.join("; ")) }
                                @match l.link.verdict {
                                    Some(Verdict::Confirmed) => { " · confirmed by a user" }
                                    Some(Verdict::Rejected) => { " · rejected by a user" }
                                    None => {}
                                }
                            }
                        }
                        None => { p { "No later paper reports on this yet." } }
                    }
                }
                section aria-labelledby="h-review" {
                    h2 #h-review { "Review" }
                    @if !writable {
                        p { "This server is read-only: start it with a token to confirm links or set statuses." }
                    } @else {
                        @if f.link.is_some() {
                            form.write method="post" action={ (action_url(&id)) "/review" } {
                                (token_field("t-review"))
                                fieldset {
                                    legend { "Is the link right?" }
                                    div.field.check { input #v-c type="radio" name="verdict" value="confirmed" required; label for="v-c" { "Yes, confirm it" } }
                                    div.field.check { input #v-r type="radio" name="verdict" value="rejected"; label for="v-r" { "No, reject it" } }
                                }
                                button type="submit" { "Save verdict" }
                            }
                        }
                        form.write method="post" action={ (action_url(&id)) "/status" } {
                            (token_field("t-status"))
                            div.field {
                                label for="s-status" { "Status" }
                                select #s-status name="status" {
                                    option value="" { "Computed from the papers" }
                                    @for s in [Status::Reported, Status::Due, Status::Overdue, Status::NoTimescale] {
                                        option value=(s.as_str()) selected[f.status_set_by_user && f.status == s] { (status_label(s)) }
                                    }
                                }
                            }
                            button type="submit" { "Set status" }
                        }
                    }
                }
            }
        },
    ))
}

fn token_field(id: &str) -> Markup {
    html! {
        div.field {
            label for=(id) { "Write token" }
            input id=(id) type="password" name="token" autocomplete="off" required;
        }
    }
}

/// `POST /actions/{id}/status` (form: token, status): sets or clears a status by hand.
pub async fn set_status(
    State(st): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let id = key(&id, "follow-up id")?;
    let form = Params::parse(std::str::from_utf8(&body).ok(), &["token", "status"])?;
    st.authorise(form.get("token"))?;
    let status = match form.get("status") {
        None => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            AppError::bad_request("status must be reported, due, overdue or no_timescale")
        })?),
    };
    crate::api::write_status(&st, id.clone(), status).await?;
    Ok(Redirect::to(&action_url(&id)).into_response())
}

/// `POST /actions/{id}/review` (form: token, verdict, and optionally paper and ord of the
/// paragraph that reports on it): confirms or rejects a link.
pub async fn review(
    State(st): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let id = key(&id, "follow-up id")?;
    let form = Params::parse(
        std::str::from_utf8(&body).ok(),
        &["token", "verdict", "paper", "ord"],
    )?;
    st.authorise(form.get("token"))?;
    let verdict = crate::api::verdict(form.get("verdict"))?;
    let target = match (form.get("paper"), form.get("ord")) {
        (Some(p), Some(o)) => Some((
            paper_id(p)?,
            o.parse::<u32>()
                .map_err(|_| AppError::bad_request("ord must be a whole number"))?,
        )),
        (None, None) => None,
        _ => return Err(AppError::bad_request("give both paper and ord, or neither").into()),
    };
    crate::api::write_review(&st, id.clone(), verdict, target).await?;
    Ok(Redirect::to(&action_url(&id)).into_response())
}

/// `/threads`: the subjects that recur across papers.
pub async fn threads(State(st): State<AppState>, RawQuery(raw): RawQuery) -> PageResult {
    let p = Params::parse(raw.as_deref(), &["body"])?;
    let body = p.text("body", 200)?;
    let (rows, list): (Vec<PaperRow>, Vec<ThreadSummary>) = st
        .with(move |lib| Ok((lib.rows()?, lib.threads(body.as_deref())?)))
        .await?;
    Ok(layout(
        "Threads",
        Some("threads"),
        html! {
            h1 { "Threads" }
            p { "Subjects that recur across papers, most papers first." }
            form.filters action="/threads" method="get" {
                (select("body", "Body", &bodies_of(&rows), p.get("body")))
                div.field { button type="submit" { "Show" } }
            }
            @if list.is_empty() { p { "No subject recurs yet." } }
            @else {
                div.table-wrap {
                    table {
                        thead { tr { th scope="col" { "Subject" } th scope="col" { "Papers" }
                            th scope="col" { "Mentions" } th scope="col" { "From" } th scope="col" { "To" } } }
                        tbody {
                            @for t in &list {
                                tr {
                                    td { a href=(thread_url(&t.key)) { (t.name) }
                                        @if !t.aliases.is_empty() { " " span.meta { "(" (t.aliases.join(", ")) ")" } } }
                                    td.num { (t.papers) } td.num { (t.mentions) }
                                    td { (t.first.as_deref().unwrap_or("—")) } td { (t.last.as_deref().unwrap_or("—")) }
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// `/threads/{key}`: one subject's history as a dated timeline with citations.
pub async fn thread(State(st): State<AppState>, Path(name): Path<String>) -> PageResult {
    let name = key(&name, "thread")?;
    let t: ThreadDetail = st
        .with(move |lib| {
            lib.thread(&name)?
                .ok_or_else(|| AppError::not_found(format!("no thread {name:?}")))
        })
        .await?;
    Ok(layout(
        &t.summary.name,
        Some("threads"),
        html! {
            h1 { (t.summary.name) }
            p { "Mentioned in " (t.summary.papers) " papers"
                @if let (Some(a), Some(b)) = (&t.summary.first, &t.summary.last) { ", " (a) " to " (b) } "."
                @if !t.summary.aliases.is_empty() { " Also called " (t.summary.aliases.join(", ")) "." } }
            ol.thread {
                @for e in &t.timeline {
                    li {
                        p.when {
                            @if let Some(d) = &e.paper.date { time datetime=(d) { (d) } } @else { "Undated" }
                            " · " span class={ "mention mention-" (e.kind.as_str()) } { (mention_label(e.kind)) }
                            @if let Some(a) = &e.amount { " · " (a) }
                        }
                        blockquote {
                            p { (e.text) }
                            footer { a href=(passage_url(e.paper.id, e.paragraph.as_deref(), e.ord)) { (e.citation) } }
                        }
                    }
                }
            }
        },
    ))
}
