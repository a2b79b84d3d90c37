//! The JSON API's shared plumbing: its error type and body, API keys from a bearer header
//! checked against the store, body size limits and JSON parsing.

use super::wire::{ErrorBody, EventProblem};
use crate::state::AppState;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kunde_store::{ApiKeyGrant, ApiKeyKind, RefusedEvent, StoreError, UnknownReference};

/// An API error as the client sees it: a status, a stable code, a lowercase message that
/// says what to do, and for refused events the index and field of each.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

/// Refused events listed in one response; more are counted, not listed.
const LISTED_PROBLEMS: usize = 100;

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error,
                message: message.into(),
                errors: Vec::new(),
            },
        }
    }

    /// 422 for a batch whose events the store refused (unknown touchpoints or customers).
    /// 409 instead when an idempotency key was reused for a different event: the batch is
    /// fine, it conflicts with what was sent before.
    pub fn refused(refused: Vec<RefusedEvent>) -> Self {
        let conflict = refused
            .iter()
            .any(|r| matches!(r.unknown, UnknownReference::KeyReused(_)));
        let mut e = Self::events(refused.into_iter().map(EventProblem::from).collect());
        if conflict {
            e.status = StatusCode::CONFLICT;
            e.body.error = "idempotency_conflict";
        }
        e
    }

    /// 422 for a batch with refused events: the message names the first, `errors` lists them.
    pub fn events(mut problems: Vec<EventProblem>) -> Self {
        problems.sort_by_key(|p| p.index);
        let first = &problems[0];
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let message = format!(
            "event {}: {}: {}{more}; nothing was stored",
            first.index, first.field, first.message
        );
        problems.truncate(LISTED_PROBLEMS);
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: ErrorBody {
                error: "invalid_events",
                message,
                errors: problems,
            },
        }
    }

    fn unauthorized(message: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            // A touchpoint or customer checked a moment ago was deleted before the write.
            StoreError::InvalidReference(_) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_reference",
                "a touchpoint or customer of the batch was deleted meanwhile; nothing was stored",
            ),
            other => {
                tracing::error!(error = %other, "storing api events failed");
                // Nothing was stored, and idempotency keys make a retry safe.
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the events could not be stored; nothing was stored, send the batch again",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        let h = response.headers_mut();
        if self.status == StatusCode::UNAUTHORIZED {
            h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            h.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// The grant of a presented key, if it is known, not revoked and of `kind`.
pub async fn authorize(
    state: &AppState,
    key: Option<&str>,
    kind: ApiKeyKind,
) -> Result<ApiKeyGrant, ApiError> {
    let Some(key) = key.map(str::trim).filter(|k| !k.is_empty()) else {
        return Err(ApiError::unauthorized(match kind {
            ApiKeyKind::Secret => "send a secret api key as 'Authorization: Bearer <key>'",
            ApiKeyKind::Publishable => "send a publishable api key in the field 'key'",
        }));
    };
    // Keys are short; anything long is not one of ours and is not hashed.
    if key.len() > 128 {
        return Err(ApiError::unauthorized("the api key is unknown or revoked"));
    }
    let grant = state
        .store
        .authenticate_api_key(key)
        .await?
        .ok_or_else(|| ApiError::unauthorized("the api key is unknown or revoked"))?;
    if grant.kind != kind {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "wrong_key_kind",
            match kind {
                ApiKeyKind::Secret => {
                    "a publishable key can only send snippet events; use a secret key here"
                }
                ApiKeyKind::Publishable => {
                    "a secret key must not be used in web pages; use a publishable key for the snippet"
                }
            },
        ));
    }
    Ok(grant)
}

/// The key of an `Authorization: Bearer <key>` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, key) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(key)
}

/// Reads the body up to `limit` bytes; a larger one is refused with 413 before it is
/// buffered in full.
pub async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<axum::body::Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!(
                "the body is larger than {} KiB; send smaller batches",
                limit / 1024
            ),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large())
}

/// Parses a JSON body, or says where it is broken. A string holding a NUL character (`\u0000`,
/// which PostgreSQL cannot store and no client means to send) is refused with 422 here, so no
/// endpoint meets one.
pub fn parse_json(bytes: &[u8]) -> Result<serde_json::Value, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not valid json: {e}"),
        )
    })?;
    if holds_nul(&value) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "control_character",
            "a text holds a NUL character (\\u0000); remove it and send again".to_owned(),
        ));
    }
    Ok(value)
}

fn holds_nul(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(holds_nul),
        serde_json::Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

/// A JSON number as a whole number, the way JSON Schema's `integer` reads it: `5` and `5.0`
/// alike (clients written in languages without integers send the latter); `5.5`, or a number
/// beyond 64 bits, is `None`.
pub fn whole_number(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e18)
            .map(|f| f as i64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_character_anywhere_in_the_json_is_refused_with_422() {
        for body in [
            r#"{"subject":"a\u0000b"}"#,
            r#"{"events":[{"properties":{"k":"\u0000"}}]}"#,
            r#"{"a\u0000":1}"#,
        ] {
            let e = parse_json(body.as_bytes()).unwrap_err();
            assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        }
        assert!(parse_json(br#"{"subject":"line\nbreak"}"#).is_ok());
        assert_eq!(
            parse_json(b"{").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn a_whole_number_may_be_written_with_a_point_zero() {
        let n = |s: &str| serde_json::from_str::<serde_json::Number>(s).unwrap();
        assert_eq!(whole_number(&n("5")), Some(5));
        assert_eq!(whole_number(&n("5.0")), Some(5));
        assert_eq!(whole_number(&n("-3.0")), Some(-3));
        assert_eq!(whole_number(&n("5.5")), None);
        assert_eq!(whole_number(&n("1e300")), None);
    }
}
