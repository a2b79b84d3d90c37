//! The start page of a workspace: headline figures and where to go next.

use crate::kit::Page;
use crate::kit::Staff;
use crate::kit::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use kunde_store::WorkspaceTotals;

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    p: Page,
    totals: WorkspaceTotals,
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "overview", "/");
    let totals = state.store.workspace_totals(user.workspace.id).await?;
    let page = OverviewPage { p, totals };
    page.render().map(Html).map_err(AppError::from)
}
