//! What travels over the wire for every page (issue 17): text compressed for clients that
//! accept it, assets under fingerprinted addresses kept for a year, revalidation by ETag, and
//! an icon where browsers look for one.

mod support;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use kunde_store::testing::TestDb;
use support::*;
use tower::ServiceExt;

on_both_databases!(pages_and_assets_go_out_compressed_and_fingerprinted_assets_are_kept_a_year,);

async fn get(app: &axum::Router, path: &str, headers: &[(&str, &str)]) -> axum::response::Response {
    let mut request = Request::builder().uri(path);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    app.clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn pages_and_assets_go_out_compressed_and_fingerprinted_assets_are_kept_a_year(db: &TestDb) {
    seed_workspace(db, "wire").await;
    let app = kunde_web::router(state(db));

    // The sign-in page links its stylesheet and icon by fingerprinted addresses.
    let page = get(&app, "/signin", &[]).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html =
        String::from_utf8(to_bytes(page.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap();
    let start = html
        .find("/assets/kunde.css?v=")
        .expect("a fingerprinted stylesheet");
    let css = &html[start..html[start..].find('"').unwrap() + start];
    assert!(html.contains("/assets/favicon.svg?v="), "an icon is linked");

    let fresh = get(&app, css, &[]).await;
    assert_eq!(fresh.status(), StatusCode::OK);
    assert_eq!(
        fresh.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let etag = fresh.headers()[header::ETAG].to_str().unwrap().to_owned();
    // An old or missing fingerprint is kept only an hour.
    let stale = get(&app, "/assets/kunde.css?v=0000", &[]).await;
    assert_eq!(
        stale.headers()[header::CACHE_CONTROL],
        "public, max-age=3600"
    );
    // Revalidation answers 304 without the body.
    let again = get(&app, css, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // The 1.1 MB chart library and the pages are compressed for clients that accept gzip.
    let charts = get(
        &app,
        "/assets/echarts.min.js",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(charts.headers()[header::CONTENT_ENCODING], "gzip");
    let body = to_bytes(charts.into_body(), 4 << 20).await.unwrap();
    assert!(
        body.len() < 600 * 1024,
        "compressed to {} bytes",
        body.len()
    );
    let page = get(&app, "/signin", &[("accept-encoding", "gzip")]).await;
    assert_eq!(page.headers()[header::CONTENT_ENCODING], "gzip");
    let plain = get(&app, "/signin", &[]).await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());

    // Browsers ask for /favicon.ico on their own.
    let icon = get(&app, "/favicon.ico", &[]).await;
    assert_eq!(icon.status(), StatusCode::PERMANENT_REDIRECT);
    assert!(
        icon.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/assets/favicon.svg?v=")
    );
}
