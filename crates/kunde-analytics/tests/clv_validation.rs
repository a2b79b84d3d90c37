//! Lifetime value on an order log: the hold-out validation on data drawn from the models'
//! own story, the predictions per customer, the valuable customers at risk, and the plain
//! errors when the data are too thin.

mod common;

use common::DAY;
use kunde_analytics::EventLogBuilder;
use kunde_analytics::clv::{
    AtRiskQuery, FitError, FitRequirements, HoldoutQuery, ValueQuery, predict_values,
    validate_holdout, valuable_at_risk,
};

/// SplitMix64: the same data on every run.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Customers who join in the first half year, buy at their own Poisson rate and, after each
/// purchase, drop out with their own probability (the BG/NBD story), spending around their
/// own mean. Orders up to day 600.
fn bg_nbd_shop(customers: usize) -> kunde_analytics::EventLog {
    let mut rng = Rng(7);
    let mut b = EventLogBuilder::new();
    for c in 0..customers {
        let name = format!("c{c}");
        let rate = 1.0 / (10.0 + 80.0 * rng.unit()); // purchases per day
        let dropout = 0.05 + 0.35 * rng.unit();
        let spend = 20.0 + 80.0 * rng.unit();
        let mut t = 180.0 * rng.unit();
        loop {
            let amount = (spend * (0.5 + rng.unit())).round();
            b.push(&name, (t * DAY as f64) as i64, "order", amount)
                .unwrap();
            if rng.unit() < dropout {
                break;
            }
            t += -rng.unit().max(1e-12).ln() / rate;
            if t > 600.0 {
                break;
            }
        }
    }
    b.build()
}

#[test]
fn hold_out_predictions_track_actual_purchases() {
    let log = bg_nbd_shop(1500);
    let query = HoldoutQuery {
        cutoff: 365 * DAY,
        end: 600 * DAY,
        unit_seconds: 7 * DAY,
        requirements: FitRequirements::default(),
    };
    let report = validate_holdout(&log, &query).unwrap();
    assert_eq!(report.rows.len(), 8);
    assert_eq!(
        report.rows.iter().map(|r| r.customers).sum::<u64>(),
        report.customers
    );
    assert_eq!(report.customers, 1500, "everyone joined before the cut-off");
    assert!(report.rows[7].pooled && !report.rows[6].pooled);
    let sum: f64 = report.rows.iter().map(|r| r.predicted_total).sum();
    assert!((sum - report.predicted_total).abs() < 1e-9);
    for r in report.rows.iter().filter(|r| r.customers > 0) {
        assert!((r.actual_mean * r.customers as f64 - r.actual_total).abs() < 1e-9);
    }
    // Drawn from the model's own story, the fit predicts the total within a fifth.
    let error = report.total_relative_error_percent.unwrap();
    assert!(error.abs() < 20.0, "total relative error {error} %");
    assert!(report.mean_absolute_error > 0.0 && report.mean_absolute_error < 2.0);
    let spend = report.spend.unwrap();
    let spend_error = spend.relative_error_percent.unwrap();
    assert!(spend_error.abs() < 25.0, "spend error {spend_error} %");
    assert!((report.holdout_units - 235.0 / 7.0).abs() < 1e-9);
}

#[test]
fn predictions_cover_every_buyer_and_rank_valuable_customers_at_risk() {
    let log = bg_nbd_shop(600);
    let report = predict_values(&log, &ValueQuery::new(600 * DAY)).unwrap();
    assert_eq!(report.customers.len(), 600);
    assert!(report.models.gamma_gamma.is_some() && report.models.spend_error.is_none());
    for c in &report.customers {
        assert!((0.0..=1.0).contains(&c.probability_alive));
        assert!(c.expected_purchases >= 0.0 && c.predicted_value.unwrap() >= 0.0);
        assert!(c.historic_value > 0.0);
        if c.summary.frequency == 0.0 {
            assert_eq!(c.probability_alive, 1.0);
        }
    }
    let query = AtRiskQuery::default();
    let at_risk = valuable_at_risk(&report.customers, &query);
    assert!(!at_risk.is_empty() && at_risk.len() <= query.top);
    let mut values: Vec<f64> = report.customers.iter().map(|c| c.historic_value).collect();
    values.sort_by(f64::total_cmp);
    let floor = values[(0.8 * (values.len() - 1) as f64).floor() as usize];
    for w in at_risk.windows(2) {
        assert!(w[0].value_at_risk >= w[1].value_at_risk);
    }
    for a in &at_risk {
        assert!(a.probability_alive < 0.5 && a.historic_value >= floor);
        assert!((a.value_at_risk - a.historic_value * (1.0 - a.probability_alive)).abs() < 1e-9);
    }
}

#[test]
fn thin_data_is_refused_with_a_reason_the_page_can_word() {
    let log = common::log(&format!(
        "a 0 order 10
         a {} order 12
         b 0 order 5
         c {} order 7",
        10 * DAY,
        20 * DAY
    ));
    let err = predict_values(&log, &ValueQuery::new(100 * DAY)).unwrap_err();
    assert_eq!(
        err,
        FitError::TooFewCustomers {
            found: 3,
            needed: 50
        }
    );
    assert_eq!(err.code(), "too_few_customers");
    let lenient = ValueQuery {
        requirements: FitRequirements {
            min_customers: 1,
            ..FitRequirements::default()
        },
        ..ValueQuery::new(100 * DAY)
    };
    let err = predict_values(&log, &lenient).unwrap_err();
    assert_eq!(
        err,
        FitError::TooFewRepeatCustomers {
            found: 1,
            needed: 20
        }
    );
    assert_eq!(
        serde_json::to_value(&err).unwrap()["code"],
        "too_few_repeat_customers"
    );
    let query = HoldoutQuery {
        cutoff: 50 * DAY,
        end: 50 * DAY,
        unit_seconds: 7 * DAY,
        requirements: FitRequirements::default(),
    };
    assert_eq!(
        validate_holdout(&log, &query).unwrap_err(),
        FitError::EmptyHoldout
    );
}
