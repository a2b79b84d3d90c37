//! The customer's start page (invoices with their status, documents, cases, surveys
//! waiting), answering a waiting survey, and the profile (name, language, marketing consent;
//! a consent change is recorded with its time and the source "portal").

use super::session::{PortalCustomer, PortalNotices, PortalPage, today};
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Notice};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::{Case, InvitationId, Language, NonEmpty};
use kunde_store::{Invoice, PortalDocument, WaitingSurvey};
use serde::Deserialize;

/// Cases listed at most.
const CASES: i64 = 100;

#[derive(Template)]
#[template(path = "portal/home.html")]
struct HomePage {
    pp: PortalPage,
    name: String,
    today: String,
    invoices: Vec<Invoice>,
    documents: Vec<PortalDocument>,
    cases: Vec<Case>,
    surveys: Vec<WaitingSurvey>,
}

impl HomePage {
    fn status(&self, i: &Invoice) -> &'static str {
        i.status(&self.today).code()
    }
    fn status_label(&self, i: &Invoice) -> String {
        self.pp.t(&format!("portal-status-{}", self.status(i)))
    }
    fn case_status(&self, c: &Case) -> String {
        self.pp.t(&format!("case-status-{}", c.status.code()))
    }
    fn survey_title(&self, s: &WaitingSurvey) -> String {
        let t = match self.pp.p.tr.lang() {
            Language::En => &s.title.en,
            Language::Da => &s.title.da,
            Language::Sv => &s.title.sv,
            Language::Tl => &s.title.tl,
        };
        if t.is_empty() {
            s.title.en.clone()
        } else {
            t.clone()
        }
    }
    fn size(&self, d: &PortalDocument) -> String {
        size(d.size)
    }
}

/// "1.2 MB", "340 kB".
pub fn size(bytes: i64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} kB", (bytes + 999) / 1000)
    }
}

pub async fn home(
    State(state): State<AppState>,
    who: PortalCustomer,
    done: Notice<PortalNotices>,
) -> Result<Response, AppError> {
    let ws = who.ws();
    let c = who.customer.id;
    let view = HomePage {
        today: today(&state, ws).await?,
        invoices: state.store.customer_invoices(ws, c).await?,
        documents: state.store.portal_documents(ws, c).await?,
        cases: state.store.list_cases(ws, Some(c), CASES).await?,
        surveys: state.store.waiting_surveys(ws, c).await?,
        name: who.customer.name.clone(),
        pp: {
            let mut pp = who.page(&format!("{}/home", who.base()));
            pp.p = pp.p.with_notice(done.key());
            pp
        },
    };
    Ok(Html(view.render()?).into_response())
}

/// Opens a waiting survey with a fresh personal link (the first link's token is stored only
/// as its hash, so the portal cannot show it again).
pub async fn answer_survey(
    State(state): State<AppState>,
    who: PortalCustomer,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let ws = who.ws();
    let waiting = state.store.waiting_surveys(ws, who.customer.id).await?;
    if !waiting.iter().any(|s| s.invitation == InvitationId(id)) {
        return Err(AppError::NotFound);
    }
    let token = state
        .store
        .add_invitation_token(ws, InvitationId(id), state.now())
        .await?;
    Ok(Redirect::to(&format!("/s/i/{token}")).into_response())
}

#[derive(Template)]
#[template(path = "portal/profile.html")]
struct ProfilePage {
    pp: PortalPage,
    name: String,
    language: String,
    consent: bool,
    errors: FieldErrors,
}

impl ProfilePage {
    fn languages(&self) -> [Language; 4] {
        Language::ALL
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    name: String,
    language: String,
    consent: Option<String>,
}

pub async fn profile(who: PortalCustomer) -> Result<Response, AppError> {
    let view = ProfilePage {
        pp: who.page(&format!("{}/profile", who.base())),
        name: who.customer.name.clone(),
        language: who.customer.language.code().to_owned(),
        consent: who.customer.marketing_consent,
        errors: FieldErrors::default(),
    };
    Ok(Html(view.render()?).into_response())
}

pub async fn save_profile(
    State(state): State<AppState>,
    who: PortalCustomer,
    Form(f): Form<ProfileForm>,
) -> Result<Response, AppError> {
    let tr = who.site.tr;
    let mut errors = FieldErrors::default();
    let name = errors.check(tr, "name", "col-name", NonEmpty::parse("name", &f.name));
    let language = Language::parse(&f.language).ok();
    if language.is_none() {
        errors.add_message("language", tr.t("error-bad-request"));
    }
    let consent = f.consent.is_some();
    let (Some(name), Some(language)) = (name, language) else {
        let view = ProfilePage {
            pp: who.page(&format!("{}/profile", who.base())),
            name: f.name,
            language: f.language,
            consent,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(view.render()?)).into_response());
    };
    state
        .store
        .update_profile(
            who.ws(),
            who.customer.id,
            &name,
            language,
            consent,
            "portal",
            state.now(),
        )
        .await?;
    Ok(Redirect::to(&format!("{}/home?done=portal-profile-saved", who.base())).into_response())
}
