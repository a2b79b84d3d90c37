//! The owner's settings: the business itself, its staff and pending invitations (sent and
//! accepted in `invitations`), and its API keys (each shown once, stored hashed, revocable).

use crate::kit::audit::Audit;
use crate::kit::client::ClientKey;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{ApiKey, ApiKeyKind, SessionUser, StaffInvitation, audit_action};
use serde::Deserialize;

/// The notices this page may show after a redirect (`?done=…`).
pub(super) struct SettingsNotices;

impl Notices for SettingsNotices {
    const KEYS: &'static [&'static str] = &[
        "settings-saved",
        "user-removed",
        "user-role-changed",
        "invitation-withdrawn",
    ];
}

#[derive(Template)]
#[template(path = "settings.html")]
pub(super) struct SettingsPage {
    p: Page,
    ws: WorkspaceForm,
    users: Vec<User>,
    /// Invitations not yet accepted or withdrawn (expired ones too).
    invitations: Vec<StaffInvitation>,
    /// The time the page is made at, to tell expired invitations.
    now: i64,
    invite: InviteForm,
    errors: FieldErrors,
    /// A new-password link just made, and for whom (shown to pass on).
    invite_link: Option<(String, String)>,
    /// The address an invitation was just sent to.
    pub(super) invite_sent: Option<String>,
    /// Whether the business has a mail server: without one, invitations wait in the outbox,
    /// and the page says so instead of letting "sent" stand alone.
    mail_server: bool,
    api_keys: Vec<ApiKey>,
    api_key_form: ApiKeyForm,
    /// A key just created: shown this once.
    new_key: Option<NewKey>,
}

#[derive(Deserialize, Default)]
pub struct ApiKeyForm {
    name: String,
    kind: String,
    /// Publishable keys: the sites allowed to use the key, one per line (empty: any).
    #[serde(default)]
    origins: String,
}

impl SettingsPage {
    fn expired(&self, i: &StaffInvitation) -> bool {
        i.is_expired(self.now)
    }

    fn key_kind(&self, k: &ApiKey) -> String {
        self.p.t(&format!("apikeys-kind-{}", k.kind.code()))
    }
}

/// A key just created, with the snippet to paste when it is a publishable one.
struct NewKey {
    name: String,
    key: String,
    snippet: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct WorkspaceForm {
    name: String,
    language: String,
    currency: String,
}

#[derive(Deserialize, Default)]
pub struct InviteForm {
    pub(super) name: String,
    pub(super) email: String,
    pub(super) role: String,
    pub(super) language: String,
}

pub(super) async fn settings_page(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    ws: Option<WorkspaceForm>,
    invite: Option<InviteForm>,
    errors: FieldErrors,
    invite_link: Option<(String, String)>,
) -> Result<SettingsPage, AppError> {
    let users = state.store.list_users(user.workspace.id).await?;
    let invitations = state
        .store
        .list_staff_invitations(user.workspace.id)
        .await?;
    let api_keys = state.store.list_api_keys(user.workspace.id).await?;
    let w = &user.workspace;
    let ws = ws.unwrap_or_else(|| WorkspaceForm {
        name: w.name.clone(),
        language: w.default_language.code().to_owned(),
        currency: w.currency.clone(),
    });
    let invite = invite.unwrap_or_else(|| InviteForm {
        role: "staff".into(),
        language: w.default_language.code().to_owned(),
        ..Default::default()
    });
    Ok(SettingsPage {
        p,
        ws,
        users,
        invitations,
        now: state.now(),
        invite,
        errors,
        invite_link,
        invite_sent: None,
        mail_server: state
            .store
            .smtp_settings(user.workspace.id)
            .await?
            .is_some(),
        api_keys,
        api_key_form: ApiKeyForm {
            kind: "secret".into(),
            ..Default::default()
        },
        new_key: None,
    })
}

/// The settings page as it stands, for a handler in a neighbouring module that answers
/// with it (a refused role change).
pub(super) async fn settings_view(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    let view = settings_page(state, p, user, None, None, errors, None).await?;
    Ok(Html(view.render()?))
}

pub(super) fn respond(view: SettingsPage, status: StatusCode) -> Result<Response, AppError> {
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<SettingsNotices>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings").with_notice(done.key());
    let view = settings_page(&state, p, &user, None, None, FieldErrors::default(), None).await?;
    respond(view, StatusCode::OK)
}

pub async fn save(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    Form(f): Form<WorkspaceForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings");
    let mut errors = FieldErrors::default();
    let name = errors.check(
        p.tr,
        "ws_name",
        "setup-business",
        NonEmpty::parse("name", &f.name),
    );
    let language = errors.check(
        p.tr,
        "ws_language",
        "setup-language",
        Language::parse(&f.language),
    );
    let currency = f.currency.trim().to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        errors.add_message(
            "ws_currency",
            p.tr.t_args("error-empty", &[("field", &p.t("setup-currency"))]),
        );
    }
    if let (Some(name), Some(language), true) = (name, language, errors.is_empty()) {
        state
            .store
            .update_workspace(user.workspace.id, &name, language, &currency)
            .await?;
        Audit::by(&user, &client)
            .record(
                &state,
                audit_action::SETTINGS_CHANGE,
                ("workspace", Some(user.workspace.id.0)),
                &format!("language={} currency={currency}", language.code()),
            )
            .await;
        return Ok(Redirect::to("/settings?done=settings-saved").into_response());
    }
    let view = settings_page(&state, p, &user, Some(f), None, errors, None).await?;
    respond(view, StatusCode::UNPROCESSABLE_ENTITY)
}

