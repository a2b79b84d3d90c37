//! `kunde analyze churn`, `revenue` and `clv`: the retention-and-value figures of issue 20
//! on an analyst's own files, as tables or JSON.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use kunde_analytics::churn::{ThresholdBasis, ThresholdQuery, propose_threshold};
use kunde_analytics::clv::{
    BgNbdFit, ClvQuery, FitOptions, GammaGammaFit, customer_value, fit_bgnbd, fit_gamma_gamma,
};
use kunde_analytics::lifecycle::{LifecycleQuery, lifecycle};
use kunde_analytics::revenue::revenue;
use kunde_analytics::survival::{SurvivalAt, customer_survival};
use kunde_analytics::{Error, EventLog, Period};
use serde::Serialize;

use super::render::{num, opt, table};
use super::{Output, load};

/// Threshold, survival and lifecycle of the customers in an event file.
pub fn churn(
    out: &Output,
    log: &EventLog,
    now: i64,
    threshold_days: Option<u32>,
    period: Period,
) -> Result<()> {
    let proposal = propose_threshold(log, &ThresholdQuery::new(now));
    let days = threshold_days.unwrap_or(proposal.days);
    let survival = customer_survival(log, now, days);
    let cycle = lifecycle(
        log,
        &LifecycleQuery {
            now,
            threshold_days: days,
            period,
        },
    );
    out.timing("churn");
    #[derive(Serialize)]
    struct Report<'a> {
        threshold_days: u32,
        proposal: &'a kunde_analytics::churn::ThresholdProposal,
        survival: &'a kunde_analytics::survival::CustomerSurvival,
        lifecycle: &'a kunde_analytics::lifecycle::LifecycleReport,
    }
    let report = Report {
        threshold_days: days,
        proposal: &proposal,
        survival: &survival,
        lifecycle: &cycle,
    };
    if out.json(&report)? {
        return Ok(());
    }
    let why = match proposal.basis {
        ThresholdBasis::GapPercentile => format!(
            "the {:.0}th percentile of {} gaps between purchases of {} repeat customers, rounded up",
            proposal.percentile, proposal.gaps, proposal.repeat_customers
        ),
        ThresholdBasis::Floor => format!(
            "the {:.0}th percentile of {} gaps ({} days) is below the floor of {} days",
            proposal.percentile,
            proposal.gaps,
            opt(proposal.percentile_days, 1),
            proposal.floor_days
        ),
        ThresholdBasis::TooFewGaps => format!(
            "only {} gaps between purchases (at least {} needed), so the default",
            proposal.gaps, proposal.min_gaps
        ),
    };
    match threshold_days {
        Some(d) => println!(
            "Lost after {d} days without an order (given; proposed: {} days, {why}).",
            proposal.days
        ),
        None => println!("Lost after {days} days without an order: {why}."),
    }
    let at = |s: Option<SurvivalAt>| {
        s.map_or("not yet known".to_owned(), |s| {
            format!(
                "{} % (95 %: {}–{} %, {} followed)",
                num(100.0 * s.survival, 1),
                num(100.0 * s.lower, 1),
                num(100.0 * s.upper, 1),
                s.at_risk
            )
        })
    };
    println!(
        "Still active (Kaplan–Meier over {} customers, {} lost):",
        survival.curve.subjects, survival.curve.events
    );
    for (years, s) in survival.after_years.iter().enumerate() {
        println!("  after {} year(s): {}", years + 1, at(*s));
    }
    println!(
        "  (benchmark: the average small business loses half of its customers in three years)\n"
    );
    let rows: Vec<Vec<String>> = cycle
        .periods
        .iter()
        .map(|p| {
            vec![
                p.period.label(),
                p.active_at_start.to_string(),
                p.new.to_string(),
                p.returning.to_string(),
                p.resurrected.to_string(),
                p.lost.to_string(),
                opt(p.churn_rate_percent, 1),
                opt(p.churn_rate_trailing_3_percent, 1),
            ]
        })
        .collect();
    table(
        &[
            "period",
            "active at start",
            "new",
            "returning",
            "resurrected",
            "lost",
            "churn %",
            "churn % (3 periods)",
        ],
        &rows,
    );
    Ok(())
}

/// New versus repeat revenue per period.
pub fn revenue_table(out: &Output, log: &EventLog, period: Period, until: i64) -> Result<()> {
    let report = revenue(log, period, until);
    out.timing("revenue");
    if out.json(&report)? {
        return Ok(());
    }
    let rows: Vec<Vec<String>> = report
        .periods
        .iter()
        .map(|p| {
            vec![
                p.period.label(),
                num(p.new_revenue, 2),
                num(p.repeat_revenue, 2),
                num(p.total_revenue, 2),
                num(p.repeat_share_percent, 1),
                opt(p.yoy_growth_percent, 1),
                opt(p.yoy_new_growth_percent, 1),
                opt(p.yoy_repeat_growth_percent, 1),
            ]
        })
        .collect();
    table(
        &[
            "period",
            "new",
            "repeat",
            "total",
            "repeat %",
            "YoY %",
            "YoY new %",
            "YoY repeat %",
        ],
        &rows,
    );
    println!(
        "\nnew {} + repeat {}: {} % repeat",
        num(report.new_revenue, 2),
        num(report.repeat_revenue, 2),
        num(report.repeat_share_percent, 1)
    );
    Ok(())
}

