//! The survey builder: the list of surveys, a new survey from a template or blank, the survey
//! page (staff see it; the owner edits settings, questions, options and their translations,
//! reorders, and takes the survey live or closes it). Plain forms, no JavaScript.

use super::{TpChoice, base_url, kind_label, load_survey, status_label, touchpoint_choices};
use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::{AppError, PageError};
use crate::pages::Page;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use kunde_domain::*;
use kunde_store::{SessionUser, SurveySummary};
use serde::Deserialize;

/// Notices a `done` parameter may name.
const NOTICES: [&str; 7] = [
    "survey-created",
    "survey-saved",
    "survey-question-added",
    "survey-question-saved",
    "survey-question-deleted",
    "survey-now-live",
    "survey-now-closed",
];

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

fn with_notice(mut p: Page, done: Option<&str>) -> Page {
    if let Some(d) = done.filter(|d| NOTICES.contains(d)) {
        p.notice = Some(p.t(d));
    }
    p
}

#[derive(Template)]
#[template(path = "surveys/list.html")]
struct ListPage {
    p: Page,
    surveys: Vec<SurveySummary>,
    touchpoints: Vec<TpChoice>,
    error: String,
}

impl ListPage {
    fn title(&self, s: &Survey) -> String {
        s.title.get(self.p.tr.lang(), s.default_language).to_owned()
    }

    fn kind(&self, s: &Survey) -> String {
        kind_label(&self.p, s.kind)
    }

    fn status(&self, s: &Survey) -> String {
        status_label(&self.p, s.status)
    }

    fn touchpoint(&self, s: &Survey) -> String {
        s.touchpoint_id
            .and_then(|id| self.touchpoints.iter().find(|t| t.id == id))
            .map(|t| t.label.clone())
            .unwrap_or_else(|| self.p.t("survey-no-touchpoint"))
    }

    fn templates(&self) -> Vec<(&'static str, String)> {
        SurveyTemplate::ALL
            .iter()
            .map(|t| (t.code(), self.p.t(&format!("survey-template-{}", t.code()))))
            .chain([("blank", self.p.t("survey-template-blank"))])
            .collect()
    }
}

pub async fn list(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    let p = Page::staff(&user, &csrf, "surveys", "/surveys");
    list_page(&state, p, &user, String::new()).await
}

