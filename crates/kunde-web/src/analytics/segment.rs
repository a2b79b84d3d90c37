//! Saving the customers who dropped out of a funnel at one step as a segment, from the
//! funnel page. The funnel is computed again from the form's query, so the saved list is
//! exactly the one the same funnel gives now, all of it (the page lists only the first).

use super::funnel::compute;
use super::params::{self, Pairs, Problems};
use super::source::Source;
use crate::kit::error::{AppError, PageError, render_error};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use kunde_domain::{CustomerId, NewSegment, NonEmpty};
use kunde_store::SessionUser;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SaveForm {
    /// The funnel page's query (steps, window, unit, drop).
    query: String,
    name: String,
}

/// `POST /analytics/funnel/segment`: saves the dropped customers of the funnel in `query`
/// at its drop step and opens the new segment.
pub async fn save_dropped(
    State(state): State<AppState>,
    Extension(user): Extension<SessionUser>,
    Form(f): Form<SaveForm>,
) -> Result<Response, PageError> {
    let tr = crate::kit::i18n::Tr::new(user.user.language);
    let name = match NonEmpty::parse("name", &f.name) {
        Ok(n) => n,
        Err(_) => {
            return Ok(render_error(
                tr,
                StatusCode::UNPROCESSABLE_ENTITY,
                "segment-error-name",
            ));
        }
    };
    let src = Source::load(&state, &user)
        .await
        .map_err(|e| PageError(tr, e))?;
    let pairs = Pairs::parse(Some(&f.query));
    let mut problems = Problems::new(&tr);
    let params = params::funnel_params(&pairs, &src.choices, || src.default_steps(), &mut problems);
    if !problems.messages.is_empty() || params.steps.len() < 2 {
        return Err(PageError(tr, AppError::BadRequest));
    }
    let (src, picked) = tokio::task::spawn_blocking(move || {
        let picked = compute(&src, &params, &tr).map(|c| {
            c.drop_step(params.drop).map(|d| {
                let customers: Vec<CustomerId> = c.report.steps[d - 1]
                    .dropped_customers
                    .iter()
                    .map(|&id| src.data.customer(id).id)
                    .collect();
                let names: Vec<String> = params.steps.iter().map(|&s| src.name(s)).collect();
                (d, names, customers, params.window, params.unit)
            })
        });
        (src, picked)
    })
    .await
    .map_err(|e| PageError(tr, AppError::internal(e.to_string())))?;
    drop(src);
    let Some((d, names, customers, window, unit)) = picked.map_err(|e| PageError(tr, e))? else {
        return Ok(render_error(
            tr,
            StatusCode::UNPROCESSABLE_ENTITY,
            "segment-error-nobody",
        ));
    };
    let window = if unit == params::WindowUnit::Days {
        tr.t_args("analytics-days", &[("n", &window.to_string())])
    } else {
        tr.t_args("analytics-hours", &[("n", &window.to_string())])
    };
    let description = tr.t_args(
        "segment-from-funnel",
        &[
            ("n", &d.to_string()),
            ("step", &names[d - 1]),
            ("funnel", &names.join(" → ")),
            ("window", &window),
        ],
    );
    let segment = state
        .store
        .create_segment(
            user.workspace.id,
            &NewSegment {
                name,
                description,
                customers,
            },
            Some(user.user.id),
            state.now(),
        )
        .await
        .map_err(|e| PageError(tr, e.into()))?;
    Ok(Redirect::to(&format!("/segments/{}", segment.id)).into_response())
}
