//! One journey with its map drawn, adding touchpoints, the map as SVG and PNG downloads, and
//! the as-is and to-be versions side by side. Editing lives in `edit.rs`.

use super::health::{JourneyStats, add_cases, journey_stats};
use super::notices::{JourneyNotices, notice};
use super::view::{build_map, stat_line};
use crate::kit::error::AppError;
use crate::kit::extract::Notice;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::SessionUser;
use serde::Deserialize;

/// A stage with its touchpoints, for the template.
pub(super) struct Column {
    pub stage: Stage,
    pub cards: Vec<CardView>,
    /// For a to-be journey: what the as-is funnel says about the stage of the same name.
    pub as_is: String,
}

/// A touchpoint with what the events say about it.
pub(super) struct CardView {
    pub t: Touchpoint,
    /// "good", "mixed", "poor" or "nodata", for the card's class.
    pub health: &'static str,
    pub stat: String,
    /// For a to-be journey: the matching as-is touchpoint's observed conversion and drop-off.
    pub as_is: String,
    /// Where the business stands against its competitors (line, behind), per standard.
    pub standing: Vec<(String, bool)>,
    /// For a review-site touchpoint with imported reviews: their average and the latest.
    pub reviews: Option<ReviewsCard>,
}

/// What a review-site card shows of the reviews imported onto it.
pub(super) struct ReviewsCard {
    /// The average rating, in the reader's locale.
    pub average: String,
    pub count: usize,
    /// The latest few: (rating, its stars, author, date, text).
    pub latest: Vec<(i64, String, String, String, String)>,
}

/// How many of the latest reviews a card shows.
const LATEST_REVIEWS: usize = 3;

fn reviews_card(
    p: &Page,
    tp: TouchpointId,
    reviews: &[kunde_store::Review],
) -> Option<ReviewsCard> {
    let mut mine: Vec<&kunde_store::Review> =
        reviews.iter().filter(|r| r.touchpoint_id == tp.0).collect();
    if mine.is_empty() {
        return None;
    }
    let average = mine.iter().map(|r| r.rating as f64).sum::<f64>() / mine.len() as f64;
    mine.sort_by_key(|r| std::cmp::Reverse((r.reviewed_at, r.id)));
    Some(ReviewsCard {
        average: p.number(&average, 1),
        count: mine.len(),
        latest: mine
            .iter()
            .take(LATEST_REVIEWS)
            .map(|r| {
                let text: String = r.text.chars().take(140).collect();
                let text = if text.len() < r.text.len() {
                    format!("{text}…")
                } else {
                    text
                };
                let stars = "★".repeat(r.rating.clamp(0, 5) as usize);
                (
                    r.rating,
                    stars,
                    r.author.clone(),
                    p.date(&r.reviewed_at),
                    text,
                )
            })
            .collect(),
    })
}

/// A journey with everything its pages show, read once per request.
pub(super) struct Loaded {
    pub j: Journey,
    pub stages: Vec<Stage>,
    pub touchpoints: Vec<Touchpoint>,
    pub users: Vec<User>,
    /// (touchpoint, the as-is touchpoint it redesigns), for a to-be journey.
    pub counterparts: Vec<(TouchpointId, TouchpointId)>,
    /// The competitors' standards of the workspace's touchpoints.
    pub standards: Vec<kunde_store::Standard>,
    /// The reviews imported onto this journey's review-site touchpoints.
    pub reviews: Vec<kunde_store::Review>,
}

impl Loaded {
    pub fn counterpart_of(&self, tp: TouchpointId) -> Option<TouchpointId> {
        self.counterparts
            .iter()
            .find(|(t, _)| *t == tp)
            .map(|(_, c)| *c)
    }
}

pub(super) async fn load(
    state: &AppState,
    ws: WorkspaceId,
    id: JourneyId,
) -> Result<Loaded, AppError> {
    let j = state.store.get_journey(ws, id).await?;
    let stages = state.store.list_stages(ws, j.id).await?;
    let touchpoints = state.store.list_touchpoints(ws, j.id).await?;
    let users = state.store.list_users(ws).await?;
    let counterparts = state.store.touchpoint_counterparts(ws, j.id).await?;
    let mut standards = state.store.list_standards(ws, None).await?;
    standards.retain(|s| s.journey_id == j.id.0);
    let reviews = if touchpoints.iter().any(|t| t.channel == Channel::ReviewSite) {
        let mut all = state.store.list_reviews(ws).await?;
        all.retain(|r| touchpoints.iter().any(|t| t.id.0 == r.touchpoint_id));
        all
    } else {
        Vec::new()
    };
    Ok(Loaded {
        reviews,
        standards,
        j,
        stages,
        touchpoints,
        users,
        counterparts,
    })
}

