//! Where cases meet the business-hours calendar: a case's due times (first response and
//! resolution, and the warnings at 75 % of each) are counted in the workspace's opening hours
//! when the case is opened, and the time left on a timer is counted the same way.

use crate::state::AppState;
use kunde_domain::{BusinessCalendar, CaseCategory, CaseDue, WorkspaceId};
use kunde_store::StoreError;

/// The workspace's calendar, loaded once per request.
pub struct Calendar(pub BusinessCalendar);

impl Calendar {
    pub async fn load(state: &AppState, ws: WorkspaceId) -> Result<Self, StoreError> {
        Ok(Self(state.store.business_calendar(ws).await?))
    }

    /// Opening-hours seconds from `a` to `b` (negative when `b` is before `a`).
    pub fn between(&self, a: i64, b: i64) -> i64 {
        self.0.business_seconds_between(a, b)
    }

    /// The due times of a case of `category` opened at `created_at`.
    pub fn due(&self, category: &CaseCategory, created_at: i64) -> CaseDue {
        CaseDue::for_category(&self.0, category, created_at)
    }
}

/// "3 h 20 min" for a span of seconds (business time), without a sign.
pub fn span(seconds: i64) -> String {
    let minutes = seconds.unsigned_abs() / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    if h == 0 {
        format!("{m} min")
    } else {
        format!("{h} h {m} min")
    }
}
