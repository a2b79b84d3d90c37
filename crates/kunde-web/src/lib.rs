//! Kunde's web server: server-rendered pages for owners and staff, sign-in with sessions,
//! protection against cross-site request forgery, and (later) the JSON API.
//!
//! Invariants:
//! - every route but the public ones (sign-in, first-run set-up, invitations, assets, health)
//!   sits behind the signed-in layer, and owner pages behind the owner layer
//!   ([`auth::require_user`], [`auth::require_owner`]); a handler reads the user from the
//!   request's extensions, which only those layers put there;
//! - every state-changing request carries the CSRF token ([`csrf`]);
//! - every workspace-owned row is read through the store with the signed-in user's workspace;
//! - user text reaches HTML only through askama's escaping;
//! - only this crate knows HTTP and HTML; domain types are not the wire format.

pub mod analytics_cache;
pub mod api;
pub mod assets;
pub mod auth;
pub mod case_mail;
pub mod csrf;
pub mod error;
pub mod i18n;
pub mod importing;
pub mod jobs;
pub mod mail;
pub mod map;
pub mod markdown;
mod pages;
pub mod ratelimit;
mod security;

/// Sends the survey reminders due at `now` (called by [`jobs::tick`]; tests call it directly).
pub use pages::survey_results::invites::run_due as run_survey_reminders;

use axum::Router;
use kunde_store::Store;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Settings the web layer needs, built by the binary from its configuration.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// The address customers reach Kunde at (no trailing slash), for links that leave the
    /// browser: e-mails, QR codes. When unset, links use the request's `Host`.
    pub public_url: Option<String>,
    /// Kunde runs behind a reverse proxy that sets `X-Forwarded-For`: rate limits then count
    /// the address it names rather than the proxy's.
    pub trust_proxy: bool,
}

/// Where "now" comes from: the system clock in production, a fixed time in tests.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    })
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: WebConfig,
    pub clock: Clock,
    /// Built event logs for the analytics pages, per workspace.
    pub analytics: analytics_cache::AnalyticsCache,
    /// Wakes the mail sender after a message is queued ([`mail::deliver_due`]).
    pub mail_notify: Arc<tokio::sync::Notify>,
    /// Limits on public endpoints, per bucket and client.
    pub rate_limits: ratelimit::RateLimiter,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self {
            store,
            config,
            clock: system_clock(),
            analytics: Default::default(),
            mail_notify: Default::default(),
            rate_limits: Default::default(),
        }
    }

    /// The base of links that leave the browser (e-mails, QR codes): the configured public
    /// address, else the scheme and `Host` of the request, else `http://localhost`.
    pub fn public_url(&self, headers: Option<&axum::http::HeaderMap>) -> String {
        if let Some(url) = &self.config.public_url {
            return url.trim_end_matches('/').to_owned();
        }
        let host = headers
            .and_then(|h| h.get(axum::http::header::HOST))
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        let scheme = if self.config.secure_cookies {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{host}")
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }
}

/// The whole application as a router: for in-process tests with `oneshot`, and for [`serve`].
pub fn router(state: AppState) -> Router {
    pages::routes(state.clone())
        .merge(assets::routes())
        .merge(api::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::protect,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let store = state.store.clone();
    let clock = state.clock.clone();
    // Expired sessions are purged hourly so the table does not grow without bound.
    let purge = tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = store.purge_sessions(clock()).await {
                tracing::warn!(error = %e, "purging sessions failed");
            }
        }
    });
    let sender = tokio::spawn(mail::run_sender(state.clone()));
    let jobs = tokio::spawn(jobs::run(state.clone()));
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    purge.abort();
    sender.abort();
    jobs.abort();
    result
}
