//! A per-workspace cache of built event logs for the analytics pages.
//!
//! Loading and sorting millions of events takes seconds; a funnel over a built log takes
//! milliseconds. So the log is built once and kept. Each request reads the store's
//! [`QuickFingerprint`] (the database's largest event id and the workspace's customers, in
//! near-constant time): unchanged, the cached log is used as is. Changed, the full
//! [`EventsFingerprint`](kunde_store::EventsFingerprint) (a scan of the workspace's events in an index) decides whether the
//! workspace's own events changed, or another workspace's did. When the only change is new
//! events, just those rows are read and the log rebuilt in memory; otherwise it is loaded
//! again. Changes that the quick check cannot see (a visitor joined to a customer, a deleted
//! touchpoint) are caught by a full check in the background at most a minute later.
//! Only one request per workspace loads at a time; the others wait for it and share it.

use kunde_domain::{TouchpointId, WorkspaceId};
use kunde_store::{AnalyticsData, QuickFingerprint, Store, StoreError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// At most this many workspaces keep a log in memory; the least recently used goes first.
const MAX_WORKSPACES: usize = 8;

/// How old a full check may be before a request starts another in the background.
const FULL_CHECK_EVERY: Duration = Duration::from_secs(60);

struct Entry {
    data: Arc<AnalyticsData>,
    quick: QuickFingerprint,
    full_check: Instant,
    checking: bool,
    used: u64,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<WorkspaceId, Entry>,
    loading: HashMap<WorkspaceId, Arc<tokio::sync::Mutex<()>>>,
    /// The default funnel found for a log (by address) and a touchpoint list (by digest).
    defaults: HashMap<WorkspaceId, (usize, u64, Vec<TouchpointId>)>,
    uses: u64,
    /// When each workspace's log was last written to its file.
    written: HashMap<WorkspaceId, Instant>,
}

/// Cheap to clone: all clones share one cache.
#[derive(Clone, Default)]
pub struct AnalyticsCache {
    inner: Arc<Mutex<Inner>>,
    /// Where built logs are kept between starts, if anywhere.
    dir: Option<Arc<PathBuf>>,
}

/// A log rebuilt by appending new events is written out at most this often; a full load
/// always is.
const WRITE_EVERY: Duration = Duration::from_secs(300);

impl std::fmt::Debug for AnalyticsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AnalyticsCache")
    }
}

impl AnalyticsCache {
    /// A cache that keeps each built log in `dir` too (`events-{workspace}.bin`): after a
    /// restart the file is used when the database's [`kunde_store::EventsFingerprint`] still
    /// matches it, and removed when it does not. The file is never the source of truth.
    pub fn kept_in(dir: PathBuf) -> Self {
        Self {
            dir: Some(Arc::new(dir)),
            ..Self::default()
        }
    }

