//! Journeys with their ordered stages and touchpoints.

use crate::rows::{JourneyRow, StageRow, TouchpointRow};
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;

impl Store {
    /// Creates a journey with the given stages, in order (use [`DEFAULT_STAGES`] for a new map).
    pub async fn create_journey(
        &self,
        ws: WorkspaceId,
        j: &NewJourney,
        stages: &[&str],
        now: i64,
    ) -> Result<Journey> {
        with_pool!(self, pool => transaction!(pool, tx => {
            for (label, reference) in [("counterpart", j.counterpart_of), ("parent", j.parent_id)] {
                if let Some(id) = reference {
                    let found: Option<(i64,)> = sqlx::query_as(
                        "SELECT id FROM journeys WHERE workspace_id = $1 AND id = $2",
                    )
                    .bind(ws.0)
                    .bind(id.0)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if found.is_none() {
                        return Err(StoreError::InvalidReference(format!("{label} journey {id}")));
                    }
                }
            }
            let row: JourneyRow = sqlx::query_as(
                "INSERT INTO journeys (workspace_id, name, description, variant, counterpart_of, parent_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 RETURNING id, workspace_id, name, description, variant, counterpart_of, parent_id, created_at",
            )
            .bind(ws.0)
            .bind(j.name.as_str())
            .bind(&j.description)
            .bind(j.variant.code())
            .bind(j.counterpart_of.map(|i| i.0))
            .bind(j.parent_id.map(|i| i.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for (position, name) in stages.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO stages (workspace_id, journey_id, name, position) VALUES ($1, $2, $3, $4)",
                )
                .bind(ws.0)
                .bind(row.id)
                .bind(*name)
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
            }
            row.into_domain()
        }))
    }

    pub async fn list_journeys(&self, ws: WorkspaceId) -> Result<Vec<Journey>> {
        with_pool!(self, pool => {
            let rows: Vec<JourneyRow> = sqlx::query_as(
                "SELECT id, workspace_id, name, description, variant, counterpart_of, parent_id, created_at
                 FROM journeys WHERE workspace_id = $1 ORDER BY id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(JourneyRow::into_domain).collect()
        })
    }

    pub async fn get_journey(&self, ws: WorkspaceId, id: JourneyId) -> Result<Journey> {
        with_pool!(self, pool => {
            let row: JourneyRow = sqlx::query_as(
                "SELECT id, workspace_id, name, description, variant, counterpart_of, parent_id, created_at
                 FROM journeys WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(id.0)
            .fetch_one(pool)
            .await?;
            row.into_domain()
        })
    }

    /// The stages of a journey in their order.
    pub async fn list_stages(&self, ws: WorkspaceId, journey: JourneyId) -> Result<Vec<Stage>> {
        with_pool!(self, pool => {
            let rows: Vec<StageRow> = sqlx::query_as(
                "SELECT id, journey_id, name, position FROM stages
                 WHERE workspace_id = $1 AND journey_id = $2 ORDER BY position, id",
            )
            .bind(ws.0)
            .bind(journey.0)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(StageRow::into_domain).collect())
        })
    }

    /// The touchpoints of a journey, ordered by stage and position.
    pub async fn list_touchpoints(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
    ) -> Result<Vec<Touchpoint>> {
        with_pool!(self, pool => {
            let rows: Vec<TouchpointRow> = sqlx::query_as(
                "SELECT t.id, t.workspace_id, t.stage_id, t.name, t.channel, t.digital, t.owned, t.owner_id,
                        t.customer_goal, t.pain_points, t.ideas, t.position
                 FROM touchpoints t JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE t.workspace_id = $1 AND s.journey_id = $2
                 ORDER BY s.position, t.position, t.id",
            )
            .bind(ws.0)
            .bind(journey.0)
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(TouchpointRow::into_domain).collect()
        })
    }

    /// Every touchpoint of the workspace (for pickers and for naming events).
    pub async fn all_touchpoints(&self, ws: WorkspaceId) -> Result<Vec<Touchpoint>> {
        with_pool!(self, pool => {
            let rows: Vec<TouchpointRow> = sqlx::query_as(
                "SELECT id, workspace_id, stage_id, name, channel, digital, owned, owner_id,
                        customer_goal, pain_points, ideas, position
                 FROM touchpoints WHERE workspace_id = $1 ORDER BY id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(TouchpointRow::into_domain).collect()
        })
    }

    /// Adds a touchpoint at the end of its stage. The stage and the owner must belong to the
    /// same workspace.
    pub async fn create_touchpoint(
        &self,
        ws: WorkspaceId,
        t: &NewTouchpoint,
    ) -> Result<Touchpoint> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let stage: Option<(i64,)> = sqlx::query_as("SELECT id FROM stages WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(t.stage_id.0)
                .fetch_optional(&mut *tx)
                .await?;
            if stage.is_none() {
                return Err(StoreError::InvalidReference(format!("stage {}", t.stage_id)));
            }
            if let Some(owner) = t.owner_id {
                let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(owner.0)
                    .fetch_optional(&mut *tx)
                    .await?;
                if found.is_none() {
                    return Err(StoreError::InvalidReference(format!("user {owner}")));
                }
            }
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM touchpoints WHERE workspace_id = $1 AND stage_id = $2",
            )
            .bind(ws.0)
            .bind(t.stage_id.0)
            .fetch_one(&mut *tx)
            .await?;
            let row: TouchpointRow = sqlx::query_as(
                "INSERT INTO touchpoints (workspace_id, stage_id, name, channel, digital, owned, owner_id,
                                          customer_goal, pain_points, ideas, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 RETURNING id, workspace_id, stage_id, name, channel, digital, owned, owner_id,
                           customer_goal, pain_points, ideas, position",
            )
            .bind(ws.0)
            .bind(t.stage_id.0)
            .bind(t.name.as_str())
            .bind(t.channel.code())
            .bind(t.digital)
            .bind(t.owned)
            .bind(t.owner_id.map(|i| i.0))
            .bind(&t.customer_goal)
            .bind(&t.pain_points)
            .bind(&t.ideas)
            .bind(next)
            .fetch_one(&mut *tx)
            .await?;
            row.into_domain()
        }))
    }
}

