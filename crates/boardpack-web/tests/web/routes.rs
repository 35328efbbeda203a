//! The router in process (tower's `oneshot`): every page and API route on a library of
//! the sample papers, parameter validation (400), unknown ids (404), the write-token
//! rules, security headers, and a hostile paper shown as text.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use boardpack_web::{API_ROUTES, AppState, router};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use crate::{enc, hostile, library_of, repo, samples};

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn send(state: AppState, req: Request<Body>) -> Reply {
    let res = router(state).oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(uri: &str) -> Reply {
    get_from(AppState::shared(samples(), None), uri).await
}

async fn get_from(state: AppState, uri: &str) -> Reply {
    send(
        state,
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await
}

fn assert_secure(r: &Reply, uri: &str) {
    let h = |name: &str| {
        r.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{uri}: no {name}"))
            .to_string()
    };
    let csp = h("content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
    assert_eq!(h("x-content-type-options"), "nosniff", "{uri}");
    assert_eq!(h("x-frame-options"), "DENY", "{uri}");
    assert_eq!(h("referrer-policy"), "no-referrer", "{uri}");
}

/// Some follow-up id of the sample library (an action with a link, if there is one).
async fn some_action() -> Value {
    let all = get("/api/actions").await.json();
    let items = all["items"].as_array().expect("items").clone();
    assert!(!items.is_empty(), "the sample papers record actions");
    items
        .iter()
        .find(|i| i["link"].is_object())
        .unwrap_or(&items[0])
        .clone()
}

async fn some_thread() -> String {
    let t = get("/api/threads").await.json();
    t["threads"][0]["key"]
        .as_str()
        .expect("the sample papers have threads")
        .to_string()
}

#[tokio::test]
async fn every_page_renders() {
    let action = some_action().await;
    let id = action["id"].as_str().expect("id").to_string();
    let thread = some_thread().await;
    let pages = [
        "/".to_string(),
        "/search".into(),
        "/search?q=jobs+guarantee".into(),
        "/search?q=adult+skills&kind=report&from=2023&to=2025&purpose=decision".into(),
        "/search?q=&body=Skills+and+Employment+Board&page=2".into(),
        "/papers".into(),
        "/papers/1".into(),
        "/programme".into(),
        "/programme?body=Skills+and+Employment+Board".into(),
        "/actions".into(),
        "/actions?sort=owner&open=true".into(),
        "/actions?sort=status&status=overdue".into(),
        format!("/actions/{}", enc(&id)),
        "/threads".into(),
        format!("/threads/{}", enc(&thread)),
    ];
    for uri in &pages {
        let r = get(uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert!(r.content_type().starts_with("text/html"), "{uri}");
        assert!(r.body.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(r.body.contains("<main"), "{uri}");
        assert!(r.body.contains("name=\"viewport\""), "{uri}");
        assert!(!r.body.contains("<script"), "{uri}: pages need no script");
        assert_secure(&r, uri);
    }
    let home = get("/").await.body;
    assert!(home.contains("Skills and Employment Board"));
    assert!(home.contains("Recent papers"));
    // The programme draws a timeline with a today line and a legend.
    let programme = get("/programme").await.body;
    assert!(programme.contains("<svg"), "no timeline");
    assert!(programme.contains("class=\"today\""));
    assert!(programme.contains("fade-out-"));
    // The register links each item to its source and its page.
    let actions = get("/actions").await.body;
    assert!(
        actions.contains(&format!("/actions/{}", enc(&id)).replace("%2D", "-"))
            || actions.contains(&id)
    );
    assert!(actions.contains("Download as CSV"));
    // The stylesheet.
    let css = get("/static/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type().starts_with("text/css"));
}

#[tokio::test]
async fn paper_page_has_anchors_facts_and_the_original() {
    let lib = samples();
    let row = lib
        .rows()
        .expect("rows")
        .into_iter()
        .find(|r| {
            r.path
                .ends_with("2023-09-21-jobs-guarantee-business-case.txt")
        })
        .expect("sample paper");
    let page = get(&format!("/papers/{}", row.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    let passages = lib.passages(row.id).expect("passages");
    let numbered = passages
        .iter()
        .find(|p| p.number.is_some())
        .expect("numbered paragraphs");
    let anchor = format!("id=\"p-{}\"", numbered.number.as_deref().unwrap_or(""));
    assert!(page.body.contains(&anchor), "no {anchor}");
    for p in &passages {
        assert!(
            page.body.contains(&format!("id=\"s-{}\"", p.ord)),
            "no s-{}",
            p.ord
        );
    }
    assert!(page.body.contains("fact-money"), "money not marked");
    assert!(
        page.body.contains("fact-timescale"),
        "timescales not marked"
    );
    assert!(page.body.contains(&format!("/papers/{}/original", row.id)));
    let original = get(&format!("/papers/{}/original", row.id)).await;
    assert_eq!(original.status, StatusCode::OK);
    assert!(original.content_type().starts_with("text/plain"));
    assert_eq!(
        original.body,
        std::fs::read_to_string(&row.path).expect("sample")
    );
    let csp = original.headers["content-security-policy"]
        .to_str()
        .expect("csp");
    assert!(csp.contains("sandbox"));
}

#[tokio::test]
async fn search_hits_link_to_their_paragraphs() {
    let r = get("/api/search?q=jobs+guarantee&limit=5").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert!(v["total"].as_u64().expect("total") > 0);
    assert!(!v["facets"]["kind"].as_array().expect("facets").is_empty());
    for hit in v["hits"].as_array().expect("hits") {
        let url = hit["url"].as_str().expect("url");
        let (path, fragment) = url.split_once('#').expect("fragment");
        let page = get(path).await;
        assert!(
            page.body.contains(&format!("id=\"{fragment}\"")),
            "{url}: no such anchor"
        );
    }
    let html = get("/search?q=jobs+guarantee").await.body;
    assert!(html.contains("<mark>"), "snippets are highlighted");
    assert!(html.contains("matching passages"));
}

#[tokio::test]
async fn every_api_route_answers_json() {
    let action = some_action().await;
    let id = enc(action["id"].as_str().expect("id"));
    let thread = enc(&some_thread().await);
    for uri in [
        "/api/openapi.json".to_string(),
        "/api/info".into(),
        "/api/papers".into(),
        "/api/papers/1".into(),
        "/api/search?q=adult+skills+fund".into(),
        "/api/search?kind=minutes".into(),
        "/api/programme".into(),
        "/api/programme?body=Skills+and+Employment+Board&status=reported".into(),
        "/api/actions".into(),
        "/api/actions?sort=due&kind=decision".into(),
        format!("/api/actions/{id}"),
        "/api/threads".into(),
        format!("/api/threads/{thread}"),
    ] {
        let r = get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert!(r.content_type().starts_with("application/json"), "{uri}");
        let _ = r.json();
        assert_secure(&r, &uri);
    }
    let papers = get("/api/papers").await.json();
    assert_eq!(papers["total"], 24);
    let paper = get("/api/papers/1").await.json();
    assert!(paper["paper"]["record"]["kind"].is_string());
    assert!(paper["passages"][0]["anchor"].is_string());
    let programme = get("/api/programme").await.json();
    assert!(
        programme["total"].as_u64().expect("total") > 0,
        "activities"
    );
    let one = get(&format!("/api/actions/{id}")).await.json();
    assert_eq!(one["id"], action["id"]);
}

#[tokio::test]
async fn actions_sort_and_download_as_csv() {
    let by_owner = get("/api/actions?sort=owner").await.json();
    let owners: Vec<Option<String>> = by_owner["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["owner"].as_str().map(str::to_lowercase))
        .collect();
    let mut sorted = owners.clone();
    sorted.sort_by_key(|o| (o.is_none(), o.clone()));
    assert_eq!(owners, sorted);
    let programme = get("/api/programme?format=csv").await;
    assert!(programme.content_type().starts_with("text/csv"));
    assert!(programme.body.lines().count() > 1, "activities as CSV");
    for uri in ["/actions.csv", "/api/actions?format=csv"] {
        let r = get(uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(r.content_type().starts_with("text/csv"), "{uri}");
        let mut lines = r.body.lines();
        assert!(
            lines
                .next()
                .expect("header")
                .starts_with("id,kind,text,owner")
        );
        assert_eq!(
            r.body.lines().count() - 1,
            by_owner["total"].as_u64().expect("total") as usize,
            "{uri}: one row per item (no newlines in cells)"
        );
    }
}

#[tokio::test]
async fn bad_parameters_are_400_and_unknown_ids_404() {
    for uri in [
        "/api/search?kind=memo",
        "/api/search?from=99",
        "/api/search?from=2025&to=2023",
        "/api/search?limit=100000",
        "/api/search?colour=red",
        "/api/search?q=%22unclosed",
        "/api/actions?sort=colour",
        "/api/actions?status=late",
        "/api/programme?kind=meeting",
        "/api/papers/abc",
        "/api/papers/1?extra=1",
        "/api/threads?body=%01",
    ] {
        let r = get(uri).await;
        // An unclosed quote may be accepted by the query parser; all others are errors.
        if uri.contains("unclosed") && r.status == StatusCode::OK {
            continue;
        }
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.body);
        let v = r.json();
        assert_eq!(v["error"]["status"], 400, "{uri}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    for uri in [
        "/api/papers/999999",
        "/api/actions/no-such-action",
        "/api/threads/no%20such%20thread%20at%20all",
        "/api/nothing-here",
    ] {
        let r = get(uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}: {}", r.body);
        assert_eq!(r.json()["error"]["status"], 404, "{uri}");
    }
    for (uri, status) in [
        ("/papers/999999", StatusCode::NOT_FOUND),
        ("/papers/999999/original", StatusCode::NOT_FOUND),
        ("/actions/no-such-action", StatusCode::NOT_FOUND),
        (
            "/threads/no%20such%20thread%20at%20all",
            StatusCode::NOT_FOUND,
        ),
        ("/nothing-here", StatusCode::NOT_FOUND),
        ("/papers/abc", StatusCode::BAD_REQUEST),
        ("/search?kind=memo", StatusCode::BAD_REQUEST),
        ("/actions?sort=colour", StatusCode::BAD_REQUEST),
    ] {
        let r = get(uri).await;
        assert_eq!(r.status, status, "{uri}");
        assert!(r.content_type().starts_with("text/html"), "{uri}");
        assert_secure(&r, uri);
    }
}

#[tokio::test]
async fn openapi_describes_every_api_route() {
    let doc = get("/api/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for (method, path) in API_ROUTES {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is not in the OpenAPI description"
        );
        // And the router really serves it (not the fallback).
        let uri = path.replace("{id}", "1").replace("{key}", "x");
        let req = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .body(Body::empty())
            .expect("request");
        let r = send(AppState::shared(samples(), None), req).await;
        assert!(
            !r.body.contains("no such page"),
            "{method} {path} is not routed"
        );
    }
    let described = doc["paths"].as_object().expect("paths").len();
    assert_eq!(described, API_ROUTES.len());
}

fn post(uri: &str, auth: Option<&str>, body: &str) -> Request<Body> {
    let mut b = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(a) = auth {
        b = b.header(header::AUTHORIZATION, format!("Bearer {a}"));
    }
    b.body(Body::from(body.to_string())).expect("request")
}

fn form(uri: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn hash_folder(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn writes_need_the_token_and_never_touch_the_papers() {
    // Copies of the sample papers, so the test can check they are left alone.
    let papers = std::env::temp_dir().join(format!("boardpack-web-{}-papers", std::process::id()));
    let _ = std::fs::remove_dir_all(&papers);
    std::fs::create_dir_all(&papers).expect("folder");
    for e in std::fs::read_dir(repo().join("examples/papers")).expect("samples") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, papers.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    let before = hash_folder(&papers);
    let lib = Arc::new(library_of("writes", &papers));
    let read_only = AppState::shared(Arc::clone(&lib), None);
    let writable = AppState::shared(Arc::clone(&lib), Some("s3cret-token".into()));

    let all = get_from(read_only.clone(), "/api/actions").await.json();
    let item = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["link"].is_object())
        .expect("a linked action")
        .clone();
    let id = item["id"].as_str().expect("id").to_string();
    let status_uri = format!("/api/actions/{}/status", enc(&id));
    let review_uri = format!("/api/actions/{}/review", enc(&id));
    let body = r#"{"status": "overdue"}"#;

    // Read-only server: 403 whatever is given.
    let r = send(
        read_only.clone(),
        post(&status_uri, Some("s3cret-token"), body),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.json()["error"]["status"], 403);
    // Writable server: 401 without a token or with a wrong one.
    for auth in [None, Some("wrong"), Some("s3cret-toke"), Some("")] {
        let r = send(writable.clone(), post(&status_uri, auth, body)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{auth:?}: {}", r.body);
    }
    // Bad bodies are 400, unknown ids 404.
    for bad in [
        "not json",
        "[]",
        r#"{"status": "late"}"#,
        r#"{"state": "due"}"#,
    ] {
        let r = send(
            writable.clone(),
            post(&status_uri, Some("s3cret-token"), bad),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
    }
    let r = send(
        writable.clone(),
        post("/api/actions/no-such/status", Some("s3cret-token"), body),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The right token: the status is set by hand, then cleared.
    let r = send(
        writable.clone(),
        post(&status_uri, Some("s3cret-token"), body),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["status"], "overdue");
    assert_eq!(v["status_set_by_user"], true);
    let r = send(
        writable.clone(),
        post(&status_uri, Some("s3cret-token"), r#"{"status": null}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status_set_by_user"], false);

    // Reviewing the link: confirm it.
    let r = send(
        writable.clone(),
        post(&review_uri, Some("s3cret-token"), r#"{"verdict": "maybe"}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send(
        read_only.clone(),
        post(&review_uri, None, r#"{"verdict": "confirmed"}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send(
        writable.clone(),
        post(
            &review_uri,
            Some("s3cret-token"),
            r#"{"verdict": "confirmed"}"#,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["link"]["verdict"], "confirmed");

    // The HTML forms: the token is a field; a good write redirects to the action's page.
    let page_uri = format!("/actions/{}", enc(&id));
    let r = send(
        read_only.clone(),
        form(
            &format!("{page_uri}/status"),
            "token=s3cret-token&status=due",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.content_type().starts_with("text/html"));
    let r = send(
        writable.clone(),
        form(&format!("{page_uri}/status"), "token=nope&status=due"),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = send(
        writable.clone(),
        form(
            &format!("{page_uri}/status"),
            "token=s3cret-token&status=due",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = get_from(writable.clone(), &page_uri).await;
    assert!(page.body.contains("(set by hand)"));
    assert!(page.body.contains("name=\"token\""), "the write forms show");
    let page = get_from(read_only.clone(), &page_uri).await;
    assert!(
        !page.body.contains("name=\"token\""),
        "no forms when read-only"
    );
    let r = send(
        writable.clone(),
        form(
            &format!("{page_uri}/review"),
            "token=s3cret-token&verdict=rejected",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The papers themselves are untouched.
    assert_eq!(hash_folder(&papers), before);
}

#[tokio::test]
async fn a_paper_with_script_is_shown_as_text() {
    let st = AppState::shared(hostile(), None);
    let id = {
        let r = get_from(st.clone(), "/api/papers").await.json();
        r["papers"][0]["id"].as_i64().expect("id")
    };
    for uri in [
        format!("/papers/{id}"),
        "/search?q=pier".to_string(),
        "/".into(),
        "/papers".into(),
    ] {
        let page = get_from(st.clone(), &uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(!page.body.contains("<script"), "{uri}: script not escaped");
        assert!(!page.body.contains("<img"), "{uri}: markup not escaped");
    }
    let page = get_from(st.clone(), &format!("/papers/{id}")).await;
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the script is shown as text"
    );
    assert!(page.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    // The JSON API returns the text as data.
    let api = get_from(st.clone(), &format!("/api/papers/{id}")).await;
    assert!(api.body.contains("<script>alert(1)</script>"));
    assert!(api.content_type().starts_with("application/json"));
    // The original is plain text in a sandbox, never HTML.
    let original = get_from(st, &format!("/papers/{id}/original")).await;
    assert!(original.content_type().starts_with("text/plain"));
}

/// Every `/papers/ID#anchor` link on `page` names an element of that paper's page.
async fn assert_anchors_exist(page: &str, uri: &str) -> usize {
    let mut checked = 0;
    for part in page.split("href=\"/papers/").skip(1) {
        let link = &part[..part.find('"').expect("closing quote")];
        let Some((id, fragment)) = link.split_once('#') else {
            continue;
        };
        let target = get(&format!("/papers/{id}")).await;
        assert_eq!(target.status, StatusCode::OK, "{uri}: /papers/{id}");
        assert!(
            target.body.contains(&format!("id=\"{fragment}\"")),
            "{uri}: /papers/{link} has no such anchor"
        );
        checked += 1;
    }
    checked
}

#[tokio::test]
async fn thread_and_register_links_reach_their_paragraphs() {
    let thread = some_thread().await;
    let uri = format!("/threads/{}", enc(&thread));
    let page = get(&uri).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<ol class=\"thread\">"));
    assert!(
        assert_anchors_exist(&page.body, &uri).await > 0,
        "{uri}: no citations"
    );
    let register = get("/actions").await;
    assert!(
        assert_anchors_exist(&register.body, "/actions").await > 0,
        "the register links no reporting paragraphs"
    );
}
