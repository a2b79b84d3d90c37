//! Signing in and out, the first-run set-up of a new Kunde, and the language switch.

use crate::kit::audit::Audit;
use crate::kit::auth::{
    self, clear_session_cookie, public_tr, safe_next, start_session, token_hash,
};
use crate::kit::client::ClientKey;
use crate::kit::cookies::cookie;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::{AppError, PageError};
use crate::kit::extract::{Notice, Notices};
use crate::kit::ratelimit::Window;
use crate::kit::{FieldErrors, Page};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{StoreError, audit_action};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    p: Page,
    email: String,
    next: String,
    failed: bool,
    throttled: bool,
}

#[derive(Deserialize)]
pub struct SigninQuery {
    next: Option<String>,
}

/// The notices the sign-in page may show after a redirect (`?done=…`).
pub(super) struct SigninNotices;

impl Notices for SigninNotices {
    const KEYS: &'static [&'static str] = &["signout-done", "error-setup-done"];
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<SigninQuery>,
    done: Notice<SigninNotices>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    if state
        .store
        .count_workspaces()
        .await
        .map_err(|e| PageError(tr, e.into()))?
        == 0
    {
        return Ok(Redirect::to("/setup").into_response());
    }
    let page = SigninPage {
        p: Page::public(tr, &csrf, "/signin").with_notice(done.key()),
        email: String::new(),
        next: safe_next(q.next.as_deref()).to_owned(),
        failed: false,
        throttled: false,
    };
    Ok(Html(page.render().map_err(|e| PageError(tr, e.into()))?).into_response())
}

#[derive(Deserialize)]
pub struct SigninForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// Failed sign-ins allowed per account: 10, one more every 90 seconds.
const SIGNIN_PER_ACCOUNT: Window = Window {
    capacity: 10,
    seconds: 900.0,
};
/// Failed sign-ins allowed per client: 30, one more every 30 seconds.
const SIGNIN_PER_CLIENT: Window = Window {
    capacity: 30,
    seconds: 900.0,
};

/// Checks the password against `hash` (or a dummy hash, so an unknown address, an invitation
/// not yet accepted and a removed person take as long) on the blocking pool: argon2 must not
/// hold up the async workers. Counted in [`AppState::password_checks`].
async fn verify_off_the_workers(state: &AppState, hash: Option<String>, password: String) -> bool {
    let checks = state.password_checks.clone();
    tokio::task::spawn_blocking(move || {
        let ok = match hash {
            Some(h) => auth::verify_password(&h, &password),
            None => {
                auth::verify_dummy(&password);
                false
            }
        };
        checks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        ok
    })
    .await
    .unwrap_or(false)
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    client: ClientKey,
    Form(f): Form<SigninForm>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    let account = f.email.trim().to_lowercase();
    let limits = &state.rate_limits;
    let refused = |f: SigninForm, failed: bool, throttled: bool| -> Result<String, PageError> {
        SigninPage {
            p: Page::public(tr, &csrf, "/signin"),
            email: f.email,
            next: safe_next(f.next.as_deref()).to_owned(),
            failed,
            throttled,
        }
        .render()
        .map_err(|e| PageError(tr, e.into()))
    };
    if let Err(wait) = limits
        .blocked("signin-client", &client.0, SIGNIN_PER_CLIENT)
        .and_then(|()| limits.blocked("signin-account", &account, SIGNIN_PER_ACCOUNT))
    {
        tracing::info!("sign-in throttled");
        let html = refused(f, false, true)?;
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, wait.retry_after_secs.to_string())],
            Html(html),
        )
            .into_response());
    }
    let record = match Email::parse(&f.email) {
        Ok(email) => state
            .store
            .find_user_by_email(&email)
            .await
            .map_err(|e| PageError(tr, e.into()))?,
        Err(_) => None,
    };
    // Exactly one argon2 verification on every path, so the time says nothing.
    let hash = record
        .as_ref()
        .filter(|r| r.user.active)
        .and_then(|r| r.password_hash.clone());
    let verified = verify_off_the_workers(&state, hash, f.password.clone()).await;
    let (user, known) = match record {
        Some(r) if verified => (Some(r.user), None),
        Some(r) => (None, Some(r.user)),
        None => (None, None),
    };
    let Some(user) = user else {
        tracing::info!("failed sign-in");
        limits.take("signin-client", &client.0, SIGNIN_PER_CLIENT);
        limits.take("signin-account", &account, SIGNIN_PER_ACCOUNT);
        // Recorded after the answer, not before it: a database write only for known
        // addresses would make their refusal slower than an unknown address's.
        if let Some(known) = known {
            let state = state.clone();
            let client = client.clone();
            tokio::spawn(async move {
                Audit::anonymous(known.workspace_id, "sign-in form", &client)
                    .record(
                        &state,
                        audit_action::SIGNIN_FAILED,
                        ("user", Some(known.id.0)),
                        "",
                    )
                    .await;
            });
        }
        let html = refused(f, true, false)?;
        return Ok((StatusCode::UNAUTHORIZED, Html(html)).into_response());
    };
    let cookie = start_session(&state, &user)
        .await
        .map_err(|e| PageError(tr, e.into()))?;
    Audit::user(&user, &client)
        .record(&state, audit_action::SIGNIN, ("user", Some(user.id.0)), "")
        .await;
    let mut response = Redirect::to(safe_next(f.next.as_deref())).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

