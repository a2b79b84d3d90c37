//! The one error type of the analytics core: every precondition a caller can break.

use thiserror::Error;

/// Why an analytics query could not be answered.
///
/// Messages are short and lowercase and say what to change, because the web layer shows
/// them to an owner who is not a data analyst.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    #[error("a funnel needs at least 2 steps and at most {max}, got {got}")]
    FunnelSteps { got: usize, max: usize },
    #[error("the time window must not be negative")]
    NegativeWindow,
    #[error("too many distinct touchpoints (at most {max})")]
    TooManyTouchpoints { max: usize },
    #[error("too many events (at most {max})")]
    TooManyEvents { max: usize },
    #[error("unknown touchpoint {0}")]
    UnknownTouchpoint(u32),
    #[error("unknown customer {0}")]
    UnknownCustomer(u32),
    #[error("{what} must be between {min} and {max}, got {got}")]
    OutOfRange {
        what: &'static str,
        min: f64,
        max: f64,
        got: f64,
    },
    #[error("a grouping must give a group to each of the {expected} customers, got {got}")]
    GroupingLength { expected: usize, got: usize },
    #[error("the batch of new events was made for another state of the event log")]
    StaleBatch,
    #[error("not a valid event log file: {0}")]
    CorruptFile(&'static str),
    #[error("not enough data: {0}")]
    NotEnoughData(&'static str),
    #[error("invalid customer summary on row {row}: {reason}")]
    InvalidSummary { row: usize, reason: &'static str },
    #[error("the model fit did not converge: {0}")]
    NoConvergence(String),
}
