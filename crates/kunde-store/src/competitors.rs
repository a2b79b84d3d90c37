//! Competitors and their standards per touchpoint (issue 14, migration 0020): the owner's
//! list of competitors, and per touchpoint at most one standard of each kind (price, time,
//! hours, rating, text) with the business's own value, a target and each competitor's value.
//! Comparing them is `kunde_analytics::standards`' job.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::{TouchpointId, WorkspaceId};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Competitor {
    pub id: i64,
    pub name: String,
}

/// One value of a standard: a number for the compared kinds, a text for free text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StandardValue {
    pub value: Option<f64>,
    pub text: String,
}

/// A standard to store: the caller checks the kind's code and the values.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStandard {
    pub touchpoint_id: TouchpointId,
    pub kind: String,
    pub unit: String,
    pub own: StandardValue,
    pub target: StandardValue,
    /// (competitor, value); competitors of another workspace are refused.
    pub competitors: Vec<(i64, StandardValue)>,
}

/// A stored standard with the competitors' values, in the competitors' name order.
#[derive(Debug, Clone, PartialEq)]
pub struct Standard {
    pub id: i64,
    pub touchpoint_id: i64,
    pub touchpoint_name: String,
    pub journey_id: i64,
    pub kind: String,
    pub unit: String,
    pub own: StandardValue,
    pub target: StandardValue,
    /// (competitor id, name, value) for every competitor with a value.
    pub competitors: Vec<(i64, String, StandardValue)>,
}

#[derive(sqlx::FromRow)]
struct StandardRow {
    id: i64,
    touchpoint_id: i64,
    touchpoint_name: String,
    journey_id: i64,
    kind: String,
    unit: String,
    own_value: Option<f64>,
    own_text: String,
    target_value: Option<f64>,
    target_text: String,
}

#[derive(sqlx::FromRow)]
struct ValueRow {
    standard_id: i64,
    competitor_id: i64,
    name: String,
    value: Option<f64>,
    text: String,
}

impl Store {
    /// The workspace's competitors by name.
    pub async fn list_competitors(&self, ws: WorkspaceId) -> Result<Vec<Competitor>> {
        with_pool!(self, pool => {
            let rows: Vec<Competitor> = sqlx::query_as(
                "SELECT id, name FROM competitors WHERE workspace_id = $1 ORDER BY name, id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }

    /// Adds a competitor; a name already listed is a `Conflict`.
    pub async fn add_competitor(&self, ws: WorkspaceId, name: &str, now: i64) -> Result<i64> {
        with_pool!(self, pool => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO competitors (workspace_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(ws.0)
            .bind(name)
            .bind(now)
            .fetch_one(pool)
            .await?;
            Ok(id)
        })
    }

    /// Removes a competitor and its values.
    pub async fn delete_competitor(&self, ws: WorkspaceId, id: i64) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            sqlx::query("DELETE FROM competitor_values WHERE workspace_id = $1 AND competitor_id = $2")
                .bind(ws.0)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let done = sqlx::query("DELETE FROM competitors WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        }))
    }

    /// Stores a standard, replacing the touchpoint's standard of the same kind and all its
    /// competitors' values. Returns its id.
    pub async fn save_standard(&self, ws: WorkspaceId, s: &NewStandard, now: i64) -> Result<i64> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let known: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM touchpoints WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(s.touchpoint_id.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if known.is_none() {
                return Err(StoreError::NotFound);
            }
            let existing: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM touchpoint_standards WHERE workspace_id = $1 AND touchpoint_id = $2 AND kind = $3",
            )
            .bind(ws.0)
            .bind(s.touchpoint_id.0)
            .bind(&s.kind)
            .fetch_optional(&mut *tx)
            .await?;
            let id = match existing {
                Some((id,)) => {
                    sqlx::query(
                        "UPDATE touchpoint_standards SET unit = $3, own_value = $4, own_text = $5,
                                target_value = $6, target_text = $7, updated_at = $8
                         WHERE workspace_id = $1 AND id = $2",
                    )
                    .bind(ws.0)
                    .bind(id)
                    .bind(&s.unit)
                    .bind(s.own.value)
                    .bind(&s.own.text)
                    .bind(s.target.value)
                    .bind(&s.target.text)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("DELETE FROM competitor_values WHERE workspace_id = $1 AND standard_id = $2")
                        .bind(ws.0)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    id
                }
                None => {
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO touchpoint_standards (workspace_id, touchpoint_id, kind, unit, own_value,
                                own_text, target_value, target_text, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                    )
                    .bind(ws.0)
                    .bind(s.touchpoint_id.0)
                    .bind(&s.kind)
                    .bind(&s.unit)
                    .bind(s.own.value)
                    .bind(&s.own.text)
                    .bind(s.target.value)
                    .bind(&s.target.text)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    id
                }
            };
            for (competitor, v) in &s.competitors {
                let done = sqlx::query(
                    "INSERT INTO competitor_values (workspace_id, standard_id, competitor_id, value, text)
                     SELECT $1, $2, c.id, $4, $5 FROM competitors c WHERE c.workspace_id = $1 AND c.id = $3",
                )
                .bind(ws.0)
                .bind(id)
                .bind(*competitor)
                .bind(v.value)
                .bind(&v.text)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done == 0 {
                    return Err(StoreError::NotFound);
                }
            }
            Ok(id)
        }))
    }

