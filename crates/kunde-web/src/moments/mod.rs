//! Moments of truth (`/moments`): every touchpoint ranked by its effect on customers, where
//! one bad experience weighs as many good ones as the workspace's weight (12 unless the
//! owner sets another). Bad and good experiences come from customer-survey scores, failed
//! interactions (an event's failed `outcome`), complaints (cases) and reviews; the share of
//! customers lost after a bad one is compared with all customers'. The start page shows the
//! worst few ([`ranking`]).

mod page;
mod rank;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub use rank::{Moment, ranking};

pub fn staff_routes() -> Router<AppState> {
    Router::new().route("/moments", get(page::page))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new().route("/moments/weight", post(page::save_weight))
}