pub async fn signout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, auth::SESSION_COOKIE)
        && let Err(e) = state.store.delete_session(&token_hash(&token)).await
    {
        tracing::error!(error = %e, "ending a session failed");
    }
    let mut response = Redirect::to("/signin?done=signout-done").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie());
    response
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    p: Page,
    f: SetupForm,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
pub struct SetupForm {
    business: String,
    name: String,
    email: String,
    password: String,
    language: String,
    currency: String,
}

pub async fn setup_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    if state
        .store
        .count_workspaces()
        .await
        .map_err(|e| PageError(tr, e.into()))?
        > 0
    {
        return Ok(Redirect::to("/signin?done=error-setup-done").into_response());
    }
    let f = SetupForm {
        language: tr.lang().code().to_owned(),
        currency: "DKK".into(),
        ..Default::default()
    };
    let page = SetupPage {
        p: Page::public(tr, &csrf, "/setup"),
        f,
        errors: FieldErrors::default(),
    };
    Ok(Html(page.render().map_err(|e| PageError(tr, e.into()))?).into_response())
}

/// Creates the first workspace and its owner. Only possible while the server has none: later
/// workspaces are created from the command line (`kunde user create --workspace`).
pub async fn setup_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<SetupForm>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    let fail = |e: StoreError| PageError(tr, e.into());
    if state.store.count_workspaces().await.map_err(fail)? > 0 {
        return Ok(Redirect::to("/signin?done=error-setup-done").into_response());
    }
    let mut errors = FieldErrors::default();
    let business = errors.check(
        tr,
        "business",
        "setup-business",
        NonEmpty::parse("business", &f.business),
    );
    let name = errors.check(
        tr,
        "name",
        "setup-owner-name",
        NonEmpty::parse("name", &f.name),
    );
    let email = errors.check(tr, "email", "signin-email", Email::parse(&f.email));
    let password = errors.check(
        tr,
        "password",
        "signin-password",
        Password::parse(&f.password),
    );
    let language = errors.check(
        tr,
        "language",
        "setup-language",
        Language::parse(&f.language),
    );
    let currency = f.currency.trim().to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        errors.add_message(
            "currency",
            tr.t_args("error-empty", &[("field", &tr.t("setup-currency"))]),
        );
    }
    let (Some(business), Some(name), Some(email), Some(password), Some(language), true) =
        (business, name, email, password, language, errors.is_empty())
    else {
        let page = SetupPage {
            p: Page::public(tr, &csrf, "/setup"),
            f,
            errors,
        };
        let html = page.render().map_err(|e| PageError(tr, e.into()))?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    };
    let workspace = NewWorkspace {
        name: business,
        default_language: language,
        currency,
    };
    let owner = NewUser {
        name,
        email,
        role: Role::Owner,
        language,
        password: None,
    };
    let hash = auth::hash_password(&password);
    let (_, user) = state
        .store
        .create_workspace(&workspace, &owner, &hash, state.now())
        .await
        .map_err(fail)?;
    let cookie = start_session(&state, &user).await.map_err(fail)?;
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

#[derive(Deserialize)]
pub struct LanguageForm {
    language: String,
    back: Option<String>,
}

/// Switches the language: remembered in a cookie, and for a signed-in user in their profile.
pub async fn set_language(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<LanguageForm>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    let language = Language::parse(&f.language).map_err(|_| PageError(tr, AppError::BadRequest))?;
    if let Some(u) = auth::current_user(&state, &headers).await {
        state
            .store
            .set_user_language(u.user.workspace_id, u.user.id, language)
            .await
            .map_err(|e| PageError(tr, e.into()))?;
    }
    let mut response = Redirect::to(safe_next(f.back.as_deref())).into_response();
    let cookie = format!(
        "{}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        auth::LANG_COOKIE,
        language.code()
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ascii"),
    );
    Ok(response)
}
