//! The client portal (issue 16): sign-in links and portal sessions (only their tokens'
//! SHA-256 kept), invoices, documents shared with one customer, the customer's own profile
//! changes (consent changes recorded with time and source) and the touchpoint portal use is
//! recorded on.
//!
//! Every portal read takes the customer as well as the workspace: an id of another customer's
//! invoice, document or case finds nothing (`NotFound`), exactly like an id that does not
//! exist. Look-ups by a link's or session's token are the key class of exceptions (see
//! ARCHITECTURE.md), and they too are asked for one workspace: a token of another business's
//! portal finds nothing.

use crate::mail::insert_outbox;
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::*;

/// Revokes the customer's unused links and inserts a new one (inside a transaction).
macro_rules! new_link {
    ($tx:ident, $ws:expr, $customer:expr, $hash:expr, $now:expr, $expires:expr) => {{
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
                .bind($ws.0)
                .bind($customer.0)
                .fetch_optional(&mut *$tx)
                .await?;
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "UPDATE portal_links SET revoked_at = $3 WHERE workspace_id = $1 AND customer_id = $2
             AND used_at IS NULL AND revoked_at IS NULL",
        )
        .bind($ws.0)
        .bind($customer.0)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO portal_links (token_hash, workspace_id, customer_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($hash)
        .bind($ws.0)
        .bind($customer.0)
        .bind($now)
        .bind($expires)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// 256 random bits as hex: sign-in links and portal sessions.
pub fn portal_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// An invoice of one customer. `issued` and `due` are calendar dates (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq)]
pub struct Invoice {
    pub id: i64,
    pub customer_id: CustomerId,
    pub number: String,
    pub issued: String,
    pub due: String,
    pub amount: Money,
    pub paid_at: Option<i64>,
    pub created_at: i64,
}

/// Whether an invoice is paid, open, or open after its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceStatus {
    Paid,
    Open,
    Overdue,
}

impl InvoiceStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Paid => "paid",
            Self::Open => "open",
            Self::Overdue => "overdue",
        }
    }
}

impl Invoice {
    /// The status on `today` (`YYYY-MM-DD` in the business's time zone): overdue from the day
    /// after the due date.
    pub fn status(&self, today: &str) -> InvoiceStatus {
        if self.paid_at.is_some() {
            InvoiceStatus::Paid
        } else if today > self.due.as_str() {
            InvoiceStatus::Overdue
        } else {
            InvoiceStatus::Open
        }
    }
}

/// What staff type for an invoice (already validated by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct NewInvoice {
    pub number: String,
    pub issued: String,
    pub due: String,
    pub amount: Money,
}

/// A document shared with one customer (its bytes are read separately).
#[derive(Debug, Clone, PartialEq)]
pub struct PortalDocument {
    pub id: i64,
    pub customer_id: CustomerId,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// Uploaded by the customer through the portal (else shared by staff).
    pub from_customer: bool,
    pub created_at: i64,
}

/// A personal survey invitation the customer has not answered yet.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitingSurvey {
    pub invitation: InvitationId,
    pub title: Texts,
    pub created_at: i64,
}

type InvoiceRow = (i64, i64, String, String, String, i64, Option<i64>, i64);

fn invoice(
    (id, customer, number, issued, due, amount, paid_at, created_at): InvoiceRow,
) -> Invoice {
    Invoice {
        id,
        customer_id: CustomerId(customer),
        number,
        issued,
        due,
        amount: Money(amount),
        paid_at,
        created_at,
    }
}

macro_rules! invoice_columns {
    () => {
        "id, customer_id, number, issued, due, amount, paid_at, created_at"
    };
}

type DocumentRow = (i64, i64, String, String, i64, bool, i64);

fn document(
    (id, customer, file_name, content_type, size, from_customer, created_at): DocumentRow,
) -> PortalDocument {
    PortalDocument {
        id,
        customer_id: CustomerId(customer),
        file_name,
        content_type,
        size,
        from_customer,
        created_at,
    }
}

