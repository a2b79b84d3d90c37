//! The HTML pages, one module per area, and what they share: the page context every template
//! receives, form-error helpers and formatting of dates and money per language.

pub(crate) mod analytics;
pub(crate) mod cases;
mod customers;
mod help;
mod hours;
mod import;
mod journey_edit;
mod journeys;
mod kb;
mod mail_settings;
mod overview;
mod segments;
mod settings;
mod signin;
pub mod survey_results;
mod surveys;

use crate::AppState;
use crate::auth::{require_owner, require_user};
use crate::csrf::CsrfToken;
use crate::error::{AppError, PageError};
use crate::i18n::Tr;
use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use kunde_domain::{Language, Money, ValidationError};
use kunde_store::SessionUser;

pub fn routes(state: AppState) -> Router<AppState> {
    let public = Router::new()
        .route("/signin", get(signin::form).post(signin::submit))
        .route("/setup", get(signin::setup_form).post(signin::setup_submit))
        .route(
            "/invite/{token}",
            get(settings::invite_form).post(settings::invite_accept),
        )
        .route("/language", post(signin::set_language))
        .route("/healthz", get(|| async { "ok" }))
        .merge(help::public_routes())
        .merge(cases::public_routes())
        .merge(surveys::public_routes())
        .merge(survey_results::public_routes());
    let staff = Router::new()
        .route("/", get(overview::page))
        .route("/signout", post(signin::signout))
        .route("/customers", get(customers::list))
        .route(
            "/customers/new",
            get(customers::new_form).post(customers::create),
        )
        .route("/customers/{id}", get(customers::show))
        .route("/customers/{id}/log", post(customers::log_interaction))
        .route(
            "/customers/{id}/edit",
            get(customers::edit_form).post(customers::update),
        )
        .route("/journeys", get(journeys::list))
        .route("/journeys/{id}", get(journeys::show))
        .route("/journeys/{id}/map.svg", get(journeys::map_svg))
        .route("/journeys/{id}/map.png", get(journeys::map_png))
        .route("/journeys/{id}/compare", get(journeys::compare))
        .route("/analytics/funnel", get(analytics::funnel_page))
        .route("/analytics/funnel.csv", get(analytics::funnel_csv))
        .route("/analytics/paths", get(analytics::paths_page))
        .route("/analytics/paths.csv", get(analytics::paths_csv))
        .merge(kb::staff_routes())
        .merge(cases::staff_routes())
        .merge(surveys::staff_routes())
        .merge(survey_results::staff_routes())
        .merge(segments::staff_routes())
        .route_layer(from_fn_with_state(state.clone(), require_user));
    let owner = Router::new()
        .route("/journeys/new", post(journeys::create))
        .route("/journeys/{id}/touchpoints", post(journeys::add_touchpoint))
        .merge(journey_edit::owner_routes())
        .merge(mail_settings::owner_routes())
        .merge(hours::owner_routes())
        .merge(kb::owner_routes())
        .merge(surveys::owner_routes())
        .merge(segments::owner_routes())
        .route("/settings", get(settings::page).post(settings::save))
        .route("/settings/invite", post(settings::invite))
        .route("/settings/api-keys", post(settings::create_api_key))
        .route(
            "/settings/api-keys/{id}/revoke",
            post(settings::revoke_api_key),
        )
        .route(
            "/import",
            get(import::form)
                .post(import::upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::csrf::UPLOAD_LIMIT,
                )),
        )
        .route("/import/{id}", get(import::show))
        .route("/import/{id}/check", post(import::check))
        .route("/import/{id}/run", post(import::run))
        .route("/import/{id}/cancel", post(import::cancel))
        .route("/import/{id}/status", get(import::status))
        .merge(cases::owner_routes())
        .merge(survey_results::owner_routes())
        .route_layer(axum::middleware::from_fn(require_owner))
        .route_layer(from_fn_with_state(state, require_user));
    public.merge(staff).merge(owner)
}

/// What every page template receives: the translator, the CSRF token for its forms, the
/// signed-in user (if any), which navigation entry is current, and a one-off notice.
pub struct Page {
    pub tr: Tr,
    pub csrf: String,
    pub user: Option<SessionUser>,
    pub nav: &'static str,
    pub notice: Option<String>,
    pub path: String,
}

impl Page {
    pub fn public(tr: Tr, csrf: &CsrfToken, path: &str) -> Self {
        Self {
            tr,
            csrf: csrf.0.clone(),
            user: None,
            nav: "",
            notice: None,
            path: path.to_owned(),
        }
    }

    pub fn staff(user: &SessionUser, csrf: &CsrfToken, nav: &'static str, path: &str) -> Self {
        Self {
            tr: Tr::new(user.user.language),
            csrf: csrf.0.clone(),
            user: Some(user.clone()),
            nav,
            notice: None,
            path: path.to_owned(),
        }
    }

