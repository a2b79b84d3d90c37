//! A per-workspace cache of built event logs for the analytics pages.
//!
//! Loading and sorting millions of events takes seconds; a funnel over a built log takes
//! milliseconds. So the log is built once and kept, and each request first asks the store
//! for the workspace's [`EventsFingerprint`] (one index scan): if it matches the cached
//! log's, the log is current and used as is; if not, it is loaded again. Only one request per
//! workspace loads at a time; the others wait for it and share the result.

use kunde_domain::{TouchpointId, WorkspaceId};
use kunde_store::{AnalyticsData, Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// At most this many workspaces keep a log in memory; the least recently used goes first.
const MAX_WORKSPACES: usize = 8;

#[derive(Default)]
struct Inner {
    /// The log of each workspace and when it was last used (a request counter).
    entries: HashMap<WorkspaceId, (Arc<AnalyticsData>, u64)>,
    loading: HashMap<WorkspaceId, Arc<tokio::sync::Mutex<()>>>,
    /// The default funnel found for a log (by address) and a touchpoint list (by digest).
    defaults: HashMap<WorkspaceId, (usize, u64, Vec<TouchpointId>)>,
    uses: u64,
}

/// Cheap to clone: all clones share one cache.
#[derive(Clone, Default)]
pub struct AnalyticsCache {
    inner: Arc<Mutex<Inner>>,
}

impl std::fmt::Debug for AnalyticsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AnalyticsCache")
    }
}

impl AnalyticsCache {
    /// The workspace's current event log, loaded only if the events changed since it was
    /// last built.
    pub async fn get(&self, store: &Store, ws: WorkspaceId) -> Result<Arc<AnalyticsData>, StoreError> {
        let fingerprint = store.events_fingerprint(ws).await?;
        if let Some(data) = self.current(ws, |d| d.fingerprint == fingerprint) {
            return Ok(data);
        }
        let gate = {
            let mut inner = self.lock();
            inner.loading.entry(ws).or_default().clone()
        };
        let _loading = gate.lock().await;
        // Another request may have loaded it while this one waited.
        if let Some(data) = self.current(ws, |d| d.fingerprint == fingerprint) {
            return Ok(data);
        }
        let started = std::time::Instant::now();
        let data = Arc::new(store.load_event_log(ws).await?);
        tracing::info!(
            workspace = ws.0,
            events = data.log.event_count(),
            customers = data.log.customer_count(),
            millis = started.elapsed().as_millis() as u64,
            "event log loaded for analytics"
        );
        let mut inner = self.lock();
        inner.uses += 1;
        let now = inner.uses;
        inner.entries.insert(ws, (data.clone(), now));
        inner.defaults.remove(&ws);
        while inner.entries.len() > MAX_WORKSPACES {
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(ws, _)| *ws);
            if let Some(oldest) = oldest {
                inner.entries.remove(&oldest);
                inner.defaults.remove(&oldest);
            }
        }
        Ok(data)
    }

    /// The default funnel steps remembered for this log and touchpoint list, if any.
    pub fn default_steps(&self, ws: WorkspaceId, data: &Arc<AnalyticsData>, key: u64) -> Option<Vec<TouchpointId>> {
        let inner = self.lock();
        let (log, k, steps) = inner.defaults.get(&ws)?;
        (*log == Arc::as_ptr(data) as usize && *k == key).then(|| steps.clone())
    }

    pub fn remember_default_steps(&self, ws: WorkspaceId, data: &Arc<AnalyticsData>, key: u64, steps: Vec<TouchpointId>) {
        // Only for the log still cached: its address cannot be reused while it lives.
        let mut inner = self.lock();
        if inner.entries.get(&ws).is_some_and(|(d, _)| Arc::ptr_eq(d, data)) {
            inner.defaults.insert(ws, (Arc::as_ptr(data) as usize, key, steps));
        }
    }

    fn current(
        &self,
        ws: WorkspaceId,
        fresh: impl Fn(&AnalyticsData) -> bool,
    ) -> Option<Arc<AnalyticsData>> {
        let mut inner = self.lock();
        inner.uses += 1;
        let now = inner.uses;
        let (data, used) = inner.entries.get_mut(&ws)?;
        if !fresh(data) {
            return None;
        }
        *used = now;
        Some(data.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The cache holds no invariant a panicking holder could break: recover the data.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}