/// How `analyze clv` projects values.
pub struct ClvArgs {
    pub months: u32,
    pub discount: f64,
    pub units_per_month: f64,
    pub top: usize,
}

#[derive(Serialize)]
struct Row<'a> {
    customer_id: &'a str,
    probability_alive: f64,
    expected_purchases: f64,
    /// `None` without a spend model.
    expected_average_value: Option<f64>,
    lifetime_value: Option<f64>,
}

#[derive(Serialize)]
struct ClvReport<'a> {
    bgnbd: &'a BgNbdFit,
    gamma_gamma: Option<&'a GammaGammaFit>,
    /// Why there are no spend predictions, when there are none.
    spend_note: Option<String>,
    customers: &'a [Row<'a>],
}

/// BG/NBD and, when the file has spend, Gamma-Gamma on customer summaries.
pub fn clv(out: &mut Output, file: &Path, args: &ClvArgs) -> Result<()> {
    let (customers, has_spend) = load::summaries(file)?;
    out.timing(&format!("loaded {} customer summaries", customers.len()));
    out.started = Instant::now();
    let summaries: Vec<_> = customers.iter().map(|c| c.1).collect();
    let bg = fit_bgnbd(&summaries, &FitOptions::default()).context("cannot fit BG/NBD")?;
    out.timing("BG/NBD fit");
    out.started = Instant::now();
    let (gg, spend_note) = if !has_spend {
        (
            None,
            Some("the file has no monetary_value column".to_owned()),
        )
    } else {
        match fit_gamma_gamma(&summaries, &FitOptions::default()) {
            Ok(gg) if gg.params.q > 1.0 => (Some(gg), None),
            Ok(_) => (
                None,
                Some("the spend model has no finite mean (q <= 1)".to_owned()),
            ),
            Err(Error::NotEnoughData(why)) => (None, Some(why.to_owned())),
            Err(e) => return Err(anyhow::Error::new(e).context("cannot fit Gamma-Gamma")),
        }
    };
    out.timing("Gamma-Gamma fit");
    let query = ClvQuery {
        months: args.months,
        monthly_discount_rate: args.discount,
        units_per_month: args.units_per_month,
    };
    let horizon = f64::from(args.months) * args.units_per_month;
    let mut rows: Vec<Row<'_>> = customers
        .iter()
        .map(|(id, c)| {
            let value = gg
                .as_ref()
                .map(|gg| customer_value(&bg.params, &gg.params, c, &query));
            Row {
                customer_id: id,
                probability_alive: bg.params.probability_alive(c),
                expected_purchases: bg.params.expected_purchases(horizon, c),
                expected_average_value: value.map(|v| v.expected_average_value),
                lifetime_value: value.map(|v| v.lifetime_value),
            }
        })
        .collect();
    let key = |r: &Row<'_>| r.lifetime_value.unwrap_or(r.expected_purchases);
    rows.sort_by(|a, b| key(b).total_cmp(&key(a)));
    let report = ClvReport {
        bgnbd: &bg,
        gamma_gamma: gg.as_ref(),
        spend_note,
        customers: &rows,
    };
    if out.json(&report)? {
        return Ok(());
    }
    let p = bg.params;
    println!(
        "BG/NBD: r = {:.4}, alpha = {:.4}, a = {:.4}, b = {:.4} (log-likelihood {:.1})",
        p.r, p.alpha, p.a, p.b, bg.log_likelihood
    );
    match (&gg, &report.spend_note) {
        (Some(gg), _) => {
            let g = gg.params;
            println!(
                "Gamma-Gamma: p = {:.4}, q = {:.4}, gamma = {:.4}\n",
                g.p, g.q, g.gamma
            );
        }
        (None, Some(why)) => println!("No spend model ({why}): purchases only.\n"),
        (None, None) => println!(),
    }
    let shown: Vec<Vec<String>> = rows
        .iter()
        .take(args.top)
        .map(|r| {
            vec![
                r.customer_id.to_owned(),
                num(r.probability_alive, 3),
                num(r.expected_purchases, 2),
                opt(r.expected_average_value, 2),
                opt(r.lifetime_value, 2),
            ]
        })
        .collect();
    table(
        &["customer", "P(alive)", "purchases", "avg value", "CLV"],
        &shown,
    );
    Ok(())
}
