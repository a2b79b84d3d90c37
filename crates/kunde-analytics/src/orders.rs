//! A customer's orders as the value reports see them: events with a positive amount, up to
//! `now`, in time order. Refunds and zero amounts are not orders.

use crate::CustomerEvents;

/// The (time, amount) of each order of a customer up to and including `now`.
pub fn orders_until<'a>(
    events: &'a CustomerEvents<'a>,
    now: i64,
) -> impl Iterator<Item = (i64, f64)> + 'a {
    events
        .times
        .iter()
        .zip(events.amounts)
        .take_while(move |(t, _)| **t <= now)
        .filter(|(_, a)| **a > 0.0)
        .map(|(&t, &a)| (t, a))
}

/// The times of a customer's orders up to `now`, written into `out` (cleared first).
pub fn order_times_into(events: &CustomerEvents<'_>, now: i64, out: &mut Vec<i64>) {
    out.clear();
    out.extend(orders_until(events, now).map(|(t, _)| t));
}

/// The distinct days (days since 1970-01-01, UTC) of a customer's orders up to `now`:
/// several orders on one day are one purchase, as in the lifetime-value models.
pub fn order_days_into(events: &CustomerEvents<'_>, now: i64, out: &mut Vec<i64>) {
    out.clear();
    for (t, _) in orders_until(events, now) {
        let day = crate::civil::day_of(t);
        if out.last() != Some(&day) {
            out.push(day);
        }
    }
}
