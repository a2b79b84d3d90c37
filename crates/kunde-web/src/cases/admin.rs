//! The owner's case settings: targets per category (in business hours), the owner's own
//! categories, the root-cause list, each role's authority, the complaint form's address,
//! and deciding pending grants.

use super::labels::category_name;
use crate::kit::audit::Audit;
use crate::kit::client::ClientKey;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{SessionUser, StoreError, audit_action};
use serde::Deserialize;

/// The notices this page may show after a redirect (`?done=…`).
pub(super) struct CaseSettingsNotices;

impl Notices for CaseSettingsNotices {
    const KEYS: &'static [&'static str] = &["saved", "updated"];
}

/// The longest target a category may have: a business year of eight-hour days.
const MAX_TARGET_HOURS: f64 = 2000.0;

#[derive(Template)]
#[template(path = "cases/settings.html")]
struct SettingsPage {
    p: Page,
    categories: Vec<CaseCategory>,
    causes: Vec<RootCause>,
    staff_authority: String,
    owner_authority: String,
    form_path: String,
    pending: Vec<CaseGrant>,
    errors: FieldErrors,
}

impl SettingsPage {
    fn label(&self, c: &CaseCategory) -> String {
        category_name(self.p.tr, c)
    }
    fn cause_name(&self, c: &RootCause) -> String {
        super::labels::root_cause_name(self.p.tr, &c.name)
    }
    fn hours(&self, minutes: &i64) -> String {
        let h = *minutes as f64 / 60.0;
        if h.fract() == 0.0 {
            format!("{h:.0}")
        } else {
            format!("{h:.2}")
        }
    }
}

async fn settings_page(
    state: &AppState,
    user: &SessionUser,
    p: Page,
    errors: FieldErrors,
) -> Result<SettingsPage, AppError> {
    let ws = user.workspace.id;
    let load = async {
        Ok::<_, StoreError>((
            state.store.case_categories(ws).await?,
            state.store.root_causes(ws).await?,
            state.store.case_settings(ws).await?,
            state.store.case_grants(ws, None).await?,
        ))
    };
    let (categories, causes, settings, pending) = load.await?;
    Ok(SettingsPage {
        staff_authority: settings.authority.staff.to_string(),
        owner_authority: settings.authority.owner.to_string(),
        form_path: format!("/complaint/{}", settings.public_id),
        p,
        categories,
        causes,
        pending,
        errors,
    })
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<CaseSettingsNotices>,
) -> Result<Html<String>, AppError> {
    let mut p = Page::staff(&user, &csrf, "settings", "/settings/cases");
    if done.key() == Some("saved") {
        p.notice = Some(p.t("settings-saved"));
    }
    let view = settings_page(&state, &user, p, FieldErrors::default()).await?;
    view.render().map(Html).map_err(AppError::from)
}

async fn invalid(
    state: &AppState,
    user: &SessionUser,
    p: Page,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let view = settings_page(state, user, p, errors).await?;
    let html = view.render()?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
}

/// Hours as typed ("4", "1.5", "1,5") to whole minutes, within (0, MAX_TARGET_HOURS].
fn parse_hours(s: &str) -> Option<i64> {
    let h: f64 = s.trim().replace(',', ".").parse().ok()?;
    (h > 0.0 && h <= MAX_TARGET_HOURS).then(|| (h * 60.0).round() as i64)
}

fn saved() -> Response {
    Redirect::to("/settings/cases?done=saved").into_response()
}

/// Form fields `first_<id>` and `resolution_<id>` for every category.
pub async fn save_targets(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/cases");
    let ws = user.workspace.id;
    let categories = state.store.case_categories(ws).await?;
    let value = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut errors = FieldErrors::default();
    let mut changes = Vec::new();
    for c in &categories {
        let first = value(format!("first_{}", c.id)).and_then(parse_hours);
        let resolution = value(format!("resolution_{}", c.id)).and_then(parse_hours);
        match (first, resolution) {
            (Some(f), Some(r)) => changes.push((c.id, f, r)),
            _ => errors.add_message(
                "targets",
                p.tr.t_args("case-error-hours", &[("name", &category_name(p.tr, c))]),
            ),
        }
    }
    if !errors.is_empty() {
        return invalid(&state, &user, p, errors).await;
    }
    for (id, f, r) in changes {
        state.store.set_case_category_targets(ws, id, f, r).await?;
    }
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::SETTINGS_CHANGE,
            ("case_targets", None),
            "",
        )
        .await;
    Ok(saved())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CategoryForm {
    name: String,
    first: String,
    resolution: String,
}

pub async fn add_category(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<CategoryForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/cases");
    let mut errors = FieldErrors::default();
    let name = errors.check(
        p.tr,
        "category",
        "case-category",
        NonEmpty::parse("name", &f.name),
    );
    let (first, resolution) = (parse_hours(&f.first), parse_hours(&f.resolution));
    if first.is_none() || resolution.is_none() {
        errors.add_message(
            "category",
            p.tr.t_args("case-error-hours", &[("name", f.name.trim())]),
        );
    }
    let (Some(name), Some(first), Some(resolution)) = (name, first, resolution) else {
        return invalid(&state, &user, p, errors).await;
    };
    state
        .store
        .add_case_category(user.workspace.id, &name, first, resolution)
        .await?;
    Ok(saved())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CauseForm {
    name: String,
}

pub async fn add_root_cause(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<CauseForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/cases");
    let mut errors = FieldErrors::default();
    let Some(name) = errors.check(
        p.tr,
        "cause",
        "case-root-cause",
        NonEmpty::parse("name", &f.name),
    ) else {
        return invalid(&state, &user, p, errors).await;
    };
    match state.store.add_root_cause(user.workspace.id, &name).await {
        Ok(_) | Err(StoreError::Conflict(_)) => Ok(saved()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AuthorityForm {
    staff: String,
    owner: String,
}

pub async fn save_authority(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    Form(f): Form<AuthorityForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/cases");
    let mut errors = FieldErrors::default();
    let staff = errors.check(
        p.tr,
        "authority",
        "case-authority-staff",
        Money::parse(&f.staff),
    );
    let owner = errors.check(
        p.tr,
        "authority",
        "case-authority-owner",
        Money::parse(&f.owner),
    );
    let (Some(staff), Some(owner)) = (staff, owner) else {
        return invalid(&state, &user, p, errors).await;
    };
    if staff.0 < 0 || owner.0 < 0 {
        errors.add_message("authority", p.t("case-error-amount"));
        return invalid(&state, &user, p, errors).await;
    }
    state
        .store
        .save_case_authority(user.workspace.id, Authority { staff, owner })
        .await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::SETTINGS_CHANGE,
            ("case_authority", None),
            &format!("staff={} owner={}", staff.0, owner.0),
        )
        .await;
    Ok(saved())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecideForm {
    decision: String,
}

pub async fn decide(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Path(id): Path<i64>,
    Form(f): Form<DecideForm>,
) -> Result<Response, AppError> {
    let approve = match f.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::BadRequest),
    };
    let g = state
        .store
        .decide_grant(
            user.workspace.id,
            CaseGrantId(id),
            approve,
            &user.user,
            state.now(),
        )
        .await?;
    let decision = if approve { "approved" } else { "rejected" };
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::APPROVAL,
            ("case_grant", Some(id)),
            &format!("{decision} case={}", g.case_id),
        )
        .await;
    Ok(Redirect::to(&format!("/cases/{}?done=updated", g.case_id)).into_response())
}
