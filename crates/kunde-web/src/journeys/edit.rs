//! Editing a journey map (owner only): the journey's name and description, its stages (add,
//! rename, reorder, delete), its touchpoints (every field, move to another stage, reorder,
//! delete), a to-be copy of an as-is journey and a sub-journey for one stretch. Reordering
//! is plain forms with up and down buttons, so it works without JavaScript; deleting asks
//! first, saying what goes with it.

use super::map_page::*;
use super::notices::{JourneyNotices, notice};
use crate::kit::csrf::CsrfToken;
use crate::kit::error::AppError;
use crate::kit::extract::Notice;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{DeletionImpact, Move, SessionUser, StageRange};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct JourneyEditForm {
    pub(super) name: String,
    #[serde(default)]
    pub(super) description: String,
}

#[derive(Deserialize, Default)]
pub struct SubForm {
    #[serde(default)]
    pub(super) name: String,
    #[serde(default)]
    pub(super) first: String,
    #[serde(default)]
    pub(super) last: String,
}

#[derive(Template)]
#[template(path = "journey_edit.html")]
pub(super) struct EditPage {
    pub(super) p: Page,
    pub(super) l: Loaded,
    pub(super) f: JourneyEditForm,
    /// The stage whose rename failed, with what was typed.
    pub(super) stage_edit: Option<(StageId, String)>,
    pub(super) new_stage: String,
    pub(super) sub: SubForm,
    pub(super) errors: FieldErrors,
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

pub(super) struct Ctx {
    pub(super) p: Page,
    pub(super) ws: WorkspaceId,
}

pub(super) fn ctx(user: &SessionUser, csrf: &CsrfToken, path: String) -> Ctx {
    Ctx {
        p: Page::staff(user, csrf, "journeys", &path),
        ws: user.workspace.id,
    }
}

pub(super) fn render<T: Template>(view: &T, status: StatusCode) -> Result<Response, AppError> {
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

pub(super) fn back(id: i64, anchor: &str, done: &str) -> Response {
    Redirect::to(&format!("/journeys/{id}/edit?done={done}{anchor}")).into_response()
}

pub(super) async fn edit_page(
    state: &AppState,
    c: Ctx,
    id: i64,
    errors: FieldErrors,
) -> Result<EditPage, AppError> {
    let l = load(state, c.ws, JourneyId(id)).await?;
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
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    done: Notice<JourneyNotices>,
) -> Result<Response, AppError> {
    let mut c = ctx(&user, &csrf, format!("/journeys/{id}/edit"));
    c.p = notice(c.p, done.key());
    let view = edit_page(&state, c, id, FieldErrors::default()).await?;
    render(&view, StatusCode::OK)
}

pub async fn update(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<JourneyEditForm>,
) -> Result<Response, AppError> {
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
        return render(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state
        .store
        .update_journey(c.ws, JourneyId(id), &name, f.description.trim())
        .await?;
    Ok(back(id, "", "journey-saved"))
}

#[derive(Template)]
#[template(path = "journey_confirm.html")]
pub(super) struct ConfirmPage {
    pub(super) p: Page,
    /// What is about to be deleted, in a sentence.
    pub(super) question: String,
    pub(super) impact: DeletionImpact,
    pub(super) action: String,
    pub(super) cancel: String,
}

pub(super) fn confirm(
    c: Ctx,
    question: String,
    impact: DeletionImpact,
    action: String,
    cancel: String,
) -> Result<Response, AppError> {
    let view = ConfirmPage {
        p: c.p,
        question,
        impact,
        action,
        cancel,
    };
    render(&view, StatusCode::OK)
}

pub async fn delete_confirm(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/delete"));
    let j = state.store.get_journey(c.ws, JourneyId(id)).await?;
    let impact = state.store.deletion_impact(c.ws, j.id, None).await?;
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
    Staff { user, csrf }: Staff,
    client: crate::kit::client::ClientKey,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, String::new());
    state.store.delete_journey(c.ws, JourneyId(id)).await?;
    crate::kit::audit::Audit::by(&user, &client)
        .record(
            &state,
            kunde_store::audit_action::DELETE,
            ("journey", Some(id)),
            "",
        )
        .await;
    Ok(Redirect::to("/journeys?done=journey-deleted").into_response())
}

#[derive(Deserialize)]
pub struct StageForm {
    #[serde(default)]
    pub(super) name: String,
}

pub async fn add_stage(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<StageForm>,
) -> Result<Response, AppError> {
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
        return render(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state.store.add_stage(c.ws, JourneyId(id), &name).await?;
    Ok(back(id, "#stages", "stage-added"))
}

pub async fn rename_stage(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, sid)): Path<(i64, i64)>,
    Form(f): Form<StageForm>,
) -> Result<Response, AppError> {
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
            return Err(AppError::NotFound);
        }
        view.stage_edit = Some((StageId(sid), f.name));
        return render(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    state
        .store
        .rename_stage(c.ws, JourneyId(id), StageId(sid), &name)
        .await?;
    Ok(back(id, "#stages", "stage-saved"))
}

#[derive(Deserialize)]
pub struct MoveForm {
    pub(super) dir: String,
}

pub async fn move_stage(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, sid)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, String::new());
    let m = Move::parse(&f.dir).ok_or_else(|| AppError::BadRequest)?;
    state
        .store
        .move_stage(c.ws, JourneyId(id), StageId(sid), m)
        .await?;
    Ok(back(id, "#stages", "moved"))
}

