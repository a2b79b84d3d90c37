//! Campaigns (issue 15, migration 0032): an e-mail to a segment with a version per language,
//! sent through the outbox at the owner's rate, with a hold-out group.
//!
//! The audience is fixed when sending starts ([`Store::start_campaign`]): one
//! `campaign_recipients` row per customer — unique per campaign — either `pending` or
//! `holdout` (never sent). Each minute one chunk of pending rows becomes outbox messages
//! ([`Store::queue_campaign_chunk`]): a row turns `queued`, gets its unsubscribe token
//! (SHA-256 only) and its message in one transaction, so a restart or a second instance never
//! sends anyone the same campaign twice. The chunk first moves the campaign's `next_chunk_at`
//! a minute on, so of several instances one sends each minute's share. A customer who lost
//! consent or their address, or whose address the mail server refused permanently
//! (`refused_addresses`), is `skipped` at that moment.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::*;

/// Where a consent withdrawn through a campaign's link comes from (`consent_changes.source`).
pub const UNSUBSCRIBE_SOURCE: &str = "campaign-unsubscribe";

/// Where a campaign stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignStatus {
    /// Being written; nothing is sent.
    Draft,
    /// Waits for its time (`scheduled_at`).
    Scheduled,
    /// Its audience is fixed and chunks are going out.
    Sending,
    /// The owner paused it; nothing more is queued until resumed.
    Paused,
    /// Everyone was queued (or skipped).
    Sent,
}

impl CampaignStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Sending => "sending",
            Self::Paused => "paused",
            Self::Sent => "sent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Draft,
            Self::Scheduled,
            Self::Sending,
            Self::Paused,
            Self::Sent,
        ]
        .into_iter()
        .find(|x| x.code() == s)
    }
}

/// A subject and a Markdown body in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignVersion {
    pub language: Language,
    pub subject: String,
    pub body: String,
}

/// What the owner writes.
#[derive(Debug, Clone)]
pub struct NewCampaign {
    pub name: NonEmpty,
    pub segment: SegmentId,
    pub touchpoint: Option<TouchpointId>,
    /// 0–50.
    pub holdout_percent: i64,
    /// Messages queued per minute, at least 1.
    pub rate_per_minute: i64,
    /// At least the workspace's default language.
    pub versions: Vec<CampaignVersion>,
    /// Repeats monthly: (nth 1–4, weekday 1 Monday–7 Sunday, minute of the local day).
    pub repeat: Option<(i64, i64, i64)>,
    /// An offer for existing customers; `None` for a newsletter.
    pub offer: Option<Offer>,
    /// Count clicks: the body's links go through `/u/{token}/l/{n}` (off unless asked for).
    pub track_clicks: bool,
}

/// What an offer gives: a shared code (or one code per customer, made when their e-mail is
/// queued) and when it is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The shared code; `None`: one code per customer.
    pub code: Option<String>,
    pub valid_from: i64,
    pub valid_until: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub segment: Option<SegmentId>,
    pub touchpoint: Option<TouchpointId>,
    pub holdout_percent: i64,
    pub rate_per_minute: i64,
    pub status: CampaignStatus,
    pub scheduled_at: Option<i64>,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub created_at: i64,
    pub versions: Vec<CampaignVersion>,
    pub repeat: Option<(i64, i64, i64)>,
    pub offer: Option<Offer>,
    /// Whether the e-mails' links count clicks (migration 0035).
    pub track_clicks: bool,
}

impl Campaign {
    /// The version for `language`, else the one in `fallback` (the workspace's language), else
    /// the first.
    pub fn version_for(&self, language: Language, fallback: Language) -> Option<&CampaignVersion> {
        self.versions
            .iter()
            .find(|v| v.language == language)
            .or_else(|| self.versions.iter().find(|v| v.language == fallback))
            .or_else(|| self.versions.first())
    }
}

/// How many of a campaign's audience are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CampaignCounts {
    pub pending: i64,
    pub holdout: i64,
    pub queued: i64,
    pub skipped: i64,
    /// Queued and delivered to the mail server.
    pub delivered: i64,
    /// Queued and given up.
    pub failed: i64,
}

