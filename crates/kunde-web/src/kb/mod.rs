//! The knowledge base (PRODUCT.md §7): the staff articles (`articles`), the public help
//! centre (`help`), and the business's opening hours (`hours`), which service targets count
//! in.
//!
//! Invariants: the help centre reads only articles marked public, found by the workspace's
//! help-centre address (never an id); deleting an article is the owner's, behind a
//! confirmation page.

mod articles;
mod help;
mod hours;

use crate::state::AppState;
use axum::Router;

pub fn public_routes() -> Router<AppState> {
    help::public_routes()
}

pub fn staff_routes() -> Router<AppState> {
    articles::staff_routes()
}

pub fn owner_routes() -> Router<AppState> {
    articles::owner_routes().merge(hours::owner_routes())
}