    /// Shows the notice named by a `done` query parameter, if it is one of ours.
    pub fn with_notice(mut self, done: Option<&str>) -> Self {
        const NOTICES: [&str; 7] = [
            "customer-created",
            "customer-saved",
            "journey-created",
            "tp-added",
            "settings-saved",
            "signout-done",
            "error-setup-done",
        ];
        self.notice = done.filter(|d| NOTICES.contains(d)).map(|d| self.tr.t(d));
        self
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    pub fn lang(&self) -> &'static str {
        self.tr.lang().code()
    }

    pub fn is_owner(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.user.role == kunde_domain::Role::Owner)
    }

    pub fn business(&self) -> &str {
        self.user.as_ref().map_or("", |u| u.workspace.name.as_str())
    }

    pub fn languages(&self) -> [Language; 4] {
        Language::ALL
    }

    pub fn err(&self, e: AppError) -> PageError {
        PageError(self.tr, e)
    }

    pub fn date(&self, unix: &i64) -> String {
        format_date(*unix)
    }

    /// A pluralised message with the count `n`.
    pub fn count(&self, key: &str, n: &i64) -> String {
        self.tr.t_count(key, *n)
    }

    /// A message with one argument, `name`.
    pub fn named(&self, key: &str, name: &str) -> String {
        self.tr.t_args(key, &[("name", name)])
    }

    pub fn variant(&self, v: &kunde_domain::JourneyVariant) -> String {
        self.t(&format!("variant-{}", v.code()))
    }

    pub fn channel(&self, c: &kunde_domain::Channel) -> String {
        self.t(&format!("channel-{}", c.code()))
    }

    pub fn role(&self, r: &kunde_domain::Role) -> String {
        self.t(&format!("role-{}", r.code()))
    }

    pub fn money(&self, m: &Money) -> String {
        let currency = self
            .user
            .as_ref()
            .map_or("", |u| u.workspace.currency.as_str());
        format_money(self.tr.lang(), *m, currency)
    }
}

/// A field's error, translated, for showing next to that field.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, tr: Tr, field: &'static str, label_key: &str, e: &ValidationError) {
        let (value, max, min) = match e {
            ValidationError::Email(v) | ValidationError::Phone(v) | ValidationError::Money(v) => {
                (v.clone(), 0, 0)
            }
            ValidationError::TooLong { max, .. } => (String::new(), *max, 0),
            ValidationError::PasswordTooShort { min } => (String::new(), 0, *min),
            _ => (String::new(), 0, 0),
        };
        let label = tr.t(label_key);
        let message = tr.t_args(
            e.message_key(),
            &[
                ("field", &label),
                ("value", &value),
                ("max", &max.to_string()),
                ("min", &min.to_string()),
            ],
        );
        self.0.push((field, message));
    }

    pub fn add_message(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for `field`, or an empty string (templates show it when not empty).
    pub fn get(&self, field: &str) -> String {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }

    /// Parses with `parse`, recording the error under `field` and returning None on failure.
    pub fn check<T>(
        &mut self,
        tr: Tr,
        field: &'static str,
        label_key: &str,
        result: Result<T, ValidationError>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(tr, field, label_key, &e);
                None
            }
        }
    }
}

pub fn format_date(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| format!("{}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default()
}

pub fn format_datetime(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| {
            format!(
                "{}-{:02}-{:02} {:02}:{:02}",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_default()
}

/// Money the way each language writes it: "DKK 1,234.50" in English, "1.234,50 DKK" in
/// Danish, "1 234,50 DKK" in Swedish.
pub fn format_money(lang: Language, m: Money, currency: &str) -> String {
    let negative = m.0 < 0;
    let abs = m.0.unsigned_abs();
    let (units, cents) = (abs / 100, abs % 100);
    let (group, decimal) = match lang {
        Language::Da => ('.', ','),
        Language::Sv => ('\u{a0}', ','),
        Language::En | Language::Tl => (',', '.'),
    };
    let digits = units.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    let number = format!("{sign}{grouped}{decimal}{cents:02}");
    match lang {
        Language::En | Language::Tl => format!("{currency} {number}").trim().to_owned(),
        _ => format!("{number} {currency}").trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_the_way_each_language_writes_it() {
        assert_eq!(
            format_money(Language::En, Money(123_456_789), "DKK"),
            "DKK 1,234,567.89"
        );
        assert_eq!(
            format_money(Language::Da, Money(123_450), "DKK"),
            "1.234,50 DKK"
        );
        assert_eq!(
            format_money(Language::Sv, Money(123_450), "SEK"),
            "1\u{a0}234,50 SEK"
        );
        assert_eq!(format_money(Language::Da, Money(-5), "DKK"), "-0,05 DKK");
        assert_eq!(format_money(Language::En, Money(99_900), ""), "999.00");
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(format_date(1_767_225_600), "2026-01-01");
        assert_eq!(format_datetime(1_767_225_600 + 3_660), "2026-01-01 01:01");
    }
}
