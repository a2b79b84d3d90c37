//! The form for logging an interaction (a phone call, a visit) on a customer's page, read
//! into an event of the customer (or each field's error).

use crate::kit::{FieldErrors, format_datetime};
use kunde_domain::*;
use serde::Deserialize;

/// Staff recording an interaction (a phone call, a visit) on the customer's page.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct LogForm {
    pub(super) touchpoint: String,
    pub(super) channel: String,
    pub(super) at: String,
    pub(super) note: String,
    pub(super) amount: String,
}

/// A form field that may be left empty.
pub(super) fn optional(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// The longest note kept with a logged interaction.
const NOTE_MAX: usize = 2000;

/// `YYYY-MM-DDTHH:MM`, the value a `datetime-local` input shows.
pub(super) fn datetime_local(unix: i64) -> String {
    format_datetime(unix).replace(' ', "T")
}

impl LogForm {
    /// The interaction as an event of `customer`, marked as logged by `staff`.
    pub(super) fn parse(
        &self,
        tr: crate::kit::i18n::Tr,
        touchpoints: &[Touchpoint],
        customer: CustomerId,
        staff: UserId,
    ) -> Result<NewEvent, FieldErrors> {
        let mut errors = FieldErrors::default();
        let touchpoint = self
            .touchpoint
            .parse::<i64>()
            .ok()
            .and_then(|id| touchpoints.iter().find(|t| t.id.0 == id));
        if touchpoint.is_none() {
            errors.add_message("touchpoint", tr.t("log-error-touchpoint"));
        }
        let channel = errors.check(tr, "channel", "log-channel", Channel::parse(&self.channel));
        let at = kunde_import::parse_datetime(&self.at);
        if at.is_none() {
            errors.add_message(
                "at",
                tr.t_args("log-error-time", &[("value", self.at.trim())]),
            );
        }
        let amount = errors.check(
            tr,
            "amount",
            "log-amount",
            optional(&self.amount).map(Money::parse).transpose(),
        );
        let note = optional(&self.note).map(str::to_owned);
        if note.as_ref().is_some_and(|n| n.chars().count() > NOTE_MAX) {
            errors.add(
                tr,
                "note",
                "log-note",
                &ValidationError::TooLong {
                    field: "note",
                    max: NOTE_MAX,
                },
            );
        }
        match (touchpoint, channel, at, amount) {
            (Some(t), Some(channel), Some(occurred_at), Some(amount)) if errors.is_empty() => {
                let mut properties = serde_json::Map::new();
                properties.insert("source".into(), "manual".into());
                properties.insert("logged_by".into(), staff.0.into());
                if let Some(note) = note {
                    properties.insert("note".into(), note.into());
                }
                Ok(NewEvent {
                    customer_id: Some(customer),
                    visitor_id: None,
                    touchpoint_id: t.id,
                    occurred_at,
                    channel,
                    amount,
                    properties: serde_json::Value::Object(properties).to_string(),
                })
            }
            _ => Err(errors),
        }
    }
}
