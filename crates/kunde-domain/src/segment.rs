//! Segments: named, saved lists of customers (for example the customers who dropped out of a
//! funnel at one step), kept for later use. The members are a snapshot taken when the list
//! was saved; or rules, re-evaluated whenever they are used (see
//! `kunde_analytics::segment_rule`).

use crate::{CustomerId, NonEmpty, WorkspaceId};

/// A segment's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SegmentId(pub i64);

impl std::fmt::Display for SegmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A segment as listed: its name, where it came from, and how many customers it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub id: SegmentId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    /// Where the list came from, e.g. which funnel step its customers dropped out at.
    pub description: String,
    pub created_at: i64,
    /// The saved list's size; 0 for a rule segment, whose size is known only when it is
    /// evaluated.
    pub customers: i64,
    /// A rule segment's rule as stored (`kunde_analytics::segment_rule::Rule::encode`);
    /// `None` for a saved list.
    pub rule: Option<String>,
}

/// A segment to save. The customers are deduplicated, in the order given.
#[derive(Debug, Clone)]
pub struct NewSegment {
    pub name: NonEmpty,
    pub description: String,
    pub customers: Vec<CustomerId>,
}
