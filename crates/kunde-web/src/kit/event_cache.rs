//! A per-workspace cache of built event logs for the analytics pages.
//!
//! Loading and sorting millions of events takes seconds; a funnel over a built log takes
//! milliseconds. So the log is built once and kept. Each request reads the store's
//! [`QuickFingerprint`] (the database's largest event and customer ids and the workspace's
//! `analytics_changes` counter, which triggers move when a customer or one of its events is
//! deleted or changed: three primary-key reads): unchanged, the cached log is used as is. Changed,
//! [`Store::new_since`] reads only the customers and events newer than the log
//! (and re-reads a small window below its largest id for events that committed late) and
//! [`AnalyticsData::with_new`] merges them into it ([`kunde_analytics::EventLog::append`]:
//! no rebuild, and in place once the cache has let go of its reference and no request still
//! reads the old log), or [`Store::new_since`] says that
//! something else changed (a deleted customer or event, an erasure) and the log is loaded
//! again. Changes no cheap read can see (an older visitor event joined to a customer, an
//! event deleted further back) are caught by a full check of the counts up to the log's
//! largest ids ([`Store::events_fingerprint_upto`]) in the background at most a minute later.
//! A log read from its file after a restart is checked the same way: the counter and the
//! erasures at once, the counts in the background right after (counting 10M events took
//! longer than reading the file).
//! Only one request per workspace loads at a time; the others wait for it and share it.
//! A log not used for [`DEFAULT_IDLE`] (configurable) is dropped from memory; its file
//! makes the next load cheap.

use kunde_domain::{TouchpointId, WorkspaceId};
use kunde_store::{AnalyticsData, NewSince, QuickFingerprint, Store, StoreError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// At most this many workspaces keep a log in memory; the least recently used goes first.
const MAX_WORKSPACES: usize = 8;

/// How old a full check may be before a request starts another in the background.
const FULL_CHECK_EVERY: Duration = Duration::from_secs(60);

/// How long a log stays in memory without being used, unless configured otherwise.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(30 * 60);

struct Entry {
    data: Arc<AnalyticsData>,
    quick: QuickFingerprint,
    full_check: Instant,
    checking: bool,
    used: u64,
    last_used: Instant,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<WorkspaceId, Entry>,
    loading: HashMap<WorkspaceId, Arc<tokio::sync::Mutex<()>>>,
    /// The default funnel found for a log (by address) and a touchpoint list (by digest).
    defaults: HashMap<WorkspaceId, (usize, u64, Vec<TouchpointId>)>,
    uses: u64,
    /// When each workspace's log was last written to its file, and which log (generation).
    written: HashMap<WorkspaceId, (Instant, u64)>,
    /// Whether the task that drops idle logs runs.
    sweeping: bool,
}

/// How the cache got the logs it handed out, since it was made (for tests and the log).
#[derive(Debug, Default)]
struct Counts {
    database: AtomicU64,
    file: AtomicU64,
    appended: AtomicU64,
}

/// How many logs were loaded from the database, read from their file, and brought up to
/// date by appending new events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadCounts {
    pub database: u64,
    pub file: u64,
    pub appended: u64,
}

/// Cheap to clone: all clones share one cache.
#[derive(Clone)]
pub struct AnalyticsCache {
    inner: Arc<Mutex<Inner>>,
    /// Where built logs are kept between starts, if anywhere.
    dir: Option<Arc<PathBuf>>,
    /// A log unused this long is dropped from memory.
    idle: Duration,
    counts: Arc<Counts>,
}

impl Default for AnalyticsCache {
    fn default() -> Self {
        Self {
            inner: Default::default(),
            dir: None,
            idle: DEFAULT_IDLE,
            counts: Default::default(),
        }
    }
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

    /// The same cache dropping a log after `idle` without use.
    pub fn idle_after(mut self, idle: Duration) -> Self {
        self.idle = idle;
        self
    }

    /// How the logs handed out so far were obtained.
    pub fn load_counts(&self) -> LoadCounts {
        LoadCounts {
            database: self.counts.database.load(Ordering::Relaxed),
            file: self.counts.file.load(Ordering::Relaxed),
            appended: self.counts.appended.load(Ordering::Relaxed),
        }
    }

    /// Whether a log of the workspace is in memory.
    pub fn holds(&self, ws: WorkspaceId) -> bool {
        self.lock().entries.contains_key(&ws)
    }

    fn file(&self, ws: WorkspaceId) -> Option<PathBuf> {
        file_in(self.dir.as_deref()?, ws)
    }

