//! Survey scores, expectation gaps, moments of truth and the engagement correlation.

mod common;

use common::{DAY, log};
use kunde_analytics::Period;
use kunde_analytics::churn::ChurnQuery;
use kunde_analytics::correlation::{TeamScores, engagement_satisfaction, pearson};
use kunde_analytics::moments::{Experience, MomentsQuery, Rating, moments_of_truth};
use kunde_analytics::survey::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn nps_with_a_trinomial_interval() {
    let scores: Vec<NpsScore> = [10, 9, 9, 8, 7, 6, 0, 3, 10, 10]
        .iter()
        .map(|&s| NpsScore::new(s).unwrap())
        .collect();
    let r = nps(&scores, Confidence::default()).unwrap();
    assert_eq!((r.promoters, r.passives, r.detractors), (5, 2, 3));
    assert!(close(r.score, 20.0, 1e-12));
    // var = 0.5 + 0.3 − 0.2² = 0.76; half width = 100 · 1.96 · sqrt(0.076).
    assert!(
        close(r.interval.low, -34.033, 1e-3) && close(r.interval.high, 74.033, 1e-3),
        "{r:?}"
    );
    let all_promoters = vec![NpsScore::new(10).unwrap(); 3];
    let r = nps(&all_promoters, Confidence::default()).unwrap();
    assert_eq!(
        (r.score, r.interval.low, r.interval.high),
        (100.0, 100.0, 100.0)
    );
    assert!(nps(&[], Confidence::default()).is_none());
    assert!(NpsScore::new(11).is_err());
    assert!(Confidence::new(1.0).is_err());
}

#[test]
fn csat_uses_a_wilson_interval_and_ces_a_t_interval() {
    let scores: Vec<CsatScore> = [5, 5, 4, 4, 4, 5, 4, 5, 2, 1]
        .iter()
        .map(|&s| CsatScore::new(s).unwrap())
        .collect();
    let r = csat(&scores, Confidence::default()).unwrap();
    assert_eq!((r.satisfied, r.percent_satisfied), (8, 80.0));
    assert!(
        close(r.interval.low, 49.016, 1e-3) && close(r.interval.high, 94.331, 1e-3),
        "{r:?}"
    );
    assert!(CsatScore::new(0).is_err());
    let ces_scores: Vec<CesScore> = [2, 3, 4]
        .iter()
        .map(|&s| CesScore::new(s).unwrap())
        .collect();
    let r = ces(&ces_scores, Confidence::default()).unwrap();
    let i = r.interval.unwrap();
    // t(0.975, 2) = 4.302653; standard error = 1 / sqrt(3).
    assert!(
        close(r.mean, 3.0, 1e-12) && close(i.high, 3.0 + 4.302_653 / 3f64.sqrt(), 1e-5),
        "{r:?}"
    );
    assert!(
        ces(&ces_scores[..1], Confidence::default())
            .unwrap()
            .interval
            .is_none()
    );
}

#[test]
fn trends_group_answers_by_period() {
    let answers: Vec<(i64, NpsScore)> = [(0, 10), (DAY, 0), (8 * DAY, 9)]
        .iter()
        .map(|&(t, s)| (t, NpsScore::new(s).unwrap()))
        .collect();
    let points = trend(&answers, Period::Week, |s| nps(s, Confidence::default()));
    let got: Vec<_> = points
        .iter()
        .map(|p| (p.period.label(), p.result.score))
        .collect();
    assert_eq!(
        got,
        [
            ("1969-12-29".to_owned(), 0.0),
            ("1970-01-05".to_owned(), 100.0)
        ]
    );
}

#[test]
fn expectation_gaps_rank_the_biggest_disappointment_first() {
    use Expectation::*;
    let log = log("a 0 booking\na 1 visit\na 2 invoice");
    let tp = |n: &str| log.touchpoint_id(n).unwrap();
    let gaps = expectation_gaps(&[
        (tp("visit"), Good, Excellent),
        (tp("invoice"), Good, Bad),
        (tp("invoice"), Neutral, Neutral),
        (tp("booking"), Good, Good),
    ]);
    let got: Vec<_> = gaps
        .iter()
        .map(|g| (log.touchpoint_name(g.touchpoint), g.responses, g.gap))
        .collect();
    assert_eq!(
        got,
        [("invoice", 2, -1.0), ("booking", 1, 0.0), ("visit", 1, 1.0)]
    );
}

#[test]
fn moments_of_truth_weigh_bad_experiences_twelve_times() {
    // Everyone visits; ann, bo and cy also pay. bo and cy stop coming.
    let log = log(&format!(
        "ann 0 visit\nann {} pay\nann {} visit\nbo 0 visit\nbo 1 pay\ncy 0 visit\ncy 1 pay\ndan 0 visit\ndan {} visit",
        DAY,
        90 * DAY,
        95 * DAY
    ));
    let id = |n: &str| log.customer_id(n).unwrap();
    let tp = |n: &str| log.touchpoint_id(n).unwrap();
    let exp = |c: &str, t: &str, rating| Experience {
        customer: id(c),
        touchpoint: tp(t),
        time: 1,
        rating,
    };
    let experiences = [
        exp("ann", "visit", Rating::Good),
        exp("bo", "visit", Rating::Good),
        exp("cy", "visit", Rating::Neutral),
        exp("dan", "visit", Rating::Good),
        exp("ann", "pay", Rating::Good),
        exp("bo", "pay", Rating::Bad),
        exp("cy", "pay", Rating::Bad),
    ];
    let query = MomentsQuery {
        bad_weight: 12.0,
        churn: ChurnQuery {
            now: 100 * DAY,
            inactive_after_seconds: 30 * DAY,
            period: Period::Month,
        },
    };
    let moments = moments_of_truth(&log, &experiences, &query);
    let got: Vec<_> = moments
        .iter()
        .map(|m| {
            (
                m.touchpoint.as_str(),
                m.impact,
                m.customers_with_bad,
                m.lost_after_bad_percent,
                m.lost_overall_percent,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("pay", (1.0 - 24.0) / 3.0, 2, 100.0, 50.0),
            ("visit", 0.75, 0, 0.0, 50.0)
        ]
    );
}

#[test]
fn pearson_matches_scipy() {
    let c = pearson(&[(1.0, 2.0), (2.0, 4.0), (3.0, 5.0), (4.0, 4.0), (5.0, 5.0)]).unwrap();
    assert!(close(c.r, 0.774_596_669_241_483_4, 1e-12));
    assert!(close(c.p_value, 0.124_027_062_657_554_6, 1e-9), "{c:?}");
    let perfect = pearson(&[(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)]).unwrap();
    assert_eq!((perfect.r, perfect.p_value), (1.0, 0.0));
    assert!(pearson(&[(1.0, 1.0), (2.0, 2.0)]).is_err());
    assert!(pearson(&[(1.0, 1.0), (2.0, 1.0), (3.0, 1.0)]).is_err());
    let teams: Vec<TeamScores> = [
        ("north", 7.0, 4.1),
        ("south", 5.0, 3.2),
        ("east", 8.5, 4.6),
        ("west", 6.0, 3.9),
    ]
    .iter()
    .map(|&(t, e, s)| TeamScores {
        team: t.into(),
        engagement: e,
        satisfaction: s,
    })
    .collect();
    let c = engagement_satisfaction(&teams).unwrap();
    assert!(c.r > 0.9 && c.n == 4 && c.p_value < 0.1, "{c:?}");
}
