//! The staff list of cases with its filters (the reports link here with the same names)
//! and the timers that say how each case stands against its targets.

use super::labels::{category_name, category_name_of};
use super::timing::{Calendar, span};
use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::kit::paging::{Pager, page_link, query_pairs};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, RawQuery, State};
use axum::response::Html;
use kunde_domain::*;
use kunde_store::StoreError;
use serde::Deserialize;
use std::collections::HashSet;

/// Cases on one page of the list.
pub const PAGE_SIZE: usize = 50;

/// The most cases a list or report reads (a small business's many years).
pub const MAX_CASES: i64 = 20_000;

/// The list's filters, all optional; the reports link here with the same names.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct Filter {
    /// `open` (default), `closed` or `all`.
    pub status: Option<String>,
    pub mine: Option<String>,
    pub risk: Option<String>,
    pub category: Option<i64>,
    pub assignee: Option<i64>,
    pub touchpoint: Option<i64>,
    pub root_cause: Option<i64>,
    /// `met` or `missed`.
    pub first: Option<String>,
    pub resolution: Option<String>,
    pub repeat: Option<String>,
    pub idea: Option<String>,
    pub rated: Option<String>,
    pub customer: Option<i64>,
    /// Which page of the list (see [`crate::kit::paging`]).
    pub page: Option<i64>,
}

pub(super) fn on(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.is_empty() && v != "0")
}

impl Filter {
    /// Whether `c` passes every filter given. `repeats` are the repeat complaints.
    pub fn matches(&self, c: &Case, me: UserId, now: i64, repeats: &HashSet<CaseId>) -> bool {
        let status_ok = match self.status.as_deref().unwrap_or("open") {
            "closed" => c.status == CaseStatus::Closed,
            "all" => true,
            _ => c.status != CaseStatus::Closed,
        };
        let target_ok = |want: &Option<String>, state: TargetState| match want.as_deref() {
            Some("met") => state == TargetState::Met,
            Some("missed") => state == TargetState::Missed,
            _ => true,
        };
        status_ok
            && (!on(&self.mine) || c.assignee_id == Some(me))
            && (!on(&self.risk) || c.at_risk(now))
            && self.category.is_none_or(|id| c.category_id.0 == id)
            && self
                .assignee
                .is_none_or(|id| c.assignee_id == Some(UserId(id)))
            && self
                .touchpoint
                .is_none_or(|id| c.touchpoint_id == Some(TouchpointId(id)))
            && self
                .root_cause
                .is_none_or(|id| c.root_cause_id == Some(RootCauseId(id)))
            && self
                .customer
                .is_none_or(|id| c.customer_id == Some(CustomerId(id)))
            && target_ok(&self.first, c.first_response_state(now))
            && target_ok(&self.resolution, c.resolution_state(now))
            && (!on(&self.repeat) || repeats.contains(&c.id))
            && (!on(&self.idea) || c.is_idea)
            && (!on(&self.rated) || c.rating.is_some())
    }
}

pub(super) struct Row {
    pub(super) c: Case,
    pub(super) category: String,
    pub(super) assignee: String,
    pub(super) timer: Timer,
}

/// What a case's timer says now.
pub struct Timer {
    /// `running`, `at-risk`, `missed`, `met` or `done`.
    pub class: &'static str,
    pub text: String,
}

/// The timer of the target that matters now: the first response until it is given, then the
/// resolution; for a closed case whether the resolution target was met.
pub(super) fn timer(p: &Page, cal: &Calendar, c: &Case, now: i64) -> Timer {
    let (state, due, key) = if c.first_response_at.is_none() {
        (c.first_response_state(now), c.due.first_response, "first")
    } else {
        (c.resolution_state(now), c.due.resolution, "resolution")
    };
    target_timer(p, cal, state, due, key, now)
}

