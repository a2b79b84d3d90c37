//! What every request shares: the store, the web configuration, the clock, the analytics
//! cache, the mail sender's wake-up call, the rate limits, and this instance's claimer for
//! timed work.

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
    /// How long a claim on timed work (a message to send, a reminder, an escalation) holds
    /// before another instance may take it over; `None`: [`DEFAULT_CLAIM_LEASE_SECS`].
    pub claim_lease_secs: Option<i64>,
    /// Where built event logs are kept between starts (`events-{workspace}.bin`), so the
    /// first analytics page after a restart does not read every event again; `None`: not
    /// kept (tests).
    pub analytics_dir: Option<std::path::PathBuf>,
    /// How long a workspace's built event log stays in memory without being used; `None`:
    /// [`crate::kit::event_cache::DEFAULT_IDLE`].
    pub analytics_idle: Option<std::time::Duration>,
    /// The optional events backend (`--events-url`): events are copied there, and the funnel
    /// page computes there while the copy is complete (see [`crate::kit::events_backend`]).
    pub events_backend: Option<kunde_clickhouse::EventsBackend>,
}

/// The lease of a claim on timed work: longer than sending one message can take (the SMTP
/// timeout is 30 s per step), short enough that an instance's death delays its work by
/// minutes, not hours.
pub const DEFAULT_CLAIM_LEASE_SECS: i64 = 120;

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
    /// This instance's id and lease for claiming timed work (see `kunde_store::Claimer`).
    pub claimer: Arc<kunde_store::Claimer>,
    /// Set when the server stops: the mail sender finishes the message in hand and stops.
    pub stopping: Arc<std::sync::atomic::AtomicBool>,
    /// Password verifications sign-in has run on the blocking pool (against a stored hash or
    /// the dummy one): every attempt adds exactly one, whatever the address, which tests
    /// check (issue 18, finding 10).
    pub password_checks: Arc<std::sync::atomic::AtomicU64>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        let lease = config.claim_lease_secs.unwrap_or(DEFAULT_CLAIM_LEASE_SECS);
        let analytics = match &config.analytics_dir {
            Some(dir) => crate::kit::event_cache::AnalyticsCache::kept_in(dir.clone()),
            None => crate::kit::event_cache::AnalyticsCache::default(),
        }
        .idle_after(
            config
                .analytics_idle
                .unwrap_or(crate::kit::event_cache::DEFAULT_IDLE),
        );
        Self {
            rate_limits: RateLimiter::for_store(&store),
            store,
            config,
            clock: system_clock(),
            analytics,
            mail_notify: Default::default(),
            claimer: Arc::new(kunde_store::Claimer::new(lease)),
            stopping: Default::default(),
            password_checks: Default::default(),
        }
    }

    /// Whether the server is stopping (after `SIGTERM`).
    pub fn is_stopping(&self) -> bool {
        self.stopping.load(std::sync::atomic::Ordering::SeqCst)
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
