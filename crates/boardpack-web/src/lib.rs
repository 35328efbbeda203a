//! The web layer: server-rendered HTML pages and a JSON API over a library.
//!
//! The only crate that knows axum, HTTP status codes and HTML. Each handler validates
//! its inputs (`params`), makes one blocking call into `boardpack_app::Library` on
//! tokio's blocking pool, and renders a page (`pages`, maud templates that escape all
//! text) or JSON (`api`). One [`AppError`](error::AppError) turns every failure into a
//! JSON or HTML response with the right status. Every response carries security headers
//! (a Content-Security-Policy without inline script, no framing, no sniffing, no
//! referrer). The server is read-only unless started with a write token; writes (link
//! reviews, action statuses) go to the library's own tables, never to the papers.
#![warn(missing_docs)]

mod api;
mod error;
mod openapi;
mod pages;
mod params;
mod render;
mod timeline;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Context, Result};
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{get, post};
use boardpack_app::Library;

pub use error::AppError;
pub use openapi::openapi;

/// What every handler shares: the open library and the write token, if any.
#[derive(Clone)]
pub struct AppState {
    lib: Arc<Library>,
    token: Option<Arc<str>>,
}

impl AppState {
    /// A read-only server over `lib`, or one that accepts writes bearing `token`.
    /// An empty token counts as none.
    pub fn new(lib: Library, token: Option<String>) -> AppState {
        AppState::shared(Arc::new(lib), token)
    }

    /// As [`AppState::new`], over a library already shared.
    pub fn shared(lib: Arc<Library>, token: Option<String>) -> AppState {
        AppState {
            lib,
            token: token.filter(|t| !t.is_empty()).map(Arc::from),
        }
    }

    /// Runs `f` against the library on the blocking pool (the library's calls are
    /// synchronous SQLite and tantivy work).
    pub(crate) async fn with<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Library) -> Result<T, AppError> + Send + 'static,
    {
        let lib = Arc::clone(&self.lib);
        tokio::task::spawn_blocking(move || f(&lib))
            .await
            .map_err(|e| AppError::internal(anyhow::anyhow!("a library call failed: {e}")))?
    }

    /// Whether `given` is the write token (compared in constant time). Refuses with 403
    /// when the server has no token, 401 when none or a wrong one was given.
    pub(crate) fn authorise(&self, given: Option<&str>) -> Result<(), AppError> {
        let Some(token) = &self.token else {
            return Err(AppError::forbidden(
                "this server is read-only: start it with --token (or BOARDPACK_TOKEN) to allow changes",
            ));
        };
        match given {
            Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => Ok(()),
            Some(_) => Err(AppError::unauthorised("the write token is wrong")),
            None => Err(AppError::unauthorised("a write token is needed")),
        }
    }
}

/// Byte strings equal, in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The Content-Security-Policy of every page: our own styles and images only, no script
/// at all, no framing, forms post only to us.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Every page and API route.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/papers", get(pages::papers))
        .route("/papers/{id}", get(pages::paper))
        .route("/papers/{id}/original", get(pages::original))
        .route("/programme", get(pages::programme))
        .route("/actions", get(pages::actions))
        .route("/actions.csv", get(api::actions_csv))
        .route("/actions/{id}", get(pages::action))
        .route("/actions/{id}/status", post(pages::set_status))
        .route("/actions/{id}/review", post(pages::review))
        .route("/threads", get(pages::threads))
        .route("/threads/{key}", get(pages::thread))
        .route("/static/style.css", get(pages::stylesheet))
        .route("/api/openapi.json", get(api::openapi_json))
        .route("/api/info", get(api::info))
        .route("/api/papers", get(api::papers))
        .route("/api/papers/{id}", get(api::paper))
        .route("/api/search", get(api::search))
        .route("/api/programme", get(api::programme))
        .route("/api/actions", get(api::actions))
        .route("/api/actions/{id}", get(api::action))
        .route("/api/actions/{id}/status", post(api::set_status))
        .route("/api/actions/{id}/review", post(api::review))
        .route("/api/threads", get(api::threads))
        .route("/api/threads/{key}", get(api::thread))
        .fallback(error::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// The API routes the router serves, as `(method, path)`: the OpenAPI description must
/// name each one (a test checks).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("get", "/api/info"),
    ("get", "/api/papers"),
    ("get", "/api/papers/{id}"),
    ("get", "/api/search"),
    ("get", "/api/programme"),
    ("get", "/api/actions"),
    ("get", "/api/actions/{id}"),
    ("post", "/api/actions/{id}/status"),
    ("post", "/api/actions/{id}/review"),
    ("get", "/api/threads"),
    ("get", "/api/threads/{key}"),
];

async fn security_headers(mut res: axum::response::Response) -> axum::response::Response {
    let h = res.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    res
}

/// Serves `lib` at `addr` until interrupted (Ctrl-C). With `token`, writes bearing it
/// are accepted. Prints the address it listens on to stderr.
pub async fn serve(lib: Library, addr: SocketAddr, token: Option<String>) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let writes = if token.as_deref().is_some_and(|t| !t.is_empty()) {
        "writes need the token"
    } else {
        "read-only"
    };
    eprintln!(
        "boardpack: serving {} at http://{local}/ ({writes}); Ctrl-C to stop",
        lib.dir().display()
    );
    let state = AppState::new(lib, token);
    // Bring the track stage up to date before the first page asks for it.
    let lib = Arc::clone(&state.lib);
    tokio::task::spawn_blocking(move || {
        if let Err(e) = lib.track() {
            eprintln!("boardpack: tracking the library failed: {e:#}");
        }
    });
    serve_on(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// [`serve`] on its own multi-threaded runtime, for callers without one (the CLI).
pub fn serve_blocking(lib: Library, addr: SocketAddr, token: Option<String>) -> Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the web server's runtime")?
        .block_on(serve(lib, addr, token))
}

/// Serves the router on a listener already bound (tests and the load test bind
/// 127.0.0.1:0) until `shutdown` completes.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .context("the web server failed")
}

#[cfg(test)]
mod tests {
    #[test]
    fn constant_time_comparison() {
        assert!(super::constant_time_eq(b"secret", b"secret"));
        assert!(!super::constant_time_eq(b"secret", b"secreT"));
        assert!(!super::constant_time_eq(b"secret", b"secret!"));
    }
}
