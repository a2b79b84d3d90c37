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
