//! Reviews from review sites (issue 14, migration 0013): importing a checked file all or
//! nothing — duplicates (same source and review id, or same author, date and text) skipped
//! and counted, each new review an event on the review-site touchpoint and matched to a known
//! customer by e-mail or a unique name — listing them, and recording the business's reply.

use crate::survey_results::{FOLLOWUP_DAYS, IMPORT_FOLLOWUP_SECONDS};
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::{TouchpointId, WorkspaceId};

/// A review to import (checked by the caller: rating 1–5, a source).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewInput {
    pub source: String,
    pub external_id: Option<String>,
    pub author: String,
    pub email: Option<String>,
    pub rating: i64,
    pub text: String,
    pub reviewed_at: i64,
    pub url: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewImport {
    pub imported: u64,
    pub duplicates: u64,
    /// Of the imported, how many were matched to a known customer.
    pub matched: u64,
    /// Of the imported, how many (1–2 stars, of the last 30 days) opened a follow-up.
    pub followups: u64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Review {
    pub id: i64,
    pub workspace_id: i64,
    pub touchpoint_id: i64,
    pub source: String,
    pub external_id: Option<String>,
    pub author: String,
    pub rating: i64,
    pub text: String,
    pub reviewed_at: i64,
    pub url: Option<String>,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub reply_text: Option<String>,
    pub replied_at: Option<i64>,
    /// `None` while the customer match is Kunde's suggestion; `confirmed` or `rejected`
    /// once the owner decided.
    pub match_state: Option<String>,
}

/// The owner's decision on a review's customer match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMatch {
    /// This customer wrote it (the suggested one, or another the owner picked).
    Confirm(kunde_domain::CustomerId),
    /// No known customer wrote it.
    Reject,
}

