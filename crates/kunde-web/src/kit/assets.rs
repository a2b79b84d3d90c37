//! Static files (CSS, the little JavaScript there is, the icon) embedded in the binary, and
//! their fingerprinted addresses: templates link `url("kunde.css")`, which carries the
//! file's hash (`/assets/kunde.css?v=…`), so a browser may keep it for a year and a new
//! version is fetched at once because its address changed. Text files go out compressed by
//! the compression layer of the route table.

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(rust_embed::RustEmbed)]
#[folder = "assets/"]
struct Assets;

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route("/assets/{*file}", get(asset)).route(
        "/favicon.ico",
        get(|| async { Redirect::permanent(&url("favicon.svg")) }),
    )
}

/// The first 16 hex digits of each asset's SHA-256, computed once.
fn fingerprints() -> &'static HashMap<String, String> {
    static PRINTS: OnceLock<HashMap<String, String>> = OnceLock::new();
    PRINTS.get_or_init(|| {
        Assets::iter()
            .filter_map(|name| {
                let file = Assets::get(&name)?;
                let hash = hex::encode(file.metadata.sha256_hash());
                Some((name.into_owned(), hash[..16].to_owned()))
            })
            .collect()
    })
}

/// The fingerprinted address of asset `name`, for templates.
pub fn url(name: &str) -> String {
    match fingerprints().get(name) {
        Some(v) => format!("/assets/{name}?v={v}"),
        None => format!("/assets/{name}"),
    }
}

#[derive(serde::Deserialize)]
struct Version {
    v: Option<String>,
}

async fn asset(
    Path(file): Path<String>,
    Query(version): Query<Version>,
    headers: HeaderMap,
) -> Response {
    let (Some(content), Some(print)) = (Assets::get(&file), fingerprints().get(&file)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{print}\"");
    // The address names this very version: it never changes, keep it for a year.
    let cache = if version.v.as_deref() == Some(print.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, content.metadata.mimetype().to_owned())],
            content.data,
        )
            .into_response()
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    response
}
