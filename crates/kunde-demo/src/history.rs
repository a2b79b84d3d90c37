//! One customer's life with the shop, simulated: the first journey from awareness to the
//! first repair or purchase (with loops back to earlier touchpoints), then repeat visits.
//!
//! Repeat visits follow the BG/NBD story so that the CLV models fit the demo well: each
//! customer buys as a Poisson process with their own rate (gamma-distributed across
//! customers) and, after every purchase, drops out for good with their own probability
//! (beta-distributed). The process is thinned by the bike season. The phone is the bad
//! moment: callers wait long, many hang up and never book, and those who did deal with the
//! phone are more likely to drop out afterwards.

use kunde_domain::ImportEvent;
use rand::Rng;

use crate::business::{channel_of, touchpoints as k};
use crate::calendar::{DAY, HOUR, MINUTE, SEASON_MAX, YEAR, open_at, season};
use crate::catalog::{self, Line};
use crate::sample::{beta, exponential, gamma, log_normal, pick};

/// A purchase whose order is written once all customers are simulated, when the order
/// references can be numbered in time order.
pub struct Purchase {
    pub customer: usize,
    pub at: i64,
    pub lines: Vec<Line>,
    /// Index of the purchase event in [`Log::events`], to put the order reference on it.
    pub event: usize,
}

/// Everything the simulation produced, for all customers.
#[derive(Default)]
pub struct Log {
    pub events: Vec<ImportEvent>,
    pub purchases: Vec<Purchase>,
}

/// The steps of the consideration stage, where customers go back and forth.
#[derive(Clone, Copy)]
enum Step {
    Website,
    PriceList,
    Reviews,
    Call,
    Booking,
    Counter,
    Leave,
}

/// How a phone call ended.
enum Call {
    Booked,
    Answered,
    HungUp,
}

/// The result of trying to get the bike repaired or to buy something.
enum Visit {
    /// Paid at this time; the bool says whether the phone was part of it.
    Bought(i64, bool, bool),
    /// Gave up before buying; the bool says whether the phone was the reason.
    Lost(bool),
    /// Still under way at the end of history.
    Unfinished,
}

/// One customer being simulated.
pub struct Customer<'a, R: Rng> {
    rng: &'a mut R,
    log: &'a mut Log,
    index: usize,
    today: i64,
    /// Repeat purchases per year while active, before the season.
    rate: f64,
    /// Chance of dropping out after each purchase.
    dropout: f64,
    /// Some customers call rather than click, whatever it costs them.
    prefers_phone: bool,
}

impl<'a, R: Rng> Customer<'a, R> {
    pub fn new(rng: &'a mut R, log: &'a mut Log, index: usize, today: i64) -> Self {
        let rate = gamma(rng, 1.4, 3.5 / 1.4);
        let dropout = beta(rng, 1.2, 6.0);
        let prefers_phone = rng.random_bool(0.3);
        Self {
            rng,
            log,
            index,
            today,
            rate,
            dropout,
            prefers_phone,
        }
    }

    /// Simulates the whole history of a customer acquired at `created_at` through `channel`.
    pub fn live(mut self, created_at: i64, channel: &str, newsletter: bool) {
        let mut first = self.first_journey(created_at, channel);
        if let Visit::Lost(_) = first
            && self.rng.random_bool(0.3)
        {
            // Some prospects come back months later and give the shop another try.
            let back = created_at + self.rng.random_range(60 * DAY..240 * DAY);
            if back <= self.today {
                first = self.consider(back, Step::Website);
            }
        }
        let (active_from, active_until) = match first {
            Visit::Bought(at, phone, repair) => (at, self.repeat_visits(at, phone, repair)),
            Visit::Unfinished => (created_at, self.today),
            // Prospects who never bought keep reading the newsletter for a while, then stop.
            Visit::Lost(_) => {
                let interest = exponential(self.rng, 1.0 / (60.0 * DAY as f64)) as i64;
                (created_at, created_at + interest)
            }
        };
        let active_until = active_until.min(self.today);
        if newsletter {
            self.newsletters(active_from, active_until);
        }
        self.browse(active_from, active_until);
    }

    fn first_journey(&mut self, t: i64, channel: &str) -> Visit {
        let awareness = match channel {
            "walk_in" => {
                // The caller placed a walk-in's first moment within opening hours.
                return if self.rng.random_bool(0.45) {
                    self.buy_over_the_counter(t, false)
                } else {
                    self.repair(t, false)
                };
            }
            "google_ads" => k::GOOGLE_AD,
            "facebook" | "instagram" => k::SOCIAL_POST,
            "referral" => k::FRIEND,
            "review_site" => k::REVIEWS,
            _ => k::NEWSLETTER,
        };
        self.event(awareness, t, None);
        let phone = if self.prefers_phone { 0.35 } else { 0.06 };
        let first = [
            (Step::Website, 0.7),
            (Step::PriceList, 0.08),
            (Step::Call, phone),
            (Step::Counter, 0.06),
        ];
        let step = first[pick(self.rng, &first.map(|s| s.1))].0;
        self.consider(t, step)
    }

