//! Journey maps: ordered stages, touchpoints inside them, as-is and to-be variants, and
//! sub-journeys that analyse one stretch of a larger journey.

use crate::{Channel, JourneyId, NonEmpty, StageId, TouchpointId, UserId, WorkspaceId};
use serde::{Deserialize, Serialize};

/// Whether a journey describes what happens today or the redesign being planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JourneyVariant {
    AsIs,
    ToBe,
}

impl JourneyVariant {
    pub fn code(self) -> &'static str {
        match self {
            Self::AsIs => "as_is",
            Self::ToBe => "to_be",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "as_is" => Some(Self::AsIs),
            "to_be" => Some(Self::ToBe),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Journey {
    pub id: JourneyId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub description: String,
    pub variant: JourneyVariant,
    /// For a to-be journey: the as-is journey it redesigns.
    pub counterpart_of: Option<JourneyId>,
    /// For a sub-journey: the journey it is a stretch of.
    pub parent_id: Option<JourneyId>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewJourney {
    pub name: NonEmpty,
    pub description: String,
    pub variant: JourneyVariant,
    pub counterpart_of: Option<JourneyId>,
    pub parent_id: Option<JourneyId>,
}

/// A column of the map. `position` orders the stages of one journey, from 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub id: StageId,
    pub journey_id: JourneyId,
    pub name: String,
    pub position: i64,
}

/// A place where the customer meets the business (PRODUCT.md §1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Touchpoint {
    pub id: TouchpointId,
    pub workspace_id: WorkspaceId,
    pub stage_id: StageId,
    pub name: String,
    pub channel: Channel,
    pub digital: bool,
    /// False when the touchpoint is outside the business's control (a review site, friends).
    pub owned: bool,
    /// The staff member responsible for it.
    pub owner_id: Option<UserId>,
    pub customer_goal: String,
    pub pain_points: String,
    pub ideas: String,
    pub position: i64,
}

#[derive(Debug, Clone)]
pub struct NewTouchpoint {
    pub stage_id: StageId,
    pub name: NonEmpty,
    pub channel: Channel,
    pub digital: bool,
    pub owned: bool,
    pub owner_id: Option<UserId>,
    pub customer_goal: String,
    pub pain_points: String,
    pub ideas: String,
}
