//! Editing a journey map (owner only): the journey's name and description, its stages (add,
//! rename, reorder, delete), its touchpoints (every field, move to another stage, reorder,
//! delete), a to-be copy of an as-is journey and a sub-journey for one stretch. Reordering
//! is plain forms with up and down buttons, so it works without JavaScript; deleting asks
//! first, saying what goes with it.

use super::journeys::{Loaded, TouchpointForm, load, notice};
use super::{FieldErrors, Page};
use crate::AppState;
use crate::csrf::CsrfToken;
use crate::error::{AppError, PageError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use kunde_domain::*;
use kunde_store::{DeletionImpact, Move, SessionUser, StageRange};
use serde::Deserialize;

/// The owner's routes of this module (merged behind the owner layer in `pages::routes`).
pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/journeys/{id}/edit", get(edit_form).post(update))
        .route("/journeys/{id}/delete", get(delete_confirm).post(delete))
        .route("/journeys/{id}/stages", post(add_stage))
        .route("/journeys/{id}/stages/{sid}/rename", post(rename_stage))
        .route("/journeys/{id}/stages/{sid}/move", post(move_stage))
        .route(
            "/journeys/{id}/stages/{sid}/delete",
            get(stage_delete_confirm).post(delete_stage),
        )
        .route(
            "/journeys/{id}/touchpoints/{tid}/edit",
            get(touchpoint_form).post(update_touchpoint),
        )
        .route(
            "/journeys/{id}/touchpoints/{tid}/move",
            post(move_touchpoint),
        )
        .route(
            "/journeys/{id}/touchpoints/{tid}/delete",
            get(touchpoint_delete_confirm).post(delete_touchpoint),
        )
        .route("/journeys/{id}/to-be", post(create_to_be))
        .route("/journeys/{id}/sub", post(create_sub))
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct JourneyEditForm {
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize, Default)]
pub struct SubForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    first: String,
    #[serde(default)]
    last: String,
}

#[derive(Template)]
#[template(path = "journey_edit.html")]
struct EditPage {
    p: Page,
    l: Loaded,
    f: JourneyEditForm,
    /// The stage whose rename failed, with what was typed.
    stage_edit: Option<(StageId, String)>,
    new_stage: String,
    sub: SubForm,
    errors: FieldErrors,
}

impl EditPage {
    fn count_in(&self, stage: &StageId) -> String {
        let n = self
            .l
            .touchpoints
            .iter()
            .filter(|t| t.stage_id == *stage)
            .count();
        self.p.count("stage-touchpoints", &(n as i64))
    }

    fn stage_value(&self, stage: &Stage) -> String {
        match &self.stage_edit {
            Some((id, typed)) if *id == stage.id => typed.clone(),
            _ => stage.name.clone(),
        }
    }

    fn stage_error(&self, stage: &StageId) -> String {
        match &self.stage_edit {
            Some((id, _)) if id == stage => self.errors.get("stage_name"),
            _ => String::new(),
        }
    }
}

struct Ctx {
    p: Page,
    ws: WorkspaceId,
}

fn ctx(user: &SessionUser, csrf: &CsrfToken, path: String) -> Ctx {
    Ctx {
        p: Page::staff(user, csrf, "journeys", &path),
        ws: user.workspace.id,
    }
}

fn render<T: Template>(view: &T, p: &Page, status: StatusCode) -> Result<Response, PageError> {
    let html = view.render().map_err(|e| p.err(e.into()))?;
    Ok((status, Html(html)).into_response())
}

fn back(id: i64, anchor: &str, done: &str) -> Response {
    Redirect::to(&format!("/journeys/{id}/edit?done={done}{anchor}")).into_response()
}