    /// The consideration stage as a random walk over touchpoints, with back-steps.
    fn consider(&mut self, mut t: i64, mut step: Step) -> Visit {
        let phone = if self.prefers_phone { 2.5 } else { 0.4 };
        let mut called = false;
        for _ in 0..16 {
            t = self.next_moment(t);
            if t > self.today {
                return Visit::Unfinished;
            }
            let choices: &[(Step, f64)] = match step {
                Step::Website => {
                    self.web(k::WEBSITE, t);
                    &[
                        (Step::PriceList, 0.42),
                        (Step::Call, 0.12 * phone),
                        (Step::Booking, 0.22),
                        (Step::Reviews, 0.06),
                        (Step::Website, 0.06),
                        (Step::Counter, 0.03),
                        (Step::Leave, 0.08),
                    ]
                }
                Step::PriceList => {
                    self.web(k::PRICE_LIST, t);
                    &[
                        (Step::Website, 0.22),
                        (Step::Call, 0.15 * phone),
                        (Step::Booking, 0.38),
                        (Step::Reviews, 0.04),
                        (Step::Counter, 0.04),
                        (Step::Leave, 0.12),
                    ]
                }
                Step::Reviews => {
                    self.event(k::REVIEWS, t, None);
                    &[
                        (Step::Website, 0.6),
                        (Step::Call, 0.1 * phone),
                        (Step::Leave, 0.3),
                    ]
                }
                Step::Call => {
                    called = true;
                    let (end, outcome) = self.call(t);
                    t = end;
                    match outcome {
                        Call::Booked => {
                            let drop_off = self.open_after(t, DAY..7 * DAY);
                            return self.repair(drop_off, true);
                        }
                        Call::Answered => &[
                            (Step::PriceList, 0.4),
                            (Step::Website, 0.2),
                            (Step::Leave, 0.4),
                        ],
                        Call::HungUp => &[
                            (Step::Leave, 0.7),
                            (Step::Website, 0.1),
                            (Step::Booking, 0.15),
                            (Step::Call, 0.15),
                        ],
                    }
                }
                Step::Booking => {
                    self.web(k::ONLINE_BOOKING, t);
                    if self.rng.random_bool(0.04) {
                        // Booked and never came: counts as lost at the booking step.
                        return Visit::Lost(called);
                    }
                    let drop_off = self.open_after(t, DAY..6 * DAY);
                    return self.repair(drop_off, called);
                }
                Step::Counter => {
                    let at = self.open_after(t, HOUR..2 * DAY);
                    return if self.rng.random_bool(0.3) {
                        self.buy_over_the_counter(at, called)
                    } else {
                        self.repair(at, called)
                    };
                }
                Step::Leave => return Visit::Lost(called),
            };
            step = choices[pick(self.rng, &choices.iter().map(|c| c.1).collect::<Vec<_>>())].0;
        }
        Visit::Lost(called)
    }

    /// Repeat visits after the first purchase; returns until when the customer was active.
    fn repeat_visits(&mut self, first: i64, phone: bool, repair: bool) -> i64 {
        let mut last = first;
        let mut last_service = repair.then_some(first);
        let mut reminded = false;
        // As in the BG/NBD model, dropping out follows repeat purchases; only a first visit
        // spoilt by the phone queue can end the relationship at once.
        let mut active = !(phone && self.rng.random_bool(0.25));
        while active {
            let mut occasion = self.next_occasion(last);
            // A year after a service the reminder goes out; some book because of it.
            if let Some(service) = last_service.filter(|_| !reminded) {
                let reminder = service + 365 * DAY;
                if reminder <= occasion.unwrap_or(self.today).min(self.today) {
                    reminded = true;
                    self.event(k::SERVICE_REMINDER, reminder, None);
                    if self.rng.random_bool(0.35) {
                        occasion = Some(reminder + self.rng.random_range(DAY..10 * DAY));
                    }
                }
            }
            let Some(t) = occasion.filter(|t| *t <= self.today) else {
                break;
            };
            match self.repeat_visit(t) {
                Visit::Bought(at, phone, repair) => {
                    last = at;
                    if repair {
                        last_service = Some(at);
                        reminded = false;
                    }
                    active = !self.rng.random_bool(self.dropout_after(phone));
                }
                // A customer lost in the phone queue often goes to another shop for good.
                Visit::Lost(phone) => {
                    last = t;
                    active = !self.rng.random_bool(if phone { 0.5 } else { 0.05 });
                }
                Visit::Unfinished => break,
            }
        }
        if active { self.today } else { last }
    }