/// The as-is journey a to-be journey redesigns, with its observed numbers.
pub(super) struct AsIs {
    pub(super) touchpoints: Vec<Touchpoint>,
    pub(super) stages: Vec<Stage>,
    pub(super) stats: JourneyStats,
}

pub(super) async fn as_is_of(
    state: &AppState,
    ws: WorkspaceId,
    j: &Journey,
) -> Result<Option<AsIs>, AppError> {
    let Some(source) = j
        .counterpart_of
        .filter(|_| j.variant == JourneyVariant::ToBe)
    else {
        return Ok(None);
    };
    let loaded = match load(state, ws, source).await {
        Ok(l) => l,
        Err(AppError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let events = state.store.journey_events(ws, source).await?;
    let mut stats = journey_stats(&loaded.stages, &loaded.touchpoints, &events);
    add_cases(
        &mut stats,
        &state.store.case_root_causes_by_touchpoint(ws).await?,
    );
    Ok(Some(AsIs {
        touchpoints: loaded.touchpoints,
        stages: loaded.stages,
        stats,
    }))
}

pub(super) fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

pub(super) fn health_class(h: kunde_map::Health) -> &'static str {
    match h {
        kunde_map::Health::Good => "good",
        kunde_map::Health::Mixed => "mixed",
        kunde_map::Health::Poor => "poor",
        kunde_map::Health::NoData => "nodata",
    }
}

pub(super) fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.0} %", part as f64 * 100.0 / whole as f64)
    }
}

/// The columns of a journey with each card's numbers, and for a to-be journey what the
/// as-is data says next to each step.
pub(super) fn columns(
    p: &Page,
    l: &Loaded,
    stats: &JourneyStats,
    as_is: Option<&AsIs>,
) -> Vec<Column> {
    let last = l.stages.len().saturating_sub(1);
    let standings = crate::competitors::standings(p, &l.standards);
    l.stages
        .iter()
        .enumerate()
        .map(|(si, stage)| {
            let cards = l
                .touchpoints
                .iter()
                .filter(|t| t.stage_id == stage.id)
                .map(|t| {
                    let st = stats.touchpoints.get(&t.id).copied().unwrap_or_default();
                    let stat = stat_line(p.tr, &st, si == last);
                    let as_is = as_is
                        .map(|a| {
                            // The touchpoint it is recorded to redesign, else one of the same name.
                            let linked = l
                                .counterpart_of(t.id)
                                .and_then(|c| a.touchpoints.iter().find(|o| o.id == c));
                            let found = linked.or_else(|| {
                                a.touchpoints.iter().find(|o| same_name(&o.name, &t.name))
                            });
                            (a, found)
                        })
                        .map(|(a, found)| match found {
                            Some(o) => {
                                let s = a.stats.touchpoints.get(&o.id).copied().unwrap_or_default();
                                p.tr.t_args(
                                    "tobe-asis-touchpoint",
                                    &[
                                        ("name", o.name.as_str()),
                                        ("reached", &s.reached.to_string()),
                                        ("went", &pct(s.went_on, s.reached)),
                                        ("dropped", &pct(s.dropped(), s.reached)),
                                    ],
                                )
                            }
                            None => p.t("tobe-asis-new"),
                        })
                        .unwrap_or_default();
                    CardView {
                        reviews: reviews_card(p, t.id, &l.reviews),
                        standing: standings
                            .iter()
                            .filter(|s| s.touchpoint_id == t.id.0)
                            .map(|s| (s.line.clone(), s.behind))
                            .collect(),
                        t: t.clone(),
                        health: health_class(st.health()),
                        stat,
                        as_is,
                    }
                })
                .collect();
            let as_is = as_is
                .and_then(|a| {
                    let k = a
                        .stages
                        .iter()
                        .position(|s| same_name(&s.name, &stage.name))?;
                    let step = a.stats.funnel.as_ref()?.steps.get(k)?.clone();
                    let from_previous = if k == 0 {
                        "100 %".to_owned()
                    } else {
                        format!("{:.0} %", step.percent_of_previous)
                    };
                    Some(p.tr.t_args(
                        "tobe-asis-stage",
                        &[
                            ("reached", &step.customers.to_string()),
                            ("previous", &from_previous),
                            ("dropped", &step.dropped.to_string()),
                        ],
                    ))
                })
                .unwrap_or_default();
            Column {
                stage: stage.clone(),
                cards,
                as_is,
            }
        })
        .collect()
}

