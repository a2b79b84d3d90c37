//! Rate limits for public endpoints (answer pages, complaint forms, the snippet), per (bucket
//! name, client key). A limit is "`per_minute` requests a minute".
//!
//! Two ways to keep the counts, chosen by the database: on SQLite (one process) a token
//! bucket in memory, refilled continuously (bursts up to `per_minute`); on PostgreSQL, where
//! several instances may serve the same clients, a counter per one-minute window in the
//! database's `rate_limits` table ([`kunde_store::Store::rate_limit_hit`]), so a client gets
//! the same answer whichever instance it reaches. Should the database not answer, the request
//! is let through (and logged): a limit must not take the public pages down with it.
//!
//! The clock is a parameter of [`RateLimiter::check_at`], so the arithmetic is tested without
//! waiting; [`RateLimiter::check`] uses the monotonic clock (and the wall clock for shared
//! windows, which every instance reads alike).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The client asked too often; it may try again after `retry_after_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooMany {
    pub retry_after_secs: u64,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: f64,
}

/// Shared by every request (cheap to clone).
#[derive(Clone)]
pub struct RateLimiter {
    inner: Arc<Mutex<HashMap<(&'static str, String), Bucket>>>,
    start: Instant,
    /// Counts kept in the database instead (PostgreSQL: shared by every instance).
    shared: Option<kunde_store::Store>,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self {
            inner: Default::default(),
            start: Instant::now(),
            shared: None,
        }
    }
}

/// Buckets kept before idle ones are swept, so many clients cannot grow the map without bound.
const SWEEP_AT: usize = 100_000;

impl RateLimiter {
    /// The limiter for `store`: counts in the database on PostgreSQL, in memory on SQLite.
    pub fn for_store(store: &kunde_store::Store) -> Self {
        Self {
            shared: (store.backend() == kunde_store::Backend::Postgres).then(|| store.clone()),
            ..Self::default()
        }
    }

    /// A limiter that keeps its counts in `store` whatever the backend (tests).
    pub fn shared(store: kunde_store::Store) -> Self {
        Self {
            shared: Some(store),
            ..Self::default()
        }
    }

    /// Takes one request from the client's allowance, or says how long to wait.
    pub async fn check(
        &self,
        bucket: &'static str,
        client: &str,
        per_minute: u32,
    ) -> Result<(), TooMany> {
        let Some(store) = &self.shared else {
            return self.check_at(
                bucket,
                client,
                per_minute,
                self.start.elapsed().as_secs_f64(),
            );
        };
        let now = wall_clock();
        let window = now - now.rem_euclid(60);
        match store.rate_limit_hit(bucket, client, window).await {
            Ok(hits) => window_answer(hits, per_minute, window, now),
            Err(error) => {
                tracing::warn!(%error, bucket, "shared rate limit not counted");
                Ok(())
            }
        }
    }

    /// Drops shared windows that ended more than a minute ago (the minute job calls it).
    pub async fn purge(&self) {
        if let Some(store) = &self.shared
            && let Err(error) = store.purge_rate_limits(wall_clock() - 120).await
        {
            tracing::warn!(%error, "purging rate limits failed");
        }
    }

    /// [`check`](Self::check) at `now` seconds on the limiter's own clock.
    pub fn check_at(
        &self,
        bucket: &'static str,
        client: &str,
        per_minute: u32,
        now: f64,
    ) -> Result<(), TooMany> {
        self.take_at(bucket, client, Window::per_minute(per_minute), now, true)
    }

    /// Whether the client's bucket is empty, without taking from it (for limits that count
    /// only failures, such as sign-in: ask first, take after a failure).
    pub fn blocked(
        &self,
        bucket: &'static str,
        client: &str,
        window: Window,
    ) -> Result<(), TooMany> {
        self.take_at(
            bucket,
            client,
            window,
            self.start.elapsed().as_secs_f64(),
            false,
        )
    }

    /// Takes one from the client's bucket (a failure), whatever is left.
    pub fn take(&self, bucket: &'static str, client: &str, window: Window) {
        let _ = self.take_at(
            bucket,
            client,
            window,
            self.start.elapsed().as_secs_f64(),
            true,
        );
    }

