//! Kunde's demo business: a deterministic generator of two years of a small Danish bike shop
//! ("Cykelværkstedet Nørrebro"), so that every page of Kunde has something true-looking to
//! show the moment someone runs `kunde demo`.
//!
//! The same [`DemoOptions`] always give the same [`WorkspaceImport`]: all randomness comes
//! from ChaCha8 seeded with `seed`, one stream for the shop and one per customer, so changing
//! one customer's story does not reshuffle everyone else's. Only `today` moves with the clock,
//! and the whole history is placed in the two years before it.
//!
//! The data is built to make the analytics say something: seasonality (spring and summer
//! peaks), a clearly worse touchpoint ("Call to book", with long waits that lose bookings and
//! customers), customers who drift away, and repeat buying that the BG/NBD model fits.

mod business;
mod calendar;
mod cases;
mod catalog;
mod competitors;
mod history;
mod journeys;
mod kb;
mod people;
mod redesign;
mod sample;
mod spend;
mod surveys;

use kunde_domain::{ImportOrder, WorkspaceImport};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use business::touchpoints;
use calendar::{DAY, HOUR, open_at, season};
pub use spend::marketing_spend;

pub const DEMO_OWNER_EMAIL: &str = "owner@demo.kunde.test";
pub const DEMO_STAFF_EMAIL: &str = "staff@demo.kunde.test";
/// The password every demo user signs in with; the caller hashes it and passes the hashes in.
pub const DEMO_PASSWORD: &str = "demo-password";

/// The length of the generated history.
pub const HISTORY_DAYS: i64 = 730;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
    /// Unix seconds: the end of the history, normally now.
    pub today: i64,
    /// How many customers the shop acquired over the two years.
    pub customers: usize,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            seed: 2024,
            today: 1_767_225_600, // 2026-01-01
            customers: 3000,
        }
    }
}

/// Generates the demo business. The password hashes are computed by the caller (hashing is
/// the web layer's job); the owner gets the first, all three staff members the second.
pub fn generate(
    opts: &DemoOptions,
    owner_password_hash: String,
    staff_password_hash: String,
) -> WorkspaceImport {
    let today = opts.today;
    let start = today - HISTORY_DAYS * DAY;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);

    // Customers first, in order of acquisition, so that customer indexes read as a timeline.
    let mut people = people::People::default();
    let mut customers: Vec<_> = (0..opts.customers)
        .map(|_| {
            let created_at = acquisition_time(&mut rng, start, today);
            let mut customer = people.customer(&mut rng, created_at);
            // Walk-ins arrive while the shop is open.
            if customer.acquisition_channel.as_ref().map(|c| c.as_str()) == Some("walk_in") {
                customer.created_at = open_at(&mut rng, customer.created_at);
            }
            customer
        })
        .collect();
    customers.sort_by_key(|c| c.created_at);

    let mut log = history::Log::default();
    for (index, customer) in customers.iter().enumerate() {
        let mut own = ChaCha8Rng::seed_from_u64(opts.seed);
        own.set_stream(index as u64 + 1);
        let channel = customer
            .acquisition_channel
            .as_ref()
            .map_or("", |c| c.as_str());
        history::Customer::new(&mut own, &mut log, index, today).live(
            customer.created_at,
            channel,
            customer.marketing_consent,
        );
    }

    let orders = number_orders(&mut rng, &mut log, today);
    let mut events = log.events;
    events.sort_by_key(|e| (e.occurred_at, e.customer));
    let kb = kb::kb(today);
    let cases = cases::cases(opts.seed, today, &events, kb.calendar.as_ref());

    let surveys = surveys::surveys(opts.seed, today, &customers, &events);
    WorkspaceImport {
        workspace: business::workspace(),
        users: business::users(owner_password_hash, staff_password_hash),
        customers,
        journeys: journeys::journeys(),
        events,
        orders,
        kb,
        cases,
        surveys,
        touchpoint_counterparts: redesign::counterparts(),
        competitors: competitors::competitors(),
    }
}

/// When a new customer first meets the shop: more often in the season, a little more often
/// every month as the shop grows, and at waking hours. The last days are left out so that a
/// walk-in moved to the next opening hour still lies before `today`.
fn acquisition_time(rng: &mut impl Rng, start: i64, today: i64) -> i64 {
    let last_day = (today - start) / DAY - 3;
    loop {
        let day = rng.random_range(0..last_day);
        let growth = 0.8 + 0.4 * day as f64 / last_day as f64;
        let weight = season(start + day * DAY) * growth / (calendar::SEASON_MAX * 1.2);
        if rng.random::<f64>() < weight {
            return start + day * DAY + rng.random_range(6 * HOUR..22 * HOUR);
        }
    }
}

/// Numbers the orders in time order (CN-10001, CN-10002, …), writes each reference on its
/// purchase event, and leaves a few of the most recent invoices unpaid.
fn number_orders(rng: &mut impl Rng, log: &mut history::Log, today: i64) -> Vec<ImportOrder> {
    let mut purchases = std::mem::take(&mut log.purchases);
    purchases.sort_by_key(|p| (p.at, p.customer));
    purchases
        .into_iter()
        .enumerate()
        .map(|(n, p)| {
            let reference = format!("CN-{}", 10_001 + n);
            log.events[p.event].properties =
                format!(r#"{{"source":"demo","order":"{reference}"}}"#);
            let recent = p.at > today - 14 * DAY;
            ImportOrder {
                customer: p.customer,
                reference: Some(reference),
                ordered_at: p.at,
                paid: !(recent && rng.random_bool(0.35)),
                lines: p.lines,
            }
        })
        .collect()
}
