//! The month-by-month numbers behind the start page's figures, all from data read once per
//! request: the cached event log (new customers, revenue and repeat share, churn, customers
//! still active after a year — `kunde_analytics`), the customer-survey answers (NPS and CSAT
//! with their intervals), the cases and the follow-ups. No query per customer.

use super::figures::{MONTHS, Month};
use kunde_analytics::churn::{ThresholdQuery, propose_threshold};
use kunde_analytics::civil::{Period, PeriodKey};
use kunde_analytics::lifecycle::{LifecycleQuery, lifecycle};
use kunde_analytics::revenue::revenue;
use kunde_analytics::survey::{Confidence, CsatResult, CsatScore, NpsResult, NpsScore, csat, nps};
use kunde_analytics::survival::customer_survival;
use kunde_analytics::{EventLog, Zone};
use kunde_domain::Case;
use kunde_store::{AnswerFact, Followup, Review};
use std::collections::HashMap;

/// A month with fewer scored answers than this is marked as too thin to compare.
pub const MIN_ANSWERS: u64 = 5;

const YEAR: i64 = 365 * 86_400;

/// The last [`MONTHS`] months, oldest first, the one holding `now` last.
/// Months are the business's: they start at local midnight in `zone`.
pub fn keys(zone: &Zone, now: i64) -> Vec<PeriodKey> {
    let this = zone.key_of(Period::Month, now);
    (0..MONTHS as i64)
        .rev()
        .map(|back| this.plus(-back))
        .collect()
}

/// The last second a month's figures look at: its end, or `now` for the current one.
fn end_of(zone: &Zone, key: PeriodKey, now: i64) -> i64 {
    (zone.start_of(key.plus(1)) - 1).min(now)
}

/// NPS and CSAT per month (None without answers), and the detractors of the last year.
pub struct Surveys {
    pub nps: Vec<Option<NpsResult>>,
    pub csat: Vec<Option<CsatResult>>,
    pub detractors_last_year: u64,
}

pub fn surveys(zone: &Zone, answers: &[AnswerFact], keys: &[PeriodKey], now: i64) -> Surveys {
    let index: HashMap<PeriodKey, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut n: Vec<Vec<NpsScore>> = vec![Vec::new(); keys.len()];
    let mut c: Vec<Vec<CsatScore>> = vec![Vec::new(); keys.len()];
    let mut detractors_last_year = 0;
    for f in answers.iter().filter(|f| f.submitted_at <= now) {
        let Some(score) = f.score.and_then(|s| u8::try_from(s).ok()) else {
            continue;
        };
        if f.question_kind == "nps" && score <= 6 && f.submitted_at > now - YEAR {
            detractors_last_year += 1;
        }
        let Some(&i) = index.get(&zone.key_of(Period::Month, f.submitted_at)) else {
            continue;
        };
        match f.question_kind.as_str() {
            "nps" => n[i].extend(NpsScore::new(score).ok()),
            "csat" => c[i].extend(CsatScore::new(score).ok()),
            _ => {}
        }
    }
    let conf = Confidence::default();
    Surveys {
        nps: n.iter().map(|s| nps(s, conf)).collect(),
        csat: c.iter().map(|s| csat(s, conf)).collect(),
        detractors_last_year,
    }
}

/// A score month: its value, thin below [`MIN_ANSWERS`].
pub fn score_month(value: Option<f64>, responses: u64) -> Month {
    Month {
        value,
        thin: value.is_some() && responses < MIN_ANSWERS,
    }
}

/// What the orders in the event log say, per month.
pub struct Value {
    /// Days without an order after which a customer counts as lost (proposed from the
    /// gaps between purchases).
    pub threshold_days: u32,
    pub new_customers: Vec<Month>,
    pub revenue: Vec<Month>,
    pub repeat_share: Vec<Month>,
    pub churn: Vec<Month>,
    /// Share of customers still active a year after their first order, as of each month's
    /// end (Kaplan–Meier).
    pub active_after_year: Vec<Month>,
    /// The same after three years, now.
    pub kept_after_three_years: Option<f64>,
}

