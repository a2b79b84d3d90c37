//! The headline figures of one month — the start page's, and the monthly report's — computed
//! from data read once: the cached event log, the customer-survey answers, the cases, the
//! follow-ups and the reviews. `now` is the moment the figures look from: the current time
//! for the start page, the end of the month for a past month's report.

use super::figures::{Figure, Spec, Unit, figure};
use super::monthly::{self, score_month};
use crate::kit::Page;
use crate::kit::error::AppError;
use crate::kit::format::format_number;
use crate::moments::{self, Moment};
use crate::state::AppState;
use kunde_domain::{Case, WorkspaceId};
use kunde_store::{Followup, ResultsScope, Review};

/// The most cases the figures read (a small business's many years).
pub const MAX_CASES: i64 = 20_000;

/// Everything the start page and the report share.
pub struct Headline {
    /// The 12 months' labels (`YYYY-MM`), oldest first, the month of `now` last.
    pub labels: Vec<String>,
    pub figures: Vec<Figure>,
    /// The worst moments of truth (touchpoints with bad experiences), worst first.
    pub worst: Vec<Moment>,
    /// The seeds' facts, each with the business's own figure.
    pub facts: Vec<(String, String)>,
    pub cases: Vec<Case>,
    pub followups: Vec<Followup>,
    pub reviews: Vec<Review>,
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

/// How many worst moments the lists show.
pub const WORST: usize = 5;

pub async fn headline(
    state: &AppState,
    ws: WorkspaceId,
    time_zone: &str,
    p: &Page,
    now: i64,
) -> Result<Headline, AppError> {
    let data = state.analytics.get(&state.store, ws, time_zone).await?;
    let answers = state
        .store
        .answer_facts(ws, ResultsScope::AllCustomerSurveys)
        .await?;
    let cases = state.store.list_cases(ws, None, MAX_CASES).await?;
    let followups = state.store.list_followups(ws, true).await?;
    let reviews = state.store.list_reviews(ws).await?;

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
    let ranking = moments::ranking(state, ws, &data, Some(&answers), Some(&cases), now).await?;
    let worst: Vec<Moment> = ranking
        .moments
        .into_iter()
        .filter(|m| m.bad > 0)
        .take(WORST)
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
        Some(r) if r.responses < monthly::MIN_ANSWERS => thin_note(p, r.responses),
        Some(r) => interval(p, r.interval.low, r.interval.high, r.responses),
        None => p.t("dash-no-answers"),
    };
    let csat_note = match surveys.csat.last().and_then(Option::as_ref) {
        Some(r) if r.responses < monthly::MIN_ANSWERS => thin_note(p, r.responses),
        Some(r) => interval(p, r.interval.low, r.interval.high, r.responses),
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
            p,
            spec("dash-nps", "/results", Unit::Score, Some(true)),
            &nps_months,
            &labels,
            nps_note,
        ),
        figure(
            p,
            spec("dash-csat", "/results", Unit::Percent, Some(true)),
            &csat_months,
            &labels,
            csat_note,
        ),
        figure(
            p,
            spec("dash-new-customers", "/customers", Unit::Count, Some(true)),
            &value.new_customers,
            &labels,
            String::new(),
        ),
        figure(
            p,
            spec("dash-revenue", "/customers", Unit::Money, Some(true)),
            &value.revenue,
            &labels,
            String::new(),
        ),
        figure(
            p,
            spec("dash-repeat-share", "/customers", Unit::Percent, Some(true)),
            &value.repeat_share,
            &labels,
            p.t("dash-repeat-share-note"),
        ),
        figure(
            p,
            spec("dash-churn", "/segments", Unit::Percent, Some(false)),
            &value.churn,
            &labels,
            threshold_note.clone(),
        ),
        figure(
            p,
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
            p,
            spec("dash-open-cases", "/cases", Unit::Count, Some(false)),
            &open_cases,
            &labels,
            String::new(),
        ),
        figure(
            p,
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
            p,
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
            p,
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
    Ok(Headline {
        labels,
        figures,
        worst,
        facts,
        cases,
        followups,
        reviews,
    })
}
