//! The retention rule (`/settings/privacy`): customers inactive for N years are erased
//! automatically. Off by default; the page lists who a number of years would erase before
//! the owner turns it on, and [`run_due`] (the timed job) erases through the one erase path.

use crate::kit::audit::Audit;
use crate::kit::client::ClientKey;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{Page, Staff, format_date};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_store::{Actor, InactiveCustomer, audit_action};
use serde::Deserialize;

/// At most this many customers are listed in the preview.
const PREVIEW_LIMIT: usize = 200;
/// The longest rule the form accepts.
const MAX_YEARS: i64 = 50;

pub(super) struct PrivacyNotices;

impl Notices for PrivacyNotices {
    const KEYS: &'static [&'static str] = &["retention-saved", "retention-turned-off"];
}

#[derive(Template)]
#[template(path = "privacy/settings.html")]
struct PrivacyPage {
    p: Page,
    /// The rule in force (None: off).
    rule: Option<i64>,
    /// The years shown in the preview (the asked-for years, else the rule).
    preview_years: Option<i64>,
    inactive: Vec<InactiveCustomer>,
    inactive_total: usize,
    bad_years: bool,
}

impl PrivacyPage {
    /// Whether the previewed years differ from the rule in force (so it can be turned on).
    fn offers_turn_on(&self) -> bool {
        self.preview_years.is_some() && self.preview_years != self.rule
    }

    fn day(&self, at: &i64) -> String {
        format_date(*at)
    }
}

#[derive(Deserialize, Default)]
pub struct PreviewQuery {
    years: Option<String>,
}

fn parse_years(s: &str) -> Option<i64> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|y| (1..=MAX_YEARS).contains(y))
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<PreviewQuery>,
    done: Notice<PrivacyNotices>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let rule = state.store.retention_rule(ws).await?;
    let asked = q.years.as_deref().filter(|s| !s.trim().is_empty());
    let bad_years = asked.is_some_and(|s| parse_years(s).is_none());
    let preview_years = asked.and_then(parse_years).or(rule);
    let mut inactive = match preview_years {
        Some(y) => state.store.inactive_customers(ws, y, state.now()).await?,
        None => Vec::new(),
    };
    let inactive_total = inactive.len();
    inactive.truncate(PREVIEW_LIMIT);
    let view = PrivacyPage {
        p: staff
            .page("settings", "/settings/privacy")
            .with_notice(done.key()),
        rule,
        preview_years,
        inactive,
        inactive_total,
        bad_years,
    };
    let status = if bad_years {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok((status, Html(view.render()?)).into_response())
}

#[derive(Deserialize)]
pub struct RuleForm {
    /// Empty: turn the rule off.
    #[serde(default)]
    years: String,
}

pub async fn save(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Form(f): Form<RuleForm>,
) -> Result<Response, AppError> {
    let years = if f.years.trim().is_empty() {
        None
    } else {
        Some(parse_years(&f.years).ok_or(AppError::BadRequest)?)
    };
    state
        .store
        .set_retention_rule(user.workspace.id, years, state.now())
        .await?;
    let detail = years.map_or_else(|| "off".to_owned(), |y| format!("inactive_years={y}"));
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::RETENTION_CHANGE,
            ("workspace", Some(user.workspace.id.0)),
            &detail,
        )
        .await;
    let done = if years.is_some() {
        "retention-saved"
    } else {
        "retention-turned-off"
    };
    Ok(Redirect::to(&format!("/settings/privacy?done={done}")).into_response())
}

/// Erases, in every workspace with a retention rule, the customers inactive for longer than
/// the rule allows. Safe to run twice: erased customers are no longer listed as inactive.
pub async fn run_due(state: &AppState, now: i64) -> Result<usize, kunde_store::StoreError> {
    let actor = Actor::system("retention");
    let mut erased = 0;
    for ws in state.store.list_workspaces().await? {
        if let Some(years) = state.store.retention_rule(ws.id).await? {
            erased += state
                .store
                .erase_inactive_customers(ws.id, years, &actor, now)
                .await?
                .len();
        }
    }
    if erased > 0 {
        tracing::info!(erased, "retention rule erased inactive customers");
    }
    Ok(erased)
}