/// One event at a touchpoint of a journey, as the journey map's health needs it: who (a
/// customer id, or an anonymous visitor), where and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyEvent {
    /// `c<id>` for a customer, `v<id>` for an anonymous visitor: the same person's events
    /// share the key.
    pub who: String,
    pub touchpoint_id: TouchpointId,
    pub occurred_at: i64,
    /// The event's JSON properties, as recorded (an `outcome` there can mark a failed
    /// interaction, such as a call the customer hung up).
    pub properties: String,
}

/// customer_id, visitor_id, touchpoint_id, occurred_at, properties.
type EventRow = (Option<i64>, Option<String>, i64, i64, String);

/// Which way a stage or touchpoint moves in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

impl Move {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "up" => Some(Self::Up),
            "down" => Some(Self::Down),
            _ => None,
        }
    }
}

/// Swaps the item at `index` with its neighbour in the direction `m`, if it has one.
/// Returns whether anything moved.
fn swap_neighbour<T>(items: &mut [T], index: usize, m: Move) -> bool {
    let other = match m {
        Move::Up => index.checked_sub(1),
        Move::Down => (index + 1 < items.len()).then_some(index + 1),
    };
    match other {
        Some(o) => {
            items.swap(index, o);
            true
        }
        None => false,
    }
}

/// What deleting a stage or journey would take with it, for the confirmation page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeletionImpact {
    pub stages: i64,
    pub touchpoints: i64,
    pub events: i64,
}

/// The part of a journey a sub-journey copies: stages from `first` to `last` (inclusive).
#[derive(Debug, Clone, Copy)]
pub struct StageRange {
    pub first: StageId,
    pub last: StageId,
}

