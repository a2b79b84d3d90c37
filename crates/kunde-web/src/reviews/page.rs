//! The reviews page: the import form (owner), the average rating per source and month, the
//! themes of the review texts (`kunde_analytics::themes`), and every review — unanswered
//! first, the oldest first — with the owner's reply form.

use super::file::{ReviewFileError, import_review_file};
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::format::format_number;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::civil::Period;
use kunde_analytics::themes::{ThemeOptions, themes};
use kunde_import::ReviewPreset;
use kunde_store::Review;
use serde::Deserialize;
use std::collections::BTreeMap;

pub struct ReviewNotices;

impl Notices for ReviewNotices {
    const KEYS: &'static [&'static str] = &[
        "reviews-reply-saved",
        "reviews-match-confirmed",
        "reviews-match-rejected",
    ];
}

/// One source's month: average rating and how many reviews.
pub struct TrendRow {
    pub source: String,
    pub month: String,
    pub average: String,
    pub count: usize,
}

#[derive(Template)]
#[template(path = "reviews/page.html")]
struct ReviewsPage {
    p: Page,
    reviews: Vec<Review>,
    trend: Vec<TrendRow>,
    themes: Vec<(String, usize)>,
    /// The outcome of an import just done, or why it was refused.
    message: Option<String>,
    problems: Vec<String>,
}

impl ReviewsPage {
    fn presets(&self) -> [&'static str; 3] {
        ReviewPreset::ALL.map(ReviewPreset::code)
    }

    fn stars(&self, rating: &i64) -> String {
        "★".repeat(*rating as usize) + &"☆".repeat(5usize.saturating_sub(*rating as usize))
    }

    fn replied(&self, r: &Review) -> String {
        let date = self.p.date(&r.replied_at.unwrap_or_default());
        self.p.named("reviews-replied", &date)
    }

    fn unanswered(&self) -> usize {
        self.reviews
            .iter()
            .filter(|r| r.replied_at.is_none())
            .count()
    }
}

/// The business's month (in its time zone `tz`) of a Unix time.
fn local_month(tz: &jiff::tz::TimeZone, unix: i64) -> kunde_analytics::PeriodKey {
    let offset = jiff::Timestamp::from_second(unix)
        .map(|t| i64::from(tz.to_offset(t).seconds()))
        .unwrap_or(0);
    Period::Month.key_of(unix + offset)
}

/// The average rating per source and month, the newest month first within each source.
fn trend(p: &Page, reviews: &[Review]) -> Vec<TrendRow> {
    let mut by: BTreeMap<(String, kunde_analytics::PeriodKey), (i64, usize)> = BTreeMap::new();
    for r in reviews {
        let e = by
            .entry((r.source.clone(), local_month(&p.tz, r.reviewed_at)))
            .or_default();
        e.0 += r.rating;
        e.1 += 1;
    }
    let mut rows: Vec<_> = by.into_iter().collect();
    rows.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(b.0.1.cmp(&a.0.1)));
    rows.into_iter()
        .map(|((source, month), (sum, n))| TrendRow {
            source,
            month: month.label(),
            average: format_number(p.tr.lang(), sum as f64 / n as f64, 1),
            count: n,
        })
        .collect()
}

