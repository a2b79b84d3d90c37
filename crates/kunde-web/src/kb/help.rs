//! The public help centre a business links to: `/help/{site}` (its public articles, with
//! full-text search) and `/help/{site}/{slug}` (one article). No sign-in; only articles marked
//! public are ever read here (the store's queries filter on it), so an internal article's
//! address answers 404 exactly like one that does not exist. The page chrome follows the
//! visitor's language; each article is shown in its own language, with links to its
//! public translations.

use crate::kit::Page;
use crate::kit::auth::public_tr;
use crate::kit::client::ClientKey;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::{AppError, PageError, render_error};
use crate::kit::i18n::Tr;
use crate::kit::markdown;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use kunde_domain::{Article, Visibility, WorkspaceId};
use serde::Deserialize;

/// Search results shown at most.
const RESULTS: i64 = 30;

/// Searches one client may run a minute: each is a full-text query on the database.
const SEARCHES_PER_MINUTE: u32 = 30;

pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route("/help/{site}", get(index))
        .route("/help/{site}/{slug}", get(article))
}

pub struct Row {
    a: Article,
    excerpt: String,
}

#[derive(Template)]
#[template(path = "kb/help_index.html")]
struct IndexPage {
    p: Page,
    business: String,
    site: String,
    rows: Vec<Row>,
    search: String,
}

#[derive(Template)]
#[template(path = "kb/help_article.html")]
struct ArticlePage {
    p: Page,
    business: String,
    site: String,
    a: Article,
    html: String,
    translations: Vec<Article>,
}

#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

/// The workspace and business name behind a help-centre address, or 404.
async fn site(state: &AppState, tr: Tr, slug: &str) -> Result<(WorkspaceId, String), PageError> {
    let fail = |e: kunde_store::StoreError| PageError(tr, e.into());
    let ws = state
        .store
        .help_site_workspace(slug)
        .await
        .map_err(fail)?
        .ok_or(PageError(tr, AppError::NotFound))?;
    let name = state.store.get_workspace(ws).await.map_err(fail)?.name;
    Ok((ws, name))
}

pub async fn index(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    client: ClientKey,
    Path(slug): Path<String>,
    Query(q): Query<SearchQuery>,
) -> Result<Response, PageError> {
    let tr = public_tr(&headers);
    let (ws, business) = site(&state, tr, &slug).await?;
    let search = q.q.unwrap_or_default();
    if !search.trim().is_empty()
        && state
            .rate_limits
            .check("help-search", &client.0, SEARCHES_PER_MINUTE)
            .await
            .is_err()
    {
        return Ok(render_error(
            tr,
            StatusCode::TOO_MANY_REQUESTS,
            "error-rate-limited",
        ));
    }
    let mut articles = if search.trim().is_empty() {
        state.store.list_articles(ws, Visibility::Public).await
    } else {
        state
            .store
            .search_articles(ws, &search, Visibility::Public, RESULTS)
            .await
    }
    .map_err(|e| PageError(tr, e.into()))?;
    // The visitor's own language first; search results keep their rank within each part.
    articles.sort_by_key(|a| a.language != tr.lang());
    let rows = articles
        .into_iter()
        .map(|a| Row {
            excerpt: markdown::excerpt(&a.body_markdown, 200),
            a,
        })
        .collect();
    let path = format!("/help/{slug}");
    let view = IndexPage {
        p: Page::public(tr, &csrf, &path),
        business,
        site: slug,
        rows,
        search,
    };
    view.render()
        .map(|html| Html(html).into_response())
        .map_err(|e| PageError(tr, e.into()))
}

pub async fn article(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, article_slug)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let tr = public_tr(&headers);
    let (ws, business) = site(&state, tr, &slug).await?;
    let fail = |e: kunde_store::StoreError| PageError(tr, e.into());
    let a = state
        .store
        .public_article(ws, &article_slug)
        .await
        .map_err(fail)?
        .ok_or(PageError(tr, AppError::NotFound))?;
    let translations = state
        .store
        .article_translations(ws, &a.group_key, Visibility::Public)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|t| t.id != a.id)
        .collect();
    let path = format!("/help/{slug}/{article_slug}");
    let view = ArticlePage {
        p: Page::public(tr, &csrf, &path),
        business,
        site: slug,
        html: markdown::render(&a.body_markdown),
        a,
        translations,
    };
    view.render().map(Html).map_err(|e| PageError(tr, e.into()))
}