/// One customer a chunk is about to write to.
#[derive(Debug, Clone)]
pub struct CampaignRecipient {
    pub customer: CustomerId,
    pub name: String,
    pub email: String,
    pub language: Language,
    /// Their offer code, for an offer.
    pub offer_code: Option<String>,
}

/// One member of the audience after sending: held out or not, with their orders and revenue
/// (minor units) in the window after the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub holdout: bool,
    pub orders: i64,
    pub revenue: i64,
}

const CAMPAIGN_COLUMNS: &str = "id, name, kind, segment_id, touchpoint_id, holdout_percent, rate_per_minute, \
     status, scheduled_at, started_at, finished_at, created_at, repeat_nth, repeat_weekday, repeat_minute, \
     offer_code, per_customer_codes, valid_from, valid_until, track_clicks";

/// One campaign row as read from [`CAMPAIGN_COLUMNS`] (more columns than sqlx's tuples take).
#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: i64,
    name: String,
    kind: String,
    segment_id: Option<i64>,
    touchpoint_id: Option<i64>,
    holdout_percent: i64,
    rate_per_minute: i64,
    status: String,
    scheduled_at: Option<i64>,
    started_at: Option<i64>,
    finished_at: Option<i64>,
    created_at: i64,
    repeat_nth: Option<i64>,
    repeat_weekday: Option<i64>,
    repeat_minute: Option<i64>,
    offer_code: Option<String>,
    per_customer_codes: bool,
    valid_from: Option<i64>,
    valid_until: Option<i64>,
    track_clicks: bool,
}

fn campaign_row(r: CampaignRow) -> Result<Campaign> {
    let repeat = match (r.repeat_nth, r.repeat_weekday, r.repeat_minute) {
        (Some(n), Some(w), Some(m)) => Some((n, w, m)),
        _ => None,
    };
    let offer = (r.kind == "offer").then(|| Offer {
        code: if r.per_customer_codes {
            None
        } else {
            r.offer_code.clone()
        },
        valid_from: r.valid_from.unwrap_or(0),
        valid_until: r.valid_until.unwrap_or(0),
    });
    Ok(Campaign {
        id: r.id,
        name: r.name,
        kind: r.kind,
        segment: r.segment_id.map(SegmentId),
        touchpoint: r.touchpoint_id.map(TouchpointId),
        holdout_percent: r.holdout_percent,
        rate_per_minute: r.rate_per_minute,
        status: CampaignStatus::parse(&r.status)
            .ok_or_else(|| StoreError::Corrupt(format!("campaign status '{}'", r.status)))?,
        scheduled_at: r.scheduled_at,
        started_at: r.started_at,
        finished_at: r.finished_at,
        created_at: r.created_at,
        versions: Vec::new(),
        repeat,
        offer,
        track_clicks: r.track_clicks,
    })
}

/// A new personal offer code: eight letters and digits that cannot be mistaken for each other.
fn offer_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes: [u8; 8] = rand::random();
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// A pending recipient as a chunk reads them: row, customer, name, address, language,
/// consent, and whether the address was refused.
type PendingRow = (i64, i64, String, Option<String>, String, bool, bool);

fn language(code: &str) -> Result<Language> {
    Language::parse(code).map_err(|_| StoreError::Corrupt(format!("language '{code}'")))
}

