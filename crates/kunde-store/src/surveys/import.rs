//! Surveys inside a whole-workspace import (the demo): written in the import's transaction,
//! each response with its answers and its touchpoint event, as [`Store::store_response`]
//! writes them one at a time.
//!
//! [`Store::store_response`]: crate::Store::store_response

/// Writes `surveys` (a `&[ImportSurvey]`) for workspace `ws` (an `i64`) in transaction `tx`.
/// `touchpoints` maps touchpoint keys to ids, `customers` customer indexes to ids. A macro,
/// so it runs on either backend's transaction.
macro_rules! import_surveys {
    ($tx:expr, $ws:expr, $surveys:expr, $touchpoints:expr, $customers:expr) => {{
        use kunde_domain::{ImportAnswer, ResponseChannel};
        for (n, s) in $surveys.iter().enumerate() {
            let touchpoint = match &s.touchpoint {
                Some(key) => Some($touchpoints.get(key.as_str()).copied().ok_or_else(|| {
                    StoreError::InvalidReference(format!("survey {n}: touchpoint key '{key}'"))
                })?),
                None => None,
            };
            let (sid,): (i64,) = sqlx::query_as(
                "INSERT INTO surveys (workspace_id, title_en, title_da, title_sv, title_tl, kind, status,
                                      touchpoint_id, presentation, fatigue_days, reminder_days,
                                      min_group_size, default_language, token, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
            )
            .bind($ws)
            .bind(&s.title.en)
            .bind(&s.title.da)
            .bind(&s.title.sv)
            .bind(&s.title.tl)
            .bind(s.kind.code())
            .bind(s.status.code())
            .bind(touchpoint)
            .bind(s.presentation.code())
            .bind(s.fatigue_days)
            .bind(s.reminder_days)
            .bind(s.min_group_size)
            .bind(s.default_language.code())
            .bind(crate::generate_survey_token())
            .bind(s.created_at)
            .fetch_one(&mut *$tx)
            .await?;
            // (question id, kind, option ids) per question index.
            let mut questions: Vec<(i64, kunde_domain::QuestionKind, Vec<i64>)> = Vec::new();
            for (position, q) in s.questions.iter().enumerate() {
                let (qid,): (i64,) = sqlx::query_as(
                    "INSERT INTO survey_questions (workspace_id, survey_id, position, kind, text_en, text_da,
                                                   text_sv, text_tl, required, rating_max)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind($ws)
                .bind(sid)
                .bind(position as i64)
                .bind(q.kind.code())
                .bind(&q.text.en)
                .bind(&q.text.da)
                .bind(&q.text.sv)
                .bind(&q.text.tl)
                .bind(q.required)
                .bind(q.rating_max)
                .fetch_one(&mut *$tx)
                .await?;
                let mut options = Vec::new();
                for (opos, text) in q.options.iter().enumerate() {
                    let (oid,): (i64,) = sqlx::query_as(
                        "INSERT INTO survey_options (workspace_id, question_id, position, text_en, text_da, text_sv, text_tl)
                         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    )
                    .bind($ws)
                    .bind(qid)
                    .bind(opos as i64)
                    .bind(&text.en)
                    .bind(&text.da)
                    .bind(&text.sv)
                    .bind(&text.tl)
                    .fetch_one(&mut *$tx)
                    .await?;
                    options.push(oid);
                }
                questions.push((qid, q.kind, options));
            }
            for (rn, r) in s.responses.iter().enumerate() {
                let customer = match r.customer {
                    Some(i) => Some($customers.get(i).copied().ok_or_else(|| {
                        StoreError::InvalidReference(format!("survey {n} response {rn}: customer {i}"))
                    })?),
                    None => None,
                };
                // (question id, score, expected, experienced, option id, text)
                let mut rows: Vec<(i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<&str>)> =
                    Vec::new();
                let mut scores = (None, None, None);
                for (qi, answer) in &r.answers {
                    let bad = || StoreError::InvalidReference(format!("survey {n} response {rn}: question {qi}"));
                    let (qid, kind, options) = questions.get(*qi).ok_or_else(bad)?;
                    match answer {
                        ImportAnswer::Score(v) => {
                            match kind {
                                kunde_domain::QuestionKind::Nps => { scores.0.get_or_insert(*v); }
                                kunde_domain::QuestionKind::Csat => { scores.1.get_or_insert(*v); }
                                kunde_domain::QuestionKind::Ces => { scores.2.get_or_insert(*v); }
                                _ => {}
                            }
                            rows.push((*qid, Some(*v), None, None, None, None));
                        }
                        ImportAnswer::Expectation(e, x) => {
                            rows.push((*qid, None, Some(e.value()), Some(x.value()), None, None));
                        }
                        ImportAnswer::Choices(chosen) => {
                            for o in chosen {
                                rows.push((*qid, None, None, None, Some(*options.get(*o).ok_or_else(bad)?), None));
                            }
                        }
                        ImportAnswer::Text(t) => rows.push((*qid, None, None, None, None, Some(t.as_str()))),
                    }
                }
                let (rid,): (i64,) = sqlx::query_as(
                    "INSERT INTO survey_responses (workspace_id, survey_id, customer_id, channel, language,
                                                   submitted_at, team, location, submission_key)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind($ws)
                .bind(sid)
                .bind(customer)
                .bind(r.channel.code())
                .bind(r.language.code())
                .bind(r.submitted_at)
                .bind(r.team.as_deref())
                .bind(r.location.as_deref())
                .bind(format!("import-{sid}-{rn}"))
                .fetch_one(&mut *$tx)
                .await?;
                if !rows.is_empty() {
                    let mut qb = sqlx::QueryBuilder::new(
                        "INSERT INTO survey_answers (workspace_id, response_id, question_id, score, expected,
                                                     experienced, option_id, text) ",
                    );
                    qb.push_values(rows, |mut row, (qid, score, expected, experienced, option, text)| {
                        row.push_bind($ws)
                            .push_bind(rid)
                            .push_bind(qid)
                            .push_bind(score)
                            .push_bind(expected)
                            .push_bind(experienced)
                            .push_bind(option)
                            .push_bind(text);
                    });
                    qb.build().execute(&mut *$tx).await?;
                }
                if let Some(tp) = touchpoint {
                    let channel: ResponseChannel = r.channel;
                    let (event,): (i64,) = sqlx::query_as(
                        "INSERT INTO events (workspace_id, customer_id, touchpoint_id, occurred_at, channel, amount, properties)
                         VALUES ($1, $2, $3, $4, $5, NULL, $6) RETURNING id",
                    )
                    .bind($ws)
                    .bind(customer)
                    .bind(tp)
                    .bind(r.submitted_at)
                    .bind(channel.event_channel().code())
                    .bind(crate::surveys::event_properties(kunde_domain::SurveyId(sid), rid, scores))
                    .fetch_one(&mut *$tx)
                    .await?;
                    sqlx::query("UPDATE survey_responses SET event_id = $3 WHERE workspace_id = $1 AND id = $2")
                        .bind($ws)
                        .bind(rid)
                        .bind(event)
                        .execute(&mut *$tx)
                        .await?;
                }
            }
        }
    }};
}
pub(crate) use import_surveys;
