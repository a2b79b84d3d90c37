//! Who is asking: password hashing (argon2id), server-side sessions behind an opaque cookie,
//! and the layers that let only signed-in users, or only owners, reach a route.

use crate::kit::cookies::cookie;
use crate::kit::error::render_error;
use crate::kit::i18n::{Tr, from_accept_language};
use crate::state::AppState;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use kunde_domain::{Language, Password, Role, User};
use kunde_store::SessionUser;
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "kunde_session";
pub const LANG_COOKIE: &str = "kunde_lang";
/// Sessions last two weeks from sign-in.
pub const SESSION_SECONDS: i64 = 14 * 24 * 3600;

pub fn hash_password(password: &Password) -> String {
    Argon2::default()
        .hash_password(password.expose().as_bytes())
        .expect("argon2 with default parameters and a system salt cannot fail")
        .to_string()
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordVerifier::<str>::verify_password(&Argon2::default(), password.as_bytes(), hash).is_ok()
}

/// Spends the time of a real verification, so a sign-in attempt for an unknown e-mail takes as
/// long as one with a wrong password and does not reveal which addresses exist.
pub fn verify_dummy(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash =
        DUMMY.get_or_init(|| hash_password(&Password::parse("dummy-password").expect("valid")));
    let _ = verify_password(hash, password);
}

/// The SHA-256 of a secret token, which is what the database keeps: a stolen database copy
/// holds no usable session or invitation.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for `user`; returns the `Set-Cookie` header for it.
pub async fn start_session(
    state: &AppState,
    user: &User,
) -> Result<HeaderValue, kunde_store::StoreError> {
    let token = crate::kit::cookies::random_token();
    let now = state.now();
    state
        .store
        .create_session(&token_hash(&token), user, now, now + SESSION_SECONDS)
        .await?;
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{secure}"
    );
    Ok(HeaderValue::from_str(&cookie).expect("cookie is ASCII"))
}

pub fn clear_session_cookie() -> HeaderValue {
    HeaderValue::from_static("kunde_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The language for a visitor who is not signed in: the language they picked, else their
/// browser's, else English.
pub fn public_tr(headers: &HeaderMap) -> Tr {
    let picked = cookie(headers, LANG_COOKIE).and_then(|c| Language::parse(&c).ok());
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(from_accept_language);
    Tr::new(picked.or(browser).unwrap_or_default())
}

/// `?lang=da` on any page (issue 17): the request is read as if the visitor had picked that
/// language — the language cookie of the request is replaced. One rule for every public page,
/// so a link sent in a customer's language opens in it; an unknown code changes nothing. The
/// response sets no cookie: answer pages live inside other sites' frames and set none.
pub async fn lang_from_query(mut req: Request, next: Next) -> Response {
    let picked = req
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "lang"))
        .and_then(|(_, v)| Language::parse(&v).ok());
    let Some(lang) = picked else {
        return next.run(req).await;
    };
    let mut cookies: Vec<String> = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|pair| {
            !pair.is_empty() && pair.split_once('=').is_none_or(|(k, _)| k != LANG_COOKIE)
        })
        .map(str::to_owned)
        .collect();
    cookies.push(format!("{LANG_COOKIE}={}", lang.code()));
    let headers = req.headers_mut();
    headers.remove(header::COOKIE);
    if let Ok(v) = HeaderValue::from_str(&cookies.join("; ")) {
        headers.insert(header::COOKIE, v);
    }
    next.run(req).await
}

/// The signed-in user behind the request's session cookie, if any.
pub async fn current_user(state: &AppState, headers: &HeaderMap) -> Option<SessionUser> {
    let token = cookie(headers, SESSION_COOKIE)?;
    match state
        .store
        .session_user(&token_hash(&token), state.now())
        .await
    {
        Ok(user) => user,
        Err(e) => {
            tracing::error!(error = %e, "reading a session failed");
            None
        }
    }
}

/// Layer for staff pages: lets signed-in users through (with their [`SessionUser`] and
/// translator in the request's extensions) and sends everyone else to sign in.
pub async fn require_user(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(user) = current_user(&state, request.headers()).await else {
        let path = request.uri().path_and_query().map_or("/", |p| p.as_str());
        let target = if request.method() == axum::http::Method::GET {
            format!("/signin?next={}", urlencode(path))
        } else {
            "/signin".to_owned()
        };
        return Redirect::to(&target).into_response();
    };
    request.extensions_mut().insert(Tr::new(user.user.language));
    request.extensions_mut().insert(user);
    next.run(request).await
}

/// Layer for owner pages; must sit inside [`require_user`].
pub async fn require_owner(request: Request, next: Next) -> Response {
    match request.extensions().get::<SessionUser>() {
        Some(u) if u.user.role == Role::Owner => next.run(request).await,
        Some(u) => render_error(
            Tr::new(u.user.language),
            StatusCode::FORBIDDEN,
            "error-forbidden",
        ),
        None => Redirect::to("/signin").into_response(),
    }
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e[1..].to_owned())
        .unwrap_or_default()
}

/// A `next` parameter is followed only to a path on this site, never to another host: it
/// starts with one `/`, and holds only visible ASCII (no control characters — browsers drop
/// tabs and line feeds, so `/\t/evil.example` would become `//evil.example` — no spaces, no
/// backslashes, nothing a `Location` header cannot carry). Anything else goes to `/`.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && n.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            n
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password(&Password::parse("correct horse").unwrap());
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse"));
        assert!(!verify_password(&hash, "wrong horse"));
        assert!(!verify_password("not a hash", "correct horse"));
    }

    #[test]
    fn next_never_leaves_the_site() {
        assert_eq!(safe_next(Some("/customers?page=2")), "/customers?page=2");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/customers\r\nSet-Cookie: x=1",
            "/\u{0}",
            "/kunde\u{2028}",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(urlencode("/customers?q=a b"), "%2Fcustomers%3Fq%3Da+b");
    }
}