async fn list_page(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    error: String,
) -> Result<Html<String>, PageError> {
    let ws = user.workspace.id;
    let surveys = state
        .store
        .list_surveys(ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let touchpoints = touchpoint_choices(state, ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let view = ListPage {
        p,
        surveys,
        touchpoints,
        error,
    };
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

#[derive(Deserialize)]
pub struct CreateForm {
    template: String,
    #[serde(default)]
    touchpoint_id: String,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<CreateForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "surveys", "/surveys");
    let ws = user.workspace.id;
    let touchpoint_id = f.touchpoint_id.parse::<i64>().ok().map(TouchpointId);
    let built = match SurveyTemplate::parse(&f.template) {
        Some(t) => t.build(),
        None if f.template == "blank" => TemplateSurvey {
            title: Texts::same(&p.t("survey-blank-title")),
            kind: SurveyKind::Customer,
            questions: Vec::new(),
        },
        None => return Err(p.err(AppError::BadRequest)),
    };
    let settings = SurveySettings {
        title: built.title,
        kind: built.kind,
        // Employee surveys are not about a customer touchpoint unless the owner says so.
        touchpoint_id,
        presentation: Presentation::OnePerScreen,
        fatigue_days: 30,
        reminder_days: 3,
        min_group_size: 5,
        default_language: user.workspace.default_language,
    };
    match state
        .store
        .create_survey(ws, &settings, &built.questions, state.now())
        .await
    {
        Ok(s) => {
            Ok(Redirect::to(&format!("/surveys/{}?done=survey-created", s.id)).into_response())
        }
        Err(kunde_store::StoreError::InvalidReference(_)) => {
            let error = p.t("survey-error-touchpoint");
            let html = list_page(&state, p, &user, error).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(e) => Err(p.err(e.into())),
    }
}

/// The settings form as typed.
#[derive(Deserialize, Default, Clone)]
pub struct SettingsForm {
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_da: String,
    #[serde(default)]
    title_sv: String,
    #[serde(default)]
    title_tl: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    touchpoint_id: String,
    #[serde(default)]
    presentation: String,
    #[serde(default)]
    fatigue_days: String,
    #[serde(default)]
    reminder_days: String,
    #[serde(default)]
    min_group_size: String,
    #[serde(default)]
    default_language: String,
}

impl SettingsForm {
    fn from_survey(s: &Survey) -> Self {
        Self {
            title_en: s.title.en.clone(),
            title_da: s.title.da.clone(),
            title_sv: s.title.sv.clone(),
            title_tl: s.title.tl.clone(),
            kind: s.kind.code().into(),
            touchpoint_id: s.touchpoint_id.map(|t| t.0.to_string()).unwrap_or_default(),
            presentation: s.presentation.code().into(),
            fatigue_days: s.fatigue_days.to_string(),
            reminder_days: s.reminder_days.to_string(),
            min_group_size: s.min_group_size.to_string(),
            default_language: s.default_language.code().into(),
        }
    }

    /// The settings, or the reason they were refused in the owner's language.
    fn parse(&self, tr: crate::i18n::Tr) -> Result<SurveySettings, String> {
        let number = |s: &str| {
            s.trim()
                .parse::<i64>()
                .map_err(|_| tr.t("survey-error-number"))
        };
        let settings = SurveySettings {
            title: Texts::new(
                self.title_en.trim(),
                self.title_da.trim(),
                self.title_sv.trim(),
                self.title_tl.trim(),
            ),
            kind: SurveyKind::parse(&self.kind).ok_or_else(|| tr.t("error-bad-request"))?,
            touchpoint_id: self.touchpoint_id.parse::<i64>().ok().map(TouchpointId),
            presentation: Presentation::parse(&self.presentation)
                .ok_or_else(|| tr.t("error-bad-request"))?,
            fatigue_days: number(&self.fatigue_days)?,
            reminder_days: number(&self.reminder_days)?,
            min_group_size: number(&self.min_group_size)?,
            default_language: Language::parse(&self.default_language)
                .map_err(|_| tr.t("error-bad-request"))?,
        };
        settings.validate().map_err(|e| {
            let max = match e {
                SurveyError::Days { max } => max,
                _ => 0,
            };
            tr.t_args(e.message_key(), &[("max", &max.to_string())])
        })?;
        Ok(settings)
    }
}

/// The question form as typed: texts per language, options one per line per language.
#[derive(Deserialize, Default, Clone)]
pub struct QuestionForm {
    #[serde(default)]
    kind: String,
    required: Option<String>,
    #[serde(default)]
    rating_max: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    text_da: String,
    #[serde(default)]
    text_sv: String,
    #[serde(default)]
    text_tl: String,
    #[serde(default)]
    options_en: String,
    #[serde(default)]
    options_da: String,
    #[serde(default)]
    options_sv: String,
    #[serde(default)]
    options_tl: String,
}

impl QuestionForm {
    fn blank() -> Self {
        Self {
            kind: "nps".into(),
            required: Some("on".into()),
            rating_max: "5".into(),
            ..Default::default()
        }
    }

    fn from_question(q: &Question) -> Self {
        let lines = |lang: Language| {
            q.options
                .iter()
                .map(|o| o.text.raw(lang))
                .collect::<Vec<_>>()
                .join("\n")
        };
        Self {
            kind: q.kind.code().into(),
            required: q.required.then(|| "on".into()),
            rating_max: q.rating_max.to_string(),
            text_en: q.text.en.clone(),
            text_da: q.text.da.clone(),
            text_sv: q.text.sv.clone(),
            text_tl: q.text.tl.clone(),
            options_en: lines(Language::En),
            options_da: lines(Language::Da),
            options_sv: lines(Language::Sv),
            options_tl: lines(Language::Tl),
        }
    }

    /// The options, row by row: line N of each language's box is option N.
    fn options(&self) -> Vec<Texts> {
        let split = |s: &str| {
            s.lines()
                .map(str::trim)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        let columns = [
            split(&self.options_en),
            split(&self.options_da),
            split(&self.options_sv),
            split(&self.options_tl),
        ];
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        (0..rows)
            .map(|i| {
                let cell = |c: usize| columns[c].get(i).map_or("", String::as_str);
                Texts::new(cell(0), cell(1), cell(2), cell(3))
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn parse(&self) -> Result<NewQuestion, &'static str> {
        let kind = QuestionKind::parse(&self.kind).ok_or("error-bad-request")?;
        let mut q = NewQuestion::new(
            kind,
            Texts::new(
                self.text_en.trim(),
                self.text_da.trim(),
                self.text_sv.trim(),
                self.text_tl.trim(),
            ),
        );
        q.required = self.required.is_some();
        q.rating_max = if kind == QuestionKind::Rating {
            self.rating_max
                .trim()
                .parse()
                .map_err(|_| "survey-error-rating-scale")?
        } else {
            5
        };
        q.options = self.options();
        q.validate().map_err(|e| e.message_key())?;
        Ok(q)
    }

    fn is_required(&self) -> bool {
        self.required.is_some()
    }
}

#[derive(Template)]
#[template(path = "surveys/show.html")]
struct ShowPage {
    p: Page,
    survey: Survey,
    questions: Vec<Question>,
    touchpoints: Vec<TpChoice>,
    responses: i64,
    public_url: String,
    base: String,
    settings: SettingsForm,
    settings_error: String,
    /// The add-question form.
    f: QuestionForm,
    question_error: String,
    status_error: String,
}

impl ShowPage {
    fn title(&self) -> String {
        self.survey
            .title
            .get(self.p.tr.lang(), self.survey.default_language)
            .to_owned()
    }

    fn text(&self, t: &Texts) -> String {
        t.get(self.p.tr.lang(), self.survey.default_language)
            .to_owned()
    }

    fn status(&self) -> String {
        status_label(&self.p, self.survey.status)
    }

    fn kind(&self) -> String {
        kind_label(&self.p, self.survey.kind)
    }

    fn question_kind(&self, k: &QuestionKind) -> String {
        self.p.t(&format!("survey-kind-{}", k.code()))
    }

    fn question_kinds(&self) -> Vec<(&'static str, String)> {
        QuestionKind::ALL
            .iter()
            .map(|k| (k.code(), self.p.t(&format!("survey-kind-{}", k.code()))))
            .collect()
    }

    fn touchpoint_name(&self) -> String {
        self.survey
            .touchpoint_id
            .and_then(|id| self.touchpoints.iter().find(|t| t.id == id))
            .map(|t| t.label.clone())
            .unwrap_or_else(|| self.p.t("survey-no-touchpoint"))
    }

    fn is_live(&self) -> bool {
        self.survey.status == SurveyStatus::Live
    }

    fn is_draft(&self) -> bool {
        self.survey.status == SurveyStatus::Draft
    }

    /// What a site owner pastes into a page to show the widget.
    fn snippet(&self) -> String {
        format!(
            "<script src=\"{}/w.js\" data-survey=\"{}\" async></script>",
            self.base, self.survey.token
        )
    }

    fn iframe(&self) -> String {
        format!(
            "<iframe src=\"{}/s/{}/embed\" title=\"{}\" style=\"border:0;width:100%;height:420px\"></iframe>",
            self.base,
            self.survey.token,
            self.title().replace('"', "&quot;").replace('<', "&lt;")
        )
    }

    fn languages(&self) -> [Language; 4] {
        Language::ALL
    }
}

#[allow(clippy::too_many_arguments)]
async fn show_page(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    headers: &HeaderMap,
    survey: Survey,
    settings: Option<SettingsForm>,
    settings_error: String,
    question: Option<QuestionForm>,
    question_error: String,
    status_error: String,
) -> Result<Html<String>, PageError> {
    let ws = user.workspace.id;
    let questions = state
        .store
        .survey_questions(ws, survey.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let touchpoints = touchpoint_choices(state, ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let responses = state
        .store
        .count_responses(ws, survey.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let base = base_url(state, headers);
    let view = ShowPage {
        public_url: format!("{base}/s/{}", survey.token),
        base,
        settings: settings.unwrap_or_else(|| SettingsForm::from_survey(&survey)),
        settings_error,
        f: question.unwrap_or_else(QuestionForm::blank),
        question_error,
        status_error,
        p,
        survey,
        questions,
        touchpoints,
        responses,
    };
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

pub async fn show(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Html<String>, PageError> {
    let p = with_notice(
        Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}")),
        done.done.as_deref(),
    );
    let survey = load_survey(&state, &p, &user, id).await?;
    show_page(
        &state,
        p,
        &user,
        &headers,
        survey,
        None,
        String::new(),
        None,
        String::new(),
        String::new(),
    )
    .await
}

pub async fn save_settings(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &p, &user, id).await?;
    let error = match f.parse(p.tr) {
        Ok(settings) => match state
            .store
            .update_survey(user.workspace.id, survey.id, &settings)
            .await
        {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/surveys/{id}?done=survey-saved")).into_response()
                );
            }
            Err(kunde_store::StoreError::InvalidReference(_)) => p.t("survey-error-touchpoint"),
            Err(e) => return Err(p.err(e.into())),
        },
        Err(message) => message,
    };
    let html = show_page(
        &state,
        p,
        &user,
        &headers,
        survey,
        Some(f),
        error,
        None,
        String::new(),
        String::new(),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

#[derive(Deserialize)]
pub struct StatusForm {
    status: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<StatusForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &p, &user, id).await?;
    let status = SurveyStatus::parse(&f.status).ok_or_else(|| p.err(AppError::BadRequest))?;
    if status == SurveyStatus::Live {
        let questions = state
            .store
            .survey_questions(user.workspace.id, survey.id)
            .await
            .map_err(|e| p.err(e.into()))?;
        if let Err(e) = survey.ready(&questions) {
            let error = p.t(e.message_key());
            let html = show_page(
                &state,
                p,
                &user,
                &headers,
                survey,
                None,
                String::new(),
                None,
                String::new(),
                error,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    }
    state
        .store
        .set_survey_status(user.workspace.id, survey.id, status)
        .await
        .map_err(|e| p.err(e.into()))?;
    let done = match status {
        SurveyStatus::Live => "survey-now-live",
        SurveyStatus::Closed => "survey-now-closed",
        SurveyStatus::Draft => "survey-saved",
    };
    Ok(Redirect::to(&format!("/surveys/{id}?done={done}")).into_response())
}

pub async fn add_question(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<QuestionForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &p, &user, id).await?;
    match f.parse() {
        Ok(q) => {
            let qid = state
                .store
                .add_question(user.workspace.id, survey.id, &q)
                .await
                .map_err(|e| p.err(e.into()))?;
            Ok(
                Redirect::to(&format!("/surveys/{id}?done=survey-question-added#q-{qid}"))
                    .into_response(),
            )
        }
        Err(key) => {
            let error = p.t(key);
            let html = show_page(
                &state,
                p,
                &user,
                &headers,
                survey,
                None,
                String::new(),
                Some(f),
                error,
                String::new(),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "surveys/question.html")]
struct QuestionPage {
    p: Page,
    survey: Survey,
    question: Question,
    f: QuestionForm,
    error: String,
}

impl QuestionPage {
    fn title(&self) -> String {
        self.survey
            .title
            .get(self.p.tr.lang(), self.survey.default_language)
            .to_owned()
    }

    fn question_kind(&self) -> String {
        self.p
            .t(&format!("survey-kind-{}", self.question.kind.code()))
    }
}

async fn find_question(
    state: &AppState,
    p: &Page,
    user: &SessionUser,
    survey: &Survey,
    qid: i64,
) -> Result<Question, PageError> {
    state
        .store
        .survey_questions(user.workspace.id, survey.id)
        .await
        .map_err(|e| p.err(e.into()))?
        .into_iter()
        .find(|q| q.id.0 == qid)
        .ok_or_else(|| p.err(AppError::NotFound))
}

pub async fn question_form(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, qid)): Path<(i64, i64)>,
) -> Result<Html<String>, PageError> {
    let p = Page::staff(
        &user,
        &csrf,
        "surveys",
        &format!("/surveys/{id}/questions/{qid}"),
    );
    let survey = load_survey(&state, &p, &user, id).await?;
    let question = find_question(&state, &p, &user, &survey, qid).await?;
    let view = QuestionPage {
        f: QuestionForm::from_question(&question),
        p,
        survey,
        question,
        error: String::new(),
    };
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

pub async fn save_question(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, qid)): Path<(i64, i64)>,
    Form(mut f): Form<QuestionForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(
        &user,
        &csrf,
        "surveys",
        &format!("/surveys/{id}/questions/{qid}"),
    );
    let survey = load_survey(&state, &p, &user, id).await?;
    let question = find_question(&state, &p, &user, &survey, qid).await?;
    // The kind of a question never changes: its answers are stored in that kind's shape.
    f.kind = question.kind.code().into();
    match f.parse() {
        Ok(q) => {
            state
                .store
                .update_question(user.workspace.id, survey.id, question.id, &q)
                .await
                .map_err(|e| p.err(e.into()))?;
            Ok(
                Redirect::to(&format!("/surveys/{id}?done=survey-question-saved#q-{qid}"))
                    .into_response(),
            )
        }
        Err(key) => {
            let view = QuestionPage {
                error: p.t(key),
                p,
                survey,
                question,
                f,
            };
            let html = view.render().map_err(|e| view.p.err(e.into()))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    direction: String,
}

pub async fn move_question(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, qid)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &p, &user, id).await?;
    state
        .store
        .move_question(
            user.workspace.id,
            survey.id,
            QuestionId(qid),
            f.direction == "up",
        )
        .await
        .map_err(|e| p.err(e.into()))?;
    Ok(Redirect::to(&format!("/surveys/{id}#q-{qid}")).into_response())
}

pub async fn delete_question(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, qid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &p, &user, id).await?;
    state
        .store
        .delete_question(user.workspace.id, survey.id, QuestionId(qid))
        .await
        .map_err(|e| p.err(e.into()))?;
    Ok(Redirect::to(&format!("/surveys/{id}?done=survey-question-deleted")).into_response())
}
