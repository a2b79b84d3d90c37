//! `POST /api/v1/cases`: a business's own systems (a web shop, a phone system) open a
//! service case with a secret key. The case gets its due times from its category's targets
//! in the workspace's business hours, like one opened by staff.

use super::timing::Calendar;
use crate::api::{ApiError, authorize, bearer, parse_json, read_body};
use crate::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use kunde_domain::*;
use kunde_store::{ApiKeyKind, CaseContact};
use serde::{Deserialize, Serialize};

const MAX_BODY: usize = 64 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseRequest {
    customer_id: Option<i64>,
    customer_email: Option<String>,
    customer_name: Option<String>,
    /// A built-in category code (`broken`, `delivery`, `billing`, `special`, `advice`) or
    /// the id of one of the owner's categories.
    category: serde_json::Value,
    touchpoint_id: Option<i64>,
    subject: String,
    #[serde(default)]
    description: String,
    priority: Option<String>,
}

#[derive(Serialize)]
pub struct CaseCreated {
    id: i64,
    customer_id: i64,
    status: &'static str,
    first_response_due: i64,
    resolution_due: i64,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_case", message)
}

pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<CaseCreated>), ApiError> {
    let grant = authorize(&state, bearer(&headers), ApiKeyKind::Secret).await?;
    let ws = grant.workspace_id;
    let bytes = read_body(&headers, body, MAX_BODY).await?;
    let value = parse_json(&bytes)?;
    let req: CaseRequest = serde_json::from_value(value)
        .map_err(|e| invalid(format!("the case is not valid: {e}")))?;
    let categories = state.store.case_categories(ws).await?;
    let category = match &req.category {
        serde_json::Value::String(code) => categories
            .iter()
            .find(|c| c.builtin.as_deref() == Some(code.trim())),
        serde_json::Value::Number(n) => n
            .as_i64()
            .and_then(|id| categories.iter().find(|c| c.id.0 == id)),
        _ => None,
    }
    .ok_or_else(|| {
        invalid("category: use broken, delivery, billing, special, advice or the id of one of your categories")
    })?;
    // The document's limits count what was sent, before surrounding spaces are trimmed.
    if req.subject.chars().count() > SUBJECT_MAX {
        return Err(invalid(format!(
            "subject: at most {SUBJECT_MAX} characters"
        )));
    }
    if req
        .customer_name
        .as_ref()
        .is_some_and(|n| n.chars().count() > NonEmpty::MAX)
    {
        return Err(invalid(format!(
            "customer_name: at most {} characters",
            NonEmpty::MAX
        )));
    }
    if req.description.chars().count() > BODY_MAX {
        return Err(invalid(format!(
            "description: at most {BODY_MAX} characters"
        )));
    }
    let subject = case_text("subject", &req.subject, SUBJECT_MAX, true)
        .map_err(|e| invalid(format!("subject: {e}")))?;
    let description = case_text("description", &req.description, BODY_MAX, false)
        .map_err(|e| invalid(format!("description: {e}")))?;
    let priority = match req.priority.as_deref() {
        None => CasePriority::Normal,
        Some(p) => CasePriority::parse(p)
            .map_err(|_| invalid("priority: use low, normal, high or urgent"))?,
    };
    let now = state.now();
    let cal = Calendar::load(&state, ws).await?;
    let mut new = NewCase {
        customer_id: None,
        touchpoint_id: req.touchpoint_id.map(TouchpointId),
        category_id: category.id,
        subject,
        description,
        priority,
        assignee_id: None,
        source: CaseSource::Api,
        created_by: None,
        created_at: now,
        due: cal.due(category, now),
    };
    let stored = match (req.customer_id, req.customer_email.as_deref()) {
        (Some(id), None) => {
            new.customer_id = Some(CustomerId(id));
            state.store.create_case(ws, &new).await
        }
        (None, Some(email)) => {
            let email = Email::parse(email).map_err(|e| invalid(format!("customer_email: {e}")))?;
            let name = req
                .customer_name
                .as_deref()
                .unwrap_or(email.as_str())
                .to_owned();
            let contact = CaseContact {
                name: NonEmpty::parse("customer_name", &name)
                    .map_err(|e| invalid(format!("customer_name: {e}")))?,
                email,
                language: grant_language(&state, ws).await?,
            };
            state
                .store
                .create_case_for_contact(ws, &contact, &new)
                .await
        }
        _ => return Err(invalid("give either customer_id or customer_email")),
    };
    let case = stored.map_err(|e| match e {
        kunde_store::StoreError::InvalidReference(what) => {
            invalid(format!("{what}: not found in this workspace"))
        }
        other => other.into(),
    })?;
    // A case from the API always names its customer (by id or e-mail).
    let customer = case
        .customer_id
        .ok_or_else(|| kunde_store::StoreError::Corrupt("api case without customer".into()))?;
    Ok((
        StatusCode::CREATED,
        Json(CaseCreated {
            id: case.id.0,
            customer_id: customer.0,
            status: case.status.code(),
            first_response_due: case.due.first_response,
            resolution_due: case.due.resolution,
        }),
    ))
}

/// New customers from the API speak the workspace's default language.
async fn grant_language(state: &AppState, ws: WorkspaceId) -> Result<Language, ApiError> {
    Ok(state.store.get_workspace(ws).await?.default_language)
}
