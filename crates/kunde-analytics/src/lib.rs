//! Kunde's analytics core: a pure library. Events and parameters in, plain results out.
//! No I/O, no clock, no database: the current time is always a parameter.
//!
//! Everything starts from an [`EventLog`], built once with an [`EventLogBuilder`] and sorted
//! by customer, then time. Each computation is a function of the log and a query struct and
//! returns a `serde::Serialize` report the web layer can render or send as JSON.

pub mod channels;
pub mod churn;
pub mod civil;
pub mod clv;
pub mod correlation;
pub mod engagement;
pub mod error;
pub mod event_log;
mod event_log_append;
mod event_log_file;
pub mod funnel;
pub mod grouping;
pub mod holdout;
pub mod lifecycle;
pub mod moments;
mod names;
pub mod order_cohorts;
pub mod orders;
mod par;
pub mod paths;
pub mod portal_use;
pub mod retention;
pub mod revenue;
pub mod rfm;
pub mod segment_rule;
pub mod special;
pub mod standards;
pub mod stats;
pub mod survey;
pub mod survival;
pub mod thanks;
pub mod themes;

pub use civil::{Period, PeriodKey, Zone};
pub use error::Error;
pub use event_log::{CustomerEvents, CustomerId, EventLog, EventLogBuilder, TouchpointId};
pub use event_log_append::EventBatch;
pub use grouping::Grouping;