async fn edit_page(
    state: &AppState,
    c: Ctx,
    id: i64,
    errors: FieldErrors,
) -> Result<EditPage, PageError> {
    let l = load(state, c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e))?;
    let f = JourneyEditForm {
        name: l.j.name.clone(),
        description: l.j.description.clone(),
    };
    let sub = SubForm {
        name: String::new(),
        first: String::new(),
        last: String::new(),
    };
    Ok(EditPage {
        p: c.p,
        l,
        f,
        stage_edit: None,
        new_stage: String::new(),
        sub,
        errors,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let mut c = ctx(&user, &csrf, format!("/journeys/{id}/edit"));
    c.p = notice(c.p, done.done.as_deref());
    let view = edit_page(&state, c, id, FieldErrors::default()).await?;
    render(&view, &view.p, StatusCode::OK)
}

pub async fn update(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<JourneyEditForm>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/edit"));
    let mut errors = FieldErrors::default();
    let name = errors.check(
        c.p.tr,
        "name",
        "journey-name",
        NonEmpty::parse("name", &f.name),
    );
    let Some(name) = name else {
        let mut view = edit_page(&state, c, id, errors).await?;
        view.f = f;
        return render(&view, &view.p, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state
        .store
        .update_journey(c.ws, JourneyId(id), &name, f.description.trim())
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(back(id, "", "journey-saved"))
}

#[derive(Template)]
#[template(path = "journey_confirm.html")]
struct ConfirmPage {
    p: Page,
    /// What is about to be deleted, in a sentence.
    question: String,
    impact: DeletionImpact,
    action: String,
    cancel: String,
}

fn confirm(
    c: Ctx,
    question: String,
    impact: DeletionImpact,
    action: String,
    cancel: String,
) -> Result<Response, PageError> {
    let view = ConfirmPage {
        p: c.p,
        question,
        impact,
        action,
        cancel,
    };
    render(&view, &view.p, StatusCode::OK)
}

pub async fn delete_confirm(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/delete"));
    let j = state
        .store
        .get_journey(c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    let impact = state
        .store
        .deletion_impact(c.ws, j.id, None)
        .await
        .map_err(|e| c.p.err(e.into()))?;
    let question = c.p.named("map-confirm-delete-journey", &j.name);
    confirm(
        c,
        question,
        impact,
        format!("/journeys/{id}/delete"),
        format!("/journeys/{id}/edit"),
    )
}

pub async fn delete(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, String::new());
    state
        .store
        .delete_journey(c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(Redirect::to("/journeys?done=journey-deleted").into_response())
}

#[derive(Deserialize)]
pub struct StageForm {
    #[serde(default)]
    name: String,
}

pub async fn add_stage(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<StageForm>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/edit"));
    let mut errors = FieldErrors::default();
    let Some(name) = errors.check(
        c.p.tr,
        "new_stage",
        "stage-name",
        NonEmpty::parse("name", &f.name),
    ) else {
        let mut view = edit_page(&state, c, id, errors).await?;
        view.new_stage = f.name;
        return render(&view, &view.p, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state
        .store
        .add_stage(c.ws, JourneyId(id), &name)
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(back(id, "#stages", "stage-added"))
}

pub async fn rename_stage(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, sid)): Path<(i64, i64)>,
    Form(f): Form<StageForm>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/edit"));
    let mut errors = FieldErrors::default();
    let Some(name) = errors.check(
        c.p.tr,
        "stage_name",
        "stage-name",
        NonEmpty::parse("name", &f.name),
    ) else {
        let mut view = edit_page(&state, c, id, errors).await?;
        if !view.l.stages.iter().any(|s| s.id.0 == sid) {
            return Err(view.p.err(AppError::NotFound));
        }
        view.stage_edit = Some((StageId(sid), f.name));
        return render(&view, &view.p, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state
        .store
        .rename_stage(c.ws, JourneyId(id), StageId(sid), &name)
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(back(id, "#stages", "stage-saved"))
}

#[derive(Deserialize)]
pub struct MoveForm {
    dir: String,
}

pub async fn move_stage(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, sid)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, String::new());
    let m = Move::parse(&f.dir).ok_or_else(|| c.p.err(AppError::BadRequest))?;
    state
        .store
        .move_stage(c.ws, JourneyId(id), StageId(sid), m)
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(back(id, "#stages", "moved"))
}

pub async fn stage_delete_confirm(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, sid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/stages/{sid}/delete"));
    let stages = state
        .store
        .list_stages(c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    let stage = stages
        .iter()
        .find(|s| s.id.0 == sid)
        .ok_or_else(|| c.p.err(AppError::NotFound))?;
    let impact = state
        .store
        .deletion_impact(c.ws, JourneyId(id), Some(stage.id))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    let question = c.p.named("map-confirm-delete-stage", &stage.name);
    confirm(
        c,
        question,
        impact,
        format!("/journeys/{id}/stages/{sid}/delete"),
        format!("/journeys/{id}/edit#stages"),
    )
}

pub async fn delete_stage(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, sid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, String::new());
    state
        .store
        .delete_stage(c.ws, JourneyId(id), StageId(sid))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(back(id, "#stages", "stage-deleted"))
}

#[derive(Template)]
#[template(path = "journey_touchpoint.html")]
struct TouchpointPage {
    p: Page,
    l: Loaded,
    tp: Touchpoint,
    f: TouchpointForm,
    errors: FieldErrors,
    /// For a to-be journey: the as-is touchpoints this one may redesign.
    as_is: Vec<Touchpoint>,
}

/// The touchpoints of the as-is journey a to-be journey redesigns (none for other journeys).
async fn as_is_touchpoints(
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
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, tid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let c = ctx(
        &user,
        &csrf,
        format!("/journeys/{id}/touchpoints/{tid}/edit"),
    );
    let l = load(&state, c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e))?;
    let tp = l
        .touchpoints
        .iter()
        .find(|t| t.id.0 == tid)
        .cloned()
        .ok_or_else(|| c.p.err(AppError::NotFound))?;
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
    let as_is = as_is_touchpoints(&state, c.ws, &l.j)
        .await
        .map_err(|e| c.p.err(e))?;
    let view = TouchpointPage {
        p: c.p,
        l,
        tp,
        f,
        errors: FieldErrors::default(),
        as_is,
    };
    render(&view, &view.p, StatusCode::OK)
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
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, tid)): Path<(i64, i64)>,
    Form(f): Form<TouchpointForm>,
) -> Result<Response, PageError> {
    let c = ctx(
        &user,
        &csrf,
        format!("/journeys/{id}/touchpoints/{tid}/edit"),
    );
    let l = load(&state, c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e))?;
    let tp = l
        .touchpoints
        .iter()
        .find(|t| t.id.0 == tid)
        .cloned()
        .ok_or_else(|| c.p.err(AppError::NotFound))?;
    let as_is = as_is_touchpoints(&state, c.ws, &l.j)
        .await
        .map_err(|e| c.p.err(e))?;
    let counterpart = match f.counterpart_id.trim() {
        "" => None,
        s => Some(
            s.parse::<i64>()
                .ok()
                .and_then(|s| as_is.iter().find(|t| t.id.0 == s))
                .map(|t| t.id)
                .ok_or_else(|| c.p.err(AppError::BadRequest))?,
        ),
    };
    let mut errors = FieldErrors::default();
    let Some(new) = parse_touchpoint(&c.p, &f, &l.stages, &mut errors).map_err(|e| c.p.err(e))?
    else {
        let view = TouchpointPage {
            p: c.p,
            l,
            tp,
            f,
            errors,
            as_is,
        };
        return render(&view, &view.p, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state
        .store
        .update_touchpoint(c.ws, JourneyId(id), tp.id, &new)
        .await
        .map_err(|e| c.p.err(e.into()))?;
    if !as_is.is_empty() {
        state
            .store
            .set_touchpoint_counterpart(c.ws, tp.id, counterpart)
            .await
            .map_err(|e| c.p.err(e.into()))?;
    }
    Ok(Redirect::to(&format!("/journeys/{id}?done=tp-saved#tp-{tid}")).into_response())
}

pub async fn move_touchpoint(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, tid)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, String::new());
    let m = Move::parse(&f.dir).ok_or_else(|| c.p.err(AppError::BadRequest))?;
    state
        .store
        .move_touchpoint(c.ws, JourneyId(id), TouchpointId(tid), m)
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(Redirect::to(&format!("/journeys/{id}?done=moved#tp-{tid}")).into_response())
}

