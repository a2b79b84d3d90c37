//! The start page: the headline figures (from [`super::monthly`], drawn by
//! [`super::figures`]), "Needs you today" ([`super::today`]) and the facts with the
//! business's own figures. Everything is read once per request: the cached event log, the
//! customer-survey answers, the cases, the follow-ups and (for the owner) pending grants.

use super::figures::{Figure, Spec, Unit, figure};
use super::monthly::{self, score_month};
use super::today::{self, List};
use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::kit::format::format_number;
use crate::moments::{self, Moment};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use kunde_store::{ResultsScope, WorkspaceTotals};

/// The most cases the page reads (a small business's many years).
const MAX_CASES: i64 = 20_000;

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

fn interval(p: &Page, low: f64, high: f64, n: u64) -> String {
    let lang = p.tr.lang();
    p.tr.t_args(
        "dash-interval",
        &[
            ("low", &format_number(lang, low, 1)),
            ("high", &format_number(lang, high, 1)),
            ("n", &n.to_string()),
        ],
    )
}

fn thin_note(p: &Page, n: u64) -> String {
    p.tr.t_args("dash-too-few", &[("n", &n.to_string())])
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
    let data = state
        .analytics
        .get(&state.store, ws, &user.time_zone)
        .await?;
    let answers = state
        .store
        .answer_facts(ws, ResultsScope::AllCustomerSurveys)
        .await?;
    let cases = state.store.list_cases(ws, None, MAX_CASES).await?;
    let followups = state.store.list_followups(ws, true).await?;
    let reviews = state.store.list_reviews(ws).await?;
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

    let zone = data.log.zone().clone();
    let keys = monthly::keys(&zone, now);
    let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
    let value = tokio::task::spawn_blocking({
        let data = data.clone();
        let keys = keys.clone();
        move || {
            crate::kit::memo::remember(ws, &data, now, "dashboard value".to_owned(), || {
                monthly::value(&data.log, &keys, now)
            })
        }
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?;
    let surveys = monthly::surveys(&zone, &answers, &keys, now);
    let ranking = moments::ranking(&state, ws, &data, Some(&answers), Some(&cases), now).await?;
    let worst: Vec<Moment> = ranking
        .moments
        .into_iter()
        .filter(|m| m.bad > 0)
        .take(today::SHOWN)
        .collect();
    let (open_cases, past_target) = monthly::cases(&zone, &cases, &keys, now);
    let overdue = monthly::followups_overdue(&zone, &followups, &keys, now);

    let nps_months: Vec<_> = surveys
        .nps
        .iter()
        .map(|r| {
            score_month(
                r.as_ref().map(|r| r.score),
                r.as_ref().map_or(0, |r| r.responses),
            )
        })
        .collect();
    let csat_months: Vec<_> = surveys
        .csat
        .iter()
        .map(|r| {
            score_month(
                r.as_ref().map(|r| r.percent_satisfied),
                r.as_ref().map_or(0, |r| r.responses),
            )
        })
        .collect();
    let nps_note = match surveys.nps.last().and_then(Option::as_ref) {
        Some(r) if r.responses < monthly::MIN_ANSWERS => thin_note(&p, r.responses),
        Some(r) => interval(&p, r.interval.low, r.interval.high, r.responses),
        None => p.t("dash-no-answers"),
    };
    let csat_note = match surveys.csat.last().and_then(Option::as_ref) {
        Some(r) if r.responses < monthly::MIN_ANSWERS => thin_note(&p, r.responses),
        Some(r) => interval(&p, r.interval.low, r.interval.high, r.responses),
        None => p.t("dash-no-answers"),
    };
    let spec = |name_key, href: &str, unit, up_is_better| Spec {
        name_key,
        href: href.to_owned(),
        unit,
        up_is_better,
    };
    let threshold_note = p.tr.t_args(
        "dash-lost-after",
        &[("n", &value.threshold_days.to_string())],
    );
    let figures = vec![
        figure(
            &p,
            spec("dash-nps", "/results", Unit::Score, Some(true)),
            &nps_months,
            &labels,
            nps_note,
        ),
        figure(
            &p,
            spec("dash-csat", "/results", Unit::Percent, Some(true)),
            &csat_months,
            &labels,
            csat_note,
        ),
        figure(
            &p,
            spec("dash-new-customers", "/customers", Unit::Count, Some(true)),
            &value.new_customers,
            &labels,
            String::new(),
        ),
        figure(
            &p,
            spec("dash-revenue", "/customers", Unit::Money, Some(true)),
            &value.revenue,
            &labels,
            String::new(),
        ),
        figure(
            &p,
            spec("dash-repeat-share", "/customers", Unit::Percent, Some(true)),
            &value.repeat_share,
            &labels,
            p.t("dash-repeat-share-note"),
        ),
        figure(
            &p,
            spec("dash-churn", "/segments", Unit::Percent, Some(false)),
            &value.churn,
            &labels,
            threshold_note.clone(),
        ),
        figure(
            &p,
            spec(
                "dash-active-after-year",
                "/segments",
                Unit::Percent,
                Some(true),
            ),
            &value.active_after_year,
            &labels,
            threshold_note,
        ),
        figure(
            &p,
            spec("dash-open-cases", "/cases", Unit::Count, Some(false)),
            &open_cases,
            &labels,
            String::new(),
        ),
        figure(
            &p,
            spec(
                "dash-past-target-cases",
                "/cases?risk=1",
                Unit::Count,
                Some(false),
            ),
            &past_target,
            &labels,
            String::new(),
        ),
        figure(
            &p,
            spec(
                "dash-overdue-followups",
                "/followups",
                Unit::Count,
                Some(false),
            ),
            &overdue,
            &labels,
            String::new(),
        ),
        figure(
            &p,
            spec("dash-review-rating", "/reviews", Unit::Score, Some(true)),
            &monthly::review_rating(&zone, &reviews, &keys),
            &labels,
            p.t("dash-review-rating-note"),
        ),
    ];

    let lang = p.tr.lang();
    let kept = match value.kept_after_three_years {
        Some(v) => {
            p.tr.t_args("dash-fact-half-you", &[("pct", &format_number(lang, v, 0))])
        }
        None => p.t("dash-fact-half-none"),
    };
    let complain = p.tr.t_args(
        "dash-fact-complain-you",
        &[
            (
                "cases",
                &p.count(
                    "dash-fact-cases",
                    &(monthly::cases_last_year(&cases, now) as i64),
                ),
            ),
            (
                "detractors",
                &p.count(
                    "dash-fact-detractors",
                    &(surveys.detractors_last_year as i64),
                ),
            ),
        ],
    );
    let mut facts = vec![(p.t("fact-half"), kept), (p.t("fact-complain"), complain)];
    if let Some(m) = worst.first() {
        facts.push((
            p.t("fact-moments"),
            p.named("dash-fact-moments-you", &m.name),
        ));
    }
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
        month: labels.last().cloned().unwrap_or_default(),
        followups: today::followups(&p, &followups, now),
        cases: today::cases(&p, &cases, now),
        grants: grants.as_deref().map(|g| today::grants(&p, g)),
        failed_mail: failed_mail.as_deref().map(|m| today::failed_mail(&p, m)),
        figures,
        facts,
        moments: worst,
        totals,
        p,
    };
    page.render().map(Html).map_err(AppError::from)
}