    /// The next moment the customer wants something from the shop: a Poisson process at the
    /// customer's rate, thinned by the season.
    fn next_occasion(&mut self, mut t: i64) -> Option<i64> {
        let peak_rate = self.rate * SEASON_MAX / YEAR;
        loop {
            t += exponential(self.rng, peak_rate) as i64 + 1;
            if t > self.today {
                return None;
            }
            if self.rng.random::<f64>() < season(t) / SEASON_MAX {
                return Some(t);
            }
        }
    }

    fn repeat_visit(&mut self, t: i64) -> Visit {
        if self.rng.random_bool(0.3) {
            if self.rng.random_bool(0.4) {
                self.web(k::WEBSITE, t);
            }
            let at = self.open_after(t, HOUR..2 * DAY);
            return self.buy_over_the_counter(at, false);
        }
        let phone = self
            .rng
            .random_bool(if self.prefers_phone { 0.6 } else { 0.1 });
        if phone {
            let start = self.open_at(t);
            let (end, outcome) = self.call(start);
            match outcome {
                Call::Booked => {
                    let drop_off = self.open_after(end, DAY..7 * DAY);
                    return self.repair(drop_off, true);
                }
                _ if self.rng.random_bool(0.35) => {
                    self.web(k::ONLINE_BOOKING, end + 10 * MINUTE);
                    let drop_off = self.open_after(end, DAY..6 * DAY);
                    return self.repair(drop_off, true);
                }
                _ => return Visit::Lost(true),
            }
        }
        if self.rng.random_bool(0.2) {
            // Regulars often just bring the bike in.
            let at = self.open_at(t);
            return self.repair(at, false);
        }
        let mut at = t;
        self.web(k::WEBSITE, at);
        if self.rng.random_bool(0.35) {
            at += self.rng.random_range(MINUTE..5 * MINUTE);
            self.web(k::PRICE_LIST, at);
        }
        at += self.rng.random_range(MINUTE..5 * MINUTE);
        self.web(k::ONLINE_BOOKING, at);
        let drop_off = self.open_after(at, DAY..6 * DAY);
        self.repair(drop_off, false)
    }