fn unique_number(e: sqlx::Error) -> StoreError {
    match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::Conflict("an invoice with this number"),
        other => other,
    }
}

impl Store {
    /// Makes a sign-in link for `customer`, valid until `expires_at`, revoking the customer's
    /// earlier unused links, and queues its e-mail (made by `mail` from the token), in one
    /// transaction. Only the token's SHA-256 is stored.
    pub async fn send_portal_link(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        now: i64,
        expires_at: i64,
        mail: impl FnOnce(&str) -> Mail,
    ) -> Result<i64> {
        let token = portal_token();
        let message = mail(&token);
        message.validate()?;
        let hash = crate::token_hash(&token);
        with_pool!(self, pool => transaction!(pool, tx => {
            new_link!(tx, ws, customer, &hash, now, expires_at);
            let id = insert_outbox!(&mut *tx, ws, &message, now);
            Ok(id)
        }))
    }

    /// Makes a sign-in link without e-mail (for `kunde demo`) and returns its token.
    pub async fn create_portal_link(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        now: i64,
        expires_at: i64,
    ) -> Result<String> {
        let token = portal_token();
        let hash = crate::token_hash(&token);
        with_pool!(self, pool => transaction!(pool, tx => {
            new_link!(tx, ws, customer, &hash, now, expires_at);
            Ok(())
        }))?;
        Ok(token)
    }