/// The picture of a journey and the numbers behind it.
pub(super) async fn picture(
    state: &AppState,
    p: &Page,
    ws: WorkspaceId,
    l: &Loaded,
) -> Result<(String, JourneyStats), AppError> {
    let events = state.store.journey_events(ws, l.j.id).await?;
    let mut stats = journey_stats(&l.stages, &l.touchpoints, &events);
    add_cases(
        &mut stats,
        &state.store.case_root_causes_by_touchpoint(ws).await?,
    );
    let map = build_map(p.tr, &l.j, &l.stages, &l.touchpoints, &l.users, &stats);
    Ok((kunde_map::render_svg(&map), stats))
}

#[derive(Template)]
#[template(path = "journey.html")]
pub(super) struct ShowPage {
    pub(super) p: Page,
    pub(super) j: Journey,
    pub(super) columns: Vec<Column>,
    pub(super) users: Vec<User>,
    pub(super) related: Vec<Journey>,
    /// The map, drawn by kunde-map with every piece of text escaped there.
    pub(super) svg: String,
    /// The to-be version of this as-is journey, if one exists.
    pub(super) to_be: Option<Journey>,
    pub(super) f: TouchpointForm,
    pub(super) errors: FieldErrors,
}

impl ShowPage {
    fn owner_name(&self, id: &Option<UserId>) -> String {
        id.and_then(|id| self.users.iter().find(|u| u.id == id))
            .map_or_else(|| self.p.t("tp-nobody"), |u| u.name.clone())
    }

    fn channels(&self) -> [Channel; 8] {
        Channel::ALL
    }
}

#[derive(Deserialize, Default)]
pub struct TouchpointForm {
    pub(super) stage_id: String,
    pub(super) name: String,
    pub(super) channel: String,
    #[serde(default)]
    pub(super) digital: Option<String>,
    #[serde(default)]
    pub(super) not_owned: Option<String>,
    #[serde(default)]
    pub(super) owner_id: String,
    #[serde(default)]
    pub(super) customer_goal: String,
    #[serde(default)]
    pub(super) pain_points: String,
    #[serde(default)]
    pub(super) ideas: String,
    /// For a to-be journey: the as-is touchpoint this one redesigns (empty: a new step).
    #[serde(default)]
    pub(super) counterpart_id: String,
}

pub(super) async fn show_page(
    state: &AppState,
    p: Page,
    user: &SessionUser,
    id: JourneyId,
    f: TouchpointForm,
    errors: FieldErrors,
) -> Result<ShowPage, AppError> {
    let ws = user.workspace.id;
    let l = load(state, ws, id).await?;
    let (svg, stats) = picture(state, &p, ws, &l).await?;
    let as_is = as_is_of(state, ws, &l.j).await?;
    let columns = columns(&p, &l, &stats, as_is.as_ref());
    let all = state.store.list_journeys(ws).await?;
    let j = l.j;
    let to_be = all
        .iter()
        .find(|o| o.counterpart_of == Some(j.id) && o.variant == JourneyVariant::ToBe)
        .cloned();
    let related = all
        .into_iter()
        .filter(|o| {
            o.id != j.id
                && (o.counterpart_of == Some(j.id)
                    || o.parent_id == Some(j.id)
                    || j.counterpart_of == Some(o.id)
                    || j.parent_id == Some(o.id))
        })
        .collect();
    Ok(ShowPage {
        p,
        j,
        columns,
        users: l.users,
        related,
        svg,
        to_be,
        f,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    done: Notice<JourneyNotices>,
) -> Result<Html<String>, AppError> {
    let p = notice(
        Page::staff(&user, &csrf, "journeys", &format!("/journeys/{id}")),
        done.key(),
    );
    let f = TouchpointForm {
        channel: "web".into(),
        ..Default::default()
    };
    let view = show_page(&state, p, &user, JourneyId(id), f, FieldErrors::default()).await?;
    view.render().map(Html).map_err(AppError::from)
}

/// A file name for a download: the journey's name with anything unusual replaced.
pub(super) fn file_name(j: &Journey, ext: &str) -> String {
    let stem: String = j
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .filter(char::is_ascii)
        .collect();
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "journey" } else { stem };
    format!("{stem}-map.{ext}")
}

pub(super) fn download(body: Vec<u8>, mime: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

pub async fn map_svg(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "journeys", "");
    let l = load(&state, user.workspace.id, JourneyId(id)).await?;
    let (svg, _) = picture(&state, &p, user.workspace.id, &l).await?;
    let svg = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}");
    Ok(download(
        svg.into_bytes(),
        "image/svg+xml; charset=utf-8",
        &file_name(&l.j, "svg"),
    ))
}

