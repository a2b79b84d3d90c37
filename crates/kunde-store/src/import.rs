//! Writing a whole workspace in one transaction (the demo business, later full imports):
//! either all of it is there afterwards, or none of it.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;
use std::collections::HashMap;

/// Rows per multi-row INSERT: well below SQLite's and PostgreSQL's limits on bound values.
const CHUNK: usize = 1000;

impl Store {
    /// Creates the workspace described by `import` and everything in it.
    pub async fn import_workspace(
        &self,
        import: &WorkspaceImport,
        now: i64,
    ) -> Result<WorkspaceId> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let w = &import.workspace;
            let (ws,): (i64,) = sqlx::query_as(
                "INSERT INTO workspaces (name, default_language, currency, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(w.name.as_str())
            .bind(w.default_language.code())
            .bind(&w.currency)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;

            let mut user_ids = Vec::with_capacity(import.users.len());
            for (u, hash) in &import.users {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO users (workspace_id, name, email, password_hash, role, language, active, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(ws)
                .bind(u.name.as_str())
                .bind(u.email.as_str())
                .bind(hash.as_deref())
                .bind(u.role.code())
                .bind(u.language.code())
                .bind(hash.is_some())
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                user_ids.push(id);
            }

            let mut customer_ids = Vec::with_capacity(import.customers.len());
            for c in &import.customers {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                            acquisition_channel, acquisition_cost, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(ws)
                .bind(c.name.as_str())
                .bind(c.email.as_ref().map(Email::as_str))
                .bind(c.phone.as_ref().map(Phone::as_str))
                .bind(c.language.code())
                .bind(c.marketing_consent)
                .bind(c.acquisition_channel.as_ref().map(NonEmpty::as_str))
                .bind(c.acquisition_cost.0)
                .bind(c.created_at)
                .fetch_one(&mut *tx)
                .await?;
                customer_ids.push(id);
            }

            let mut journey_ids: Vec<i64> = Vec::with_capacity(import.journeys.len());
            let mut touchpoints: HashMap<&str, i64> = HashMap::new();
            for j in &import.journeys {
                let lookup = |r: Option<usize>| -> Result<Option<i64>> {
                    r.map(|i| journey_ids.get(i).copied().ok_or_else(|| {
                        StoreError::InvalidReference(format!("journey {i} must come before the journeys that refer to it"))
                    }))
                    .transpose()
                };
                let (counterpart, parent) = (lookup(j.counterpart_of)?, lookup(j.parent)?);
                let (jid,): (i64,) = sqlx::query_as(
                    "INSERT INTO journeys (workspace_id, name, description, variant, counterpart_of, parent_id, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(ws)
                .bind(&j.name)
                .bind(&j.description)
                .bind(j.variant.code())
                .bind(counterpart)
                .bind(parent)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                journey_ids.push(jid);
                for (position, stage) in j.stages.iter().enumerate() {
                    let (sid,): (i64,) = sqlx::query_as(
                        "INSERT INTO stages (workspace_id, journey_id, name, position) VALUES ($1, $2, $3, $4) RETURNING id",
                    )
                    .bind(ws)
                    .bind(jid)
                    .bind(&stage.name)
                    .bind(position as i64)
                    .fetch_one(&mut *tx)
                    .await?;
                    for (tpos, t) in stage.touchpoints.iter().enumerate() {
                        let owner = t.owner.map(|i| user_ids.get(i).copied().ok_or_else(|| {
                            StoreError::InvalidReference(format!("touchpoint {}: user {i}", t.key))
                        })).transpose()?;
                        let (tid,): (i64,) = sqlx::query_as(
                            "INSERT INTO touchpoints (workspace_id, stage_id, name, channel, digital, owned, owner_id,
                                                      customer_goal, pain_points, ideas, position)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                        )
                        .bind(ws)
                        .bind(sid)
                        .bind(&t.name)
                        .bind(t.channel.code())
                        .bind(t.digital)
                        .bind(t.owned)
                        .bind(owner)
                        .bind(&t.customer_goal)
                        .bind(&t.pain_points)
                        .bind(&t.ideas)
                        .bind(tpos as i64)
                        .fetch_one(&mut *tx)
                        .await?;
                        if touchpoints.insert(t.key.as_str(), tid).is_some() {
                            return Err(StoreError::InvalidReference(format!("touchpoint key '{}' used twice", t.key)));
                        }
                    }
                }
            }

            for (tp, counterpart) in &import.touchpoint_counterparts {
                let id = |key: &str| touchpoints.get(key).copied().ok_or_else(|| {
                    StoreError::InvalidReference(format!("touchpoint key '{key}'"))
                });
                sqlx::query(
                    "INSERT INTO touchpoint_counterparts (touchpoint_id, workspace_id, counterpart_id) VALUES ($1, $2, $3)",
                )
                .bind(id(tp)?)
                .bind(ws)
                .bind(id(counterpart)?)
                .execute(&mut *tx)
                .await?;
            }

            let mut competitor_ids = std::collections::HashMap::new();
            for name in &import.competitors.names {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO competitors (workspace_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(ws)
                .bind(name)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                competitor_ids.insert(name.as_str(), id);
            }
            for st in &import.competitors.standards {
                let tp = touchpoints.get(st.touchpoint.as_str()).copied().ok_or_else(|| {
                    StoreError::InvalidReference(format!("touchpoint key '{}'", st.touchpoint))
                })?;
                let (sid,): (i64,) = sqlx::query_as(
                    "INSERT INTO touchpoint_standards (workspace_id, touchpoint_id, kind, unit, own_value,
                            own_text, target_value, target_text, updated_at)
                     VALUES ($1, $2, $3, $4, $5, '', $6, '', $7) RETURNING id",
                )
                .bind(ws)
                .bind(tp)
                .bind(&st.kind)
                .bind(&st.unit)
                .bind(st.own)
                .bind(st.target)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                for (name, value) in &st.values {
                    let cid = competitor_ids.get(name.as_str()).copied().ok_or_else(|| {
                        StoreError::InvalidReference(format!("competitor '{name}'"))
                    })?;
                    sqlx::query(
                        "INSERT INTO competitor_values (workspace_id, standard_id, competitor_id, value, text)
                         VALUES ($1, $2, $3, $4, '')",
                    )
                    .bind(ws)
                    .bind(sid)
                    .bind(cid)
                    .bind(*value)
                    .execute(&mut *tx)
                    .await?;
                }
            }

            let customer = |i: usize| customer_ids.get(i).copied().ok_or_else(|| {
                StoreError::InvalidReference(format!("customer {i}"))
            });
            for chunk in import.events.chunks(CHUNK) {
                let mut resolved = Vec::with_capacity(chunk.len());
                for e in chunk {
                    let tp = touchpoints.get(e.touchpoint.as_str()).copied().ok_or_else(|| {
                        StoreError::InvalidReference(format!("touchpoint key '{}'", e.touchpoint))
                    })?;
                    resolved.push((customer(e.customer)?, tp, e));
                }
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO events (workspace_id, customer_id, touchpoint_id, occurred_at, channel, amount, properties) ",
                );
                qb.push_values(resolved, |mut row, (c, tp, e)| {
                    row.push_bind(ws)
                        .push_bind(c)
                        .push_bind(tp)
                        .push_bind(e.occurred_at)
                        .push_bind(e.channel.code())
                        .push_bind(e.amount.map(|m| m.0))
                        .push_bind(e.properties.as_str());
                });
                qb.build().execute(&mut *tx).await?;
            }

            for o in &import.orders {
                let total: i64 = o.lines.iter().map(|(_, q, p)| q * p.0).sum();
                let (oid,): (i64,) = sqlx::query_as(
                    "INSERT INTO orders (workspace_id, customer_id, reference, ordered_at, total, paid)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(ws)
                .bind(customer(o.customer)?)
                .bind(o.reference.as_deref())
                .bind(o.ordered_at)
                .bind(total)
                .bind(o.paid)
                .fetch_one(&mut *tx)
                .await?;
                let mut qb = sqlx::QueryBuilder::new(
                    "INSERT INTO order_lines (workspace_id, order_id, product, quantity, unit_price) ",
                );
                qb.push_values(&o.lines, |mut row, (product, quantity, price)| {
                    row.push_bind(ws)
                        .push_bind(oid)
                        .push_bind(product.as_str())
                        .push_bind(*quantity)
                        .push_bind(price.0);
                });
                if !o.lines.is_empty() {
                    qb.build().execute(&mut *tx).await?;
                }
            }
            crate::kb::import_kb!(tx, ws, &import.kb, now);
            crate::cases::import_cases!(tx, ws, import.cases, customer_ids, user_ids, touchpoints);
            crate::surveys::import::import_surveys!(tx, ws, import.surveys, touchpoints, customer_ids);
            // The last month's detractors wait for an answer, as if they had just come in.
            sqlx::query(crate::survey_results::IMPORT_FOLLOWUPS_SQL)
                .bind(ws)
                .bind(now)
                .bind(crate::survey_results::IMPORT_FOLLOWUP_SECONDS)
                .execute(&mut *tx)
                .await?;
            Ok(WorkspaceId(ws))
        }))
    }
}
