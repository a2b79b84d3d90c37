//! The owner's campaign pages: the list, the form (new and edit, while a draft), and one
//! campaign with its preview per language, its sending controls and its numbers.

use super::form::{
    CampaignForm, DEFAULT_HOLDOUT, DEFAULT_RATE, VersionFields, WEEKDAYS, body_field, local_input,
    subject_field,
};
use crate::kit::error::AppError;
use crate::kit::markdown;
use crate::kit::{FieldErrors, Notice, Notices, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::{Language, Segment, TouchpointId, WorkspaceId};
use kunde_store::{Campaign, CampaignCounts, CampaignStatus, NewCampaign};
use serde::Deserialize;

/// The notices the campaign pages show after an action.
pub struct CampaignNotices;

impl Notices for CampaignNotices {
    const KEYS: &'static [&'static str] = &[
        "campaign-saved",
        "campaign-test-sent",
        "campaign-scheduled",
        "campaign-unscheduled",
        "campaign-paused",
        "campaign-resumed",
    ];
}

#[derive(Template)]
#[template(path = "campaigns/list.html")]
struct ListPage {
    p: Page,
    campaigns: Vec<Campaign>,
}

/// The translation key of a campaign's status.
fn status_key(c: &Campaign) -> String {
    format!("campaign-status-{}", c.status.code())
}

impl ListPage {
    fn status_key(&self, c: &Campaign) -> String {
        status_key(c)
    }
}

pub async fn list(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let p = staff.page("campaigns", "/campaigns");
    let campaigns = state.store.list_campaigns(staff.workspace()).await?;
    Ok(Html(ListPage { p, campaigns }.render()?).into_response())
}

#[derive(Template)]
#[template(path = "campaigns/form.html")]
struct FormPage {
    p: Page,
    form: CampaignForm,
    errors: FieldErrors,
    segments: Vec<Segment>,
    touchpoints: Vec<(TouchpointId, String)>,
    versions: Vec<VersionFields>,
    default_language: Language,
    editing: Option<i64>,
    weekdays: [&'static str; 7],
    nths: [&'static str; 4],
}

impl FormPage {
    fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/campaigns/{id}/edit"),
            None => "/campaigns/new".to_owned(),
        }
    }
}

/// Every touchpoint of the business's journeys, named "journey: touchpoint".
async fn touchpoints(
    state: &AppState,
    ws: WorkspaceId,
) -> Result<Vec<(TouchpointId, String)>, AppError> {
    let mut all = Vec::new();
    for j in state.store.list_journeys(ws).await? {
        for t in state.store.list_touchpoints(ws, j.id).await? {
            all.push((t.id, format!("{}: {}", j.name, t.name)));
        }
    }
    Ok(all)
}

async fn form_page(
    state: &AppState,
    staff: &Staff,
    form: CampaignForm,
    errors: FieldErrors,
    editing: Option<i64>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let path = match editing {
        Some(id) => format!("/campaigns/{id}/edit"),
        None => "/campaigns/new".to_owned(),
    };
    let p = staff.page("campaigns", &path);
    let ws = staff.workspace();
    let versions = Language::ALL
        .into_iter()
        .map(|l| {
            let (subject, body) = form.version(l);
            VersionFields {
                language: l,
                subject: subject.to_owned(),
                body: body.to_owned(),
                subject_error: errors.get(subject_field(l)),
                body_error: errors.get(body_field(l)),
            }
        })
        .collect();
    let view = FormPage {
        p,
        segments: state.store.list_segments(ws).await?,
        touchpoints: touchpoints(state, ws).await?,
        versions,
        default_language: staff.user.workspace.default_language,
        form,
        errors,
        editing,
        weekdays: WEEKDAYS,
        nths: [
            "campaign-nth-1",
            "campaign-nth-2",
            "campaign-nth-3",
            "campaign-nth-4",
        ],
    };
    Ok((status, Html(view.render()?)).into_response())
}

pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let form = CampaignForm {
        kind: "newsletter".to_owned(),
        holdout: DEFAULT_HOLDOUT.to_string(),
        rate: DEFAULT_RATE.to_string(),
        repeat_nth: "1".to_owned(),
        repeat_weekday: "1".to_owned(),
        repeat_time: "09:00".to_owned(),
        ..CampaignForm::default()
    };
    form_page(
        &state,
        &staff,
        form,
        FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

async fn parse_form(
    state: &AppState,
    staff: &Staff,
    form: &CampaignForm,
) -> Result<Result<NewCampaign, FieldErrors>, AppError> {
    let ws = staff.workspace();
    let p = staff.page("campaigns", "/campaigns");
    let segments = state.store.list_segments(ws).await?;
    let tps = touchpoints(state, ws).await?;
    Ok(form.parse(
        &p,
        &segments,
        &tps,
        staff.user.workspace.default_language,
        &staff.user.time_zone,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<CampaignForm>,
) -> Result<Response, AppError> {
    match parse_form(&state, &staff, &form).await? {
        Ok(c) => {
            let id = state
                .store
                .create_campaign(staff.workspace(), &c, state.now())
                .await?;
            Ok(Redirect::to(&format!("/campaigns/{id}?done=campaign-saved")).into_response())
        }
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            form_page(&state, &staff, form, errors, None, status).await
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let c = state.store.campaign(staff.workspace(), id).await?;
    if c.status != CampaignStatus::Draft {
        return Ok(Redirect::to(&format!("/campaigns/{id}")).into_response());
    }
    let form = CampaignForm::of(&c, &staff.user.time_zone);
    form_page(
        &state,
        &staff,
        form,
        FieldErrors::default(),
        Some(id),
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<CampaignForm>,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let c = state.store.campaign(ws, id).await?;
    if c.status != CampaignStatus::Draft {
        return Ok(Redirect::to(&format!("/campaigns/{id}")).into_response());
    }
    match parse_form(&state, &staff, &form).await? {
        Ok(c) => {
            state.store.update_campaign(ws, id, &c).await?;
            Ok(Redirect::to(&format!("/campaigns/{id}?done=campaign-saved")).into_response())
        }
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            form_page(&state, &staff, form, errors, Some(id), status).await
        }
    }
}

#[derive(Template)]
#[template(path = "campaigns/show.html")]
struct ShowPage {
    p: Page,
    c: Campaign,
    segment_name: String,
    counts: CampaignCounts,
    /// The language previewed, its subject and its body as the e-mail shows it.
    preview_language: Language,
    preview_subject: String,
    preview_html: String,
    /// The time the schedule field shows (the business's zone, `YYYY-MM-DDTHH:MM`).
    at: String,
    at_error: String,
    report: Option<super::report::Report>,
    /// Orders that carried one of the offer's codes.
    redeemed: i64,
    /// Clicks per link, for a started campaign that counts them.
    clicks: Option<super::clicks::ClickReport>,
    /// The offer's dates and the repeat rule, in words.
    offer_text: String,
    repeat_text: String,
}

impl ShowPage {
    fn status_key(&self) -> String {
        status_key(&self.c)
    }

    /// "x % of the recipients clicked a link (n of m)".
    fn clicks_line(&self) -> String {
        let Some(k) = &self.clicks else {
            return String::new();
        };
        let share = self.p.percent(&k.share, 1);
        let (clickers, sent) = (k.clickers.to_string(), k.sent.to_string());
        self.p.tr.t_args(
            "campaign-clicks-share",
            &[("share", &share), ("clickers", &clickers), ("sent", &sent)],
        )
    }

    /// A mean or difference of counts, two decimals in the reader's way.
    fn num(&self, x: &f64) -> String {
        self.p.number(x, 2)
    }

    /// An amount in minor units (a mean, so rounded to the unit) in the business's currency.
    fn money(&self, x: &f64) -> String {
        self.p.money(&kunde_domain::Money(x.round() as i64))
    }
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    lang: Option<String>,
    days: Option<i64>,
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
    notice: Notice<CampaignNotices>,
) -> Result<Response, AppError> {
    show_page(&state, &staff, id, q, notice.key(), None, StatusCode::OK).await
}

pub(super) async fn show_page(
    state: &AppState,
    staff: &Staff,
    id: i64,
    q: ShowQuery,
    notice: Option<&'static str>,
    refused: Option<(String, String)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let ws = staff.workspace();
    let p = staff
        .page("campaigns", &format!("/campaigns/{id}"))
        .with_notice(notice);
    let c = state.store.campaign(ws, id).await?;
    let default = staff.user.workspace.default_language;
    let asked = q.lang.as_deref().and_then(|l| Language::parse(l).ok());
    let version = c.version_for(asked.unwrap_or(default), default);
    let preview_language = version.map(|v| v.language).unwrap_or(default);
    let segment_name = match c.segment {
        Some(s) => state.store.segment(ws, s).await.map(|s| s.name).ok(),
        None => None,
    }
    .unwrap_or_default();
    let report = match c.started_at {
        Some(started) => Some(super::report::build(state, ws, &c, started, q.days).await?),
        None => None,
    };
    // A new schedule starts from the next hour.
    let at = local_input(&staff.user.time_zone, Some(state.now() + 3600)).unwrap_or_default();
    let tz = crate::kit::format::zone(&staff.user.time_zone);
    let offer_text = match &c.offer {
        Some(o) => {
            let lang = p.tr.lang();
            let code = o
                .code
                .clone()
                .unwrap_or_else(|| p.t("campaign-offer-per-customer"));
            p.tr.t_args(
                "campaign-offer-is",
                &[
                    ("code", &code),
                    (
                        "from",
                        &crate::kit::format::local_date(lang, &tz, o.valid_from),
                    ),
                    (
                        "until",
                        &crate::kit::format::local_date(lang, &tz, o.valid_until),
                    ),
                ],
            )
        }
        None => String::new(),
    };
    let repeat_text = match c.repeat {
        Some((nth, weekday, minute)) => p.tr.t_args(
            "campaign-repeat-is",
            &[
                ("nth", &p.t(&format!("campaign-nth-{nth}"))),
                (
                    "weekday",
                    &p.t(WEEKDAYS[(weekday.clamp(1, 7) - 1) as usize]),
                ),
                ("time", &format!("{:02}:{:02}", minute / 60, minute % 60)),
            ],
        ),
        None => String::new(),
    };
    let counts = state.store.campaign_counts(ws, id).await?;
    let clicks = match c.started_at {
        Some(_) if c.track_clicks => {
            Some(super::clicks::report(state, ws, &c, counts.queued).await?)
        }
        _ => None,
    };
    let view = ShowPage {
        clicks,
        redeemed: if c.offer.is_some() {
            state.store.offer_redemptions(ws, id).await?
        } else {
            0
        },
        offer_text,
        repeat_text,
        counts,
        preview_subject: version.map(|v| v.subject.clone()).unwrap_or_default(),
        preview_html: markdown::render(version.map(|v| v.body.as_str()).unwrap_or("")),
        preview_language,
        segment_name,
        at: match &refused {
            Some((typed, _)) => typed.clone(),
            None => local_input(&staff.user.time_zone, c.scheduled_at).unwrap_or(at),
        },
        at_error: refused.map(|(_, e)| e).unwrap_or_default(),
        report,
        p,
        c,
    };
    Ok((status, Html(view.render()?)).into_response())
}

/// Whether the campaign is ready to send: it has a version in the business's language.
pub(super) fn ready(c: &Campaign, default: Language) -> bool {
    c.segment.is_some() && c.versions.iter().any(|v| v.language == default)
}

pub(super) fn redirect(id: i64, done: &str) -> Response {
    Redirect::to(&format!("/campaigns/{id}?done={done}")).into_response()
}
