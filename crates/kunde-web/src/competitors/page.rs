//! The competitors page (`/competitors`): the competitors and every standard with where the
//! business stands; the owner adds and removes competitors and saves (or replaces) a
//! touchpoint's standard of a kind with the business's value, the target and each
//! competitor's value.

use super::standing::{StandingView, TIME_UNITS, standings, value_text};
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::standards::StandardKind;
use kunde_domain::TouchpointId;
use kunde_store::{Competitor, NewStandard, Standard, StandardValue, StoreError, TouchpointChoice};
use serde::Deserialize;
use std::collections::HashMap;

pub struct CompetitorNotices;

impl Notices for CompetitorNotices {
    const KEYS: &'static [&'static str] = &[
        "comp-added",
        "comp-deleted",
        "comp-standard-saved",
        "comp-standard-deleted",
    ];
}

/// One standard as the page shows it.
pub struct Row {
    pub s: Standard,
    pub view: StandingView,
    /// Each competitor's value, in the competitors' order ("–" without one).
    pub values: Vec<String>,
    pub own: String,
    pub target: String,
}

#[derive(Template)]
#[template(path = "competitors/page.html")]
struct CompetitorsPage {
    p: Page,
    competitors: Vec<Competitor>,
    rows: Vec<Row>,
    touchpoints: Vec<TouchpointChoice>,
    message: Option<String>,
}

impl CompetitorsPage {
    fn kinds(&self) -> [&'static str; 5] {
        StandardKind::ALL.map(StandardKind::code)
    }

    fn units(&self) -> [&'static str; 4] {
        TIME_UNITS
    }

    fn is_default_unit(&self, u: &str) -> bool {
        u == "days"
    }
}

async fn render(
    state: &AppState,
    p: Page,
    message: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let ws = p
        .user
        .as_ref()
        .ok_or_else(|| AppError::internal("no user"))?
        .workspace
        .id;
    let competitors = state.store.list_competitors(ws).await?;
    let standards = state.store.list_standards(ws, None).await?;
    let views = standings(&p, &standards);
    let rows = standards
        .into_iter()
        .zip(views)
        .map(|(s, view)| {
            let kind = StandardKind::parse(&s.kind).unwrap_or(StandardKind::Text);
            let values = competitors
                .iter()
                .map(|c| {
                    s.competitors
                        .iter()
                        .find(|(id, ..)| *id == c.id)
                        .map_or_else(
                            || "–".to_owned(),
                            |(_, _, v)| value_text(&p, kind, &s.unit, v),
                        )
                })
                .collect();
            Row {
                own: value_text(&p, kind, &s.unit, &s.own),
                target: value_text(&p, kind, &s.unit, &s.target),
                values,
                view,
                s,
            }
        })
        .collect();
    let touchpoints = state.store.touchpoint_choices(ws).await?;
    let html = CompetitorsPage {
        p,
        competitors,
        rows,
        touchpoints,
        message,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<CompetitorNotices>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "journeys", "/competitors").with_notice(done.key());
    render(&state, p, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct CompetitorForm {
    name: String,
}

pub async fn add_competitor(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<CompetitorForm>,
) -> Result<Response, AppError> {
    let name = f.name.trim();
    let p = Page::staff(&user, &csrf, "journeys", "/competitors");
    if name.is_empty() || name.chars().count() > 200 {
        let m = p.t("comp-error-name");
        return render(&state, p, Some(m), StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match state
        .store
        .add_competitor(user.workspace.id, name, (state.clock)())
        .await
    {
        Ok(_) => Ok(Redirect::to("/competitors?done=comp-added").into_response()),
        Err(StoreError::Conflict(_)) => {
            let m = p.t("comp-error-exists");
            render(&state, p, Some(m), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn delete_competitor(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.store.delete_competitor(user.workspace.id, id).await?;
    Ok(Redirect::to("/competitors?done=comp-deleted").into_response())
}

/// A number as typed in any of Kunde's languages ("1.5", "1,5", "1 500"); empty is `None`.
fn parse_number(s: &str) -> Result<Option<f64>, ()> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let t = t.replace(',', ".");
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
        _ => Err(()),
    }
}

fn value_of(kind: StandardKind, s: &str) -> Result<StandardValue, ()> {
    let s = s.trim();
    if s.chars().count() > 500 {
        return Err(());
    }
    if kind == StandardKind::Text {
        return Ok(StandardValue {
            value: None,
            text: s.to_owned(),
        });
    }
    let value = parse_number(s)?;
    if kind == StandardKind::Rating && value.is_some_and(|v| v > 5.0) {
        return Err(());
    }
    Ok(StandardValue {
        value,
        text: String::new(),
    })
}

pub async fn save_standard(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let ws = user.workspace.id;
    let p = Page::staff(&user, &csrf, "journeys", "/competitors");
    let field = |k: &str| f.get(k).map(String::as_str).unwrap_or("");
    let touchpoint: i64 = field("touchpoint_id")
        .parse()
        .map_err(|_| AppError::BadRequest)?;
    let kind = StandardKind::parse(field("kind")).ok_or(AppError::BadRequest)?;
    let unit = match kind {
        StandardKind::Time => {
            let u = field("time_unit");
            if !TIME_UNITS.contains(&u) {
                return Err(AppError::BadRequest);
            }
            u.to_owned()
        }
        StandardKind::Price => field("currency").trim().chars().take(20).collect(),
        _ => String::new(),
    };
    let competitors = state.store.list_competitors(ws).await?;
    let parsed = (|| {
        let own = value_of(kind, field("own"))?;
        let target = value_of(kind, field("target"))?;
        let mut values = Vec::new();
        for c in &competitors {
            let v = value_of(kind, field(&format!("c{}", c.id)))?;
            if v.value.is_some() || !v.text.is_empty() {
                values.push((c.id, v));
            }
        }
        Ok::<_, ()>((own, target, values))
    })();
    let Ok((own, target, values)) = parsed else {
        let m = p.t("comp-error-value");
        return render(&state, p, Some(m), StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let standard = NewStandard {
        touchpoint_id: TouchpointId(touchpoint),
        kind: kind.code().to_owned(),
        unit,
        own,
        target,
        competitors: values,
    };
    state
        .store
        .save_standard(ws, &standard, (state.clock)())
        .await?;
    Ok(Redirect::to("/competitors?done=comp-standard-saved").into_response())
}

pub async fn delete_standard(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.store.delete_standard(user.workspace.id, id).await?;
    Ok(Redirect::to("/competitors?done=comp-standard-deleted").into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn numbers_are_read_as_typed_in_any_language() {
        assert_eq!(parse_number("1,5"), Ok(Some(1.5)));
        assert_eq!(parse_number(" 1.5 "), Ok(Some(1.5)));
        assert_eq!(parse_number("1 500"), Ok(Some(1500.0)));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("fast"), Err(()));
        assert_eq!(parse_number("-3"), Err(()));
    }
}
