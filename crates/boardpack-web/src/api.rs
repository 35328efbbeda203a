//! The JSON API: everything the pages show, as JSON, described by `/api/openapi.json`.
//! Errors are `{"error": {"status", "message"}}` with 400 for bad parameters and 404 for
//! unknown ids. Writes (`POST`) need `Authorization: Bearer <token>`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use boardpack_app::tracking::{FollowUp, ItemKind, Status, Verdict};
use boardpack_app::{FollowFilter, PaperRow};
use serde::Serialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::error::AppError;
use crate::params::{
    FOLLOW_NAMES, FollowParams, Params, SEARCH_NAMES, SearchParams, key, paper_id,
};
use crate::render::passage_url;

type ApiResult = Result<Response, AppError>;

fn no_params(raw: Option<String>) -> Result<(), AppError> {
    Params::parse(raw.as_deref(), &[]).map(|_| ())
}

/// A paper in lists.
#[derive(Serialize)]
struct PaperSummary {
    id: i64,
    url: String,
    path: String,
    part: u32,
    format: String,
    body: Option<String>,
    kind: String,
    title: Option<String>,
    date: Option<String>,
    date_basis: Option<String>,
    purpose: Option<String>,
    decisions: u32,
    actions: u32,
}

impl From<PaperRow> for PaperSummary {
    fn from(r: PaperRow) -> PaperSummary {
        PaperSummary {
            url: format!("/papers/{}", r.id),
            id: r.id,
            path: r.path,
            part: r.part,
            format: r.format,
            body: r.body,
            kind: r.kind,
            title: r.title,
            date: r.date,
            date_basis: r.date_basis,
            purpose: r.purpose,
            decisions: r.decisions,
            actions: r.actions,
        }
    }
}

/// A passage of a paper.
#[derive(Serialize)]
struct PassageView {
    ord: u32,
    anchor: String,
    number: Option<String>,
    heading: Option<String>,
    field: String,
    text: String,
    facts: Vec<String>,
}

/// `GET /api/openapi.json`.
pub async fn openapi_json() -> Response {
    Json(crate::openapi()).into_response()
}

/// `GET /api/info`.
pub async fn info(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    no_params(raw)?;
    let info = st.with(|lib| Ok(lib.info()?)).await?;
    Ok(Json(info).into_response())
}

/// `GET /api/papers`.
pub async fn papers(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    no_params(raw)?;
    let rows = st.with(|lib| Ok(lib.rows()?)).await?;
    let list: Vec<PaperSummary> = rows.into_iter().map(PaperSummary::from).collect();
    Ok(Json(json!({ "total": list.len(), "papers": list })).into_response())
}

/// `GET /api/papers/{id}`: the record, its passages with their anchors, and its
/// follow-ups.
pub async fn paper(
    State(st): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    no_params(raw)?;
    let id = paper_id(&id)?;
    let (paper, passages, follow) = crate::pages::load_paper(&st, id).await?;
    let passages: Vec<PassageView> = passages
        .into_iter()
        .map(|p| PassageView {
            anchor: crate::render::anchor(p.number.as_deref(), p.ord),
            ord: p.ord,
            number: p.number,
            heading: p.heading,
            field: p.field,
            text: p.text,
            facts: p.facts,
        })
        .collect();
    Ok(Json(json!({
        "paper": paper,
        "url": format!("/papers/{id}"),
        "original": format!("/papers/{id}/original"),
        "passages": passages,
        "follow_ups": follow,
    }))
    .into_response())
}

/// `GET /api/search`.
pub async fn search(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = SearchParams::from_params(&Params::parse(raw.as_deref(), SEARCH_NAMES)?)?;
    let q = p.query();
    let results = st.with(move |lib| Ok(lib.search(&q)?)).await?;
    let mut value = serde_json::to_value(&results).map_err(|e| AppError::internal(e.into()))?;
    if let Some(hits) = value.get_mut("hits").and_then(Value::as_array_mut) {
        for (hit, h) in hits.iter_mut().zip(&results.hits) {
            hit["url"] = passage_url(h.paper, h.paragraph.as_deref(), h.ord).into();
        }
    }
    value["limit"] = p.limit.into();
    value["offset"] = p.offset.into();
    Ok(Json(value).into_response())
}

