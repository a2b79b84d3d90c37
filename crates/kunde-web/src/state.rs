//! What every request shares: the store, the web configuration, the clock, the analytics
//! cache, the mail sender's wake-up call and the rate limits.

use crate::kit::ratelimit::RateLimiter;
use kunde_store::Store;
use std::sync::Arc;

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
    pub analytics: crate::kit::event_cache::AnalyticsCache,
    /// Wakes the mail sender after a message is queued ([`crate::outbox::deliver_due`]).
    pub mail_notify: Arc<tokio::sync::Notify>,
    /// Limits on public endpoints, per bucket and client.
    pub rate_limits: RateLimiter,
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
