//! Extractors that replace the prologue every page handler used to write: [`Staff`] is the
//! signed-in user with the request's CSRF token (put there by the auth and CSRF layers), and
//! [`Notice`] is the `?done=` notice of a page, accepted only from the feature's own list.

use crate::kit::csrf::CsrfToken;
use crate::kit::error::AppError;
use crate::kit::page::Page;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kunde_store::SessionUser;
use std::marker::PhantomData;

/// A signed-in member of staff (or the owner) and the CSRF token for the page's forms. Only
/// routes behind `require_user` can produce it; anywhere else it answers 403.
#[derive(Clone)]
pub struct Staff {
    pub user: SessionUser,
    pub csrf: CsrfToken,
}

impl Staff {
    /// The page context for a template: `nav` names the menu entry, `path` the page.
    pub fn page(&self, nav: &'static str, path: &str) -> Page {
        Page::staff(&self.user, &self.csrf, nav, path)
    }

    pub fn workspace(&self) -> kunde_domain::WorkspaceId {
        self.user.workspace.id
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let user = parts
            .extensions
            .get::<SessionUser>()
            .cloned()
            .ok_or(AppError::Forbidden)?;
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or(AppError::Forbidden)?;
        Ok(Self { user, csrf })
    }
}

/// The notices one feature's pages may show after a redirect (`?done=key`); each key is a
/// translation key. Declared once per feature, so a link cannot make a page say anything else.
pub trait Notices: Send + Sync + 'static {
    const KEYS: &'static [&'static str];
}

/// The `?done=` notice of the request, if it is one of `N`'s keys.
pub struct Notice<N: Notices>(Option<&'static str>, PhantomData<N>);

impl<N: Notices> Notice<N> {
    /// The accepted key, if any.
    pub fn key(&self) -> Option<&'static str> {
        self.0
    }

    /// A notice for `key` when it is one of `N`'s (for handlers that read `done` themselves).
    pub fn from_key(key: Option<&str>) -> Self {
        Self(
            key.and_then(|k| N::KEYS.iter().copied().find(|known| *known == k)),
            PhantomData,
        )
    }
}

impl<N: Notices, S: Send + Sync> FromRequestParts<S> for Notice<N> {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let done = parts.uri.query().and_then(|q| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                .ok()?
                .into_iter()
                .find(|(k, _)| k == "done")
                .map(|(_, v)| v)
        });
        Ok(Self::from_key(done.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Mine;
    impl Notices for Mine {
        const KEYS: &'static [&'static str] = &["thing-saved"];
    }

    #[test]
    fn only_the_features_own_notices_are_accepted() {
        assert_eq!(
            Notice::<Mine>::from_key(Some("thing-saved")).key(),
            Some("thing-saved")
        );
        assert_eq!(Notice::<Mine>::from_key(Some("error-internal")).key(), None);
        assert_eq!(Notice::<Mine>::from_key(None).key(), None);
    }
}
