//! The route table: every feature's public, staff and owner routes, each group behind its
//! layers. Staff routes sit behind [`require_user`], owner routes behind [`require_owner`]
//! too; public routes need no sign-in. The JSON API authenticates with keys in its handlers.

use crate::kit::auth::{require_owner, require_user};
use crate::kit::error_layer::render_errors;
use crate::kit::{assets, csrf, security};
use crate::state::AppState;
use crate::{
    account, analytics, api, campaigns, cases, competitors, customers, dashboard, demand, import,
    journeys, kb, moments, portal, privacy, reports, reviews, survey_results, surveys, thanks,
    value,
};
use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;

/// The whole application: pages, assets and the API, with CSRF protection, security
/// headers and the error layer around them.
pub fn router(state: AppState) -> Router {
    let public = Router::new()
        .route("/healthz", get(healthz))
        .merge(account::public_routes())
        .merge(kb::public_routes())
        .merge(cases::public_routes())
        .merge(surveys::public_routes())
        .merge(survey_results::public_routes())
        .merge(portal::public_routes())
        .merge(campaigns::public_routes())
        .merge(demand::public_routes())
        .merge(reports::public_routes());
    let staff = Router::new()
        .merge(dashboard::staff_routes())
        .merge(account::staff_routes())
        .merge(customers::staff_routes())
        .merge(journeys::staff_routes())
        .merge(analytics::staff_routes())
        .merge(kb::staff_routes())
        .merge(cases::staff_routes())
        .merge(surveys::staff_routes())
        .merge(survey_results::staff_routes())
        .merge(value::staff_routes())
        .merge(moments::staff_routes())
        .merge(portal::staff_routes())
        .merge(reviews::staff_routes())
        .merge(competitors::staff_routes())
        .merge(reports::staff_routes())
        .merge(demand::staff_routes())
        .merge(thanks::staff_routes())
        .route_layer(from_fn_with_state(state.clone(), require_user));
    let owner = Router::new()
        .merge(journeys::owner_routes())
        .merge(account::owner_routes())
        .merge(kb::owner_routes())
        .merge(surveys::owner_routes())
        .merge(analytics::owner_routes())
        .merge(import::owner_routes())
        .merge(cases::owner_routes())
        .merge(survey_results::owner_routes())
        .merge(value::owner_routes())
        .merge(privacy::owner_routes())
        .merge(moments::owner_routes())
        .merge(reviews::owner_routes())
        .merge(competitors::owner_routes())
        .merge(reports::owner_routes())
        .merge(portal::owner_routes())
        .merge(demand::owner_routes())
        .merge(campaigns::owner_routes())
        .route_layer(from_fn(require_owner))
        .route_layer(from_fn_with_state(state.clone(), require_user));
    let api = api::routes().merge(cases::api_routes());
    public
        .merge(staff)
        .merge(owner)
        .merge(assets::routes())
        .merge(api)
        .layer(from_fn_with_state(state.clone(), render_errors))
        .layer(from_fn(crate::kit::auth::lang_from_query))
        // HTML, CSS, JavaScript and JSON go out gzip-compressed to clients that accept it
        // (the chart library shrinks from 1.1 MB to about a third).
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(from_fn(security::headers))
        .with_state(state)
}

/// For load balancers: 200 "ok" when the database answers, 503 when it does not.
async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok"),
        Err(error) => {
            tracing::warn!(%error, "health check: the database does not answer");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable",
            )
        }
    }
}
