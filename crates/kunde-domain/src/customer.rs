//! The business's customers.

use crate::{Channel, CustomerId, Email, Language, Money, NonEmpty, Phone, WorkspaceId};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Customer {
    pub id: CustomerId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub language: crate::Language,
    pub marketing_consent: bool,
    /// The marketing channel that brought the customer, such as "google_ads" or "referral".
    pub acquisition_channel: Option<String>,
    /// What it cost to acquire this customer, in minor units.
    pub acquisition_cost: Money,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub name: NonEmpty,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub language: Language,
    pub marketing_consent: bool,
    pub acquisition_channel: Option<NonEmpty>,
    pub acquisition_cost: Money,
    pub created_at: i64,
}

impl NewCustomer {
    /// A customer with only a name; everything else at its default.
    pub fn named(name: NonEmpty, created_at: i64) -> Self {
        Self {
            name,
            email: None,
            phone: None,
            language: Language::default(),
            marketing_consent: false,
            acquisition_channel: None,
            acquisition_cost: Money(0),
            created_at,
        }
    }
}

/// Acquisition channels offered in forms; the store accepts any non-empty name.
pub const ACQUISITION_CHANNELS: [&str; 7] = [
    "walk_in",
    "google_ads",
    "facebook",
    "instagram",
    "referral",
    "review_site",
    "newsletter",
];

impl Channel {
    /// Convenience for forms that offer an "unknown" choice.
    pub fn parse_optional(s: &str) -> Result<Option<Self>, crate::ValidationError> {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(s).map(Some)
        }
    }
}
