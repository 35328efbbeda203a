//! One error type for every handler. API handlers answer with a JSON body
//! `{"error": {"status": 404, "message": "..."}}`; page handlers wrap it in [`PageError`]
//! and answer with an HTML page. User mistakes (bad parameters, bad queries) are 4xx;
//! faults inside the library are 500 and are logged to stderr, not shown in detail.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use boardpack_app::IndexError;

/// A failed request: its status and a message for the user.
#[derive(Debug)]
pub struct AppError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, in words a user can act on.
    pub message: String,
}

impl AppError {
    /// 400: a parameter is missing or invalid.
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404: no such paper, action or thread.
    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// 401: a write without the right token.
    pub fn unauthorised(message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::UNAUTHORIZED,
            message: message.into(),
        }
    }

    /// 403: a write to a read-only server.
    pub fn forbidden(message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::FORBIDDEN,
            message: message.into(),
        }
    }

    /// 500: the library failed. The detail goes to stderr; the user gets a short message.
    pub fn internal(e: anyhow::Error) -> AppError {
        eprintln!("boardpack: {e:#}");
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "the library could not answer this request".into(),
        }
    }
}

impl From<anyhow::Error> for AppError {
    /// Bad queries and filters are the user's; anything else is a fault.
    fn from(e: anyhow::Error) -> AppError {
        match e.downcast_ref::<IndexError>() {
            Some(IndexError::Query(m)) => AppError::bad_request(format!("bad query: {m}")),
            Some(IndexError::Filter(m)) => AppError::bad_request(format!("bad filter: {m}")),
            _ => AppError::internal(e),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "status": self.status.as_u16(), "message": self.message }
        });
        (self.status, Json(body)).into_response()
    }
}

/// An [`AppError`] shown as an HTML page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> PageError {
        PageError(e)
    }
}

impl From<anyhow::Error> for PageError {
    fn from(e: anyhow::Error) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self
            .0
            .status
            .canonical_reason()
            .unwrap_or("Error")
            .to_string();
        let page = crate::render::layout(
            &title,
            None,
            maud::html! {
                h1 { (title) }
                p.error { (self.0.message) }
                p { a href="/" { "Back to the library" } }
            },
        );
        (self.0.status, page).into_response()
    }
}

/// Unknown paths: JSON under /api, a page elsewhere.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    let e = AppError::not_found(format!("no such page: {}", uri.path()));
    if uri.path().starts_with("/api/") {
        e.into_response()
    } else {
        PageError(e).into_response()
    }
}
