//! The funnel page: customers per step within a window, drop-off, time between steps, a
//! breakdown by acquisition channel or by month, and the customers who dropped at a step.

use super::params::{self, Breakdown, FunnelParams, Pairs, Problems};
use super::source::{OptionGroup, Source, percent};
use crate::kit::csv::{csv_problems, csv_response, csv_text, script_json};
use crate::kit::duration;
use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kunde_analytics::funnel::{Funnel, FunnelOutcomes, FunnelReport};
use kunde_analytics::{Grouping, Period};
use std::collections::HashMap;

/// How many dropped customers the page lists; the CSV has them all.
const DROPPED_SHOWN: usize = 100;

/// A funnel evaluated over the log.
pub(super) struct Computed {
    pub funnel: Funnel,
    pub outcomes: FunnelOutcomes,
    pub report: FunnelReport,
    /// The breakdown's groups, each with its own report.
    pub groups: Vec<(String, FunnelReport)>,
}

pub(super) fn compute(
    src: &Source,
    p: &FunnelParams,
    tr: &crate::kit::i18n::Tr,
) -> Result<Computed, AppError> {
    let steps = p.steps.iter().map(|&s| src.log_tp(s)).collect();
    let funnel = Funnel::new(steps, p.window_seconds()).map_err(|_| AppError::BadRequest)?;
    let log = &src.data.log;
    let outcomes = funnel.evaluate(log);
    let report = outcomes.report(log, &funnel);
    let groups = match p.breakdown {
        Breakdown::None => Vec::new(),
        Breakdown::Channel => {
            let none = tr.t("analytics-no-channel");
            let grouping = Grouping::from_fn(log, |c, _| {
                Some(
                    src.data
                        .customer(c)
                        .acquisition_channel
                        .clone()
                        .unwrap_or_else(|| none.clone()),
                )
            });
            let mut groups: Vec<(String, FunnelReport)> = outcomes
                .report_by_group(log, &funnel, &grouping)
                .into_iter()
                .filter(|g| g.report.entered > 0)
                .map(|g| (g.group, g.report))
                .collect();
            groups.sort_by(|a, b| b.1.entered.cmp(&a.1.entered).then_with(|| a.0.cmp(&b.0)));
            groups
        }
        Breakdown::Month => outcomes
            .report_by_period(log, &funnel, Period::Month)
            .into_iter()
            .map(|g| (g.group.label(), g.report))
            .collect(),
    };
    Ok(Computed {
        funnel,
        outcomes,
        report,
        groups,
    })
}

impl Computed {
    /// See [`super::source::drop_step`].
    pub fn drop_step(&self, asked: Option<usize>) -> Option<usize> {
        super::source::drop_step(&self.report, asked)
    }
}

struct StepRow {
    n: usize,
    name: String,
    customers: u64,
    of_first: String,
    of_previous: String,
    dropped: u64,
    median: String,
    p90: String,
}

struct GroupRow {
    group: String,
    counts: Vec<u64>,
    conversion: String,
}

struct DroppedRow {
    id: i64,
    name: String,
    channel: String,
    reached_at: Option<i64>,
}

#[derive(Template)]
#[template(path = "funnel.html")]
struct FunnelPage {
    p: Page,
    groups: Vec<OptionGroup>,
    /// The chosen step of each of the form's selects (0: none).
    selected: Vec<i64>,
    window: i64,
    unit: &'static str,
    breakdown: &'static str,
    problems: Vec<String>,
    empty: bool,
    query: String,
    summary: String,
    steps: Vec<StepRow>,
    group_rows: Vec<GroupRow>,
    step_names: Vec<String>,
    drop_step: usize,
    drop_title: String,
    dropped: Vec<DroppedRow>,
    dropped_more: String,
    chart: String,
    /// Computed by the events backend (ClickHouse), step times included.
    pushed: bool,
}

impl FunnelPage {
    fn with_drop(&self, step: &usize) -> String {
        format!("{}&drop={step}", self.query_without_drop())
    }

    /// The suggested name for the dropped customers saved as a segment.
    fn segment_name(&self) -> String {
        let step = self
            .step_names
            .get(self.drop_step.wrapping_sub(1))
            .map_or("", String::as_str);
        self.p.named("segment-default-name", step)
    }

    fn query_without_drop(&self) -> String {
        self.query
            .split('&')
            .filter(|kv| !kv.starts_with("drop="))
            .collect::<Vec<_>>()
            .join("&")
    }
}

