//! Editing one touchpoint of a journey map (owner only): every field, moving it to another
//! stage, reordering and deleting it (after a confirmation that says what goes with it).

use super::edit::*;
use super::map_page::*;
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{DeletionImpact, Move};

#[derive(Template)]
#[template(path = "journey_touchpoint.html")]
pub(super) struct TouchpointPage {
    pub(super) p: Page,
    pub(super) l: Loaded,
    pub(super) tp: Touchpoint,
    pub(super) f: TouchpointForm,
    pub(super) errors: FieldErrors,
    /// For a to-be journey: the as-is touchpoints this one may redesign.
    pub(super) as_is: Vec<Touchpoint>,
}

/// The touchpoints of the as-is journey a to-be journey redesigns (none for other journeys).
pub(super) async fn as_is_touchpoints(
    state: &AppState,
    ws: WorkspaceId,
    j: &Journey,
) -> Result<Vec<Touchpoint>, AppError> {
    match j
        .counterpart_of
        .filter(|_| j.variant == JourneyVariant::ToBe)
    {
        Some(source) => match state.store.list_touchpoints(ws, source).await {
            Ok(t) => Ok(t),
            Err(kunde_store::StoreError::NotFound) => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        },
        None => Ok(Vec::new()),
    }
}

impl TouchpointPage {
    fn channels(&self) -> [Channel; 8] {
        Channel::ALL
    }
}

pub async fn touchpoint_form(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, tid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = ctx(
        &user,
        &csrf,
        format!("/journeys/{id}/touchpoints/{tid}/edit"),
    );
    let l = load(&state, c.ws, JourneyId(id)).await?;
    let tp = l
        .touchpoints
        .iter()
        .find(|t| t.id.0 == tid)
        .cloned()
        .ok_or_else(|| AppError::NotFound)?;
    let f = TouchpointForm {
        stage_id: tp.stage_id.to_string(),
        name: tp.name.clone(),
        channel: tp.channel.code().to_owned(),
        digital: tp.digital.then(|| "on".to_owned()),
        not_owned: (!tp.owned).then(|| "on".to_owned()),
        owner_id: tp.owner_id.map(|o| o.to_string()).unwrap_or_default(),
        customer_goal: tp.customer_goal.clone(),
        pain_points: tp.pain_points.clone(),
        ideas: tp.ideas.clone(),
        counterpart_id: l
            .counterpart_of(tp.id)
            .map(|c| c.to_string())
            .unwrap_or_default(),
    };
    let as_is = as_is_touchpoints(&state, c.ws, &l.j).await?;
    let view = TouchpointPage {
        p: c.p,
        l,
        tp,
        f,
        errors: FieldErrors::default(),
        as_is,
    };
    render(&view, StatusCode::OK)
}

/// Reads a touchpoint form into a [`NewTouchpoint`], or the field errors. A stage or owner
/// that is not one of the offered choices is a bad request, not a field error: the form
/// only offers valid ones.
pub(super) fn parse_touchpoint(
    p: &Page,
    f: &TouchpointForm,
    stages: &[Stage],
    errors: &mut FieldErrors,
) -> Result<Option<NewTouchpoint>, AppError> {
    let stage = f
        .stage_id
        .parse::<i64>()
        .ok()
        .and_then(|s| stages.iter().find(|st| st.id.0 == s))
        .ok_or(AppError::BadRequest)?;
    let owner_id = match f.owner_id.trim() {
        "" => None,
        s => Some(
            s.parse::<i64>()
                .map(UserId)
                .map_err(|_| AppError::BadRequest)?,
        ),
    };
    let name = errors.check(p.tr, "name", "tp-name", NonEmpty::parse("name", &f.name));
    let channel = errors.check(p.tr, "channel", "tp-channel", Channel::parse(&f.channel));
    let (Some(name), Some(channel)) = (name, channel) else {
        return Ok(None);
    };
    Ok(Some(NewTouchpoint {
        stage_id: stage.id,
        name,
        channel,
        digital: f.digital.is_some(),
        owned: f.not_owned.is_none(),
        owner_id,
        customer_goal: f.customer_goal.trim().to_owned(),
        pain_points: f.pain_points.trim().to_owned(),
        ideas: f.ideas.trim().to_owned(),
    }))
}

pub async fn update_touchpoint(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, tid)): Path<(i64, i64)>,
    Form(f): Form<TouchpointForm>,
) -> Result<Response, AppError> {
    let c = ctx(
        &user,
        &csrf,
        format!("/journeys/{id}/touchpoints/{tid}/edit"),
    );
    let l = load(&state, c.ws, JourneyId(id)).await?;
    let tp = l
        .touchpoints
        .iter()
        .find(|t| t.id.0 == tid)
        .cloned()
        .ok_or_else(|| AppError::NotFound)?;
    let as_is = as_is_touchpoints(&state, c.ws, &l.j).await?;
    let counterpart = match f.counterpart_id.trim() {
        "" => None,
        s => Some(
            s.parse::<i64>()
                .ok()
                .and_then(|s| as_is.iter().find(|t| t.id.0 == s))
                .map(|t| t.id)
                .ok_or_else(|| AppError::BadRequest)?,
        ),
    };
    let mut errors = FieldErrors::default();
    let Some(new) = parse_touchpoint(&c.p, &f, &l.stages, &mut errors)? else {
        let view = TouchpointPage {
            p: c.p,
            l,
            tp,
            f,
            errors,
            as_is,
        };
        return render(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state
        .store
        .update_touchpoint(c.ws, JourneyId(id), tp.id, &new)
        .await?;
    if !as_is.is_empty() {
        state
            .store
            .set_touchpoint_counterpart(c.ws, tp.id, counterpart)
            .await?;
    }
    Ok(Redirect::to(&format!("/journeys/{id}?done=tp-saved#tp-{tid}")).into_response())
}

pub async fn move_touchpoint(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, tid)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, String::new());
    let m = Move::parse(&f.dir).ok_or_else(|| AppError::BadRequest)?;
    state
        .store
        .move_touchpoint(c.ws, JourneyId(id), TouchpointId(tid), m)
        .await?;
    Ok(Redirect::to(&format!("/journeys/{id}?done=moved#tp-{tid}")).into_response())
}

pub async fn touchpoint_delete_confirm(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, tid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = ctx(
        &user,
        &csrf,
        format!("/journeys/{id}/touchpoints/{tid}/delete"),
    );
    let tp = state
        .store
        .get_touchpoint(c.ws, JourneyId(id), TouchpointId(tid))
        .await?;
    let events = state.store.touchpoint_event_count(c.ws, tp.id).await?;
    let question = c.p.named("map-confirm-delete-touchpoint", &tp.name);
    let impact = DeletionImpact {
        stages: 0,
        touchpoints: 1,
        events,
    };
    confirm(
        c,
        question,
        impact,
        format!("/journeys/{id}/touchpoints/{tid}/delete"),
        format!("/journeys/{id}#tp-{tid}"),
    )
}

pub async fn delete_touchpoint(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, tid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, String::new());
    state
        .store
        .delete_touchpoint(c.ws, JourneyId(id), TouchpointId(tid))
        .await?;
    Ok(Redirect::to(&format!("/journeys/{id}?done=tp-deleted")).into_response())
}
