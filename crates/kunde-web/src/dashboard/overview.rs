//! The start page of a workspace: headline figures and where to go next.

use crate::kit::Page;
use crate::kit::csrf::CsrfToken;
use crate::kit::error::PageError;
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Html;
use kunde_store::{SessionUser, WorkspaceTotals};

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    p: Page,
    totals: WorkspaceTotals,
}

pub async fn page(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    let p = Page::staff(&user, &csrf, "overview", "/");
    let totals = state
        .store
        .workspace_totals(user.workspace.id)
        .await
        .map_err(|e| p.err(e.into()))?;
    let page = OverviewPage { p, totals };
    page.render().map(Html).map_err(|e| page.p.err(e.into()))
}
