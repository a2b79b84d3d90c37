//! Segments: saved lists of customers (so far: the customers who dropped out of a funnel at
//! one step, saved from the funnel page). Staff see them and their customers; the owner
//! deletes them.

use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kunde_domain::{Customer, Segment, SegmentId};
use serde::Deserialize;

/// Customers per page of a segment.
const PER_PAGE: i64 = 200;

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/segments", get(list))
        .route("/segments/{id}", get(show))
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
