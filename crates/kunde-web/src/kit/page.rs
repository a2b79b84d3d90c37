//! The page context every template receives ([`Page`]) and the form-error helper
//! ([`FieldErrors`]) that shows a translated message next to the field it is about.

use crate::kit::csrf::CsrfToken;
use crate::kit::error::{AppError, PageError};
use crate::kit::format::{format_money, local_date, local_datetime, number, percent, zone};
use crate::kit::i18n::Tr;
use kunde_domain::{Language, Money, ValidationError};
use kunde_store::SessionUser;

/// What every page template receives: the translator, the CSRF token for its forms, the
/// signed-in user (if any), which navigation entry is current, and a one-off notice.
pub struct Page {
    /// The business's time zone for every time on the page (UTC on public pages that have
    /// no business behind them).
    pub tz: jiff::tz::TimeZone,
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
            tz: jiff::tz::TimeZone::UTC,
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
            tz: zone(&user.time_zone),
            tr: Tr::new(user.user.language),
            csrf: csrf.0.clone(),
            user: Some(user.clone()),
            nav,
            notice: None,
            path: path.to_owned(),
        }
    }

    /// Shows the notice `key` (a translation key), already checked against the feature's
    /// own list by [`crate::kit::extract::Notice`]: a link cannot make a page say anything
    /// else.
    pub fn with_notice(mut self, key: Option<&'static str>) -> Self {
        self.notice = key.map(|k| self.tr.t(k));
        self
    }

    /// Shows times in the time zone named `name` (a public page of a business).
    pub fn in_zone(mut self, name: &str) -> Self {
        self.tz = zone(name);
        self
    }

    /// A date and time in the business's zone, the way the reader's language writes it.
    pub fn datetime(&self, unix: &i64) -> String {
        local_datetime(self.tr.lang(), &self.tz, *unix)
    }

    /// A number with `decimals` places in the reader's language ("50,4" in Danish).
    pub fn number(&self, x: &f64, decimals: usize) -> String {
        number(self.tr.lang(), *x, decimals)
    }

    /// A percentage in the reader's language ("79,0 %" in Danish).
    pub fn percent(&self, x: &f64, decimals: usize) -> String {
        percent(self.tr.lang(), *x, decimals)
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

    /// Whether `id` is the signed-in user.
    pub fn is_me(&self, id: &kunde_domain::UserId) -> bool {
        self.user.as_ref().is_some_and(|u| u.user.id == *id)
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
        local_date(self.tr.lang(), &self.tz, *unix)
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

    /// An acquisition channel in words ([`crate::kit::format::acquisition_channel`]).
    pub fn acquisition(&self, code: &str) -> String {
        crate::kit::format::acquisition_channel(&self.tr, code)
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
