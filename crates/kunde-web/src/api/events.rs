//! `POST /api/v1/events` and `POST /api/v1/identify`, for a business's own systems (secret
//! keys). Every event of a batch is checked and every problem reported with its index and
//! field before anything is written.

use super::plumbing::{ApiError, authorize, bearer, parse_json, read_body, whole_number};
use super::wire::{EventProblem, Identified, IngestReply};
use crate::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use kunde_domain::{Channel, CustomerId, Email, Money, TouchpointId};
use kunde_store::{ApiKeyKind, CustomerRef, IngestEvent};
use serde_json::{Map, Value};

/// Events per batch. Larger batches gain little and hold the write lock longer.
pub const MAX_EVENTS: usize = 5_000;
/// Bytes per request body: 5,000 events of about 1 KiB each.
pub const MAX_BODY: usize = 6 * 1024 * 1024;
/// Bytes of one event's properties, as compact JSON.
pub const MAX_PROPERTIES: usize = 4 * 1024;
/// Integers above this are taken for milliseconds, a common mistake, rather than seconds
/// (it is the year 5138 in seconds).
const MILLIS_THRESHOLD: i64 = 100_000_000_000;
/// Events may be dated at most this far in the future (clock skew of the sender).
const FUTURE_SLACK: i64 = 24 * 3600;

const FIELDS: &str = "customer_id, customer_email, visitor_id, touchpoint_id, time, channel, amount, properties, idempotency_key";

pub async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<IngestReply>, ApiError> {
    let grant = authorize(&state, bearer(&headers), ApiKeyKind::Secret).await?;
    let bytes = read_body(&headers, body, MAX_BODY).await?;
    let batch = parse_json(&bytes)?;
    let raw = batch_events(&batch, MAX_EVENTS)?;
    let now = state.now();
    let mut events = Vec::with_capacity(raw.len());
    let mut problems = Vec::new();
    for (index, value) in raw.iter().enumerate() {
        match parse_event(value, now) {
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
        Ok(report) => Ok(Json(report.into())),
        Err(refused) => Err(ApiError::refused(refused)),
    }
}

/// The `events` array of a batch, checked for presence and size.
pub(super) fn batch_events(batch: &Value, max: usize) -> Result<&Vec<Value>, ApiError> {
    let invalid = |message: &str| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_batch",
            message.to_owned(),
        )
    };
    let Some(object) = batch.as_object() else {
        return Err(invalid(
            "the body must be a json object like {\"events\": [...]}",
        ));
    };
    let Some(events) = object.get("events").and_then(Value::as_array) else {
        return Err(invalid("events: must be an array of events"));
    };
    if events.is_empty() {
        return Err(invalid("events: the batch is empty"));
    }
    if events.len() > max {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            format!(
                "events: at most {max} events per batch, this one has {}; split it",
                events.len()
            ),
        ));
    }
    Ok(events)
}

type FieldResult<T> = Result<T, (&'static str, String)>;

/// One event of the JSON batch, as the store wants it, or the field that is wrong.
fn parse_event(value: &Value, now: i64) -> FieldResult<IngestEvent> {
    let Some(e) = value.as_object() else {
        return Err(("event", "must be a json object".into()));
    };
    for key in e.keys() {
        if !FIELDS.split(", ").any(|f| f == key) {
            return Err((
                "event",
                format!("unknown field '{key}' (known fields: {FIELDS})"),
            ));
        }
    }
    let customer_id = optional_id(e, "customer_id")?;
    let customer_email = optional_str(e, "customer_email")?
        .map(|s| {
            Email::parse(s).map_err(|_| {
                (
                    "customer_email",
                    format!("'{s}' is not a valid e-mail address"),
                )
            })
        })
        .transpose()?;
    let customer = match (customer_id, customer_email) {
        (Some(_), Some(_)) => {
            return Err((
                "customer_email",
                "give customer_id or customer_email, not both".into(),
            ));
        }
        (Some(id), None) => Some(CustomerRef::Id(CustomerId(id))),
        (None, Some(m)) => Some(CustomerRef::Email(m)),
        (None, None) => None,
    };
    let visitor_id = optional_str(e, "visitor_id")?
        .map(|v| visitor(v).map_err(|m| ("visitor_id", m)))
        .transpose()?;
    if customer.is_none() && visitor_id.is_none() {
        return Err((
            "customer_id",
            "name the customer (customer_id or customer_email) or the anonymous visitor (visitor_id)".into(),
        ));
    }
    let touchpoint_id =
        optional_id(e, "touchpoint_id")?.ok_or(("touchpoint_id", "is required".to_owned()))?;
    let occurred_at = time(e.get("time").filter(|v| !v.is_null()), now)?;
    let channel = optional_str(e, "channel")?
        .map(|c| {
            Channel::parse(c).map_err(|_| {
                (
                    "channel",
                    format!("unknown channel '{c}' (use web, phone, email, in_person, social, review_site, mail or other)"),
                )
            })
        })
        .transpose()?;
    let amount = match e.get("amount") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_i64() {
            Some(minor) => Some(Money(minor)),
            None => {
                return Err((
                    "amount",
                    "send minor units as an integer (12.50 is 1250) or a decimal string (\"12.50\")".into(),
                ));
            }
        },
        Some(Value::String(s)) => {
            Some(Money::parse(s).map_err(|_| ("amount", format!("'{s}' is not a valid amount")))?)
        }
        Some(_) => {
            return Err((
                "amount",
                "must be an integer of minor units or a decimal string".into(),
            ));
        }
    };
    let properties = match e.get("properties") {
        None | Some(Value::Null) => "{}".to_owned(),
        Some(p @ Value::Object(_)) => {
            let text = p.to_string();
            if text.len() > MAX_PROPERTIES {
                return Err((
                    "properties",
                    format!("are larger than {} KiB", MAX_PROPERTIES / 1024),
                ));
            }
            text
        }
        Some(_) => return Err(("properties", "must be a json object".into())),
    };
    let idempotency_key = optional_str(e, "idempotency_key")?
        .map(|k| {
            if k.is_empty() || k.chars().count() > 128 || k.chars().any(char::is_control) {
                Err((
                    "idempotency_key",
                    "must be 1 to 128 printable characters".to_owned(),
                ))
            } else {
                Ok(k.to_owned())
            }
        })
        .transpose()?;
    Ok(IngestEvent {
        customer,
        visitor_id,
        touchpoint_id: TouchpointId(touchpoint_id),
        occurred_at,
        channel,
        amount,
        properties,
        idempotency_key,
    })
}

