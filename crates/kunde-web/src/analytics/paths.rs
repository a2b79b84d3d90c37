//! The paths page: a Sankey of what customers did after (or before) a touchpoint, loops and
//! back-steps included, and where the customers who dropped at a funnel step went instead.

use super::funnel::compute as compute_funnel;
use super::params::{self, Pairs, PathsParams, PathsView, Problems};
use super::source::{OptionGroup, Source, percent};
use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::csv::{csv_problems, csv_response, csv_text, script_json};
use crate::kit::error::AppError;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kunde_analytics::paths::{Direction, PathQuery, PathsReport, paths, paths_after_drop};

/// How many of the most frequent whole paths the page lists.
const TOP_PATHS: usize = 15;

/// The paths and the links kept for the Sankey (the `top` largest).
struct Computed {
    report: PathsReport,
    /// Indexes into `report.links`.
    links: usize,
    /// In the drop-off view: the funnel step followed and its name.
    drop: Option<(usize, String)>,
}

fn compute(src: &Source, p: &PathsParams, tr: &Tr) -> Result<Computed, AppError> {
    let query = PathQuery {
        anchor: p.anchor.map(|a| src.log_tp(a)),
        direction: if p.before {
            Direction::Before
        } else {
            Direction::After
        },
        depth: p.depth,
        top: TOP_PATHS,
        collapse_repeats: p.merge_repeats,
    };
    let log = &src.data.log;
    let (report, drop) = match p.view {
        PathsView::Touchpoint => {
            let report = match p.anchor {
                Some(_) => paths(log, &query).map_err(|_| AppError::BadRequest)?,
                None => empty_report(),
            };
            (report, None)
        }
        PathsView::Drop => {
            let f = compute_funnel(src, &p.funnel, tr)?;
            match f.drop_step(p.funnel.drop) {
                Some(step) => {
                    let report = paths_after_drop(log, &f.funnel, &f.outcomes, step, &query)
                        .map_err(|_| AppError::BadRequest)?;
                    (report, Some((step, src.name(p.funnel.steps[step - 1]))))
                }
                None => (empty_report(), None),
            }
        }
    };
    let links = report.links.len().min(p.top);
    Ok(Computed {
        report,
        links,
        drop,
    })
}

fn empty_report() -> PathsReport {
    PathsReport {
        direction: Direction::After,
        customers: 0,
        nodes: Vec::new(),
        links: Vec::new(),
        top_paths: Vec::new(),
    }
}

/// The default touchpoint to follow: the second step of the default funnel (where the
/// customers who found the business go next: the web site, the phone, the counter), or the
/// first when there is only one.
fn default_anchor(src: &Source) -> Option<kunde_domain::TouchpointId> {
    let steps = src.default_steps();
    steps.get(1).or(steps.first()).copied()
}

struct LinkRow {
    from: String,
    from_depth: usize,
    to: String,
    to_depth: usize,
    customers: u64,
}

struct PathRow {
    path: String,
    customers: u64,
    percent: String,
}