    /// Whether the link behind `token_hash` can still sign in to this workspace's portal.
    pub async fn portal_link_usable(
        &self,
        ws: WorkspaceId,
        token_hash: &str,
        now: i64,
    ) -> Result<bool> {
        with_pool!(self, pool => {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT customer_id FROM portal_links WHERE token_hash = $1 AND workspace_id = $2
                 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
            )
            .bind(token_hash)
            .bind(ws.0)
            .bind(now)
            .fetch_optional(pool)
            .await?;
            Ok(row.is_some())
        })
    }

    /// Uses a sign-in link once and starts a portal session (stored as `session_hash`) for its
    /// customer, in one transaction. `None` when the link is unknown, of another workspace,
    /// used, revoked or expired.
    pub async fn use_portal_link(
        &self,
        ws: WorkspaceId,
        token_hash: &str,
        session_hash: &str,
        now: i64,
        session_expires_at: i64,
    ) -> Result<Option<CustomerId>> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let claimed: Option<(i64,)> = sqlx::query_as(
                "UPDATE portal_links SET used_at = $3 WHERE token_hash = $1 AND workspace_id = $2
                 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3 RETURNING customer_id",
            )
            .bind(token_hash)
            .bind(ws.0)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((customer,)) = claimed else { return Ok(None) };
            sqlx::query(
                "INSERT INTO portal_sessions (token_hash, workspace_id, customer_id, created_at, last_seen_at, expires_at)
                 VALUES ($1, $2, $3, $4, $4, $5)",
            )
            .bind(session_hash)
            .bind(ws.0)
            .bind(customer)
            .bind(now)
            .bind(session_expires_at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO portal_first_use (workspace_id, customer_id, signed_in_at) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id, customer_id) DO NOTHING",
            )
            .bind(ws.0)
            .bind(customer)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(Some(CustomerId(customer)))
        }))
    }

    /// The customer of a live portal session of this workspace, marking it seen now. A
    /// session is live until `expires_at` and while it was seen within `idle` seconds.
    pub async fn portal_session(
        &self,
        ws: WorkspaceId,
        session_hash: &str,
        now: i64,
        idle: i64,
    ) -> Result<Option<Customer>> {
        let found: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as(
                "UPDATE portal_sessions SET last_seen_at = $3 WHERE token_hash = $1 AND workspace_id = $2
                 AND expires_at > $3 AND last_seen_at > $4 RETURNING customer_id",
            )
            .bind(session_hash)
            .bind(ws.0)
            .bind(now)
            .bind(now - idle)
            .fetch_optional(pool)
            .await?
        });
        match found {
            Some((id,)) => Ok(Some(self.get_customer(ws, CustomerId(id)).await?)),
            None => Ok(None),
        }
    }

    /// Ends one portal session (signing out).
    pub async fn end_portal_session(&self, ws: WorkspaceId, session_hash: &str) -> Result<()> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM portal_sessions WHERE token_hash = $1 AND workspace_id = $2")
                .bind(session_hash)
                .bind(ws.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Ends every portal session of a customer and revokes their unused links (staff, from the
    /// customer's page). Returns the number of session rows removed (idle ones included).
    pub async fn end_portal_sessions(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        now: i64,
    ) -> Result<u64> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let ended = sqlx::query("DELETE FROM portal_sessions WHERE workspace_id = $1 AND customer_id = $2")
                .bind(ws.0)
                .bind(customer.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query(
                "UPDATE portal_links SET revoked_at = $3 WHERE workspace_id = $1 AND customer_id = $2
                 AND used_at IS NULL AND revoked_at IS NULL",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(ended)
        }))
    }

    /// The customer's live portal sessions.
    pub async fn portal_session_count(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        now: i64,
        idle: i64,
    ) -> Result<i64> {
        with_pool!(self, pool => {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM portal_sessions WHERE workspace_id = $1 AND customer_id = $2
                 AND expires_at > $3 AND last_seen_at > $4",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(now)
            .bind(now - idle)
            .fetch_one(pool)
            .await?;
            Ok(n)
        })
    }

    /// Removes portal sessions past their end and links past their expiry (server-wide).
    pub async fn purge_portal_sessions(&self, now: i64, idle: i64) -> Result<u64> {
        with_pool!(self, pool => {
            let s = sqlx::query("DELETE FROM portal_sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                .bind(now)
                .bind(now - idle)
                .execute(pool)
                .await?
                .rows_affected();
            let l = sqlx::query("DELETE FROM portal_links WHERE expires_at <= $1")
                .bind(now - 24 * 3600)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(s + l)
        })
    }

    pub async fn create_invoice(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        i: &NewInvoice,
        now: i64,
    ) -> Result<Invoice> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(customer.0)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let row: InvoiceRow = sqlx::query_as(concat!(
                "INSERT INTO invoices (workspace_id, customer_id, number, issued, due, amount, paid_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, NULL, $7) RETURNING ", invoice_columns!(), ""
            ))
            .bind(ws.0)
            .bind(customer.0)
            .bind(&i.number)
            .bind(&i.issued)
            .bind(&i.due)
            .bind(i.amount.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(unique_number)?;
            Ok(invoice(row))
        }))
    }

    /// Changes an invoice of `customer`; `NotFound` for another customer's invoice.
    pub async fn update_invoice(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        id: i64,
        i: &NewInvoice,
    ) -> Result<Invoice> {
        with_pool!(self, pool => {
            let row: Option<InvoiceRow> = sqlx::query_as(concat!(
                "UPDATE invoices SET number = $4, issued = $5, due = $6, amount = $7
                 WHERE workspace_id = $1 AND customer_id = $2 AND id = $3 RETURNING ", invoice_columns!(), ""
            ))
            .bind(ws.0)
            .bind(customer.0)
            .bind(id)
            .bind(&i.number)
            .bind(&i.issued)
            .bind(&i.due)
            .bind(i.amount.0)
            .fetch_optional(pool)
            .await
            .map_err(unique_number)?;
            row.map(invoice).ok_or(StoreError::NotFound)
        })
    }

    /// Marks an invoice of `customer` paid at `paid_at`, or open again with `None`.
    pub async fn set_invoice_paid(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        id: i64,
        paid_at: Option<i64>,
    ) -> Result<()> {
        let done = with_pool!(self, pool => {
            sqlx::query("UPDATE invoices SET paid_at = $4 WHERE workspace_id = $1 AND customer_id = $2 AND id = $3")
                .bind(ws.0)
                .bind(customer.0)
                .bind(id)
                .bind(paid_at)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The customer's invoices, newest first.
    pub async fn customer_invoices(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Vec<Invoice>> {
        with_pool!(self, pool => {
            let rows: Vec<InvoiceRow> = sqlx::query_as(concat!(
                "SELECT ", invoice_columns!(), " FROM invoices WHERE workspace_id = $1 AND customer_id = $2
                 ORDER BY issued DESC, id DESC"
            ))
            .bind(ws.0)
            .bind(customer.0)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(invoice).collect())
        })
    }

    /// One invoice of `customer`; `NotFound` for any other customer's.
    pub async fn customer_invoice(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        id: i64,
    ) -> Result<Invoice> {
        with_pool!(self, pool => {
            let row: InvoiceRow = sqlx::query_as(concat!(
                "SELECT ", invoice_columns!(), " FROM invoices WHERE workspace_id = $1 AND customer_id = $2 AND id = $3"
            ))
            .bind(ws.0)
            .bind(customer.0)
            .bind(id)
            .fetch_one(pool)
            .await?;
            Ok(invoice(row))
        })
    }

    /// Keeps a document for `customer` (its bytes base64-encoded, like case attachments).
    #[allow(clippy::too_many_arguments)]
    pub async fn add_portal_document(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
        uploaded_by: Option<UserId>,
        from_customer: bool,
        now: i64,
    ) -> Result<PortalDocument> {
        use base64::Engine;
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(customer.0)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let uploader: Option<(i64,)> = match uploaded_by {
                Some(u) => sqlx::query_as("SELECT id FROM users WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(u.0)
                    .fetch_optional(&mut *tx)
                    .await?,
                None => None,
            };
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO portal_documents (workspace_id, customer_id, file_name, content_type, size, data,
                                               from_customer, uploaded_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(file_name)
            .bind(content_type)
            .bind(bytes.len() as i64)
            .bind(&data)
            .bind(from_customer)
            .bind(uploader.map(|u| u.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(PortalDocument {
                id,
                customer_id: customer,
                file_name: file_name.to_owned(),
                content_type: content_type.to_owned(),
                size: bytes.len() as i64,
                from_customer,
                created_at: now,
            })
        }))
    }

    /// The customer's documents, newest first.
    pub async fn portal_documents(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Vec<PortalDocument>> {
        with_pool!(self, pool => {
            let rows: Vec<DocumentRow> = sqlx::query_as(
                "SELECT id, customer_id, file_name, content_type, size, from_customer, created_at
                 FROM portal_documents WHERE workspace_id = $1 AND customer_id = $2 ORDER BY created_at DESC, id DESC",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(document).collect())
        })
    }

    /// One document of `customer` with its bytes; `NotFound` for any other customer's.
    pub async fn portal_document(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        id: i64,
    ) -> Result<(PortalDocument, Vec<u8>)> {
        use base64::Engine;
        with_pool!(self, pool => {
            let (id, c, file_name, content_type, size, from_customer, created_at, data): (i64, i64, String, String, i64, bool, i64, String) =
                sqlx::query_as(
                    "SELECT id, customer_id, file_name, content_type, size, from_customer, created_at, data
                     FROM portal_documents WHERE workspace_id = $1 AND customer_id = $2 AND id = $3",
                )
                .bind(ws.0)
                .bind(customer.0)
                .bind(id)
                .fetch_one(pool)
                .await?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .map_err(|_| StoreError::Corrupt(format!("document {id}")))?;
            Ok((document((id, c, file_name, content_type, size, from_customer, created_at)), bytes))
        })
    }

    /// The customer's personal survey invitations not answered yet, of surveys still live.
    pub async fn waiting_surveys(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Vec<WaitingSurvey>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, String, String, String, String, i64)> = sqlx::query_as(
                "SELECT i.id, s.title_en, s.title_da, s.title_sv, s.title_tl, i.created_at
                 FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id AND s.workspace_id = i.workspace_id
                 WHERE i.workspace_id = $1 AND i.customer_id = $2 AND i.answered_at IS NULL AND s.status = 'live'
                 ORDER BY i.created_at DESC, i.id DESC",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, en, da, sv, tl, created_at)| WaitingSurvey {
                    invitation: InvitationId(id),
                    title: Texts { en, da, sv, tl },
                    created_at,
                })
                .collect())
        })
    }

    /// The customer changes their own name, language and marketing consent; a consent change
    /// is recorded with its time and `source`, in the same transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_profile(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
        name: &NonEmpty,
        language: Language,
        consent: bool,
        source: &str,
        now: i64,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let before: Option<(bool,)> = sqlx::query_as(
                "SELECT marketing_consent FROM customers WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((before,)) = before else { return Err(StoreError::NotFound) };
            sqlx::query(
                "UPDATE customers SET name = $3, language = $4, marketing_consent = $5
                 WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(customer.0)
            .bind(name.as_str())
            .bind(language.code())
            .bind(consent)
            .execute(&mut *tx)
            .await?;
            if before != consent {
                sqlx::query(
                    "INSERT INTO consent_changes (workspace_id, customer_id, marketing_consent, source, changed_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(ws.0)
                .bind(customer.0)
                .bind(consent)
                .bind(source)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        }))
    }

    /// The customer's recorded consent changes, oldest first: (consent, source, time).
    pub async fn consent_changes(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Vec<(bool, String, i64)>> {
        with_pool!(self, pool => {
            let rows: Vec<(bool, String, i64)> = sqlx::query_as(
                "SELECT marketing_consent, source, changed_at FROM consent_changes
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY changed_at, id",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_all(pool)
            .await?;
            Ok(rows)
        })
    }

    /// The touchpoint portal use is recorded on: the one remembered for the workspace, else a
    /// new one named `name` in the first journey's service stage (the stage named one of
    /// `service_names`, else the fourth, else the last). `None` when the workspace has no
    /// journey with a stage.
    pub async fn portal_touchpoint(
        &self,
        ws: WorkspaceId,
        name: &str,
        service_names: &[String],
    ) -> Result<Option<TouchpointId>> {
        let wanted: Vec<String> = service_names.iter().map(|s| s.to_lowercase()).collect();
        with_pool!(self, pool => transaction!(pool, tx => {
            let known: Option<(Option<i64>,)> = sqlx::query_as(
                "SELECT p.touchpoint_id FROM portal_settings p JOIN touchpoints t ON t.id = p.touchpoint_id
                 WHERE p.workspace_id = $1 AND t.workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((Some(id),)) = known {
                return Ok(Some(TouchpointId(id)));
            }
            let stages: Vec<(i64, String)> = sqlx::query_as(
                "SELECT s.id, s.name FROM stages s
                 WHERE s.workspace_id = $1 AND s.journey_id =
                     (SELECT MIN(j.id) FROM journeys j WHERE j.workspace_id = $1 AND j.variant = 'as_is')
                 ORDER BY s.position, s.id",
            )
            .bind(ws.0)
            .fetch_all(&mut *tx)
            .await?;
            let stage = stages
                .iter()
                .find(|(_, n)| wanted.contains(&n.to_lowercase()))
                .or_else(|| stages.get(3))
                .or_else(|| stages.last());
            let Some((stage, _)) = stage else { return Ok(None) };
            let (position,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM touchpoints WHERE workspace_id = $1 AND stage_id = $2",
            )
            .bind(ws.0)
            .bind(stage)
            .fetch_one(&mut *tx)
            .await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO touchpoints (workspace_id, stage_id, name, channel, digital, owned, owner_id,
                                          customer_goal, pain_points, ideas, position)
                 VALUES ($1, $2, $3, 'web', $4, $4, NULL, '', '', '', $5) RETURNING id",
            )
            .bind(ws.0)
            .bind(stage)
            .bind(name)
            .bind(true)
            .bind(position)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO portal_settings (workspace_id, touchpoint_id) VALUES ($1, $2)
                 ON CONFLICT (workspace_id) DO UPDATE SET touchpoint_id = $2",
            )
            .bind(ws.0)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            Ok(Some(TouchpointId(id)))
        }))
    }
}