    /// The workspace's log from its file, if there is one and nothing it holds has changed
    /// in place in the database since it was written (newer events and customers are then
    /// added by the caller; a visitor joined to a customer meanwhile is for the background
    /// check that follows); a stale or damaged file is removed.
    async fn read_file(&self, store: &Store, ws: WorkspaceId) -> Option<AnalyticsData> {
        let path = self.file(ws)?;
        let data = tokio::task::spawn_blocking(move || {
            AnalyticsData::from_bytes(&read_in_two(&path).ok()?)
        })
        .await
        .ok()
        .flatten();
        let unchanged = match &data {
            Some(d) => store.unchanged_in_place(ws, &d.fingerprint).await.ok()?,
            None => false,
        };
        match data {
            Some(mut d) if unchanged => {
                d.recent_event_ids = store
                    .recent_event_ids(ws, d.fingerprint.max_event_id)
                    .await
                    .ok()?;
                Some(d)
            }
            _ => {
                self.remove_file(ws);
                None
            }
        }
    }

    /// The workspace's log from its file brought up to date, or else from the database.
    async fn load(
        &self,
        store: &Store,
        ws: WorkspaceId,
    ) -> Result<(AnalyticsData, &'static str), StoreError> {
        if let Some(data) = self.read_file(store, ws).await {
            match store.new_since(ws, &data).await? {
                NewSince::Current => {
                    self.counts.file.fetch_add(1, Ordering::Relaxed);
                    return Ok((data, "file"));
                }
                NewSince::New(new) => {
                    // Only this function holds the log: the events go in in place.
                    if let Some(data) = with_new(Arc::new(data), new).await? {
                        self.counts.file.fetch_add(1, Ordering::Relaxed);
                        self.counts.appended.fetch_add(1, Ordering::Relaxed);
                        return Ok((data, "file and appended"));
                    }
                    self.remove_file(ws);
                }
                NewSince::Reload => self.remove_file(ws),
            }
        }
        self.counts.database.fetch_add(1, Ordering::Relaxed);
        Ok((store.load_event_log(ws).await?, "database"))
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
    /// `always`).
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
                    .is_some_and(|(t, _)| t.elapsed() < WRITE_EVERY)
            {
                return;
            }
            inner.written.insert(ws, (Instant::now(), data.generation));
        }
        tokio::task::spawn_blocking(move || write_data(&path, &data));
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
        let started = Instant::now();
        // Only new events and customers since the cached log: add them to it instead of
        // reading everything. (A log on another zone's calendar is not reused.)
        let cached = self
            .lock()
            .entries
            .get(&ws)
            .map(|e| (e.data.clone(), e.full_check))
            .filter(|(d, _)| d.log.zone() == zone);
        let mut full_check = Instant::now();
        let previous = cached.as_ref().map(|(d, _)| Arc::as_ptr(d) as usize);
        let (mut data, source) = match cached {
            Some((old, checked)) => match store.new_since(ws, &old).await? {
                NewSince::Current => {
                    if let Some(e) = self.lock().entries.get_mut(&ws) {
                        e.quick = quick;
                        e.last_used = Instant::now();
                    }
                    return Ok(old);
                }
                NewSince::New(new) => {
                    // Let go of the cache's reference (requests meanwhile wait at the gate
                    // and find the new log): when no request still reads the old log, the
                    // new events go into it in place instead of into a copy of its columns.
                    self.lock().entries.remove(&ws);
                    match with_new(old, new).await? {
                        Some(data) => {
                            self.counts.appended.fetch_add(1, Ordering::Relaxed);
                            // The older events were not checked again.
                            full_check = checked;
                            (data, "appended")
                        }
                        None => self.load(store, ws).await?,
                    }
                }
                NewSince::Reload => self.load(store, ws).await?,
            },
            None => self.load(store, ws).await?,
        };
        data.log.set_zone(zone.clone());
        if source.starts_with("file") {
            // Only the cheap check ran: the counts are checked by the next request, in the
            // background.
            full_check = Instant::now()
                .checked_sub(FULL_CHECK_EVERY * 2)
                .unwrap_or(full_check);
        }
        let data = Arc::new(data);
        if source == "file" {
            // The file holds exactly this log: the first append after a restart need not
            // write it again at once (200 MB at 10M events, beside the requests, and holding
            // the log makes appends meanwhile copy it), but as after any append.
            self.lock()
                .written
                .insert(ws, (Instant::now(), data.generation));
        }
        match source {
            "file" => {}
            "appended" => self.write_file(ws, data.clone(), false),
            _ => self.write_file(ws, data.clone(), true),
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
                full_check,
                checking: false,
                used,
                last_used: Instant::now(),
            },
        );
        if !inner.sweeping {
            inner.sweeping = true;
            tokio::spawn(sweep(
                Arc::downgrade(&self.inner),
                self.dir.clone(),
                self.idle,
            ));
        }
        // New events do not change which funnel is shown by default (working it out again
        // cost more than the funnel itself at 10M events): it moves to the appended log.
        match (source, inner.defaults.get_mut(&ws)) {
            ("appended", Some((log, _, _))) if Some(*log) == previous => {
                *log = Arc::as_ptr(&data) as usize;
            }
            _ => {
                inner.defaults.remove(&ws);
            }
        }
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
        e.last_used = Instant::now();
        if e.full_check.elapsed() > FULL_CHECK_EVERY && !e.checking {
            e.checking = true;
            // Only the log's generation and fingerprint: holding the log itself would make
            // appends meanwhile copy it instead of taking the events in place.
            let (cache, store) = (self.clone(), store.clone());
            let (generation, expected) = (e.data.generation, e.data.fingerprint);
            tokio::spawn(async move { cache.full_check(&store, ws, generation, expected).await });
        }
        Some(e.data.clone())
    }

    /// Checks the counts of everything the log holds (up to its largest ids) against the
    /// database; a log that no longer matches is dropped, with its file.
    async fn full_check(
        &self,
        store: &Store,
        ws: WorkspaceId,
        generation: u64,
        expected: kunde_store::EventsFingerprint,
    ) {
        let result = store.events_fingerprint_upto(ws, &expected).await;
        let mut inner = self.lock();
        let Some(e) = inner.entries.get_mut(&ws) else {
            return;
        };
        if e.data.generation != generation {
            return;
        }
        e.checking = false;
        match result {
            Ok(fp) if fp == expected => e.full_check = Instant::now(),
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

/// The file's bytes, its two halves read side by side: at 10M events a cold start spent a
/// sixth of its time in one thread copying the file into fresh memory.
#[cfg(unix)]
fn read_in_two(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).map_err(std::io::Error::other)?;
    let mut bytes = vec![0u8; len];
    let (first, second) = bytes.split_at_mut(len / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| file.read_exact_at(second, (len / 2) as u64));
        file.read_exact_at(first, 0)?;
        other
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("reading the log file panicked")))
    })?;
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_in_two(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// [`AnalyticsData::with_new`] off the async threads.
async fn with_new(
    old: Arc<AnalyticsData>,
    new: kunde_store::NewRows,
) -> Result<Option<AnalyticsData>, StoreError> {
    tokio::task::spawn_blocking(move || AnalyticsData::with_new(old, new))
        .await
        .map_err(|e| StoreError::Corrupt(format!("appending to the event log: {e}")))?
}

fn file_in(dir: &std::path::Path, ws: WorkspaceId) -> Option<PathBuf> {
    Some(dir.join(format!("events-{}.bin", ws.0)))
}

/// Writes a log to its file: to a temporary file first, then renamed, so a crash leaves the
/// old file or the new one, never half of one.
fn write_data(path: &std::path::Path, data: &AnalyticsData) {
    let bytes = data.to_bytes();
    let tmp = path.with_extension("tmp");
    let result = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&tmp, &bytes))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        tracing::warn!(error = %e, path = %path.display(), "keeping the event log in a file failed");
    }
}

