//! Trust (issue 18): the audit trail, and a customer's data exported or erased on request.
//!
//! - The audit trail (`audit_log`) is append-only: [`Store::record_audit`] inserts, and there
//!   is no method that changes or deletes an entry (a trigger refuses updates as well).
//! - [`Store::customer_export`] gathers everything held about one customer; the ZIP is made
//!   from it by the pure [`crate::export_zip::customer_zip`].
//! - [`Store::erase_customer`] removes a customer's personal data everywhere in one
//!   transaction, keeps the anonymous facts (events, orders, scored answers) on a stand-in
//!   named "Erased customer #id", and appends to `erasure_log` (internal id and time only), so
//!   that a restore can re-apply it ([`Store::reapply_erasures`]).
//! - Retention: [`Store::inactive_customers`] lists who a rule would erase, and
//!   [`Store::erase_inactive_customers`] erases them through the same path.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::*;
use serde::Serialize;

/// Stable action codes of the audit trail.
pub mod audit_action {
    pub const SIGNIN: &str = "user.signin";
    pub const SIGNIN_FAILED: &str = "user.signin_failed";
    pub const ROLE_CHANGE: &str = "user.role_change";
    pub const INVITE: &str = "user.invite";
    /// The owner withdrew an invitation not yet accepted.
    pub const INVITE_WITHDRAW: &str = "user.invite_withdraw";
    /// The owner removed a member of staff.
    pub const USER_REMOVE: &str = "user.remove";
    /// The owner made a new password link for a member of staff.
    pub const PASSWORD_RESET: &str = "user.password_reset";
    pub const SETTINGS_CHANGE: &str = "settings.change";
    pub const API_KEY_CREATE: &str = "api_key.create";
    pub const API_KEY_REVOKE: &str = "api_key.revoke";
    pub const IMPORT: &str = "import";
    pub const CUSTOMER_EXPORT: &str = "customer.export";
    pub const CUSTOMER_ERASE: &str = "customer.erase";
    pub const RETENTION_CHANGE: &str = "retention.change";
    pub const RESTORE_REAPPLY: &str = "customer.erase_reapplied";
    pub const DELETE: &str = "delete";
    pub const APPROVAL: &str = "approval";
    /// The owner confirmed or rejected the customer a review was matched to.
    pub const REVIEW_MATCH: &str = "review.match";
    /// The owner created or changed a rule segment.
    pub const SEGMENT_SAVE: &str = "segment.save";
}

/// Who acts: a signed-in user, or the command line or a job (no user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// As shown in the trail ("Mette Hansen", "kunde CLI", "retention").
    pub label: String,
    pub client_address: Option<String>,
}

impl Actor {
    /// An actor without a user (the command line, a job).
    pub fn system(label: &str) -> Self {
        Self {
            user_id: None,
            label: label.to_owned(),
            client_address: None,
        }
    }
}

/// One entry to append to the audit trail. `detail` should name things by id, not by
/// personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: Actor,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub detail: String,
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: i64,
    pub entry: AuditEntry,
}

/// Which entries of the trail to read; `None` means any. `from` is inclusive, `to` exclusive.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: Option<UserId>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

/// A page of the trail, newest first, and how many entries match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    pub entries: Vec<AuditRecord>,
    pub total: i64,
}

/// One recorded erasure: which customer of which workspace, and when. No personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erasure {
    pub workspace_id: WorkspaceId,
    pub customer_id: CustomerId,
    pub erased_at: i64,
}

/// What an erasure touches, for the confirmation page ("this removes …, keeps …").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CustomerDataCounts {
    /// Kept, on the anonymous stand-in (their free-form properties reduced to codes and
    /// numbers, the visitor id removed).
    pub events: i64,
    /// Kept, with their lines.
    pub orders: i64,
    /// Survey responses: kept with their scores and choices.
    pub responses: i64,
    /// Free-text answers: removed.
    pub text_answers: i64,
    /// Cases: kept as anonymous facts (times, status, category), their texts removed.
    pub cases: i64,
    /// Notes, replies and events on their cases: texts removed.
    pub case_entries: i64,
    /// Files on their cases: removed.
    pub attachments: i64,
    /// E-mails in the outbox to their address or naming it: removed.
    pub emails: i64,
    /// Anonymous web visitors joined to them: the links removed.
    pub visitor_links: i64,
    /// Saved segments they are in: the stand-in stays a member.
    pub segments: i64,
    /// Survey invitations: kept as facts, their links stop working.
    pub invitations: i64,
    /// Survey follow-ups about them: kept, the note on what was done removed.
    pub followups: i64,
    /// Documents in their client portal (shared with them or uploaded by them): removed.
    pub documents: i64,
    /// Their portal sign-in links and sessions: removed, with the record of their first
    /// sign-in.
    pub portal_sign_ins: i64,
    /// Their invoices: kept, like orders.
    pub invoices: i64,
}

/// A customer a retention rule would erase, with their last activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InactiveCustomer {
    pub id: CustomerId,
    pub name: String,
    pub email: Option<String>,
    /// The latest of: created, event, order, survey response, case opened or written on.
    pub last_activity: i64,
}

/// A year, for retention rules: 365.25 days.
pub const YEAR_SECONDS: i64 = 31_557_600;

/// The name an erased customer carries.
pub fn erased_name(id: CustomerId) -> String {
    format!("Erased customer #{}", id.0)
}

/// The subject an erased customer's case carries.
pub const ERASED_CASE_SUBJECT: &str = "(erased)";

/// An event's properties reduced to what carries no personal data: numbers, booleans, and
/// the short codes Kunde itself reads (`source`, `type`, `outcome`). Anything else (paths,
/// referrers, free text the sender put in) goes. Not a JSON object: `{}`.
pub fn anonymous_properties(properties: &str) -> String {
    const CODES: [&str; 3] = ["source", "type", "outcome"];
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str(properties) else {
        return "{}".to_owned();
    };
    let kept: serde_json::Map<String, serde_json::Value> = map
        .into_iter()
        .filter(|(k, v)| match v {
            serde_json::Value::Number(_) | serde_json::Value::Bool(_) => true,
            serde_json::Value::String(s) => {
                CODES.contains(&k.as_str())
                    && s.len() <= 32
                    && s.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'
                    })
            }
            _ => false,
        })
        .collect();
    serde_json::Value::Object(kept).to_string()
}

