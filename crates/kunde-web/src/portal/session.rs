//! What every portal page shares: finding the business by its address (the help centre's
//! `kb_sites` slug, never an id), the portal's own session cookie, the two extractors
//! ([`PortalSite`] for the signed-out pages, [`PortalCustomer`] for the rest), and the page
//! context with the business's currency and time zone.

use crate::kit::Page;
use crate::kit::auth::{public_tr, token_hash};
use crate::kit::cookies::cookie;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::AppError;
use crate::kit::format::format_money;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use kunde_domain::{Customer, Money, Workspace};

/// The portal's session cookie: separate from staff sessions (`kunde_session`).
pub const COOKIE: &str = "kunde_portal";
/// A portal session ends after this long without a request…
pub const IDLE_SECONDS: i64 = 30 * 60;
/// …and at the latest this long after sign-in.
pub const SESSION_SECONDS: i64 = 12 * 3600;
/// A sign-in link is valid this long.
pub const LINK_SECONDS: i64 = 15 * 60;

/// The business behind a portal address, with the visitor's language and CSRF token.
pub struct PortalSite {
    pub workspace: Workspace,
    pub site: String,
    pub tr: Tr,
    pub csrf: CsrfToken,
}

impl PortalSite {
    pub fn page(&self, path: &str) -> PortalPage {
        PortalPage {
            p: Page::public(self.tr, &self.csrf, path),
            business: self.workspace.name.clone(),
            site: self.site.clone(),
            currency: self.workspace.currency.clone(),
            signed_in: false,
        }
    }
}

/// A signed-in customer of the business behind the portal address.
pub struct PortalCustomer {
    pub site: PortalSite,
    pub customer: Customer,
    /// The hash of the session's token (for signing out).
    pub session: String,
}

impl PortalCustomer {
    pub fn ws(&self) -> kunde_domain::WorkspaceId {
        self.site.workspace.id
    }

    pub fn page(&self, path: &str) -> PortalPage {
        let mut page = self.site.page(path);
        page.signed_in = true;
        page
    }

    pub fn base(&self) -> String {
        format!("/portal/{}", self.site.site)
    }
}

/// What every portal template receives besides its own data.
pub struct PortalPage {
    pub p: Page,
    pub business: String,
    pub site: String,
    pub currency: String,
    pub signed_in: bool,
}

impl PortalPage {
    pub fn money(&self, m: &Money) -> String {
        format_money(self.p.tr.lang(), *m, &self.currency)
    }
    pub fn t(&self, key: &str) -> String {
        self.p.t(key)
    }
}

/// Site addresses are slugs: lower-case letters, digits and dashes.
fn plausible(site: &str) -> bool {
    !site.is_empty()
        && site.len() <= 100
        && site
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

async fn site_of(parts: &mut Parts, state: &AppState) -> Result<PortalSite, Response> {
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound.into_response())?;
    let site = params
        .iter()
        .find(|(k, _)| *k == "site")
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default();
    if !plausible(&site) {
        return Err(AppError::NotFound.into_response());
    }
    let ws = state
        .store
        .help_site_workspace(&site)
        .await
        .map_err(|e| AppError::from(e).into_response())?
        .ok_or_else(|| AppError::NotFound.into_response())?;
    let workspace = state
        .store
        .get_workspace(ws)
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    let csrf = parts
        .extensions
        .get::<CsrfToken>()
        .cloned()
        .ok_or_else(|| AppError::Forbidden.into_response())?;
    Ok(PortalSite {
        workspace,
        site,
        tr: public_tr(&parts.headers),
        csrf,
    })
}

impl FromRequestParts<AppState> for PortalSite {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        site_of(parts, state).await
    }
}

impl FromRequestParts<AppState> for PortalCustomer {
    type Rejection = Response;

    /// Anyone without a live portal session of this business (signed out, expired, a staff
    /// session, another business's session) is sent to the sign-in page.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let mut site = site_of(parts, state).await?;
        let signin = Redirect::to(&format!("/portal/{}", site.site)).into_response();
        let Some(token) = cookie(&parts.headers, COOKIE) else {
            return Err(signin);
        };
        let session = token_hash(&token);
        let customer = state
            .store
            .portal_session(site.workspace.id, &session, state.now(), IDLE_SECONDS)
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        let Some(customer) = customer else {
            return Err(signin);
        };
        site.tr = Tr::new(customer.language);
        Ok(PortalCustomer {
            site,
            customer,
            session,
        })
    }
}

fn secure(state: &AppState) -> &'static str {
    if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

/// The `Set-Cookie` of a new portal session, sent only to this business's portal pages.
pub fn session_cookie(state: &AppState, site: &str, token: &str) -> HeaderValue {
    let value = format!(
        "{COOKIE}={token}; Path=/portal/{site}; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{}",
        secure(state)
    );
    HeaderValue::from_str(&value).expect("cookie is ASCII")
}

pub fn clear_cookie(state: &AppState, site: &str) -> HeaderValue {
    let value = format!(
        "{COOKIE}=; Path=/portal/{site}; HttpOnly; SameSite=Lax; Max-Age=0{}",
        secure(state)
    );
    HeaderValue::from_str(&value).expect("cookie is ASCII")
}

/// Today in the business's time zone, `YYYY-MM-DD` (for invoice status).
pub async fn today(state: &AppState, ws: kunde_domain::WorkspaceId) -> Result<String, AppError> {
    let cal = state.store.business_calendar(ws).await?;
    Ok(cal.format_local(state.now()).chars().take(10).collect())
}

/// A file name safe in a `Content-Disposition` header.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A download that is never rendered in the site's origin: `application/octet-stream` with
/// its own name, not cached.
pub fn download(name: &str, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", safe_file_name(name)),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// Documents are at most 20 MB.
pub const DOCUMENT_LIMIT: usize = 20 * 1024 * 1024;

/// Reads the one `file` field of an upload form: (name, content type, bytes), or the
/// message key of what is wrong.
pub async fn read_file(
    mut form: axum::extract::Multipart,
) -> Result<(String, String, Vec<u8>), &'static str> {
    let mut file = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field
                    .file_name()
                    .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
                    .unwrap_or_default();
                let kind = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                match field.bytes().await {
                    Ok(b) if b.len() > DOCUMENT_LIMIT => return Err("portal-error-too-large"),
                    Ok(b) if !b.is_empty() && !name.is_empty() => {
                        file = Some((name.chars().take(200).collect(), kind, b.to_vec()))
                    }
                    Ok(_) => return Err("portal-error-no-file"),
                    Err(_) => return Err("portal-error-too-large"),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return Err("portal-error-too-large"),
        }
    }
    file.ok_or("portal-error-no-file")
}

/// The headers of a request, for building absolute links in e-mails.
pub fn public_url(state: &AppState, headers: &HeaderMap) -> String {
    state.public_url(Some(headers))
}

/// Timed work: removes portal sessions past their end or idle too long, and old links (safe
/// to run twice: it only deletes what is dead).
pub async fn run_due(state: &AppState, now: i64) -> Result<u64, kunde_store::StoreError> {
    state.store.purge_portal_sessions(now, IDLE_SECONDS).await
}

/// The notices portal and staff pages may show after a redirect (`?done=`).
pub struct PortalNotices;

impl crate::kit::extract::Notices for PortalNotices {
    const KEYS: &'static [&'static str] = &[
        "portal-signed-out",
        "portal-case-opened",
        "portal-reply-sent",
        "portal-uploaded",
        "portal-profile-saved",
        "portal-invoice-saved",
        "portal-document-shared",
        "portal-sessions-ended",
    ];
}
