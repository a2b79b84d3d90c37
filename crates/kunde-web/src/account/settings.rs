//! The owner's settings: the business itself, its staff (invited by a link that works once)
//! and its API keys (each shown once, stored hashed, revocable).

use crate::kit::audit::Audit;
use crate::kit::auth::{self, public_tr, start_session, token_hash};
use crate::kit::client::ClientKey;
use crate::kit::cookies::random_token;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::ratelimit::Window;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use kunde_domain::*;
use kunde_store::{ApiKey, ApiKeyKind, SessionUser, StoreError, audit_action};
use serde::Deserialize;

/// The notices this page may show after a redirect (`?done=…`).
pub(super) struct SettingsNotices;

impl Notices for SettingsNotices {
    const KEYS: &'static [&'static str] = &["settings-saved", "user-removed", "user-role-changed"];
}

/// Invitations are valid for a week.
const INVITE_SECONDS: i64 = 7 * 24 * 3600;

/// Refused invitations per workspace: 10, one more every six minutes. An address is unique
/// across the server, so an invitation to someone of another business must be refused; the
/// refusal reads the same as for the business's own people, and this limit keeps an owner
/// from trying addresses in bulk to learn who uses Kunde (issue 18, finding 10).
const REFUSED_INVITES: Window = Window {
    capacity: 10,
    seconds: 3600.0,
};

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    p: Page,
    ws: WorkspaceForm,
    users: Vec<User>,
    invite: InviteForm,
    errors: FieldErrors,
    /// The link of an invitation just created, and for whom.
    invite_link: Option<(String, String)>,
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
    name: String,
    email: String,
    role: String,
    language: String,
}

async fn settings_page(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    ws: Option<WorkspaceForm>,
    invite: Option<InviteForm>,
    errors: FieldErrors,
    invite_link: Option<(String, String)>,
) -> Result<SettingsPage, AppError> {
    let users = state.store.list_users(user.workspace.id).await?;
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
        invite,
        errors,
        invite_link,
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

fn respond(view: SettingsPage, status: StatusCode) -> Result<Response, AppError> {
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

/// Creates an invitation and shows its link on the settings page for the owner to pass on.
pub async fn invite(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: ClientKey,
    headers: HeaderMap,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings");
    let mut errors = FieldErrors::default();
    let bucket = user.workspace.id.0.to_string();
    if let Err(wait) = state
        .rate_limits
        .blocked("invite-refused", &bucket, REFUSED_INVITES)
    {
        let minutes = wait.retry_after_secs.div_ceil(60).to_string();
        errors.add_message(
            "invite_email",
            p.tr.t_args("invite-throttled", &[("minutes", &minutes)]),
        );
        let view = settings_page(&state, p, &user, None, Some(f), errors, None).await?;
        let mut response = respond(view, StatusCode::TOO_MANY_REQUESTS)?;
        if let Ok(v) = header::HeaderValue::from_str(&wait.retry_after_secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(response);
    }
    let name = errors.check(
        p.tr,
        "invite_name",
        "col-name",
        NonEmpty::parse("name", &f.name),
    );
    let email = errors.check(p.tr, "invite_email", "col-email", Email::parse(&f.email));
    let role = errors.check(p.tr, "invite_role", "users-role", Role::parse(&f.role));
    let language = errors.check(
        p.tr,
        "invite_language",
        "lang-label",
        Language::parse(&f.language),
    );
    if let (Some(name), Some(email), Some(role), Some(language)) = (name, email, role, language) {
        let token = random_token();
        let now = state.now();
        let new = NewUser {
            name: name.clone(),
            email,
            role,
            language,
            password: None,
        };
        match state
            .store
            .create_user(
                user.workspace.id,
                &new,
                None,
                Some((&token_hash(&token), now + INVITE_SECONDS)),
                now,
            )
            .await
        {
            Ok(invited) => {
                Audit::by(&user, &client)
                    .record(
                        &state,
                        audit_action::INVITE,
                        ("user", Some(invited.id.0)),
                        &format!("role={}", role.code()),
                    )
                    .await;
                let link = format!("{}/invite/{token}", base_url(&state, &headers));
                let view = settings_page(
                    &state,
                    p,
                    &user,
                    None,
                    None,
                    FieldErrors::default(),
                    Some((name.to_string(), link)),
                )
                .await?;
                return respond(view, StatusCode::OK);
            }
            // The same answer whether the address is one of this business's people or of
            // another business: the page must not tell which addresses use Kunde elsewhere.
            Err(StoreError::Conflict(_)) => {
                state
                    .rate_limits
                    .take("invite-refused", &bucket, REFUSED_INVITES);
                errors.add_message("invite_email", p.t("error-invite-unavailable"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let view = settings_page(&state, p, &user, None, Some(f), errors, None).await?;
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

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    p: Page,
    invited: Option<User>,
    business: String,
    errors: FieldErrors,
}

async fn invite_page(
    state: &AppState,
    p: Page,
    token: &str,
    errors: FieldErrors,
) -> Result<(InvitePage, Option<User>), AppError> {
    let invited = state
        .store
        .find_invitation(&token_hash(token), state.now())
        .await?;
    let business = match &invited {
        Some(u) => state.store.get_workspace(u.workspace_id).await?.name,
        None => String::new(),
    };
    Ok((
        InvitePage {
            p,
            invited: invited.clone(),
            business,
            errors,
        },
        invited,
    ))
}

pub async fn invite_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let tr = public_tr(&headers);
    let (view, invited) = invite_page(
        &state,
        Page::public(tr, &csrf, "/invite"),
        &token,
        FieldErrors::default(),
    )
    .await?;
    let status = if invited.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
pub struct AcceptForm {
    password: String,
}

pub async fn invite_accept(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
    Form(f): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let tr = public_tr(&headers);
    let mut errors = FieldErrors::default();
    let password = errors.check(tr, "password", "password-new", Password::parse(&f.password));
    let (view, invited) =
        invite_page(&state, Page::public(tr, &csrf, "/invite"), &token, errors).await?;
    let Some(invited) = invited else {
        let html = view.render()?;
        return Ok((StatusCode::NOT_FOUND, Html(html)).into_response());
    };
    let Some(password) = password else {
        let html = view.render()?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    };
    // argon2 runs on the blocking pool, not on the async workers.
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(AppError::internal)?;
    let fail = AppError::from;
    state
        .store
        .set_password(invited.workspace_id, invited.id, &hash)
        .await
        .map_err(fail)?;
    let cookie = start_session(&state, &invited).await.map_err(fail)?;
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}
