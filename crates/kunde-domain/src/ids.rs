//! Typed ids, so a customer id can never be passed where a workspace id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}
pub(crate) use id_type;

id_type!(
    /// A business. Every other row belongs to exactly one workspace.
    WorkspaceId,
    UserId,
    CustomerId,
    JourneyId,
    StageId,
    TouchpointId,
    EventId,
    OrderId,
);
