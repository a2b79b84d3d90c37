//! CLV: BG/NBD and Gamma-Gamma fits on the CDNOW sample against Fader, Hardie & Lee (2005),
//! per-customer predictions against `lifetimes`, and fits that must fail cleanly.
//!
//! `tests/data/cdnow_customers_summary.csv` is the CDNOW sample summary shipped in the
//! `lifetimes` Python package (MIT licence); the expected values come from
//! `bench/clv_fixture.py`, which runs `lifetimes` 0.11.3.

use kunde_analytics::Error;
use kunde_analytics::clv::{
    BgNbdParams, ClvQuery, CustomerSummary, FitOptions, GammaGammaParams, customer_value,
    fit_bgnbd, fit_gamma_gamma,
};

fn csv(name: &str) -> Vec<Vec<f64>> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect()
}

fn cdnow() -> Vec<CustomerSummary> {
    csv("cdnow_customers_summary.csv")
        .iter()
        .map(|r| CustomerSummary::new(r[1], r[2], r[3], r[4]).unwrap())
        .collect()
}

/// Rounds to three significant figures, the precision the paper reports.
fn sig3(v: f64) -> f64 {
    let scale = 10f64.powi(2 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

#[test]
fn bgnbd_matches_fader_hardie_lee_on_cdnow() {
    let fit = fit_bgnbd(&cdnow(), &FitOptions::default()).unwrap();
    let p = fit.params;
    assert_eq!(
        [sig3(p.r), sig3(p.alpha), sig3(p.a), sig3(p.b)],
        [0.243, 4.41, 0.793, 2.43],
        "{p:?}"
    );
    assert!(
        (fit.log_likelihood - -9582.4).abs() < 0.05,
        "{}",
        fit.log_likelihood
    );
    assert_eq!(fit.customers, 2357);
}

#[test]
fn gamma_gamma_matches_fader_hardie_lee_on_cdnow() {
    let fit = fit_gamma_gamma(&cdnow(), &FitOptions::default()).unwrap();
    let p = fit.params;
    assert_eq!(
        [sig3(p.p), sig3(p.q), sig3(p.gamma)],
        [6.25, 3.74, 15.4],
        "{p:?}"
    );
    assert_eq!(fit.customers, 946);
}

fn lifetimes_params() -> (BgNbdParams, GammaGammaParams) {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/cdnow_lifetimes_params.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let get = |name: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name},")))
            .unwrap()
            .parse()
            .unwrap()
    };
    (
        BgNbdParams {
            r: get("r"),
            alpha: get("alpha"),
            a: get("a"),
            b: get("b"),
        },
        GammaGammaParams {
            p: get("p"),
            q: get("q"),
            gamma: get("v"),
        },
    )
}

fn assert_predictions(bg: &BgNbdParams, gg: &GammaGammaParams, tolerance: f64) {
    let query = ClvQuery {
        months: 12,
        monthly_discount_rate: 0.01,
        units_per_month: 4.345,
    };
    for (c, expected) in cdnow().iter().zip(csv("cdnow_lifetimes_expected.csv")) {
        let got = [
            bg.expected_purchases(52.0, c),
            bg.probability_alive(c),
            gg.expected_average_value(c),
            customer_value(bg, gg, c, &query).lifetime_value,
        ];
        for (g, e) in got.iter().zip(&expected[1..]) {
            assert!(
                (g - e).abs() <= tolerance * e.abs().max(1e-3),
                "customer {}: {got:?} vs {expected:?}",
                expected[0]
            );
        }
    }
}

#[test]
fn predictions_agree_with_lifetimes() {
    // With the same parameters the formulas agree to rounding.
    let (bg, gg) = lifetimes_params();
    assert_predictions(&bg, &gg, 1e-7);
    // With our own fit they agree as closely as the two optimisers do.
    let customers = cdnow();
    let bg = fit_bgnbd(&customers, &FitOptions::default())
        .unwrap()
        .params;
    let gg = fit_gamma_gamma(&customers, &FitOptions::default())
        .unwrap()
        .params;
    assert_predictions(&bg, &gg, 2e-3);
}

