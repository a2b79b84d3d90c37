//! `kunde analyze`: run the analytics core over a CSV file from the command line, printing
//! a table or JSON. Handy for checking numbers and for benchmarks without a server.

mod load;
mod names;
mod render;
mod value;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand, ValueEnum};
use kunde_analytics::funnel::{Funnel, FunnelModes};
use kunde_analytics::paths::{Direction, PathQuery, paths};
use kunde_analytics::retention::{RetentionQuery, retention};
use kunde_analytics::rfm::rfm;
use kunde_analytics::{EventLog, Period, TouchpointId};
use render::{duration, num, opt, table};
use serde::Serialize;

/// Analyse a CSV of events (`customer_id,timestamp,touchpoint[,amount]`; events with a
/// positive amount are orders) or, for `clv`, of customer summaries
/// (`customer_id` or `ID`, `frequency,recency,T[,monetary_value]`, as `lifetimes` writes them).
/// JSON output names customers by the ids in the file.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(subcommand)]
    pub command: AnalyzeCommand,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print load and compute times to stderr.
    #[arg(long, global = true)]
    pub timings: bool,
}

#[derive(Debug, Subcommand)]
pub enum AnalyzeCommand {
    /// How many customers reach each step of a funnel within a time window.
    Funnel {
        file: PathBuf,
        /// Touchpoints in order, comma-separated (at least two).
        #[arg(long, value_delimiter = ',', required = true)]
        steps: Vec<String>,
        /// Time window from the first step: 3600, 30m, 2h, 7d, 2w.
        #[arg(long, default_value = "7d")]
        window: String,
        #[arg(long)]
        strict_order: bool,
        #[arg(long)]
        strict_deduplication: bool,
        #[arg(long)]
        strict_increase: bool,
    },
    /// The most common routes after (or before) a touchpoint.
    Paths {
        file: PathBuf,
        /// The touchpoint paths start from; default: each customer's first event.
        #[arg(long)]
        from: Option<String>,
        /// Walk back in time instead of forward.
        #[arg(long)]
        before: bool,
        #[arg(long, default_value_t = 3)]
        depth: usize,
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Count repeated visits to the same touchpoint in a row as one step.
        #[arg(long)]
        collapse_repeats: bool,
    },
    /// Cohort retention by week or month of the first event.
    Retention {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
        period: PeriodArg,
        /// The event that starts a cohort; default: any event.
        #[arg(long)]
        cohort_event: Option<String>,
        /// The event that counts as coming back; default: any event.
        #[arg(long)]
        return_event: Option<String>,
        #[arg(long, default_value_t = 12)]
        periods: usize,
        /// The current time (Unix seconds or ISO 8601); default: the latest event.
        #[arg(long)]
        now: Option<String>,
    },
    /// Recency, frequency and monetary scores and segments of customers with orders.
    Rfm {
        file: PathBuf,
        /// The current time (Unix seconds or ISO 8601); default: the latest event.
        #[arg(long)]
        now: Option<String>,
    },
    /// When customers count as lost, how long they stay (Kaplan–Meier) and who was new,
    /// returning, resurrected or lost in each period.
    Churn {
        file: PathBuf,
        /// Days without an order after which a customer is lost; default: proposed from the
        /// gaps between the customers' purchases.
        #[arg(long)]
        threshold_days: Option<u32>,
        #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
        period: PeriodArg,
        /// The current time (Unix seconds or ISO 8601); default: the latest event.
        #[arg(long)]
        now: Option<String>,
    },
    /// Revenue per period split into new (a customer's first order) and repeat.
    Revenue {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
        period: PeriodArg,
        /// Leave out orders after this time (Unix seconds or ISO 8601); default: none.
        #[arg(long)]
        now: Option<String>,
    },
    /// Fit BG/NBD (and Gamma-Gamma when there is spend) to customer summaries and predict
    /// purchases and lifetime values.
    Clv {
        file: PathBuf,
        #[arg(long, default_value_t = 12)]
        months: u32,
        /// Discount rate per month.
        #[arg(long, default_value_t = 0.01)]
        discount: f64,
        /// Time units of the summaries per month: 4.345 for weeks, 30 for days.
        #[arg(long, default_value_t = 4.345)]
        units_per_month: f64,
        /// How many of the most valuable customers to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Self {
        match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Quarter => Period::Quarter,
            PeriodArg::Year => Period::Year,
        }
    }
}