pub async fn touchpoint_delete_confirm(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, tid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let c = ctx(
        &user,
        &csrf,
        format!("/journeys/{id}/touchpoints/{tid}/delete"),
    );
    let tp = state
        .store
        .get_touchpoint(c.ws, JourneyId(id), TouchpointId(tid))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    let events = state
        .store
        .touchpoint_event_count(c.ws, tp.id)
        .await
        .map_err(|e| c.p.err(e.into()))?;
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
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path((id, tid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, String::new());
    state
        .store
        .delete_touchpoint(c.ws, JourneyId(id), TouchpointId(tid))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(Redirect::to(&format!("/journeys/{id}?done=tp-deleted")).into_response())
}

/// Copies an as-is journey into a new to-be journey linked to it.
pub async fn create_to_be(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, String::new());
    let j = state
        .store
        .get_journey(c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e.into()))?;
    if j.variant != JourneyVariant::AsIs {
        return Err(c.p.err(AppError::BadRequest));
    }
    let name = c.p.named("tobe-default-name", &j.name);
    let new = NewJourney {
        name: NonEmpty::parse("name", &name).map_err(|_| c.p.err(AppError::BadRequest))?,
        description: j.description.clone(),
        variant: JourneyVariant::ToBe,
        counterpart_of: Some(j.id),
        parent_id: None,
    };
    let copy = state
        .store
        .copy_journey(c.ws, j.id, &new, None, state.now())
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(Redirect::to(&format!("/journeys/{}?done=tobe-created", copy.id)).into_response())
}

