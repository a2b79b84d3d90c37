//! Editing a survey's questions (owner only): the question form in every language, its
//! options, moving a question up or down and deleting it.

use super::common::load_survey;
use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::SessionUser;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "surveys/question.html")]
pub(super) struct QuestionPage {
    pub(super) p: Page,
    pub(super) survey: Survey,
    pub(super) question: Question,
    pub(super) f: QuestionForm,
    pub(super) error: String,
}

impl QuestionPage {
    pub(super) fn title(&self) -> String {
        self.survey
            .title
            .get(self.p.tr.lang(), self.survey.default_language)
            .to_owned()
    }

    pub(super) fn question_kind(&self) -> String {
        self.p
            .t(&format!("survey-kind-{}", self.question.kind.code()))
    }
}

pub(super) async fn find_question(
    state: &AppState,
    _p: &Page,
    user: &SessionUser,
    survey: &Survey,
    qid: i64,
) -> Result<Question, AppError> {
    state
        .store
        .survey_questions(user.workspace.id, survey.id)
        .await?
        .into_iter()
        .find(|q| q.id.0 == qid)
        .ok_or_else(|| AppError::NotFound)
}

pub async fn question_form(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, qid)): Path<(i64, i64)>,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(
        &user,
        &csrf,
        "surveys",
        &format!("/surveys/{id}/questions/{qid}"),
    );
    let survey = load_survey(&state, &user, id).await?;
    let question = find_question(&state, &p, &user, &survey, qid).await?;
    let view = QuestionPage {
        f: QuestionForm::from_question(&question),
        p,
        survey,
        question,
        error: String::new(),
    };
    view.render().map(Html).map_err(AppError::from)
}

pub async fn save_question(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, qid)): Path<(i64, i64)>,
    Form(mut f): Form<QuestionForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(
        &user,
        &csrf,
        "surveys",
        &format!("/surveys/{id}/questions/{qid}"),
    );
    let survey = load_survey(&state, &user, id).await?;
    let question = find_question(&state, &p, &user, &survey, qid).await?;
    // The kind of a question never changes: its answers are stored in that kind's shape.
    f.kind = question.kind.code().into();
    match f.parse() {
        Ok(q) => {
            state
                .store
                .update_question(user.workspace.id, survey.id, question.id, &q)
                .await?;
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
            let html = view.render()?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    pub(super) direction: String,
}

pub async fn move_question(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, qid)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    let _p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &user, id).await?;
    state
        .store
        .move_question(
            user.workspace.id,
            survey.id,
            QuestionId(qid),
            f.direction == "up",
        )
        .await?;
    Ok(Redirect::to(&format!("/surveys/{id}#q-{qid}")).into_response())
}

pub async fn delete_question(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, qid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let _p = Page::staff(&user, &csrf, "surveys", &format!("/surveys/{id}"));
    let survey = load_survey(&state, &user, id).await?;
    state
        .store
        .delete_question(user.workspace.id, survey.id, QuestionId(qid))
        .await?;
    Ok(Redirect::to(&format!("/surveys/{id}?done=survey-question-deleted")).into_response())
}

/// The question form as typed: texts per language, options one per line per language.
#[derive(Deserialize, Default, Clone)]
pub struct QuestionForm {
    #[serde(default)]
    pub(super) kind: String,
    pub(super) required: Option<String>,
    #[serde(default)]
    pub(super) rating_max: String,
    #[serde(default)]
    pub(super) text_en: String,
    #[serde(default)]
    pub(super) text_da: String,
    #[serde(default)]
    pub(super) text_sv: String,
    #[serde(default)]
    pub(super) text_tl: String,
    #[serde(default)]
    pub(super) options_en: String,
    #[serde(default)]
    pub(super) options_da: String,
    #[serde(default)]
    pub(super) options_sv: String,
    #[serde(default)]
    pub(super) options_tl: String,
}

impl QuestionForm {
    pub(super) fn blank() -> Self {
        Self {
            kind: "nps".into(),
            required: Some("on".into()),
            rating_max: "5".into(),
            ..Default::default()
        }
    }

    pub(super) fn from_question(q: &Question) -> Self {
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
    pub(super) fn options(&self) -> Vec<Texts> {
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

    pub(super) fn parse(&self) -> Result<NewQuestion, &'static str> {
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

    pub(super) fn is_required(&self) -> bool {
        self.required.is_some()
    }
}
