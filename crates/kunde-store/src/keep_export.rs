//! What the privacy export holds of keeping in touch (issue 15): the waiting lists a
//! customer is on, with the time of their consent, and the thank-you notes written to them.

use crate::{Result, Store};
use kunde_domain::*;

/// What the privacy export holds of demand lists and thank-you notes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportKeepInTouch {
    /// The items the customer waits (or waited) for.
    pub waiting_lists: Vec<ExportWaiting>,
    /// Hand-written notes recorded as sent to them.
    pub thank_you_notes: Vec<ExportNote>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportWaiting {
    pub item: String,
    /// `notify-form` (asked through the public form) or `staff`.
    pub source: String,
    pub added_at: i64,
    pub consent_at: Option<i64>,
    pub notified_at: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportNote {
    pub reason: String,
    pub written_at: i64,
}

impl Store {
    /// The customer's waiting lists and thank-you notes, for `customer_export`.
    pub(crate) async fn keep_in_touch_export(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<ExportKeepInTouch> {
        let waiting_lists = self
            .customer_demand(ws, customer)
            .await?
            .into_iter()
            .map(|w| ExportWaiting {
                item: w.item,
                source: w.source,
                added_at: w.added_at,
                consent_at: w.consent_at,
                notified_at: w.notified_at,
            })
            .collect();
        let thank_you_notes = self
            .thank_you_notes(ws, Some(customer), i64::MIN)
            .await?
            .into_iter()
            .map(|n| ExportNote {
                reason: n.reason,
                written_at: n.written_at,
            })
            .collect();
        Ok(ExportKeepInTouch {
            waiting_lists,
            thank_you_notes,
        })
    }
}
