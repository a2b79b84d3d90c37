//! The list of journeys and creating a journey with its default stages.

use super::notices::{JourneyNotices, notice};
use crate::kit::error::AppError;
use crate::kit::extract::Notice;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "journeys.html")]
pub(super) struct ListPage {
    pub(super) p: Page,
    pub(super) journeys: Vec<Journey>,
    pub(super) f: JourneyForm,
    pub(super) errors: FieldErrors,
}

impl ListPage {
    fn name_of(&self, id: &Option<JourneyId>) -> String {
        id.and_then(|id| self.journeys.iter().find(|j| j.id == id))
            .map(|j| j.name.clone())
            .unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
pub struct JourneyForm {
    pub(super) name: String,
    pub(super) description: String,
    pub(super) variant: String,
    #[serde(default)]
    pub(super) counterpart_of: String,
    #[serde(default)]
    pub(super) parent_id: String,
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<JourneyNotices>,
) -> Result<Html<String>, AppError> {
    let p = notice(
        Page::staff(&user, &csrf, "journeys", "/journeys"),
        done.key(),
    );
    let journeys = state.store.list_journeys(user.workspace.id).await?;
    let f = JourneyForm {
        variant: "as_is".into(),
        ..Default::default()
    };
    let view = ListPage {
        p,
        journeys,
        f,
        errors: FieldErrors::default(),
    };
    view.render().map(Html).map_err(AppError::from)
}

pub(super) fn optional_id(s: &str) -> Result<Option<JourneyId>, ()> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse().map(|id| Some(JourneyId(id))).map_err(|_| ())
    }
}

pub async fn create(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<JourneyForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "journeys", "/journeys");
    let ws = user.workspace.id;
    let mut errors = FieldErrors::default();
    let name = errors.check(
        p.tr,
        "name",
        "journey-name",
        NonEmpty::parse("name", &f.name),
    );
    let variant = JourneyVariant::parse(&f.variant);
    let (Ok(counterpart_of), Ok(parent_id), Some(variant)) = (
        optional_id(&f.counterpart_of),
        optional_id(&f.parent_id),
        variant,
    ) else {
        return Err(AppError::BadRequest);
    };
    let Some(name) = name else {
        let journeys = state.store.list_journeys(ws).await?;
        let view = ListPage {
            p,
            journeys,
            f,
            errors,
        };
        let html = view.render()?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    };
    let new = NewJourney {
        name,
        description: f.description.trim().to_owned(),
        variant,
        counterpart_of,
        parent_id,
    };
    let stages: Vec<String> = DEFAULT_STAGES
        .iter()
        .map(|s| p.t(&format!("stage-{}", s.to_lowercase())))
        .collect();
    let stage_refs: Vec<&str> = stages.iter().map(String::as_str).collect();
    let j = state
        .store
        .create_journey(ws, &new, &stage_refs, state.now())
        .await?;
    Ok(Redirect::to(&format!("/journeys/{}?done=journey-created", j.id)).into_response())
}
