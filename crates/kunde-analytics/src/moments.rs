//! Moments of truth: touchpoints ranked by their effect on customers, where one bad
//! experience weighs as much as `bad_weight` good ones (about twelve, by the rule of thumb
//! of the source material), and by how many customers are lost after a bad experience
//! there compared with all customers.

use std::collections::HashSet;

use serde::Serialize;

use crate::churn::{ChurnQuery, churned_customers};
use crate::stats::percent;
use crate::{CustomerId, EventLog, TouchpointId};

/// How an experience at a touchpoint went (from a survey answer, a complaint, a review…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Bad,
    Neutral,
    Good,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Experience {
    pub customer: CustomerId,
    pub touchpoint: TouchpointId,
    pub time: i64,
    pub rating: Rating,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MomentsQuery {
    /// How many good experiences one bad one cancels (12 by default).
    pub bad_weight: f64,
    /// Who counts as lost; experiences after `churn.now` are ignored.
    pub churn: ChurnQuery,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MomentOfTruth {
    pub touchpoint: String,
    pub experiences: u64,
    pub good: u64,
    pub neutral: u64,
    pub bad: u64,
    /// (good − bad_weight · bad) / experiences: +1 when every experience was good,
    /// −bad_weight when every one was bad.
    pub impact: f64,
    /// Distinct customers with a bad experience here.
    pub customers_with_bad: u64,
    pub lost_after_bad: u64,
    pub lost_after_bad_percent: f64,
    /// Churn among all customers, for comparison.
    pub lost_overall_percent: f64,
}

/// Touchpoints with at least one experience, the worst impact first.
pub fn moments_of_truth(
    log: &EventLog,
    experiences: &[Experience],
    query: &MomentsQuery,
) -> Vec<MomentOfTruth> {
    let state = churned_customers(log, &query.churn);
    let known = state.iter().flatten().count() as u64;
    let lost = state.iter().flatten().filter(|&&l| l).count() as u64;
    let lost_overall_percent = percent(lost, known);
    let mut counts = vec![[0u64; 3]; log.touchpoint_count()];
    let mut bad_customers: HashSet<(u16, u32)> = HashSet::new();
    for e in experiences {
        let Some(c) = counts.get_mut(usize::from(e.touchpoint.0)) else {
            continue;
        };
        if e.time > query.churn.now {
            continue;
        }
        match e.rating {
            Rating::Bad => {
                c[0] += 1;
                bad_customers.insert((e.touchpoint.0, e.customer.0));
            }
            Rating::Neutral => c[1] += 1,
            Rating::Good => c[2] += 1,
        }
    }
    let mut with_bad = vec![(0u64, 0u64); log.touchpoint_count()];
    for &(tp, customer) in &bad_customers {
        let entry = &mut with_bad[usize::from(tp)];
        entry.0 += 1;
        if state.get(customer as usize).copied().flatten() == Some(true) {
            entry.1 += 1;
        }
    }
    let mut moments: Vec<MomentOfTruth> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.iter().sum::<u64>() > 0)
        .map(|(tp, &[bad, neutral, good])| {
            let experiences = bad + neutral + good;
            let (customers_with_bad, lost_after_bad) = with_bad[tp];
            MomentOfTruth {
                touchpoint: log.touchpoint_names()[tp].clone(),
                experiences,
                good,
                neutral,
                bad,
                impact: (good as f64 - query.bad_weight * bad as f64) / experiences as f64,
                customers_with_bad,
                lost_after_bad,
                lost_after_bad_percent: percent(lost_after_bad, customers_with_bad),
                lost_overall_percent,
            }
        })
        .collect();
    moments.sort_by(|a, b| {
        a.impact
            .total_cmp(&b.impact)
            .then_with(|| a.touchpoint.cmp(&b.touchpoint))
    });
    moments
}