pub fn value(log: &EventLog, keys: &[PeriodKey], now: i64) -> Value {
    let threshold_days = propose_threshold(log, &ThresholdQuery::new(now)).days;
    let life = lifecycle(
        log,
        &LifecycleQuery {
            now,
            threshold_days,
            period: Period::Month,
        },
    );
    let life: HashMap<PeriodKey, _> = life.periods.iter().map(|p| (p.period, p)).collect();
    let rev = revenue(log, Period::Month, now);
    let rev: HashMap<PeriodKey, _> = rev.periods.iter().map(|p| (p.period, p)).collect();
    let any = !life.is_empty();
    let month = |f: &dyn Fn(PeriodKey) -> Option<f64>| -> Vec<Month> {
        keys.iter().map(|&k| Month::of(f(k))).collect()
    };
    let new_customers = month(&|k| life.get(&k).map(|p| p.new as f64).or(any.then_some(0.0)));
    let revenue = month(&|k| rev.get(&k).map(|p| p.total_revenue).or(any.then_some(0.0)));
    let repeat_share = month(&|k| {
        rev.get(&k)
            .filter(|p| p.total_revenue > 0.0)
            .map(|p| p.repeat_share_percent)
    });
    let churn = month(&|k| life.get(&k).and_then(|p| p.churn_rate_percent));
    let active_after_year = keys
        .iter()
        .map(|&k| {
            let at = end_of(log.zone(), k, now);
            let s = customer_survival(log, at, threshold_days);
            Month::of(s.after_years[0].map(|a| a.survival * 100.0))
        })
        .collect();
    let kept_after_three_years =
        customer_survival(log, now, threshold_days).after_years[2].map(|a| a.survival * 100.0);
    Value {
        threshold_days,
        new_customers,
        revenue,
        repeat_share,
        churn,
        active_after_year,
        kept_after_three_years,
    }
}

/// Cases open at each month's end, and of those the ones past a target.
pub fn cases(
    zone: &Zone,
    cases: &[Case],
    keys: &[PeriodKey],
    now: i64,
) -> (Vec<Month>, Vec<Month>) {
    keys.iter()
        .map(|&k| {
            let end = end_of(zone, k, now);
            let open: Vec<&Case> = cases
                .iter()
                .filter(|c| c.created_at <= end && c.resolved_at.is_none_or(|r| r > end))
                .collect();
            let past = open
                .iter()
                .filter(|c| {
                    c.due.resolution < end
                        || (c.first_response_at.is_none_or(|f| f > end)
                            && c.due.first_response < end)
                })
                .count();
            (
                Month::of(Some(open.len() as f64)),
                Month::of(Some(past as f64)),
            )
        })
        .unzip()
}

/// Follow-ups open and past their due time at each month's end.
pub fn followups_overdue(
    zone: &Zone,
    followups: &[Followup],
    keys: &[PeriodKey],
    now: i64,
) -> Vec<Month> {
    keys.iter()
        .map(|&k| {
            let end = end_of(zone, k, now);
            let n = followups
                .iter()
                .filter(|f| {
                    f.created_at <= end && f.closed_at.is_none_or(|c| c > end) && f.due_at < end
                })
                .count();
            Month::of(Some(n as f64))
        })
        .collect()
}

/// Cases opened in the last year (complaints and other cases).
pub fn cases_last_year(cases: &[Case], now: i64) -> usize {
    cases
        .iter()
        .filter(|c| c.created_at > now - YEAR && c.created_at <= now)
        .count()
}

/// The average star rating of the reviews written in each month (None without reviews).
pub fn review_rating(zone: &Zone, reviews: &[Review], keys: &[PeriodKey]) -> Vec<Month> {
    keys.iter()
        .map(|&k| {
            let (sum, n) = reviews
                .iter()
                .filter(|r| zone.key_of(Period::Month, r.reviewed_at) == k)
                .fold((0i64, 0u32), |(s, n), r| (s + r.rating, n + 1));
            Month::of((n > 0).then(|| sum as f64 / f64::from(n)))
        })
        .collect()
}
