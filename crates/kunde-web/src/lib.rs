//! Kunde's web server: server-rendered pages for owners, staff and customers, sign-in with
//! sessions, protection against cross-site request forgery, and the JSON API.
//!
//! The crate is one folder per feature over a shared `kit/` (see ARCHITECTURE.md):
//! `state.rs` holds what requests share, `routes.rs` the route table, `jobs.rs` the timed
//! work, `outbox.rs` the one way to queue an e-mail. This file is the façade.
//!
//! Invariants:
//! - every route but the public ones (sign-in, first-run set-up, invitations, assets, health,
//!   the customer-facing pages) sits behind the signed-in layer, and owner pages behind the
//!   owner layer ([`kit::auth::require_user`], [`kit::auth::require_owner`]);
//! - every state-changing request outside `/api/` carries the CSRF token ([`kit::csrf`]);
//! - every workspace-owned row is read through the store with the signed-in user's workspace;
//! - user text reaches HTML only through askama's escaping;
//! - only this crate knows HTTP and HTML; domain and store types are not the wire format.

pub mod jobs;
pub mod kit;
pub mod outbox;
mod routes;
mod state;

mod account;
mod analytics;
pub mod api;
mod campaigns;
mod cases;
mod competitors;
mod customers;
mod dashboard;
mod demand;
pub mod import;
mod journeys;
mod kb;
mod moments;
mod portal;
mod privacy;
mod reports;
mod reviews;
mod survey_results;
mod surveys;
mod thanks;
mod value;

pub use import::importing;
pub use kit::auth;
pub use reviews::{ReviewFileError, import_review_file};
pub use routes::router;
pub use state::{AppState, Clock, WebConfig, system_clock};

/// Sends the survey reminders due at `now` (called by [`jobs::tick`]; tests call it directly).
pub use survey_results::run_due as run_survey_reminders;

/// Starts due campaigns and queues their due chunks at `now` (called by [`jobs::tick`];
/// tests call it directly).
pub use campaigns::run_due as run_campaigns;

/// Sends the case escalations due at `now` (called by [`jobs::tick`]; tests call it directly).
pub use cases::run_due as run_case_escalations;

/// Erases the customers that retention rules say are due at `now` (called by [`jobs::tick`]).
pub use privacy::run_due as run_retention;

use std::future::Future;
use tokio::net::TcpListener;

/// Serves the application on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sender = tokio::spawn(outbox::run_sender(state.clone()));
    let jobs = tokio::spawn(jobs::run(state.clone()));
    let forwarder = tokio::spawn(kit::events_backend::run(state.clone()));
    let app = router(state.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    // Requests in flight have finished. The sender finishes the message in hand (so it is
    // recorded, not sent again by another instance), then this instance's remaining claims
    // are released for the others to take at once.
    state
        .stopping
        .store(true, std::sync::atomic::Ordering::SeqCst);
    state.mail_notify.notify_one();
    jobs.abort();
    forwarder.abort();
    let sender_abort = sender.abort_handle();
    if tokio::time::timeout(std::time::Duration::from_secs(40), sender)
        .await
        .is_err()
    {
        sender_abort.abort();
    }
    match state.store.release_claims(&state.claimer).await {
        Ok(n) => tracing::info!(released = n, "claims released"),
        Err(error) => {
            tracing::warn!(%error, "releasing claims failed; they lapse with their lease")
        }
    }
    result
}