async fn follow_ups(st: &AppState, filter: FollowFilter) -> Result<Vec<FollowUp>, AppError> {
    st.with(move |lib| Ok(lib.follow_ups(&filter)?)).await
}

/// `GET /api/programme`: activities (add `kind` for others; CSV with `format=csv`).
pub async fn programme(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let f = FollowParams::from_params(&Params::parse(raw.as_deref(), FOLLOW_NAMES)?)?;
    let items = follow_ups(&st, f.filter(&[ItemKind::Activity])).await?;
    if f.csv {
        return csv(&items);
    }
    Ok(
        Json(json!({ "as_of": boardpack_app::today(), "total": items.len(), "activities": items }))
            .into_response(),
    )
}

/// `GET /api/actions`: decisions and actions (JSON, or CSV with `format=csv`).
pub async fn actions(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let f = FollowParams::from_params(&Params::parse(raw.as_deref(), FOLLOW_NAMES)?)?;
    let mut items = follow_ups(&st, f.filter(&[ItemKind::Action, ItemKind::Decision])).await?;
    crate::pages::sort_follow_ups(&mut items, f.sort);
    if f.csv {
        return csv(&items);
    }
    Ok(
        Json(json!({ "as_of": boardpack_app::today(), "total": items.len(), "items": items }))
            .into_response(),
    )
}

/// `GET /actions.csv`: the register as CSV.
pub async fn actions_csv(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let f = FollowParams::from_params(&Params::parse(raw.as_deref(), FOLLOW_NAMES)?)?;
    let mut items = follow_ups(&st, f.filter(&[ItemKind::Action, ItemKind::Decision])).await?;
    crate::pages::sort_follow_ups(&mut items, f.sort);
    csv(&items)
}