pub(super) fn target_timer(
    p: &Page,
    cal: &Calendar,
    state: TargetState,
    due: i64,
    key: &str,
    now: i64,
) -> Timer {
    let target = p.t(&format!("case-target-{key}"));
    match state {
        TargetState::Met => Timer {
            class: "met",
            text: p.tr.t_args("case-timer-met", &[("target", &target)]),
        },
        TargetState::Missed if now <= due => Timer {
            class: "missed",
            text: p.tr.t_args("case-timer-missed", &[("target", &target)]),
        },
        TargetState::Missed => Timer {
            class: "missed",
            text: p.tr.t_args(
                "case-timer-overdue",
                &[("target", &target), ("time", &span(cal.between(due, now)))],
            ),
        },
        TargetState::AtRisk | TargetState::Running => Timer {
            class: if state == TargetState::AtRisk {
                "at-risk"
            } else {
                "running"
            },
            text: p.tr.t_args(
                "case-timer-left",
                &[("target", &target), ("time", &span(cal.between(now, due)))],
            ),
        },
    }
}

#[derive(Template)]
#[template(path = "cases/list.html")]
pub(super) struct ListPage {
    pub(super) p: Page,
    pub(super) rows: Vec<Row>,
    /// How many cases pass the filters (the rows are one page of them).
    pub(super) total: usize,
    pub(super) pager: Pager,
    pub(super) f: Filter,
    pub(super) categories: Vec<CaseCategory>,
    pub(super) title: String,
    /// For the owner: grants waiting for their approval, with their case's subject.
    pub(super) pending: Vec<(CaseGrant, String)>,
}

impl ListPage {
    fn status_is(&self, s: &str) -> bool {
        self.f.status.as_deref().unwrap_or("open") == s
    }
    fn category_selected(&self, c: &CaseCategory) -> bool {
        self.f.category == Some(c.id.0)
    }
    fn category_label(&self, c: &CaseCategory) -> String {
        category_name(self.p.tr, c)
    }
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(f): Query<Filter>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "cases", "/cases");
    let ws = user.workspace.id;
    let now = state.now();
    let load = async {
        let cases = state.store.list_cases(ws, None, MAX_CASES).await?;
        let categories = state.store.case_categories(ws).await?;
        let users = state.store.list_users(ws).await?;
        let cal = Calendar::load(&state, ws).await?;
        Ok::<_, StoreError>((cases, categories, users, cal))
    };
    let (cases, categories, users, cal) = load.await?;
    // The owner decides grants above staff authority; waiting ones lead the list.
    let pending = if p.is_owner() {
        state
            .store
            .case_grants(ws, None)
            .await?
            .into_iter()
            .map(|g| {
                let subject = cases
                    .iter()
                    .find(|c| c.id == g.case_id)
                    .map(|c| c.subject.clone())
                    .unwrap_or_default();
                (g, subject)
            })
            .collect()
    } else {
        Vec::new()
    };
    let repeats: HashSet<CaseId> = repeat_cases(&cases).into_iter().collect();
    let matching: Vec<Case> = cases
        .into_iter()
        .filter(|c| f.matches(c, user.user.id, now, &repeats))
        .collect();
    let total = matching.len();
    let pairs = query_pairs(raw.as_deref());
    let pager = Pager::new(f.page, total, PAGE_SIZE, |n| {
        page_link("/cases", &pairs, n, "")
    });
    let rows = pager
        .take(matching)
        .into_iter()
        .map(|c| Row {
            category: category_name_of(p.tr, &categories, c.category_id),
            assignee: c
                .assignee_id
                .and_then(|a| users.iter().find(|u| u.id == a))
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            timer: timer(&p, &cal, &c, now),
            c,
        })
        .collect();
    let title = if on(&f.idea) {
        p.t("case-ideas-title")
    } else {
        p.t("case-list-title")
    };
    let view = ListPage {
        p,
        rows,
        total,
        pager,
        f,
        categories,
        title,
        pending,
    };
    view.render().map(Html).map_err(AppError::from)
}
