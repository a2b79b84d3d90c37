//! The case reports: compliance with targets per category and per person, time to resolve,
//! repeat complaints, satisfaction with the handling, and root causes per touchpoint (where
//! problems start), and the cases of client-portal customers before and after their first
//! sign-in (`portal_effect`). Every compliance figure links to the list of the cases behind
//! it, which applies the same pure rules (`kunde_domain::Compliance`, `repeat_cases`).

use super::labels::category_name;
use super::list::MAX_CASES;
use super::portal_effect::{PortalLine, lines as portal_lines};
use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use kunde_domain::*;
use kunde_store::StoreError;
use std::collections::BTreeMap;

/// One row of a compliance table, with the list filter its figures link to.
pub struct Line {
    pub label: String,
    /// `category=3` or `assignee=7`.
    pub filter: String,
    pub c: Compliance,
}

pub struct CauseLine {
    pub touchpoint: String,
    pub touchpoint_id: i64,
    pub cause: String,
    pub cause_id: i64,
    pub cases: u64,
}

#[derive(Template)]
#[template(path = "cases/reports.html")]
struct ReportsPage {
    p: Page,
    total: Compliance,
    categories: Vec<Line>,
    people: Vec<Line>,
    repeats: usize,
    rating: Option<f64>,
    rated: u64,
    causes: Vec<CauseLine>,
    ideas: usize,
    /// Before and after the client portal: all cases first, then per category.
    portal: Vec<PortalLine>,
    /// How many portal customers the comparison covers (0 when nobody signed in yet).
    portal_customers: i64,
    portal_small: bool,
}

impl ReportsPage {
    fn pct(&self, s: Option<f64>) -> String {
        s.map_or_else(|| "–".into(), |s| format!("{:.0} %", s * 100.0))
    }
    fn hours(&self, c: &Compliance) -> String {
        c.mean_resolve_hours()
            .map_or_else(|| "–".into(), |h| format!("{h:.1} h"))
    }
    fn tables(&self) -> [(String, &Vec<Line>); 2] {
        [
            (self.p.t("case-report-by-category"), &self.categories),
            (self.p.t("case-report-by-person"), &self.people),
        ]
    }
    /// Cases per customer-month, two decimals in the reader's language.
    fn rate(&self, r: Option<f64>) -> String {
        r.map_or_else(|| "–".into(), |r| self.p.number(&r, 2))
    }
    /// The change from before to after as a signed percentage.
    fn change(&self, c: Option<f64>) -> String {
        c.map_or_else(
            || "–".into(),
            |c| {
                let s = self.p.percent(&(c * 100.0), 0);
                if c > 0.0 && !s.starts_with('-') {
                    format!("+{s}")
                } else {
                    s.replacen('-', "\u{2212}", 1)
                }
            },
        )
    }
    fn mean_rating(&self) -> String {
        self.rating
            .map_or_else(|| "–".into(), |r| format!("{r:.1} / 5"))
    }
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "cases", "/cases/reports");
    let ws = user.workspace.id;
    let now = state.now();
    let load = async {
        Ok::<_, StoreError>((
            state.store.list_cases(ws, None, MAX_CASES).await?,
            state.store.case_categories(ws).await?,
            state.store.list_users(ws).await?,
            state.store.all_touchpoints(ws).await?,
            state.store.root_causes(ws).await?,
            state.store.portal_adopters(ws).await?,
        ))
    };
    let (cases, categories, users, touchpoints, root_causes, adopters) = load.await?;
    let portal = portal_lines(p.tr, &adopters, &cases, &categories, now);
    let mut total = Compliance::default();
    let mut by_category: BTreeMap<i64, Compliance> = BTreeMap::new();
    let mut by_person: BTreeMap<i64, Compliance> = BTreeMap::new();
    let mut by_cause: BTreeMap<(i64, i64), u64> = BTreeMap::new();
    for c in &cases {
        total.add(c, now);
        by_category.entry(c.category_id.0).or_default().add(c, now);
        if let Some(a) = c.assignee_id {
            by_person.entry(a.0).or_default().add(c, now);
        }
        if let (CaseStatus::Closed, Some(t), Some(r)) = (c.status, c.touchpoint_id, c.root_cause_id)
        {
            *by_cause.entry((t.0, r.0)).or_default() += 1;
        }
    }
    let category_lines = categories
        .iter()
        .filter_map(|cat| {
            Some(Line {
                label: category_name(p.tr, cat),
                filter: format!("category={}", cat.id),
                c: *by_category.get(&cat.id.0)?,
            })
        })
        .collect();
    let people = users
        .iter()
        .filter_map(|u| {
            Some(Line {
                label: u.name.clone(),
                filter: format!("assignee={}", u.id),
                c: *by_person.get(&u.id.0)?,
            })
        })
        .collect();
    let mut causes: Vec<CauseLine> = by_cause
        .into_iter()
        .filter_map(|((t, r), n)| {
            Some(CauseLine {
                touchpoint: touchpoints.iter().find(|x| x.id.0 == t)?.name.clone(),
                touchpoint_id: t,
                cause: super::labels::root_cause_name(
                    p.tr,
                    &root_causes.iter().find(|x| x.id.0 == r)?.name,
                ),
                cause_id: r,
                cases: n,
            })
        })
        .collect();
    causes.sort_by(|a, b| b.cases.cmp(&a.cases).then(a.touchpoint.cmp(&b.touchpoint)));
    let (rating, rated) = case_satisfaction(&cases);
    let view = ReportsPage {
        p,
        total,
        categories: category_lines,
        people,
        repeats: repeat_cases(&cases).len(),
        rating,
        rated,
        causes,
        ideas: cases.iter().filter(|c| c.is_idea).count(),
        portal_customers: portal.first().map_or(0, |l| l.r.customers as i64),
        portal_small: portal.first().is_some_and(|l| l.r.small_sample),
        portal,
    };
    view.render().map(Html).map_err(AppError::from)
}