/// Drops logs unused for `idle` from memory, writing out first any whose file is behind,
/// until the cache itself is gone.
async fn sweep(inner: Weak<Mutex<Inner>>, dir: Option<Arc<PathBuf>>, idle: Duration) {
    let every = (idle / 4).clamp(Duration::from_millis(20), Duration::from_secs(60));
    loop {
        tokio::time::sleep(every).await;
        let Some(inner) = inner.upgrade() else {
            return;
        };
        let mut dropped = Vec::new();
        {
            let mut guard = inner.lock().unwrap_or_else(|e| e.into_inner());
            let idle_ones: Vec<WorkspaceId> = guard
                .entries
                .iter()
                .filter(|(_, e)| e.last_used.elapsed() >= idle)
                .map(|(ws, _)| *ws)
                .collect();
            for ws in idle_ones {
                if let Some(e) = guard.entries.remove(&ws) {
                    guard.defaults.remove(&ws);
                    let written = guard.written.get(&ws).map(|(_, g)| *g);
                    if written != Some(e.data.generation) {
                        guard
                            .written
                            .insert(ws, (Instant::now(), e.data.generation));
                        dropped.push((ws, e.data));
                    }
                    tracing::info!(workspace = ws.0, "idle event log dropped from memory");
                }
            }
        }
        drop(inner);
        if let Some(dir) = &dir {
            for (ws, data) in dropped {
                if let Some(path) = file_in(dir, ws) {
                    let _ = tokio::task::spawn_blocking(move || write_data(&path, &data)).await;
                }
            }
        }
    }
}
