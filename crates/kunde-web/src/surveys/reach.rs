//! Reaching people without a screen of their own, and what they said: the QR code (SVG and
//! PNG) of the public link, a printable paper form, a page where staff type in paper answers
//! quickly, and the list of answers, each linked to its customer.

use super::common::{base_url, load_survey};
use super::form::{self, Fields, QView};
use crate::kit::error::AppError;
use crate::kit::i18n::Tr;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{CustomerQuery, ResponseListItem, generate_survey_token};
use serde::Deserialize;
use std::collections::HashMap;

/// Pixels per QR module in the SVG's size and the PNG.
const MODULE_PX: usize = 8;
/// The blank border a scanner needs, in modules.
const QUIET: usize = 4;
/// Answers shown on the answers page, newest first.
const ANSWERS_SHOWN: i64 = 500;

/// The QR code of `url` as SVG: one path of dark squares on white, sized in pixels.
pub fn qr_svg_for(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let n = code.width();
    let side = n + 2 * QUIET;
    let colors = code.to_colors();
    let mut path = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % n + QUIET, i / n + QUIET));
        }
    }
    let px = side * MODULE_PX;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{px}\" height=\"{px}\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

fn qr_url(state: &AppState, headers: &HeaderMap, survey: &Survey) -> String {
    format!("{}/s/{}?src=qr", base_url(state, headers), survey.token)
}

pub async fn qr_svg(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let _p = Page::staff(&user, &csrf, "surveys", "/surveys");
    let survey = load_survey(&state, &user, id).await?;
    let svg = qr_svg_for(&qr_url(&state, &headers, &survey))
        .ok_or_else(|| AppError::internal("qr code"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"survey-{id}-qr.svg\""),
            ),
        ],
        svg,
    )
        .into_response())
}

pub async fn qr_png(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let _p = Page::staff(&user, &csrf, "surveys", "/surveys");
    let survey = load_survey(&state, &user, id).await?;
    let svg = qr_svg_for(&qr_url(&state, &headers, &survey))
        .ok_or_else(|| AppError::internal("qr code"))?;
    let png =
        kunde_map::render_png(&svg, 1.0).map_err(|e| AppError::internal(format!("qr png: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"survey-{id}-qr.png\""),
            ),
        ],
        png,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
    done: Option<String>,
}

/// A question as printed: its text, the boxes to tick and the lines to write on.
struct PaperQuestion {
    number: usize,
    text: String,
    boxes: Vec<String>,
    levels: Vec<String>,
    lines: bool,
    multiple: bool,
}

#[derive(Template)]
#[template(path = "surveys/paper.html")]
struct PaperPage {
    tr: Tr,
    lang: &'static str,
    title: String,
    /// The business asking, named on the form.
    business: String,
    questions: Vec<PaperQuestion>,
    url: String,
    qr: String,
    employee: bool,
    back: String,
}

/// The printable form, in the language asked for (else the staff member's own).
pub async fn paper(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", "/surveys");
    let survey = load_survey(&state, &user, id).await?;
    let questions = state
        .store
        .survey_questions(user.workspace.id, survey.id)
        .await?;
    let tr = q
        .lang
        .as_deref()
        .and_then(|l| Language::parse(l).ok())
        .map_or(p.tr, Tr::new);
    let lang = tr.lang();
    let fallback = survey.default_language;
    let questions = questions
        .iter()
        .enumerate()
        .map(|(i, question)| {
            let boxes = match question.kind.scale(question.rating_max) {
                Some((min, max)) => (min..=max).map(|n| n.to_string()).collect(),
                None => question
                    .options
                    .iter()
                    .map(|o| o.text.get(lang, fallback).to_owned())
                    .collect(),
            };
            PaperQuestion {
                number: i + 1,
                text: question.text.get(lang, fallback).to_owned(),
                boxes,
                levels: if question.kind == QuestionKind::Expectation {
                    Level::ALL
                        .iter()
                        .map(|l| tr.t(&format!("survey-level-{}", l.code())))
                        .collect()
                } else {
                    Vec::new()
                },
                lines: question.kind.is_text(),
                multiple: question.kind == QuestionKind::MultipleChoice,
            }
        })
        .collect();
    let url = format!("{}/s/{}", base_url(&state, &headers), survey.token);
    let qr = qr_svg_for(&format!("{url}?src=qr")).unwrap_or_default();
    let page = PaperPage {
        tr,
        lang: lang.code(),
        title: survey.title.get(lang, fallback).to_owned(),
        business: user.workspace.name.clone(),
        questions,
        url,
        // Generated from our own URL: only squares, no user text.
        qr: base64_data_uri(&qr),
        employee: survey.kind == SurveyKind::Employee,
        back: format!("/surveys/{id}"),
    };
    let html = page.render()?;
    Ok(Html(html).into_response())
}