    fn file(&self, ws: WorkspaceId) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("events-{}.bin", ws.0)))
    }

    /// The workspace's log from its file, if there is one and the database has not changed
    /// since it was written; a stale or damaged file is removed.
    async fn read_file(&self, store: &Store, ws: WorkspaceId) -> Option<AnalyticsData> {
        let path = self.file(ws)?;
        let bytes = tokio::fs::read(&path).await.ok()?;
        let current = store.events_fingerprint(ws).await.ok()?;
        let data = tokio::task::spawn_blocking(move || AnalyticsData::from_bytes(&bytes))
            .await
            .ok()
            .flatten();
        match data {
            Some(d) if d.fingerprint == current => Some(d),
            _ => {
                self.remove_file(ws);
                None
            }
        }
    }

    fn remove_file(&self, ws: WorkspaceId) {
        if let Some(path) = self.file(ws)
            && let Err(e) = std::fs::remove_file(&path)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(error = %e, path = %path.display(), "removing a stale event log file failed");
        }
    }

    /// Writes the log to its file in the background (at most every [`WRITE_EVERY`] unless
    /// `always`): to a temporary file first, then renamed, so a crash leaves the old file or
    /// the new one, never half of one.
    fn write_file(&self, ws: WorkspaceId, data: Arc<AnalyticsData>, always: bool) {
        let Some(path) = self.file(ws) else {
            return;
        };
        {
            let mut inner = self.lock();
            if !always
                && inner
                    .written
                    .get(&ws)
                    .is_some_and(|t| t.elapsed() < WRITE_EVERY)
            {
                return;
            }
            inner.written.insert(ws, Instant::now());
        }
        tokio::task::spawn_blocking(move || {
            let bytes = data.to_bytes();
            let tmp = path.with_extension("tmp");
            let result = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&tmp, &bytes))
                .and_then(|()| std::fs::rename(&tmp, &path));
            if let Err(e) = result {
                tracing::warn!(error = %e, path = %path.display(), "keeping the event log in a file failed");
            }
        });
    }

    /// The workspace's current event log on the calendar of the time zone `zone_name` (the
    /// business's), loaded only if its events or its zone changed since it was last built.
    pub async fn get(
        &self,
        store: &Store,
        ws: WorkspaceId,
        zone_name: &str,
    ) -> Result<Arc<AnalyticsData>, StoreError> {
        let zone = crate::kit::format::analytics_zone(zone_name);
        let zone = &zone;
        let quick = store.quick_fingerprint(ws).await?;
        if let Some(data) = self.fresh(store, ws, quick, zone) {
            return Ok(data);
        }
        let gate = self.lock().loading.entry(ws).or_default().clone();
        let _loading = gate.lock().await;
        // Another request may have loaded it while this one waited.
        if let Some(data) = self.fresh(store, ws, quick, zone) {
            return Ok(data);
        }
        // Something changed somewhere: does it concern this workspace? (A log on another
        // zone's calendar is not reused.)
        let cached = self
            .lock()
            .entries
            .get(&ws)
            .map(|e| e.data.clone())
            .filter(|d| d.log.zone() == zone);
        if let Some(data) = cached
            && store.events_fingerprint(ws).await? == data.fingerprint
        {
            if let Some(e) = self.lock().entries.get_mut(&ws) {
                e.quick = quick;
                e.full_check = Instant::now();
            }
            return Ok(data);
        }
        let started = Instant::now();
        // Only new events since the cached log: add them instead of reading everything.
        let cached = self
            .lock()
            .entries
            .get(&ws)
            .map(|e| e.data.clone())
            .filter(|d| d.log.zone() == zone);
        let appended = match cached {
            Some(old) => store.append_to_event_log(ws, &old).await?,
            None => None,
        };
        let (mut data, source) = match appended {
            Some(data) => (data, "appended"),
            None => match self.read_file(store, ws).await {
                Some(data) => (data, "file"),
                None => (store.load_event_log(ws).await?, "database"),
            },
        };
        data.log.set_zone(zone.clone());
        let data = Arc::new(data);
        match source {
            "database" => self.write_file(ws, data.clone(), true),
            "appended" => self.write_file(ws, data.clone(), false),
            _ => {}
        }
        tracing::info!(
            workspace = ws.0,
            events = data.log.event_count(),
            customers = data.log.customer_count(),
            millis = started.elapsed().as_millis() as u64,
            source,
            "event log loaded for analytics"
        );
        let mut inner = self.lock();
        inner.uses += 1;
        let used = inner.uses;
        inner.entries.insert(
            ws,
            Entry {
                data: data.clone(),
                quick,
                full_check: Instant::now(),
                checking: false,
                used,
            },
        );
        inner.defaults.remove(&ws);
        while inner.entries.len() > MAX_WORKSPACES {
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(ws, _)| *ws);
            if let Some(oldest) = oldest {
                inner.entries.remove(&oldest);
                inner.defaults.remove(&oldest);
            }
        }
        Ok(data)
    }

    /// The cached log if the quick check finds it current. Starts a full check in the
    /// background when the last one is old.
    fn fresh(
        &self,
        store: &Store,
        ws: WorkspaceId,
        quick: QuickFingerprint,
        zone: &kunde_analytics::Zone,
    ) -> Option<Arc<AnalyticsData>> {
        let mut inner = self.lock();
        inner.uses += 1;
        let used = inner.uses;
        let e = inner.entries.get_mut(&ws)?;
        if e.quick != quick || e.data.log.zone() != zone {
            return None;
        }
        e.used = used;
        if e.full_check.elapsed() > FULL_CHECK_EVERY && !e.checking {
            e.checking = true;
            let (cache, store, expected) = (self.clone(), store.clone(), e.data.clone());
            tokio::spawn(async move { cache.full_check(&store, ws, expected).await });
        }
        Some(e.data.clone())
    }

    async fn full_check(&self, store: &Store, ws: WorkspaceId, expected: Arc<AnalyticsData>) {
        let result = store.events_fingerprint(ws).await;
        let mut inner = self.lock();
        let Some(e) = inner.entries.get_mut(&ws) else {
            return;
        };
        if !Arc::ptr_eq(&e.data, &expected) {
            return;
        }
        e.checking = false;
        match result {
            Ok(fp) if fp == expected.fingerprint => e.full_check = Instant::now(),
            Ok(_) => {
                // Changed: the next request loads the log again, and the file (which may
                // hold a name since erased) goes now.
                inner.entries.remove(&ws);
                inner.defaults.remove(&ws);
                drop(inner);
                self.remove_file(ws);
            }
            Err(err) => tracing::warn!(error = %err, "checking the analytics cache failed"),
        }
    }

    /// The default funnel steps remembered for this log and touchpoint list, if any.
    pub fn default_steps(
        &self,
        ws: WorkspaceId,
        data: &Arc<AnalyticsData>,
        key: u64,
    ) -> Option<Vec<TouchpointId>> {
        let inner = self.lock();
        let (log, k, steps) = inner.defaults.get(&ws)?;
        (*log == Arc::as_ptr(data) as usize && *k == key).then(|| steps.clone())
    }

    /// Remembers the default funnel steps, only for the log still cached: its address
    /// cannot be reused while it lives, and a replaced log drops what was remembered.
    pub fn remember_default_steps(
        &self,
        ws: WorkspaceId,
        data: &Arc<AnalyticsData>,
        key: u64,
        steps: Vec<TouchpointId>,
    ) {
        let mut inner = self.lock();
        if inner
            .entries
            .get(&ws)
            .is_some_and(|e| Arc::ptr_eq(&e.data, data))
        {
            inner
                .defaults
                .insert(ws, (Arc::as_ptr(data) as usize, key, steps));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The cache holds no invariant a panicking holder could break: recover the data.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}
