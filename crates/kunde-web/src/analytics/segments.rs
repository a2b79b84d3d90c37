//! Segments: saved lists of customers (the customers who dropped out of a funnel at one step,
//! or the customers behind a figure of the Value pages), and rule segments, whose customers
//! are whoever meets the rule when it is used (`rule_segments.rs` edits them, `rule_facts.rs`
//! evaluates them). Staff see them, their customers and their CSV; the owner makes rule
//! segments and deletes segments.

use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kunde_analytics::segment_rule::Rule;
use kunde_domain::{Customer, Segment, SegmentId, WorkspaceId};
use serde::Deserialize;

/// Customers per page of a segment.
const PER_PAGE: i64 = 200;

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/segments", get(list))
        .route("/segments/{id}", get(show))
        .route("/segments/{id}/customers.csv", get(csv))
        .route(
            "/analytics/funnel/segment",
            post(super::segment::save_dropped),
        )
}

pub fn owner_routes() -> Router<AppState> {
    use super::rule_segments as rules;
    Router::new()
        .route("/segments/{id}/delete", post(delete))
        .route("/segments/new", get(rules::new).post(rules::create))
        .route("/segments/preview", get(rules::preview_json))
        .route("/segments/{id}/edit", get(rules::edit).post(rules::update))
}

#[derive(Template)]
#[template(path = "segments/list.html")]
struct ListPage {
    p: Page,
    /// Each segment with its size (a rule segment's computed now) and its description (a
    /// rule segment's conditions in words).
    segments: Vec<(Segment, i64, String)>,
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "segments", "/segments");
    let ws = user.workspace.id;
    let now = state.now();
    let mut segments = Vec::new();
    let mut tps = None;
    for s in state.store.list_segments(ws).await? {
        let (size, description) = match s.rule.as_deref().and_then(Rule::decode) {
            Some(rule) => {
                if tps.is_none() {
                    tps = Some(touchpoint_names(&state, ws).await?);
                }
                let size = super::rule_facts::evaluate(&state, ws, &rule, now)
                    .await?
                    .len();
                let words =
                    super::rule_segments::describe(&p, &rule, tps.as_deref().unwrap_or(&[]));
                (size as i64, words.join(" · "))
            }
            None => (s.customers, s.description.clone()),
        };
        segments.push((s, size, description));
    }
    let view = ListPage { p, segments };
    let html = view.render()?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "segments/show.html")]
struct ShowPage {
    p: Page,
    segment: Segment,
    /// The segment's size now.
    size: i64,
    /// A rule segment's conditions in words (empty for a saved list).
    conditions: Vec<String>,
    customers: Vec<Customer>,
    page: i64,
    pages: i64,
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

pub async fn show(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "segments", &format!("/segments/{id}"));
    let ws = user.workspace.id;
    let segment = state.store.segment(ws, SegmentId(id)).await?;
    let Some(rule) = segment.rule.as_deref() else {
        let size = segment.customers;
        let pages = ((size + PER_PAGE - 1) / PER_PAGE).max(1);
        let page = q.page.unwrap_or(1).clamp(1, pages);
        let customers = state
            .store
            .segment_customers(ws, segment.id, PER_PAGE, (page - 1) * PER_PAGE)
            .await?;
        let view = ShowPage {
            p,
            segment,
            size,
            conditions: Vec::new(),
            customers,
            page,
            pages,
        };
        return Ok(Html(view.render()?).into_response());
    };
    let rule = Rule::decode(rule).ok_or(AppError::internal("segment rule unreadable"))?;
    let conditions =
        super::rule_segments::describe(&p, &rule, &touchpoint_names(&state, ws).await?);
    let all = members(&state, ws, segment.id, state.now()).await?;
    let size = all.len() as i64;
    let pages = ((size + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let customers = all
        .into_iter()
        .skip(((page - 1) * PER_PAGE) as usize)
        .take(PER_PAGE as usize)
        .collect();
    let view = ShowPage {
        p,
        segment,
        size,
        conditions,
        customers,
        page,
        pages,
    };
    let html = view.render()?;
    Ok(Html(html).into_response())
}

/// `GET /segments/{id}/customers.csv`: every customer of the segment, with the contact
/// details and marketing consent a mailing needs; dates in the business's time zone, named in
/// the header.
pub async fn csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    use crate::kit::csv::{csv_response, csv_text};
    use crate::kit::format::{csv_date, csv_zone_header, zone};
    let ws = user.workspace.id;
    let customers = members(&state, ws, SegmentId(id), state.now()).await?;
    let tz = zone(&user.time_zone);
    let mut rows = vec![vec![
        "customer_id".to_owned(),
        "name".to_owned(),
        "email".to_owned(),
        "phone".to_owned(),
        "language".to_owned(),
        "marketing_consent".to_owned(),
        "acquisition_channel".to_owned(),
        csv_zone_header("customer_since", &user.time_zone),
    ]];
    for c in customers {
        rows.push(vec![
            c.id.0.to_string(),
            csv_text(&c.name),
            csv_text(c.email.as_ref().map(|e| e.as_str()).unwrap_or("")),
            csv_text(c.phone.as_deref().unwrap_or("")),
            c.language.code().to_owned(),
            if c.marketing_consent { "yes" } else { "no" }.to_owned(),
            csv_text(c.acquisition_channel.as_deref().unwrap_or("")),
            csv_date(&tz, c.created_at),
        ]);
    }
    Ok(csv_response(&format!("segment-{id}.csv"), rows))
}

/// Every customer of a segment as of `now`, by name. Whatever uses a segment (its CSV,
/// campaigns) reads it through this one function, so a saved list and a segment evaluated
/// when used read alike. Another workspace's segment is `NotFound`.
pub async fn members(
    state: &AppState,
    ws: WorkspaceId,
    id: SegmentId,
    now: i64,
) -> Result<Vec<Customer>, AppError> {
    let segment = state.store.segment(ws, id).await?;
    if let Some(text) = segment.rule.as_deref() {
        let rule = Rule::decode(text).ok_or(AppError::internal("segment rule unreadable"))?;
        return super::rule_facts::evaluate(state, ws, &rule, now).await;
    }
    Ok(state
        .store
        .segment_customers(ws, segment.id, segment.customers.max(1), 0)
        .await?)
}

/// The workspace's touchpoints (id, name), for naming them in a rule's words.
async fn touchpoint_names(
    state: &AppState,
    ws: WorkspaceId,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(state
        .store
        .all_touchpoints(ws)
        .await?
        .into_iter()
        .map(|t| (t.id.0, t.name))
        .collect())
}

pub async fn delete(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: crate::kit::client::ClientKey,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state
        .store
        .delete_segment(user.workspace.id, SegmentId(id))
        .await?;
    crate::kit::audit::Audit::by(&user, &client)
        .record(
            &state,
            kunde_store::audit_action::DELETE,
            ("segment", Some(id)),
            "",
        )
        .await;
    Ok(Redirect::to("/segments").into_response())
}