fn base64_data_uri(svg: &str) -> String {
    use base64::Engine;
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

#[derive(Template)]
#[template(path = "surveys/enter.html")]
struct EntryPage {
    p: Page,
    survey_id: SurveyId,
    title: String,
    questions: Vec<QView>,
    optional: String,
    expected_label: String,
    experienced_label: String,
    key: String,
    customer: String,
    customer_error: String,
    date: String,
    date_error: String,
    language: String,
    employee: bool,
    team: String,
    location: String,
    has_errors: bool,
    live: bool,
}

impl EntryPage {
    fn languages(&self) -> [Language; 4] {
        Language::ALL
    }
}

#[allow(clippy::too_many_arguments)]
fn entry_page(
    p: Page,
    survey: &Survey,
    questions: &[Question],
    fields: &Fields,
    errors: &HashMap<QuestionId, AnswerError>,
    customer_error: String,
    date_error: String,
    today: String,
) -> EntryPage {
    let tr = p.tr;
    let views = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            form::view(
                q,
                tr,
                survey.default_language,
                fields,
                errors.get(&q.id),
                i + 1,
            )
        })
        .collect();
    let has_errors = !errors.is_empty() || !customer_error.is_empty() || !date_error.is_empty();
    EntryPage {
        survey_id: survey.id,
        title: survey
            .title
            .get(tr.lang(), survey.default_language)
            .to_owned(),
        questions: views,
        optional: tr.t("form-optional"),
        expected_label: tr.t("survey-expected"),
        experienced_label: tr.t("survey-experienced"),
        key: generate_survey_token(),
        customer: fields.one("customer").unwrap_or_default().to_owned(),
        customer_error,
        date: fields.one("date").map_or(today, str::to_owned),
        date_error,
        language: fields
            .one("language")
            .unwrap_or(survey.default_language.code())
            .to_owned(),
        employee: survey.kind == SurveyKind::Employee,
        team: fields.one("team").unwrap_or_default().to_owned(),
        location: fields.one("location").unwrap_or_default().to_owned(),
        has_errors,
        live: survey.status != SurveyStatus::Draft,
        p,
    }
}

/// Staff type in a paper form: every question on one page, then the next blank form.
pub async fn entry_form(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Query(q): Query<LangQuery>,
) -> Result<Html<String>, AppError> {
    let mut p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}/enter"));
    if q.done.as_deref() == Some("1") {
        p.notice = Some(p.t("survey-paper-saved"));
    }
    let survey = load_survey(&state, &user, id).await?;
    let questions = state
        .store
        .survey_questions(user.workspace.id, survey.id)
        .await?;
    let today = crate::kit::format_date(state.now());
    let view = entry_page(
        p,
        &survey,
        &questions,
        &Fields::default(),
        &HashMap::new(),
        String::new(),
        String::new(),
        today,
    );
    view.render().map(Html).map_err(AppError::from)
}

/// "2026-03-14" as Unix seconds at noon UTC (a paper form carries a day, not a time).
fn parse_day(s: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(s.trim(), &format).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp() + 12 * 3600)
}