struct Output {
    json: bool,
    timings: bool,
    started: Instant,
}

impl Output {
    fn timing(&self, what: &str) {
        if self.timings {
            eprintln!("{what}: {:.3} s", self.started.elapsed().as_secs_f64());
        }
    }

    fn json(&self, value: &impl Serialize) -> Result<bool> {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value)?);
        }
        Ok(self.json)
    }

    /// Like [`Output::json`], naming customers by the ids of the file the log came from.
    fn json_named(&self, value: &impl Serialize, log: &EventLog) -> Result<bool> {
        if self.json {
            let named = names::with_customer_ids(value, log)?;
            println!("{}", serde_json::to_string_pretty(&named)?);
        }
        Ok(self.json)
    }
}

fn touchpoint(log: &EventLog, name: &str) -> Result<TouchpointId> {
    log.touchpoint_id(name)
        .ok_or_else(|| anyhow!("no event has the touchpoint {name:?}; check the spelling"))
}

fn now_or_latest(log: &EventLog, now: Option<&str>) -> Result<i64> {
    match now {
        Some(s) => load::parse_timestamp(s).map_err(|e| anyhow!("--now: {e}")),
        None => Ok(log
            .customers()
            .filter_map(|e| e.times.last().copied())
            .max()
            .unwrap_or(0)),
    }
}

fn load_events(out: &mut Output, file: &std::path::Path) -> Result<EventLog> {
    let log = load::events(file)?;
    out.timing(&format!(
        "loaded {} events of {} customers",
        log.event_count(),
        log.customer_count()
    ));
    out.started = Instant::now();
    Ok(log)
}