/// PNG pixels per SVG unit: 1400 units become 2100 pixels, sharp on a projector and when
/// pasted into a slide.
pub const PNG_SCALE: f32 = 1.5;

pub async fn map_png(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "journeys", "");
    let l = load(&state, user.workspace.id, JourneyId(id)).await?;
    let (svg, _) = picture(&state, &p, user.workspace.id, &l).await?;
    // Rendering takes tens of milliseconds: off the async threads.
    let png = tokio::task::spawn_blocking(move || kunde_map::render_png(&svg, PNG_SCALE))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(|e| AppError::internal(e.to_string()))?;
    Ok(download(png, "image/png", &file_name(&l.j, "png")))
}

#[derive(Template)]
#[template(path = "journey_compare.html")]
pub(super) struct ComparePage {
    pub(super) p: Page,
    /// The as-is journey and then the to-be one, each with its columns.
    pub(super) sides: Vec<(Journey, Vec<Column>)>,
}

/// The as-is journey and its to-be version side by side, the to-be steps annotated with what
/// the as-is data says about them.
pub async fn compare(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "journeys", &format!("/journeys/{id}/compare"));
    let ws = user.workspace.id;
    let j = state.store.get_journey(ws, JourneyId(id)).await?;
    let (as_is_id, to_be_id) = match (j.variant, j.counterpart_of) {
        (JourneyVariant::ToBe, Some(a)) => (a, j.id),
        _ => {
            let all = state.store.list_journeys(ws).await?;
            let t = all
                .iter()
                .find(|o| o.counterpart_of == Some(j.id) && o.variant == JourneyVariant::ToBe)
                .ok_or_else(|| AppError::NotFound)?;
            (j.id, t.id)
        }
    };
    let left_l = load(&state, ws, as_is_id).await?;
    let right_l = load(&state, ws, to_be_id).await?;
    let events = state.store.journey_events(ws, as_is_id).await?;
    let left_stats = journey_stats(&left_l.stages, &left_l.touchpoints, &events);
    let left = columns(&p, &left_l, &left_stats, None);
    let as_is = as_is_of(&state, ws, &right_l.j).await?;
    let right = columns(&p, &right_l, &JourneyStats::default(), as_is.as_ref());
    let view = ComparePage {
        p,
        sides: vec![(left_l.j, left), (right_l.j, right)],
    };
    view.render().map(Html).map_err(AppError::from)
}

pub async fn add_touchpoint(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<TouchpointForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "journeys", &format!("/journeys/{id}"));
    let ws = user.workspace.id;
    let journey = state.store.get_journey(ws, JourneyId(id)).await?;
    let stages = state.store.list_stages(ws, journey.id).await?;
    let stage = f
        .stage_id
        .parse::<i64>()
        .ok()
        .and_then(|s| stages.iter().find(|st| st.id.0 == s));
    let owner = match f.owner_id.trim() {
        "" => None,
        s => Some(
            s.parse::<i64>()
                .map(UserId)
                .map_err(|_| AppError::BadRequest)?,
        ),
    };
    let mut errors = FieldErrors::default();
    let name = errors.check(p.tr, "name", "tp-name", NonEmpty::parse("name", &f.name));
    let channel = errors.check(p.tr, "channel", "tp-channel", Channel::parse(&f.channel));
    let (Some(stage), Some(name), Some(channel)) = (stage, name, channel) else {
        if stage.is_none() {
            return Err(AppError::BadRequest);
        }
        let view = show_page(&state, p, &user, journey.id, f, errors).await?;
        let html = view.render()?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    };
    let new = NewTouchpoint {
        stage_id: stage.id,
        name,
        channel,
        digital: f.digital.is_some(),
        owned: f.not_owned.is_none(),
        owner_id: owner,
        customer_goal: f.customer_goal.trim().to_owned(),
        pain_points: f.pain_points.trim().to_owned(),
        ideas: f.ideas.trim().to_owned(),
    };
    state.store.create_touchpoint(ws, &new).await?;
    Ok(Redirect::to(&format!("/journeys/{id}?done=tp-added")).into_response())
}
