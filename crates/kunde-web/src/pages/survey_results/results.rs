//! The results pages: an index of surveys and touchpoints, the results of one survey or of
//! every customer survey of one touchpoint, and their answers as CSV.

use super::report::{self, ChoiceRow, GapRow, Scores, Segment, ThemeRow, TrendRow};
use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::{AppError, PageError};
use crate::pages::analytics::{csv_response, csv_text, script_json};
use crate::pages::{Page, format_datetime};
use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use kunde_analytics::engagement::EngagementReport;
use kunde_domain::{Language, SurveyId, SurveyKind, Texts, TouchpointId};
use kunde_store::{AnswerFact, ResultsScope, SessionUser};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::collections::HashSet;

/// How many responses the page lists; the CSV has them all.
const ANSWERS_SHOWN: usize = 200;

pub struct SurveyLink {
    pub id: i64,
    pub title: String,
    pub employee: bool,
    pub responses: i64,
}

pub struct TouchpointLink {
    pub id: i64,
    pub name: String,
    pub surveys: usize,
}

#[derive(Template)]
#[template(path = "survey_results/index.html")]
struct IndexPage {
    p: Page,
    surveys: Vec<SurveyLink>,
    touchpoints: Vec<TouchpointLink>,
    open_followups: i64,
    overdue_followups: i64,
}