pub async fn funnel_page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "analytics", "/analytics/funnel");
    let tr = p.tr;
    if let Some(pushed) =
        super::pushdown::funnel(&state, &user, raw.as_deref(), &tr, DROPPED_SHOWN).await?
    {
        let names: HashMap<i64, String> = pushed
            .choices
            .iter()
            .map(|c| (c.id.0, c.name.clone()))
            .collect();
        let name = |s: kunde_domain::TouchpointId| names.get(&s.0).cloned().unwrap_or_default();
        let mut view = new_view(p, &pushed.choices, &pushed.params, pushed.problems, name);
        view.pushed = true;
        if let Some(f) = pushed.figures {
            fill_report(&mut view, &pushed.params, &f.report);
            fill_groups(&mut view, &f.groups);
            if let Some(d) = f.drop {
                let rows = f
                    .dropped
                    .into_iter()
                    .map(|c| DroppedRow {
                        id: c.id,
                        name: c.name,
                        channel: c.channel,
                        reached_at: Some(c.reached_at),
                    })
                    .collect();
                fill_drop(&mut view, &f.report, d, rows);
            }
        }
        return render(view);
    }
    let src = Source::load(&state, &user).await?;
    let pairs = Pairs::parse(raw.as_deref());
    let mut problems = Problems::new(&tr);
    let params = params::funnel_params(&pairs, &src.choices, || src.default_steps(), &mut problems);
    let mut view = new_view(p, &src.choices, &params, problems.messages, |s| src.name(s));
    if !view.problems.is_empty() || view.empty {
        return render(view);
    }
    let (src, computed) = tokio::task::spawn_blocking(move || {
        let computed = compute(&src, &params, &tr);
        (src, computed.map(|c| (c, params)))
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?;
    let (c, params) = computed?;
    fill(&mut view, &src, &params, &c);
    render(view)
}

/// The page with its form filled in, before any figure.
fn new_view(
    p: Page,
    choices: &[kunde_store::TouchpointChoice],
    params: &FunnelParams,
    problems: Vec<String>,
    name: impl Fn(kunde_domain::TouchpointId) -> String,
) -> FunnelPage {
    FunnelPage {
        groups: super::source::option_groups(choices),
        selected: (0..params::MAX_STEPS)
            .map(|i| params.steps.get(i).map_or(0, |s| s.0))
            .collect(),
        window: params.window,
        unit: params.unit.code(),
        breakdown: params.breakdown.code(),
        empty: params.steps.len() < 2 && problems.is_empty(),
        problems,
        query: params.query(),
        summary: String::new(),
        steps: Vec::new(),
        group_rows: Vec::new(),
        step_names: params.steps.iter().map(|&s| name(s)).collect(),
        drop_step: 0,
        drop_title: String::new(),
        dropped: Vec::new(),
        dropped_more: String::new(),
        chart: String::new(),
        pushed: false,
        p,
    }
}

/// 400 when the form has problems, else 200.
fn render(view: FunnelPage) -> Result<Response, AppError> {
    let status = if view.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

fn fill(view: &mut FunnelPage, src: &Source, params: &FunnelParams, c: &Computed) {
    fill_report(view, params, &c.report);
    fill_groups(view, &c.groups);
    if let Some(d) = c.drop_step(params.drop) {
        fill_drop(view, &c.report, d, dropped_rows(src, c, d, DROPPED_SHOWN));
    }
}

/// The breakdown table.
fn fill_groups(view: &mut FunnelPage, groups: &[(String, FunnelReport)]) {
    let tr = view.p.tr;
    view.group_rows = groups
        .iter()
        .map(|(g, r)| GroupRow {
            // A channel in words; months and "no channel" are not channel codes and stay.
            group: crate::kit::format::acquisition_channel(&tr, g),
            counts: r.steps.iter().map(|s| s.customers).collect(),
            conversion: percent(r.conversion_percent),
        })
        .collect();
}

/// The summary, the steps table and the chart.
fn fill_report(view: &mut FunnelPage, params: &FunnelParams, r: &FunnelReport) {
    let tr = view.p.tr;
    let window = if params.unit == params::WindowUnit::Days {
        tr.t_args("analytics-days", &[("n", &params.window.to_string())])
    } else {
        tr.t_args("analytics-hours", &[("n", &params.window.to_string())])
    };
    view.summary = tr.t_args(
        "analytics-funnel-summary",
        &[
            ("entered", &r.entered.to_string()),
            ("converted", &r.converted.to_string()),
            ("percent", &percent(r.conversion_percent)),
            ("window", &window),
        ],
    );
    view.steps = r
        .steps
        .iter()
        .zip(&view.step_names)
        .map(|(s, name)| StepRow {
            n: s.step,
            name: name.clone(),
            customers: s.customers,
            of_first: percent(s.percent_of_first),
            of_previous: percent(s.percent_of_previous),
            dropped: s.dropped,
            median: s
                .time_from_previous
                .as_ref()
                .map_or(String::new(), |d| duration(&tr, d.median_seconds)),
            p90: s
                .time_from_previous
                .as_ref()
                .map_or(String::new(), |d| duration(&tr, d.p90_seconds)),
        })
        .collect();
    let chart = serde_json::json!({
        "type": "funnel",
        "label": tr.t("analytics-customers"),
        "steps": r.steps.iter().zip(&view.step_names).map(|(s, name)| serde_json::json!({
            "name": format!("{}. {}", s.step, name),
            "value": s.customers,
            "percent": percent(s.percent_of_first),
        })).collect::<Vec<_>>(),
    });
    view.chart = script_json(&chart);
}

/// The list of the customers who dropped out after step `d` (the first of them).
fn fill_drop(view: &mut FunnelPage, r: &FunnelReport, d: usize, rows: Vec<DroppedRow>) {
    let tr = view.p.tr;
    view.drop_step = d;
    let step = &r.steps[d - 1];
    view.drop_title = tr.t_args(
        "analytics-dropped-title",
        &[
            ("n", &d.to_string()),
            ("step", &view.step_names[d - 1]),
            ("count", &step.dropped.to_string()),
        ],
    );
    view.dropped = rows;
    if step.dropped as usize > DROPPED_SHOWN {
        view.dropped_more = tr.t_args(
            "analytics-dropped-more",
            &[("n", &(step.dropped as usize - DROPPED_SHOWN).to_string())],
        );
    }
}

fn dropped_rows(src: &Source, c: &Computed, step: usize, limit: usize) -> Vec<DroppedRow> {
    c.report.steps[step - 1]
        .dropped_customers
        .iter()
        .take(limit)
        .map(|&id| {
            let customer = src.data.customer(id);
            DroppedRow {
                id: customer.id.0,
                name: customer.name.clone(),
                channel: customer.acquisition_channel.clone().unwrap_or_default(),
                reached_at: c.outcomes.step_time(id, step - 1),
            }
        })
        .collect()
}

/// `/analytics/funnel.csv?…&table=steps|breakdown|dropped`: the numbers behind the page,
/// computed where the page computes them (ClickHouse when it can, see
/// [`super::pushdown::funnel`]; else in memory).
pub async fn funnel_csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let tr = crate::kit::i18n::Tr::new(user.user.language);
    let pairs = Pairs::parse(raw.as_deref());
    let table = pairs.get("table").unwrap_or("steps").to_owned();
    let zone = user.time_zone.clone();
    // Every dropped customer for the dropped table, none for the others.
    let shown = if table == "dropped" { usize::MAX } else { 0 };
    match super::pushdown::funnel(&state, &user, raw.as_deref(), &tr, shown).await {
        Ok(Some(pushed)) => {
            let problems = csv_problems_of(pushed.problems, &pushed.params, &table, &tr);
            let Some(f) = pushed.figures.filter(|_| problems.is_empty()) else {
                return csv_problems(&problems);
            };
            let names: HashMap<i64, &str> = pushed
                .choices
                .iter()
                .map(|c| (c.id.0, c.name.as_str()))
                .collect();
            let names: Vec<String> = pushed
                .params
                .steps
                .iter()
                .map(|s| names.get(&s.0).copied().unwrap_or_default().to_owned())
                .collect();
            let dropped = f
                .dropped
                .into_iter()
                .map(|c| DroppedRow {
                    id: c.id,
                    name: c.name,
                    channel: c.channel,
                    reached_at: Some(c.reached_at),
                })
                .collect();
            let tables = Tables {
                report: &f.report,
                groups: &f.groups,
                drop: f.drop,
                dropped,
            };
            let (name, rows) = funnel_table(&names, tables, &table, &zone);
            return csv_response(&name, rows);
        }
        Ok(None) => {}
        Err(e) => return e.into_plain().into_response(),
    }
    let src = match Source::load(&state, &user).await {
        Ok(src) => src,
        Err(e) => return e.into_plain().into_response(),
    };
    let mut problems = Problems::new(&tr);
    let params = params::funnel_params(&pairs, &src.choices, || src.default_steps(), &mut problems);
    let problems = csv_problems_of(problems.messages, &params, &table, &tr);
    if !problems.is_empty() {
        return csv_problems(&problems);
    }
    let joined = tokio::task::spawn_blocking(move || {
        let computed = compute(&src, &params, &tr);
        computed.map(|c| {
            let names: Vec<String> = params.steps.iter().map(|&s| src.name(s)).collect();
            debug_assert_eq!(c.funnel.steps().len(), names.len());
            let drop = c.drop_step(params.drop);
            let dropped = match drop {
                Some(d) if table == "dropped" => dropped_rows(&src, &c, d, usize::MAX),
                _ => Vec::new(),
            };
            let tables = Tables {
                report: &c.report,
                groups: &c.groups,
                drop,
                dropped,
            };
            funnel_table(&names, tables, &table, &zone)
        })
    })
    .await;
    match joined {
        Ok(Ok((name, rows))) => csv_response(&name, rows),
        Ok(Err(e)) => e.into_plain().into_response(),
        Err(e) => AppError::internal(e.to_string())
            .into_plain()
            .into_response(),
    }
}

/// The form's problems, then an unknown table and a funnel of fewer than two steps.
fn csv_problems_of(
    mut problems: Vec<String>,
    params: &FunnelParams,
    table: &str,
    tr: &crate::kit::i18n::Tr,
) -> Vec<String> {
    if !["steps", "breakdown", "dropped"].contains(&table) {
        problems.push(tr.t_args(
            "analytics-error-choice",
            &[("field", &tr.t("analytics-table")), ("value", table)],
        ));
    }
    if problems.is_empty() && params.steps.len() < 2 {
        problems.push(tr.t("analytics-empty"));
    }
    problems
}

/// What the CSV tables are made of, whichever engine computed it.
struct Tables<'a> {
    report: &'a FunnelReport,
    groups: &'a [(String, FunnelReport)],
    /// The step whose drop-outs `dropped` lists (all of them).
    drop: Option<usize>,
    dropped: Vec<DroppedRow>,
}