async fn render(
    state: &AppState,
    p: Page,
    message: Option<String>,
    problems: Vec<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let ws = p
        .user
        .as_ref()
        .ok_or_else(|| AppError::internal("no user"))?
        .workspace
        .id;
    let reviews = state.store.list_reviews(ws).await?;
    let texts: Vec<&str> = reviews.iter().map(|r| r.text.as_str()).collect();
    let themes = themes(&texts, ThemeOptions::default())
        .into_iter()
        .take(10)
        .map(|t| (t.phrase, t.answers.len()))
        .collect();
    let view = ReviewsPage {
        trend: trend(&p, &reviews),
        reviews,
        themes,
        message,
        problems,
        p,
    };
    let html = view.render().map_err(AppError::from)?;
    Ok((status, Html(html)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<ReviewNotices>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "reviews", "/reviews").with_notice(done.key());
    render(&state, p, None, Vec::new(), StatusCode::OK).await
}

pub async fn import(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "reviews", "/reviews");
    let (mut preset, mut file) = (None, None);
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("preset") => {
                preset = field
                    .text()
                    .await
                    .ok()
                    .and_then(|s| ReviewPreset::parse(&s))
            }
            Some("file") => file = Some(field.bytes().await.map_err(|_| AppError::BadRequest)?),
            _ => {}
        }
    }
    let (Some(preset), Some(bytes)) = (preset, file) else {
        let m = p.t("reviews-error-no-file");
        return render(
            &state,
            p,
            Some(m),
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let now = (state.clock)();
    match import_review_file(&state.store, user.workspace.id, &bytes, preset, now).await {
        Ok(done) => {
            let args = [
                ("imported", done.imported.to_string()),
                ("duplicates", done.duplicates.to_string()),
                ("matched", done.matched.to_string()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let m = p.tr.t_args("reviews-imported", &args);
            render(&state, p, Some(m), Vec::new(), StatusCode::OK).await
        }
        Err(ReviewFileError::Rows(rows)) => {
            let problems = rows
                .iter()
                .map(|r| {
                    p.tr.t_args(
                        "reviews-row-problem",
                        &[
                            ("line", &r.line.to_string()),
                            (
                                "problem",
                                &p.tr.t_args(
                                    r.problem.message_key(),
                                    &[("value", r.problem.value())],
                                ),
                            ),
                        ],
                    )
                })
                .collect();
            let m = p.t("reviews-refused");
            render(
                &state,
                p,
                Some(m),
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ReviewFileError::NoReviewSite) => {
            let m = p.t("reviews-error-no-site");
            render(
                &state,
                p,
                Some(m),
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ReviewFileError::Table(e)) => {
            let m = p.tr.t_args(e.message_key(), &[("detail", &e.to_string())]);
            render(
                &state,
                p,
                Some(m),
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ReviewFileError::Store(e)) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ReplyForm {
    reply: String,
}

pub async fn reply(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<ReplyForm>,
) -> Result<Response, AppError> {
    let text = f.reply.trim();
    if text.is_empty() || text.chars().count() > 4000 {
        return Err(AppError::BadRequest);
    }
    let now = (state.clock)();
    state
        .store
        .reply_to_review(user.workspace.id, id, text, now)
        .await?;
    Ok(Redirect::to("/reviews?done=reviews-reply-saved").into_response())
}

#[derive(Deserialize)]
pub struct MatchForm {
    /// `confirm` or `reject`.
    decision: String,
    /// For `confirm`: the customer who wrote it (the suggested one when left out).
    #[serde(default)]
    customer_id: Option<i64>,
}

/// The owner confirms or rejects the customer a review was matched to; recorded in the
/// audit trail.
pub async fn match_review(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: crate::kit::client::ClientKey,
    Path(id): Path<i64>,
    Form(f): Form<MatchForm>,
) -> Result<Response, AppError> {
    let ws = user.workspace.id;
    let review = state
        .store
        .list_reviews(ws)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)?;
    let (decision, done) = match f.decision.as_str() {
        "confirm" => {
            let customer = f
                .customer_id
                .or(review.customer_id)
                .ok_or(AppError::BadRequest)?;
            (
                kunde_store::ReviewMatch::Confirm(kunde_domain::CustomerId(customer)),
                "reviews-match-confirmed",
            )
        }
        "reject" => (kunde_store::ReviewMatch::Reject, "reviews-match-rejected"),
        _ => return Err(AppError::BadRequest),
    };
    state.store.set_review_match(ws, id, decision).await?;
    let detail = match decision {
        kunde_store::ReviewMatch::Confirm(c) => format!("confirmed customer {}", c.0),
        kunde_store::ReviewMatch::Reject => "rejected".to_owned(),
    };
    crate::kit::audit::Audit::by(&user, &client)
        .record(
            &state,
            kunde_store::trust::audit_action::REVIEW_MATCH,
            ("review", Some(id)),
            &detail,
        )
        .await;
    Ok(Redirect::to(&format!("/reviews?done={done}#review-{id}")).into_response())
}
