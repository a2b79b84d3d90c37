//! Figures computed from a workspace's cached event log, remembered for that log and day: a
//! page's second view costs a lookup, not a pass over millions of events. A new event gives a
//! new log (another fingerprint and generation), a new day another key. At most
//! [`WORKSPACES`] workspaces keep figures, each at most [`FIGURES`] of them.
//!
//! Only figures computed from the log alone (and `now`, to the day) may be kept here, or
//! figures whose key names every other input (a digest of it): figures that also read other
//! tables would not see those tables change. Events read from the database are covered by
//! the log's fingerprint.

use kunde_domain::WorkspaceId;
use kunde_store::{AnalyticsData, EventsFingerprint};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

const WORKSPACES: usize = 8;
const FIGURES: usize = 64;

type LogKey = (u64, EventsFingerprint, i64);
type Entry = (LogKey, HashMap<String, Arc<dyn Any + Send + Sync>>);

static MEMO: LazyLock<Mutex<HashMap<WorkspaceId, Entry>>> = LazyLock::new(Default::default);

/// `compute()` for workspace `ws`'s log `data` on the day of `now`, under `key` (the page
/// and every parameter the figures depend on), computed once while the log and day last.
pub fn remember<T: Send + Sync + 'static>(
    ws: WorkspaceId,
    data: &Arc<AnalyticsData>,
    now: i64,
    key: String,
    compute: impl FnOnce() -> T,
) -> Arc<T> {
    if let Some(found) = get(ws, data, now, &key) {
        return found;
    }
    put(ws, data, now, key, compute())
}

fn log_key(data: &Arc<AnalyticsData>, now: i64) -> LogKey {
    (data.generation, data.fingerprint, now.div_euclid(86_400))
}

/// What was remembered under `key` for this log and day, if anything.
pub fn get<T: Send + Sync + 'static>(
    ws: WorkspaceId,
    data: &Arc<AnalyticsData>,
    now: i64,
    key: &str,
) -> Option<Arc<T>> {
    let log_key = log_key(data, now);
    let hit = MEMO.lock().ok().and_then(|m| {
        let (k, figures) = m.get(&ws)?;
        (*k == log_key).then(|| figures.get(key).cloned())?
    });
    hit.and_then(|f| f.downcast::<T>().ok())
}

/// Remembers `value` under `key` for this log and day (for figures computed asynchronously).
pub fn put<T: Send + Sync + 'static>(
    ws: WorkspaceId,
    data: &Arc<AnalyticsData>,
    now: i64,
    key: String,
    value: T,
) -> Arc<T> {
    let log_key = log_key(data, now);
    let value = Arc::new(value);
    if let Ok(mut m) = MEMO.lock() {
        if m.len() >= WORKSPACES && !m.contains_key(&ws) {
            m.clear();
        }
        let entry = m.entry(ws).or_insert_with(|| (log_key, HashMap::new()));
        if entry.0 != log_key || entry.1.len() >= FIGURES {
            *entry = (log_key, HashMap::new());
        }
        entry.1.insert(key, value.clone());
    }
    value
}
