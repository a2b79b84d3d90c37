//! Kaplan–Meier survival: a hand-computed table, the figures of the `lifelines` Python
//! package on a small data set, and customer survival from a hand-made order book.

mod common;

use common::{DAY, log};
use kunde_analytics::survival::{
    Observation, customer_observations, customer_survival, kaplan_meier,
};

fn obs(table: &[(f64, bool)]) -> Vec<Observation> {
    table
        .iter()
        .map(|&(duration, event)| Observation { duration, event })
        .collect()
}

#[test]
fn kaplan_meier_matches_a_hand_computed_table() {
    // 1, 2+, 3, 3, 4+ (+ = censored). At 1: 5 at risk, 1 event, S = 4/5. At 3: 3 at risk,
    // 2 events, S = 4/5 · (1 − 2/3). Greenwood: Σ d/(n(n−d)) = 1/20 + 2/3.
    const S3: f64 = 0.8 * (1.0 - 2.0 / 3.0);
    let curve = kaplan_meier(&obs(&[
        (1.0, true),
        (2.0, false),
        (3.0, true),
        (3.0, true),
        (4.0, false),
    ]));
    let rows: Vec<(f64, f64, u64, u64, u64)> = curve
        .points
        .iter()
        .map(|p| (p.time, p.survival, p.at_risk, p.events, p.censored))
        .collect();
    assert_eq!(
        rows,
        [
            (1.0, 0.8, 5, 1, 0),
            (2.0, 0.8, 4, 0, 1),
            (3.0, S3, 3, 2, 0),
            (4.0, S3, 1, 0, 1),
        ]
    );
    let se = S3 * (1.0f64 / 20.0 + 2.0 / 3.0).sqrt();
    assert!((curve.points[2].std_error - se).abs() < 1e-12);
    assert_eq!((curve.subjects, curve.events), (5, 3));
    assert_eq!(curve.at(0.5).unwrap().survival, 1.0);
    assert_eq!(curve.at(3.5).unwrap().survival, S3);
    assert_eq!(curve.at(3.5).unwrap().at_risk, 1);
    assert_eq!(
        curve.at(4.5),
        None,
        "past the longest follow-up nothing is known"
    );
    assert_eq!(curve.median(), Some(3.0));
    assert!(kaplan_meier(&[]).points.is_empty());
}

/// Expected figures from `lifelines` 0.30.3 (`KaplanMeierFitter().fit(d, e)`:
/// `survival_function_` and `confidence_interval_`, whose default is the exponential
/// Greenwood band at 95 %), hard-coded here so the test needs no Python.
#[test]
fn kaplan_meier_agrees_with_lifelines() {
    let d = [
        5.0, 6.0, 6.0, 2.5, 4.0, 4.0, 8.0, 10.0, 10.0, 12.0, 3.0, 3.0, 7.0, 9.0, 15.0, 1.0,
    ];
    let e = [1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1];
    let table: Vec<(f64, bool)> = d.iter().zip(e).map(|(&d, e)| (d, e == 1)).collect();
    let curve = kaplan_meier(&obs(&table));
    // time, survival, lower, upper, at risk, observed, censored
    let expected = [
        (
            1.0,
            0.9375000000000001,
            0.6323454417389031,
            0.9909531417446664,
            16,
            1,
            0,
        ),
        (
            2.5,
            0.8749999999999999,
            0.5859814368090156,
            0.9671888460291236,
            15,
            1,
            0,
        ),
        (
            3.0,
            0.7500000000000001,
            0.46343004265813426,
            0.897979909715789,
            14,
            2,
            0,
        ),
        (
            4.0,
            0.6875000000000001,
            0.4046032786961071,
            0.8562791779221222,
            12,
            1,
            1,
        ),
        (
            5.0,
            0.6187500000000001,
            0.33929112610177675,
            0.80799106864602,
            10,
            1,
            0,
        ),
        (
            6.0,
            0.5499999999999999,
            0.2793333073439475,
            0.7555993424569045,
            9,
            1,
            1,
        ),
        (
            7.0,
            0.5499999999999999,
            0.2793333073439475,
            0.7555993424569045,
            7,
            0,
            1,
        ),
        (
            8.0,
            0.4583333333333332,
            0.19494833462835576,
            0.689177323842889,
            6,
            1,
            0,
        ),
        (
            9.0,
            0.3666666666666666,
            0.12667423307447678,
            0.6143461205324138,
            5,
            1,
            0,
        ),
        (
            10.0,
            0.27499999999999997,
            0.07195728833602093,
            0.5308380333227796,
            4,
            1,
            1,
        ),
        (
            12.0,
            0.1375,
            0.010174402798748143,
            0.4239745038694067,
            2,
            1,
            0,
        ),
        (
            15.0,
            0.1375,
            0.010174402798748143,
            0.4239745038694067,
            1,
            0,
            1,
        ),
    ];
    assert_eq!(curve.points.len(), expected.len());
    for (p, &(t, s, lo, hi, n, d, c)) in curve.points.iter().zip(&expected) {
        assert_eq!((p.time, p.at_risk, p.events, p.censored), (t, n, d, c));
        for (got, want) in [(p.survival, s), (p.lower, lo), (p.upper, hi)] {
            assert!((got - want).abs() < 1e-9, "at {t}: {got} vs {want}");
        }
    }
    // lifelines: median_survival_time_ = 8.0, predict([3.5, 9.5]) = [0.75, 0.366667].
    assert_eq!(curve.median(), Some(8.0));
    assert!((curve.at(3.5).unwrap().survival - 0.75).abs() < 1e-12);
    assert!((curve.at(9.5).unwrap().survival - 0.366_666_666_666_666_6).abs() < 1e-12);
}

#[test]
fn customers_are_lost_at_their_first_long_gap_and_censored_while_active() {
    // Threshold 100 days, now = day 400.
    let log = log(&format!(
        "ann {} order 10    # lost at 50 + 100 = 150 (the gap to 300 is too long)
         ann {} order 10
         ann {} order 10
         bo {} order 5      # one order: lost at 100
         cy {} order 5      # lost at 200: 100 days after the first order
         cy {} order 5
         dan {} order 5     # last order 10 days ago: still active, followed for 80 days
         dan {} order 5
         eve {} visit       # never ordered: not a customer here
         fay {} order 1     # every gap within 100 days: active, followed 400 days
         fay {} order 1
         fay {} order 1
         fay {} order 1
         fay {} order 1",
        0,
        50 * DAY,
        300 * DAY,
        0,
        100 * DAY,
        350 * DAY,
        320 * DAY,
        390 * DAY,
        10 * DAY,
        0,
        90 * DAY,
        180 * DAY,
        270 * DAY,
        360 * DAY,
    ));
    let now = 400 * DAY;
    let got: Vec<(f64, bool)> = customer_observations(&log, now, 100)
        .iter()
        .map(|o| (o.duration, o.event))
        .collect();
    assert_eq!(
        got,
        [
            (150.0, true),
            (100.0, true),
            (100.0, true),
            (80.0, false),
            (400.0, false)
        ]
    );
    let s = customer_survival(&log, now, 100);
    // At 80 one censored (5 at risk); at 100 two of four lost: 1/2; at 150 one of two: 1/4.
    let after_one_year = s.after_years[0].unwrap();
    assert_eq!((after_one_year.survival, after_one_year.at_risk), (0.25, 1));
    assert_eq!(s.after_years[1], None);
    assert_eq!(s.median_days, Some(100.0));
    assert_eq!(s.curve.points[1].survival, 0.5);
}