pub async fn stage_delete_confirm(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path((id, sid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/stages/{sid}/delete"));
    let stages = state.store.list_stages(c.ws, JourneyId(id)).await?;
    let stage = stages
        .iter()
        .find(|s| s.id.0 == sid)
        .ok_or_else(|| AppError::NotFound)?;
    let impact = state
        .store
        .deletion_impact(c.ws, JourneyId(id), Some(stage.id))
        .await?;
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
    Staff { user, csrf }: Staff,
    client: crate::kit::client::ClientKey,
    Path((id, sid)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, String::new());
    state
        .store
        .delete_stage(c.ws, JourneyId(id), StageId(sid))
        .await?;
    crate::kit::audit::Audit::by(&user, &client)
        .record(
            &state,
            kunde_store::audit_action::DELETE,
            ("stage", Some(sid)),
            "",
        )
        .await;
    Ok(back(id, "#stages", "stage-deleted"))
}

/// Copies an as-is journey into a new to-be journey linked to it.
pub async fn create_to_be(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, String::new());
    let j = state.store.get_journey(c.ws, JourneyId(id)).await?;
    if j.variant != JourneyVariant::AsIs {
        return Err(AppError::BadRequest);
    }
    let name = c.p.named("tobe-default-name", &j.name);
    let new = NewJourney {
        name: NonEmpty::parse("name", &name).map_err(|_| AppError::BadRequest)?,
        description: j.description.clone(),
        variant: JourneyVariant::ToBe,
        counterpart_of: Some(j.id),
        parent_id: None,
    };
    let copy = state
        .store
        .copy_journey(c.ws, j.id, &new, None, state.now())
        .await?;
    Ok(Redirect::to(&format!("/journeys/{}?done=tobe-created", copy.id)).into_response())
}

/// A sub-journey: a copy of the stretch from one stage to another, linked to its parent.
pub async fn create_sub(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<SubForm>,
) -> Result<Response, AppError> {
    let c = ctx(&user, &csrf, format!("/journeys/{id}/edit"));
    let l = load(&state, c.ws, JourneyId(id)).await?;
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
        _ => return Err(AppError::BadRequest),
    }
    let (Some(name), true) = (name, errors.is_empty()) else {
        let mut view = edit_page(&state, c, id, errors).await?;
        view.sub = f;
        return render(&view, StatusCode::UNPROCESSABLE_ENTITY);
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
        .await?;
    Ok(Redirect::to(&format!("/journeys/{}?done=sub-created", sub.id)).into_response())
}
