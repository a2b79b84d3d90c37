//! "May we contact you?" after a low score on a public survey link (issue 17, migration
//! 0027): whether a survey asks it, finding the anonymous answer that may be given a contact,
//! and linking it to a customer — found by e-mail (or phone) in the workspace, else created —
//! with the respondent's consent to be contacted recorded with its time and source.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::{CustomerId, Email, Language, Phone, SurveyId, WorkspaceId};

/// How long after answering a respondent may still leave a way to reach them.
pub const CONTACT_WINDOW_SECS: i64 = 3600;

/// Where a consent to be contacted was given, as stored.
pub const CONTACT_SOURCE_SURVEY: &str = "survey";

/// How a respondent may be reached: an e-mail address, a phone number or both.
#[derive(Debug, Clone)]
pub struct ContactDetails {
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    /// The language the respondent answered in, for a new customer.
    pub language: Language,
}

impl Store {
    /// Whether the survey asks, after a low score on its public link, to be allowed to
    /// contact the respondent.
    pub async fn survey_asks_contact(&self, ws: WorkspaceId, survey: SurveyId) -> Result<bool> {
        with_pool!(self, pool => {
            let row: Option<(bool,)> = sqlx::query_as(
                "SELECT ask_contact FROM surveys WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_optional(pool)
            .await?;
            row.map(|r| r.0).ok_or(StoreError::NotFound)
        })
    }

    /// Turns "May we contact you?" on or off for a survey of the workspace.
    pub async fn set_survey_ask_contact(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        on: bool,
    ) -> Result<()> {
        let done = with_pool!(self, pool => {
            sqlx::query("UPDATE surveys SET ask_contact = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(survey.0)
                .bind(on)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    }

    /// The response stored with `key` on `survey` that may still be given a contact: without
    /// a customer, answered since `since`, and low enough to have opened a follow-up.
    pub async fn contactable_response(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        key: &str,
        since: i64,
    ) -> Result<Option<i64>> {
        with_pool!(self, pool => {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT r.id FROM survey_responses r
                 WHERE r.workspace_id = $1 AND r.survey_id = $2 AND r.submission_key = $3
                   AND r.customer_id IS NULL AND r.submitted_at >= $4
                   AND EXISTS (SELECT 1 FROM survey_followups f
                               WHERE f.workspace_id = r.workspace_id AND f.response_id = r.id)",
            )
            .bind(ws.0)
            .bind(survey.0)
            .bind(key)
            .bind(since)
            .fetch_optional(pool)
            .await?;
            Ok(row.map(|r| r.0))
        })
    }

    /// Links an anonymous response (and its follow-up) to the customer the details name —
    /// the workspace's customer with this e-mail, else with this phone number, else a new
    /// one — and records their consent to be contacted, in one transaction. A response that
    /// has a customer already is a `Conflict` (a second submit changes nothing).
    pub async fn link_response_contact(
        &self,
        ws: WorkspaceId,
        response: i64,
        details: &ContactDetails,
        now: i64,
    ) -> Result<CustomerId> {
        let email = details.email.as_ref().map(|e| e.as_str().to_owned());
        let phone = details.phone.as_ref().map(|p| p.as_str().to_owned());
        if email.is_none() && phone.is_none() {
            return Err(StoreError::InvalidReference("contact".into()));
        }
        with_pool!(self, pool => transaction!(pool, tx => {
            let open: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM survey_responses WHERE workspace_id = $1 AND id = $2 AND customer_id IS NULL",
            )
            .bind(ws.0)
            .bind(response)
            .fetch_optional(&mut *tx)
            .await?;
            if open.is_none() {
                return Err(StoreError::Conflict("a contact for this answer"));
            }
            let mut found: Option<(i64,)> = None;
            if let Some(e) = &email {
                found = sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND email = $2")
                    .bind(ws.0)
                    .bind(e)
                    .fetch_optional(&mut *tx)
                    .await?;
            }
            if found.is_none() && let Some(p) = &phone {
                found = sqlx::query_as(
                    "SELECT id FROM customers WHERE workspace_id = $1 AND phone = $2 ORDER BY id LIMIT 1",
                )
                .bind(ws.0)
                .bind(p)
                .fetch_optional(&mut *tx)
                .await?;
            }
            let customer = match found {
                Some((id,)) => id,
                None => {
                    let name = email.clone().or_else(|| phone.clone()).unwrap_or_default();
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                                acquisition_channel, acquisition_cost, created_at)
                         VALUES ($1, $2, $3, $4, $5, $6, NULL, 0, $7) RETURNING id",
                    )
                    .bind(ws.0)
                    .bind(&name)
                    .bind(&email)
                    .bind(&phone)
                    .bind(details.language.code())
                    .bind(false)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    id
                }
            };
            sqlx::query("UPDATE survey_responses SET customer_id = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(response)
                .bind(customer)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE survey_followups SET customer_id = $3 WHERE workspace_id = $1 AND response_id = $2",
            )
            .bind(ws.0)
            .bind(response)
            .bind(customer)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO contact_consents (workspace_id, customer_id, response_id, source, given_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(ws.0)
            .bind(customer)
            .bind(response)
            .bind(CONTACT_SOURCE_SURVEY)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(CustomerId(customer))
        }))
    }

    /// A customer's consents to be contacted about an answer: (source, time), oldest first.
    pub async fn contact_consents(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Vec<(String, i64)>> {
        with_pool!(self, pool => {
            Ok(sqlx::query_as(
                "SELECT source, given_at FROM contact_consents
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY given_at, id",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_all(pool)
            .await?)
        })
    }
}