    /// The token bucket at `now`: refilled, then (if `consume`) one taken when there is one.
    pub fn take_at(
        &self,
        bucket: &'static str,
        client: &str,
        window: Window,
        now: f64,
        consume: bool,
    ) -> Result<(), TooMany> {
        let capacity = f64::from(window.capacity.max(1));
        let rate = capacity / window.seconds.max(1.0);
        let mut map = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= SWEEP_AT {
            // A bucket idle for its whole window is full again: dropping it changes nothing.
            map.retain(|_, b| now - b.at < 3600.0);
        }
        let b = map.entry((bucket, client.to_owned())).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        b.tokens = (b.tokens + (now - b.at).max(0.0) * rate).min(capacity);
        b.at = now;
        if b.tokens >= 1.0 {
            if consume {
                b.tokens -= 1.0;
            }
            Ok(())
        } else {
            Err(TooMany {
                retry_after_secs: ((1.0 - b.tokens) / rate).ceil().max(1.0) as u64,
            })
        }
    }
}

/// A limit: `capacity` requests, refilled evenly over `seconds` (at most one hour).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub capacity: u32,
    pub seconds: f64,
}

impl Window {
    pub fn per_minute(n: u32) -> Self {
        Self {
            capacity: n,
            seconds: 60.0,
        }
    }
}

/// Unix seconds: shared windows are cut by the wall clock, which every instance reads alike.
fn wall_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The answer of a one-minute window that has counted `hits` requests (this one included).
fn window_answer(hits: i64, per_minute: u32, window: i64, now: i64) -> Result<(), TooMany> {
    if hits <= i64::from(per_minute.max(1)) {
        Ok(())
    } else {
        Err(TooMany {
            retry_after_secs: u64::try_from(window + 60 - now).unwrap_or(1).max(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_refused_then_refilled() {
        let l = RateLimiter::default();
        for i in 0..5 {
            assert!(
                l.check_at("answer", "1.2.3.4", 5, 0.0).is_ok(),
                "request {i}"
            );
        }
        let refused = l.check_at("answer", "1.2.3.4", 5, 0.0).unwrap_err();
        assert_eq!(refused.retry_after_secs, 12);
        // Another client and another bucket are not affected.
        assert!(l.check_at("answer", "5.6.7.8", 5, 0.0).is_ok());
        assert!(l.check_at("snippet", "1.2.3.4", 5, 0.0).is_ok());
        // One token comes back every 12 seconds.
        assert!(l.check_at("answer", "1.2.3.4", 5, 11.0).is_err());
        assert!(l.check_at("answer", "1.2.3.4", 5, 12.5).is_ok());
        assert!(l.check_at("answer", "1.2.3.4", 5, 12.6).is_err());
    }

    #[test]
    fn asking_does_not_take_and_a_long_window_refills_slowly() {
        let l = RateLimiter::default();
        let w = Window {
            capacity: 3,
            seconds: 900.0,
        };
        for _ in 0..10 {
            assert!(
                l.take_at("signin", "a", w, 0.0, false).is_ok(),
                "asking is free"
            );
        }
        for _ in 0..3 {
            assert!(l.take_at("signin", "a", w, 0.0, true).is_ok());
        }
        let refused = l.take_at("signin", "a", w, 0.0, false).unwrap_err();
        assert_eq!(refused.retry_after_secs, 300);
        assert!(l.take_at("signin", "a", w, 299.0, false).is_err());
        assert!(l.take_at("signin", "a", w, 301.0, false).is_ok());
    }

    #[test]
    fn a_window_allows_its_limit_then_says_when_the_next_starts() {
        assert!(window_answer(5, 5, 600, 610).is_ok());
        assert_eq!(
            window_answer(6, 5, 600, 610),
            Err(TooMany {
                retry_after_secs: 50
            })
        );
        assert_eq!(
            window_answer(6, 5, 600, 660),
            Err(TooMany {
                retry_after_secs: 1
            })
        );
    }
}