fn optional_str<'a>(
    e: &'a Map<String, Value>,
    field: &'static str,
) -> FieldResult<Option<&'a str>> {
    match e.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err((field, "must be a string".into())),
    }
}

fn optional_id(e: &Map<String, Value>, field: &'static str) -> FieldResult<Option<i64>> {
    match e.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_number().and_then(whole_number) {
            Some(id) if id > 0 => Ok(Some(id)),
            _ => Err((field, "must be a positive integer id".into())),
        },
    }
}

/// An anonymous visitor's id: 1 to 64 letters, digits, `_` or `-` (the snippet makes them).
pub(super) fn visitor(v: &str) -> Result<String, String> {
    if (1..=64).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        Ok(v.to_owned())
    } else {
        Err("must be 1 to 64 letters, digits, '_' or '-'".into())
    }
}

/// Unix seconds, or an RFC 3339 date and time with its offset.
fn time(value: Option<&Value>, now: i64) -> FieldResult<i64> {
    let at = match value {
        None => return Err(("time", "is required (unix seconds or rfc 3339)".into())),
        Some(Value::Number(n)) => match whole_number(n) {
            Some(s) if s >= MILLIS_THRESHOLD => {
                return Err((
                    "time",
                    format!("{s} looks like milliseconds; send unix seconds"),
                ));
            }
            Some(s) => s,
            None => return Err(("time", "must be whole unix seconds".into())),
        },
        Some(Value::String(s)) => {
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                .map_err(|_| {
                    (
                        "time",
                        format!("'{s}' is not an rfc 3339 time like 2026-01-31T14:05:00+01:00"),
                    )
                })?
                .unix_timestamp()
        }
        Some(_) => {
            return Err(("time", "must be unix seconds or an rfc 3339 string".into()));
        }
    };
    if at < 0 {
        return Err(("time", "is before 1970".into()));
    }
    if at > now + FUTURE_SLACK {
        return Err(("time", "is more than a day in the future".into()));
    }
    Ok(at)
}

