//! The start page: the headline figures (from [`super::monthly`], drawn by
//! [`super::figures`]), "Needs you today" ([`super::today`]) and the facts with the
//! business's own figures. Everything is read once per request: the cached event log, the
//! customer-survey answers, the cases, the follow-ups and (for the owner) pending grants.

use super::figures::Figure;
use super::headline::headline;
use super::today::{self, List};
use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::moments::Moment;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use kunde_store::WorkspaceTotals;

#[derive(Template)]
#[template(path = "dashboard/overview.html")]
struct OverviewPage {
    p: Page,
    totals: WorkspaceTotals,
    month: String,
    figures: Vec<Figure>,
    followups: List,
    cases: List,
    grants: Option<List>,
    /// E-mail given up in the last week (the owner's: only they can fix the mail server).
    failed_mail: Option<List>,
    at_risk: List,
    at_risk_link: String,
    facts: Vec<(String, String)>,
    moments: Vec<Moment>,
    /// Touchpoints where a competitor does better (competitors' standards).
    behind: Vec<crate::competitors::StandingView>,
}

impl OverviewPage {
    fn nothing_today(&self) -> bool {
        self.followups.total == 0
            && self.cases.total == 0
            && self.grants.as_ref().is_none_or(|g| g.total == 0)
            && self.failed_mail.as_ref().is_none_or(|g| g.total == 0)
            && self.at_risk.total == 0
            && self.moments.is_empty()
            && self.behind.is_empty()
    }
}

/// How far back the dashboard looks for e-mail that could not be sent: a week.
const FAILED_MAIL_WINDOW: i64 = 7 * 24 * 3600;

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Html<String>, AppError> {
    let ws = user.workspace.id;
    let now = (state.clock)();
    let p = Page::staff(&user, &csrf, "overview", "/");
    let totals = state.store.workspace_totals(ws).await?;
    let h = headline(&state, ws, &user.time_zone, &p, now).await?;
    let grants = if p.is_owner() {
        Some(state.store.case_grants(ws, None).await?)
    } else {
        None
    };
    let failed_mail = if p.is_owner() {
        Some(
            state
                .store
                .failed_mail_since(ws, now - FAILED_MAIL_WINDOW, 50)
                .await?,
        )
    } else {
        None
    };
    let (at_risk, at_risk_link) = crate::value::valuable_customers_at_risk(&state, &user).await?;
    let at_risk = today::at_risk(&p, at_risk);
    let mut behind = crate::competitors::standings(
        &p,
        &state.store.list_standards(user.workspace.id, None).await?,
    );
    behind.retain(|s| s.behind);
    behind.truncate(today::SHOWN);
    let page = OverviewPage {
        behind,
        at_risk,
        at_risk_link,
        month: h.labels.last().cloned().unwrap_or_default(),
        followups: today::followups(&p, &h.followups, now),
        cases: today::cases(&p, &h.cases, now),
        grants: grants.as_deref().map(|g| today::grants(&p, g)),
        failed_mail: failed_mail.as_deref().map(|m| today::failed_mail(&p, m)),
        figures: h.figures,
        facts: h.facts,
        moments: h.worst,
        totals,
        p,
    };
    page.render().map(Html).map_err(AppError::from)
}
