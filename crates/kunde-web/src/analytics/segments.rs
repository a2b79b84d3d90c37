//! Segments: saved lists of customers (the customers who dropped out of a funnel at one step,
//! or the customers behind a figure of the Value pages). Staff see them, their customers and
//! their CSV; the owner deletes them.

use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
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
    Router::new().route("/segments/{id}/delete", post(delete))
}

#[derive(Template)]
#[template(path = "segments/list.html")]
struct ListPage {
    p: Page,
    segments: Vec<Segment>,
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "segments", "/segments");
    let segments = state.store.list_segments(user.workspace.id).await?;
    let view = ListPage { p, segments };
    let html = view.render()?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "segments/show.html")]
struct ShowPage {
    p: Page,
    segment: Segment,
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
    let pages = ((segment.customers + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let customers = state
        .store
        .segment_customers(ws, segment.id, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let view = ShowPage {
        p,
        segment,
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
    let _ = now;
    let segment = state.store.segment(ws, id).await?;
    Ok(state
        .store
        .segment_customers(ws, segment.id, segment.customers.max(1), 0)
        .await?)
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
