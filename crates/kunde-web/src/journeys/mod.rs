//! Journeys: the list, the map page with its picture, editing stages and touchpoints, the
//! as-is and to-be versions, and what the recorded events say about each touchpoint
//! (`health`, drawn by `view`).
//!
//! Invariants: only the owner changes a map (the owner routes); the numbers on a map come
//! from [`health::journey_stats`] alone, so the page, the SVG and the PNG agree.

mod edit;
mod edit_touchpoint;
mod health;
mod list;
mod map_page;
mod notices;
mod view;

use crate::state::AppState;
use axum::Router;
pub use health::failed_outcome;

use axum::routing::{get, post};

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/journeys", get(list::list))
        .route("/journeys/{id}", get(map_page::show))
        .route("/journeys/{id}/map.svg", get(map_page::map_svg))
        .route("/journeys/{id}/map.png", get(map_page::map_png))
        .route("/journeys/{id}/compare", get(map_page::compare))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/journeys/new", post(list::create))
        .route("/journeys/{id}/touchpoints", post(map_page::add_touchpoint))
        .route(
            "/journeys/{id}/edit",
            get(edit::edit_form).post(edit::update),
        )
        .route(
            "/journeys/{id}/delete",
            get(edit::delete_confirm).post(edit::delete),
        )
        .route("/journeys/{id}/stages", post(edit::add_stage))
        .route(
            "/journeys/{id}/stages/{sid}/rename",
            post(edit::rename_stage),
        )
        .route("/journeys/{id}/stages/{sid}/move", post(edit::move_stage))
        .route(
            "/journeys/{id}/stages/{sid}/delete",
            get(edit::stage_delete_confirm).post(edit::delete_stage),
        )
        .route(
            "/journeys/{id}/touchpoints/{tid}/edit",
            get(edit_touchpoint::touchpoint_form).post(edit_touchpoint::update_touchpoint),
        )
        .route(
            "/journeys/{id}/touchpoints/{tid}/move",
            post(edit_touchpoint::move_touchpoint),
        )
        .route(
            "/journeys/{id}/touchpoints/{tid}/delete",
            get(edit_touchpoint::touchpoint_delete_confirm)
                .post(edit_touchpoint::delete_touchpoint),
        )
        .route("/journeys/{id}/to-be", post(edit::create_to_be))
        .route("/journeys/{id}/sub", post(edit::create_sub))
}
