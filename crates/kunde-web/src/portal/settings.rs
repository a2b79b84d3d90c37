//! The owner's portal settings (`/settings/portal`, linked from the settings menu): the
//! portal's address to hand to customers, and whether overdue invoices are reminded by
//! e-mail (off until the owner turns it on; the job is `reminders`).

use crate::kit::audit::Audit;
use crate::kit::client::ClientKey;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_store::audit_action;
use serde::Deserialize;

pub(super) struct SettingsNotices;

impl Notices for SettingsNotices {
    const KEYS: &'static [&'static str] = &["portal-reminders-on", "portal-reminders-off"];
}

#[derive(Template)]
#[template(path = "portal/settings.html")]
struct SettingsPage {
    p: Page,
    /// The portal's sign-in page, as customers reach it.
    address: String,
    reminders: bool,
    /// Newsletter sign-ups waiting for their confirmation.
    pending_signups: i64,
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    done: Notice<SettingsNotices>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let slug = state.store.help_site_slug(ws).await?;
    let view = SettingsPage {
        p: staff
            .page("settings", "/settings/portal")
            .with_notice(done.key()),
        address: format!("{}/portal/{slug}", state.public_url(Some(&headers))),
        reminders: state.store.overdue_reminders(ws).await?,
        pending_signups: state.store.pending_signups(ws, state.now()).await?,
    };
    Ok(Html(view.render()?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RemindersForm {
    /// `on` when the box is ticked; anything else (or nothing) is off.
    reminders: String,
}

pub async fn save(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Form(f): Form<RemindersForm>,
) -> Result<Response, AppError> {
    let on = f.reminders == "on";
    state
        .store
        .set_overdue_reminders(user.workspace.id, on)
        .await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::SETTINGS_CHANGE,
            ("workspace", Some(user.workspace.id.0)),
            if on {
                "overdue_reminders=on"
            } else {
                "overdue_reminders=off"
            },
        )
        .await;
    let done = if on {
        "portal-reminders-on"
    } else {
        "portal-reminders-off"
    };
    Ok(Redirect::to(&format!("/settings/portal?done={done}")).into_response())
}
