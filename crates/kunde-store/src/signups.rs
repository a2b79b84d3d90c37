//! Newsletter sign-ups with double opt-in (issue 15, migration 0029).
//!
//! Someone types a name and an e-mail address on a business's public sign-up form; a
//! `signups` row keeps them, with the SHA-256 of a link that goes out in the same
//! transaction. Only opening that link (a POST, so a mail scanner cannot) gives consent: the
//! row is deleted, the customer with that address is found (or created) and gets marketing
//! consent, recorded in `consent_changes` with its time and source. A row nobody confirms is
//! deleted when it expires ([`Store::purge_expired_signups`]), so an address typed by
//! someone else is never kept beyond that.

use crate::mail::insert_outbox;
use crate::{Result, Store, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::*;

/// Where a consent given through the public form comes from (`consent_changes.source`).
pub const SIGNUP_SOURCE: &str = "signup-form";

/// What someone typed on the sign-up form.
#[derive(Debug, Clone)]
pub struct NewSignup {
    pub name: NonEmpty,
    pub email: Email,
    pub language: Language,
}

/// What a confirmed sign-up did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// A new customer was created with consent.
    NewCustomer(CustomerId),
    /// A customer with that address was there already and now has consent (or had it).
    Existing(CustomerId),
}

impl Confirmed {
    pub fn customer(self) -> CustomerId {
        match self {
            Confirmed::NewCustomer(c) | Confirmed::Existing(c) => c,
        }
    }
}

impl Store {
    /// Keeps a sign-up until `expires_at` and queues its confirmation e-mail (made by `mail`
    /// from the link's token), in one transaction. An earlier unconfirmed sign-up of the same
    /// address at this business is replaced, so only the newest link works.
    pub async fn request_signup(
        &self,
        ws: WorkspaceId,
        s: &NewSignup,
        now: i64,
        expires_at: i64,
        mail: impl FnOnce(&str) -> Mail,
    ) -> Result<i64> {
        let token = crate::portal::portal_token();
        let message = mail(&token);
        message.validate()?;
        let hash = crate::token_hash(&token);
        with_pool!(self, pool => transaction!(pool, tx => {
            sqlx::query("DELETE FROM signups WHERE workspace_id = $1 AND email = $2")
                .bind(ws.0)
                .bind(s.email.as_str())
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO signups (workspace_id, token_hash, name, email, language, requested_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(ws.0)
            .bind(&hash)
            .bind(s.name.as_str())
            .bind(s.email.as_str())
            .bind(s.language.code())
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
            let id = insert_outbox!(&mut *tx, ws, &message, now);
            Ok(id)
        }))
    }

    /// Whether the sign-up behind `token_hash` can still be confirmed at this business.
    pub async fn signup_usable(&self, ws: WorkspaceId, token_hash: &str, now: i64) -> Result<bool> {
        with_pool!(self, pool => {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM signups WHERE workspace_id = $1 AND token_hash = $2 AND expires_at > $3",
            )
            .bind(ws.0)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?;
            Ok(row.is_some())
        })
    }

    /// Confirms the sign-up behind `token_hash`: deletes it, finds the customer with its
    /// address (the oldest, if several) or creates one, and gives them marketing consent,
    /// recorded with `now` and [`SIGNUP_SOURCE`] when it changes — all in one transaction.
    /// `None` when the link is unknown, used, replaced or expired.
    pub async fn confirm_signup(
        &self,
        ws: WorkspaceId,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<Confirmed>> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64, String, String, String)> = sqlx::query_as(
                "SELECT id, name, email, language FROM signups
                 WHERE workspace_id = $1 AND token_hash = $2 AND expires_at > $3",
            )
            .bind(ws.0)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((id, name, email, language)) = found else { return Ok(None) };
            sqlx::query("DELETE FROM signups WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let existing: Option<(i64, bool)> = sqlx::query_as(
                "SELECT id, marketing_consent FROM customers WHERE workspace_id = $1 AND email = $2
                 ORDER BY id LIMIT 1",
            )
            .bind(ws.0)
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
            let (outcome, changed) = match existing {
                Some((customer, consent)) => {
                    if !consent {
                        sqlx::query(
                            "UPDATE customers SET marketing_consent = $3 WHERE workspace_id = $1 AND id = $2",
                        )
                        .bind(ws.0)
                        .bind(customer)
                        .bind(true)
                        .execute(&mut *tx)
                        .await?;
                    }
                    (Confirmed::Existing(CustomerId(customer)), !consent)
                }
                None => {
                    let customer: i64 = sqlx::query_scalar(
                        "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                                acquisition_channel, acquisition_cost, created_at)
                         VALUES ($1, $2, $3, NULL, $4, $5, NULL, 0, $6) RETURNING id",
                    )
                    .bind(ws.0)
                    .bind(&name)
                    .bind(&email)
                    .bind(&language)
                    .bind(true)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    (Confirmed::NewCustomer(CustomerId(customer)), true)
                }
            };
            if changed {
                sqlx::query(
                    "INSERT INTO consent_changes (workspace_id, customer_id, marketing_consent, source, changed_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ws.0)
                .bind(outcome.customer().0)
                .bind(true)
                .bind(SIGNUP_SOURCE)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            Ok(Some(outcome))
        }))
    }

    /// Deletes every sign-up whose link expired by `now`, in every workspace; returns how many.
    pub async fn purge_expired_signups(&self, now: i64) -> Result<u64> {
        with_pool!(self, pool => {
            let done = sqlx::query("DELETE FROM signups WHERE expires_at <= $1")
                .bind(now)
                .execute(pool)
                .await?;
            Ok(done.rows_affected())
        })
    }

    /// Unconfirmed sign-ups waiting at this business (for the owner's overview).
    pub async fn pending_signups(&self, ws: WorkspaceId, now: i64) -> Result<i64> {
        with_pool!(self, pool => {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM signups WHERE workspace_id = $1 AND expires_at > $2",
            )
            .bind(ws.0)
            .bind(now)
            .fetch_one(pool)
            .await?;
            Ok(n)
        })
    }
}