/// The rows of one funnel table; times in the workspace's zone `zone`, named in the header.
fn funnel_table(
    names: &[String],
    c: Tables<'_>,
    table: &str,
    zone: &str,
) -> (String, Vec<Vec<String>>) {
    let tz = crate::kit::format::zone(zone);
    let secs = |d: Option<f64>| d.map_or(String::new(), |s| format!("{s:.0}"));
    match table {
        "breakdown" => {
            let mut rows = vec![vec![
                "group".to_owned(),
                "step".to_owned(),
                "touchpoint".to_owned(),
                "customers".to_owned(),
                "percent_of_first".to_owned(),
                "dropped".to_owned(),
            ]];
            for (g, r) in c.groups {
                for (s, name) in r.steps.iter().zip(names) {
                    rows.push(vec![
                        csv_text(g),
                        s.step.to_string(),
                        csv_text(name),
                        s.customers.to_string(),
                        percent(s.percent_of_first),
                        s.dropped.to_string(),
                    ]);
                }
            }
            ("funnel-breakdown.csv".to_owned(), rows)
        }
        "dropped" => {
            let mut rows = vec![vec![
                "customer_id".to_owned(),
                "name".to_owned(),
                "acquisition_channel".to_owned(),
                "dropped_after_step".to_owned(),
                "touchpoint".to_owned(),
                crate::kit::format::csv_zone_header("reached_at", zone),
            ]];
            if let Some(d) = c.drop {
                for r in c.dropped {
                    rows.push(vec![
                        r.id.to_string(),
                        csv_text(&r.name),
                        csv_text(&r.channel),
                        d.to_string(),
                        csv_text(&names[d - 1]),
                        r.reached_at
                            .map(|at| crate::kit::format::csv_datetime(&tz, at))
                            .unwrap_or_default(),
                    ]);
                }
            }
            ("funnel-dropped.csv".to_owned(), rows)
        }
        _ => {
            let mut rows = vec![vec![
                "step".to_owned(),
                "touchpoint".to_owned(),
                "customers".to_owned(),
                "percent_of_first".to_owned(),
                "percent_of_previous".to_owned(),
                "dropped".to_owned(),
                "median_seconds_from_previous".to_owned(),
                "p90_seconds_from_previous".to_owned(),
            ]];
            for (s, name) in c.report.steps.iter().zip(names) {
                let t = s.time_from_previous.as_ref();
                rows.push(vec![
                    s.step.to_string(),
                    csv_text(name),
                    s.customers.to_string(),
                    percent(s.percent_of_first),
                    percent(s.percent_of_previous),
                    s.dropped.to_string(),
                    secs(t.map(|t| t.median_seconds)),
                    secs(t.map(|t| t.p90_seconds)),
                ]);
            }
            ("funnel.csv".to_owned(), rows)
        }
    }
}