/// A sub-journey: a copy of the stretch from one stage to another, linked to its parent.
pub async fn create_sub(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<SubForm>,
) -> Result<Response, PageError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/edit"));
    let l = load(&state, c.ws, JourneyId(id))
        .await
        .map_err(|e| c.p.err(e))?;
    let find = |s: &str| {
        s.parse::<i64>()
            .ok()
            .and_then(|s| l.stages.iter().position(|st| st.id.0 == s))
    };
    let (first, last) = (find(&f.first), find(&f.last));
    let mut errors = FieldErrors::default();
    let name = errors.check(
        c.p.tr,
        "sub_name",
        "subjourney-name",
        NonEmpty::parse("name", &f.name),
    );
    match (first, last) {
        (Some(a), Some(b)) if a <= b => {}
        (Some(_), Some(_)) => errors.add_message("sub_range", c.p.t("subjourney-error-range")),
        _ => return Err(c.p.err(AppError::BadRequest)),
    }
    let (Some(name), true) = (name, errors.is_empty()) else {
        let mut view = edit_page(&state, c, id, errors).await?;
        view.sub = f;
        return render(&view, &view.p, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let range = StageRange {
        first: l.stages[first.unwrap_or(0)].id,
        last: l.stages[last.unwrap_or(0)].id,
    };
    let new = NewJourney {
        name,
        description: String::new(),
        variant: l.j.variant,
        counterpart_of: None,
        parent_id: Some(l.j.id),
    };
    let sub = state
        .store
        .copy_journey(c.ws, l.j.id, &new, Some(range), state.now())
        .await
        .map_err(|e| c.p.err(e.into()))?;
    Ok(Redirect::to(&format!("/journeys/{}?done=sub-created", sub.id)).into_response())
}