pub async fn entry_submit(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}/enter"));
    let ws = user.workspace.id;
    let survey = load_survey(&state, &user, id).await?;
    let questions = state.store.survey_questions(ws, survey.id).await?;
    let fields = Fields::parse(&body);
    let now = state.now();
    let today = crate::kit::format_date(now);
    let parsed = form::parse_all(&questions, &fields);
    // The day on the form: not in the future, not before the survey existed long ago.
    let day = fields
        .one("date")
        .and_then(parse_day)
        .filter(|d| *d <= now + 86_400);
    let date_error = if day.is_none() {
        p.t("survey-paper-date-error")
    } else {
        String::new()
    };
    let email = fields.one("customer").map(str::trim).unwrap_or_default();
    let mut customer_error = String::new();
    let mut customer = None;
    if !email.is_empty() && survey.kind == SurveyKind::Customer {
        let query = CustomerQuery {
            search: Some(email.to_owned()),
            limit: 20,
            offset: 0,
        };
        let (found, _) = state.store.list_customers(ws, &query).await?;
        customer = found
            .into_iter()
            .find(|c| {
                c.email
                    .as_ref()
                    .is_some_and(|e| e.as_str().eq_ignore_ascii_case(email))
            })
            .map(|c| c.id);
        if customer.is_none() {
            customer_error = p.named("survey-paper-no-customer", email);
        }
    }
    let answers = match parsed {
        Ok(a) if customer_error.is_empty() && date_error.is_empty() => a,
        other => {
            let errors = other.err().unwrap_or_default();
            let view = entry_page(
                p,
                &survey,
                &questions,
                &fields,
                &errors,
                customer_error,
                date_error,
                today,
            );
            let html = view.render()?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
        }
    };
    let employee = survey.kind == SurveyKind::Employee;
    let group = |name: &str| {
        fields
            .one(name)
            .map(str::trim)
            .filter(|v| !v.is_empty() && employee)
            .map(|v| v.chars().take(100).collect::<String>())
    };
    let key = fields
        .one("key")
        .filter(|k| (16..=64).contains(&k.len()))
        .map_or_else(generate_survey_token, str::to_owned);
    let response = NewResponse {
        customer_id: customer,
        channel: ResponseChannel::Paper,
        language: fields
            .one("language")
            .and_then(|l| Language::parse(l).ok())
            .unwrap_or(survey.default_language),
        submitted_at: day.unwrap_or(now),
        team: group("team"),
        location: group("location"),
        submission_key: format!("paper-{key}"),
        answers,
    };
    state
        .store
        .store_response(ws, survey.id, &response, None)
        .await?;
    Ok(Redirect::to(&format!("/surveys/{id}/enter?done=1")).into_response())
}

/// One answer as the staff list shows it.
pub struct AnswerCell {
    pub question: String,
    pub value: String,
}

pub struct AnswerRow {
    pub at: String,
    pub channel: String,
    pub language: &'static str,
    pub customer: Option<(CustomerId, String)>,
    pub answers: Vec<AnswerCell>,
    /// The open follow-up of a low score, which a case can be opened from (anonymous
    /// answers too).
    pub followup: Option<i64>,
}

#[derive(Template)]
#[template(path = "surveys/answers.html")]
struct AnswersPage {
    p: Page,
    survey_id: SurveyId,
    title: String,
    total: i64,
    rows: Vec<AnswerRow>,
    /// Employee surveys with fewer answers than the smallest group shown stay hidden.
    hidden_below: Option<i64>,
}

