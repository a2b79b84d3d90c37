//! The results page of a survey or a touchpoint and its CSV: the scope's figures rendered,
//! every answer linked to its customer.

use super::report::{self, Scores, Segment};
use super::results::*;
use crate::kit::csv::{csv_response, csv_text};
use crate::kit::error::AppError;
use crate::kit::format::{csv_datetime, csv_zone_header};
use crate::kit::paging::{Pager, page_link};
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Response};
use kunde_domain::{SurveyId, SurveyKind, TouchpointId};
use kunde_store::{AnswerFact, ResultsScope};
use std::collections::HashSet;

pub(super) async fn render(
    state: &AppState,
    p: Page,
    scope: Scope,
    facts: Vec<AnswerFact>,
    q: ResultsQuery,
) -> Result<Html<String>, AppError> {
    let ws = p
        .user
        .as_ref()
        .map(|u| u.workspace.id)
        .ok_or_else(|| AppError::Forbidden)?;
    let mut responses: Vec<i64> = facts.iter().map(|f| f.response_id).collect();
    responses.sort_unstable();
    responses.dedup();
    let overall = Scores::of(&facts);
    let trend = report::monthly(&facts);
    // A measure the scope does not ask is not drawn: an answer with a CES score also counts
    // (a question since removed).
    let ces = scope.asks_ces || facts.iter().any(|f| f.question_kind == "ces");
    let chart = chart_json(&p, &trend, ces);
    let gaps = report::gaps(&facts);
    let themes = report::text_themes(&facts);
    let choices = report::choices(&facts);
    let (segments, answers, pager, engagement) = if scope.employee {
        // Employee answers are anonymous: only groups at or above the minimum size, no
        // response list and no segments by respondent.
        let by_location = q.group.as_deref() == Some("location");
        let customers = state
            .store
            .answer_facts(ws, ResultsScope::AllCustomerSurveys)
            .await?;
        let r = report::engagement(
            &facts,
            &customers,
            by_location,
            scope.min_group.max(1) as usize,
        );
        (
            Vec::new(),
            Vec::new(),
            Pager::new(None, 0, ANSWERS_SHOWN, |_| String::new()),
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
        let (saved, members) = load.await?;
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
        let answers = answer_views(&p, &facts, only);
        let mut pairs = Vec::new();
        if let Some(t) = &q.theme {
            pairs.push(("theme".to_owned(), t.clone()));
        }
        let pager = Pager::new(q.page, answers.len(), ANSWERS_SHOWN, |n| {
            page_link(&scope.base, &pairs, n, "#answers")
        });
        (segments, pager.take(answers), pager, None)
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
        standing: scope.standing,
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
        pager,
        engagement,
        can_invite,
        survey_id: scope.survey_id,
        ces,
    };
    view.render().map(Html).map_err(AppError::from)
}

pub async fn survey_page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> Result<Html<String>, AppError> {
    let base = format!("/surveys/{id}/results");
    let p = Page::staff(&user, &csrf, "results", &base);
    let ws = user.workspace.id;
    let survey = state.store.get_survey(ws, SurveyId(id)).await?;
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Survey(survey.id))
        .await?;
    let asks_ces = state
        .store
        .survey_questions(ws, survey.id)
        .await?
        .iter()
        .any(|q| q.kind == kunde_domain::QuestionKind::Ces);
    let touchpoint_link = match survey.touchpoint_id {
        Some(tp) if survey.kind == SurveyKind::Customer => state
            .store
            .all_touchpoints(ws)
            .await?
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
        standing: Vec::new(),
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
        asks_ces,
    };
    render(&state, p, scope, facts, q).await
}

pub async fn touchpoint_page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Query(q): Query<ResultsQuery>,
) -> Result<Html<String>, AppError> {
    let base = format!("/touchpoints/{id}/results");
    let p = Page::staff(&user, &csrf, "results", &base);
    let ws = user.workspace.id;
    let tp = state
        .store
        .all_touchpoints(ws)
        .await?
        .into_iter()
        .find(|t| t.id == TouchpointId(id))
        .ok_or_else(|| AppError::NotFound)?;
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Touchpoint(tp.id))
        .await?;
    let standards = state.store.list_standards(ws, Some(tp.id)).await?;
    let standing = crate::competitors::standings(&p, &standards)
        .into_iter()
        .map(|s| (s.line, s.behind))
        .collect();
    let scope = Scope {
        standing,
        title: tp.name.clone(),
        subtitle: p.t("voc-touchpoint-results"),
        base,
        employee: false,
        min_group: 1,
        touchpoint_link: None,
        survey_id: 0,
        // The touchpoint's answers say whether any of its surveys asked CES.
        asks_ces: false,
    };
    render(&state, p, scope, facts, q).await
}

/// The answers as CSV; times in the workspace's zone `zone`, named in their column's header.
pub(super) fn csv(facts: &[AnswerFact], filename: &str, zone: &str) -> Response {
    let tz = crate::kit::format::zone(zone);
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
    rows[0][1] = csv_zone_header("submitted_at", zone);
    let opt = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    for f in facts {
        rows.push(vec![
            f.response_id.to_string(),
            csv_datetime(&tz, f.submitted_at),
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
    Staff { user, .. }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let _tr = crate::kit::i18n::Tr::new(user.user.language);
    let ws = user.workspace.id;
    let survey = state.store.get_survey(ws, SurveyId(id)).await?;
    if survey.kind == SurveyKind::Employee {
        // Individual employee answers are never exported: they are anonymous.
        return Err(AppError::Forbidden);
    }
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Survey(survey.id))
        .await?;
    Ok(csv(
        &facts,
        &format!("survey-{id}-answers.csv"),
        &user.time_zone,
    ))
}

pub async fn touchpoint_csv(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let _tr = crate::kit::i18n::Tr::new(user.user.language);
    let ws = user.workspace.id;
    let known = state
        .store
        .all_touchpoints(ws)
        .await?
        .iter()
        .any(|t| t.id == TouchpointId(id));
    if !known {
        return Err(AppError::NotFound);
    }
    let facts = state
        .store
        .answer_facts(ws, ResultsScope::Touchpoint(TouchpointId(id)))
        .await?;
    Ok(csv(
        &facts,
        &format!("touchpoint-{id}-answers.csv"),
        &user.time_zone,
    ))
}