    /// Removes a standard.
    pub async fn delete_standard(&self, ws: WorkspaceId, id: i64) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            sqlx::query("DELETE FROM competitor_values WHERE workspace_id = $1 AND standard_id = $2")
                .bind(ws.0)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let done = sqlx::query("DELETE FROM touchpoint_standards WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        }))
    }

    /// Every standard of the workspace (or of one touchpoint), by journey, touchpoint and kind.
    pub async fn list_standards(
        &self,
        ws: WorkspaceId,
        touchpoint: Option<TouchpointId>,
    ) -> Result<Vec<Standard>> {
        let tp = touchpoint.map_or(0, |t| t.0);
        let (rows, values) = with_pool!(self, pool => {
            let rows: Vec<StandardRow> = sqlx::query_as(
                "SELECT st.id, st.touchpoint_id, t.name AS touchpoint_name, s.journey_id, st.kind, st.unit,
                        st.own_value, st.own_text, st.target_value, st.target_text
                 FROM touchpoint_standards st
                 JOIN touchpoints t ON t.id = st.touchpoint_id AND t.workspace_id = st.workspace_id
                 JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 WHERE st.workspace_id = $1 AND ($2 = 0 OR st.touchpoint_id = $2)
                 ORDER BY s.journey_id, s.position, t.position, t.id, st.kind",
            )
            .bind(ws.0)
            .bind(tp)
            .fetch_all(pool)
            .await?;
            let values: Vec<ValueRow> = sqlx::query_as(
                "SELECT v.standard_id, v.competitor_id, c.name, v.value, v.text
                 FROM competitor_values v
                 JOIN competitors c ON c.id = v.competitor_id AND c.workspace_id = v.workspace_id
                 WHERE v.workspace_id = $1
                 ORDER BY c.name, c.id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            (rows, values)
        });
        Ok(rows
            .into_iter()
            .map(|r| Standard {
                competitors: values
                    .iter()
                    .filter(|v| v.standard_id == r.id)
                    .map(|v| {
                        (
                            v.competitor_id,
                            v.name.clone(),
                            StandardValue {
                                value: v.value,
                                text: v.text.clone(),
                            },
                        )
                    })
                    .collect(),
                id: r.id,
                touchpoint_id: r.touchpoint_id,
                touchpoint_name: r.touchpoint_name,
                journey_id: r.journey_id,
                kind: r.kind,
                unit: r.unit,
                own: StandardValue {
                    value: r.own_value,
                    text: r.own_text,
                },
                target: StandardValue {
                    value: r.target_value,
                    text: r.target_text,
                },
            })
            .collect())
    }
}