/// Joins an anonymous visitor to a customer: their past and future events belong to the
/// customer.
pub async fn identify(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Identified>, ApiError> {
    let grant = authorize(&state, bearer(&headers), ApiKeyKind::Secret).await?;
    let bytes = read_body(&headers, body, 16 * 1024).await?;
    let value = parse_json(&bytes)?;
    let invalid = |(field, message): (&'static str, String)| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_identify",
            format!("{field}: {message}"),
        )
    };
    let Some(o) = value.as_object() else {
        return Err(invalid(("body", "must be a json object".into())));
    };
    let visitor_id = optional_str(o, "visitor_id")
        .map_err(invalid)?
        .ok_or(("visitor_id", "is required".to_owned()))
        .map_err(invalid)?;
    let visitor_id = visitor(visitor_id).map_err(|m| invalid(("visitor_id", m)))?;
    let id = optional_id(o, "customer_id").map_err(invalid)?;
    let email = optional_str(o, "customer_email").map_err(invalid)?;
    let customer = match (id, email) {
        (Some(id), None) => CustomerRef::Id(CustomerId(id)),
        (None, Some(m)) => CustomerRef::Email(Email::parse(m).map_err(|_| {
            invalid((
                "customer_email",
                format!("'{m}' is not a valid e-mail address"),
            ))
        })?),
        _ => {
            return Err(invalid((
                "customer_id",
                "give exactly one of customer_id and customer_email".into(),
            )));
        }
    };
    let field = match customer {
        CustomerRef::Id(_) => "customer_id",
        CustomerRef::Email(_) => "customer_email",
    };
    match state
        .store
        .identify_visitor(grant.workspace_id, &visitor_id, &customer, state.now())
        .await
    {
        Ok((customer_id, events_joined)) => Ok(Json(Identified {
            visitor_id,
            customer_id: customer_id.0,
            events_joined,
        })),
        Err(kunde_store::StoreError::InvalidReference(_)) => Err(invalid((
            field,
            "no such customer in this workspace".into(),
        ))),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_767_225_600;

    fn field_of(v: Value) -> &'static str {
        parse_event(&v, NOW).unwrap_err().0
    }

    #[test]
    fn a_complete_event_parses_with_decimal_amounts_and_rfc_3339_times() {
        let e = parse_event(
            &json!({"customer_email": "A@B.dk", "touchpoint_id": 3, "time": "2026-01-01T01:00:00+01:00",
                     "channel": "in-person", "amount": "1.234,50", "properties": {"x": 1}, "idempotency_key": "k1"}),
            NOW,
        )
        .unwrap();
        assert_eq!(
            e.customer,
            Some(CustomerRef::Email(Email::parse("a@b.dk").unwrap()))
        );
        assert_eq!(e.occurred_at, NOW);
        assert_eq!(e.channel, Some(Channel::InPerson));
        assert_eq!(e.amount, Some(Money(123_450)));
        assert_eq!(e.properties, r#"{"x":1}"#);
        let minimal = parse_event(
            &json!({"visitor_id": "v_1", "touchpoint_id": 3, "time": NOW, "amount": 995}),
            NOW,
        )
        .unwrap();
        assert_eq!(
            (minimal.amount, minimal.channel, minimal.properties.as_str()),
            (Some(Money(995)), None, "{}")
        );
    }

    /// The OpenAPI document's rules hold (issue 18, finding 14): null is a left-out field,
    /// and an idempotency key's limit counts characters, as JSON Schema's `maxLength` does.
    #[test]
    fn nulls_are_left_out_fields_and_key_lengths_count_characters() {
        let with_nulls = json!({"customer_id": 1, "customer_email": null, "visitor_id": null,
            "touchpoint_id": 3, "time": NOW, "channel": null, "amount": null,
            "properties": null, "idempotency_key": null});
        assert!(parse_event(&with_nulls, NOW).is_ok());
        let key = |n: usize| {
            json!({"customer_id": 1, "touchpoint_id": 3, "time": NOW,
            "idempotency_key": "é".repeat(n)})
        };
        assert!(parse_event(&key(128), NOW).is_ok());
        assert_eq!(
            parse_event(&key(129), NOW).unwrap_err().0,
            "idempotency_key"
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let ok = json!({"customer_id": 1, "touchpoint_id": 3, "time": NOW});
        let with = |k: &str, v: Value| {
            let mut e = ok.clone();
            e[k] = v;
            e
        };
        assert_eq!(
            field_of(json!({"touchpoint_id": 3, "time": NOW})),
            "customer_id"
        );
        assert_eq!(field_of(with("customer_id", json!(-1))), "customer_id");
        assert_eq!(
            field_of(with("customer_email", json!("a@b.dk"))),
            "customer_email"
        );
        assert_eq!(field_of(with("touchpoint_id", json!("3"))), "touchpoint_id");
        assert_eq!(
            field_of(json!({"customer_id": 1, "time": NOW})),
            "touchpoint_id"
        );
        assert_eq!(field_of(with("time", json!(NOW * 1000))), "time");
        assert_eq!(field_of(with("time", json!(NOW + 2 * 86_400))), "time");
        assert_eq!(field_of(with("time", json!("yesterday"))), "time");
        assert_eq!(field_of(with("channel", json!("pigeon"))), "channel");
        assert_eq!(field_of(with("amount", json!(12.5))), "amount");
        assert_eq!(field_of(with("amount", json!("12,5,0x"))), "amount");
        assert_eq!(field_of(with("properties", json!([1]))), "properties");
        assert_eq!(
            field_of(with("properties", json!({"x": "y".repeat(5000)}))),
            "properties"
        );
        assert_eq!(
            field_of(with("idempotency_key", json!(""))),
            "idempotency_key"
        );
        assert_eq!(
            field_of(with("visitor_id", json!("has space"))),
            "visitor_id"
        );
        assert_eq!(field_of(with("touchpoint", json!(3))), "event");
    }
}
