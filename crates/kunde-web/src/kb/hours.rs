//! The owner's opening-hours page (`/settings/hours`): opening hours per weekday, holidays and
//! the time zone that service targets are counted in (`kunde_domain::business_hours`).

use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use kunde_domain::business_hours::{
    BusinessCalendar, CalendarError, format_day_hours, format_holiday_lines, parse_day_hours,
    parse_holiday_lines, time_zone,
};
use serde::Deserialize;

/// The notices this page may show after a redirect (`?done=…`).
pub(super) struct HoursNotices;

impl Notices for HoursNotices {
    const KEYS: &'static [&'static str] = &["hours-saved"];
}

pub fn owner_routes() -> Router<AppState> {
    Router::new().route("/settings/hours", get(page).post(save))
}

/// Field names of the seven weekdays, Monday first, and their label keys.
const DAYS: [(&str, &str); 7] = [
    ("mon", "hours-day-mon"),
    ("tue", "hours-day-tue"),
    ("wed", "hours-day-wed"),
    ("thu", "hours-day-thu"),
    ("fri", "hours-day-fri"),
    ("sat", "hours-day-sat"),
    ("sun", "hours-day-sun"),
];

/// The target the page's preview computes a due time for: four business hours.
const PREVIEW_TARGET: i64 = 4 * 3600;

#[derive(Deserialize, Default, Clone)]
pub struct HoursForm {
    time_zone: String,
    #[serde(default)]
    mon: String,
    #[serde(default)]
    tue: String,
    #[serde(default)]
    wed: String,
    #[serde(default)]
    thu: String,
    #[serde(default)]
    fri: String,
    #[serde(default)]
    sat: String,
    #[serde(default)]
    sun: String,
    #[serde(default)]
    holidays: String,
}

impl HoursForm {
    fn from_calendar(c: &BusinessCalendar) -> Self {
        let w = c.week();
        Self {
            time_zone: c.time_zone_name().to_owned(),
            mon: format_day_hours(&w[0]),
            tue: format_day_hours(&w[1]),
            wed: format_day_hours(&w[2]),
            thu: format_day_hours(&w[3]),
            fri: format_day_hours(&w[4]),
            sat: format_day_hours(&w[5]),
            sun: format_day_hours(&w[6]),
            holidays: format_holiday_lines(c.holidays()),
        }
    }

    fn days(&self) -> [&str; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }
}

/// A weekday row of the form: field name, label, current text.
pub struct DayRow {
    field: &'static str,
    label: String,
    value: String,
}

#[derive(Template)]
#[template(path = "kb/hours.html")]
struct HoursPage {
    p: Page,
    form: HoursForm,
    rows: Vec<DayRow>,
    errors: FieldErrors,
    /// False while the workspace still runs on the defaults.
    saved: bool,
    /// What the saved calendar says right now: open or not, and when a 4-hour target set now
    /// would be due, in the business's local time.
    preview: Option<(bool, String)>,
}

fn render(
    p: Page,
    form: HoursForm,
    errors: FieldErrors,
    saved: bool,
    preview: Option<(bool, String)>,
    status: StatusCode,
) -> Response {
    let rows = DAYS
        .iter()
        .zip(form.days())
        .map(|((field, key), value)| DayRow {
            field,
            label: p.t(key),
            value: value.to_owned(),
        })
        .collect();
    let view = HoursPage {
        p,
        form,
        rows,
        errors,
        saved,
        preview,
    };
    match view.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

pub async fn page(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    done: Notice<HoursNotices>,
) -> Result<Response, AppError> {
    let mut p = Page::staff(&user, &csrf, "settings", "/settings/hours");
    if done.key() == Some("hours-saved") {
        p.notice = Some(p.t("hours-saved"));
    }
    let (calendar, saved) = state
        .store
        .business_calendar_saved(user.workspace.id)
        .await?;
    let now = state.now();
    let preview = Some((
        calendar.is_open_at(now),
        calendar.format_local(calendar.deadline(now, PREVIEW_TARGET)),
    ));
    Ok(render(
        p,
        HoursForm::from_calendar(&calendar),
        FieldErrors::default(),
        saved,
        preview,
        StatusCode::OK,
    ))
}

fn message(p: &Page, e: &CalendarError) -> String {
    p.tr.t_args(e.message_key(), &[("value", e.value())])
}

pub async fn save(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<HoursForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "settings", "/settings/hours");
    let mut errors = FieldErrors::default();
    if let Err(e) = time_zone(&f.time_zone) {
        errors.add_message("time_zone", message(&p, &e));
    }
    let mut week: [Vec<_>; 7] = Default::default();
    for (i, ((field, _), text)) in DAYS.iter().zip(f.days()).enumerate() {
        match parse_day_hours(text) {
            Ok(intervals) => week[i] = intervals,
            Err(e) => errors.add_message(field, message(&p, &e)),
        }
    }
    let holidays = match parse_holiday_lines(&f.holidays) {
        Ok(h) => h,
        Err(e) => {
            errors.add_message("holidays", message(&p, &e));
            Vec::new()
        }
    };
    if errors.is_empty() {
        match BusinessCalendar::new(&f.time_zone, week, holidays) {
            Ok(calendar) => {
                state
                    .store
                    .save_business_calendar(user.workspace.id, &calendar, state.now())
                    .await?;
                return Ok(Redirect::to("/settings/hours?done=hours-saved").into_response());
            }
            Err(e) => errors.add_message("mon", message(&p, &e)),
        }
    }
    let saved = state
        .store
        .business_calendar_saved(user.workspace.id)
        .await?
        .1;
    Ok(render(
        p,
        f,
        errors,
        saved,
        None,
        StatusCode::UNPROCESSABLE_ENTITY,
    ))
}