/// A spreadsheet cell: text that a spreadsheet would take for a formula is quoted.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv(items: &[FollowUp]) -> ApiResult {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "kind",
        "text",
        "owner",
        "timescale",
        "start",
        "end",
        "status",
        "status_set_by_user",
        "source",
        "source_date",
        "source_url",
        "reported_in",
        "reported_in_url",
    ];
    let fail = |e: csv::Error| AppError::internal(e.into());
    w.write_record(header).map_err(fail)?;
    for f in items {
        let o = |s: &Option<String>| cell(s.as_deref().unwrap_or(""));
        w.write_record([
            cell(&f.id),
            f.item.kind.as_str().to_string(),
            cell(&f.item.text),
            o(&f.item.owner),
            o(&f.item.timescale),
            o(&f.item.start),
            o(&f.item.end),
            f.status.as_str().to_string(),
            f.status_set_by_user.to_string(),
            cell(&f.citation),
            o(&f.source.date),
            format!("/papers/{}", f.source.id),
            f.link
                .as_ref()
                .map(|l| cell(&l.citation))
                .unwrap_or_default(),
            f.link
                .as_ref()
                .map(|l| passage_url(l.link.paper, l.link.paragraph.as_deref(), l.link.ord))
                .unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"actions.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /api/actions/{id}`.
pub async fn action(
    State(st): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    no_params(raw)?;
    let id = key(&id, "follow-up id")?;
    let f = st
        .with(move |lib| {
            lib.follow_up(&id, &boardpack_app::today())?
                .ok_or_else(|| AppError::not_found(format!("no action or activity {id:?}")))
        })
        .await?;
    Ok(Json(f).into_response())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn json_body(body: &Bytes) -> Result<serde_json::Map<String, Value>, AppError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(AppError::bad_request("the body must be a JSON object")),
    }
}

/// Parses a verdict name.
pub fn verdict(v: Option<&str>) -> Result<Verdict, AppError> {
    match v.map(str::to_ascii_lowercase).as_deref() {
        Some("confirmed" | "confirm") => Ok(Verdict::Confirmed),
        Some("rejected" | "reject") => Ok(Verdict::Rejected),
        _ => Err(AppError::bad_request(
            "verdict must be \"confirmed\" or \"rejected\"",
        )),
    }
}

/// Sets a status after checking the follow-up exists.
pub async fn write_status(
    st: &AppState,
    id: String,
    status: Option<Status>,
) -> Result<FollowUp, AppError> {
    st.with(move |lib| {
        let today = boardpack_app::today();
        if lib.follow_up(&id, &today)?.is_none() {
            return Err(AppError::not_found(format!("no action or activity {id:?}")));
        }
        lib.set_status(&id, status)?;
        lib.follow_up(&id, &today)?
            .ok_or_else(|| AppError::not_found(format!("no action or activity {id:?}")))
    })
    .await
}

/// Records a verdict after checking the follow-up (and the target paper) exist.
pub async fn write_review(
    st: &AppState,
    id: String,
    verdict: Verdict,
    target: Option<(i64, u32)>,
) -> Result<FollowUp, AppError> {
    st.with(move |lib| {
        let today = boardpack_app::today();
        let Some(f) = lib.follow_up(&id, &today)? else {
            return Err(AppError::not_found(format!("no action or activity {id:?}")));
        };
        match target {
            Some((paper, ord)) if !lib.passages(paper)?.iter().any(|p| p.ord == ord) => {
                return Err(AppError::not_found(format!(
                    "paper {paper} has no passage {ord}"
                )));
            }
            None if f.link.is_none() => {
                return Err(AppError::bad_request(
                    "this item has no link to review: name the paragraph (paper and ord)",
                ));
            }
            _ => {}
        }
        lib.review_link(&id, verdict, target)?;
        lib.follow_up(&id, &today)?
            .ok_or_else(|| AppError::not_found(format!("no action or activity {id:?}")))
    })
    .await
}

/// `POST /api/actions/{id}/status` with `{"status": "reported" | ... | null}`.
pub async fn set_status(
    State(st): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    st.authorise(bearer(&headers))?;
    let id = key(&id, "follow-up id")?;
    let b = json_body(&body)?;
    let status = match b.get("status") {
        Some(Value::Null) => None,
        Some(Value::String(s)) => Some(Status::parse(s).ok_or_else(|| {
            AppError::bad_request("status must be reported, due, overdue, no_timescale or null")
        })?),
        _ => {
            return Err(AppError::bad_request(
                "give \"status\": a status name, or null to clear it",
            ));
        }
    };
    let f = write_status(&st, id, status).await?;
    Ok(Json(f).into_response())
}

/// `POST /api/actions/{id}/review` with `{"verdict": "confirmed" | "rejected",
/// "target": {"paper": 12, "ord": 4}?}`.
pub async fn review(
    State(st): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    st.authorise(bearer(&headers))?;
    let id = key(&id, "follow-up id")?;
    let b = json_body(&body)?;
    let verdict = verdict(b.get("verdict").and_then(Value::as_str))?;
    let target = match b.get("target") {
        None | Some(Value::Null) => None,
        Some(t) => {
            let paper = t.get("paper").and_then(Value::as_i64);
            let ord = t
                .get("ord")
                .and_then(Value::as_u64)
                .and_then(|o| u32::try_from(o).ok());
            match (paper, ord) {
                (Some(p), Some(o)) if p > 0 => Some((p, o)),
                _ => {
                    return Err(AppError::bad_request(
                        "target must be {\"paper\": id, \"ord\": passage}",
                    ));
                }
            }
        }
    };
    let f = write_review(&st, id, verdict, target).await?;
    Ok(Json(f).into_response())
}

/// `GET /api/threads`.
pub async fn threads(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Params::parse(raw.as_deref(), &["body"])?;
    let body = p.text("body", 200)?;
    let list = st
        .with(move |lib| Ok(lib.threads(body.as_deref())?))
        .await?;
    Ok(Json(json!({ "total": list.len(), "threads": list })).into_response())
}

/// `GET /api/threads/{key}`.
pub async fn thread(
    State(st): State<AppState>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    no_params(raw)?;
    let name = key(&name, "thread")?;
    let t = st
        .with(move |lib| {
            lib.thread(&name)?
                .ok_or_else(|| AppError::not_found(format!("no thread {name:?}")))
        })
        .await?;
    Ok(Json(t).into_response())
}