#[test]
fn fit_does_not_depend_on_the_time_unit() {
    let base = fit_bgnbd(&cdnow(), &FitOptions::default()).unwrap().params;
    for scale in [7.0 * 24.0, 1.0 / 52.0] {
        let scaled: Vec<_> = cdnow()
            .iter()
            .map(|c| CustomerSummary {
                recency: c.recency * scale,
                t: c.t * scale,
                ..*c
            })
            .collect();
        let p = fit_bgnbd(&scaled, &FitOptions::default()).unwrap().params;
        for (a, b) in [
            (p.r, base.r),
            (p.alpha / scale, base.alpha),
            (p.a, base.a),
            (p.b, base.b),
        ] {
            assert!((a - b).abs() < 1e-4 * b, "scale {scale}: {p:?} vs {base:?}");
        }
    }
}

#[test]
fn fits_fail_cleanly_without_enough_data() {
    let none_repeat = vec![CustomerSummary::new(0.0, 0.0, 10.0, 0.0).unwrap(); 5];
    assert!(matches!(
        fit_bgnbd(&none_repeat, &FitOptions::default()),
        Err(Error::NotEnoughData(_))
    ));
    assert!(matches!(
        fit_bgnbd(&[], &FitOptions::default()),
        Err(Error::NotEnoughData(_))
    ));
    assert!(matches!(
        fit_gamma_gamma(&none_repeat, &FitOptions::default()),
        Err(Error::NotEnoughData(_))
    ));
    // Two identical spenders: Gamma-Gamma has no finite maximum.
    let twins = vec![CustomerSummary::new(2.0, 5.0, 10.0, 20.0).unwrap(); 2];
    assert!(fit_gamma_gamma(&twins, &FitOptions::default()).is_err());
}

#[test]
fn tiny_samples_fit_or_say_why() {
    let customers: Vec<_> = [
        (0.0, 0.0, 30.0),
        (1.0, 10.0, 30.0),
        (3.0, 25.0, 30.0),
        (0.0, 0.0, 20.0),
        (2.0, 5.0, 20.0),
    ]
    .iter()
    .map(|&(x, tx, t)| CustomerSummary::new(x, tx, t, 10.0).unwrap())
    .collect();
    match fit_bgnbd(&customers, &FitOptions::default()) {
        Ok(fit) => assert!(fit.log_likelihood.is_finite()),
        Err(Error::NoConvergence(why)) => assert!(!why.is_empty()),
        Err(e) => panic!("unexpected {e}"),
    }
    // A penalizer always gives a finite answer.
    let fit = fit_bgnbd(
        &customers,
        &FitOptions {
            penalizer: 0.1,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(fit.params.r.is_finite() && fit.params.r > 0.0);
}

#[test]
fn summaries_reject_impossible_histories() {
    assert!(CustomerSummary::new(1.5, 1.0, 2.0, 1.0).is_err());
    assert!(CustomerSummary::new(1.0, 3.0, 2.0, 1.0).is_err());
    assert!(CustomerSummary::new(0.0, 1.0, 2.0, 0.0).is_err());
    assert!(CustomerSummary::new(-1.0, 0.0, 2.0, 0.0).is_err());
}

#[test]
fn summaries_from_a_log_follow_lifetimes_conventions() {
    const DAY: i64 = 86_400;
    let mut b = kunde_analytics::EventLogBuilder::new();
    b.push("ann", 0, "buy", 10.0).unwrap();
    b.push("ann", 3600, "buy", 5.0).unwrap(); // same day: one purchase of 15
    b.push("ann", 7 * DAY, "buy", 20.0).unwrap();
    b.push("ann", 14 * DAY, "buy", 40.0).unwrap();
    b.push("ann", 14 * DAY, "visit", 0.0).unwrap();
    b.push("bo", 7 * DAY, "buy", 8.0).unwrap();
    b.push("cy", 7 * DAY, "visit", 0.0).unwrap();
    let log = b.build();
    let s = kunde_analytics::clv::summaries_from_log(&log, 21 * DAY, 7 * DAY);
    let got: Vec<_> = s.iter().map(|(c, s)| (log.customer_name(*c), *s)).collect();
    assert_eq!(
        got,
        [
            (
                "ann",
                CustomerSummary {
                    frequency: 2.0,
                    recency: 2.0,
                    t: 3.0,
                    monetary_value: 30.0
                }
            ),
            (
                "bo",
                CustomerSummary {
                    frequency: 0.0,
                    recency: 0.0,
                    t: 2.0,
                    monetary_value: 0.0
                }
            ),
        ]
    );
}