/// `%term%` for a case-insensitive LIKE, with LIKE's wildcards escaped.
fn contains_pattern(term: &str) -> String {
    let escaped = term
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

// ---------------------------------------------------------------------------------------
// Export: the plain data, serialised as customer.json by the ZIP writer.

#[derive(Debug, Clone, Serialize)]
pub struct CustomerExport {
    pub exported_at: i64,
    pub business: String,
    /// ISO 4217 code of every amount (amounts are in minor units).
    pub currency: String,
    pub profile: ExportProfile,
    pub consents: Vec<ExportConsent>,
    pub events: Vec<ExportEvent>,
    pub orders: Vec<ExportOrder>,
    pub answers: Vec<ExportAnswer>,
    pub invitations: Vec<ExportInvitation>,
    pub followups: Vec<ExportFollowup>,
    pub cases: Vec<ExportCase>,
    pub segments: Vec<ExportSegment>,
    /// Campaigns they were part of: sent or held out, and when.
    pub campaigns: Vec<ExportCampaign>,
    /// The links of campaign e-mails they followed, for campaigns that counted clicks.
    pub campaign_clicks: Vec<ExportClick>,
    /// When the mail server refused their address for good, if it did.
    pub address_refused_at: Option<i64>,
    pub emails: Vec<ExportEmail>,
    pub visitor_links: Vec<ExportVisitorLink>,
    /// The client portal: invoices, documents and sign-ins.
    pub portal: crate::portal_export::ExportPortal,
    /// Waiting lists ("Notify me") and thank-you notes (issue 15).
    pub keep_in_touch: crate::keep_export::ExportKeepInTouch,
    /// The attachments' and documents' bytes; described in `cases[].attachments` and
    /// `portal.documents`, written under `files/`.
    #[serde(skip)]
    pub files: Vec<ExportFile>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportProfile {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
    pub acquisition_channel: Option<String>,
    pub created_at: i64,
    pub postal_address: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportConsent {
    /// `marketing_email` or `survey_invitations`.
    pub kind: String,
    pub given: bool,
    /// When known: when the choice was recorded.
    pub recorded_at: Option<i64>,
    /// Where it was recorded (`customer record`, `unsubscribe link`).
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportEvent {
    pub id: i64,
    pub occurred_at: i64,
    pub touchpoint: String,
    pub channel: String,
    pub amount: Option<i64>,
    pub properties: String,
    pub visitor_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportOrder {
    pub id: i64,
    pub reference: Option<String>,
    pub ordered_at: i64,
    pub total: i64,
    pub paid: bool,
    pub lines: Vec<ExportOrderLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportOrderLine {
    pub product: String,
    pub quantity: i64,
    pub unit_price: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportAnswer {
    pub response_id: i64,
    pub survey: String,
    pub question: String,
    pub submitted_at: i64,
    pub channel: String,
    pub language: String,
    pub score: Option<i64>,
    pub expected: Option<i64>,
    pub experienced: Option<i64>,
    pub option: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportInvitation {
    pub survey: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub reminded_at: Option<i64>,
    pub answered_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportFollowup {
    pub reason: String,
    pub score: i64,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub action: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportCase {
    pub id: i64,
    pub subject: String,
    pub description: String,
    pub category: String,
    pub touchpoint: Option<String>,
    pub status: String,
    pub priority: String,
    pub source: String,
    pub created_at: i64,
    pub first_response_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub root_cause: Option<String>,
    pub root_cause_note: String,
    pub rating: Option<i64>,
    pub entries: Vec<ExportCaseEntry>,
    pub attachments: Vec<ExportAttachment>,
    pub grants: Vec<ExportGrant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportCaseEntry {
    /// `note`, `reply` or `event`.
    pub kind: String,
    /// `public` (sent to the customer) or `internal` (seen by staff only).
    pub visibility: String,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportAttachment {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: i64,
    /// Where the file is in the archive (`files/…`).
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportGrant {
    pub kind: String,
    pub amount: i64,
    pub status: String,
    pub note: String,
    pub requested_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportSegment {
    pub name: String,
    pub description: String,
}

/// One click on a campaign's link (migration 0035).
#[derive(Debug, Clone, Serialize)]
pub struct ExportClick {
    pub campaign: String,
    pub url: String,
    pub clicked_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportCampaign {
    pub name: String,
    /// `holdout` (chosen at random to receive nothing), `queued` (sent), `pending` or
    /// `skipped`.
    pub state: String,
    pub queued_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportEmail {
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportVisitorLink {
    pub visitor_id: String,
    pub linked_at: i64,
}

#[derive(Debug, Clone)]
pub struct ExportFile {
    /// Inside the archive, `files/…`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A file name safe in an archive: letters, digits, `.`, `-`, `_`; at most 80 characters.
pub(crate) fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Picks the text of `language` from the four columns (en, da, sv, tl), falling back to
/// English when empty.
fn pick(language: Language, texts: [String; 4]) -> String {
    let i = match language.code() {
        "da" => 1,
        "sv" => 2,
        "tl" => 3,
        _ => 0,
    };
    let [en, da, sv, tl] = texts;
    let chosen = [en.clone(), da, sv, tl][i].clone();
    if chosen.is_empty() { en } else { chosen }
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    response_id: i64,
    submitted_at: i64,
    channel: String,
    language: String,
    title_en: String,
    title_da: String,
    title_sv: String,
    title_tl: String,
    text_en: String,
    text_da: String,
    text_sv: String,
    text_tl: String,
    score: Option<i64>,
    expected: Option<i64>,
    experienced: Option<i64>,
    option_en: Option<String>,
    option_da: Option<String>,
    option_sv: Option<String>,
    option_tl: Option<String>,
    text: Option<String>,
}

type CaseRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
    Option<i64>,
);

impl Store {
    // -----------------------------------------------------------------------------------
    // Audit trail

    /// Appends one entry to the workspace's audit trail; returns its id.
    pub async fn record_audit(&self, ws: WorkspaceId, entry: &AuditEntry) -> Result<i64> {
        with_pool!(self, pool => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO audit_log (workspace_id, at, actor_user_id, actor_label, action,
                                        target_kind, target_id, detail, client_address)
                 SELECT $1, $2, (SELECT id FROM users WHERE workspace_id = $1 AND id = $3), $4, $5, $6, $7, $8, $9
                 RETURNING id",
            )
            .bind(ws.0)
            .bind(entry.at)
            .bind(entry.actor.user_id.map(|u| u.0))
            .bind(&entry.actor.label)
            .bind(&entry.action)
            .bind(&entry.target_kind)
            .bind(entry.target_id)
            .bind(&entry.detail)
            .bind(entry.actor.client_address.as_deref())
            .fetch_one(pool)
            .await?;
            Ok(id)
        })
    }

    /// A page of the workspace's audit trail, newest first, with the number of matching
    /// entries.
    pub async fn audit_log(&self, ws: WorkspaceId, filter: &AuditFilter) -> Result<AuditPage> {
        type Row = (
            i64,
            i64,
            Option<i64>,
            String,
            String,
            String,
            Option<i64>,
            String,
            Option<String>,
        );
        const WHERE: &str = "WHERE workspace_id = $1
              AND ($2 IS NULL OR action = $2)
              AND ($3 IS NULL OR actor_user_id = $3)
              AND ($4 IS NULL OR at >= $4)
              AND ($5 IS NULL OR at < $5)";
        let limit = if filter.limit <= 0 { 100 } else { filter.limit };
        let offset = filter.offset.max(0);
        let (total, rows): ((i64,), Vec<Row>) = with_pool!(self, pool => {
            let count_sql = format!("SELECT COUNT(*) FROM audit_log {WHERE}");
            let total = sqlx::query_as(sqlx::AssertSqlSafe(count_sql))
                .bind(ws.0)
                .bind(filter.action.as_deref())
                .bind(filter.actor.map(|u| u.0))
                .bind(filter.from)
                .bind(filter.to)
                .fetch_one(pool)
                .await?;
            let sql = format!(
                "SELECT id, at, actor_user_id, actor_label, action, target_kind, target_id, detail,
                        client_address
                 FROM audit_log {WHERE} ORDER BY at DESC, id DESC LIMIT $6 OFFSET $7"
            );
            let rows = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ws.0)
                .bind(filter.action.as_deref())
                .bind(filter.actor.map(|u| u.0))
                .bind(filter.from)
                .bind(filter.to)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            (total, rows)
        });
        Ok(AuditPage {
            total: total.0,
            entries: rows
                .into_iter()
                .map(
                    |(id, at, user, label, action, target_kind, target_id, detail, address)| {
                        AuditRecord {
                            id,
                            entry: AuditEntry {
                                at,
                                actor: Actor {
                                    user_id: user.map(UserId),
                                    label,
                                    client_address: address,
                                },
                                action,
                                target_kind,
                                target_id,
                                detail,
                            },
                        }
                    },
                )
                .collect(),
        })
    }

    // -----------------------------------------------------------------------------------
    // Finding a customer

    /// The customer of the workspace with this e-mail address, if any.
    pub async fn customer_by_email(
        &self,
        ws: WorkspaceId,
        email: &Email,
    ) -> Result<Option<Customer>> {
        let id: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND email = $2")
                .bind(ws.0)
                .bind(email.as_str())
                .fetch_optional(pool)
                .await?
        });
        match id {
            Some((id,)) => Ok(Some(self.get_customer(ws, CustomerId(id)).await?)),
            None => Ok(None),
        }
    }

    /// Whether the customer's personal data was erased (they are in the erasure log).
    pub async fn is_erased(&self, ws: WorkspaceId, customer: CustomerId) -> Result<bool> {
        let found: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT customer_id FROM erasure_log WHERE workspace_id = $1 AND customer_id = $2")
                .bind(ws.0)
                .bind(customer.0)
                .fetch_optional(pool)
                .await?
        });
        Ok(found.is_some())
    }

    // -----------------------------------------------------------------------------------
    // Export

    /// Everything held about one customer of the workspace. `NotFound` for a customer of
    /// another workspace.
    pub async fn customer_export(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        now: i64,
    ) -> Result<CustomerExport> {
        use base64::Engine;
        let c = self.get_customer(ws, customer).await?;
        let workspace = self.get_workspace(ws).await?;
        let lang = c.language;
        let (ws_id, cid) = (ws.0, customer.0);
        let email = c.email.as_ref().map(|e| e.as_str().to_owned());

        let unsubscribed: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT unsubscribed_at FROM survey_unsubscribes WHERE workspace_id = $1 AND customer_id = $2")
                .bind(ws_id).bind(cid).fetch_optional(pool).await?
        });
        let mut consents = vec![ExportConsent {
            kind: "marketing_email".into(),
            given: c.marketing_consent,
            recorded_at: None,
            source: "customer record".into(),
        }];
        consents.push(ExportConsent {
            kind: "survey_invitations".into(),
            given: unsubscribed.is_none(),
            recorded_at: unsubscribed.map(|(t,)| t),
            source: if unsubscribed.is_some() {
                "unsubscribe link".into()
            } else {
                "default".into()
            },
        });
        // Each change of marketing consent the customer made (in the portal), with its time.
        consents.extend(self.consent_changes(ws, customer).await?.into_iter().map(
            |(given, source, at)| ExportConsent {
                kind: "marketing_email".into(),
                given,
                recorded_at: Some(at),
                source,
            },
        ));
        // Each consent to be contacted about an answer ("May we contact you?").
        consents.extend(self.contact_consents(ws, customer).await?.into_iter().map(
            |(source, at)| ExportConsent {
                kind: "contact_about_answer".into(),
                given: true,
                recorded_at: Some(at),
                source,
            },
        ));

        type EventRow = (
            i64,
            i64,
            String,
            String,
            Option<i64>,
            String,
            Option<String>,
        );
        let events: Vec<EventRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT e.id, e.occurred_at, t.name, e.channel, e.amount, e.properties, e.visitor_id
                 FROM events e JOIN touchpoints t ON t.workspace_id = e.workspace_id AND t.id = e.touchpoint_id
                 WHERE e.workspace_id = $1 AND e.customer_id = $2 ORDER BY e.occurred_at, e.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let events = events
            .into_iter()
            .map(
                |(id, occurred_at, touchpoint, channel, amount, properties, visitor_id)| {
                    ExportEvent {
                        id,
                        occurred_at,
                        touchpoint,
                        channel,
                        amount,
                        properties,
                        visitor_id,
                    }
                },
            )
            .collect();

        let orders: Vec<(i64, Option<String>, i64, i64, bool)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, reference, ordered_at, total, paid FROM orders
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY ordered_at, id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let lines: Vec<(i64, String, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT l.order_id, l.product, l.quantity, l.unit_price FROM order_lines l
                 JOIN orders o ON o.workspace_id = l.workspace_id AND o.id = l.order_id
                 WHERE l.workspace_id = $1 AND o.customer_id = $2 ORDER BY l.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let orders = orders
            .into_iter()
            .map(|(id, reference, ordered_at, total, paid)| ExportOrder {
                id,
                reference,
                ordered_at,
                total,
                paid,
                lines: lines
                    .iter()
                    .filter(|l| l.0 == id)
                    .map(|(_, product, quantity, unit_price)| ExportOrderLine {
                        product: product.clone(),
                        quantity: *quantity,
                        unit_price: *unit_price,
                    })
                    .collect(),
            })
            .collect();

        let answers: Vec<AnswerRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT r.id AS response_id, r.submitted_at, r.channel, r.language,
                        s.title_en, s.title_da, s.title_sv, s.title_tl,
                        q.text_en, q.text_da, q.text_sv, q.text_tl,
                        a.score, a.expected, a.experienced,
                        o.text_en AS option_en, o.text_da AS option_da, o.text_sv AS option_sv,
                        o.text_tl AS option_tl, a.text
                 FROM survey_answers a
                 JOIN survey_responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
                 JOIN surveys s ON s.workspace_id = r.workspace_id AND s.id = r.survey_id
                 JOIN survey_questions q ON q.workspace_id = a.workspace_id AND q.id = a.question_id
                 LEFT JOIN survey_options o ON o.workspace_id = a.workspace_id AND o.id = a.option_id
                 WHERE a.workspace_id = $1 AND r.customer_id = $2
                 ORDER BY r.submitted_at, r.id, q.position, a.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let answers = answers
            .into_iter()
            .map(|r| ExportAnswer {
                response_id: r.response_id,
                submitted_at: r.submitted_at,
                channel: r.channel,
                language: r.language,
                survey: pick(lang, [r.title_en, r.title_da, r.title_sv, r.title_tl]),
                question: pick(lang, [r.text_en, r.text_da, r.text_sv, r.text_tl]),
                score: r.score,
                expected: r.expected,
                experienced: r.experienced,
                option: match (r.option_en, r.option_da, r.option_sv, r.option_tl) {
                    (Some(en), Some(da), Some(sv), Some(tl)) => Some(pick(lang, [en, da, sv, tl])),
                    _ => None,
                },
                text: r.text,
            })
            .collect();

        type InvitationRow = (
            String,
            String,
            String,
            String,
            i64,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let invitations: Vec<InvitationRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT s.title_en, s.title_da, s.title_sv, s.title_tl, i.created_at, i.sent_at,
                        i.reminded_at, i.answered_at
                 FROM survey_invitations i JOIN surveys s ON s.workspace_id = i.workspace_id AND s.id = i.survey_id
                 WHERE i.workspace_id = $1 AND i.customer_id = $2 ORDER BY i.created_at, i.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let invitations = invitations
            .into_iter()
            .map(|r| ExportInvitation {
                survey: pick(lang, [r.0, r.1, r.2, r.3]),
                created_at: r.4,
                sent_at: r.5,
                reminded_at: r.6,
                answered_at: r.7,
            })
            .collect();

        let followups: Vec<(String, i64, i64, Option<i64>, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT reason, score, created_at, closed_at, action FROM survey_followups
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY created_at, id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let followups = followups
            .into_iter()
            .map(
                |(reason, score, created_at, closed_at, action)| ExportFollowup {
                    reason,
                    score,
                    created_at,
                    closed_at,
                    action,
                },
            )
            .collect();

        let cases: Vec<CaseRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.id, c.subject, c.description, k.name, t.name, c.status, c.priority, c.source,
                        c.created_at, c.first_response_at, c.resolved_at, rc.name, c.root_cause_note, c.rating
                 FROM cases c
                 JOIN case_categories k ON k.workspace_id = c.workspace_id AND k.id = c.category_id
                 LEFT JOIN touchpoints t ON t.workspace_id = c.workspace_id AND t.id = c.touchpoint_id
                 LEFT JOIN case_root_causes rc ON rc.workspace_id = c.workspace_id AND rc.id = c.root_cause_id
                 WHERE c.workspace_id = $1 AND c.customer_id = $2 ORDER BY c.created_at, c.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let entries: Vec<(i64, String, String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT e.case_id, e.kind, e.body, e.created_at FROM case_entries e
                 JOIN cases c ON c.workspace_id = e.workspace_id AND c.id = e.case_id
                 WHERE e.workspace_id = $1 AND c.customer_id = $2 ORDER BY e.created_at, e.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        type AttachmentRow = (i64, i64, String, String, i64, i64, String);
        let attachments: Vec<AttachmentRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT a.case_id, a.id, a.file_name, a.content_type, a.size, a.created_at, a.data
                 FROM case_attachments a JOIN cases c ON c.workspace_id = a.workspace_id AND c.id = a.case_id
                 WHERE a.workspace_id = $1 AND c.customer_id = $2 ORDER BY a.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let grants: Vec<(i64, String, i64, String, String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT g.case_id, g.kind, g.amount, g.status, g.note, g.requested_at FROM case_grants g
                 JOIN cases c ON c.workspace_id = g.workspace_id AND c.id = g.case_id
                 WHERE g.workspace_id = $1 AND c.customer_id = $2 ORDER BY g.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let mut files = Vec::new();
        let mut export_cases = Vec::new();
        for r in cases {
            let id = r.0;
            let mut case_attachments = Vec::new();
            for (_, aid, file_name, content_type, size, created_at, data) in
                attachments.iter().filter(|a| a.0 == id)
            {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .map_err(|_| StoreError::Corrupt(format!("attachment {aid}")))?;
                let path = format!("files/case-{id}-{aid}-{}", safe_file_name(file_name));
                files.push(ExportFile {
                    path: path.clone(),
                    bytes,
                });
                case_attachments.push(ExportAttachment {
                    file_name: file_name.clone(),
                    content_type: content_type.clone(),
                    size: *size,
                    created_at: *created_at,
                    path,
                });
            }
            export_cases.push(ExportCase {
                id,
                subject: r.1,
                description: r.2,
                category: r.3,
                touchpoint: r.4,
                status: r.5,
                priority: r.6,
                source: r.7,
                created_at: r.8,
                first_response_at: r.9,
                resolved_at: r.10,
                root_cause: r.11,
                root_cause_note: r.12,
                rating: r.13,
                entries: entries
                    .iter()
                    .filter(|e| e.0 == id)
                    .map(|(_, kind, body, created_at)| ExportCaseEntry {
                        // Replies went to the customer and `customer` entries came from them.
                        visibility: if kind == "reply" || kind == "customer" {
                            "public"
                        } else {
                            "internal"
                        }
                        .into(),
                        kind: kind.clone(),
                        body: body.clone(),
                        created_at: *created_at,
                    })
                    .collect(),
                attachments: case_attachments,
                grants: grants
                    .iter()
                    .filter(|g| g.0 == id)
                    .map(
                        |(_, kind, amount, status, note, requested_at)| ExportGrant {
                            kind: kind.clone(),
                            amount: *amount,
                            status: status.clone(),
                            note: note.clone(),
                            requested_at: *requested_at,
                        },
                    )
                    .collect(),
            });
        }

        let segments: Vec<(String, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT s.name, s.description FROM segment_customers m
                 JOIN segments s ON s.workspace_id = m.workspace_id AND s.id = m.segment_id
                 WHERE m.workspace_id = $1 AND m.customer_id = $2 ORDER BY s.created_at, s.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let campaigns: Vec<(String, String, Option<i64>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT k.name, r.state, r.queued_at FROM campaign_recipients r
                 JOIN campaigns k ON k.workspace_id = r.workspace_id AND k.id = r.campaign_id
                 WHERE r.workspace_id = $1 AND r.customer_id = $2 ORDER BY k.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let campaign_clicks: Vec<(String, String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT k.name, c.url, c.clicked_at FROM campaign_clicks c
                 JOIN campaigns k ON k.workspace_id = c.workspace_id AND k.id = c.campaign_id
                 WHERE c.workspace_id = $1 AND c.customer_id = $2 ORDER BY c.clicked_at, c.id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });
        let address_refused_at: Option<i64> = match &email {
            None => None,
            Some(address) => with_pool!(self, pool => {
                sqlx::query_scalar(
                    "SELECT refused_at FROM refused_addresses WHERE workspace_id = $1 AND lower(email) = $2",
                )
                .bind(ws_id).bind(address.to_lowercase()).fetch_optional(pool).await?
            }),
        };
        let emails: Vec<(String, String, String, i64, Option<i64>)> = match &email {
            None => Vec::new(),
            Some(address) => with_pool!(self, pool => {
                sqlx::query_as(
                    "SELECT to_address, subject, text_body, created_at, sent_at FROM outbox
                     WHERE workspace_id = $1 AND lower(to_address) = $2 ORDER BY created_at, id",
                )
                .bind(ws_id).bind(address.to_lowercase()).fetch_all(pool).await?
            }),
        };
        let visitor_links: Vec<(String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT visitor_id, linked_at FROM visitor_links
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY linked_at, visitor_id",
            )
            .bind(ws_id).bind(cid).fetch_all(pool).await?
        });

        let (portal, documents) = self.portal_export(ws, customer).await?;
        files.extend(documents);
        let keep_in_touch = self.keep_in_touch_export(ws, customer).await?;
        // Each consent to be told once when an item is available ("Notify me").
        consents.extend(keep_in_touch.waiting_lists.iter().filter_map(|w| {
            w.consent_at.map(|at| ExportConsent {
                kind: "notify_when_available".into(),
                given: true,
                recorded_at: Some(at),
                source: format!("{}: {}", w.source, w.item),
            })
        }));
        let postal_address = self.postal_address(ws, customer).await?;

        Ok(CustomerExport {
            exported_at: now,
            business: workspace.name,
            currency: workspace.currency,
            profile: ExportProfile {
                id: c.id.0,
                name: c.name,
                email,
                phone: c.phone,
                language: c.language.code().to_owned(),
                acquisition_channel: c.acquisition_channel,
                created_at: c.created_at,
                postal_address,
            },
            consents,
            events,
            orders,
            answers,
            invitations,
            followups,
            cases: export_cases,
            segments: segments
                .into_iter()
                .map(|(name, description)| ExportSegment { name, description })
                .collect(),
            campaigns: campaigns
                .into_iter()
                .map(|(name, state, queued_at)| ExportCampaign {
                    name,
                    state,
                    queued_at,
                })
                .collect(),
            campaign_clicks: campaign_clicks
                .into_iter()
                .map(|(campaign, url, clicked_at)| ExportClick {
                    campaign,
                    url,
                    clicked_at,
                })
                .collect(),
            address_refused_at,
            emails: emails
                .into_iter()
                .map(
                    |(to_address, subject, text_body, created_at, sent_at)| ExportEmail {
                        to_address,
                        subject,
                        text_body,
                        created_at,
                        sent_at,
                    },
                )
                .collect(),
            visitor_links: visitor_links
                .into_iter()
                .map(|(visitor_id, linked_at)| ExportVisitorLink {
                    visitor_id,
                    linked_at,
                })
                .collect(),
            portal,
            keep_in_touch,
            files,
        })
    }

    // -----------------------------------------------------------------------------------
    // Erasure

    /// What erasing the customer would touch, for the confirmation page. `NotFound` for a
    /// customer of another workspace.
    pub async fn count_customer_data(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<CustomerDataCounts> {
        let c = self.get_customer(ws, customer).await?;
        let email = c.email.as_ref().map(|e| e.as_str().to_owned());
        // Each query counts rows of the customer in one table; $1 workspace, $2 customer.
        const QUERIES: [&str; 15] = [
            "SELECT COUNT(*) FROM events WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM orders WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM survey_responses WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM survey_answers a JOIN survey_responses r
               ON r.workspace_id = a.workspace_id AND r.id = a.response_id
             WHERE a.workspace_id = $1 AND r.customer_id = $2 AND a.text IS NOT NULL",
            "SELECT COUNT(*) FROM cases WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM case_entries e JOIN cases c ON c.workspace_id = e.workspace_id AND c.id = e.case_id
             WHERE e.workspace_id = $1 AND c.customer_id = $2",
            "SELECT COUNT(*) FROM case_attachments a JOIN cases c ON c.workspace_id = a.workspace_id AND c.id = a.case_id
             WHERE a.workspace_id = $1 AND c.customer_id = $2",
            "SELECT COUNT(*) FROM visitor_links WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM segment_customers WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM survey_invitations WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM survey_followups WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM portal_documents WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM portal_links WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM portal_sessions WHERE workspace_id = $1 AND customer_id = $2",
            "SELECT COUNT(*) FROM invoices WHERE workspace_id = $1 AND customer_id = $2",
        ];
        let mut n = [0i64; 15];
        for (i, sql) in QUERIES.iter().enumerate() {
            let (count,): (i64,) = with_pool!(self, pool => {
                sqlx::query_as(*sql).bind(ws.0).bind(customer.0).fetch_one(pool).await?
            });
            n[i] = count;
        }
        let emails = match &email {
            None => 0,
            Some(address) => {
                let (count,): (i64,) = with_pool!(self, pool => {
                    sqlx::query_as(OUTBOX_COUNT_SQL)
                        .bind(ws.0)
                        .bind(address.to_lowercase())
                        .bind(contains_pattern(address))
                        .fetch_one(pool)
                        .await?
                });
                count
            }
        };
        Ok(CustomerDataCounts {
            events: n[0],
            orders: n[1],
            responses: n[2],
            text_answers: n[3],
            cases: n[4],
            case_entries: n[5],
            attachments: n[6],
            visitor_links: n[7],
            segments: n[8],
            invitations: n[9],
            followups: n[10],
            documents: n[11],
            portal_sign_ins: n[12] + n[13],
            invoices: n[14],
            emails,
        })
    }

    /// Erases one customer's personal data everywhere, in one transaction, and records the
    /// erasure (in `erasure_log` and the audit trail). What stays, on a stand-in named
    /// [`erased_name`]: events (properties reduced by [`anonymous_properties`]), orders with
    /// their lines, survey responses with scores and choices, cases as facts (times, status,
    /// category, root cause, rating), invitations and follow-ups as facts, segment
    /// memberships. What goes: name, e-mail, phone, marketing consent, free-text answers, every
    /// text of their cases (subject, description, notes, replies, grant notes), their
    /// attachments, e-mails in the outbox to or naming their address, visitor links and
    /// visitor ids, live survey and rating links, and in the client portal their documents,
    /// sign-in links, sessions and the record of their first sign-in (invoices stay, like
    /// orders). Erasing twice changes nothing the second time. `NotFound` for a customer of another workspace.
    pub async fn erase_customer(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        actor: &Actor,
        now: i64,
    ) -> Result<()> {
        self.erase_customer_at(ws, customer, actor, now, now, audit_action::CUSTOMER_ERASE)
            .await
    }

    /// The one erase path: `erased_at` is what the erasure log keeps (a restore re-applies
    /// an erasure with its original time); `now` dates the audit entry.
    async fn erase_customer_at(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        actor: &Actor,
        erased_at: i64,
        now: i64,
        action: &str,
    ) -> Result<()> {
        let (w, c) = (ws.0, customer.0);
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(Option<String>,)> = sqlx::query_as(
                "SELECT email FROM customers WHERE workspace_id = $1 AND id = $2",
            )
            .bind(w).bind(c).fetch_optional(&mut *tx).await?;
            let Some((email,)) = found else {
                return Err(StoreError::NotFound);
            };
            if let Some(address) = &email {
                sqlx::query(OUTBOX_DELETE_SQL)
                    .bind(w)
                    .bind(address.to_lowercase())
                    .bind(contains_pattern(address))
                    .execute(&mut *tx)
                    .await?;
                // A newsletter sign-up of the same address waiting for its confirmation.
                sqlx::query("DELETE FROM signups WHERE workspace_id = $1 AND email = $2")
                    .bind(w)
                    .bind(address.to_lowercase())
                    .execute(&mut *tx)
                    .await?;
                // The mail server's refusal of the address.
                sqlx::query("DELETE FROM refused_addresses WHERE workspace_id = $1 AND lower(email) = $2")
                    .bind(w)
                    .bind(address.to_lowercase())
                    .execute(&mut *tx)
                    .await?;
            }
            for sql in ERASE_SQL {
                sqlx::query(sql).bind(w).bind(c).execute(&mut *tx).await?;
            }
            for sql in crate::demand::DEMAND_ERASE_SQL {
                sqlx::query(sql).bind(w).bind(c).execute(&mut *tx).await?;
            }
            sqlx::query("UPDATE customers SET name = $3, email = NULL, phone = NULL, postal_address = NULL, marketing_consent = $4
                         WHERE workspace_id = $1 AND id = $2")
                .bind(w).bind(c).bind(erased_name(customer)).bind(false)
                .execute(&mut *tx).await?;
            // Event properties: only what carries no personal data stays.
            let props: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, properties FROM events WHERE workspace_id = $1 AND customer_id = $2 AND properties <> '{}'",
            )
            .bind(w).bind(c).fetch_all(&mut *tx).await?;
            for (id, properties) in props {
                let kept = anonymous_properties(&properties);
                if kept != properties {
                    sqlx::query("UPDATE events SET properties = $3 WHERE workspace_id = $1 AND id = $2")
                        .bind(w).bind(id).bind(kept).execute(&mut *tx).await?;
                }
            }
            sqlx::query(
                "INSERT INTO erasure_log (workspace_id, customer_id, erased_at) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id, customer_id) DO NOTHING",
            )
            .bind(w).bind(c).bind(erased_at).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO audit_log (workspace_id, at, actor_user_id, actor_label, action,
                                        target_kind, target_id, detail, client_address)
                 SELECT $1, $2, (SELECT id FROM users WHERE workspace_id = $1 AND id = $3), $4, $5, 'customer', $6, $7, $8",
            )
            .bind(w)
            .bind(now)
            .bind(actor.user_id.map(|u| u.0))
            .bind(&actor.label)
            .bind(action)
            .bind(c)
            .bind(format!("customer #{c} erased"))
            .bind(actor.client_address.as_deref())
            .execute(&mut *tx)
            .await?;
            Ok(())
        }))
    }

    /// Every erasure of the server, oldest first. A server-wide read (not one workspace's):
    /// `kunde restore` keeps it before replacing the database.
    pub async fn all_erasures(&self) -> Result<Vec<Erasure>> {
        let rows: Vec<(i64, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT workspace_id, customer_id, erased_at FROM erasure_log ORDER BY erased_at, workspace_id, customer_id")
                .fetch_all(pool)
                .await?
        });
        Ok(rows
            .into_iter()
            .map(|(w, c, at)| Erasure {
                workspace_id: WorkspaceId(w),
                customer_id: CustomerId(c),
                erased_at: at,
            })
            .collect())
    }

    /// After a restore: erases again every customer of `erasures` that this database does not
    /// record as erased (the erasures made after the backup), through the one erase path,
    /// keeping each original time. Customers the backup never had are skipped. Returns how
    /// many were erased again.
    pub async fn reapply_erasures(&self, erasures: &[Erasure], now: i64) -> Result<u64> {
        let actor = Actor::system("kunde restore");
        let mut done = 0;
        for e in erasures {
            if self.is_erased(e.workspace_id, e.customer_id).await? {
                continue;
            }
            match self
                .erase_customer_at(
                    e.workspace_id,
                    e.customer_id,
                    &actor,
                    e.erased_at,
                    now,
                    audit_action::RESTORE_REAPPLY,
                )
                .await
            {
                Ok(()) => done += 1,
                Err(StoreError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(done)
    }

    // -----------------------------------------------------------------------------------
    // Retention

    /// The workspace's retention rule: erase customers inactive for this many years; `None`
    /// is off (the default).
    pub async fn retention_rule(&self, ws: WorkspaceId) -> Result<Option<i64>> {
        let row: Option<(Option<i64>,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT inactive_years FROM retention_rules WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.and_then(|(y,)| y))
    }

    /// Sets (or with `None` turns off) the workspace's retention rule. Years must be positive.
    pub async fn set_retention_rule(
        &self,
        ws: WorkspaceId,
        inactive_years: Option<i64>,
        now: i64,
    ) -> Result<()> {
        if inactive_years.is_some_and(|y| y <= 0) {
            return Err(StoreError::InvalidReference(
                "retention years must be positive".into(),
            ));
        }
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO retention_rules (workspace_id, inactive_years, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id) DO UPDATE SET inactive_years = excluded.inactive_years, updated_at = excluded.updated_at",
            )
            .bind(ws.0)
            .bind(inactive_years)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Customers of the workspace with no activity (created, event, order, survey response,
    /// case opened or written on) for `years` years before `now`, not yet erased; longest
    /// inactive first. What a retention rule would erase, for the owner to see first.
    pub async fn inactive_customers(
        &self,
        ws: WorkspaceId,
        years: i64,
        now: i64,
    ) -> Result<Vec<InactiveCustomer>> {
        let cutoff = now - years.max(1) * YEAR_SECONDS;
        type Row = (
            i64,
            String,
            Option<String>,
            i64,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.id, c.name, c.email, c.created_at,
                    (SELECT MAX(e.occurred_at) FROM events e WHERE e.workspace_id = $1 AND e.customer_id = c.id),
                    (SELECT MAX(o.ordered_at) FROM orders o WHERE o.workspace_id = $1 AND o.customer_id = c.id),
                    (SELECT MAX(r.submitted_at) FROM survey_responses r WHERE r.workspace_id = $1 AND r.customer_id = c.id),
                    (SELECT MAX(k.created_at) FROM cases k WHERE k.workspace_id = $1 AND k.customer_id = c.id),
                    (SELECT MAX(n.created_at) FROM case_entries n JOIN cases k ON k.workspace_id = n.workspace_id AND k.id = n.case_id
                      WHERE n.workspace_id = $1 AND k.customer_id = c.id)
                 FROM customers c
                 WHERE c.workspace_id = $1 AND c.created_at < $2
                   AND NOT EXISTS (SELECT 1 FROM erasure_log x WHERE x.workspace_id = $1 AND x.customer_id = c.id)
                   AND NOT EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = $1 AND e.customer_id = c.id AND e.occurred_at >= $2)
                   AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.workspace_id = $1 AND o.customer_id = c.id AND o.ordered_at >= $2)
                   AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.workspace_id = $1 AND r.customer_id = c.id AND r.submitted_at >= $2)
                   AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.workspace_id = $1 AND k.customer_id = c.id AND k.created_at >= $2)",
            )
            .bind(ws.0)
            .bind(cutoff)
            .fetch_all(pool)
            .await?
        });
        let mut out: Vec<InactiveCustomer> = rows
            .into_iter()
            .map(|r| InactiveCustomer {
                id: CustomerId(r.0),
                name: r.1,
                email: r.2,
                last_activity: [r.4, r.5, r.6, r.7, r.8]
                    .into_iter()
                    .flatten()
                    .fold(r.3, i64::max),
            })
            .filter(|c| c.last_activity < cutoff)
            .collect();
        out.sort_by_key(|c| (c.last_activity, c.id.0));
        Ok(out)
    }

    /// Erases every customer [`Store::inactive_customers`] lists for `years`, one erasure
    /// (one transaction) each through [`Store::erase_customer`]'s path. Returns who was
    /// erased.
    pub async fn erase_inactive_customers(
        &self,
        ws: WorkspaceId,
        years: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<Vec<CustomerId>> {
        let mut erased = Vec::new();
        for c in self.inactive_customers(ws, years, now).await? {
            self.erase_customer(ws, c.id, actor, now).await?;
            erased.push(c.id);
        }
        Ok(erased)
    }
}

/// Outbox messages of an erased customer: to their address, or naming it in the subject or
/// a body. $1 workspace, $2 the address in lower case, $3 [`contains_pattern`] of it.
const OUTBOX_COUNT_SQL: &str =
    "SELECT COUNT(*) FROM outbox WHERE workspace_id = $1 AND (lower(to_address) = $2
    OR lower(subject) LIKE $3 ESCAPE '\\' OR lower(text_body) LIKE $3 ESCAPE '\\'
    OR lower(COALESCE(html_body, '')) LIKE $3 ESCAPE '\\')";
/// Deletes what [`OUTBOX_COUNT_SQL`] counts.
const OUTBOX_DELETE_SQL: &str =
    "DELETE FROM outbox WHERE workspace_id = $1 AND (lower(to_address) = $2
    OR lower(subject) LIKE $3 ESCAPE '\\' OR lower(text_body) LIKE $3 ESCAPE '\\'
    OR lower(COALESCE(html_body, '')) LIKE $3 ESCAPE '\\')";

/// The statements of an erasure besides the outbox, the customer row and event properties;
/// each takes $1 workspace and $2 customer.
const ERASE_SQL: [&str; 18] = [
    "DELETE FROM case_attachments WHERE workspace_id = $1
       AND case_id IN (SELECT id FROM cases WHERE workspace_id = $1 AND customer_id = $2)",
    "UPDATE case_entries SET body = '' WHERE workspace_id = $1
       AND case_id IN (SELECT id FROM cases WHERE workspace_id = $1 AND customer_id = $2)",
    "UPDATE case_grants SET note = '' WHERE workspace_id = $1
       AND case_id IN (SELECT id FROM cases WHERE workspace_id = $1 AND customer_id = $2)",
    "UPDATE cases SET subject = '(erased)', description = '', root_cause_note = '', idea_note = '',
            rating_token_hash = NULL
     WHERE workspace_id = $1 AND customer_id = $2",
    "UPDATE survey_answers SET text = NULL WHERE workspace_id = $1 AND text IS NOT NULL
       AND response_id IN (SELECT id FROM survey_responses WHERE workspace_id = $1 AND customer_id = $2)",
    "UPDATE survey_responses SET team = NULL, location = NULL WHERE workspace_id = $1 AND customer_id = $2",
    "UPDATE survey_followups SET action = '' WHERE workspace_id = $1 AND customer_id = $2",
    // Live survey links stop working: the reminder tokens go, and the invitation's own token
    // hash is replaced by a value no token hashes to.
    "DELETE FROM survey_invitation_tokens WHERE workspace_id = $1
       AND invitation_id IN (SELECT id FROM survey_invitations WHERE workspace_id = $1 AND customer_id = $2)",
    "UPDATE survey_invitations SET token_hash = 'erased-' || CAST(id AS TEXT)
     WHERE workspace_id = $1 AND customer_id = $2",
    "DELETE FROM visitor_links WHERE workspace_id = $1 AND customer_id = $2",
    "UPDATE events SET visitor_id = NULL WHERE workspace_id = $1 AND customer_id = $2 AND visitor_id IS NOT NULL",
    // The fingerprint of the event as sent may cover the customer's e-mail address.
    "UPDATE events SET payload_hash = NULL WHERE workspace_id = $1 AND customer_id = $2 AND payload_hash IS NOT NULL",
    // The client portal: shared and uploaded documents go, and the customer can no longer
    // sign in (invoices stay, like orders).
    "DELETE FROM portal_documents WHERE workspace_id = $1 AND customer_id = $2",
    "DELETE FROM portal_links WHERE workspace_id = $1 AND customer_id = $2",
    "DELETE FROM portal_sessions WHERE workspace_id = $1 AND customer_id = $2",
    // When they first signed in is portal use of a person; the before/after case report
    // simply no longer counts them.
    "DELETE FROM portal_first_use WHERE workspace_id = $1 AND customer_id = $2",
    // Campaign e-mails: the unsubscribe link stops working; that the stand-in was sent or
    // held out stays, like segment membership, so the campaign's report still adds up.
    "UPDATE campaign_recipients SET token_hash = NULL, outbox_id = NULL WHERE workspace_id = $1 AND customer_id = $2",
    // Which links they followed is their behaviour: it goes (the report counts them no more).
    "DELETE FROM campaign_clicks WHERE workspace_id = $1 AND customer_id = $2",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_properties_keep_numbers_and_codes_only() {
        let kept = anonymous_properties(
            r#"{"source":"survey","survey":3,"nps":9,"path":"/orders?email=a@b.dk","type":"page_view","note":"Anna","ok":true}"#,
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&kept).unwrap(),
            serde_json::json!({"nps":9,"ok":true,"source":"survey","survey":3,"type":"page_view"})
        );
        assert_eq!(anonymous_properties(r#"{"outcome":"Anna Jensen"}"#), "{}");
        assert_eq!(anonymous_properties("[1]"), "{}");
        assert_eq!(anonymous_properties("not json"), "{}");
    }

    #[test]
    fn attachment_names_are_safe_in_an_archive() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("kvittering 2.pdf"), "kvittering_2.pdf");
        assert_eq!(safe_file_name(""), "file");
        assert_eq!(safe_file_name("æøå.png"), "æøå.png");
    }
}