/// The settings page showing a link made for `who` to pass on (an invitation or a new
/// password link).
pub(super) async fn with_link(
    state: &AppState,
    user: kunde_store::SessionUser,
    csrf: CsrfToken,
    who: String,
    link: String,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings");
    let view = settings_page(
        state,
        p,
        &user,
        None,
        None,
        FieldErrors::default(),
        Some((who, link)),
    )
    .await?;
    respond(view, StatusCode::OK)
}

fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    state.public_url(Some(headers))
}

/// Creates an API key and shows it once, with the snippet for a publishable key.
pub async fn create_api_key(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    headers: HeaderMap,
    Form(f): Form<ApiKeyForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings");
    let mut errors = FieldErrors::default();
    let name = errors.check(
        p.tr,
        "api_key_name",
        "apikeys-name",
        NonEmpty::parse("name", &f.name),
    );
    let kind = ApiKeyKind::parse(&f.kind);
    if kind.is_none() {
        errors.add_message("api_key_kind", p.t("apikeys-kind-invalid"));
    }
    // Only a publishable key is used from web pages; a secret key ignores the field.
    let origins = if kind == Some(ApiKeyKind::Publishable) {
        match kunde_domain::parse_origins(&f.origins) {
            Ok(o) => Some(o),
            Err(bad) => {
                errors.add_message(
                    "api_key_origins",
                    p.tr.t_args(
                        "apikeys-origins-invalid",
                        &[
                            ("value", &bad),
                            ("max", &kunde_domain::MAX_ORIGINS.to_string()),
                        ],
                    ),
                );
                None
            }
        }
    } else {
        Some(Vec::new())
    };
    let (Some(name), Some(kind), Some(origins)) = (name, kind, origins) else {
        let mut view = settings_page(&state, p, &user, None, None, errors, None).await?;
        view.api_key_form = f;
        return respond(view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let (created, key) = state
        .store
        .create_api_key_for_origins(
            user.workspace.id,
            &name,
            kind,
            &origins,
            Some(user.user.id),
            state.now(),
        )
        .await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::API_KEY_CREATE,
            ("api_key", Some(created.id)),
            &format!("kind={}", kind.code()),
        )
        .await;
    let snippet = (kind == ApiKeyKind::Publishable).then(|| {
        format!(
            "<script src=\"{}/t.js\" data-key=\"{key}\" data-page-touchpoint=\"TOUCHPOINT_ID\" async></script>",
            base_url(&state, &headers)
        )
    });
    let mut view =
        settings_page(&state, p, &user, None, None, FieldErrors::default(), None).await?;
    view.new_key = Some(NewKey {
        name: name.to_string(),
        key,
        snippet,
    });
    respond(view, StatusCode::OK)
}

/// Revokes an API key of the owner's workspace; it stops working at once.
pub async fn revoke_api_key(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: ClientKey,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state
        .store
        .revoke_api_key(user.workspace.id, id, state.now())
        .await?;
    Audit::by(&user, &client)
        .record(
            &state,
            audit_action::API_KEY_REVOKE,
            ("api_key", Some(id)),
            "",
        )
        .await;
    Ok(Redirect::to("/settings#api-keys").into_response())
}
