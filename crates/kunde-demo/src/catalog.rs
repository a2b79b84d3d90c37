//! What the shop sells and how baskets are put together, so that order values have the shape
//! of a real bike shop: many small repairs and parts, a steady run of services, and now and
//! then a new bike that makes a customer valuable.

use kunde_domain::Money;
use rand::Rng;

use crate::calendar::season;
use crate::sample::pick_from;

/// One order line: product, quantity, unit price.
pub type Line = (String, i64, Money);

/// Workshop jobs with their price in kroner and how often they are the reason for a visit.
const REPAIRS: [(&str, i64, f64); 6] = [
    ("Standard service", 499, 0.40),
    ("Puncture repair", 129, 0.24),
    ("Full overhaul", 1_299, 0.12),
    ("Brake adjustment", 199, 0.10),
    ("Gear adjustment", 199, 0.08),
    ("Wheel truing", 249, 0.06),
];

/// Parts fitted during a repair.
const PARTS: [(&str, i64, f64); 6] = [
    ("Inner tube", 79, 0.30),
    ("Brake pads", 149, 0.22),
    ("Chain", 249, 0.18),
    ("Tyre", 349, 0.16),
    ("Gear cable", 99, 0.10),
    ("E-bike battery check", 199, 0.04),
];

/// Things bought over the counter. Bikes are rare but carry the revenue.
const RETAIL: [(&str, i64, f64); 10] = [
    ("Lights set", 299, 0.20),
    ("Lock", 399, 0.18),
    ("Inner tube", 79, 0.16),
    ("Helmet", 549, 0.10),
    ("Bell", 59, 0.08),
    ("Pannier bag", 449, 0.08),
    ("Child seat", 899, 0.05),
    ("City bike", 5_999, 0.08),
    ("Kids' bike", 2_499, 0.04),
    ("E-bike", 17_999, 0.03),
];

fn line(name: &str, quantity: i64, kroner: i64) -> Line {
    (name.to_owned(), quantity, Money(kroner * 100))
}

/// A workshop job, often with a part or two.
pub fn repair(rng: &mut impl Rng) -> Vec<Line> {
    let (job, price, _) = *pick_from(rng, &REPAIRS, |r| r.2);
    let mut lines = vec![line(job, 1, price)];
    let parts = if rng.random_bool(0.5) {
        1 + usize::from(rng.random_bool(0.25))
    } else {
        0
    };
    for _ in 0..parts {
        let (part, price, _) = *pick_from(rng, &PARTS, |p| p.2);
        if lines.iter().all(|l| l.0 != part) {
            let quantity = if part == "Inner tube" {
                rng.random_range(1..=2)
            } else {
                1
            };
            lines.push(line(part, quantity, price));
        }
    }
    lines
}

/// An over-the-counter purchase at time `t`: bikes sell mostly in spring and summer, and a
/// new bike usually leaves the shop with a lock and lights.
pub fn retail(rng: &mut impl Rng, t: i64) -> Vec<Line> {
    let bike_boost = season(t);
    let (item, price, _) = *pick_from(rng, &RETAIL, |r| {
        if r.1 > 2_000 { r.2 * bike_boost } else { r.2 }
    });
    let mut lines = vec![line(item, 1, price)];
    if price > 2_000 {
        if rng.random_bool(0.6) {
            lines.push(line("Lock", 1, 399));
        }
        if rng.random_bool(0.4) {
            lines.push(line("Lights set", 1, 299));
        }
    } else if rng.random_bool(0.25) {
        let (extra, price, _) = *pick_from(rng, &RETAIL[..7], |r| r.2);
        if extra != item {
            lines.push(line(extra, 1, price));
        }
    }
    lines
}

/// The total of an order in øre.
pub fn total(lines: &[Line]) -> Money {
    Money(lines.iter().map(|(_, q, p)| q * p.0).sum())
}
