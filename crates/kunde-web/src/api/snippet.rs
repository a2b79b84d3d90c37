//! The web snippet: `/t.js`, which a business puts on its site, and the endpoint it posts
//! page views and chosen clicks to. The endpoint takes a publishable key in the body (a
//! `text/plain` POST is a "simple" cross-origin request, so no preflight is needed), answers
//! any origin, sets no cookie, and can only add anonymous events: it names no customer and
//! reads nothing back.

use super::events::{batch_events, visitor};
use super::plumbing::{ApiError, authorize, parse_json, read_body, whole_number};
use super::wire::{EventProblem, IngestReply};
use crate::kit::client::ClientKey;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kunde_domain::{Channel, TouchpointId};
use kunde_store::{ApiKeyKind, IngestEvent};
use serde_json::{Value, json};

/// The script, embedded in the binary.
pub const SNIPPET: &str = include_str!("../../assets/t.js");
/// A page sends a handful of events at a time.
const MAX_EVENTS: usize = 20;
const MAX_BODY: usize = 16 * 1024;
/// Requests a minute one visitor's address may send: a busy reader sends one a page, so this
/// only stops a script hammering the endpoint (which is public, like the key it carries).
pub const SNIPPET_PER_MINUTE: u32 = 120;

pub async fn script() -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SNIPPET,
    )
        .into_response();
    // Other sites load this script; let them (their pages may require it).
    response.headers_mut().insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    response
}

/// Cross-origin headers for the snippet endpoint only: any site may post, without
/// credentials (no `Allow-Credentials`, so a browser never sends cookies along).
fn cors(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    response
}

pub async fn preflight() -> Response {
    cors(StatusCode::NO_CONTENT.into_response())
}

pub async fn ingest(
    State(state): State<AppState>,
    client: ClientKey,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Err(too_many) = state
        .rate_limits
        .check("snippet", &client.0, SNIPPET_PER_MINUTE)
        .await
    {
        let mut response = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            format!(
                "too many events from this address; try again in {} s",
                too_many.retry_after_secs
            ),
        )
        .into_response();
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(too_many.retry_after_secs),
        );
        return cors(response);
    }
    cors(match accept(&state, &headers, body).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    })
}

async fn accept(state: &AppState, headers: &HeaderMap, body: Body) -> Result<Response, ApiError> {
    let bytes = read_body(headers, body, MAX_BODY).await?;
    let value = parse_json(&bytes)?;
    let grant = authorize(
        state,
        value.get("key").and_then(Value::as_str),
        ApiKeyKind::Publishable,
    )
    .await?;
    // A publishable key is public (it sits in the site's pages); its owner may list the
    // sites allowed to use it, so a copied key does not work on someone else's site.
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if !kunde_domain::origin_allowed(&grant.allowed_origins, origin) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "origin_not_allowed",
            "this publishable key only works on the sites listed for it; add this site's origin to the key under Settings → API keys",
        ));
    }
    // Only what the document lists: a misspelt field is said, not silently dropped.
    if let Some(k) = value.as_object().and_then(|o| {
        o.keys()
            .find(|k| !["key", "visitor_id", "events"].contains(&k.as_str()))
    }) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_batch",
            format!("unknown field '{k}'"),
        ));
    }
    let visitor_id = value
        .get("visitor_id")
        .and_then(Value::as_str)
        .ok_or_else(|| "is required".to_owned())
        .and_then(visitor)
        .map_err(|m| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_batch",
                format!("visitor_id: {m}"),
            )
        })?;
    let raw = batch_events(&value, MAX_EVENTS)?;
    let now = state.now();
    let mut events = Vec::with_capacity(raw.len());
    let mut problems = Vec::new();
    for (index, e) in raw.iter().enumerate() {
        match parse(e, &visitor_id, now) {
            Ok(e) => events.push(e),
            Err((field, message)) => problems.push(EventProblem {
                index,
                field,
                message,
            }),
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::events(problems));
    }
    match state
        .store
        .ingest_events(grant.workspace_id, &events, now)
        .await?
    {
        Ok(report) => Ok(axum::Json(IngestReply::from(report)).into_response()),
        Err(refused) => Err(ApiError::refused(refused)),
    }
}

/// One snippet event: `{"type": "page_view" | "click", "touchpoint_id", "path", "referrer"?,
/// "id"}`. The time is the server's: a browser's clock may be anywhere.
fn parse(e: &Value, visitor_id: &str, now: i64) -> Result<IngestEvent, (&'static str, String)> {
    let Some(o) = e.as_object() else {
        return Err(("event", "must be a json object".into()));
    };
    if let Some(k) = o
        .keys()
        .find(|k| !["type", "touchpoint_id", "path", "referrer", "id"].contains(&k.as_str()))
    {
        return Err(("event", format!("unknown field '{k}'")));
    }
    let kind = match o.get("type").and_then(Value::as_str) {
        Some(t @ ("page_view" | "click")) => t,
        _ => return Err(("type", "must be page_view or click".into())),
    };
    let touchpoint = match o.get("touchpoint_id") {
        Some(Value::Number(n)) => whole_number(n),
        // Attributes in the page are strings.
        // Digits only, as the document says ("+5" or " 5" would parse, but are refused).
        Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok()
        }
        _ => None,
    }
    .filter(|id| *id > 0)
    .ok_or(("touchpoint_id", "must be a positive integer id".to_owned()))?;
    let text = |field: &'static str, max: usize| -> Result<Option<&str>, (&'static str, String)> {
        match o.get(field) {
            None | Some(Value::Null) => Ok(None),
            // Characters, as the document's `maxLength` counts them (not bytes).
            Some(Value::String(s)) if s.chars().count() <= max => Ok(Some(s.as_str())),
            Some(_) => Err((
                field,
                format!("must be a string of at most {max} characters"),
            )),
        }
    };
    let path = text("path", 512)?;
    let referrer = text("referrer", 256)?;
    let id = text("id", 64)?;
    let mut properties = json!({ "source": "snippet", "type": kind });
    if let Some(p) = path {
        properties["path"] = json!(p);
    }
    if let Some(r) = referrer {
        properties["referrer"] = json!(r);
    }
    Ok(IngestEvent {
        customer: None,
        visitor_id: Some(visitor_id.to_owned()),
        touchpoint_id: TouchpointId(touchpoint),
        occurred_at: now,
        channel: Some(Channel::Web),
        amount: None,
        properties: properties.to_string(),
        // A beacon sent twice is stored once.
        idempotency_key: id.map(|id| format!("snippet:{visitor_id}:{id}")),
    })
}
