//! The survey builder: the list of surveys, a new survey from a template or blank, the survey
//! page (staff see it; the owner edits settings, questions, options and their translations,
//! reorders, and takes the survey live or closes it). Plain forms, no JavaScript.

use super::common::{
    TpChoice, base_url, kind_label, load_survey, status_label, touchpoint_choices,
};
use super::questions::QuestionForm;
use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{SessionUser, SurveySummary};
use serde::Deserialize;

/// Notices a `done` parameter may name.
pub(super) struct SurveyNotices;

impl Notices for SurveyNotices {
    const KEYS: &'static [&'static str] = &[
        "survey-created",
        "survey-saved",
        "survey-question-added",
        "survey-question-saved",
        "survey-question-deleted",
        "survey-now-live",
        "survey-now-closed",
    ];
}

#[derive(Template)]
#[template(path = "surveys/list.html")]
pub(super) struct ListPage {
    pub(super) p: Page,
    pub(super) surveys: Vec<SurveySummary>,
    pub(super) touchpoints: Vec<TpChoice>,
    pub(super) error: String,
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
    Staff { user, csrf }: Staff,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", "/surveys");
    list_page(&state, p, &user, String::new()).await
}

pub(super) async fn list_page(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    error: String,
) -> Result<Html<String>, AppError> {
    let ws = user.workspace.id;
    let surveys = state.store.list_surveys(ws).await?;
    let touchpoints = touchpoint_choices(state, ws).await?;
    let view = ListPage {
        p,
        surveys,
        touchpoints,
        error,
    };
    view.render().map(Html).map_err(AppError::from)
}

#[derive(Deserialize)]
pub struct CreateForm {
    pub(super) template: String,
    #[serde(default)]
    pub(super) touchpoint_id: String,
}

pub async fn create(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<CreateForm>,
) -> Result<Response, AppError> {
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
        None => return Err(AppError::BadRequest),
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
        Err(e) => Err(e.into()),
    }
}

/// The settings form as typed.
#[derive(Deserialize, Default, Clone)]
pub struct SettingsForm {
    #[serde(default)]
    pub(super) title_en: String,
    #[serde(default)]
    pub(super) title_da: String,
    #[serde(default)]
    pub(super) title_sv: String,
    #[serde(default)]
    pub(super) title_tl: String,
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) touchpoint_id: String,
    #[serde(default)]
    pub(super) presentation: String,
    #[serde(default)]
    pub(super) fatigue_days: String,
    #[serde(default)]
    pub(super) reminder_days: String,
    #[serde(default)]
    pub(super) min_group_size: String,
    #[serde(default)]
    pub(super) default_language: String,
    /// "May we contact you?" after a low score on the public link (a checkbox).
    #[serde(default)]
    pub(super) ask_contact: Option<String>,
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
            ask_contact: None,
        }
    }

    /// The settings, or the reason they were refused in the owner's language.
    fn parse(&self, tr: crate::kit::i18n::Tr) -> Result<SurveySettings, String> {
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

#[derive(Template)]
#[template(path = "surveys/show.html")]
pub(super) struct ShowPage {
    pub(super) p: Page,
    pub(super) survey: Survey,
    pub(super) questions: Vec<Question>,
    pub(super) touchpoints: Vec<TpChoice>,
    pub(super) responses: i64,
    pub(super) public_url: String,
    pub(super) base: String,
    pub(super) settings: SettingsForm,
    pub(super) settings_error: String,
    /// The add-question form.
    pub(super) f: QuestionForm,
    pub(super) question_error: String,
    pub(super) status_error: String,
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
pub(super) async fn show_page(
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
) -> Result<Html<String>, AppError> {
    let ws = user.workspace.id;
    let questions = state.store.survey_questions(ws, survey.id).await?;
    let touchpoints = touchpoint_choices(state, ws).await?;
    let responses = state.store.count_responses(ws, survey.id).await?;
    let base = base_url(state, headers);
    let settings = match settings {
        Some(s) => s,
        None => SettingsForm {
            ask_contact: state
                .store
                .survey_asks_contact(ws, survey.id)
                .await?
                .then(|| "on".to_owned()),
            ..SettingsForm::from_survey(&survey)
        },
    };
    let view = ShowPage {
        public_url: format!("{base}/s/{}", survey.token),
        base,
        settings,
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
    view.render().map(Html).map_err(AppError::from)
}

pub async fn show(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    done: Notice<SurveyNotices>,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}")).with_notice(done.key());
    let survey = load_survey(&state, &user, id).await?;
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
    Staff { user, csrf }: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &user, id).await?;
    let error = match f.parse(p.tr) {
        Ok(settings) => match state
            .store
            .update_survey(user.workspace.id, survey.id, &settings)
            .await
        {
            Ok(_) => {
                state
                    .store
                    .set_survey_ask_contact(user.workspace.id, survey.id, f.ask_contact.is_some())
                    .await?;
                return Ok(
                    Redirect::to(&format!("/surveys/{id}?done=survey-saved")).into_response()
                );
            }
            Err(kunde_store::StoreError::InvalidReference(_)) => p.t("survey-error-touchpoint"),
            Err(e) => return Err(e.into()),
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
    pub(super) status: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<StatusForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &user, id).await?;
    let status = SurveyStatus::parse(&f.status).ok_or_else(|| AppError::BadRequest)?;
    if status == SurveyStatus::Live {
        let questions = state
            .store
            .survey_questions(user.workspace.id, survey.id)
            .await?;
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
        .await?;
    let done = match status {
        SurveyStatus::Live => "survey-now-live",
        SurveyStatus::Closed => "survey-now-closed",
        SurveyStatus::Draft => "survey-saved",
    };
    Ok(Redirect::to(&format!("/surveys/{id}?done={done}")).into_response())
}

pub async fn add_question(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<QuestionForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &user, id).await?;
    match f.parse() {
        Ok(q) => {
            let qid = state
                .store
                .add_question(user.workspace.id, survey.id, &q)
                .await?;
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
