//! The public "Notify me" form of one demand item, at the business's portal address: an
//! e-mail address and a ticked consent put the visitor on the item's waiting list (the
//! customer with that address, or a new one), with the time of their consent.

use crate::kit::FieldErrors;
use crate::kit::client::ClientKey;
use crate::kit::error::{AppError, render_error};
use crate::portal::{PortalPage, PortalSite};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kunde_domain::Email;
use kunde_store::DemandItem;
use serde::Deserialize;

/// Requests one client may send a minute.
const REQUESTS_PER_MINUTE: u32 = 10;

#[derive(Template)]
#[template(path = "demand/notify.html")]
struct NotifyPage {
    pp: PortalPage,
    item: DemandItem,
    email: String,
    consent: bool,
    errors: FieldErrors,
    sent: bool,
}

impl NotifyPage {
    fn with_item(&self, key: &str) -> String {
        self.pp.p.tr.t_args(
            key,
            &[
                ("item", self.item.name.as_str()),
                ("business", self.pp.business.as_str()),
            ],
        )
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NotifyForm {
    email: String,
    consent: Option<String>,
}

fn html(view: NotifyPage, status: StatusCode) -> Result<Response, AppError> {
    Ok((status, Html(view.render()?)).into_response())
}

/// The item behind the address's key; keys are 20 hex characters, anything else is not
/// looked up.
async fn item_of(state: &AppState, site: &PortalSite, key: &str) -> Result<DemandItem, AppError> {
    if key.len() != 20 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    state
        .store
        .demand_item_by_key(site.workspace.id, key)
        .await?
        .ok_or(AppError::NotFound)
}

fn path(site: &PortalSite, key: &str) -> String {
    format!("/portal/{}/notify/{key}", site.site)
}

pub async fn form(
    State(state): State<AppState>,
    site: PortalSite,
    Path((_, key)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let item = item_of(&state, &site, &key).await?;
    let view = NotifyPage {
        pp: site.page(&path(&site, &key)),
        item,
        email: String::new(),
        consent: false,
        errors: FieldErrors::default(),
        sent: false,
    };
    html(view, StatusCode::OK)
}

pub async fn request(
    State(state): State<AppState>,
    site: PortalSite,
    client: ClientKey,
    Path((_, key)): Path<(String, String)>,
    Form(f): Form<NotifyForm>,
) -> Result<Response, AppError> {
    let tr = site.tr;
    if state
        .rate_limits
        .check("demand-notify", &client.0, REQUESTS_PER_MINUTE)
        .await
        .is_err()
    {
        return Ok(render_error(
            tr,
            StatusCode::TOO_MANY_REQUESTS,
            "error-rate-limited",
        ));
    }
    let item = item_of(&state, &site, &key).await?;
    let pp = site.page(&path(&site, &key));
    let mut errors = FieldErrors::default();
    let email = Email::parse(&f.email).ok();
    if email.is_none() {
        errors.add_message("email", tr.t("portal-error-email"));
    }
    let consent = f.consent.is_some();
    if !consent {
        errors.add_message("consent", tr.t("notify-error-consent"));
    }
    let (Some(email), true, None) = (email, consent, item.available_at) else {
        // Refused (or the item is available already): what was typed stays in the form.
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let view = NotifyPage {
            pp,
            item,
            email: f.email,
            consent,
            errors,
            sent: false,
        };
        return html(view, status);
    };
    state
        .store
        .request_demand_notice(site.workspace.id, item.id, &email, tr.lang(), state.now())
        .await?;
    let view = NotifyPage {
        pp,
        item,
        email: String::new(),
        consent: false,
        errors: FieldErrors::default(),
        sent: true,
    };
    html(view, StatusCode::OK)
}
