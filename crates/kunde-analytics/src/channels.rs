//! Channel economics: per acquisition channel, what a new customer cost (CAC), what the
//! channel's customers are worth so far and are predicted to be worth, the value / cost
//! ratio, how many months a customer takes to pay back its cost, and a verdict.
//!
//! A customer is acquired by its first order and belongs to the channel the caller's
//! [`Grouping`] gives it. CAC is the channel's recorded spend divided by the customers it
//! acquired in the months from its first to its last month with spend (spend outside those
//! months bought no one we can see). Average values are over all the channel's customers.

use serde::Serialize;

use crate::civil::{Period, PeriodKey};
use crate::orders::orders_until;
use crate::{CustomerId, EventLog, Grouping};

/// Marketing spend of one channel in one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelSpend {
    pub channel: String,
    /// A month ([`Period::Month`]); other periods are read as the month they start in.
    pub month: PeriodKey,
    pub amount: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelQuery {
    pub now: i64,
    /// Months since acquisition shown in the payback curve.
    pub months: usize,
    /// The share of revenue that is gross margin (1.0: count revenue as it is).
    pub margin: f64,
    /// The value / cost ratio from which a channel pays (1.0: value covers the cost).
    pub pays_at_ratio: f64,
}

impl ChannelQuery {
    pub fn new(now: i64) -> Self {
        Self {
            now,
            months: 36,
            margin: 1.0,
            pays_at_ratio: 1.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pays,
    DoesNotPay,
    /// No spend recorded for the channel: its cost, and so whether it pays, is unknown.
    UnknownWithoutSpend,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Pays => "pays",
            Verdict::DoesNotPay => "does_not_pay",
            Verdict::UnknownWithoutSpend => "unknown_without_spend",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelEconomics {
    pub channel: String,
    /// Customers acquired through the channel up to `now`.
    pub new_customers: u64,
    /// Of those, acquired in the months the spend covers (CAC's denominator).
    pub new_customers_in_spend_months: u64,
    pub spend: f64,
    /// Acquisition cost per new customer; `None` without spend or without customers.
    pub cac: Option<f64>,
    pub average_historic_value: Option<f64>,
    /// Average predicted future value of the customers with a prediction.
    pub average_predicted_value: Option<f64>,
    /// (Historic + predicted value) × margin / CAC.
    pub value_cost_ratio: Option<f64>,
    /// Months until the average customer's cumulative gross revenue covers the CAC, the
    /// month of acquisition counting as the first; `None` if it has not yet.
    pub payback_months: Option<u32>,
    /// Cumulative revenue per customer by months since acquisition, over the customers
    /// acquired long enough ago; `None` where none is.
    pub cumulative_revenue_per_customer: Vec<Option<f64>>,
    pub verdict: Verdict,
}

/// The economics of each channel of the grouping (in its order), then of channels that only
/// appear in the spend.
///
/// `predicted_value[c]` is customer `c`'s predicted future value, if known (a shorter slice,
/// or an empty one, means no prediction for the rest).
pub fn channel_economics(
    log: &EventLog,
    grouping: &Grouping,
    spend: &[ChannelSpend],
    predicted_value: &[Option<f64>],
    query: &ChannelQuery,
) -> Vec<ChannelEconomics> {
    let mut names: Vec<String> = grouping.names().to_vec();
    for s in spend {
        if !names.contains(&s.channel) {
            names.push(s.channel.clone());
        }
    }
    let groups = names.len();
    // Spend per channel and the months it covers.
    let mut spent = vec![0.0; groups];
    let mut window: Vec<Option<(PeriodKey, PeriodKey)>> = vec![None; groups];
    for s in spend {
        let g = names
            .iter()
            .position(|n| *n == s.channel)
            .expect("added above");
        let month = Period::Month.key_of(s.month.start());
        spent[g] += s.amount;
        window[g] = Some(match window[g] {
            None => (month, month),
            Some((a, b)) => (a.min(month), b.max(month)),
        });
    }
    let p = query.months;
    let now_month = log.period_key(Period::Month, query.now);
    let mut customers = vec![0u64; groups];
    let mut in_window = vec![0u64; groups];
    let mut historic = vec![0.0; groups];
    let mut predicted = vec![(0.0, 0u64); groups];
    let mut observed = vec![vec![0u64; p]; groups];
    let mut revenue = vec![vec![0.0; p]; groups];
    let mut own = vec![0.0; p];
    for e in log.customers() {
        let Some(g) = grouping.group_of(e.customer) else {
            continue;
        };
        let g = g as usize;
        let mut orders = orders_until(&e, query.now).peekable();
        let Some(&(first, _)) = orders.peek() else {
            continue;
        };
        let acquired = log.period_key(Period::Month, first);
        customers[g] += 1;
        if window[g].is_some_and(|(a, b)| a <= acquired && acquired <= b) {
            in_window[g] += 1;
        }
        own.fill(0.0);
        for (t, amount) in orders {
            historic[g] += amount;
            let k = acquired.periods_until(log.period_key(Period::Month, t)) as usize;
            if k < p {
                own[k] += amount;
            }
        }
        if let Some(Some(v)) = predicted_value.get(e.customer.0 as usize) {
            predicted[g].0 += v;
            predicted[g].1 += 1;
        }
        let seen = ((acquired.periods_until(now_month) + 1).max(0) as usize).min(p);
        let mut running = 0.0;
        for k in 0..seen {
            running += own[k];
            observed[g][k] += 1;
            revenue[g][k] += running;
        }
    }
    (0..groups)
        .map(|g| {
            let n = customers[g];
            let average_historic_value = (n > 0).then(|| historic[g] / n as f64);
            let average_predicted_value =
                (predicted[g].1 > 0).then(|| predicted[g].0 / predicted[g].1 as f64);
            let curve: Vec<Option<f64>> = (0..p)
                .map(|k| (observed[g][k] > 0).then(|| revenue[g][k] / observed[g][k] as f64))
                .collect();
            let has_spend = window[g].is_some();
            let cac = (has_spend && in_window[g] > 0).then(|| spent[g] / in_window[g] as f64);
            let value = average_historic_value
                .map(|h| (h + average_predicted_value.unwrap_or(0.0)) * query.margin);
            let value_cost_ratio = match (value, cac) {
                (Some(v), Some(c)) if c > 0.0 => Some(v / c),
                _ => None,
            };
            let payback_months = cac.and_then(|c| {
                curve
                    .iter()
                    .position(|r| r.is_some_and(|r| r * query.margin >= c))
                    .map(|k| k as u32 + 1)
            });
            let verdict = if !has_spend {
                Verdict::UnknownWithoutSpend
            } else if cac == Some(0.0) || value_cost_ratio.is_some_and(|r| r >= query.pays_at_ratio)
            {
                Verdict::Pays
            } else {
                Verdict::DoesNotPay
            };
            ChannelEconomics {
                channel: names[g].clone(),
                new_customers: n,
                new_customers_in_spend_months: in_window[g],
                spend: spent[g],
                cac,
                average_historic_value,
                average_predicted_value,
                value_cost_ratio,
                payback_months,
                cumulative_revenue_per_customer: curve,
                verdict,
            }
        })
        .collect()
}

/// The customers of one channel acquired in its spend months (those CAC was divided by),
/// for the list behind the figure.
pub fn customers_in_spend_months(
    log: &EventLog,
    grouping: &Grouping,
    spend: &[ChannelSpend],
    channel: &str,
    now: i64,
) -> Vec<CustomerId> {
    let months: Vec<PeriodKey> = spend
        .iter()
        .filter(|s| s.channel == channel)
        .map(|s| Period::Month.key_of(s.month.start()))
        .collect();
    let (Some(&a), Some(&b)) = (months.iter().min(), months.iter().max()) else {
        return Vec::new();
    };
    log.customers()
        .filter(|e| {
            grouping
                .group_of(e.customer)
                .is_some_and(|g| grouping.name(g) == channel)
        })
        .filter_map(|e| {
            let (first, _) = orders_until(&e, now).next()?;
            let m = log.period_key(Period::Month, first);
            (a <= m && m <= b).then_some(e.customer)
        })
        .collect()
}