fn format_answer(tr: Tr, q: &Question, value: &AnswerValue, fallback: Language) -> String {
    let lang = tr.lang();
    match value {
        AnswerValue::Score(n) => match q.kind.scale(q.rating_max) {
            Some((_, max)) => format!("{n} / {max}"),
            None => n.to_string(),
        },
        AnswerValue::Expectation {
            expected,
            experienced,
        } => tr.t_args(
            "survey-expectation-answer",
            &[
                ("value", &tr.t(&format!("survey-level-{}", expected.code()))),
                (
                    "name",
                    &tr.t(&format!("survey-level-{}", experienced.code())),
                ),
            ],
        ),
        AnswerValue::Choices(ids) => ids
            .iter()
            .filter_map(|id| q.options.iter().find(|o| o.id == *id))
            .map(|o| o.text.get(lang, fallback).to_owned())
            .collect::<Vec<_>>()
            .join(", "),
        AnswerValue::Text(t) => t.clone(),
    }
}

pub async fn answers(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}/answers"));
    let ws = user.workspace.id;
    let survey = load_survey(&state, &user, id).await?;
    // An employee survey is never listed answer by answer (nor their times or languages),
    // to anyone: its results page shows groups at or above the minimum size only.
    if survey.kind == SurveyKind::Employee {
        return Ok(Redirect::to(&format!("/surveys/{id}/results")).into_response());
    }
    let questions = state.store.survey_questions(ws, survey.id).await?;
    let total = state.store.count_responses(ws, survey.id).await?;
    // An employee's answers are listed only once enough people answered, and never with
    // their team or location, which would single them out.
    let employee = survey.kind == SurveyKind::Employee;
    let hidden_below = (employee && total < survey.min_group_size).then_some(survey.min_group_size);
    let items: Vec<ResponseListItem> = if hidden_below.is_some() {
        Vec::new()
    } else {
        state
            .store
            .list_responses(ws, survey.id, ANSWERS_SHOWN)
            .await?
    };
    let open_followups: std::collections::HashMap<i64, i64> = state
        .store
        .list_followups(ws, false)
        .await?
        .into_iter()
        .filter_map(|f| f.response_id.map(|r| (r, f.id)))
        .collect();
    let tr = p.tr;
    let fallback = survey.default_language;
    let rows = items
        .into_iter()
        .map(|item| {
            let r = item.response;
            AnswerRow {
                followup: open_followups.get(&r.id.0).copied(),
                at: p.datetime(&r.submitted_at),
                channel: tr.t(&format!("survey-channel-{}", r.channel.code())),
                language: r.language.native_name(),
                customer: r.customer_id.zip(item.customer_name),
                answers: questions
                    .iter()
                    .map(|q| AnswerCell {
                        question: q.text.get(tr.lang(), fallback).to_owned(),
                        value: r
                            .answers
                            .iter()
                            .find(|(qid, _)| *qid == q.id)
                            .map(|(_, v)| format_answer(tr, q, v, fallback))
                            .unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect();
    let view = AnswersPage {
        title: survey.title.get(tr.lang(), fallback).to_owned(),
        survey_id: survey.id,
        total,
        rows,
        hidden_below,
        p,
    };
    Ok(Html(view.render()?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_a_square_svg_and_renders_to_a_png_of_its_size() {
        let svg = qr_svg_for("http://kunde.example/s/AbCdEfGhIjKlMnOpQrStUvWx?src=qr").unwrap();
        let code =
            qrcode::QrCode::new(b"http://kunde.example/s/AbCdEfGhIjKlMnOpQrStUvWx?src=qr").unwrap();
        let side = (code.width() + 2 * QUIET) * MODULE_PX;
        assert!(svg.contains(&format!("width=\"{side}\" height=\"{side}\"")));
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == qrcode::Color::Dark)
            .count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        let png = kunde_map::render_png(&svg, 1.0).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // The IHDR chunk holds the width and height, big-endian, right after its type.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(width as usize, side);
    }

    #[test]
    fn paper_dates_are_read_as_noon_utc() {
        assert_eq!(parse_day("2026-01-01"), Some(1_767_225_600 + 12 * 3600));
        assert_eq!(parse_day("1/1/2026"), None);
        assert_eq!(parse_day("2026-02-30"), None);
    }
}