impl Store {
    pub async fn update_journey(
        &self,
        ws: WorkspaceId,
        id: JourneyId,
        name: &NonEmpty,
        description: &str,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("UPDATE journeys SET name = $3, description = $4 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .bind(name.as_str())
                .bind(description)
                .execute(pool)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    /// How many stages, touchpoints and recorded events go with a journey (or, given a
    /// stage, with that stage only).
    pub async fn deletion_impact(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        stage: Option<StageId>,
    ) -> Result<DeletionImpact> {
        let stage = stage.map(|s| s.0);
        with_pool!(self, pool => {
            let (stages,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM stages WHERE workspace_id = $1 AND journey_id = $2 AND ($3 IS NULL OR id = $3)",
            )
            .bind(ws.0).bind(journey.0).bind(stage)
            .fetch_one(pool).await?;
            let (touchpoints,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM touchpoints t JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE t.workspace_id = $1 AND s.journey_id = $2 AND ($3 IS NULL OR s.id = $3)",
            )
            .bind(ws.0).bind(journey.0).bind(stage)
            .fetch_one(pool).await?;
            let (events,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM events e
                 JOIN touchpoints t ON t.id = e.touchpoint_id AND t.workspace_id = e.workspace_id
                 JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE e.workspace_id = $1 AND s.journey_id = $2 AND ($3 IS NULL OR s.id = $3)",
            )
            .bind(ws.0).bind(journey.0).bind(stage)
            .fetch_one(pool).await?;
            Ok(DeletionImpact { stages, touchpoints, events })
        })
    }

    /// Deletes a journey with its stages, touchpoints and their events. Journeys that
    /// redesign it or are a part of it stay, unlinked.
    pub async fn delete_journey(&self, ws: WorkspaceId, id: JourneyId) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("DELETE FROM journeys WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .execute(pool)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    /// Adds a stage at the end of a journey.
    pub async fn add_stage(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        name: &NonEmpty,
    ) -> Result<Stage> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM journeys WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0).bind(journey.0).fetch_optional(&mut *tx).await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM stages WHERE workspace_id = $1 AND journey_id = $2",
            )
            .bind(ws.0).bind(journey.0).fetch_one(&mut *tx).await?;
            let row: StageRow = sqlx::query_as(
                "INSERT INTO stages (workspace_id, journey_id, name, position) VALUES ($1, $2, $3, $4)
                 RETURNING id, journey_id, name, position",
            )
            .bind(ws.0).bind(journey.0).bind(name.as_str()).bind(next)
            .fetch_one(&mut *tx).await?;
            Ok(row.into_domain())
        }))
    }

    pub async fn rename_stage(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        stage: StageId,
        name: &NonEmpty,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("UPDATE stages SET name = $4 WHERE workspace_id = $1 AND journey_id = $2 AND id = $3")
                .bind(ws.0).bind(journey.0).bind(stage.0).bind(name.as_str())
                .execute(pool).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    /// Deletes a stage with its touchpoints and their events.
    pub async fn delete_stage(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        stage: StageId,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("DELETE FROM stages WHERE workspace_id = $1 AND journey_id = $2 AND id = $3")
                .bind(ws.0).bind(journey.0).bind(stage.0)
                .execute(pool).await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    /// Moves a stage one place earlier or later. The stages are renumbered 0, 1, 2, … so
    /// the order stays a plain sequence whatever happened before.
    pub async fn move_stage(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        stage: StageId,
        m: Move,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let mut ids: Vec<(i64,)> = sqlx::query_as(
                "SELECT id FROM stages WHERE workspace_id = $1 AND journey_id = $2 ORDER BY position, id",
            )
            .bind(ws.0).bind(journey.0).fetch_all(&mut *tx).await?;
            let index = ids.iter().position(|(id,)| *id == stage.0).ok_or(StoreError::NotFound)?;
            if swap_neighbour(&mut ids, index, m) {
                for (position, (id,)) in ids.iter().enumerate() {
                    sqlx::query("UPDATE stages SET position = $3 WHERE workspace_id = $1 AND id = $2")
                        .bind(ws.0).bind(*id).bind(position as i64)
                        .execute(&mut *tx).await?;
                }
            }
            Ok(())
        }))
    }

    /// One touchpoint of a journey.
    pub async fn get_touchpoint(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        id: TouchpointId,
    ) -> Result<Touchpoint> {
        with_pool!(self, pool => {
            let row: TouchpointRow = sqlx::query_as(
                "SELECT t.id, t.workspace_id, t.stage_id, t.name, t.channel, t.digital, t.owned, t.owner_id,
                        t.customer_goal, t.pain_points, t.ideas, t.position
                 FROM touchpoints t JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE t.workspace_id = $1 AND s.journey_id = $2 AND t.id = $3",
            )
            .bind(ws.0).bind(journey.0).bind(id.0)
            .fetch_one(pool).await?;
            row.into_domain()
        })
    }

    /// Changes every field of a touchpoint. A new `stage_id` (of the same journey) moves it
    /// to the end of that stage.
    pub async fn update_touchpoint(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        id: TouchpointId,
        t: &NewTouchpoint,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let current: Option<(i64, i64)> = sqlx::query_as(
                "SELECT t.stage_id, t.position FROM touchpoints t JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE t.workspace_id = $1 AND s.journey_id = $2 AND t.id = $3",
            )
            .bind(ws.0).bind(journey.0).bind(id.0).fetch_optional(&mut *tx).await?;
            let (stage_now, mut position) = current.ok_or(StoreError::NotFound)?;
            let target: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM stages WHERE workspace_id = $1 AND journey_id = $2 AND id = $3",
            )
            .bind(ws.0).bind(journey.0).bind(t.stage_id.0).fetch_optional(&mut *tx).await?;
            if target.is_none() {
                return Err(StoreError::InvalidReference(format!("stage {}", t.stage_id)));
            }
            if let Some(owner) = t.owner_id {
                let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0).bind(owner.0).fetch_optional(&mut *tx).await?;
                if found.is_none() {
                    return Err(StoreError::InvalidReference(format!("user {owner}")));
                }
            }
            if stage_now != t.stage_id.0 {
                let (next,): (i64,) = sqlx::query_as(
                    "SELECT COALESCE(MAX(position) + 1, 0) FROM touchpoints WHERE workspace_id = $1 AND stage_id = $2",
                )
                .bind(ws.0).bind(t.stage_id.0).fetch_one(&mut *tx).await?;
                position = next;
            }
            sqlx::query(
                "UPDATE touchpoints SET stage_id = $3, name = $4, channel = $5, digital = $6, owned = $7, owner_id = $8,
                        customer_goal = $9, pain_points = $10, ideas = $11, position = $12
                 WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0).bind(id.0).bind(t.stage_id.0).bind(t.name.as_str()).bind(t.channel.code())
            .bind(t.digital).bind(t.owned).bind(t.owner_id.map(|o| o.0))
            .bind(&t.customer_goal).bind(&t.pain_points).bind(&t.ideas).bind(position)
            .execute(&mut *tx).await?;
            Ok(())
        }))
    }

    /// Deletes a touchpoint with its recorded events.
    pub async fn delete_touchpoint(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        id: TouchpointId,
    ) -> Result<()> {
        // Checked first so a touchpoint of another journey (or workspace) is never touched.
        self.get_touchpoint(ws, journey, id).await?;
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM touchpoints WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0).bind(id.0).execute(pool).await?;
            Ok(())
        })
    }

    /// How many events are recorded at a touchpoint (they go when it is deleted).
    pub async fn touchpoint_event_count(&self, ws: WorkspaceId, id: TouchpointId) -> Result<i64> {
        with_pool!(self, pool => {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events WHERE workspace_id = $1 AND touchpoint_id = $2")
                .bind(ws.0).bind(id.0).fetch_one(pool).await?;
            Ok(n)
        })
    }

    /// Moves a touchpoint one place earlier or later within its stage.
    pub async fn move_touchpoint(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
        id: TouchpointId,
        m: Move,
    ) -> Result<()> {
        let tp = self.get_touchpoint(ws, journey, id).await?;
        with_pool!(self, pool => transaction!(pool, tx => {
            let mut ids: Vec<(i64,)> = sqlx::query_as(
                "SELECT id FROM touchpoints WHERE workspace_id = $1 AND stage_id = $2 ORDER BY position, id",
            )
            .bind(ws.0).bind(tp.stage_id.0).fetch_all(&mut *tx).await?;
            let index = ids.iter().position(|(i,)| *i == id.0).ok_or(StoreError::NotFound)?;
            if swap_neighbour(&mut ids, index, m) {
                for (position, (i,)) in ids.iter().enumerate() {
                    sqlx::query("UPDATE touchpoints SET position = $3 WHERE workspace_id = $1 AND id = $2")
                        .bind(ws.0).bind(*i).bind(position as i64)
                        .execute(&mut *tx).await?;
                }
            }
            Ok(())
        }))
    }

    /// Creates `new` as a copy of journey `source`'s stages and touchpoints (all of them, or
    /// the stretch `range`): a to-be version (`new.counterpart_of`) or a sub-journey
    /// (`new.parent_id`). Events stay with the original touchpoints.
    pub async fn copy_journey(
        &self,
        ws: WorkspaceId,
        source: JourneyId,
        new: &NewJourney,
        range: Option<StageRange>,
        now: i64,
    ) -> Result<Journey> {
        let stages = self.list_stages(ws, source).await?;
        // An empty journey is still found; a journey of another workspace is not.
        self.get_journey(ws, source).await?;
        let touchpoints = self.list_touchpoints(ws, source).await?;
        let (from, to) = match range {
            None => (0, stages.len()),
            Some(r) => {
                let first = stages.iter().position(|s| s.id == r.first);
                let last = stages.iter().position(|s| s.id == r.last);
                match (first, last) {
                    (Some(f), Some(l)) if f <= l => (f, l + 1),
                    _ => return Err(StoreError::InvalidReference("stage range".into())),
                }
            }
        };
        let chosen = &stages[from..to];
        let names: Vec<&str> = chosen.iter().map(|s| s.name.as_str()).collect();
        let journey = self.create_journey(ws, new, &names, now).await?;
        let copies = self.list_stages(ws, journey.id).await?;
        for (old, copy) in chosen.iter().zip(&copies) {
            for t in touchpoints.iter().filter(|t| t.stage_id == old.id) {
                let nt = NewTouchpoint {
                    stage_id: copy.id,
                    name: NonEmpty::parse("name", &t.name)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    channel: t.channel,
                    digital: t.digital,
                    owned: t.owned,
                    owner_id: t.owner_id,
                    customer_goal: t.customer_goal.clone(),
                    pain_points: t.pain_points.clone(),
                    ideas: t.ideas.clone(),
                };
                let copy = self.create_touchpoint(ws, &nt).await?;
                if new.counterpart_of == Some(source) {
                    self.set_touchpoint_counterpart(ws, copy.id, Some(t.id))
                        .await?;
                }
            }
        }
        Ok(journey)
    }

    /// Records (or with `None` clears) which touchpoint `tp` redesigns. Both must be in the
    /// workspace.
    pub async fn set_touchpoint_counterpart(
        &self,
        ws: WorkspaceId,
        tp: TouchpointId,
        counterpart: Option<TouchpointId>,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            sqlx::query("DELETE FROM touchpoint_counterparts WHERE workspace_id = $1 AND touchpoint_id = $2")
                .bind(ws.0).bind(tp.0).execute(&mut *tx).await?;
            if let Some(other) = counterpart {
                let done = sqlx::query(
                    "INSERT INTO touchpoint_counterparts (touchpoint_id, workspace_id, counterpart_id)
                     SELECT $2, $1, $3
                     WHERE EXISTS (SELECT 1 FROM touchpoints WHERE workspace_id = $1 AND id = $2)
                       AND EXISTS (SELECT 1 FROM touchpoints WHERE workspace_id = $1 AND id = $3)",
                )
                .bind(ws.0).bind(tp.0).bind(other.0)
                .execute(&mut *tx).await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::InvalidReference(format!("touchpoint {other}")));
                }
            }
            Ok(())
        }))
    }

    /// For each touchpoint of the journey that redesigns another: (touchpoint, counterpart).
    pub async fn touchpoint_counterparts(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
    ) -> Result<Vec<(TouchpointId, TouchpointId)>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT c.touchpoint_id, c.counterpart_id FROM touchpoint_counterparts c
                 JOIN touchpoints t ON t.id = c.touchpoint_id AND t.workspace_id = c.workspace_id
                 JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE c.workspace_id = $1 AND s.journey_id = $2",
            )
            .bind(ws.0).bind(journey.0)
            .fetch_all(pool).await?;
            Ok(rows.into_iter().map(|(a, b)| (TouchpointId(a), TouchpointId(b))).collect())
        })
    }

    /// Every event at a touchpoint of the journey, for the map's health. Scoped by workspace
    /// on every table it reads.
    pub async fn journey_events(
        &self,
        ws: WorkspaceId,
        journey: JourneyId,
    ) -> Result<Vec<JourneyEvent>> {
        with_pool!(self, pool => {
            let rows: Vec<EventRow> = sqlx::query_as(
                "SELECT e.customer_id, e.visitor_id, e.touchpoint_id, e.occurred_at, e.properties
                 FROM events e
                 JOIN touchpoints t ON t.id = e.touchpoint_id AND t.workspace_id = e.workspace_id
                 JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE e.workspace_id = $1 AND s.journey_id = $2",
            )
            .bind(ws.0).bind(journey.0)
            .fetch_all(pool).await?;
            Ok(rows
                .into_iter()
                .filter_map(|(customer, visitor, tp, at, properties)| {
                    let who = match (customer, visitor) {
                        (Some(c), _) => format!("c{c}"),
                        (None, Some(v)) => format!("v{v}"),
                        (None, None) => return None,
                    };
                    Some(JourneyEvent { who, touchpoint_id: TouchpointId(tp), occurred_at: at, properties })
                })
                .collect())
        })
    }
}