    /// A call to book. Calls come in when the shop opens and the queue is longest in the
    /// season, when the same person also serves the counter.
    fn call(&mut self, t: i64) -> (i64, Call) {
        let t = self.open_at(t);
        let wait = log_normal(self.rng, 3.0 + 8.0 * season(t), 0.5).clamp(1.0, 45.0);
        let outcome = if self.rng.random_bool(wait / (wait + 9.0)) {
            Call::HungUp
        } else if self.rng.random_bool(0.8) {
            Call::Booked
        } else {
            Call::Answered
        };
        let name = match outcome {
            Call::Booked => "booked",
            Call::Answered => "answered",
            Call::HungUp => "hung_up",
        };
        let wait = wait.round() as i64;
        let extra = format!(r#""wait_minutes":{wait},"outcome":"{name}""#);
        self.event(k::CALL_TO_BOOK, t, Some(&extra));
        (t + (wait + 3) * MINUTE, outcome)
    }

    /// The bike is handed in at `drop_off`, updates follow, and it is collected and paid.
    fn repair(&mut self, drop_off: i64, phone: bool) -> Visit {
        if !self.event(k::DROP_OFF, drop_off, None) {
            return Visit::Unfinished;
        }
        let mut t = drop_off;
        let updates: &[&str] = if self.rng.random_bool(0.25) {
            &["received", "parts_ordered", "ready"]
        } else {
            &["received", "ready"]
        };
        for (i, message) in updates.iter().enumerate() {
            // The receipt goes out as the bike is handed in; the rest as the work goes on.
            t = if i == 0 {
                t + self.rng.random_range(MINUTE..15 * MINUTE)
            } else {
                self.open_after(t, 2 * HOUR..30 * HOUR)
            };
            let extra = format!(r#""message":"{message}""#);
            if !self.event(k::REPAIR_UPDATE, t, Some(&extra)) {
                return Visit::Unfinished;
            }
        }
        let pick_up = self.open_after(t, HOUR..3 * DAY);
        let lines = catalog::repair(self.rng);
        self.pay(pick_up, lines, phone, true)
    }

    fn buy_over_the_counter(&mut self, t: i64, phone: bool) -> Visit {
        let lines = catalog::retail(self.rng, t);
        self.pay(t, lines, phone, false)
    }

    /// The purchase event (the only events with an amount) and its order.
    fn pay(&mut self, t: i64, lines: Vec<Line>, phone: bool, repair: bool) -> Visit {
        if t > self.today {
            return Visit::Unfinished;
        }
        self.log.events.push(ImportEvent {
            customer: self.index,
            touchpoint: k::PICK_UP.to_owned(),
            occurred_at: t,
            channel: channel_of(k::PICK_UP),
            amount: Some(catalog::total(&lines)),
            // Replaced by the order reference once orders are numbered.
            properties: String::new(),
        });
        self.log.purchases.push(Purchase {
            customer: self.index,
            at: t,
            lines,
            event: self.log.events.len() - 1,
        });
        // A few customers go and write a review afterwards: the journey loops back.
        if self.rng.random_bool(0.08) {
            let review = t + self.rng.random_range(HOUR..5 * DAY);
            self.event(k::REVIEWS, review, None);
        }
        Visit::Bought(t, phone, repair)
    }

    /// Monthly newsletters; opened more in the season, and some opens lead to the web site.
    fn newsletters(&mut self, from: i64, until: i64) {
        let interest = beta(self.rng, 2.5, 3.0);
        // Sent every thirty days at 07:00 local time, on a schedule shared by all customers.
        let mut day = from.div_euclid(DAY) + 1;
        day += (4 - day).rem_euclid(30);
        while day * DAY + 6 * HOUR <= until {
            let sent = day * DAY + 6 * HOUR;
            day += 30;
            if !self.rng.random_bool((interest * season(sent)).min(0.95)) {
                continue;
            }
            let opened = sent + exponential(self.rng, 1.0 / (8.0 * HOUR as f64)) as i64;
            if opened <= until
                && self.event(k::NEWSLETTER, opened, None)
                && self.rng.random_bool(0.2)
            {
                self.web(k::WEBSITE, opened + MINUTE);
            }
        }
    }

    /// Visits to the web site between purchases (opening hours, new prices, just looking):
    /// activity that tells a living customer from one who has left.
    fn browse(&mut self, from: i64, until: i64) {
        let rate = 1.5 / YEAR;
        let mut t = from;
        loop {
            t += exponential(self.rng, rate) as i64 + 1;
            if t > until {
                return;
            }
            self.web(k::WEBSITE, t);
            if self.rng.random_bool(0.3) {
                let later = t + self.rng.random_range(MINUTE..4 * MINUTE);
                if later <= until {
                    self.web(k::PRICE_LIST, later);
                }
            }
        }
    }

    fn dropout_after(&self, phone: bool) -> f64 {
        if phone {
            (self.dropout + 0.25).min(1.0)
        } else {
            self.dropout
        }
    }

    /// The next step of a visit: usually minutes later in the same session, sometimes a new
    /// session days later.
    fn next_moment(&mut self, t: i64) -> i64 {
        if self.rng.random_bool(0.72) {
            t + 20 + exponential(self.rng, 1.0 / (3.0 * MINUTE as f64)) as i64
        } else {
            t + self.rng.random_range(4 * HOUR..5 * DAY)
        }
    }

    fn open_at(&mut self, t: i64) -> i64 {
        open_at(self.rng, t)
    }

    /// The first opening moment after a random delay from `t`: the time it takes to get
    /// around to the next step of a visit.
    fn open_after(&mut self, t: i64, delay: std::ops::Range<i64>) -> i64 {
        let delay = self.rng.random_range(delay);
        open_at(self.rng, t + delay)
    }

    fn device(&mut self) -> &'static str {
        if self.rng.random_bool(0.65) {
            r#""device":"mobile""#
        } else {
            r#""device":"desktop""#
        }
    }

    /// A web event, with the device it came from.
    fn web(&mut self, key: &str, t: i64) -> bool {
        let device = self.device();
        self.event(key, t, Some(device))
    }

    /// Records an event unless it lies after the end of history; says whether it did.
    fn event(&mut self, key: &str, t: i64, extra: Option<&str>) -> bool {
        if t > self.today {
            return false;
        }
        let properties = match extra {
            Some(extra) => format!(r#"{{"source":"demo",{extra}}}"#),
            None => r#"{"source":"demo"}"#.to_owned(),
        };
        self.log.events.push(ImportEvent {
            customer: self.index,
            touchpoint: key.to_owned(),
            occurred_at: t,
            channel: channel_of(key),
            amount: None,
            properties,
        });
        true
    }
}