pub async fn index(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    let p = Page::staff(&user, &csrf, "results", "/results");
    let ws = user.workspace.id;
    let lang = p.tr.lang();
    let surveys = state
        .store
        .list_surveys(ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let tps = state
        .store
        .all_touchpoints(ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let (open_followups, overdue_followups) = state
        .store
        .followup_counts(ws, state.now())
        .await
        .map_err(|e| p.err(e.into()))?;
    let mut per_tp: BTreeMap<i64, usize> = BTreeMap::new();
    for s in &surveys {
        if let (Some(tp), SurveyKind::Customer) = (s.survey.touchpoint_id, s.survey.kind) {
            *per_tp.entry(tp.0).or_default() += 1;
        }
    }
    let touchpoints = tps
        .iter()
        .filter_map(|t| {
            Some(TouchpointLink {
                id: t.id.0,
                name: t.name.clone(),
                surveys: *per_tp.get(&t.id.0)?,
            })
        })
        .collect();
    let surveys = surveys
        .iter()
        .map(|s| SurveyLink {
            id: s.survey.id.0,
            title: s
                .survey
                .title
                .get(lang, s.survey.default_language)
                .to_owned(),
            employee: s.survey.kind == SurveyKind::Employee,
            responses: s.responses,
        })
        .collect();
    let view = IndexPage {
        p,
        surveys,
        touchpoints,
        open_followups,
        overdue_followups,
    };
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    /// Only the responses behind this free-text theme.
    theme: Option<String>,
    /// Employee results: group by `team` (default) or `location`.
    group: Option<String>,
}

pub struct SegmentTable {
    pub title: String,
    pub rows: Vec<(String, usize, Scores)>,
}

pub struct AnswerView {
    pub response_id: i64,
    pub at: String,
    pub customer: Option<(i64, String)>,
    pub language: String,
    pub channel: String,
    pub scores: String,
    pub texts: Vec<String>,
}

pub struct TeamView {
    pub team: String,
    pub shown: bool,
    pub responses: u64,
    pub enps: String,
    pub interval: String,
    pub satisfaction: String,
}

pub struct EngagementView {
    pub by_location: bool,
    pub min_group: i64,
    pub teams: Vec<TeamView>,
    pub overall: Option<String>,
    pub correlation: Option<String>,
}

#[derive(Template)]
#[template(path = "survey_results/results.html")]
struct ResultsPageView {
    p: Page,
    title: String,
    subtitle: String,
    base: String,
    employee: bool,
    /// The touchpoint's combined results, from a survey's page.
    touchpoint_link: Option<(i64, String)>,
    responses: usize,
    overall: Scores,
    trend: Vec<TrendRow>,
    chart: String,
    gaps: Vec<GapRow>,
    segments: Vec<SegmentTable>,
    choices: Vec<ChoiceRow>,
    themes: Vec<ThemeRow>,
    theme: Option<String>,
    answers: Vec<AnswerView>,
    answers_more: usize,
    engagement: Option<EngagementView>,
    can_invite: bool,
    survey_id: i64,
}

impl ResultsPageView {
    fn one(&self, v: &Option<f64>) -> String {
        report::one(v)
    }

    fn range(&self, low: &Option<f64>, high: &Option<f64>) -> String {
        report::range(low, high)
    }

    fn num(&self, v: &f64) -> String {
        format!("{v:.2}")
    }

    fn text(&self, t: &Texts) -> String {
        t.get(self.p.tr.lang(), Language::En).to_owned()
    }

    fn theme_link(&self, phrase: &str) -> String {
        format!(
            "{}?{}",
            self.base,
            serde_urlencoded::to_string([("theme", phrase)]).unwrap_or_default()
        )
    }
}

fn language_label(code: &str) -> String {
    Language::parse(code).map_or_else(|_| code.to_owned(), |l| l.native_name().to_owned())
}

fn channel_label(p: &Page, code: &str) -> String {
    p.t(&format!("voc-via-{code}"))
}

fn segment_value(p: &Page, segment: Segment, value: &str) -> String {
    match segment {
        Segment::Language => language_label(value),
        Segment::Channel => channel_label(p, value),
        Segment::Acquisition if value.is_empty() => p.t("channel-unknown"),
        Segment::Acquisition => value.to_owned(),
    }
}

/// Responses (newest first) with their answers summarised, only those in `only` if given.
fn answer_views(p: &Page, facts: &[AnswerFact], only: Option<&[i64]>) -> Vec<AnswerView> {
    let mut views: Vec<AnswerView> = Vec::new();
    for f in facts.iter().rev() {
        if only.is_some_and(|ids| !ids.contains(&f.response_id)) {
            continue;
        }
        if views.last().is_none_or(|v| v.response_id != f.response_id) {
            views.push(AnswerView {
                response_id: f.response_id,
                at: format_datetime(f.submitted_at),
                customer: f.customer_id.zip(f.customer_name.clone()),
                language: language_label(&f.language),
                channel: channel_label(p, &f.channel),
                scores: String::new(),
                texts: Vec::new(),
            });
        }
        let v = views.last_mut().expect("just pushed");
        let label = match f.question_kind.as_str() {
            "nps" => Some("NPS"),
            "csat" => Some("CSAT"),
            "ces" => Some("CES"),
            "rating" => Some("★"),
            _ => None,
        };
        if let (Some(label), Some(score)) = (label, f.score) {
            // Facts come newest response first but questions in reverse order: prepend.
            let part = format!("{label} {score}");
            v.scores = if v.scores.is_empty() {
                part
            } else {
                format!("{part} · {}", v.scores)
            };
        }
        if let Some(t) = &f.text {
            v.texts.insert(0, t.clone());
        }
    }
    views
}

fn chart_json(p: &Page, trend: &[TrendRow]) -> String {
    let v = serde_json::json!({
        "periods": trend.iter().map(|t| t.period.clone()).collect::<Vec<_>>(),
        "series": [
            {"name": p.t("voc-nps"), "data": trend.iter().map(|t| t.scores.nps.map(|x| (x * 10.0).round() / 10.0)).collect::<Vec<_>>()},
            {"name": p.t("voc-csat"), "data": trend.iter().map(|t| t.scores.csat.map(|x| (x * 10.0).round() / 10.0)).collect::<Vec<_>>()},
            {"name": p.t("voc-ces"), "data": trend.iter().map(|t| t.scores.ces.map(|x| (x * 100.0).round() / 100.0)).collect::<Vec<_>>()},
        ],
    });
    script_json(&v)
}

fn engagement_view(
    p: &Page,
    r: &EngagementReport,
    by_location: bool,
    min_group: i64,
) -> EngagementView {
    EngagementView {
        by_location,
        min_group,
        teams: r
            .teams
            .iter()
            .map(|t| TeamView {
                team: t.team.clone(),
                shown: t.enps.is_some(),
                responses: t.enps.as_ref().map_or(0, |e| e.responses),
                enps: report::one(&t.enps.as_ref().map(|e| e.score)),
                interval: t.enps.as_ref().map_or_else(
                    || "–".into(),
                    |e| report::range(&Some(e.interval.low), &Some(e.interval.high)),
                ),
                satisfaction: t.satisfaction.map_or_else(
                    || "–".into(),
                    |s| format!("{s:.1} % ({})", t.satisfaction_responses),
                ),
            })
            .collect(),
        overall: r.overall.as_ref().map(|o| {
            format!(
                "{:.1} ({} – {}, n = {})",
                o.score,
                fmt1(o.interval.low),
                fmt1(o.interval.high),
                o.responses
            )
        }),
        correlation: r.correlation.map(|c| {
            p.tr.t_args(
                "voc-correlation",
                &[
                    ("r", &format!("{:.2}", c.r)),
                    ("n", &c.n.to_string()),
                    ("p", &format!("{:.3}", c.p_value)),
                ],
            )
        }),
    }
}

fn fmt1(x: f64) -> String {
    format!("{x:.1}")
}

struct Scope {
    title: String,
    subtitle: String,
    base: String,
    employee: bool,
    min_group: i64,
    touchpoint_link: Option<(i64, String)>,
    survey_id: i64,
}

async fn render(
    state: &AppState,
    p: Page,
    scope: Scope,
    facts: Vec<AnswerFact>,
    q: ResultsQuery,
) -> Result<Html<String>, PageError> {
    let ws = p
        .user
        .as_ref()
        .map(|u| u.workspace.id)
        .ok_or_else(|| p.err(AppError::Forbidden))?;
    let mut responses: Vec<i64> = facts.iter().map(|f| f.response_id).collect();
    responses.sort_unstable();
    responses.dedup();
    let overall = Scores::of(&facts);
    let trend = report::monthly(&facts);
    let chart = chart_json(&p, &trend);
    let gaps = report::gaps(&facts);
    let themes = report::text_themes(&facts);
    let choices = report::choices(&facts);
    let (segments, answers, answers_more, engagement) = if scope.employee {
        // Employee answers are anonymous: only groups at or above the minimum size, no
        // response list and no segments by respondent.
        let by_location = q.group.as_deref() == Some("location");
        let customers = state
            .store
            .answer_facts(ws, ResultsScope::AllCustomerSurveys)
            .await
            .map_err(|e| p.err(e.into()))?;
        let r = report::engagement(
            &facts,
            &customers,
            by_location,
            scope.min_group.max(1) as usize,
        );
        (
            Vec::new(),
            Vec::new(),
            0,
            Some(engagement_view(&p, &r, by_location, scope.min_group)),
        )
    } else {
        let mut segments: Vec<SegmentTable> = Segment::ALL
            .iter()
            .map(|&s| SegmentTable {
                title: p.t(s.key()),
                rows: report::segments(&facts, s)
                    .into_iter()
                    .map(|r| (segment_value(&p, s, &r.value), r.responses, r.scores))
                    .collect(),
            })
            .collect();
        // The owner's saved segments (customers who dropped out of a funnel, say).
        let load = async {
            Ok::<_, kunde_store::StoreError>((
                state.store.list_segments(ws).await?,
                state.store.segment_members_who_answered(ws).await?,
            ))
        };
        let (saved, members) = load.await.map_err(|e| p.err(e.into()))?;
        let saved: Vec<(String, HashSet<i64>)> = saved
            .into_iter()
            .map(|s| {
                let ids = members
                    .iter()
                    .filter(|m| m.0 == s.id.0)
                    .map(|m| m.1)
                    .collect();
                (s.name, ids)
            })
            .collect();
        let rows: Vec<(String, usize, Scores)> = report::saved_segments(&facts, &saved)
            .into_iter()
            .map(|r| (r.value, r.responses, r.scores))
            .collect();
        if !rows.is_empty() {
            segments.push(SegmentTable {
                title: p.t("voc-segment-saved"),
                rows,
            });
        }
        let only = q
            .theme
            .as_ref()
            .and_then(|t| themes.iter().find(|th| &th.phrase == t))
            .map(|th| th.responses.as_slice());
        let mut answers = answer_views(&p, &facts, only);
        let more = answers.len().saturating_sub(ANSWERS_SHOWN);
        answers.truncate(ANSWERS_SHOWN);
        (segments, answers, more, None)
    };
    // An employee survey's free-text themes are shown only as counts, and only when the
    // survey as a whole meets the minimum group size.
    let themes = if scope.employee && (responses.len() as i64) < scope.min_group {
        Vec::new()
    } else {
        themes
    };
    let theme = q.theme.filter(|t| themes.iter().any(|th| &th.phrase == t));
    let can_invite = p.is_owner() && !scope.employee && scope.survey_id > 0;
    let view = ResultsPageView {
        p,
        title: scope.title,
        subtitle: scope.subtitle,
        base: scope.base,
        employee: scope.employee,
        touchpoint_link: scope.touchpoint_link,
        responses: responses.len(),
        overall,
        trend,
        chart,
        gaps,
        segments,
        choices,
        themes,
        theme,
        answers,
        answers_more,
        engagement,
        can_invite,
        survey_id: scope.survey_id,
    };
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

pub async fn survey_page(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> Result<Html<String>, PageError> {
    let base = format!("/surveys/{id}/results");
    let p = Page::staff(&user, &csrf, "results", &base);
    let ws = user.workspace.id;
    let survey = state
        .store
        .get_survey(ws, SurveyId(id))
        .await
        .map_err(|e| p.err(e.into()))?;
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Survey(survey.id))
        .await
        .map_err(|e| p.err(e.into()))?;
    let touchpoint_link = match survey.touchpoint_id {
        Some(tp) if survey.kind == SurveyKind::Customer => state
            .store
            .all_touchpoints(ws)
            .await
            .map_err(|e| p.err(e.into()))?
            .into_iter()
            .find(|t| t.id == tp)
            .map(|t| (t.id.0, t.name)),
        _ => None,
    };
    let scope = Scope {
        title: survey
            .title
            .get(p.tr.lang(), survey.default_language)
            .to_owned(),
        subtitle: p.t(if survey.kind == SurveyKind::Employee {
            "voc-employee-survey"
        } else {
            "voc-customer-survey"
        }),
        base,
        employee: survey.kind == SurveyKind::Employee,
        min_group: survey.min_group_size,
        touchpoint_link,
        survey_id: id,
    };
    render(&state, p, scope, facts, q).await
}

pub async fn touchpoint_page(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> Result<Html<String>, PageError> {
    let base = format!("/touchpoints/{id}/results");
    let p = Page::staff(&user, &csrf, "results", &base);
    let ws = user.workspace.id;
    let tp = state
        .store
        .all_touchpoints(ws)
        .await
        .map_err(|e| p.err(e.into()))?
        .into_iter()
        .find(|t| t.id == TouchpointId(id))
        .ok_or_else(|| p.err(AppError::NotFound))?;
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Touchpoint(tp.id))
        .await
        .map_err(|e| p.err(e.into()))?;
    let scope = Scope {
        title: tp.name.clone(),
        subtitle: p.t("voc-touchpoint-results"),
        base,
        employee: false,
        min_group: 1,
        touchpoint_link: None,
        survey_id: 0,
    };
    render(&state, p, scope, facts, q).await
}

fn csv(facts: &[AnswerFact], filename: &str) -> Response {
    let mut rows = vec![
        [
            "response_id",
            "submitted_at",
            "survey_id",
            "customer_id",
            "customer",
            "language",
            "channel",
            "acquisition_channel",
            "question",
            "question_kind",
            "score",
            "expected",
            "experienced",
            "option",
            "text",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let opt = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    for f in facts {
        rows.push(vec![
            f.response_id.to_string(),
            format_datetime(f.submitted_at),
            f.survey_id.to_string(),
            opt(f.customer_id),
            csv_text(f.customer_name.as_deref().unwrap_or("")),
            f.language.clone(),
            f.channel.clone(),
            csv_text(f.acquisition_channel.as_deref().unwrap_or("")),
            csv_text(&f.question_en),
            f.question_kind.clone(),
            opt(f.score),
            opt(f.expected),
            opt(f.experienced),
            csv_text(f.option_en.as_deref().unwrap_or("")),
            csv_text(f.text.as_deref().unwrap_or("")),
        ]);
    }
    csv_response(filename, rows)
}

pub async fn survey_csv(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let tr = crate::i18n::Tr::new(user.user.language);
    let ws = user.workspace.id;
    let survey = state
        .store
        .get_survey(ws, SurveyId(id))
        .await
        .map_err(|e| PageError(tr, e.into()))?;
    if survey.kind == SurveyKind::Employee {
        // Individual employee answers are never exported: they are anonymous.
        return Err(PageError(tr, AppError::Forbidden));
    }
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Survey(survey.id))
        .await
        .map_err(|e| PageError(tr, e.into()))?;
    Ok(csv(&facts, &format!("survey-{id}-answers.csv")))
}

pub async fn touchpoint_csv(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let tr = crate::i18n::Tr::new(user.user.language);
    let ws = user.workspace.id;
    let known = state
        .store
        .all_touchpoints(ws)
        .await
        .map_err(|e| PageError(tr, e.into()))?
        .iter()
        .any(|t| t.id == TouchpointId(id));
    if !known {
        return Err(PageError(tr, AppError::NotFound));
    }
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Touchpoint(TouchpointId(id)))
        .await
        .map_err(|e| PageError(tr, e.into()))?;
    Ok(csv(&facts, &format!("touchpoint-{id}-answers.csv")))
}