/// Runs one `kunde analyze` subcommand.
pub fn run(args: AnalyzeArgs) -> Result<()> {
    let mut out = Output {
        json: args.json,
        timings: args.timings,
        started: Instant::now(),
    };
    match args.command {
        AnalyzeCommand::Funnel {
            file,
            steps,
            window,
            strict_order,
            strict_deduplication,
            strict_increase,
        } => {
            let log = load_events(&mut out, &file)?;
            let window = load::parse_duration(&window).map_err(|e| anyhow!("--window: {e}"))?;
            let ids = steps
                .iter()
                .map(|s| touchpoint(&log, s))
                .collect::<Result<Vec<_>>>()?;
            let modes = FunnelModes {
                strict_order,
                strict_deduplication,
                strict_increase,
            };
            let funnel = Funnel::new(ids, window)?.with_modes(modes);
            let report = funnel.evaluate(&log).report(&log, &funnel);
            out.timing("funnel");
            if !out.json_named(&report, &log)? {
                let rows: Vec<Vec<String>> = report
                    .steps
                    .iter()
                    .map(|s| {
                        let t = s.time_from_previous.as_ref();
                        vec![
                            format!("{}. {}", s.step, s.touchpoint),
                            s.customers.to_string(),
                            num(s.percent_of_first, 1),
                            num(s.percent_of_previous, 1),
                            s.dropped.to_string(),
                            t.map_or("-".into(), |t| duration(t.median_seconds)),
                            t.map_or("-".into(), |t| duration(t.p90_seconds)),
                        ]
                    })
                    .collect();
                table(
                    &[
                        "step",
                        "customers",
                        "% of first",
                        "% of previous",
                        "dropped",
                        "median time",
                        "p90 time",
                    ],
                    &rows,
                );
                println!(
                    "\n{} of {} customers converted ({:.1} %)",
                    report.converted, report.entered, report.conversion_percent
                );
            }
        }
        AnalyzeCommand::Paths {
            file,
            from,
            before,
            depth,
            top,
            collapse_repeats,
        } => {
            let log = load_events(&mut out, &file)?;
            let anchor = from.as_deref().map(|f| touchpoint(&log, f)).transpose()?;
            let direction = if before {
                Direction::Before
            } else {
                Direction::After
            };
            let report = paths(
                &log,
                &PathQuery {
                    anchor,
                    direction,
                    depth,
                    top,
                    collapse_repeats,
                },
            )?;
            out.timing("paths");
            if !out.json_named(&report, &log)? {
                let arrow = if before { " ← " } else { " → " };
                let rows: Vec<Vec<String>> = report
                    .top_paths
                    .iter()
                    .map(|p| {
                        vec![
                            p.touchpoints.join(arrow),
                            p.customers.to_string(),
                            num(p.percent, 1),
                        ]
                    })
                    .collect();
                table(&["path", "customers", "%"], &rows);
            }
        }
        AnalyzeCommand::Retention {
            file,
            period,
            cohort_event,
            return_event,
            periods,
            now,
        } => {
            let log = load_events(&mut out, &file)?;
            let query = RetentionQuery {
                period: period.into(),
                cohort_event: cohort_event
                    .as_deref()
                    .map(|e| touchpoint(&log, e))
                    .transpose()?,
                return_event: return_event
                    .as_deref()
                    .map(|e| touchpoint(&log, e))
                    .transpose()?,
                periods: periods.max(1),
                now: now_or_latest(&log, now.as_deref())?,
            };
            let report = retention(&log, &query);
            out.timing("retention");
            if !out.json(&report)? {
                let mut headers = vec!["cohort".to_owned(), "customers".to_owned()];
                headers.extend((0..query.periods).map(|k| format!("+{k}")));
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                let rows: Vec<Vec<String>> = report
                    .cohorts
                    .iter()
                    .map(|c| {
                        let mut row = vec![c.cohort.label(), c.customers.to_string()];
                        row.extend(c.percent.iter().map(|p| opt(*p, 0)));
                        row
                    })
                    .collect();
                table(&headers, &rows);
            }
        }
        AnalyzeCommand::Rfm { file, now } => {
            let log = load_events(&mut out, &file)?;
            let report = rfm(&log, now_or_latest(&log, now.as_deref())?);
            out.timing("rfm");
            if !out.json_named(&report, &log)? {
                let rows: Vec<Vec<String>> = report
                    .segments
                    .iter()
                    .map(|s| {
                        vec![
                            s.label.to_owned(),
                            s.customers.to_string(),
                            num(s.percent, 1),
                            num(s.revenue, 2),
                        ]
                    })
                    .collect();
                table(&["segment", "customers", "%", "revenue"], &rows);
            }
        }
        AnalyzeCommand::Churn {
            file,
            threshold_days,
            period,
            now,
        } => {
            let log = load_events(&mut out, &file)?;
            let now = now_or_latest(&log, now.as_deref())?;
            value::churn(&out, &log, now, threshold_days, period.into())?;
        }
        AnalyzeCommand::Revenue { file, period, now } => {
            let log = load_events(&mut out, &file)?;
            let until = match now {
                Some(_) => now_or_latest(&log, now.as_deref())?,
                None => i64::MAX,
            };
            value::revenue_table(&out, &log, period.into(), until)?;
        }
        AnalyzeCommand::Clv {
            file,
            months,
            discount,
            units_per_month,
            top,
        } => value::clv(
            &mut out,
            &file,
            &value::ClvArgs {
                months,
                discount,
                units_per_month,
                top,
            },
        )?,
    }
    Ok(())
}
