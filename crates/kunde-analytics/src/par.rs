//! Data parallelism over scoped threads, for the scans of large logs.
//!
//! Work is cut into chunks that depend only on the data (never on the number of threads),
//! and partial results are merged in chunk order, so every result — floating-point sums
//! included — is the same on every machine. Small inputs run on the calling thread.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::EventLog;

/// Below this many events per thread, spawning threads costs more than it saves.
const MIN_EVENTS_PER_THREAD: usize = 200_000;

/// Events per chunk of customers in [`customer_chunks`].
pub(crate) const CHUNK_EVENTS: usize = 1 << 20;

/// The number of threads worth using for `events` events of work.
pub(crate) fn threads_for(events: usize) -> usize {
    static AVAILABLE: OnceLock<usize> = OnceLock::new();
    let available =
        *AVAILABLE.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    available.min(events / MIN_EVENTS_PER_THREAD).clamp(1, 64)
}

/// Consecutive ranges of customers with about `target_events` events each (a customer is
/// never split). The ranges cover every customer, in order; an empty log gives one range.
pub(crate) fn customer_chunks(log: &EventLog, target_events: usize) -> Vec<Range<usize>> {
    let offsets = log.offsets();
    let customers = log.customer_count();
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < customers {
        let goal = offsets[start] as usize + target_events.max(1);
        // The first customer whose events start at or after the goal ends the chunk.
        let end =
            start + 1 + offsets[start + 1..customers].partition_point(|&o| (o as usize) < goal);
        chunks.push(start..end.min(customers));
        start = end;
    }
    if chunks.is_empty() {
        chunks.push(0..0);
    }
    chunks
}

/// Applies `f` to every item on up to `threads` threads and returns the results in item
/// order. Threads take the next item as they become free, so on a busy machine a thread
/// that gets less CPU time simply does fewer items instead of holding the others up.
pub(crate) fn map<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let count = items.len();
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(i) else {
                return done;
            };
            let item = slot
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take()
                .expect("each item is taken once");
            done.push((i, f(item)));
        }
    };
    let work = &work;
    let parts = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = vec![work()];
        for handle in handles {
            match handle.join() {
                Ok(part) => parts.push(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        parts
    });
    let mut results: Vec<Option<R>> = (0..count).map(|_| None).collect();
    for (i, r) in parts.into_iter().flatten() {
        results[i] = Some(r);
    }
    results
        .into_iter()
        .map(|r| r.expect("every item was done"))
        .collect()
}

/// Splits `slice` into consecutive pieces of the given lengths.
pub(crate) fn split_lengths<T>(
    mut slice: &mut [T],
    lengths: impl IntoIterator<Item = usize>,
) -> Vec<&mut [T]> {
    let mut pieces = Vec::new();
    for len in lengths {
        let (head, tail) = std::mem::take(&mut slice).split_at_mut(len);
        pieces.push(head);
        slice = tail;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_item_order_on_any_number_of_threads() {
        for threads in 1..5 {
            let out = map((0..10).collect(), threads, |i: i32| i * i);
            assert_eq!(out, (0..10).map(|i| i * i).collect::<Vec<_>>());
        }
        assert!(map(Vec::<i32>::new(), 3, |i| i).is_empty());
    }

    #[test]
    fn split_lengths_cuts_consecutive_pieces() {
        let mut v = [1, 2, 3, 4, 5];
        let pieces = split_lengths(&mut v, [2, 0, 3]);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[2], &[3, 4, 5]);
    }
}
