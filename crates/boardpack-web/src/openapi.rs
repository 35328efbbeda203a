//! The OpenAPI 3.1 description of the JSON API, written by hand (served at
//! `/api/openapi.json`; a test checks it names every API route the router serves).

use serde_json::{Value, json};

fn param(name: &str, place: &str, description: &str, schema: Value) -> Value {
    json!({
        "name": name, "in": place, "required": place == "path",
        "description": description, "schema": schema
    })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn errors(codes: &[&str]) -> Value {
    let mut m = serde_json::Map::new();
    for c in codes {
        let what = match *c {
            "400" => "A parameter or the body is invalid.",
            "401" => "No write token, or a wrong one, was given.",
            "403" => "The server is read-only (started without a token).",
            "404" => "No such paper, action or thread.",
            _ => "The library failed.",
        };
        m.insert(
            c.to_string(),
            json!({ "description": what, "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/Error" } } } }),
        );
    }
    Value::Object(m)
}

fn ok(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn op(summary: &str, params: Vec<Value>, success: Value, codes: &[&str]) -> Value {
    let mut responses = errors(codes);
    responses["200"] = success;
    json!({ "summary": summary, "parameters": params, "responses": responses })
}

/// The OpenAPI document.
pub fn openapi() -> Value {
    let obj = json!({ "type": "object" });
    let id = param(
        "id",
        "path",
        "A paper's id.",
        json!({ "type": "integer", "minimum": 1 }),
    );
    let fid = param("id", "path", "A follow-up's id.", string());
    let follow = || {
        vec![
            param("body", "query", "Only this board or committee.", string()),
            param(
                "kind",
                "query",
                "Only these kinds (repeat or comma-separate).",
                json!({ "type": "string", "enum": ["action", "decision", "activity"] }),
            ),
            param(
                "status",
                "query",
                "Only these statuses (repeat or comma-separate).",
                json!({ "type": "string", "enum": ["reported", "due", "overdue", "no_timescale"] }),
            ),
            param(
                "open",
                "query",
                "Only open (unreported) items.",
                json!({ "type": "boolean" }),
            ),
            param(
                "sort",
                "query",
                "Order (actions): source paper date, status, owner or due date.",
                json!({ "type": "string", "enum": ["date", "status", "owner", "due"] }),
            ),
            param(
                "format",
                "query",
                "json (default) or csv.",
                json!({ "type": "string", "enum": ["json", "csv"] }),
            ),
        ]
    };
    let auth = json!([{ "bearer": [] }]);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "boardpack",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Committee papers as a searchable library: papers, search, the programme of activities, the actions register and threads. Errors are JSON {\"error\": {\"status\", \"message\"}}. Writes need the server's token as a bearer token."
        },
        "paths": {
            "/api/openapi.json": { "get": op("This description.", vec![], ok("OpenAPI 3.1", obj.clone()), &[]) },
            "/api/info": { "get": op("What the library holds (also checks its integrity).", vec![],
                ok("Counts", obj.clone()), &["400", "500"]) },
            "/api/papers": { "get": op("Every paper's summary row.", vec![],
                ok("{total, papers: [{id, url, path, format, body, kind, title, date, date_basis, purpose, decisions, actions}]}", obj.clone()),
                &["400", "500"]) },
            "/api/papers/{id}": { "get": op("One paper: its record, passages (with the anchor of each on the paper's page) and follow-ups.",
                vec![id.clone()], ok("{paper, url, original, passages, follow_ups}", obj.clone()), &["400", "404", "500"]) },
            "/api/search": { "get": op("Search passages: hits with citations, highlighted snippets, links to paragraphs, facet counts.", vec![
                    param("q", "query", "Words (stemmed), \"phrases\", AND / OR / NOT; empty with filters lists everything.", json!({ "type": "string", "maxLength": 500 })),
                    param("kind", "query", "Paper kind.", json!({ "type": "string", "enum": ["report", "minutes", "decision", "agenda", "other"] })),
                    param("body", "query", "Board or committee (exact name).", string()),
                    param("from", "query", "First year.", json!({ "type": "integer", "minimum": 1900, "maximum": 2100 })),
                    param("to", "query", "Last year.", json!({ "type": "integer", "minimum": 1900, "maximum": 2100 })),
                    param("purpose", "query", "Purpose.", json!({ "type": "string", "enum": ["information", "decision", "discussion", "noting"] })),
                    param("limit", "query", "Hits to return (default 20).", json!({ "type": "integer", "minimum": 1, "maximum": 100 })),
                    param("offset", "query", "Hits to skip.", json!({ "type": "integer", "minimum": 0, "maximum": 10000 })),
                    param("page", "query", "1-based page of `limit` hits (instead of offset).", json!({ "type": "integer", "minimum": 1 })),
                ], ok("{total, hits: [{paper, ord, paragraph, citation, snippet, highlights, url, ...}], facets, limit, offset}", obj.clone()),
                &["400", "500"]) },
            "/api/programme": { "get": op("Activities with their timescales and statuses.", follow(),
                json!({ "description": "{as_of, total, activities: [FollowUp]}, or CSV with format=csv",
                        "content": { "application/json": { "schema": obj.clone() }, "text/csv": { "schema": string() } } }),
                &["400", "500"]) },
            "/api/actions": { "get": op("The register of decisions and actions, with status and the paragraph that reported on each.", follow(),
                json!({ "description": "{as_of, total, items: [FollowUp]}, or CSV with format=csv",
                        "content": { "application/json": { "schema": obj.clone() }, "text/csv": { "schema": string() } } }),
                &["400", "500"]) },
            "/api/actions/{id}": { "get": op("One follow-up.", vec![fid.clone()], ok("FollowUp", obj.clone()), &["400", "404", "500"]) },
            "/api/actions/{id}/status": { "post": {
                "summary": "Set (or, with null, clear) a follow-up's status by hand. Needs the write token.",
                "security": auth.clone(),
                "parameters": [fid.clone()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["status"],
                    "properties": { "status": { "type": ["string", "null"], "enum": ["reported", "due", "overdue", "no_timescale", null] } } } } } },
                "responses": written(obj.clone())
            } },
            "/api/actions/{id}/review": { "post": {
                "summary": "Confirm or reject a follow-up's link; with target, name the paragraph that reports on it. Needs the write token. Never changes the papers.",
                "security": auth,
                "parameters": [fid],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["verdict"],
                    "properties": {
                        "verdict": { "type": "string", "enum": ["confirmed", "rejected"] },
                        "target": { "type": "object", "properties": { "paper": { "type": "integer" }, "ord": { "type": "integer" } } }
                    } } } } },
                "responses": written(obj.clone())
            } },
            "/api/threads": { "get": op("Subjects that recur across papers.",
                vec![param("body", "query", "Only this board or committee.", string())],
                ok("{total, threads: [ThreadSummary]}", obj.clone()), &["400", "500"]) },
            "/api/threads/{key}": { "get": op("One subject's history, oldest first, with citations.",
                vec![param("key", "path", "The thread's key, name or alias.", string())],
                ok("ThreadDetail", obj), &["400", "404", "500"]) },
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": {
                    "type": "object", "required": ["status", "message"],
                    "properties": { "status": { "type": "integer" }, "message": { "type": "string" } } } } }
            }
        }
    })
}

/// A write's responses: the follow-up as it now stands, or an error.
fn written(schema: Value) -> Value {
    let mut r = errors(&["400", "401", "403", "404", "500"]);
    r["200"] = ok("The follow-up as it now stands", schema);
    r
}
