//! TEMPORARY stand-in for main's `ratelimit` until it is merged.
use crate::AppState;
pub struct ClientKey(pub String);
impl axum::extract::FromRequestParts<AppState> for ClientKey {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        _parts: &mut axum::http::request::Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self("unknown".into()))
    }
}
pub fn check(_s: &AppState, _b: &'static str, _c: &str, _n: u32) -> Result<(), ()> {
    Ok(())
}
