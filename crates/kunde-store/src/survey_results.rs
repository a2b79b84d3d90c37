//! What survey results and closing the loop read and write: every answer of a survey or a
//! touchpoint as flat rows (the web layer hands them to the analytics core), follow-ups
//! opened by detractors and low CSAT, unsubscribes from invitations, and what the invitation
//! schedule needs to decide who is invited or reminded.

use crate::{Result, Store, StoreError, debug_assert_scoped, transaction, with_pool};
use kunde_domain::*;

/// Days a follow-up has before it is overdue.
pub const FOLLOWUP_DAYS: i64 = 3;

/// The statement that opens follow-ups for the responses `$where` picks: for each, the first
/// (by question position) NPS answer of 0–6 or CSAT answer of 1–2 of a customer survey opens
/// one follow-up for the owner of the survey's touchpoint, created at the answer's time and
/// due [`FOLLOWUP_DAYS`] after it. `$1` is always the workspace.
macro_rules! open_followups_sql {
    ($where:literal) => {
        concat!(
            "INSERT INTO survey_followups
                (workspace_id, response_id, survey_id, touchpoint_id, customer_id, owner_id, reason, score,
                 created_at, due_at, action)
             SELECT r.workspace_id, r.id, r.survey_id, s.touchpoint_id, r.customer_id, t.owner_id,
                    CASE WHEN q.kind = 'nps' THEN 'detractor' ELSE 'low_csat' END, a.score,
                    r.submitted_at, r.submitted_at + 259200, ''
             FROM survey_responses r
             JOIN surveys s ON s.id = r.survey_id AND s.workspace_id = r.workspace_id AND s.kind = 'customer'
             LEFT JOIN touchpoints t ON t.id = s.touchpoint_id AND t.workspace_id = r.workspace_id
             JOIN survey_answers a ON a.response_id = r.id AND a.workspace_id = r.workspace_id
             JOIN survey_questions q ON q.id = a.question_id AND q.workspace_id = r.workspace_id
             WHERE ",
            $where,
            " AND a.id = (SELECT a2.id FROM survey_answers a2
                           JOIN survey_questions q2 ON q2.id = a2.question_id AND q2.workspace_id = a2.workspace_id
                           WHERE a2.workspace_id = $1 AND a2.response_id = r.id
                             AND ((q2.kind = 'nps' AND a2.score <= 6) OR (q2.kind = 'csat' AND a2.score <= 2))
                           ORDER BY q2.position, a2.id LIMIT 1)
               AND NOT EXISTS (SELECT 1 FROM survey_followups f WHERE f.workspace_id = $1 AND f.response_id = r.id)"
        )
    };
}

/// Opens the follow-up one response calls for, if any (see `open_followups_sql`). Binds:
/// `$1` workspace, `$2` response. One statement, so [`Store::store_response`] runs it inside
/// its own transaction.
pub(crate) const OPEN_FOLLOWUP_SQL: &str = open_followups_sql!("r.workspace_id = $1 AND r.id = $2");

/// How far back an imported survey history opens follow-ups: a detractor of last year was
/// dealt with long ago (or never will be), one of the last month still wants an answer.
pub const IMPORT_FOLLOWUP_SECONDS: i64 = 30 * 86_400;

/// Opens, for every imported response of the last [`IMPORT_FOLLOWUP_SECONDS`] before `$2`,
/// the follow-up it would have opened when it arrived, so older ones are already overdue.
/// Binds: `$1` workspace, `$2` now, `$3` [`IMPORT_FOLLOWUP_SECONDS`].
pub(crate) const IMPORT_FOLLOWUPS_SQL: &str = open_followups_sql!(
    "r.workspace_id = $1 AND r.submitted_at >= $2 - $3 AND r.submitted_at <= $2"
);

/// Which answers a results page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsScope {
    Survey(SurveyId),
    /// Every customer survey tied to the touchpoint, together.
    Touchpoint(TouchpointId),
    /// Every customer survey of the workspace (satisfaction per team).
    AllCustomerSurveys,
}

/// One answer with its response, question and customer: what every figure is computed from.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AnswerFact {
    pub response_id: i64,
    pub survey_id: i64,
    pub survey_kind: String,
    pub submitted_at: i64,
    pub language: String,
    /// How the response arrived (link, qr, email, paper, widget).
    pub channel: String,
    pub team: Option<String>,
    pub location: Option<String>,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub acquisition_channel: Option<String>,
    pub question_id: i64,
    /// The question's kind code (nps, csat, ces, expectation, …).
    pub question_kind: String,
    pub question_position: i64,
    pub question_en: String,
    pub question_da: String,
    pub question_sv: String,
    pub question_tl: String,
    pub score: Option<i64>,
    pub expected: Option<i64>,
    pub experienced: Option<i64>,
    pub option_en: Option<String>,
    pub option_da: Option<String>,
    pub option_sv: Option<String>,
    pub option_tl: Option<String>,
    pub text: Option<String>,
}

