//! Journeys: the list, one journey's stages and touchpoints, and creating both. (The map as a
//! picture and the journey analytics come with their own capability.)

use super::{FieldErrors, Page};
use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::{AppError, PageError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use kunde_domain::*;
use kunde_store::SessionUser;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "journeys.html")]
struct ListPage {
    p: Page,
    journeys: Vec<Journey>,
    f: JourneyForm,
    errors: FieldErrors,
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
    name: String,
    description: String,
    variant: String,
    #[serde(default)]
    counterpart_of: String,
    #[serde(default)]
    parent_id: String,
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Query(done): Query<Done>,
) -> Result<Html<String>, PageError> {
    let p = Page::staff(&user, &csrf, "journeys", "/journeys").with_notice(done.done.as_deref());
    let journeys = state
        .store
        .list_journeys(user.workspace.id)
        .await
        .map_err(|e| p.err(e.into()))?;
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
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

fn optional_id(s: &str) -> Result<Option<JourneyId>, ()> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse().map(|id| Some(JourneyId(id))).map_err(|_| ())
    }
}

pub async fn create(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<JourneyForm>,
) -> Result<Response, PageError> {
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
        return Err(p.err(AppError::BadRequest));
    };
    let Some(name) = name else {
        let journeys = state
            .store
            .list_journeys(ws)
            .await
            .map_err(|e| p.err(e.into()))?;
        let view = ListPage {
            p,
            journeys,
            f,
            errors,
        };
        let html = view.render().map_err(|e| view.p.err(e.into()))?;
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
        .await
        .map_err(|e| p.err(e.into()))?;
    Ok(Redirect::to(&format!("/journeys/{}?done=journey-created", j.id)).into_response())
}

/// A stage with its touchpoints, for the template.
struct Column {
    stage: Stage,
    touchpoints: Vec<Touchpoint>,
}

#[derive(Template)]
#[template(path = "journey.html")]
struct ShowPage {
    p: Page,
    j: Journey,
    columns: Vec<Column>,
    users: Vec<User>,
    related: Vec<Journey>,
    f: TouchpointForm,
    errors: FieldErrors,
}

impl ShowPage {
    fn owner_name(&self, id: &Option<UserId>) -> String {
        id.and_then(|id| self.users.iter().find(|u| u.id == id))
            .map_or_else(|| self.p.t("tp-nobody"), |u| u.name.clone())
    }

    fn channels(&self) -> [Channel; 8] {
        Channel::ALL
    }
}

#[derive(Deserialize, Default)]
pub struct TouchpointForm {
    stage_id: String,
    name: String,
    channel: String,
    #[serde(default)]
    digital: Option<String>,
    #[serde(default)]
    not_owned: Option<String>,
    #[serde(default)]
    owner_id: String,
    #[serde(default)]
    customer_goal: String,
    #[serde(default)]
    pain_points: String,
    #[serde(default)]
    ideas: String,
}

async fn show_page(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    id: JourneyId,
    f: TouchpointForm,
    errors: FieldErrors,
) -> Result<ShowPage, PageError> {
    let ws = user.workspace.id;
    let j = state
        .store
        .get_journey(ws, id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let stages = state
        .store
        .list_stages(ws, j.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let mut touchpoints = state
        .store
        .list_touchpoints(ws, j.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let columns = stages
        .into_iter()
        .map(|stage| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                touchpoints.drain(..).partition(|t| t.stage_id == stage.id);
            touchpoints = rest;
            Column {
                stage,
                touchpoints: mine,
            }
        })
        .collect();
    let users = state
        .store
        .list_users(ws)
        .await
        .map_err(|e| p.err(e.into()))?;
    let related = state
        .store
        .list_journeys(ws)
        .await
        .map_err(|e| p.err(e.into()))?
        .into_iter()
        .filter(|o| {
            o.id != j.id
                && (o.counterpart_of == Some(j.id)
                    || o.parent_id == Some(j.id)
                    || j.counterpart_of == Some(o.id)
                    || j.parent_id == Some(o.id))
        })
        .collect();
    Ok(ShowPage {
        p,
        j,
        columns,
        users,
        related,
        f,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Html<String>, PageError> {
    let p = Page::staff(&user, &csrf, "journeys", &format!("/journeys/{id}"))
        .with_notice(done.done.as_deref());
    let f = TouchpointForm {
        channel: "web".into(),
        ..Default::default()
    };
    let view = show_page(&state, p, &user, JourneyId(id), f, FieldErrors::default()).await?;
    view.render().map(Html).map_err(|e| view.p.err(e.into()))
}

pub async fn add_touchpoint(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<TouchpointForm>,
) -> Result<Response, PageError> {
    let p = Page::staff(&user, &csrf, "journeys", &format!("/journeys/{id}"));
    let ws = user.workspace.id;
    let journey = state
        .store
        .get_journey(ws, JourneyId(id))
        .await
        .map_err(|e| p.err(e.into()))?;
    let stages = state
        .store
        .list_stages(ws, journey.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let stage = f
        .stage_id
        .parse::<i64>()
        .ok()
        .and_then(|s| stages.iter().find(|st| st.id.0 == s));
    let owner = match f.owner_id.trim() {
        "" => None,
        s => Some(
            s.parse::<i64>()
                .map(UserId)
                .map_err(|_| p.err(AppError::BadRequest))?,
        ),
    };
    let mut errors = FieldErrors::default();
    let name = errors.check(p.tr, "name", "tp-name", NonEmpty::parse("name", &f.name));
    let channel = errors.check(p.tr, "channel", "tp-channel", Channel::parse(&f.channel));
    let (Some(stage), Some(name), Some(channel)) = (stage, name, channel) else {
        if stage.is_none() {
            return Err(p.err(AppError::BadRequest));
        }
        let view = show_page(&state, p, &user, journey.id, f, errors).await?;
        let html = view.render().map_err(|e| view.p.err(e.into()))?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    };
    let new = NewTouchpoint {
        stage_id: stage.id,
        name,
        channel,
        digital: f.digital.is_some(),
        owned: f.not_owned.is_none(),
        owner_id: owner,
        customer_goal: f.customer_goal.trim().to_owned(),
        pain_points: f.pain_points.trim().to_owned(),
        ideas: f.ideas.trim().to_owned(),
    };
    state
        .store
        .create_touchpoint(ws, &new)
        .await
        .map_err(|e| p.err(e.into()))?;
    Ok(Redirect::to(&format!("/journeys/{id}?done=tp-added")).into_response())
}
