//! Surveys: their questions and options, responses with answers (each response also an event
//! on the survey's touchpoint, in the same transaction), and personal invitations.
//!
//! Public pages find a survey by its token ([`Store::survey_by_token`]) or an invitation by
//! its token ([`Store::invitation_by_token`]); both return the row's workspace, and every
//! later call passes that workspace on, as for signed-in users.

pub(crate) mod import;

use crate::mail::insert_outbox;
use crate::rows::language;
use crate::write_transaction;
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A survey with the figures its list row shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveySummary {
    pub survey: Survey,
    pub questions: i64,
    pub responses: i64,
    pub last_response_at: Option<i64>,
}

/// One stored response, with the name of its customer when it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseListItem {
    pub response: SurveyResponse,
    pub customer_name: Option<String>,
}

/// What [`Store::store_response`] did: stored a new response, or found the same submission
/// already stored (a double submit) and stored nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredResponse {
    pub id: ResponseId,
    pub new: bool,
}

/// A fresh URL-safe token of 144 random bits, for public survey links and invitations.
pub fn generate_survey_token() -> String {
    use base64::Engine;
    let bytes: [u8; 18] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// How an invitation token is stored: its SHA-256, so a leaked database holds no usable link.
pub fn invitation_token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Checks that the survey and the customer belong to the workspace and inserts an invitation
/// (sent at `$sent`, or not yet) inside the transaction `$tx`; evaluates to its row.
macro_rules! insert_invitation {
    ($tx:ident, $ws:expr, $survey:expr, $customer:expr, $hash:expr, $now:expr, $sent:expr) => {{
        let survey_found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM surveys WHERE workspace_id = $1 AND id = $2")
                .bind($ws.0)
                .bind($survey.0)
                .fetch_optional(&mut *$tx)
                .await?;
        if survey_found.is_none() {
            return Err(StoreError::NotFound);
        }
        let customer_found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
                .bind($ws.0)
                .bind($customer.0)
                .fetch_optional(&mut *$tx)
                .await?;
        if customer_found.is_none() {
            return Err(StoreError::InvalidReference(format!("customer {}", $customer)));
        }
        let row: InvitationRow = sqlx::query_as(concat!(
            "INSERT INTO survey_invitations (workspace_id, survey_id, customer_id, token_hash, created_at, sent_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING ", invitation_columns!()))
        .bind($ws.0)
        .bind($survey.0)
        .bind($customer.0)
        .bind($hash)
        .bind($now)
        .bind($sent)
        .fetch_one(&mut *$tx)
        .await?;
        row
    }};
}

macro_rules! survey_columns {
    () => {
        "id, workspace_id, title_en, title_da, title_sv, title_tl, kind, status, touchpoint_id,
         presentation, fatigue_days, reminder_days, min_group_size, default_language, token, created_at"
    };
}

macro_rules! invitation_columns {
    () => {
        "id, workspace_id, survey_id, customer_id, created_at, sent_at, reminded_at, answered_at"
    };
}

#[derive(sqlx::FromRow)]
struct SurveyRow {
    id: i64,
    workspace_id: i64,
    title_en: String,
    title_da: String,
    title_sv: String,
    title_tl: String,
    kind: String,
    status: String,
    touchpoint_id: Option<i64>,
    presentation: String,
    fatigue_days: i64,
    reminder_days: i64,
    min_group_size: i64,
    default_language: String,
    token: String,
    created_at: i64,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

impl SurveyRow {
    fn into_domain(self) -> Result<Survey> {
        Ok(Survey {
            id: SurveyId(self.id),
            workspace_id: WorkspaceId(self.workspace_id),
            title: Texts {
                en: self.title_en,
                da: self.title_da,
                sv: self.title_sv,
                tl: self.title_tl,
            },
            kind: SurveyKind::parse(&self.kind)
                .ok_or_else(|| corrupt("survey kind", &self.kind))?,
            status: SurveyStatus::parse(&self.status)
                .ok_or_else(|| corrupt("survey status", &self.status))?,
            touchpoint_id: self.touchpoint_id.map(TouchpointId),
            presentation: Presentation::parse(&self.presentation)
                .ok_or_else(|| corrupt("presentation", &self.presentation))?,
            fatigue_days: self.fatigue_days,
            reminder_days: self.reminder_days,
            min_group_size: self.min_group_size,
            default_language: language(&self.default_language)?,
            token: self.token,
            created_at: self.created_at,
        })
    }
}

type QuestionRow = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    bool,
    i64,
);
type OptionRow = (i64, i64, i64, String, String, String, String);
type InvitationRow = (
    i64,
    i64,
    i64,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);
/// response_id, question_id, score, expected, experienced, option_id, text
type AnswerRow = (
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);
type ResponseRow = (
    i64,
    i64,
    i64,
    Option<i64>,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn invitation(r: InvitationRow) -> Invitation {
    Invitation {
        id: InvitationId(r.0),
        workspace_id: WorkspaceId(r.1),
        survey_id: SurveyId(r.2),
        customer_id: CustomerId(r.3),
        created_at: r.4,
        sent_at: r.5,
        reminded_at: r.6,
        answered_at: r.7,
    }
}

fn question(r: QuestionRow, options: &mut HashMap<i64, Vec<AnswerOption>>) -> Result<Question> {
    Ok(Question {
        id: QuestionId(r.0),
        survey_id: SurveyId(r.1),
        position: r.2,
        kind: QuestionKind::parse(&r.3).ok_or_else(|| corrupt("question kind", &r.3))?,
        text: Texts {
            en: r.4,
            da: r.5,
            sv: r.6,
            tl: r.7,
        },
        required: r.8,
        rating_max: r.9,
        options: options.remove(&r.0).unwrap_or_default(),
    })
}

/// Turns answer rows (ordered by id) into one value per question; the rows of a
/// multiple-choice answer become one `Choices`.
fn answers(rows: Vec<AnswerRow>) -> Result<HashMap<i64, Vec<(QuestionId, AnswerValue)>>> {
    let mut by_response: HashMap<i64, Vec<(QuestionId, AnswerValue)>> = HashMap::new();
    for (response, q, score, expected, experienced, option, text) in rows {
        let list = by_response.entry(response).or_default();
        let value = match (score, expected, experienced, option, text) {
            (Some(s), ..) => AnswerValue::Score(s),
            (_, Some(e), Some(x), ..) => AnswerValue::Expectation {
                expected: Level::from_value(e).ok_or_else(|| corrupt("level", &e.to_string()))?,
                experienced: Level::from_value(x)
                    .ok_or_else(|| corrupt("level", &x.to_string()))?,
            },
            (_, _, _, Some(o), _) => {
                if let Some((_, AnswerValue::Choices(chosen))) =
                    list.iter_mut().find(|(id, _)| id.0 == q)
                {
                    chosen.push(OptionId(o));
                    continue;
                }
                AnswerValue::Choices(vec![OptionId(o)])
            }
            (_, _, _, _, Some(t)) => AnswerValue::Text(t),
            _ => return Err(corrupt("answer to question", &q.to_string())),
        };
        list.push((QuestionId(q), value));
    }
    Ok(by_response)
}

/// The JSON properties of the touchpoint event a response writes: which survey and response,
/// and its first NPS, CSAT and CES scores (numbers only, so no escaping is needed).
pub(crate) fn event_properties(
    survey: SurveyId,
    response: i64,
    scores: (Option<i64>, Option<i64>, Option<i64>),
) -> String {
    let mut json = format!(
        r#"{{"source":"survey","survey":{},"response":{response}"#,
        survey.0
    );
    for (name, value) in [("nps", scores.0), ("csat", scores.1), ("ces", scores.2)] {
        if let Some(v) = value {
            json.push_str(&format!(r#","{name}":{v}"#));
        }
    }
    json.push('}');
    json
}

macro_rules! insert_option {
    ($tx:expr, $ws:expr, $question:expr, $position:expr, $text:expr) => {{
        let text: &Texts = $text;
        sqlx::query(
            "INSERT INTO survey_options (workspace_id, question_id, position, text_en, text_da, text_sv, text_tl)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($ws.0)
        .bind($question)
        .bind($position)
        .bind(&text.en)
        .bind(&text.da)
        .bind(&text.sv)
        .bind(&text.tl)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Inserts a question with its options at `position`; evaluates to the new question's id.
macro_rules! insert_question {
    ($tx:expr, $ws:expr, $survey:expr, $position:expr, $q:expr) => {{
        let q: &NewQuestion = $q;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO survey_questions (workspace_id, survey_id, position, kind, text_en, text_da,
                                           text_sv, text_tl, required, rating_max)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind($ws.0)
        .bind($survey)
        .bind($position)
        .bind(q.kind.code())
        .bind(&q.text.en)
        .bind(&q.text.da)
        .bind(&q.text.sv)
        .bind(&q.text.tl)
        .bind(q.required)
        .bind(q.rating_max)
        .fetch_one(&mut *$tx)
        .await?;
        if q.kind.has_options() {
            for (position, text) in q.options.iter().filter(|o| !o.is_empty()).enumerate() {
                insert_option!($tx, $ws, id, position as i64, text);
            }
        }
        id
    }};
}

/// Fails with `InvalidReference` unless the touchpoint belongs to the workspace.
macro_rules! check_touchpoint {
    ($tx:expr, $ws:expr, $touchpoint:expr) => {
        if let Some(tp) = $touchpoint {
            let found: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM touchpoints WHERE workspace_id = $1 AND id = $2")
                    .bind($ws.0)
                    .bind(tp.0)
                    .fetch_optional(&mut *$tx)
                    .await?;
            if found.is_none() {
                return Err(StoreError::InvalidReference(format!("touchpoint {tp}")));
            }
        }
    };
}

impl Store {
    /// Creates a draft survey with its questions, all or nothing.
    pub async fn create_survey(
        &self,
        ws: WorkspaceId,
        s: &SurveySettings,
        questions: &[NewQuestion],
        now: i64,
    ) -> Result<Survey> {
        let token = generate_survey_token();
        with_pool!(self, pool => transaction!(pool, tx => {
            check_touchpoint!(tx, ws, s.touchpoint_id);
            let row: SurveyRow = sqlx::query_as(concat!(
                "INSERT INTO surveys (workspace_id, title_en, title_da, title_sv, title_tl, kind, status,
                                      touchpoint_id, presentation, fatigue_days, reminder_days,
                                      min_group_size, default_language, token, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $11, $12, $13, $14)
                 RETURNING ", survey_columns!()))
            .bind(ws.0)
            .bind(&s.title.en)
            .bind(&s.title.da)
            .bind(&s.title.sv)
            .bind(&s.title.tl)
            .bind(s.kind.code())
            .bind(s.touchpoint_id.map(|t| t.0))
            .bind(s.presentation.code())
            .bind(s.fatigue_days)
            .bind(s.reminder_days)
            .bind(s.min_group_size)
            .bind(s.default_language.code())
            .bind(&token)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for (position, q) in questions.iter().enumerate() {
                insert_question!(tx, ws, row.id, position as i64, q);
            }
            row.into_domain()
        }))
    }

    /// Changes a survey's settings (not its status, token or questions).
    pub async fn update_survey(
        &self,
        ws: WorkspaceId,
        id: SurveyId,
        s: &SurveySettings,
    ) -> Result<Survey> {
        with_pool!(self, pool => transaction!(pool, tx => {
            check_touchpoint!(tx, ws, s.touchpoint_id);
            let row: SurveyRow = sqlx::query_as(concat!(
                "UPDATE surveys SET title_en = $3, title_da = $4, title_sv = $5, title_tl = $6, kind = $7,
                        touchpoint_id = $8, presentation = $9, fatigue_days = $10, reminder_days = $11,
                        min_group_size = $12, default_language = $13
                 WHERE workspace_id = $1 AND id = $2
                 RETURNING ", survey_columns!()))
            .bind(ws.0)
            .bind(id.0)
            .bind(&s.title.en)
            .bind(&s.title.da)
            .bind(&s.title.sv)
            .bind(&s.title.tl)
            .bind(s.kind.code())
            .bind(s.touchpoint_id.map(|t| t.0))
            .bind(s.presentation.code())
            .bind(s.fatigue_days)
            .bind(s.reminder_days)
            .bind(s.min_group_size)
            .bind(s.default_language.code())
            .fetch_one(&mut *tx)
            .await?;
            row.into_domain()
        }))
    }

    pub async fn set_survey_status(
        &self,
        ws: WorkspaceId,
        id: SurveyId,
        status: SurveyStatus,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("UPDATE surveys SET status = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .bind(status.code())
                .execute(pool)
                .await?
                .rows_affected();
            if done == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    pub async fn get_survey(&self, ws: WorkspaceId, id: SurveyId) -> Result<Survey> {
        with_pool!(self, pool => {
            let row: SurveyRow = sqlx::query_as(concat!(
                "SELECT ", survey_columns!(), " FROM surveys WHERE workspace_id = $1 AND id = $2"))
                .bind(ws.0)
                .bind(id.0)
                .fetch_one(pool)
                .await?;
            row.into_domain()
        })
    }

    /// The survey behind a public link, whatever its status (the page says when it is not
    /// live). The token is the only key: it carries 144 random bits.
    pub async fn survey_by_token(&self, token: &str) -> Result<Option<Survey>> {
        with_pool!(self, pool => {
            let row: Option<SurveyRow> = sqlx::query_as(concat!(
                "SELECT ", survey_columns!(), " FROM surveys WHERE token = $1"))
                .bind(token)
                .fetch_optional(pool)
                .await?;
            row.map(SurveyRow::into_domain).transpose()
        })
    }

    /// Every survey of the workspace, newest first, with its counts.
    pub async fn list_surveys(&self, ws: WorkspaceId) -> Result<Vec<SurveySummary>> {
        let surveys: Vec<Survey> = with_pool!(self, pool => {
            let rows: Vec<SurveyRow> = sqlx::query_as(concat!(
                "SELECT ", survey_columns!(), " FROM surveys WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC"))
                .bind(ws.0)
                .fetch_all(pool)
                .await?;
            rows.into_iter().map(SurveyRow::into_domain).collect::<Result<_>>()?
        });
        let counts: Vec<(i64, i64, i64, Option<i64>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT s.id,
                        (SELECT COUNT(*) FROM survey_questions q WHERE q.workspace_id = s.workspace_id AND q.survey_id = s.id),
                        (SELECT COUNT(*) FROM survey_responses r WHERE r.workspace_id = s.workspace_id AND r.survey_id = s.id),
                        (SELECT MAX(r.submitted_at) FROM survey_responses r WHERE r.workspace_id = s.workspace_id AND r.survey_id = s.id)
                 FROM surveys s WHERE s.workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        let counts: HashMap<i64, (i64, i64, Option<i64>)> = counts
            .into_iter()
            .map(|(id, q, r, last)| (id, (q, r, last)))
            .collect();
        Ok(surveys
            .into_iter()
            .map(|survey| {
                let (questions, responses, last_response_at) =
                    counts.get(&survey.id.0).copied().unwrap_or_default();
                SurveySummary {
                    survey,
                    questions,
                    responses,
                    last_response_at,
                }
            })
            .collect())
    }

    /// The questions of a survey in their order, each with its options in order.
    pub async fn survey_questions(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
    ) -> Result<Vec<Question>> {
        let (rows, option_rows): (Vec<QuestionRow>, Vec<OptionRow>) = with_pool!(self, pool => {
            let rows = sqlx::query_as(
                "SELECT id, survey_id, position, kind, text_en, text_da, text_sv, text_tl, required, rating_max
                 FROM survey_questions WHERE workspace_id = $1 AND survey_id = $2 ORDER BY position, id",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_all(pool)
            .await?;
            let options = sqlx::query_as(
                "SELECT o.id, o.question_id, o.position, o.text_en, o.text_da, o.text_sv, o.text_tl
                 FROM survey_options o JOIN survey_questions q ON q.id = o.question_id AND q.workspace_id = o.workspace_id
                 WHERE o.workspace_id = $1 AND q.survey_id = $2 ORDER BY o.position, o.id",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_all(pool)
            .await?;
            (rows, options)
        });
        let mut options: HashMap<i64, Vec<AnswerOption>> = HashMap::new();
        for (id, q, position, en, da, sv, tl) in option_rows {
            options.entry(q).or_default().push(AnswerOption {
                id: OptionId(id),
                question_id: QuestionId(q),
                position,
                text: Texts { en, da, sv, tl },
            });
        }
        rows.into_iter()
            .map(|r| question(r, &mut options))
            .collect()
    }

    /// Adds a question at the end of a survey.
    pub async fn add_question(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        q: &NewQuestion,
    ) -> Result<QuestionId> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM surveys WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(survey.0)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM survey_questions WHERE workspace_id = $1 AND survey_id = $2",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_one(&mut *tx)
            .await?;
            let id = insert_question!(tx, ws, survey.0, next, q);
            Ok(QuestionId(id))
        }))
    }

    /// Replaces a question's texts, settings and options. Options are matched by position:
    /// the first N keep their ids (and their answers), extra ones are added, and surplus
    /// ones are removed together with the answers that chose them. The kind stays.
    pub async fn update_question(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        id: QuestionId,
        q: &NewQuestion,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let done = sqlx::query(
                "UPDATE survey_questions SET text_en = $4, text_da = $5, text_sv = $6, text_tl = $7,
                        required = $8, rating_max = $9
                 WHERE workspace_id = $1 AND survey_id = $2 AND id = $3",
            )
            .bind(ws.0)
            .bind(survey.0)
            .bind(id.0)
            .bind(&q.text.en)
            .bind(&q.text.da)
            .bind(&q.text.sv)
            .bind(&q.text.tl)
            .bind(q.required)
            .bind(q.rating_max)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 0 {
                return Err(StoreError::NotFound);
            }
            let existing: Vec<(i64,)> = sqlx::query_as(
                "SELECT id FROM survey_options WHERE workspace_id = $1 AND question_id = $2 ORDER BY position, id",
            )
            .bind(ws.0)
            .bind(id.0)
            .fetch_all(&mut *tx)
            .await?;
            let wanted: Vec<&Texts> = if q.kind.has_options() {
                q.options.iter().filter(|o| !o.is_empty()).collect()
            } else {
                Vec::new()
            };
            for (position, text) in wanted.iter().enumerate() {
                match existing.get(position) {
                    Some((option,)) => {
                        sqlx::query(
                            "UPDATE survey_options SET text_en = $3, text_da = $4, text_sv = $5, text_tl = $6, position = $7
                             WHERE workspace_id = $1 AND id = $2",
                        )
                        .bind(ws.0)
                        .bind(option)
                        .bind(&text.en)
                        .bind(&text.da)
                        .bind(&text.sv)
                        .bind(&text.tl)
                        .bind(position as i64)
                        .execute(&mut *tx)
                        .await?;
                    }
                    None => insert_option!(tx, ws, id.0, position as i64, *text),
                }
            }
            for (option,) in existing.iter().skip(wanted.len()) {
                sqlx::query("DELETE FROM survey_options WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(option)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok(())
        }))
    }

    /// Removes a question and its answers.
    pub async fn delete_question(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        id: QuestionId,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("DELETE FROM survey_questions WHERE workspace_id = $1 AND survey_id = $2 AND id = $3")
                .bind(ws.0)
                .bind(survey.0)
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected();
            if done == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    /// Swaps a question with its neighbour above (`up`) or below; at either end nothing moves.
    pub async fn move_question(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        id: QuestionId,
        up: bool,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let ordered: Vec<(i64,)> = sqlx::query_as(
                "SELECT id FROM survey_questions WHERE workspace_id = $1 AND survey_id = $2 ORDER BY position, id",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_all(&mut *tx)
            .await?;
            let mut ids: Vec<i64> = ordered.into_iter().map(|(i,)| i).collect();
            let at = ids.iter().position(|i| *i == id.0).ok_or(StoreError::NotFound)?;
            let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|o| *o < ids.len()) };
            if let Some(other) = other {
                ids.swap(at, other);
            }
            for (position, qid) in ids.iter().enumerate() {
                sqlx::query("UPDATE survey_questions SET position = $3 WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(qid)
                    .bind(position as i64)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok(())
        }))
    }

    /// Stores a response and its answers, writes its event on the survey's touchpoint (with
    /// the customer when known, and the scores in the event's properties), and marks the
    /// invitation it answers, all in one transaction.
    ///
    /// A second call with the same `submission_key` stores nothing and returns the first
    /// response (`new: false`). An invitation answered before by another submission is a
    /// `Conflict`. Every question, option and customer must belong to the survey and the
    /// workspace (`InvalidReference` otherwise).
    pub async fn store_response(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        r: &NewResponse,
        invitation: Option<InvitationId>,
    ) -> Result<StoredResponse> {
        with_pool!(self, pool => write_transaction!(pool, tx => {
            let touchpoint: Option<(Option<i64>,)> = sqlx::query_as(
                "SELECT touchpoint_id FROM surveys WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((touchpoint,)) = touchpoint else {
                return Err(StoreError::NotFound);
            };
            let earlier: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM survey_responses WHERE workspace_id = $1 AND submission_key = $2",
            )
            .bind(ws.0)
            .bind(&r.submission_key)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((id,)) = earlier {
                return Ok(StoredResponse { id: ResponseId(id), new: false });
            }
            let mut customer = r.customer_id.map(|c| c.0);
            if let Some(inv) = invitation {
                let found: Option<(i64, Option<i64>)> = sqlx::query_as(
                    "SELECT customer_id, answered_at FROM survey_invitations
                     WHERE workspace_id = $1 AND id = $2 AND survey_id = $3",
                )
                .bind(ws.0)
                .bind(inv.0)
                .bind(survey.0)
                .fetch_optional(&mut *tx)
                .await?;
                match found {
                    None => return Err(StoreError::InvalidReference(format!("invitation {inv}"))),
                    Some((_, Some(_))) => return Err(StoreError::Conflict("an answer to this invitation")),
                    Some((invited, None)) => customer = Some(invited),
                }
            }
            if let Some(c) = customer {
                let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(c)
                    .fetch_optional(&mut *tx)
                    .await?;
                if found.is_none() {
                    return Err(StoreError::InvalidReference(format!("customer {c}")));
                }
            }
            let kinds: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, kind FROM survey_questions WHERE workspace_id = $1 AND survey_id = $2",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_all(&mut *tx)
            .await?;
            let kinds: HashMap<i64, QuestionKind> = kinds
                .into_iter()
                .filter_map(|(id, k)| Some((id, QuestionKind::parse(&k)?)))
                .collect();
            let options: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT o.id, o.question_id FROM survey_options o
                 JOIN survey_questions q ON q.id = o.question_id AND q.workspace_id = o.workspace_id
                 WHERE o.workspace_id = $1 AND q.survey_id = $2",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_all(&mut *tx)
            .await?;
            let options: HashMap<i64, i64> = options.into_iter().collect();
            let mut scores = (None, None, None);
            for (q, value) in &r.answers {
                let kind = kinds.get(&q.0).ok_or_else(|| StoreError::InvalidReference(format!("question {q}")))?;
                if let AnswerValue::Choices(chosen) = value
                    && let Some(o) = chosen.iter().find(|o| options.get(&o.0) != Some(&q.0))
                {
                    return Err(StoreError::InvalidReference(format!("option {o}")));
                }
                if let AnswerValue::Score(n) = value {
                    match kind {
                        QuestionKind::Nps => { scores.0.get_or_insert(*n); }
                        QuestionKind::Csat => { scores.1.get_or_insert(*n); }
                        QuestionKind::Ces => { scores.2.get_or_insert(*n); }
                        _ => {}
                    }
                }
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO survey_responses (workspace_id, survey_id, customer_id, channel, language,
                                               submitted_at, team, location, submission_key)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(ws.0)
            .bind(survey.0)
            .bind(customer)
            .bind(r.channel.code())
            .bind(r.language.code())
            .bind(r.submitted_at)
            .bind(r.team.as_deref())
            .bind(r.location.as_deref())
            .bind(&r.submission_key)
            .fetch_one(&mut *tx)
            .await?;
            for (q, value) in &r.answers {
                let mut rows: Vec<AnswerRow> = Vec::new();
                let row = |score: Option<i64>, expected: Option<i64>, experienced: Option<i64>, option: Option<i64>, text: Option<String>| -> AnswerRow { (id, q.0, score, expected, experienced, option, text) };
                match value {
                    AnswerValue::Score(n) => rows.push(row(Some(*n), None, None, None, None)),
                    AnswerValue::Expectation { expected, experienced } => {
                        rows.push(row(None, Some(expected.value()), Some(experienced.value()), None, None));
                    }
                    AnswerValue::Choices(chosen) => {
                        rows.extend(chosen.iter().map(|o| row(None, None, None, Some(o.0), None)));
                    }
                    AnswerValue::Text(t) => rows.push(row(None, None, None, None, Some(t.clone()))),
                }
                for (response, question, score, expected, experienced, option, text) in rows {
                    sqlx::query(
                        "INSERT INTO survey_answers (workspace_id, response_id, question_id, score, expected,
                                                     experienced, option_id, text)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(ws.0)
                    .bind(response)
                    .bind(question)
                    .bind(score)
                    .bind(expected)
                    .bind(experienced)
                    .bind(option)
                    .bind(text)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            if let Some(tp) = touchpoint {
                let (event,): (i64,) = sqlx::query_as(
                    "INSERT INTO events (workspace_id, customer_id, touchpoint_id, occurred_at, channel, amount, properties)
                     VALUES ($1, $2, $3, $4, $5, NULL, $6) RETURNING id",
                )
                .bind(ws.0)
                .bind(customer)
                .bind(tp)
                .bind(r.submitted_at)
                .bind(r.channel.event_channel().code())
                .bind(event_properties(survey, id, scores))
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE survey_responses SET event_id = $3 WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(id)
                    .bind(event)
                    .execute(&mut *tx)
                    .await?;
            }
            if let Some(inv) = invitation {
                let done = sqlx::query(
                    "UPDATE survey_invitations SET answered_at = $3, response_id = $4
                     WHERE workspace_id = $1 AND id = $2 AND answered_at IS NULL",
                )
                .bind(ws.0)
                .bind(inv.0)
                .bind(r.submitted_at)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if done != 1 {
                    return Err(StoreError::Conflict("an answer to this invitation"));
                }
            }
            // Closing the loop: a detractor or low CSAT opens a follow-up, in this transaction.
            sqlx::query(crate::survey_results::OPEN_FOLLOWUP_SQL)
                .bind(ws.0)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            Ok(StoredResponse { id: ResponseId(id), new: true })
        }))
    }

    pub async fn count_responses(&self, ws: WorkspaceId, survey: SurveyId) -> Result<i64> {
        with_pool!(self, pool => {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM survey_responses WHERE workspace_id = $1 AND survey_id = $2",
            )
            .bind(ws.0)
            .bind(survey.0)
            .fetch_one(pool)
            .await?;
            Ok(n)
        })
    }

    /// The newest `limit` responses of a survey (use `i64::MAX` for all), newest first, with
    /// their answers in question order of storage and their customers' names.
    pub async fn list_responses(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        limit: i64,
    ) -> Result<Vec<ResponseListItem>> {
        let (rows, answer_rows): (Vec<ResponseRow>, Vec<AnswerRow>) = with_pool!(self, pool => {
            let rows = sqlx::query_as(
                "SELECT r.id, r.workspace_id, r.survey_id, r.customer_id, r.channel, r.language, r.submitted_at,
                        r.team, r.location, c.name
                 FROM survey_responses r
                 LEFT JOIN customers c ON c.id = r.customer_id AND c.workspace_id = r.workspace_id
                 WHERE r.workspace_id = $1 AND r.survey_id = $2
                 ORDER BY r.submitted_at DESC, r.id DESC LIMIT $3",
            )
            .bind(ws.0)
            .bind(survey.0)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            let answers = sqlx::query_as(
                "SELECT a.response_id, a.question_id, a.score, a.expected, a.experienced, a.option_id, a.text
                 FROM survey_answers a
                 WHERE a.workspace_id = $1 AND a.response_id IN (
                     SELECT r.id FROM survey_responses r WHERE r.workspace_id = $1 AND r.survey_id = $2
                     ORDER BY r.submitted_at DESC, r.id DESC LIMIT $3)
                 ORDER BY a.id",
            )
            .bind(ws.0)
            .bind(survey.0)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            (rows, answers)
        });
        let mut by_response = answers(answer_rows)?;
        rows.into_iter()
            .map(
                |(id, w, s, customer, channel, lang, at, team, location, name)| {
                    crate::debug_assert_scoped(ws, w);
                    Ok(ResponseListItem {
                        response: SurveyResponse {
                            id: ResponseId(id),
                            workspace_id: WorkspaceId(w),
                            survey_id: SurveyId(s),
                            customer_id: customer.map(CustomerId),
                            channel: ResponseChannel::parse(&channel)
                                .ok_or_else(|| corrupt("response channel", &channel))?,
                            language: language(&lang)?,
                            submitted_at: at,
                            team,
                            location,
                            answers: by_response.remove(&id).unwrap_or_default(),
                        },
                        customer_name: name,
                    })
                },
            )
            .collect()
    }

    /// Creates a personal invitation and returns it with its token, which is shown (put in
    /// the e-mail) once and stored only as its hash.
    pub async fn create_invitation(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        customer: CustomerId,
        now: i64,
    ) -> Result<(Invitation, String)> {
        let token = generate_survey_token();
        let hash = invitation_token_hash(&token);
        let row: InvitationRow = with_pool!(self, pool => transaction!(pool, tx => {
            Ok(insert_invitation!(tx, ws, survey, customer, &hash, now, None::<i64>))
        }))?;
        Ok((invitation(row), token))
    }

    /// The invitation behind a personal link (any workspace: the token is the key).
    pub async fn invitation_by_token(&self, token: &str) -> Result<Option<Invitation>> {
        let hash = invitation_token_hash(token);
        with_pool!(self, pool => {
            let row: Option<InvitationRow> = sqlx::query_as(concat!(
                "SELECT ", invitation_columns!(), " FROM survey_invitations WHERE token_hash = $1
                 OR id = (SELECT invitation_id FROM survey_invitation_tokens WHERE token_hash = $1)"))
                .bind(&hash)
                .fetch_optional(pool)
                .await?;
            Ok(row.map(invitation))
        })
    }

    pub async fn get_invitation(&self, ws: WorkspaceId, id: InvitationId) -> Result<Invitation> {
        with_pool!(self, pool => {
            let row: InvitationRow = sqlx::query_as(concat!(
                "SELECT ", invitation_columns!(), " FROM survey_invitations WHERE workspace_id = $1 AND id = $2"))
                .bind(ws.0)
                .bind(id.0)
                .fetch_one(pool)
                .await?;
            Ok(invitation(row))
        })
    }

    /// The invitations of a survey, oldest first.
    pub async fn list_invitations(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
    ) -> Result<Vec<Invitation>> {
        with_pool!(self, pool => {
            let rows: Vec<InvitationRow> = sqlx::query_as(concat!(
                "SELECT ", invitation_columns!(), " FROM survey_invitations WHERE workspace_id = $1 AND survey_id = $2 ORDER BY id"))
                .bind(ws.0)
                .bind(survey.0)
                .fetch_all(pool)
                .await?;
            Ok(rows.into_iter().map(invitation).collect())
        })
    }

    /// Records that the invitation e-mail went out.
    pub async fn mark_invitation_sent(
        &self,
        ws: WorkspaceId,
        id: InvitationId,
        now: i64,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("UPDATE survey_invitations SET sent_at = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected();
            if done == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    /// Records that the reminder e-mail went out.
    pub async fn mark_invitation_reminded(
        &self,
        ws: WorkspaceId,
        id: InvitationId,
        now: i64,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query("UPDATE survey_invitations SET reminded_at = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id.0)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected();
            if done == 0 { Err(StoreError::NotFound) } else { Ok(()) }
        })
    }

    /// Invites `customer` to `survey`: records the invitation, queues its e-mail (made by
    /// `mail` from the personal link's token) and marks it sent, in one transaction, so an
    /// invitation is never recorded as sent without its e-mail or the other way round.
    /// Returns the invitation and the queued message's id.
    pub async fn send_invitation(
        &self,
        ws: WorkspaceId,
        survey: SurveyId,
        customer: CustomerId,
        now: i64,
        mail: impl FnOnce(&str) -> kunde_domain::mail::Mail,
    ) -> Result<(Invitation, i64)> {
        let token = generate_survey_token();
        let hash = invitation_token_hash(&token);
        let message = mail(&token);
        message.validate()?;
        let (row, mail_id): (InvitationRow, i64) = with_pool!(self, pool => transaction!(pool, tx => {
            let row = insert_invitation!(tx, ws, survey, customer, &hash, now, Some(now));
            let mail_id = insert_outbox!(&mut *tx, ws, &message, now);
            // The invitation knows its message, so its page can say whether it went.
            sqlx::query("UPDATE survey_invitations SET outbox_id = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(row.0)
                .bind(mail_id)
                .execute(&mut *tx)
                .await?;
            Ok((row, mail_id))
        }))?;
        Ok((invitation(row), mail_id))
    }

    /// Sends the one reminder of an invitation: a new personal link's token, its e-mail
    /// (made by `mail`) and the reminder's time, in one transaction, and only if the
    /// invitation was not reminded yet. Returns the queued message's id, or `None` when the
    /// invitation had already been reminded (nothing is written then), so a reminder is
    /// never sent twice, even by two ticks at once.
    pub async fn send_reminder(
        &self,
        ws: WorkspaceId,
        invitation: InvitationId,
        now: i64,
        mail: impl FnOnce(&str) -> kunde_domain::mail::Mail,
    ) -> Result<Option<i64>> {
        let token = generate_survey_token();
        let hash = invitation_token_hash(&token);
        let message = mail(&token);
        message.validate()?;
        with_pool!(self, pool => transaction!(pool, tx => {
            let claimed = sqlx::query(
                "UPDATE survey_invitations SET reminded_at = $3
                 WHERE workspace_id = $1 AND id = $2 AND reminded_at IS NULL",
            )
            .bind(ws.0)
            .bind(invitation.0)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                return Ok(None);
            }
            sqlx::query(
                "INSERT INTO survey_invitation_tokens (token_hash, workspace_id, invitation_id, created_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(&hash)
            .bind(ws.0)
            .bind(invitation.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let mail_id = insert_outbox!(&mut *tx, ws, &message, now);
            sqlx::query("UPDATE survey_invitations SET reminder_outbox_id = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(invitation.0)
                .bind(mail_id)
                .execute(&mut *tx)
                .await?;
            Ok(Some(mail_id))
        }))
    }
}