impl AnswerFact {
    pub fn question_text(&self) -> Texts {
        Texts::new(
            &self.question_en,
            &self.question_da,
            &self.question_sv,
            &self.question_tl,
        )
    }

    pub fn option_text(&self) -> Option<Texts> {
        Some(Texts::new(
            self.option_en.as_deref()?,
            self.option_da.as_deref().unwrap_or(""),
            self.option_sv.as_deref().unwrap_or(""),
            self.option_tl.as_deref().unwrap_or(""),
        ))
    }
}

/// A follow-up with the names its list shows.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Followup {
    pub id: i64,
    pub workspace_id: i64,
    /// The survey response that opened it, or `None` for a review's.
    pub response_id: Option<i64>,
    pub survey_id: Option<i64>,
    /// The review of 1–2 stars that opened it (reason `low_review`), with its text.
    pub review_id: Option<i64>,
    pub review_text: Option<String>,
    /// The survey's title, or for a review the review site (its source).
    pub survey_en: String,
    pub survey_da: String,
    pub survey_sv: String,
    pub survey_tl: String,
    pub touchpoint_id: Option<i64>,
    pub touchpoint_name: Option<String>,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    /// `detractor`, `low_csat` or `low_review`.
    pub reason: String,
    pub score: i64,
    pub created_at: i64,
    pub due_at: i64,
    pub closed_at: Option<i64>,
    pub closed_by_name: Option<String>,
    pub action: String,
    /// The case it became ("Open a case"), whose replies are e-mail.
    pub case_id: Option<i64>,
}

impl Followup {
    pub fn survey_title(&self) -> Texts {
        Texts::new(
            &self.survey_en,
            &self.survey_da,
            &self.survey_sv,
            &self.survey_tl,
        )
    }

    pub fn is_overdue(&self, now: i64) -> bool {
        self.closed_at.is_none() && now > self.due_at
    }
}

/// A customer as the invitation rules see them, with what the e-mail needs.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct InviteeRow {
    pub customer_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub language: String,
    pub marketing_consent: bool,
    pub unsubscribed: bool,
    /// The last invitation sent to, or response given by, this customer (any survey).
    pub last_asked: Option<i64>,
}

impl InviteeRow {
    pub fn recipient(&self) -> survey_schedule::Recipient {
        survey_schedule::Recipient {
            customer: CustomerId(self.customer_id),
            has_email: self.email.is_some(),
            marketing_consent: self.marketing_consent,
            unsubscribed: self.unsubscribed,
            last_asked: self.last_asked,
        }
    }
}

/// A sent, unanswered, not yet reminded invitation of a live survey, anywhere on the server.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReminderCandidate {
    pub invitation_id: i64,
    pub workspace_id: i64,
    pub survey_id: i64,
    pub customer_id: i64,
    pub sent_at: i64,
    pub reminder_days: i64,
    pub fatigue_days: i64,
    pub email: Option<String>,
    pub name: String,
    pub language: String,
    pub marketing_consent: bool,
    pub unsubscribed: bool,
}

impl ReminderCandidate {
    pub fn sent(&self) -> survey_schedule::SentInvitation {
        survey_schedule::SentInvitation {
            id: self.invitation_id,
            customer: CustomerId(self.customer_id),
            sent_at: self.sent_at,
            reminded_at: None,
            answered_at: None,
            reachable: self.email.is_some() && self.marketing_consent && !self.unsubscribed,
        }
    }
}

/// One survey response of a customer, for their timeline.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CustomerAnswer {
    pub response_id: i64,
    pub survey_id: i64,
    pub survey_en: String,
    pub survey_da: String,
    pub survey_sv: String,
    pub survey_tl: String,
    pub submitted_at: i64,
    pub question_kind: String,
    pub score: Option<i64>,
    pub text: Option<String>,
}

