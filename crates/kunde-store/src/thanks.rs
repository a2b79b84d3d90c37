//! Thank-you notes written by hand (issue 15, migration 0034) and customers' postal
//! addresses. Recording a note ([`Store::record_thank_you_note`]) writes the note and an
//! event on the "thank-you note" touchpoint of the first as-is journey (made on first use in
//! its last stage, remembered in `thanks_settings`) in one transaction, so the customer's
//! timeline and the journey map show it. What a week's list proposes is computed elsewhere
//! (`kunde_analytics::thanks`) from the facts read here.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;

/// A note written to a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThankYouNote {
    pub customer: CustomerId,
    pub reason: String,
    pub written_at: i64,
    /// Who wrote it (`None` once that user is gone).
    pub written_by: Option<String>,
}

/// A case closed recently, for the week's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedCase {
    pub customer: CustomerId,
    pub resolved_at: i64,
    /// The customer's rating 1–5, when they gave one.
    pub rating: Option<i64>,
}

/// The longest postal address kept.
pub const POSTAL_ADDRESS_MAX: usize = 500;

impl Store {
    /// The customer's postal address, when known.
    pub async fn postal_address(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT postal_address FROM customers WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(customer.0)
                .fetch_optional(pool)
                .await?
        });
        row.map(|(a,)| a).ok_or(StoreError::NotFound)
    }

    /// Sets (or with `None` forgets) the customer's postal address: free text with line
    /// breaks, at most [`POSTAL_ADDRESS_MAX`] characters.
    pub async fn set_postal_address(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        address: Option<&str>,
    ) -> Result<()> {
        let address = address.map(str::trim).filter(|a| !a.is_empty());
        if let Some(a) = address {
            check_text(a, true)?;
            if a.chars().count() > POSTAL_ADDRESS_MAX {
                return Err(ValidationError::TooLong {
                    field: "postal_address",
                    max: POSTAL_ADDRESS_MAX,
                }
                .into());
            }
        }
        let done = with_pool!(self, pool => {
            sqlx::query("UPDATE customers SET postal_address = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(customer.0)
                .bind(address)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Cases of the workspace closed at or after `since`, with their customer and rating.
    pub async fn resolved_cases_since(
        &self,
        ws: WorkspaceId,
        since: i64,
    ) -> Result<Vec<ResolvedCase>> {
        let rows: Vec<(i64, i64, Option<i64>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT customer_id, resolved_at, rating FROM cases
                 WHERE workspace_id = $1 AND status = 'closed' AND customer_id IS NOT NULL
                   AND resolved_at IS NOT NULL AND resolved_at >= $2
                 ORDER BY resolved_at DESC, id DESC",
            )
            .bind(ws.0)
            .bind(since)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(c, at, rating)| ResolvedCase {
                customer: CustomerId(c),
                resolved_at: at,
                rating,
            })
            .collect())
    }

    /// When each customer of the workspace last got a note.
    pub async fn last_thank_you_notes(&self, ws: WorkspaceId) -> Result<Vec<(CustomerId, i64)>> {
        let rows: Vec<(i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT customer_id, MAX(written_at) FROM thank_you_notes WHERE workspace_id = $1 GROUP BY customer_id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(c, at)| (CustomerId(c), at))
            .collect())
    }

    /// Notes written at or after `since` (all customers, newest first), or to one customer.
    pub async fn thank_you_notes(
        &self,
        ws: WorkspaceId,
        customer: Option<CustomerId>,
        since: i64,
    ) -> Result<Vec<ThankYouNote>> {
        let rows: Vec<(i64, String, i64, Option<String>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT n.customer_id, n.reason, n.written_at, u.name FROM thank_you_notes n
                 LEFT JOIN users u ON u.workspace_id = n.workspace_id AND u.id = n.written_by
                 WHERE n.workspace_id = $1 AND ($2 IS NULL OR n.customer_id = $2) AND n.written_at >= $3
                 ORDER BY n.written_at DESC, n.id DESC",
            )
            .bind(ws.0)
            .bind(customer.map(|c| c.0))
            .bind(since)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(c, reason, written_at, written_by)| ThankYouNote {
                customer: CustomerId(c),
                reason,
                written_at,
                written_by,
            })
            .collect())
    }

    /// Records that `by` wrote a note to `customer` (with the reason it was proposed for)
    /// and puts an event on the customer's timeline at the thank-you touchpoint (named
    /// `touchpoint_name` when it is made), in one transaction. The event is left out when
    /// the workspace has no as-is journey with a stage.
    pub async fn record_thank_you_note(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        reason: &str,
        by: UserId,
        now: i64,
        touchpoint_name: &str,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM customers WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_optional(&mut *tx)
            .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let known: Option<(Option<i64>,)> = sqlx::query_as(
                "SELECT s.touchpoint_id FROM thanks_settings s JOIN touchpoints t ON t.id = s.touchpoint_id
                 WHERE s.workspace_id = $1 AND t.workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_optional(&mut *tx)
            .await?;
            let touchpoint = match known {
                Some((Some(id),)) => Some(id),
                _ => {
                    // The last stage of the first as-is journey: where loyalty lives.
                    let stage: Option<(i64,)> = sqlx::query_as(
                        "SELECT s.id FROM stages s
                         WHERE s.workspace_id = $1 AND s.journey_id =
                             (SELECT MIN(j.id) FROM journeys j WHERE j.workspace_id = $1 AND j.variant = 'as_is')
                         ORDER BY s.position DESC, s.id DESC LIMIT 1",
                    )
                    .bind(ws.0)
                    .fetch_optional(&mut *tx)
                    .await?;
                    match stage {
                        None => None,
                        Some((stage,)) => {
                            let position: i64 = sqlx::query_scalar(
                                "SELECT COALESCE(MAX(position) + 1, 0) FROM touchpoints WHERE workspace_id = $1 AND stage_id = $2",
                            )
                            .bind(ws.0)
                            .bind(stage)
                            .fetch_one(&mut *tx)
                            .await?;
                            let id: i64 = sqlx::query_scalar(
                                "INSERT INTO touchpoints (workspace_id, stage_id, name, channel, digital, owned, owner_id,
                                                          customer_goal, pain_points, ideas, position)
                                 VALUES ($1, $2, $3, 'mail', $4, $5, NULL, '', '', '', $6) RETURNING id",
                            )
                            .bind(ws.0)
                            .bind(stage)
                            .bind(touchpoint_name)
                            .bind(false)
                            .bind(true)
                            .bind(position)
                            .fetch_one(&mut *tx)
                            .await?;
                            sqlx::query(
                                "INSERT INTO thanks_settings (workspace_id, touchpoint_id) VALUES ($1, $2)
                                 ON CONFLICT (workspace_id) DO UPDATE SET touchpoint_id = $2",
                            )
                            .bind(ws.0)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                            Some(id)
                        }
                    }
                }
            };
            let event: Option<i64> = match touchpoint {
                None => None,
                Some(tp) => Some(
                    sqlx::query_scalar(
                        "INSERT INTO events (workspace_id, customer_id, touchpoint_id, occurred_at, channel, amount, properties)
                         VALUES ($1, $2, $3, $4, 'mail', NULL, $5) RETURNING id",
                    )
                    .bind(ws.0)
                    .bind(customer.0)
                    .bind(tp)
                    .bind(now)
                    .bind(r#"{"source":"thank_you_note"}"#)
                    .fetch_one(&mut *tx)
                    .await?,
                ),
            };
            sqlx::query(
                "INSERT INTO thank_you_notes (workspace_id, customer_id, reason, written_at, written_by, event_id)
                 VALUES ($1, $2, $3, $4, (SELECT id FROM users WHERE workspace_id = $1 AND id = $5), $6)",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(reason)
            .bind(now)
            .bind(by.0)
            .bind(event)
            .execute(&mut *tx)
            .await?;
            Ok(())
        }))
    }
}
