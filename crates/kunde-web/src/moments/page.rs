//! The moments-of-truth page: the ranking as a table (worst first, each touchpoint linking to
//! its card on the map) and, for the owner, the weight of a bad experience.

use super::rank::{Ranking, ranking};
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::format::format_number;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

pub struct MomentsNotices;

impl Notices for MomentsNotices {
    const KEYS: &'static [&'static str] = &["moments-weight-saved"];
}

#[derive(Template)]
#[template(path = "moments/page.html")]
struct MomentsPage {
    p: Page,
    ranking: Ranking,
    weight: String,
    errors: FieldErrors,
}

impl MomentsPage {
    fn num(&self, x: &f64, decimals: usize) -> String {
        format_number(self.p.tr.lang(), *x, decimals)
    }
}

async fn render(
    state: &AppState,
    p: Page,
    weight: Option<String>,
    errors: FieldErrors,
) -> Result<Html<String>, AppError> {
    let user = p
        .user
        .clone()
        .ok_or_else(|| AppError::internal("no user"))?;
    let ws = user.workspace.id;
    let now = (state.clock)();
    let data = state
        .analytics
        .get(&state.store, ws, &user.time_zone)
        .await?;
    let ranking = ranking(state, ws, &data, None, None, now).await?;
    let page = MomentsPage {
        weight: weight.unwrap_or_else(|| ranking.weight.to_string()),
        ranking,
        errors,
        p,
    };
    page.render().map(Html).map_err(AppError::from)
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<MomentsNotices>,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "moments", "/moments").with_notice(done.key());
    render(&state, p, None, FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct WeightForm {
    weight: String,
}

pub async fn save_weight(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<WeightForm>,
) -> Result<Response, AppError> {
    let now = (state.clock)();
    match f.weight.trim().parse::<i64>() {
        Ok(w) if (1..=100).contains(&w) => {
            state
                .store
                .set_moments_weight(user.workspace.id, w, now)
                .await?;
            Ok(Redirect::to("/moments?done=moments-weight-saved").into_response())
        }
        _ => {
            let p = Page::staff(&user, &csrf, "moments", "/moments");
            let mut errors = FieldErrors::default();
            errors.add_message("weight", p.t("moments-weight-invalid"));
            let html = render(&state, p, Some(f.weight), errors).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}
