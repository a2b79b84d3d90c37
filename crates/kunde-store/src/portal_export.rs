//! The client portal's part of a customer's data export (issue 16 with issue 18): their
//! invoices, the documents shared with them or uploaded by them (as files in the archive),
//! and a summary of their portal sign-ins (first use, sign-in links and sessions — times
//! only, never a token or its hash). The consent changes they made in the portal are among
//! the export's consents.
//!
//! Kept apart from `trust.rs` so the portal's tables are read in one place; `customer_export`
//! calls [`Store::portal_export`] and puts its files next to the case attachments.

use crate::trust::{ExportFile, safe_file_name};
use crate::{Result, Store, StoreError, with_pool};
use kunde_domain::{CustomerId, WorkspaceId};
use serde::Serialize;

/// Everything the portal holds about one customer.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ExportPortal {
    pub invoices: Vec<ExportInvoice>,
    pub documents: Vec<ExportDocument>,
    pub sign_ins: ExportSignIns,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportInvoice {
    pub number: String,
    /// `YYYY-MM-DD`.
    pub issued: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// In minor units of the export's currency.
    pub amount: i64,
    pub paid_at: Option<i64>,
    /// When an overdue reminder was e-mailed.
    pub reminded_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportDocument {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// `customer` when the customer uploaded it, `business` when staff shared it.
    pub from: String,
    pub created_at: i64,
    /// Where the file is in the archive (`files/…`).
    pub path: String,
}

/// The customer's portal sign-ins: times only.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ExportSignIns {
    /// The first time a sign-in link started a session.
    pub first_sign_in: Option<i64>,
    pub links: Vec<ExportSignInLink>,
    pub sessions: Vec<ExportSession>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportSignInLink {
    pub sent_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportSession {
    pub started_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

impl Store {
    /// The portal's rows of `customer`, with the documents' bytes as archive files
    /// (`files/document-…`).
    pub async fn portal_export(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<(ExportPortal, Vec<ExportFile>)> {
        use base64::Engine;
        let (w, c) = (ws.0, customer.0);
        type InvoiceRow = (String, String, String, i64, Option<i64>, Option<i64>, i64);
        let invoices: Vec<InvoiceRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT number, issued, due, amount, paid_at, reminded_at, created_at FROM invoices
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY issued, id",
            )
            .bind(w).bind(c).fetch_all(pool).await?
        });
        type DocumentRow = (i64, String, String, i64, bool, i64, String);
        let documents: Vec<DocumentRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, file_name, content_type, size, from_customer, created_at, data
                 FROM portal_documents WHERE workspace_id = $1 AND customer_id = $2 ORDER BY created_at, id",
            )
            .bind(w).bind(c).fetch_all(pool).await?
        });
        let first: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT signed_in_at FROM portal_first_use WHERE workspace_id = $1 AND customer_id = $2",
            )
            .bind(w).bind(c).fetch_optional(pool).await?
        });
        let links: Vec<(i64, i64, Option<i64>, Option<i64>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT created_at, expires_at, used_at, revoked_at FROM portal_links
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY created_at",
            )
            .bind(w).bind(c).fetch_all(pool).await?
        });
        let sessions: Vec<(i64, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT created_at, last_seen_at, expires_at FROM portal_sessions
                 WHERE workspace_id = $1 AND customer_id = $2 ORDER BY created_at",
            )
            .bind(w).bind(c).fetch_all(pool).await?
        });

        let mut files = Vec::new();
        let mut export_documents = Vec::new();
        for (id, file_name, content_type, size, from_customer, created_at, data) in documents {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .map_err(|_| StoreError::Corrupt(format!("document {id}")))?;
            let path = format!("files/document-{id}-{}", safe_file_name(&file_name));
            files.push(ExportFile {
                path: path.clone(),
                bytes,
            });
            export_documents.push(ExportDocument {
                file_name,
                content_type,
                size,
                from: if from_customer {
                    "customer"
                } else {
                    "business"
                }
                .into(),
                created_at,
                path,
            });
        }
        let portal = ExportPortal {
            invoices: invoices
                .into_iter()
                .map(
                    |(number, issued, due, amount, paid_at, reminded_at, created_at)| {
                        ExportInvoice {
                            number,
                            issued,
                            due,
                            amount,
                            paid_at,
                            reminded_at,
                            created_at,
                        }
                    },
                )
                .collect(),
            documents: export_documents,
            sign_ins: ExportSignIns {
                first_sign_in: first.map(|(t,)| t),
                links: links
                    .into_iter()
                    .map(
                        |(sent_at, expires_at, used_at, revoked_at)| ExportSignInLink {
                            sent_at,
                            expires_at,
                            used_at,
                            revoked_at,
                        },
                    )
                    .collect(),
                sessions: sessions
                    .into_iter()
                    .map(|(started_at, last_seen_at, expires_at)| ExportSession {
                        started_at,
                        last_seen_at,
                        expires_at,
                    })
                    .collect(),
            },
        };
        Ok((portal, files))
    }
}