macro_rules! followup_select {
    () => {
        "SELECT f.id, f.workspace_id, f.response_id, f.survey_id, f.review_id,
                rv.text AS review_text,
                COALESCE(s.title_en, rv.source, '') AS survey_en, COALESCE(s.title_da, rv.source, '') AS survey_da,
                COALESCE(s.title_sv, rv.source, '') AS survey_sv, COALESCE(s.title_tl, rv.source, '') AS survey_tl,
                f.touchpoint_id, t.name AS touchpoint_name,
                f.customer_id, c.name AS customer_name, f.owner_id, u.name AS owner_name,
                f.reason, f.score, f.created_at, f.due_at, f.closed_at, cb.name AS closed_by_name,
                f.action, f.case_id
         FROM survey_followups f
         LEFT JOIN surveys s ON s.id = f.survey_id AND s.workspace_id = f.workspace_id
         LEFT JOIN reviews rv ON rv.id = f.review_id AND rv.workspace_id = f.workspace_id
         LEFT JOIN touchpoints t ON t.id = f.touchpoint_id AND t.workspace_id = f.workspace_id
         LEFT JOIN customers c ON c.id = f.customer_id AND c.workspace_id = f.workspace_id
         LEFT JOIN users u ON u.id = f.owner_id AND u.workspace_id = f.workspace_id
         LEFT JOIN users cb ON cb.id = f.closed_by AND cb.workspace_id = f.workspace_id"
    };
}

/// The longest "what was done" note a follow-up keeps, in characters.
pub const MAX_FOLLOWUP_ACTION: usize = 2000;

