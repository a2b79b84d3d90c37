//! What every Value page starts from ([`Look`]: "now", the language and the currency;
//! [`Ctx`]: that and the cached log), the churn threshold in force, number formatting, and [`Who`]: the description
//! of the customers behind a figure, carried in links to `/value/customers`.

use crate::kit::error::AppError;
use crate::kit::format::format_money;
use crate::kit::i18n::Tr;
use crate::state::AppState;
use kunde_analytics::churn::{ThresholdProposal, ThresholdQuery, propose_threshold};
use kunde_analytics::civil::days_from_civil;
use kunde_analytics::order_cohorts::Comeback;
use kunde_analytics::{CustomerId, Period, PeriodKey};
use kunde_domain::{Money, Role};
use kunde_store::{AnalyticsData, SessionUser};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How many periods (months) the cohort table shows.
pub(super) const COHORT_MONTHS: usize = 13;

/// What every Value page knows without the event log: the workspace, "now", the language,
/// the currency and whether the user owns the workspace; number formatting. A page computed
/// on the events backend has only this ([`Ctx`] adds the log).
pub(super) struct Look {
    pub ws: kunde_domain::WorkspaceId,
    pub now: i64,
    pub tr: Tr,
    pub currency: String,
    pub owner: bool,
}

impl Look {
    pub(super) fn of(state: &AppState, user: &SessionUser) -> Self {
        Self {
            ws: user.workspace.id,
            now: state.now(),
            tr: Tr::new(user.user.language),
            currency: user.workspace.currency.clone(),
            owner: user.user.role == Role::Owner,
        }
    }

    /// An amount of the log (currency units) as money in the page's language.
    pub(super) fn money(&self, x: f64) -> String {
        format_money(
            self.tr.lang(),
            Money((x * 100.0).round() as i64),
            &self.currency,
        )
    }

    /// A number with `decimals` decimals, with the language's decimal mark.
    pub(super) fn num(&self, x: f64, decimals: usize) -> String {
        let s = format!("{x:.decimals$}");
        match self.tr.lang() {
            kunde_domain::Language::Da | kunde_domain::Language::Sv => s.replace('.', ","),
            _ => s,
        }
    }

    pub(super) fn pct(&self, x: f64) -> String {
        format!("{} %", self.num(x, 1))
    }

    /// The churn threshold the owner asked for with `?days=` (1..=3650), if any: it then
    /// replaces the proposal from the business's own gaps.
    pub(super) fn asked_days(&self, asked: Option<u32>) -> Option<u32> {
        asked.filter(|d| self.owner && (1..=3650).contains(d))
    }

    /// The channel choices from the customers per channel (the words for "none" already
    /// put in): most customers first, then by name.
    pub(super) fn channels_by_count(counts: BTreeMap<String, u64>) -> Vec<String> {
        let mut v: Vec<(String, u64)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|c| c.0).collect()
    }
}

/// [`Look`] with the workspace's cached event log.
pub(super) struct Ctx {
    pub look: Look,
    pub data: Arc<AnalyticsData>,
}

impl std::ops::Deref for Ctx {
    type Target = Look;

    fn deref(&self) -> &Look {
        &self.look
    }
}

impl Ctx {
    /// `compute(self)`, remembered under `key` (the page and every parameter the figures
    /// depend on) for this log and day ([`crate::kit::memo`]).
    pub(super) fn memo<T: Send + Sync + 'static>(
        &self,
        key: String,
        compute: impl FnOnce(&Ctx) -> T,
    ) -> Arc<T> {
        // The owner's choices (a churn threshold) change figures that staff cannot change.
        let key = format!("value {} {key}", self.owner);
        crate::kit::memo::remember(self.ws, &self.data, self.now, key, || compute(self))
    }

    pub(super) async fn load(state: &AppState, user: &SessionUser) -> Result<Self, AppError> {
        let look = Look::of(state, user);
        let data = state
            .analytics
            .get(&state.store, look.ws, &user.time_zone)
            .await?;
        Ok(Self { look, data })
    }

    pub(super) fn log(&self) -> &kunde_analytics::EventLog {
        &self.data.log
    }

    /// The proposal from the business's own gaps, and the threshold in force: the owner's
    /// `?days=` when given (1..=3650), the proposal otherwise.
    pub(super) fn threshold(&self, asked: Option<u32>) -> (ThresholdProposal, u32) {
        let proposal = propose_threshold(self.log(), &ThresholdQuery::new(self.now));
        let days = self.asked_days(asked).unwrap_or(proposal.days);
        (proposal, days)
    }

    /// The rule for "coming back" named by `back` (`order`, `any_event`, `touchpoint` with the
    /// database touchpoint `tp`); orders when the code is unknown or the touchpoint has no
    /// events in this workspace's log.
    pub(super) fn comeback(&self, back: Option<&str>, tp: Option<i64>) -> Comeback {
        let tp = tp.and_then(|id| {
            self.data
                .touchpoints
                .get(&kunde_domain::TouchpointId(id))
                .copied()
        });
        back.and_then(|b| Comeback::from_code(b, tp))
            .unwrap_or(Comeback::Order)
    }

    /// The database touchpoint of a touchpoint rule, for links and the form.
    pub(super) fn comeback_tp(&self, c: Comeback) -> Option<i64> {
        match c {
            Comeback::Touchpoint(tp) => Some(self.data.touchpoint_of(tp).0),
            _ => None,
        }
    }

    /// A customer's acquisition channel, or the words for none.
    pub(super) fn channel_of(&self, c: CustomerId) -> String {
        self.data
            .customer(c)
            .acquisition_channel
            .clone()
            .unwrap_or_else(|| self.tr.t("analytics-no-channel"))
    }

    /// The channels the customers came from, most customers first.
    pub(super) fn channels(&self) -> Vec<String> {
        self.memo("channel names".to_owned(), Ctx::count_channels)
            .as_ref()
            .clone()
    }

    fn count_channels(&self) -> Vec<String> {
        let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
        for i in 0..self.log().customer_count() {
            *counts
                .entry(self.channel_of(CustomerId(i as u32)))
                .or_default() += 1;
        }
        Look::channels_by_count(counts)
    }
}

/// A month label `YYYY-MM` as a month.
pub(super) fn parse_month(label: &str) -> Option<PeriodKey> {
    let (y, m) = label.split_once('-')?;
    let (y, m): (i64, u32) = (y.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&m) || !(1900..=9999).contains(&y) {
        return None;
    }
    Some(Period::Month.key_of(days_from_civil(y, m, 1) * 86_400))
}

/// The customers behind a figure, as the query of `/value/customers`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Who {
    /// `cohort`, `lifecycle`, `lost`, `rfm`, `at_risk`.
    pub who: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tp: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
}

impl Who {
    pub(super) fn new(who: &str) -> Self {
        Self {
            who: who.to_owned(),
            ..Self::default()
        }
    }

    pub(super) fn query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    /// The link to the list of these customers (already escaped by askama where used).
    pub(super) fn link(&self) -> String {
        format!("/value/customers?{}", self.query())
    }
}

/// A heat-map shade class (`h0` … `h10`) for a percentage.
pub(super) fn shade(percent: f64) -> String {
    format!("h{}", (percent / 10.0).round().clamp(0.0, 10.0) as u8)
}