impl Store {
    /// The touchpoint reviews land on: the first touchpoint with the review-site channel on an
    /// as-is map (in map order), if there is one.
    pub async fn review_site_touchpoint(&self, ws: WorkspaceId) -> Result<Option<TouchpointId>> {
        let row: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT t.id FROM touchpoints t
                 JOIN stages s ON s.id = t.stage_id AND s.workspace_id = t.workspace_id
                 JOIN journeys j ON j.id = s.journey_id AND j.workspace_id = s.workspace_id
                 WHERE t.workspace_id = $1 AND t.channel = 'review_site' AND j.variant = 'as_is'
                 ORDER BY (j.parent_id IS NOT NULL), j.id, s.position, t.position, t.id
                 LIMIT 1",
            )
            .bind(ws.0)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(id,)| TouchpointId(id)))
    }

    /// Imports `reviews` onto `touchpoint` in one transaction.
    pub async fn import_reviews(
        &self,
        ws: WorkspaceId,
        touchpoint: TouchpointId,
        reviews: &[ReviewInput],
        now: i64,
    ) -> Result<ReviewImport> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let known: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM touchpoints WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(touchpoint.0)
            .fetch_optional(&mut *tx)
            .await?;
            if known.is_none() {
                return Err(StoreError::InvalidReference(format!("touchpoint {touchpoint}")));
            }
            let mut out = ReviewImport::default();
            for r in reviews {
                if !(1..=5).contains(&r.rating) {
                    return Err(StoreError::InvalidReference(format!("rating {}", r.rating)));
                }
                let dup: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM reviews WHERE workspace_id = $1
                       AND ((source = $2 AND external_id = $3)
                            OR (author = $4 AND reviewed_at = $5 AND text = $6))
                     LIMIT 1",
                )
                .bind(ws.0)
                .bind(&r.source)
                .bind(r.external_id.as_deref())
                .bind(&r.author)
                .bind(r.reviewed_at)
                .bind(&r.text)
                .fetch_optional(&mut *tx)
                .await?;
                if dup.is_some() {
                    out.duplicates += 1;
                    continue;
                }
                let by_email: Vec<(i64,)> = match &r.email {
                    Some(e) => sqlx::query_as(
                        "SELECT id FROM customers WHERE workspace_id = $1 AND LOWER(email) = LOWER($2) LIMIT 2",
                    )
                    .bind(ws.0)
                    .bind(e)
                    .fetch_all(&mut *tx)
                    .await?,
                    None => Vec::new(),
                };
                let candidates: Vec<(i64,)> = if by_email.is_empty() && !r.author.trim().is_empty() {
                    sqlx::query_as(
                        "SELECT id FROM customers WHERE workspace_id = $1 AND LOWER(name) = LOWER($2) LIMIT 2",
                    )
                    .bind(ws.0)
                    .bind(r.author.trim())
                    .fetch_all(&mut *tx)
                    .await?
                } else {
                    by_email
                };
                let customer = match candidates.as_slice() {
                    [(id,)] => Some(*id),
                    _ => None,
                };
                let properties = serde_json::json!({
                    "review_source": r.source,
                    "rating": r.rating,
                })
                .to_string();
                let (event_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO events (workspace_id, customer_id, visitor_id, touchpoint_id, occurred_at,
                                         channel, amount, properties)
                     VALUES ($1, $2, NULL, $3, $4, 'review_site', NULL, $5) RETURNING id",
                )
                .bind(ws.0)
                .bind(customer)
                .bind(touchpoint.0)
                .bind(r.reviewed_at)
                .bind(&properties)
                .fetch_one(&mut *tx)
                .await?;
                let (review_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO reviews (workspace_id, touchpoint_id, event_id, source, external_id, author,
                                          rating, text, reviewed_at, url, customer_id, imported_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                )
                .bind(ws.0)
                .bind(touchpoint.0)
                .bind(event_id)
                .bind(&r.source)
                .bind(r.external_id.as_deref())
                .bind(&r.author)
                .bind(r.rating)
                .bind(&r.text)
                .bind(r.reviewed_at)
                .bind(r.url.as_deref())
                .bind(customer)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                // A review of 1–2 stars opens a follow-up for the touchpoint's owner, like a
                // detractor's answer; an old one (before the import window) was dealt with.
                if r.rating <= 2 && r.reviewed_at >= now - IMPORT_FOLLOWUP_SECONDS {
                    sqlx::query(
                        "INSERT INTO survey_followups (workspace_id, response_id, survey_id, review_id, touchpoint_id,
                                customer_id, owner_id, reason, score, created_at, due_at, action)
                         SELECT $1, NULL, NULL, $2, t.id, $3, t.owner_id, 'low_review', $4, $5, $6, ''
                         FROM touchpoints t WHERE t.workspace_id = $1 AND t.id = $7",
                    )
                    .bind(ws.0)
                    .bind(review_id)
                    .bind(customer)
                    .bind(r.rating)
                    .bind(r.reviewed_at)
                    .bind(r.reviewed_at + FOLLOWUP_DAYS * 86_400)
                    .bind(touchpoint.0)
                    .execute(&mut *tx)
                    .await?;
                    out.followups += 1;
                }
                out.imported += 1;
                out.matched += u64::from(customer.is_some());
            }
            Ok(out)
        }))
    }

    /// The workspace's reviews: unanswered first, the oldest first within each.
    pub async fn list_reviews(&self, ws: WorkspaceId) -> Result<Vec<Review>> {
        with_pool!(self, pool => {
            let rows: Vec<Review> = sqlx::query_as(
                "SELECT r.id, r.workspace_id, r.touchpoint_id, r.source, r.external_id, r.author, r.rating,
                        r.text, r.reviewed_at, r.url, r.customer_id, c.name AS customer_name,
                        r.reply_text, r.replied_at, r.match_state
                 FROM reviews r
                 LEFT JOIN customers c ON c.id = r.customer_id AND c.workspace_id = r.workspace_id
                 WHERE r.workspace_id = $1
                 ORDER BY (r.replied_at IS NOT NULL), r.reviewed_at, r.id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }

    /// Records the business's reply to a review and when it was given.
    pub async fn reply_to_review(
        &self,
        ws: WorkspaceId,
        id: i64,
        text: &str,
        replied_at: i64,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query(
                "UPDATE reviews SET reply_text = $1, replied_at = $2 WHERE workspace_id = $3 AND id = $4",
            )
            .bind(text)
            .bind(replied_at)
            .bind(ws.0)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected();
            if done == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    /// Records the owner's decision on a review's customer: the review and its event name
    /// the confirmed customer, or nobody after a rejection. A customer of another workspace
    /// is `NotFound`.
    pub async fn set_review_match(
        &self,
        ws: WorkspaceId,
        id: i64,
        decision: ReviewMatch,
    ) -> Result<()> {
        let (customer, state) = match decision {
            ReviewMatch::Confirm(c) => (Some(c.0), "confirmed"),
            ReviewMatch::Reject => (None, "rejected"),
        };
        with_pool!(self, pool => transaction!(pool, tx => {
            if let Some(c) = customer {
                let known: Option<(i64,)> =
                    sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
                        .bind(ws.0)
                        .bind(c)
                        .fetch_optional(&mut *tx)
                        .await?;
                if known.is_none() {
                    return Err(StoreError::NotFound);
                }
            }
            let found: Option<(Option<i64>,)> =
                sqlx::query_as("SELECT event_id FROM reviews WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((event,)) = found else {
                return Err(StoreError::NotFound);
            };
            sqlx::query("UPDATE reviews SET customer_id = $3, match_state = $4 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id)
                .bind(customer)
                .bind(state)
                .execute(&mut *tx)
                .await?;
            if let Some(e) = event {
                sqlx::query("UPDATE events SET customer_id = $3 WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(e)
                    .bind(customer)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok(())
        }))
    }
}