impl Store {
    /// Every answer in `scope`, oldest response first, then by question position.
    pub async fn answer_facts(
        &self,
        ws: WorkspaceId,
        scope: ResultsScope,
    ) -> Result<Vec<AnswerFact>> {
        let (filter, id) = match scope {
            ResultsScope::Survey(s) => ("s.id = $2", s.0),
            ResultsScope::Touchpoint(t) => ("s.touchpoint_id = $2 AND s.kind = 'customer'", t.0),
            // `$2` is bound (to 0) so every scope binds the same parameters.
            ResultsScope::AllCustomerSurveys => ("s.kind = 'customer' AND $2 = 0", 0),
        };
        let sql = format!(
            "SELECT r.id AS response_id, r.survey_id, s.kind AS survey_kind, r.submitted_at,
                    r.language, r.channel, r.team, r.location, r.customer_id,
                    c.name AS customer_name, c.acquisition_channel,
                    q.id AS question_id, q.kind AS question_kind, q.position AS question_position,
                    q.text_en AS question_en, q.text_da AS question_da, q.text_sv AS question_sv,
                    q.text_tl AS question_tl, a.score, a.expected, a.experienced,
                    o.text_en AS option_en, o.text_da AS option_da, o.text_sv AS option_sv,
                    o.text_tl AS option_tl, a.text
             FROM survey_answers a
             JOIN survey_responses r ON r.id = a.response_id AND r.workspace_id = a.workspace_id
             JOIN surveys s ON s.id = r.survey_id AND s.workspace_id = r.workspace_id
             JOIN survey_questions q ON q.id = a.question_id AND q.workspace_id = a.workspace_id
             LEFT JOIN survey_options o ON o.id = a.option_id AND o.workspace_id = a.workspace_id
             LEFT JOIN customers c ON c.id = r.customer_id AND c.workspace_id = r.workspace_id
             WHERE a.workspace_id = $1 AND {filter}
             ORDER BY r.submitted_at, r.id, q.position, a.id"
        );
        with_pool!(self, pool => {
            let rows: Vec<AnswerFact> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ws.0)
                .bind(id)
                .fetch_all(pool)
                .await?;
            Ok(rows)
        })
    }

    /// Opens the follow-up a stored response calls for (see [`OPEN_FOLLOWUP_SQL`]); returns
    /// whether one was opened. Responses stored through [`Store::store_response`] get theirs
    /// in the same transaction, and imported ones through [`IMPORT_FOLLOWUPS_SQL`]; this is
    /// for responses written another way, and opens nothing twice.
    pub async fn open_followup_for_response(
        &self,
        ws: WorkspaceId,
        response: ResponseId,
    ) -> Result<bool> {
        with_pool!(self, pool => {
            let done = sqlx::query(OPEN_FOLLOWUP_SQL)
                .bind(ws.0)
                .bind(response.0)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(done == 1)
        })
    }

    /// What the customers wrote (free-text answers) in the responses behind the workspace's
    /// follow-ups, as (response id, text) in the order they were asked.
    pub async fn followup_texts(&self, ws: WorkspaceId) -> Result<Vec<(i64, String)>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT a.response_id, a.text FROM survey_answers a
                 JOIN survey_followups f ON f.workspace_id = a.workspace_id AND f.response_id = a.response_id
                 WHERE a.workspace_id = $1 AND a.text IS NOT NULL AND a.text <> ''
                 ORDER BY a.response_id, a.id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }

    /// Follow-ups, open ones first by due date, then closed ones newest first.
    pub async fn list_followups(
        &self,
        ws: WorkspaceId,
        include_closed: bool,
    ) -> Result<Vec<Followup>> {
        let sql = if include_closed {
            concat!(
                followup_select!(),
                " WHERE f.workspace_id = $1
                ORDER BY (f.closed_at IS NOT NULL), f.due_at, f.closed_at DESC, f.id"
            )
        } else {
            concat!(
                followup_select!(),
                " WHERE f.workspace_id = $1 AND f.closed_at IS NULL
                ORDER BY f.due_at, f.id"
            )
        };
        with_pool!(self, pool => {
            let rows: Vec<Followup> = sqlx::query_as(sql).bind(ws.0).fetch_all(pool).await?;
            for r in &rows {
                debug_assert_scoped(ws, r.workspace_id);
            }
            Ok(rows)
        })
    }

    pub async fn get_followup(&self, ws: WorkspaceId, id: i64) -> Result<Followup> {
        with_pool!(self, pool => {
            let row: Option<Followup> = sqlx::query_as(concat!(followup_select!(), " WHERE f.workspace_id = $1 AND f.id = $2"))
                .bind(ws.0)
                .bind(id)
                .fetch_optional(pool)
                .await?;
            row.ok_or(StoreError::NotFound)
        })
    }

    /// How many follow-ups are open, and how many of them are overdue at `now`.
    pub async fn followup_counts(&self, ws: WorkspaceId, now: i64) -> Result<(i64, i64)> {
        with_pool!(self, pool => {
            let row: (i64, Option<i64>) = sqlx::query_as(
                "SELECT COUNT(*), SUM(CASE WHEN due_at < $2 THEN 1 ELSE 0 END)
                 FROM survey_followups WHERE workspace_id = $1 AND closed_at IS NULL",
            )
            .bind(ws.0)
            .bind(now)
            .fetch_one(pool)
            .await?;
            Ok((row.0, row.1.unwrap_or(0)))
        })
    }

    /// Closes an open follow-up with what was done. Closing a closed one is a `Conflict`.
    pub async fn close_followup(
        &self,
        ws: WorkspaceId,
        id: i64,
        by: UserId,
        action: &NonEmpty,
        now: i64,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(Option<i64>,)> = sqlx::query_as(
                "SELECT closed_at FROM survey_followups WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                None => return Err(StoreError::NotFound),
                Some((Some(_),)) => return Err(StoreError::Conflict("a closed follow-up")),
                Some((None,)) => {}
            }
            let done = sqlx::query(
                "UPDATE survey_followups SET closed_at = $3, closed_by = $4, action = $5
                 WHERE workspace_id = $1 AND id = $2 AND closed_at IS NULL
                   AND EXISTS (SELECT 1 FROM users WHERE workspace_id = $1 AND id = $4)",
            )
            .bind(ws.0)
            .bind(id)
            .bind(now)
            .bind(by.0)
            .bind(action.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 0 {
                return Err(StoreError::InvalidReference(format!("user {by}")));
            }
            Ok(())
        }))
    }

    /// Customers as the invitation rules see them: the listed ones, or (`None`) every
    /// customer of the workspace, by name.
    pub async fn invitees(
        &self,
        ws: WorkspaceId,
        customers: Option<&[CustomerId]>,
    ) -> Result<Vec<InviteeRow>> {
        with_pool!(self, pool => {
            let rows: Vec<InviteeRow> = sqlx::query_as(
                "SELECT c.id AS customer_id, c.name, c.email, c.language, c.marketing_consent,
                        EXISTS (SELECT 1 FROM survey_unsubscribes u
                                WHERE u.workspace_id = c.workspace_id AND u.customer_id = c.id) AS unsubscribed,
                        (SELECT MAX(x.t) FROM (
                            SELECT i.sent_at AS t FROM survey_invitations i
                            WHERE i.workspace_id = c.workspace_id AND i.customer_id = c.id AND i.sent_at IS NOT NULL
                            UNION ALL
                            SELECT r.submitted_at AS t FROM survey_responses r
                            WHERE r.workspace_id = c.workspace_id AND r.customer_id = c.id) x) AS last_asked
                 FROM customers c WHERE c.workspace_id = $1 ORDER BY c.name, c.id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(match customers {
                None => rows,
                Some(ids) => rows.into_iter().filter(|r| ids.contains(&CustomerId(r.customer_id))).collect(),
            })
        })
    }

    /// Sent invitations of live surveys that are unanswered and not yet reminded, on every
    /// workspace: the pure schedule decides which are due.
    pub async fn reminder_candidates(&self) -> Result<Vec<ReminderCandidate>> {
        with_pool!(self, pool => {
            let rows: Vec<ReminderCandidate> = sqlx::query_as(
                "SELECT i.id AS invitation_id, i.workspace_id, i.survey_id, i.customer_id, i.sent_at,
                        s.reminder_days, s.fatigue_days, c.email, c.name, c.language, c.marketing_consent,
                        EXISTS (SELECT 1 FROM survey_unsubscribes u
                                WHERE u.workspace_id = i.workspace_id AND u.customer_id = i.customer_id) AS unsubscribed
                 FROM survey_invitations i
                 JOIN surveys s ON s.id = i.survey_id AND s.workspace_id = i.workspace_id
                 JOIN customers c ON c.id = i.customer_id AND c.workspace_id = i.workspace_id
                 WHERE i.sent_at IS NOT NULL AND i.reminded_at IS NULL AND i.answered_at IS NULL
                   AND s.status = 'live' AND s.reminder_days > 0
                 ORDER BY i.workspace_id, i.id",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }

    /// Gives an invitation a further token (for a reminder's link) and returns it. The first
    /// link keeps working.
    pub async fn add_invitation_token(
        &self,
        ws: WorkspaceId,
        invitation: InvitationId,
        now: i64,
    ) -> Result<String> {
        let token = crate::generate_survey_token();
        let hash = crate::invitation_token_hash(&token);
        with_pool!(self, pool => {
            let done = sqlx::query(
                "INSERT INTO survey_invitation_tokens (token_hash, workspace_id, invitation_id, created_at)
                 SELECT $1, $2, $3, $4 WHERE EXISTS
                     (SELECT 1 FROM survey_invitations WHERE workspace_id = $2 AND id = $3)",
            )
            .bind(&hash)
            .bind(ws.0)
            .bind(invitation.0)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected();
            if done == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(token)
        })
    }

    /// Unsubscribes the customer of the invitation behind `token` (either of its links) from
    /// survey invitations. Returns their workspace and id; `None` for an unknown token.
    pub async fn unsubscribe_by_token(
        &self,
        token: &str,
        now: i64,
    ) -> Result<Option<(WorkspaceId, CustomerId)>> {
        let Some(inv) = self.invitation_by_token(token).await? else {
            return Ok(None);
        };
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO survey_unsubscribes (workspace_id, customer_id, unsubscribed_at)
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(inv.workspace_id.0)
            .bind(inv.customer_id.0)
            .bind(now)
            .execute(pool)
            .await?;
            Ok(Some((inv.workspace_id, inv.customer_id)))
        })
    }

    pub async fn is_unsubscribed(&self, ws: WorkspaceId, customer: CustomerId) -> Result<bool> {
        with_pool!(self, pool => {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT customer_id FROM survey_unsubscribes WHERE workspace_id = $1 AND customer_id = $2",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_optional(pool)
            .await?;
            Ok(row.is_some())
        })
    }

    /// A customer's scored and free-text answers, newest response first, for the timeline.
    pub async fn customer_answers(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        limit: i64,
    ) -> Result<Vec<CustomerAnswer>> {
        with_pool!(self, pool => {
            let rows: Vec<CustomerAnswer> = sqlx::query_as(
                "SELECT r.id AS response_id, r.survey_id, s.title_en AS survey_en, s.title_da AS survey_da,
                        s.title_sv AS survey_sv, s.title_tl AS survey_tl, r.submitted_at,
                        q.kind AS question_kind, a.score, a.text
                 FROM survey_answers a
                 JOIN survey_responses r ON r.id = a.response_id AND r.workspace_id = a.workspace_id
                 JOIN surveys s ON s.id = r.survey_id AND s.workspace_id = r.workspace_id
                 JOIN survey_questions q ON q.id = a.question_id AND q.workspace_id = a.workspace_id
                 WHERE a.workspace_id = $1 AND r.customer_id = $2
                   AND r.id IN (SELECT id FROM survey_responses WHERE workspace_id = $1 AND customer_id = $2
                                ORDER BY submitted_at DESC, id DESC LIMIT $3)
                   AND (a.score IS NOT NULL AND q.kind IN ('nps', 'csat', 'ces') OR a.text IS NOT NULL)
                 ORDER BY r.submitted_at DESC, r.id DESC, q.position, a.id",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }
}
