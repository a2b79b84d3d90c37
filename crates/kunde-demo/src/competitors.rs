//! The demo shop's two competitors and how it compares on a few touchpoints: behind on the
//! time to book a repair and on the review rating, ahead on the price of a service.

use crate::business::touchpoints as k;
use kunde_domain::{ImportCompetitors, ImportStandard};

pub fn competitors() -> ImportCompetitors {
    let (hjulet, cykelhuset) = ("Hjulet", "Cykelhuset");
    let standard =
        |tp: &str, kind: &str, unit: &str, own, target, values: [f64; 2]| ImportStandard {
            touchpoint: tp.to_owned(),
            kind: kind.to_owned(),
            unit: unit.to_owned(),
            own: Some(own),
            target: Some(target),
            values: vec![
                (hjulet.to_owned(), values[0]),
                (cykelhuset.to_owned(), values[1]),
            ],
        };
    ImportCompetitors {
        names: vec![hjulet.to_owned(), cykelhuset.to_owned()],
        standards: vec![
            // Days from the call to a free repair slot.
            standard(k::CALL_TO_BOOK, "time", "days", 3.0, 1.0, [1.0, 2.0]),
            standard(k::REVIEWS, "rating", "", 4.3, 4.7, [4.6, 4.1]),
            standard(k::PRICE_LIST, "price", "kr.", 449.0, 449.0, [499.0, 549.0]),
        ],
    }
}