#[derive(Template)]
#[template(path = "paths.html")]
struct PathsPage {
    p: Page,
    groups: Vec<OptionGroup>,
    anchor: i64,
    before: bool,
    depth: usize,
    top: usize,
    merge: bool,
    drop_view: bool,
    hidden: Vec<(&'static str, String)>,
    problems: Vec<String>,
    query: String,
    funnel_query: String,
    title: String,
    links: Vec<LinkRow>,
    paths: Vec<PathRow>,
    chart: String,
    /// Counted by ClickHouse (the events backend) rather than in memory.
    pushed: bool,
}

impl PathsPage {
    fn depths(&self) -> Vec<usize> {
        (params::MIN_DEPTH..=params::MAX_DEPTH).collect()
    }
}

pub async fn paths_page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "analytics", "/analytics/paths");
    let tr = p.tr;
    if let Some(pushed) =
        super::pushdown::paths(&state, &user, raw.as_deref(), &tr, TOP_PATHS).await?
    {
        return Ok(Html(pushed_page(p, pushed).render()?).into_response());
    }
    let src = Source::load(&state, &user).await?;
    let pairs = Pairs::parse(raw.as_deref());
    let (src, params, problems) = tokio::task::spawn_blocking(move || {
        let default = match pairs.get("tp") {
            None => default_anchor(&src),
            Some(_) => None,
        };
        let mut problems = Problems::new(&tr);
        let params = params::paths_params(
            &pairs,
            &src.choices,
            default,
            || src.default_steps(),
            &mut problems,
        );
        let problems = problems.messages;
        (src, params, problems)
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?;
    let mut view = new_view(p, &src.choices, &params, problems);
    let drop_view = view.drop_view;
    if drop_view && view.problems.is_empty() && params.funnel.steps.len() < 2 {
        view.problems.push(tr.t("analytics-empty"));
    }
    if !view.problems.is_empty() {
        let html = view.render()?;
        return Ok((StatusCode::BAD_REQUEST, Html(html)).into_response());
    }
    let (src, computed) = tokio::task::spawn_blocking(move || {
        let c = compute(&src, &params, &tr);
        (src, c.map(|c| (c, params)))
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?;
    let (c, params) = computed?;
    let report_name = |t: &str| src.log_name(tp_of(&src, t));
    let touchpoint_name = |a| src.name(a);
    let names = Names {
        report: &report_name,
        touchpoint: &touchpoint_name,
    };
    fill(&mut view, &names, &params, &c);
    let html = view.render()?;
    Ok(Html(html).into_response())
}

/// The page from the report ClickHouse counted.
fn pushed_page(p: Page, pushed: super::pushdown::PushedPaths) -> PathsPage {
    let names: std::collections::HashMap<String, String> = pushed
        .choices
        .iter()
        .map(|c| (c.id.0.to_string(), c.name.clone()))
        .collect();
    let report_name = |t: &str| names.get(t).cloned().unwrap_or_default();
    let touchpoint_name = |a: kunde_domain::TouchpointId| report_name(&a.0.to_string());
    let params = pushed.params;
    let mut view = new_view(p, &pushed.choices, &params, Vec::new());
    view.pushed = true;
    let c = Computed {
        links: pushed.report.links.len().min(params.top),
        report: pushed.report,
        drop: None,
    };
    let names = Names {
        report: &report_name,
        touchpoint: &touchpoint_name,
    };
    fill(&mut view, &names, &params, &c);
    view
}

/// The page around the form as asked (`choices`: the workspace's touchpoints).
fn new_view(
    p: Page,
    choices: &[kunde_store::TouchpointChoice],
    params: &PathsParams,
    problems: Vec<String>,
) -> PathsPage {
    let drop_view = params.view == PathsView::Drop;
    let mut hidden = vec![(
        "view",
        if drop_view { "drop" } else { "touchpoint" }.to_owned(),
    )];
    if drop_view {
        hidden.extend(
            params
                .funnel
                .steps
                .iter()
                .map(|s| ("step", s.0.to_string())),
        );
        hidden.push(("window", params.funnel.window.to_string()));
        hidden.push(("unit", params.funnel.unit.code().to_owned()));
        if let Some(d) = params.funnel.drop {
            hidden.push(("drop", d.to_string()));
        }
    }
    PathsPage {
        groups: super::source::option_groups(choices),
        anchor: params.anchor.map_or(0, |a| a.0),
        before: params.before,
        depth: params.depth,
        top: params.top,
        merge: params.merge_repeats,
        drop_view,
        hidden,
        problems,
        query: params.query(),
        funnel_query: params.funnel.query(),
        title: String::new(),
        links: Vec::new(),
        paths: Vec::new(),
        chart: String::new(),
        pushed: false,
        p,
    }
}

/// How the report's touchpoints (named by database id, as the log names them) and the
/// form's touchpoints are named on the page.
struct Names<'a> {
    report: &'a dyn Fn(&str) -> String,
    touchpoint: &'a dyn Fn(kunde_domain::TouchpointId) -> String,
}

fn fill(view: &mut PathsPage, names: &Names<'_>, params: &PathsParams, c: &Computed) {
    let tr = view.p.tr;
    let r = &c.report;
    view.title = match (&c.drop, params.view) {
        (Some((step, name)), _) => tr.t_args(
            "analytics-paths-drop-title",
            &[
                ("n", &step.to_string()),
                ("step", name),
                ("count", &r.customers.to_string()),
            ],
        ),
        (None, PathsView::Drop) => tr.t("analytics-paths-no-drop"),
        (None, PathsView::Touchpoint) => tr.t_args(
            if params.before {
                "analytics-paths-before-title"
            } else {
                "analytics-paths-after-title"
            },
            &[
                (
                    "step",
                    &params
                        .anchor
                        .map(|a| (names.touchpoint)(a))
                        .unwrap_or_default(),
                ),
                ("count", &r.customers.to_string()),
            ],
        ),
    };
    let node_name = |i: usize| (names.report)(&r.nodes[i].touchpoint);
    view.links = r.links[..c.links]
        .iter()
        .map(|l| LinkRow {
            from: node_name(l.source),
            from_depth: r.nodes[l.source].depth,
            to: node_name(l.target),
            to_depth: r.nodes[l.target].depth,
            customers: l.customers,
        })
        .collect();
    view.paths = r
        .top_paths
        .iter()
        .map(|p| PathRow {
            path: p
                .touchpoints
                .iter()
                .map(|t| (names.report)(t))
                .collect::<Vec<_>>()
                .join(" → "),
            customers: p.customers,
            percent: percent(p.percent),
        })
        .collect();
    view.chart = script_json(&sankey_json(names.report, r, c.links, params.before, &tr));
}

/// The log touchpoint behind a report's touchpoint name (the log names touchpoints by their
/// database id).
fn tp_of(src: &Source, name: &str) -> kunde_analytics::TouchpointId {
    src.data
        .log
        .touchpoint_id(name)
        .unwrap_or(kunde_analytics::TouchpointId(u16::MAX))
}

/// The Sankey's nodes and its `links` largest links. Looking back in time, the depths are
/// turned around so that the diagram still reads left to right in time.
fn sankey_json(
    name: &dyn Fn(&str) -> String,
    r: &PathsReport,
    links: usize,
    before: bool,
    tr: &Tr,
) -> serde_json::Value {
    let max_depth = r.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    let mut used = vec![false; r.nodes.len()];
    for l in &r.links[..links] {
        used[l.source] = true;
        used[l.target] = true;
    }
    let nodes: Vec<_> = r
        .nodes
        .iter()
        .filter(|n| used[n.id])
        .map(|n| {
            serde_json::json!({
                "name": format!("n{}", n.id),
                "label": name(&n.touchpoint),
                "depth": if before { max_depth - n.depth } else { n.depth },
                "value": n.customers,
            })
        })
        .collect();
    let links: Vec<_> = r.links[..links]
        .iter()
        .map(|l| {
            let (s, t) = if before { (l.target, l.source) } else { (l.source, l.target) };
            serde_json::json!({"source": format!("n{s}"), "target": format!("n{t}"), "value": l.customers})
        })
        .collect();
    serde_json::json!({
        "type": "sankey",
        "label": tr.t("analytics-customers"),
        "nodes": nodes,
        "links": links,
    })
}

/// `/analytics/paths.csv?…&table=links|paths`: the numbers behind the Sankey.
pub async fn paths_csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let tr = Tr::new(user.user.language);
    let pairs = Pairs::parse(raw.as_deref());
    // Counted on ClickHouse as the page is, when it would be (a known table asked for).
    let table = pairs.get("table").unwrap_or("links").to_owned();
    if ["links", "paths"].contains(&table.as_str()) {
        match super::pushdown::paths(&state, &user, raw.as_deref(), &tr, TOP_PATHS).await {
            Ok(Some(pushed)) => {
                let names: std::collections::HashMap<String, String> = pushed
                    .choices
                    .iter()
                    .map(|c| (c.id.0.to_string(), c.name.clone()))
                    .collect();
                let c = Computed {
                    links: pushed.report.links.len().min(pushed.params.top),
                    report: pushed.report,
                    drop: None,
                };
                let name = |t: &str| names.get(t).cloned().unwrap_or_default();
                let (name, rows) = paths_table(&name, &c, &table);
                return csv_response(&name, rows);
            }
            Ok(None) => {}
            Err(e) => return e.into_plain().into_response(),
        }
    }
    let src = match Source::load(&state, &user).await {
        Ok(src) => src,
        Err(e) => return e.into_plain().into_response(),
    };
    let joined = tokio::task::spawn_blocking(move || {
        let default = match pairs.get("tp") {
            None => default_anchor(&src),
            Some(_) => None,
        };
        let mut problems = Problems::new(&tr);
        let params = params::paths_params(
            &pairs,
            &src.choices,
            default,
            || src.default_steps(),
            &mut problems,
        );
        let table = pairs.get("table").unwrap_or("links").to_owned();
        if !["links", "paths"].contains(&table.as_str()) {
            problems.messages.push(tr.t_args(
                "analytics-error-choice",
                &[("field", &tr.t("analytics-table")), ("value", &table)],
            ));
        }
        if params.view == PathsView::Drop
            && problems.messages.is_empty()
            && params.funnel.steps.len() < 2
        {
            problems.messages.push(tr.t("analytics-empty"));
        }
        if !problems.messages.is_empty() {
            return Err(problems.messages);
        }
        let c = compute(&src, &params, &tr).map_err(|_| vec![tr.t("error-bad-request")])?;
        Ok(paths_table(&|t| src.log_name(tp_of(&src, t)), &c, &table))
    })
    .await;
    match joined {
        Ok(Ok((name, rows))) => csv_response(&name, rows),
        Ok(Err(messages)) => csv_problems(&messages),
        Err(e) => AppError::internal(e.to_string())
            .into_plain()
            .into_response(),
    }
}

/// The CSV's rows; `touchpoint` names a touchpoint of the report.
fn paths_table(
    touchpoint: &dyn Fn(&str) -> String,
    c: &Computed,
    table: &str,
) -> (String, Vec<Vec<String>>) {
    let r = &c.report;
    let name = |t: &str| csv_text(&touchpoint(t));
    if table == "paths" {
        let mut rows = vec![vec![
            "rank".to_owned(),
            "path".to_owned(),
            "customers".to_owned(),
            "percent".to_owned(),
        ]];
        for (i, p) in r.top_paths.iter().enumerate() {
            let path = p
                .touchpoints
                .iter()
                .map(|t| touchpoint(t))
                .collect::<Vec<_>>()
                .join(" > ");
            rows.push(vec![
                (i + 1).to_string(),
                csv_text(&path),
                p.customers.to_string(),
                percent(p.percent),
            ]);
        }
        return ("paths.csv".to_owned(), rows);
    }
    let mut rows = vec![vec![
        "from_depth".to_owned(),
        "from".to_owned(),
        "to_depth".to_owned(),
        "to".to_owned(),
        "customers".to_owned(),
    ]];
    for l in &r.links[..c.links] {
        let (s, t) = (&r.nodes[l.source], &r.nodes[l.target]);
        rows.push(vec![
            s.depth.to_string(),
            name(&s.touchpoint),
            t.depth.to_string(),
            name(&t.touchpoint),
            l.customers.to_string(),
        ]);
    }
    ("paths-links.csv".to_owned(), rows)
}