impl Store {
    /// Saves a new draft campaign with its versions, in one transaction.
    pub async fn create_campaign(&self, ws: WorkspaceId, c: &NewCampaign, now: i64) -> Result<i64> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO campaigns (workspace_id, name, kind, segment_id, touchpoint_id, holdout_percent,
                                        rate_per_minute, status, created_at, repeat_nth, repeat_weekday,
                                        repeat_minute, offer_code, per_customer_codes, valid_from, valid_until,
                                        track_clicks)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
            )
            .bind(ws.0)
            .bind(c.name.as_str())
            .bind(if c.offer.is_some() { "offer" } else { "newsletter" })
            .bind(c.segment.0)
            .bind(c.touchpoint.map(|t| t.0))
            .bind(c.holdout_percent.clamp(0, 50))
            .bind(c.rate_per_minute.max(1))
            .bind(now)
            .bind(c.repeat.map(|r| r.0))
            .bind(c.repeat.map(|r| r.1))
            .bind(c.repeat.map(|r| r.2))
            .bind(c.offer.as_ref().and_then(|o| o.code.clone()))
            .bind(c.offer.as_ref().is_some_and(|o| o.code.is_none()))
            .bind(c.offer.as_ref().map(|o| o.valid_from))
            .bind(c.offer.as_ref().map(|o| o.valid_until))
            .bind(c.track_clicks)
            .fetch_one(&mut *tx)
            .await?;
            for v in &c.versions {
                sqlx::query(
                    "INSERT INTO campaign_versions (workspace_id, campaign_id, language, subject, body)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ws.0)
                .bind(id)
                .bind(v.language.code())
                .bind(&v.subject)
                .bind(&v.body)
                .execute(&mut *tx)
                .await?;
            }
            Ok(id)
        }))
    }

    /// Replaces a draft's settings and versions; `NotFound` unless it is a draft of this
    /// business.
    pub async fn update_campaign(&self, ws: WorkspaceId, id: i64, c: &NewCampaign) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let done = sqlx::query(
                "UPDATE campaigns SET name = $3, segment_id = $4, touchpoint_id = $5, holdout_percent = $6,
                     rate_per_minute = $7, kind = $8, repeat_nth = $9, repeat_weekday = $10, repeat_minute = $11,
                     offer_code = $12, per_customer_codes = $13, valid_from = $14, valid_until = $15,
                     track_clicks = $16
                 WHERE workspace_id = $1 AND id = $2 AND status = 'draft'",
            )
            .bind(ws.0)
            .bind(id)
            .bind(c.name.as_str())
            .bind(c.segment.0)
            .bind(c.touchpoint.map(|t| t.0))
            .bind(c.holdout_percent.clamp(0, 50))
            .bind(c.rate_per_minute.max(1))
            .bind(if c.offer.is_some() { "offer" } else { "newsletter" })
            .bind(c.repeat.map(|r| r.0))
            .bind(c.repeat.map(|r| r.1))
            .bind(c.repeat.map(|r| r.2))
            .bind(c.offer.as_ref().and_then(|o| o.code.clone()))
            .bind(c.offer.as_ref().is_some_and(|o| o.code.is_none()))
            .bind(c.offer.as_ref().map(|o| o.valid_from))
            .bind(c.offer.as_ref().map(|o| o.valid_until))
            .bind(c.track_clicks)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM campaign_versions WHERE workspace_id = $1 AND campaign_id = $2")
                .bind(ws.0)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            for v in &c.versions {
                sqlx::query(
                    "INSERT INTO campaign_versions (workspace_id, campaign_id, language, subject, body)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ws.0)
                .bind(id)
                .bind(v.language.code())
                .bind(&v.subject)
                .bind(&v.body)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        }))
    }

    /// The business's campaigns, newest first (without their versions).
    pub async fn list_campaigns(&self, ws: WorkspaceId) -> Result<Vec<Campaign>> {
        let rows: Vec<CampaignRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC"
            )))
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(campaign_row).collect()
    }

    /// One campaign of the business with its versions.
    pub async fn campaign(&self, ws: WorkspaceId, id: i64) -> Result<Campaign> {
        let (row, versions): (Option<CampaignRow>, Vec<(String, String, String)>) = with_pool!(self, pool => {
            let row = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {CAMPAIGN_COLUMNS} FROM campaigns WHERE workspace_id = $1 AND id = $2"
            )))
            .bind(ws.0)
            .bind(id)
            .fetch_optional(pool)
            .await?;
            let versions = sqlx::query_as(
                "SELECT language, subject, body FROM campaign_versions
                 WHERE workspace_id = $1 AND campaign_id = $2 ORDER BY language",
            )
            .bind(ws.0)
            .bind(id)
            .fetch_all(pool)
            .await?;
            (row, versions)
        });
        let mut c = campaign_row(row.ok_or(StoreError::NotFound)?)?;
        c.versions = versions
            .into_iter()
            .map(|(l, subject, body)| {
                Ok(CampaignVersion {
                    language: language(&l)?,
                    subject,
                    body,
                })
            })
            .collect::<Result<_>>()?;
        c.versions
            .sort_by_key(|v| Language::ALL.iter().position(|l| *l == v.language));
        Ok(c)
    }

    /// Schedules a draft (or takes a scheduled campaign back to draft with `None`). Returns
    /// whether it changed.
    pub async fn schedule_campaign(
        &self,
        ws: WorkspaceId,
        id: i64,
        at: Option<i64>,
    ) -> Result<bool> {
        let (from, to) = if at.is_some() {
            ("draft", "scheduled")
        } else {
            ("scheduled", "draft")
        };
        with_pool!(self, pool => {
            let done = sqlx::query(
                "UPDATE campaigns SET status = $3, scheduled_at = $4
                 WHERE workspace_id = $1 AND id = $2 AND status = $5",
            )
            .bind(ws.0)
            .bind(id)
            .bind(to)
            .bind(at)
            .bind(from)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Pauses a sending campaign, or resumes a paused one (its next chunk due at `now`).
    /// Returns whether it changed.
    pub async fn pause_campaign(
        &self,
        ws: WorkspaceId,
        id: i64,
        pause: bool,
        now: i64,
    ) -> Result<bool> {
        let (from, to) = if pause {
            ("sending", "paused")
        } else {
            ("paused", "sending")
        };
        with_pool!(self, pool => {
            let done = sqlx::query(
                "UPDATE campaigns SET status = $3, next_chunk_at = $5
                 WHERE workspace_id = $1 AND id = $2 AND status = $4",
            )
            .bind(ws.0)
            .bind(id)
            .bind(to)
            .bind(from)
            .bind(now)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Campaigns of every business with work due at `now`: scheduled ones whose time has
    /// come, and sending ones whose next chunk is due. As (workspace, campaign, status).
    pub async fn due_campaigns(&self, now: i64) -> Result<Vec<(WorkspaceId, i64, CampaignStatus)>> {
        let rows: Vec<(i64, i64, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT workspace_id, id, status FROM campaigns
                 WHERE (status = 'scheduled' AND scheduled_at <= $1)
                    OR (status = 'sending' AND next_chunk_at <= $1)
                 ORDER BY id",
            )
            .bind(now)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(ws, id, s)| {
                let status = CampaignStatus::parse(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("campaign status '{s}'")))?;
                Ok((WorkspaceId(ws), id, status))
            })
            .collect()
    }

    /// Fixes a scheduled campaign's audience at `now` and starts sending it: `audience` is
    /// every customer to reach with whether they are held out. Only one caller wins (the
    /// campaign must still be scheduled and due); returns whether this one did. A repeating
    /// campaign's next occurrence (`next`) is scheduled in the same transaction: a copy with
    /// its own audience to come, so the segment is read again at each send.
    pub async fn start_campaign(
        &self,
        ws: WorkspaceId,
        id: i64,
        now: i64,
        audience: &[(CustomerId, bool)],
        next: Option<i64>,
    ) -> Result<bool> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let done = sqlx::query(
                "UPDATE campaigns SET status = 'sending', started_at = $3, next_chunk_at = $3
                 WHERE workspace_id = $1 AND id = $2 AND status = 'scheduled' AND scheduled_at <= $3",
            )
            .bind(ws.0)
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(false);
            }
            if let Some(next) = next {
                let copy: i64 = sqlx::query_scalar(
                    "INSERT INTO campaigns (workspace_id, name, kind, segment_id, touchpoint_id, holdout_percent,
                                            rate_per_minute, status, scheduled_at, created_at, repeat_nth,
                                            repeat_weekday, repeat_minute, offer_code, per_customer_codes,
                                            valid_from, valid_until, track_clicks)
                     SELECT workspace_id, name, kind, segment_id, touchpoint_id, holdout_percent, rate_per_minute,
                            'scheduled', $3, $4, repeat_nth, repeat_weekday, repeat_minute, offer_code,
                            per_customer_codes, valid_from, valid_until, track_clicks
                     FROM campaigns WHERE workspace_id = $1 AND id = $2 RETURNING id",
                )
                .bind(ws.0)
                .bind(id)
                .bind(next)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO campaign_versions (workspace_id, campaign_id, language, subject, body)
                     SELECT workspace_id, $3, language, subject, body FROM campaign_versions
                     WHERE workspace_id = $1 AND campaign_id = $2",
                )
                .bind(ws.0)
                .bind(id)
                .bind(copy)
                .execute(&mut *tx)
                .await?;
            }
            for (customer, holdout) in audience {
                sqlx::query(
                    "INSERT INTO campaign_recipients (workspace_id, campaign_id, customer_id, state)
                     SELECT $1, $2, id, $4 FROM customers WHERE workspace_id = $1 AND id = $3
                     ON CONFLICT (campaign_id, customer_id) DO NOTHING",
                )
                .bind(ws.0)
                .bind(id)
                .bind(customer.0)
                .bind(if *holdout { "holdout" } else { "pending" })
                .execute(&mut *tx)
                .await?;
            }
            Ok(true)
        }))
    }

    /// Queues this minute's chunk of a sending campaign: at most `limit` pending recipients,
    /// each message made by `mail` from the recipient and their unsubscribe token and due
    /// `spacing` seconds (a fraction, so the minute is spread) after the one before. Returns
    /// how many were queued, or `None` when this minute's chunk is not due (another instance
    /// took it, or the campaign is not sending). When no one is left, the campaign is sent.
    pub async fn queue_campaign_chunk(
        &self,
        ws: WorkspaceId,
        id: i64,
        now: i64,
        limit: i64,
        mail: impl Fn(&CampaignRecipient, &str) -> Mail,
    ) -> Result<Option<usize>> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let claimed = sqlx::query(
                "UPDATE campaigns SET next_chunk_at = $3 + 60
                 WHERE workspace_id = $1 AND id = $2 AND status = 'sending' AND next_chunk_at <= $3",
            )
            .bind(ws.0)
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if claimed.rows_affected() == 0 {
                return Ok(None);
            }
            let (touchpoint, kind, shared_code, per_customer): (Option<i64>, String, Option<String>, bool) =
                sqlx::query_as(
                    "SELECT touchpoint_id, kind, offer_code, per_customer_codes FROM campaigns
                     WHERE workspace_id = $1 AND id = $2",
                )
                .bind(ws.0)
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            let offer = kind == "offer";
            let rows: Vec<PendingRow> = sqlx::query_as(
                "SELECT r.id, c.id, c.name, c.email, c.language, c.marketing_consent,
                        EXISTS (SELECT 1 FROM refused_addresses a
                                WHERE a.workspace_id = c.workspace_id AND a.email = c.email)
                 FROM campaign_recipients r
                 JOIN customers c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
                 WHERE r.workspace_id = $1 AND r.campaign_id = $2 AND r.state = 'pending'
                 ORDER BY r.id LIMIT $3",
            )
            .bind(ws.0)
            .bind(id)
            .bind(limit.max(1))
            .fetch_all(&mut *tx)
            .await?;
            let spacing_ms = 60_000 / limit.max(1);
            let mut queued = 0usize;
            for (row, customer, name, email, lang, consent, refused) in &rows {
                let (row, customer) = (*row, *customer);
                let recipient = email
                    .as_deref()
                    .filter(|e| *consent && !*refused && Email::parse(e).is_ok())
                    .map(|e| CampaignRecipient {
                        customer: CustomerId(customer),
                        name: name.clone(),
                        email: e.to_owned(),
                        language: Language::parse(lang).unwrap_or_default(),
                        offer_code: match (offer, per_customer) {
                            (false, _) => None,
                            (true, true) => Some(offer_code()),
                            (true, false) => shared_code.clone(),
                        },
                    });
                let token = crate::portal::portal_token();
                let message = recipient.as_ref().map(|r| mail(r, &token));
                let Some(message) = message.filter(|m| m.validate().is_ok()) else {
                    sqlx::query(
                        "UPDATE campaign_recipients SET state = 'skipped'
                         WHERE workspace_id = $1 AND id = $2 AND state = 'pending'",
                    )
                    .bind(ws.0)
                    .bind(row)
                    .execute(&mut *tx)
                    .await?;
                    continue;
                };
                // The row is taken first: a concurrent chunk that read it too finds it gone
                // and queues nothing for it.
                let taken = sqlx::query(
                    "UPDATE campaign_recipients SET state = 'queued', token_hash = $3, queued_at = $4, offer_code = $5
                     WHERE workspace_id = $1 AND id = $2 AND state = 'pending'",
                )
                .bind(ws.0)
                .bind(row)
                .bind(crate::token_hash(&token))
                .bind(now)
                .bind(recipient.as_ref().and_then(|r| r.offer_code.clone()))
                .execute(&mut *tx)
                .await?;
                if taken.rows_affected() == 0 {
                    continue;
                }
                let due = now + (queued as i64 * spacing_ms) / 1000;
                let outbox: i64 = sqlx::query_scalar(
                    "INSERT INTO outbox (workspace_id, to_address, to_name, subject, text_body, html_body,
                         unsubscribe_url, reply_to, created_at, next_attempt_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                )
                .bind(ws.0)
                .bind(message.to.trim())
                .bind(message.to_name.as_deref())
                .bind(&message.subject)
                .bind(&message.text)
                .bind(message.html.as_deref())
                .bind(message.unsubscribe_url.as_deref())
                .bind(message.reply_to.as_deref())
                .bind(now)
                .bind(due)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE campaign_recipients SET outbox_id = $3 WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(row)
                    .bind(outbox)
                    .execute(&mut *tx)
                    .await?;
                if let Some(tp) = touchpoint {
                    sqlx::query(
                        "INSERT INTO events (workspace_id, customer_id, touchpoint_id, occurred_at, channel, amount, properties)
                         VALUES ($1, $2, $3, $4, 'email', NULL, $5)",
                    )
                    .bind(ws.0)
                    .bind(customer)
                    .bind(tp)
                    .bind(now)
                    .bind(format!("{{\"campaign\":{id}}}"))
                    .execute(&mut *tx)
                    .await?;
                }
                queued += 1;
            }
            if (rows.len() as i64) < limit.max(1) {
                sqlx::query(
                    "UPDATE campaigns SET status = 'sent', finished_at = $3, next_chunk_at = NULL
                     WHERE workspace_id = $1 AND id = $2 AND status = 'sending'",
                )
                .bind(ws.0)
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            Ok(Some(queued))
        }))
    }

    /// How many of the campaign's audience are in each state.
    pub async fn campaign_counts(&self, ws: WorkspaceId, id: i64) -> Result<CampaignCounts> {
        let rows: Vec<(String, i64, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT r.state, COUNT(*),
                        COALESCE(SUM(CASE WHEN o.sent_at IS NOT NULL THEN 1 ELSE 0 END), 0),
                        COALESCE(SUM(CASE WHEN o.id IS NOT NULL AND o.sent_at IS NULL AND o.next_attempt_at IS NULL
                                          THEN 1 ELSE 0 END), 0)
                 FROM campaign_recipients r
                 LEFT JOIN outbox o ON o.workspace_id = r.workspace_id AND o.id = r.outbox_id
                 WHERE r.workspace_id = $1 AND r.campaign_id = $2
                 GROUP BY r.state",
            )
            .bind(ws.0)
            .bind(id)
            .fetch_all(pool)
            .await?
        });
        let mut c = CampaignCounts::default();
        for (state, n, delivered, failed) in rows {
            match state.as_str() {
                "pending" => c.pending = n,
                "holdout" => c.holdout = n,
                "queued" => {
                    c.queued = n;
                    c.delivered = delivered;
                    c.failed = failed;
                }
                "skipped" => c.skipped = n,
                other => return Err(StoreError::Corrupt(format!("recipient state '{other}'"))),
            }
        }
        Ok(c)
    }

    /// Each recipient and held-out customer of a started campaign with their orders and
    /// revenue from its start until `until`.
    pub async fn campaign_outcomes(
        &self,
        ws: WorkspaceId,
        id: i64,
        until: i64,
    ) -> Result<Vec<Outcome>> {
        let rows: Vec<(String, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT r.state, COUNT(o.id), CAST(COALESCE(SUM(o.total), 0) AS BIGINT)
                 FROM campaign_recipients r
                 JOIN campaigns k ON k.workspace_id = r.workspace_id AND k.id = r.campaign_id
                 LEFT JOIN orders o ON o.workspace_id = r.workspace_id AND o.customer_id = r.customer_id
                      AND o.ordered_at >= k.started_at AND o.ordered_at < $3
                 WHERE r.workspace_id = $1 AND r.campaign_id = $2 AND r.state IN ('queued', 'holdout')
                 GROUP BY r.id, r.state",
            )
            .bind(ws.0)
            .bind(id)
            .bind(until)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(state, orders, revenue)| Outcome {
                holdout: state == "holdout",
                orders,
                revenue,
            })
            .collect())
    }

    /// How many orders carry one of the offer's codes (the shared one, or a recipient's own)
    /// within its validity, case aside.
    pub async fn offer_redemptions(&self, ws: WorkspaceId, id: i64) -> Result<i64> {
        with_pool!(self, pool => {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM orders o
                 JOIN campaigns k ON k.workspace_id = o.workspace_id AND k.id = $2
                 WHERE o.workspace_id = $1 AND o.discount_code IS NOT NULL AND k.kind = 'offer'
                   AND o.ordered_at >= COALESCE(k.valid_from, 0)
                   AND o.ordered_at <= COALESCE(k.valid_until, o.ordered_at)
                   AND (upper(o.discount_code) = upper(k.offer_code)
                        OR EXISTS (SELECT 1 FROM campaign_recipients r
                                   WHERE r.workspace_id = o.workspace_id AND r.campaign_id = k.id
                                     AND r.offer_code = upper(o.discount_code)))",
            )
            .bind(ws.0)
            .bind(id)
            .fetch_one(pool)
            .await?;
            Ok(n)
        })
    }

    /// The business's customers who have ordered at least once (an offer's audience).
    pub async fn customers_with_orders(
        &self,
        ws: WorkspaceId,
    ) -> Result<std::collections::HashSet<CustomerId>> {
        let ids: Vec<i64> = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT DISTINCT customer_id FROM orders WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_all(pool)
                .await?
        });
        Ok(ids.into_iter().map(CustomerId).collect())
    }

    /// The business and language of a campaign e-mail's unsubscribe token, if it is one.
    pub async fn campaign_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<(WorkspaceId, Language)>> {
        let row: Option<(i64, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.workspace_id, c.language FROM campaign_recipients r
                 JOIN customers c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
                 WHERE r.token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
        });
        row.map(|(ws, l)| Ok((WorkspaceId(ws), Language::parse(&l).unwrap_or_default())))
            .transpose()
    }

    /// Withdraws the marketing consent of the customer a campaign e-mail went to, recorded
    /// with `now` and [`UNSUBSCRIBE_SOURCE`] when it changes, in one transaction. `None` when
    /// the token is unknown.
    pub async fn campaign_unsubscribe(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<CustomerId>> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64, i64, bool)> = sqlx::query_as(
                "SELECT c.workspace_id, c.id, c.marketing_consent FROM campaign_recipients r
                 JOIN customers c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
                 WHERE r.token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((ws, customer, consent)) = found else { return Ok(None) };
            if consent {
                sqlx::query("UPDATE customers SET marketing_consent = $3 WHERE workspace_id = $1 AND id = $2")
                    .bind(ws)
                    .bind(customer)
                    .bind(false)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO consent_changes (workspace_id, customer_id, marketing_consent, source, changed_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ws)
                .bind(customer)
                .bind(false)
                .bind(UNSUBSCRIBE_SOURCE)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            Ok(Some(CustomerId(customer)))
        }))
    }

    /// Marks an address the mail server refused permanently, so campaigns skip it.
    pub async fn record_refused_address(
        &self,
        ws: WorkspaceId,
        email: &str,
        reason: &str,
        now: i64,
    ) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO refused_addresses (workspace_id, email, reason, refused_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (workspace_id, email) DO UPDATE SET reason = $3, refused_at = $4",
            )
            .bind(ws.0)
            .bind(email.trim())
            .bind(reason)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Whether the mail server refused `email` permanently.
    pub async fn address_refused(&self, ws: WorkspaceId, email: &str) -> Result<bool> {
        with_pool!(self, pool => {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM refused_addresses WHERE workspace_id = $1 AND email = $2",
            )
            .bind(ws.0)
            .bind(email.trim())
            .fetch_one(pool)
            .await?;
            Ok(n > 0)
        })
    }
}
