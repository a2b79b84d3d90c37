//! What every feature uses and that imports no feature: the page context and form errors,
//! the extractors for a signed-in staff member or owner and for a notice, the error layer,
//! formatting, CSV and chart helpers, cookies and tokens, sessions, CSRF, security headers,
//! rate limiting, paging, translations, the event-log cache, figures remembered per log (`memo`) and
//! the embedded assets.
//!
//! Invariant (checked by `tests/tidy.rs`): nothing in `kit/` names a feature folder.

pub mod assets;
pub mod audit;
pub mod auth;
pub mod client;
pub mod cookies;
pub mod csrf;
pub mod csv;
pub mod error;
pub mod error_layer;
pub mod event_cache;
pub mod events_backend;
pub mod extract;
pub mod format;
pub mod i18n;
pub mod markdown;
pub mod memo;
pub mod page;
pub mod paging;
pub mod ratelimit;
pub mod redact;
pub mod security;

pub use csrf::CsrfToken;
pub use error::{AppError, PageError};
pub use extract::{Notice, Notices, Staff};
pub use format::{duration, format_date, format_datetime, format_money};
pub use i18n::Tr;
pub use page::{FieldErrors, Page};
