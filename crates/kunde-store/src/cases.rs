//! Service cases: the settings of a workspace's case handling (the complaint form's public
//! id, each role's authority), categories with their targets, the root-cause list, cases and
//! their entries, private attachments, grants needing approval and the escalation notices
//! already sent. Due times are computed by the caller (business hours) and stored with the
//! case, so every list and report reads them without the calendar.

use crate::{Result, Store, StoreError, debug_assert_scoped, transaction, with_pool};
use kunde_domain::*;
use std::collections::HashMap;

/// Checks that the case's customer, touchpoint, category and assignee belong to `ws`; a
/// macro so it expands once per backend inside `with_pool!`.
macro_rules! check_refs {
    ($tx:ident, $ws:expr, $c:expr) => {{
        let c: &NewCase = $c;
        let checks: [(&str, Option<i64>, &str); 4] = [
            (
                "SELECT id FROM customers WHERE workspace_id = $1 AND id = $2",
                c.customer_id.map(|c| c.0),
                "customer",
            ),
            (
                "SELECT id FROM touchpoints WHERE workspace_id = $1 AND id = $2",
                c.touchpoint_id.map(|t| t.0),
                "touchpoint",
            ),
            (
                "SELECT id FROM case_categories WHERE workspace_id = $1 AND id = $2",
                Some(c.category_id.0),
                "category",
            ),
            (
                "SELECT id FROM users WHERE workspace_id = $1 AND id = $2",
                c.assignee_id.map(|u| u.0),
                "assignee",
            ),
        ];
        for (sql, id, what) in checks {
            let Some(id) = id else { continue };
            let found: Option<(i64,)> = sqlx::query_as(sql)
                .bind($ws.0)
                .bind(id)
                .fetch_optional(&mut *$tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::InvalidReference(what.into()));
            }
        }
    }};
}

macro_rules! insert_case {
    ($tx:ident, $ws:expr, $c:expr) => {{
        let c: &NewCase = $c;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO cases (workspace_id, customer_id, touchpoint_id, category_id, subject, description,
                                status, priority, assignee_id, source, created_by, created_at,
                                first_response_warn, first_response_due, resolution_warn, resolution_due,
                                root_cause_note, is_idea, idea_note)
             VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $13, $14, $15, '', $16, '')
             RETURNING id",
        )
        .bind($ws.0)
        .bind(c.customer_id.map(|c| c.0))
        .bind(c.touchpoint_id.map(|t| t.0))
        .bind(c.category_id.0)
        .bind(c.subject.as_str())
        .bind(c.description.as_str())
        .bind(c.priority.code())
        .bind(c.assignee_id.map(|u| u.0))
        .bind(c.source.code())
        .bind(c.created_by.map(|u| u.0))
        .bind(c.created_at)
        .bind(c.due.first_response_warn)
        .bind(c.due.first_response)
        .bind(c.due.resolution_warn)
        .bind(c.due.resolution)
        .bind(false)
        .fetch_one(&mut *$tx)
        .await?;
        Ok(CaseId(id))
    }};
}

/// Writes the cases of a whole-workspace import inside its transaction (see
/// `Store::import_workspace`): the built-in categories and the root causes first, then each
/// case with its entries. `customer_ids`, `user_ids` and `touchpoints` map the import's
/// indexes and keys to the rows just written.
macro_rules! import_cases {
    ($tx:ident, $ws:expr, $cases:expr, $customer_ids:expr, $user_ids:expr, $touchpoints:expr) => {{
        let ws: i64 = $ws;
        let mut categories: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        for (code, first, resolution) in kunde_domain::BUILTIN_CATEGORIES {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_categories (workspace_id, builtin, name, first_response_minutes, resolution_minutes)
                 VALUES ($1, $2, '', $3, $4) RETURNING id",
            )
            .bind(ws)
            .bind(code)
            .bind(first)
            .bind(resolution)
            .fetch_one(&mut *$tx)
            .await?;
            categories.insert(code, id);
        }
        let mut causes: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let names = kunde_domain::DEFAULT_ROOT_CAUSES
            .iter()
            .map(|n| n.to_string())
            .chain($cases.iter().filter_map(|c: &kunde_domain::ImportCase| c.root_cause.clone()));
        for name in names {
            if causes.contains_key(&name) {
                continue;
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_root_causes (workspace_id, name) VALUES ($1, $2) RETURNING id",
            )
            .bind(ws)
            .bind(&name)
            .fetch_one(&mut *$tx)
            .await?;
            causes.insert(name, id);
        }
        let missing = |what: &str| StoreError::InvalidReference(format!("case: unknown {what}"));
        for c in $cases.iter() {
            let c: &kunde_domain::ImportCase = c;
            let customer = *$customer_ids.get(c.customer).ok_or_else(|| missing("customer"))?;
            let touchpoint = match &c.touchpoint {
                Some(k) => Some(*$touchpoints.get(k.as_str()).ok_or_else(|| missing("touchpoint"))?),
                None => None,
            };
            let assignee = match c.assignee {
                Some(i) => Some(*$user_ids.get(i).ok_or_else(|| missing("user"))?),
                None => None,
            };
            let category = *categories.get(c.category).ok_or_else(|| missing("category"))?;
            let cause = c.root_cause.as_ref().and_then(|n| causes.get(n).copied());
            let status = match (c.resolved_at, c.first_response_at) {
                (Some(_), _) => "closed",
                (None, Some(_)) => "open",
                (None, None) => "new",
            };
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO cases (workspace_id, customer_id, touchpoint_id, category_id, subject, description,
                                    status, priority, assignee_id, source, created_by, created_at,
                                    first_response_at, resolved_at,
                                    first_response_warn, first_response_due, resolution_warn, resolution_due,
                                    root_cause_id, root_cause_note, is_idea, idea_note, rating)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'staff', NULL, $10, $11, $12, $13, $14, $15, $16,
                         $17, '', $18, $19, $20)
                 RETURNING id",
            )
            .bind(ws)
            .bind(customer)
            .bind(touchpoint)
            .bind(category)
            .bind(c.subject.as_str())
            .bind(c.description.as_str())
            .bind(status)
            .bind(c.priority.code())
            .bind(assignee)
            .bind(c.created_at)
            .bind(c.first_response_at)
            .bind(c.resolved_at)
            .bind(c.due.first_response_warn)
            .bind(c.due.first_response)
            .bind(c.due.resolution_warn)
            .bind(c.due.resolution)
            .bind(cause)
            .bind(c.idea_note.is_some())
            .bind(c.idea_note.as_deref().unwrap_or(""))
            .bind(c.rating)
            .fetch_one(&mut *$tx)
            .await?;
            for (kind, author, body, at) in &c.entries {
                let author = match author {
                    Some(i) => Some(*$user_ids.get(*i).ok_or_else(|| missing("user"))?),
                    None => None,
                };
                sqlx::query(
                    "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(ws)
                .bind(id)
                .bind(kind.code())
                .bind(author)
                .bind(body.as_str())
                .bind(*at)
                .execute(&mut *$tx)
                .await?;
            }
        }
    }};
}
pub(crate) use import_cases;

/// A new workspace's authority: staff may grant up to DKK 200, the owner up to DKK 5,000.
pub const DEFAULT_STAFF_AUTHORITY: Money = Money(20_000);
pub const DEFAULT_OWNER_AUTHORITY: Money = Money(500_000);

/// How a workspace handles cases.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSettings {
    /// The address of the public complaint form: `/complaint/{public_id}`.
    pub public_id: String,
    pub authority: Authority,
}

/// An attachment's description (its bytes are read only when served).
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentInfo {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: i64,
}

/// A target about to be or already missed, with who to tell.
#[derive(Debug, Clone, PartialEq)]
pub struct DueEscalation {
    pub workspace_id: WorkspaceId,
    pub case_id: CaseId,
    /// `first_warn`, `first_missed`, `resolution_warn` or `resolution_missed`.
    pub kind: &'static str,
    pub subject: String,
    /// `None` for a case without a customer (an anonymous answer's).
    pub customer_name: Option<String>,
    pub due: i64,
    /// The assignee (name, e-mail, language), if the case has one.
    pub assignee: Option<(String, String, Language)>,
}

/// A case opened by someone who is not yet known as a customer (the public form): the
/// customer is found by e-mail or created, in the same transaction as the case.
#[derive(Debug, Clone)]
pub struct CaseContact {
    pub name: NonEmpty,
    pub email: Email,
    pub language: Language,
}

/// The columns of a case row (a macro, so queries are `concat!`ed string literals).
macro_rules! case_columns {
    () => {
        "c.id, c.workspace_id, c.customer_id, cu.name AS customer_name,
    c.touchpoint_id, c.category_id, c.subject, c.description, c.status, c.priority,
    c.assignee_id, c.source, c.created_at, c.first_response_at, c.resolved_at,
    c.first_response_warn, c.first_response_due, c.resolution_warn, c.resolution_due,
    c.root_cause_id, c.root_cause_note, c.is_idea, c.idea_note, c.rating"
    };
}

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    workspace_id: i64,
    customer_id: Option<i64>,
    customer_name: Option<String>,
    touchpoint_id: Option<i64>,
    category_id: i64,
    subject: String,
    description: String,
    status: String,
    priority: String,
    assignee_id: Option<i64>,
    source: String,
    created_at: i64,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
    first_response_warn: i64,
    first_response_due: i64,
    resolution_warn: i64,
    resolution_due: i64,
    root_cause_id: Option<i64>,
    root_cause_note: String,
    is_idea: bool,
    idea_note: String,
    rating: Option<i64>,
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{v}'"))
}

impl CaseRow {
    fn into_domain(self) -> Result<Case> {
        Ok(Case {
            id: CaseId(self.id),
            workspace_id: WorkspaceId(self.workspace_id),
            customer_id: self.customer_id.map(CustomerId),
            customer_name: self.customer_name,
            touchpoint_id: self.touchpoint_id.map(TouchpointId),
            category_id: CaseCategoryId(self.category_id),
            subject: self.subject,
            description: self.description,
            status: CaseStatus::parse(&self.status).map_err(|_| corrupt("status", &self.status))?,
            priority: CasePriority::parse(&self.priority)
                .map_err(|_| corrupt("priority", &self.priority))?,
            assignee_id: self.assignee_id.map(UserId),
            source: CaseSource::parse(&self.source).map_err(|_| corrupt("source", &self.source))?,
            created_at: self.created_at,
            first_response_at: self.first_response_at,
            resolved_at: self.resolved_at,
            due: CaseDue {
                first_response_warn: self.first_response_warn,
                first_response: self.first_response_due,
                resolution_warn: self.resolution_warn,
                resolution: self.resolution_due,
            },
            root_cause_id: self.root_cause_id.map(RootCauseId),
            root_cause_note: self.root_cause_note,
            is_idea: self.is_idea,
            idea_note: self.idea_note,
            rating: self.rating,
        })
    }
}

type CategoryRow = (i64, i64, Option<String>, String, i64, i64);

fn category(r: CategoryRow) -> CaseCategory {
    CaseCategory {
        id: CaseCategoryId(r.0),
        workspace_id: WorkspaceId(r.1),
        builtin: r.2,
        name: r.3,
        first_response_minutes: r.4,
        resolution_minutes: r.5,
    }
}

type GrantRow = (
    i64,
    i64,
    String,
    i64,
    String,
    String,
    Option<String>,
    i64,
    Option<String>,
    Option<i64>,
);

fn grant(r: GrantRow) -> Result<CaseGrant> {
    Ok(CaseGrant {
        id: CaseGrantId(r.0),
        case_id: CaseId(r.1),
        kind: GrantKind::parse(&r.2).map_err(|_| corrupt("grant kind", &r.2))?,
        amount: Money(r.3),
        note: r.4,
        status: GrantStatus::parse(&r.5).map_err(|_| corrupt("grant status", &r.5))?,
        requested_by: r.6,
        requested_at: r.7,
        decided_by: r.8,
        decided_at: r.9,
    })
}

macro_rules! grant_select {
    () => {
        "SELECT g.id, g.case_id, g.kind, g.amount, g.note, g.status,
        ru.name, g.requested_at, du.name, g.decided_at
    FROM case_grants g
    LEFT JOIN users ru ON ru.id = g.requested_by
    LEFT JOIN users du ON du.id = g.decided_by "
    };
}

/// 128 random bits as hex: unguessable public ids and tokens.
pub fn random_token() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// How a rating token is kept: only its SHA-256.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

/// The root cause a case is closed with: one the workspace has, or a new one to add in the
/// closing transaction.
#[derive(Debug, Clone, Copy)]
pub enum RootCauseChoice<'a> {
    Existing(RootCauseId),
    New(&'a NonEmpty),
}

impl From<RootCauseId> for RootCauseChoice<'_> {
    fn from(id: RootCauseId) -> Self {
        RootCauseChoice::Existing(id)
    }
}

impl Store {
    /// The workspace's case settings, created with defaults on first use.
    pub async fn case_settings(&self, ws: WorkspaceId) -> Result<CaseSettings> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO case_settings (workspace_id, public_id, staff_authority, owner_authority)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id) DO NOTHING",
            )
            .bind(ws.0)
            .bind(random_token())
            .bind(DEFAULT_STAFF_AUTHORITY.0)
            .bind(DEFAULT_OWNER_AUTHORITY.0)
            .execute(pool)
            .await?;
            let (public_id, staff, owner): (String, i64, i64) = sqlx::query_as(
                "SELECT public_id, staff_authority, owner_authority FROM case_settings
                 WHERE workspace_id = $1",
            )
            .bind(ws.0)
            .fetch_one(pool)
            .await?;
            Ok(CaseSettings {
                public_id,
                authority: Authority { staff: Money(staff), owner: Money(owner) },
            })
        })
    }

    pub async fn save_case_authority(&self, ws: WorkspaceId, a: Authority) -> Result<()> {
        self.case_settings(ws).await?;
        with_pool!(self, pool => {
            sqlx::query(
                "UPDATE case_settings SET staff_authority = $1, owner_authority = $2
                 WHERE workspace_id = $3",
            )
            .bind(a.staff.0)
            .bind(a.owner.0)
            .bind(ws.0)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    /// The workspace whose complaint form has this public id.
    pub async fn case_form_workspace(&self, public_id: &str) -> Result<Option<Workspace>> {
        with_pool!(self, pool => {
            let id: Option<(i64,)> = sqlx::query_as(
                "SELECT workspace_id FROM case_settings WHERE public_id = $1",
            )
            .bind(public_id)
            .fetch_optional(pool)
            .await?;
            match id {
                Some((id,)) => Ok(Some(self.get_workspace(WorkspaceId(id)).await?)),
                None => Ok(None),
            }
        })
    }

    /// The workspace's categories: the built-in ones (added on first use) and the owner's.
    pub async fn case_categories(&self, ws: WorkspaceId) -> Result<Vec<CaseCategory>> {
        with_pool!(self, pool => {
            for (code, first, resolution) in BUILTIN_CATEGORIES {
                sqlx::query(
                    "INSERT INTO case_categories (workspace_id, builtin, name, first_response_minutes, resolution_minutes)
                     VALUES ($1, $2, '', $3, $4) ON CONFLICT (workspace_id, builtin) DO NOTHING",
                )
                .bind(ws.0)
                .bind(code)
                .bind(first)
                .bind(resolution)
                .execute(pool)
                .await?;
            }
            let rows: Vec<CategoryRow> = sqlx::query_as(
                "SELECT id, workspace_id, builtin, name, first_response_minutes, resolution_minutes
                 FROM case_categories WHERE workspace_id = $1 ORDER BY id",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(category).collect())
        })
    }

    pub async fn add_case_category(
        &self,
        ws: WorkspaceId,
        name: &NonEmpty,
        first_response_minutes: i64,
        resolution_minutes: i64,
    ) -> Result<CaseCategory> {
        with_pool!(self, pool => {
            let row: CategoryRow = sqlx::query_as(
                "INSERT INTO case_categories (workspace_id, builtin, name, first_response_minutes, resolution_minutes)
                 VALUES ($1, NULL, $2, $3, $4)
                 RETURNING id, workspace_id, builtin, name, first_response_minutes, resolution_minutes",
            )
            .bind(ws.0)
            .bind(name.as_str())
            .bind(first_response_minutes)
            .bind(resolution_minutes)
            .fetch_one(pool)
            .await?;
            Ok(category(row))
        })
    }

    /// Changes a category's targets; cases already open keep the due times they were given.
    pub async fn set_case_category_targets(
        &self,
        ws: WorkspaceId,
        id: CaseCategoryId,
        first_response_minutes: i64,
        resolution_minutes: i64,
    ) -> Result<()> {
        with_pool!(self, pool => {
            let done = sqlx::query(
                "UPDATE case_categories SET first_response_minutes = $1, resolution_minutes = $2
                 WHERE workspace_id = $3 AND id = $4",
            )
            .bind(first_response_minutes)
            .bind(resolution_minutes)
            .bind(ws.0)
            .bind(id.0)
            .execute(pool)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
    }

    /// The root-cause list, starting from [`DEFAULT_ROOT_CAUSES`] on first use.
    pub async fn root_causes(&self, ws: WorkspaceId) -> Result<Vec<RootCause>> {
        with_pool!(self, pool => {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM case_root_causes WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_one(pool)
                .await?;
            if n == 0 {
                for name in DEFAULT_ROOT_CAUSES {
                    sqlx::query(
                        "INSERT INTO case_root_causes (workspace_id, name) VALUES ($1, $2)
                         ON CONFLICT (workspace_id, name) DO NOTHING",
                    )
                    .bind(ws.0)
                    .bind(name)
                    .execute(pool)
                    .await?;
                }
            }
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, name FROM case_root_causes WHERE workspace_id = $1 ORDER BY name",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?;
            Ok(rows.into_iter().map(|(id, name)| RootCause { id: RootCauseId(id), name }).collect())
        })
    }

    pub async fn add_root_cause(&self, ws: WorkspaceId, name: &NonEmpty) -> Result<RootCause> {
        with_pool!(self, pool => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_root_causes (workspace_id, name) VALUES ($1, $2) RETURNING id",
            )
            .bind(ws.0)
            .bind(name.as_str())
            .fetch_one(pool)
            .await?;
            Ok(RootCause { id: RootCauseId(id), name: name.as_str().to_owned() })
        })
    }

    /// Opens a case. The customer, touchpoint, category and assignee must belong to the
    /// workspace (`InvalidReference` otherwise).
    pub async fn create_case(&self, ws: WorkspaceId, c: &NewCase) -> Result<Case> {
        let id = with_pool!(self, pool => transaction!(pool, tx => {
            check_refs!(tx, ws, c);
            insert_case!(tx, ws, c)
        }))?;
        self.get_case(ws, id).await
    }

    /// Opens a case from a survey follow-up and closes the follow-up with `action(case id)`,
    /// in one transaction: a crash cannot leave a case whose follow-up still looks open. A
    /// follow-up already closed (or not found in the workspace) stays as it was.
    pub async fn create_case_from_followup(
        &self,
        ws: WorkspaceId,
        c: &NewCase,
        followup: i64,
        action: impl FnOnce(CaseId) -> String,
    ) -> Result<Case> {
        let by = c.created_by.map(|u| u.0);
        let id = with_pool!(self, pool => transaction!(pool, tx => {
            check_refs!(tx, ws, c);
            let inserted: Result<CaseId> = insert_case!(tx, ws, c);
            let id = inserted?;
            let text = action(id);
            sqlx::query(
                "UPDATE survey_followups SET closed_at = $3, closed_by = $4, action = $5, case_id = $6
                 WHERE workspace_id = $1 AND id = $2 AND closed_at IS NULL",
            )
            .bind(ws.0)
            .bind(followup)
            .bind(c.created_at)
            .bind(by)
            .bind(&text)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            Ok(id)
        }))?;
        self.get_case(ws, id).await
    }

    /// Opens a case for a contact from the public form: the customer with this e-mail, or a
    /// new one, and the case, in one transaction. `c.customer_id` is ignored.
    pub async fn create_case_for_contact(
        &self,
        ws: WorkspaceId,
        contact: &CaseContact,
        c: &NewCase,
    ) -> Result<Case> {
        let id = with_pool!(self, pool => transaction!(pool, tx => {
            let existing: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM customers WHERE workspace_id = $1 AND email = $2",
            )
            .bind(ws.0)
            .bind(contact.email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let customer = match existing {
                Some((id,)) => id,
                None => {
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                                acquisition_channel, acquisition_cost, created_at)
                         VALUES ($1, $2, $3, NULL, $4, $5, NULL, 0, $6) RETURNING id",
                    )
                    .bind(ws.0)
                    .bind(contact.name.as_str())
                    .bind(contact.email.as_str())
                    .bind(contact.language.code())
                    .bind(false)
                    .bind(c.created_at)
                    .fetch_one(&mut *tx)
                    .await?;
                    id
                }
            };
            let c = NewCase { customer_id: Some(CustomerId(customer)), ..c.clone() };
            check_refs!(tx, ws, &c);
            insert_case!(tx, ws, &c)
        }))?;
        self.get_case(ws, id).await
    }

    /// One case of the workspace; `NotFound` for an id of another workspace.
    pub async fn get_case(&self, ws: WorkspaceId, id: CaseId) -> Result<Case> {
        with_pool!(self, pool => {
            let row: CaseRow = sqlx::query_as(concat!(
                "SELECT ", case_columns!(), " FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id
                 WHERE c.workspace_id = $1 AND c.id = $2"
            ))
            .bind(ws.0)
            .bind(id.0)
            .fetch_one(pool)
            .await?;
            debug_assert_scoped(ws, row.workspace_id);
            row.into_domain()
        })
    }

    /// The workspace's cases, newest first (at most `limit`); one customer's when given.
    pub async fn list_cases(
        &self,
        ws: WorkspaceId,
        customer: Option<CustomerId>,
        limit: i64,
    ) -> Result<Vec<Case>> {
        with_pool!(self, pool => {
            let rows: Vec<CaseRow> = sqlx::query_as(concat!(
                "SELECT ", case_columns!(), " FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id
                 WHERE c.workspace_id = $1 AND ($2 IS NULL OR c.customer_id = $2)
                 ORDER BY c.created_at DESC, c.id DESC LIMIT $3"
            ))
            .bind(ws.0)
            .bind(customer.map(|c| c.0))
            .bind(limit.clamp(1, 100_000))
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(CaseRow::into_domain).collect()
        })
    }

    /// Adds a note, reply or event to a case. A reply is the first response when none was
    /// given yet, and moves a new case to open.
    pub async fn add_case_entry(
        &self,
        ws: WorkspaceId,
        case: CaseId,
        kind: EntryKind,
        author: Option<UserId>,
        body: &str,
        now: i64,
    ) -> Result<CaseEntry> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM cases WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(case.0)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(kind.code())
            .bind(author.map(|a| a.0))
            .bind(body)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            if kind == EntryKind::Reply {
                sqlx::query(
                    "UPDATE cases SET first_response_at = COALESCE(first_response_at, $1),
                            status = CASE WHEN status = 'new' THEN 'open' ELSE status END
                     WHERE workspace_id = $2 AND id = $3",
                )
                .bind(now)
                .bind(ws.0)
                .bind(case.0)
                .execute(&mut *tx)
                .await?;
            }
            let author_name: Option<(String,)> = match author {
                Some(a) => sqlx::query_as("SELECT name FROM users WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(a.0)
                    .fetch_optional(&mut *tx)
                    .await?,
                None => None,
            };
            Ok(CaseEntry { id, kind, author_name: author_name.map(|n| n.0), body: body.to_owned(), created_at: now })
        }))
    }

    pub async fn case_entries(&self, ws: WorkspaceId, case: CaseId) -> Result<Vec<CaseEntry>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, String, Option<String>, String, i64)> = sqlx::query_as(
                "SELECT e.id, e.kind, u.name, e.body, e.created_at
                 FROM case_entries e LEFT JOIN users u ON u.id = e.author_id
                 WHERE e.workspace_id = $1 AND e.case_id = $2 ORDER BY e.created_at, e.id",
            )
            .bind(ws.0)
            .bind(case.0)
            .fetch_all(pool)
            .await?;
            rows.into_iter()
                .map(|(id, kind, author_name, body, created_at)| {
                    Ok(CaseEntry {
                        id,
                        kind: EntryKind::parse(&kind).map_err(|_| corrupt("entry kind", &kind))?,
                        author_name,
                        body,
                        created_at,
                    })
                })
                .collect()
        })
    }

    /// Changes status (not to closed: see [`Store::close_case`]), priority and assignee, and
    /// records what changed as an event entry written by `actor`, in one transaction. A
    /// closed case is reopened by this, and its rating link stops working.
    #[allow(clippy::too_many_arguments)]
    pub async fn update_case(
        &self,
        ws: WorkspaceId,
        id: CaseId,
        status: CaseStatus,
        priority: CasePriority,
        assignee: Option<UserId>,
        actor: UserId,
        note: &str,
        now: i64,
    ) -> Result<()> {
        if status == CaseStatus::Closed {
            return Err(StoreError::InvalidReference(
                "close a case with its root cause".into(),
            ));
        }
        with_pool!(self, pool => transaction!(pool, tx => {
            if let Some(a) = assignee {
                let ok: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE workspace_id = $1 AND id = $2")
                    .bind(ws.0)
                    .bind(a.0)
                    .fetch_optional(&mut *tx)
                    .await?;
                if ok.is_none() {
                    return Err(StoreError::InvalidReference("assignee".into()));
                }
            }
            let done = sqlx::query(
                "UPDATE cases SET status = $1, priority = $2, assignee_id = $3,
                        resolved_at = NULL, rating_token_hash = NULL
                 WHERE workspace_id = $4 AND id = $5",
            )
            .bind(status.code())
            .bind(priority.code())
            .bind(assignee.map(|a| a.0))
            .bind(ws.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query(
                "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at)
                 VALUES ($1, $2, 'event', $3, $4, $5)",
            )
            .bind(ws.0)
            .bind(id.0)
            .bind(actor.0)
            .bind(note)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        }))
    }

    /// Closes a case with its root cause and idea, keeping the hash of the token of the
    /// customer's rating link; records the closing as an event entry. A new root cause
    /// ([`RootCauseChoice::New`]) is added in the same transaction, so a close that is refused
    /// (another workspace's case, a case already closed) adds nothing.
    #[allow(clippy::too_many_arguments)]
    pub async fn close_case(
        &self,
        ws: WorkspaceId,
        id: CaseId,
        root_cause: impl Into<RootCauseChoice<'_>>,
        root_cause_note: &str,
        idea_note: Option<&str>,
        rating_token_hash: &str,
        actor: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let root_cause = match root_cause.into() {
                RootCauseChoice::Existing(id) => id,
                RootCauseChoice::New(name) => {
                    let (new,): (i64,) = sqlx::query_as(
                        "INSERT INTO case_root_causes (workspace_id, name) VALUES ($1, $2) RETURNING id",
                    )
                    .bind(ws.0)
                    .bind(name.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                    RootCauseId(new)
                }
            };
            let ok: Option<(String,)> = sqlx::query_as(
                "SELECT name FROM case_root_causes WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(root_cause.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((cause_name,)) = ok else {
                return Err(StoreError::InvalidReference("root cause".into()));
            };
            let done = sqlx::query(
                "UPDATE cases SET status = 'closed', resolved_at = $1, root_cause_id = $2,
                        root_cause_note = $3, is_idea = $4, idea_note = $5, rating_token_hash = $6,
                        rated_at = NULL, first_response_at = COALESCE(first_response_at, $1)
                 WHERE workspace_id = $7 AND id = $8 AND status <> 'closed'",
            )
            .bind(now)
            .bind(root_cause.0)
            .bind(root_cause_note)
            .bind(idea_note.is_some())
            .bind(idea_note.unwrap_or(""))
            .bind(rating_token_hash)
            .bind(ws.0)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query(
                "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at)
                 VALUES ($1, $2, 'event', $3, $4, $5)",
            )
            .bind(ws.0)
            .bind(id.0)
            .bind(actor.map(|a| a.0))
            .bind(CaseEvent::Closed { root_cause: cause_name }.encode())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        }))
    }

    /// The case behind a rating link (by the token's hash), across workspaces.
    pub async fn case_by_rating_token(&self, token_hash: &str) -> Result<Option<Case>> {
        Ok(self.rating_link(token_hash).await?.map(|(case, _)| case))
    }

    /// The case behind a rating link and whether the link was used already (a link rates
    /// once; reopening the case ends it, and closing it again makes a new one).
    pub async fn rating_link(&self, token_hash: &str) -> Result<Option<(Case, bool)>> {
        let found: Option<(i64, i64, Option<i64>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT workspace_id, id, rated_at FROM cases WHERE rating_token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
        });
        match found {
            Some((ws, id, rated_at)) => Ok(Some((
                self.get_case(WorkspaceId(ws), CaseId(id)).await?,
                rated_at.is_some(),
            ))),
            None => Ok(None),
        }
    }

    /// Stores the customer's rating (1–5) of a closed case through its link, once: a link
    /// already used is a `Conflict` (issue 18: a forwarded or leaked e-mail cannot change
    /// the rating); an unknown or ended link is `NotFound`.
    pub async fn rate_case(&self, token_hash: &str, rating: i64, now: i64) -> Result<()> {
        if !(1..=5).contains(&rating) {
            return Err(StoreError::InvalidReference("rating".into()));
        }
        with_pool!(self, pool => {
            let done = sqlx::query(
                "UPDATE cases SET rating = $1, rated_at = $2
                 WHERE rating_token_hash = $3 AND rated_at IS NULL",
            )
            .bind(rating)
            .bind(now)
            .bind(token_hash)
            .execute(pool)
            .await?;
            if done.rows_affected() == 0 {
                let known: Option<(i64,)> =
                    sqlx::query_as("SELECT id FROM cases WHERE rating_token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(pool)
                        .await?;
                return Err(match known {
                    Some(_) => StoreError::Conflict("a rating of this case"),
                    None => StoreError::NotFound,
                });
            }
            Ok(())
        })
    }

    /// Keeps an attachment (its bytes base64-encoded) with a case.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_case_attachment(
        &self,
        ws: WorkspaceId,
        case: CaseId,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
        uploader: Option<UserId>,
        now: i64,
    ) -> Result<AttachmentInfo> {
        use base64::Engine;
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM cases WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(case.0)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_attachments (workspace_id, case_id, file_name, content_type, size, data, uploaded_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(file_name)
            .bind(content_type)
            .bind(bytes.len() as i64)
            .bind(&data)
            .bind(uploader.map(|u| u.0))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(AttachmentInfo {
                id,
                file_name: file_name.to_owned(),
                content_type: content_type.to_owned(),
                size: bytes.len() as i64,
                created_at: now,
            })
        }))
    }

    pub async fn case_attachments(
        &self,
        ws: WorkspaceId,
        case: CaseId,
    ) -> Result<Vec<AttachmentInfo>> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
                "SELECT id, file_name, content_type, size, created_at FROM case_attachments
                 WHERE workspace_id = $1 AND case_id = $2 ORDER BY id",
            )
            .bind(ws.0)
            .bind(case.0)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, file_name, content_type, size, created_at)| AttachmentInfo {
                    id,
                    file_name,
                    content_type,
                    size,
                    created_at,
                })
                .collect())
        })
    }

    /// An attachment's description and bytes; `NotFound` unless it belongs to this case of
    /// this workspace.
    pub async fn case_attachment(
        &self,
        ws: WorkspaceId,
        case: CaseId,
        id: i64,
    ) -> Result<(AttachmentInfo, Vec<u8>)> {
        use base64::Engine;
        with_pool!(self, pool => {
            let (file_name, content_type, size, created_at, data): (String, String, i64, i64, String) = sqlx::query_as(
                "SELECT file_name, content_type, size, created_at, data FROM case_attachments
                 WHERE workspace_id = $1 AND case_id = $2 AND id = $3",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(id)
            .fetch_one(pool)
            .await?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .map_err(|_| corrupt("attachment", &file_name))?;
            Ok((AttachmentInfo { id, file_name, content_type, size, created_at }, bytes))
        })
    }

    /// Records a refund or discount on a case: granted at once within the role's authority,
    /// otherwise an approval request to the owner. The decision and the entry on the case
    /// are written together.
    #[allow(clippy::too_many_arguments)]
    pub async fn request_grant(
        &self,
        ws: WorkspaceId,
        case: CaseId,
        kind: GrantKind,
        amount: Money,
        note: &str,
        by: &User,
        now: i64,
    ) -> Result<CaseGrant> {
        if amount.0 <= 0 {
            return Err(StoreError::InvalidReference("amount".into()));
        }
        debug_assert_scoped(ws, by.workspace_id.0);
        let settings = self.case_settings(ws).await?;
        let status = grant_status(amount, settings.authority.for_role(by.role));
        let id = with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM cases WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(case.0)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO case_grants (workspace_id, case_id, kind, amount, note, status, requested_by, requested_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(kind.code())
            .bind(amount.0)
            .bind(note)
            .bind(status.code())
            .bind(by.id.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at)
                 VALUES ($1, $2, 'event', $3, $4, $5)",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(by.id.0)
            .bind(CaseEvent::Grant { kind, amount, status }.encode())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(id)
        }))?;
        self.get_grant(ws, CaseGrantId(id)).await
    }

    pub async fn get_grant(&self, ws: WorkspaceId, id: CaseGrantId) -> Result<CaseGrant> {
        with_pool!(self, pool => {
            let row: GrantRow = sqlx::query_as(concat!(grant_select!(), "WHERE g.workspace_id = $1 AND g.id = $2"))
                .bind(ws.0)
                .bind(id.0)
                .fetch_one(pool)
                .await?;
            grant(row)
        })
    }

    /// A case's grants, or (with `case` None) every pending request of the workspace.
    pub async fn case_grants(
        &self,
        ws: WorkspaceId,
        case: Option<CaseId>,
    ) -> Result<Vec<CaseGrant>> {
        with_pool!(self, pool => {
            let rows: Vec<GrantRow> = sqlx::query_as(concat!(
                grant_select!(), "WHERE g.workspace_id = $1
                   AND (($2 IS NULL AND g.status = 'pending') OR g.case_id = $2)
                 ORDER BY g.requested_at, g.id"
            ))
            .bind(ws.0)
            .bind(case.map(|c| c.0))
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(grant).collect()
        })
    }

    /// The owner's decision on a pending grant, recorded on the case.
    pub async fn decide_grant(
        &self,
        ws: WorkspaceId,
        id: CaseGrantId,
        approve: bool,
        owner: &User,
        now: i64,
    ) -> Result<CaseGrant> {
        if owner.role != Role::Owner || owner.workspace_id != ws {
            return Err(StoreError::InvalidReference(
                "only the owner decides".into(),
            ));
        }
        let status = if approve {
            GrantStatus::Approved
        } else {
            GrantStatus::Rejected
        };
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64, String, i64)> = sqlx::query_as(
                "UPDATE case_grants SET status = $1, decided_by = $2, decided_at = $3
                 WHERE workspace_id = $4 AND id = $5 AND status = 'pending'
                 RETURNING case_id, kind, amount",
            )
            .bind(status.code())
            .bind(owner.id.0)
            .bind(now)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((case, kind, amount)) = found else {
                return Err(StoreError::NotFound);
            };
            let kind = GrantKind::parse(&kind).map_err(|_| corrupt("grant kind", &kind))?;
            sqlx::query(
                "INSERT INTO case_entries (workspace_id, case_id, kind, author_id, body, created_at)
                 VALUES ($1, $2, 'event', $3, $4, $5)",
            )
            .bind(ws.0)
            .bind(case)
            .bind(owner.id.0)
            .bind(CaseEvent::Grant { kind, amount: Money(amount), status }.encode())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Ok(())
        }))?;
        self.get_grant(ws, id).await
    }

    /// Targets of open cases, in every workspace, whose warning or due time has passed and
    /// whose notice has not been sent yet.
    pub async fn due_escalations(&self, now: i64) -> Result<Vec<DueEscalation>> {
        type Row = (
            i64,
            i64,
            String,
            Option<String>,
            Option<i64>,
            Option<i64>,
            i64,
            i64,
            i64,
            i64,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.workspace_id, c.id, c.subject, cu.name, c.first_response_at, c.resolved_at,
                        c.first_response_warn, c.first_response_due, c.resolution_warn, c.resolution_due,
                        u.name, u.email, u.language
                 FROM cases c
                 LEFT JOIN customers cu ON cu.id = c.customer_id
                 LEFT JOIN users u ON u.id = c.assignee_id
                 WHERE c.status <> 'closed'
                   AND ((c.first_response_at IS NULL AND c.first_response_warn <= $1)
                        OR (c.resolved_at IS NULL AND c.resolution_warn <= $1))",
            )
            .bind(now)
            .fetch_all(pool)
            .await?
        });
        let sent: Vec<(i64, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT e.case_id, e.kind FROM case_escalations e
                 JOIN cases c ON c.id = e.case_id AND c.workspace_id = e.workspace_id
                 WHERE c.status <> 'closed'",
            )
            .fetch_all(pool)
            .await?
        });
        let sent: std::collections::HashSet<(i64, String)> = sent.into_iter().collect();
        let mut due = Vec::new();
        for (ws, id, subject, customer_name, first_at, resolved_at, fw, fd, rw, rd, an, ae, al) in
            rows
        {
            let assignee = match (an, ae, al) {
                (Some(n), Some(e), Some(l)) => Some((n, e, crate::rows::language(&l)?)),
                _ => None,
            };
            let mut push = |kind: &'static str, at: i64| {
                if !sent.contains(&(id, kind.to_owned())) {
                    due.push(DueEscalation {
                        workspace_id: WorkspaceId(ws),
                        case_id: CaseId(id),
                        kind,
                        subject: subject.clone(),
                        customer_name: customer_name.clone(),
                        due: at,
                        assignee: assignee.clone(),
                    });
                }
            };
            if first_at.is_none() {
                if fd < now {
                    push("first_missed", fd);
                } else if fw <= now {
                    push("first_warn", fd);
                }
            }
            if resolved_at.is_none() {
                if rd < now {
                    push("resolution_missed", rd);
                } else if rw <= now {
                    push("resolution_warn", rd);
                }
            }
        }
        Ok(due)
    }

    /// Records that a notice was sent; false when it already had been (so it is sent once).
    pub async fn record_escalation(
        &self,
        ws: WorkspaceId,
        case: CaseId,
        kind: &str,
        now: i64,
    ) -> Result<bool> {
        with_pool!(self, pool => {
            let done = sqlx::query(
                "INSERT INTO case_escalations (workspace_id, case_id, kind, sent_at)
                 SELECT workspace_id, id, $3, $4 FROM cases WHERE workspace_id = $1 AND id = $2
                 ON CONFLICT (case_id, kind) DO NOTHING",
            )
            .bind(ws.0)
            .bind(case.0)
            .bind(kind)
            .bind(now)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The escalation notices sent for a case: (kind, sent at).
    pub async fn case_escalations(
        &self,
        ws: WorkspaceId,
        case: CaseId,
    ) -> Result<Vec<(String, i64)>> {
        with_pool!(self, pool => {
            Ok(sqlx::query_as(
                "SELECT kind, sent_at FROM case_escalations WHERE workspace_id = $1 AND case_id = $2
                 ORDER BY sent_at, kind",
            )
            .bind(ws.0)
            .bind(case.0)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Closed cases with a root cause per touchpoint where the problem started: for the
    /// journey map, the count and the most frequent root cause.
    pub async fn case_root_causes_by_touchpoint(
        &self,
        ws: WorkspaceId,
    ) -> Result<HashMap<TouchpointId, (u64, String)>> {
        let rows: Vec<(i64, String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT c.touchpoint_id, r.name, COUNT(*) FROM cases c
                 JOIN case_root_causes r ON r.id = c.root_cause_id AND r.workspace_id = c.workspace_id
                 WHERE c.workspace_id = $1 AND c.status = 'closed' AND c.touchpoint_id IS NOT NULL
                 GROUP BY c.touchpoint_id, r.name
                 ORDER BY c.touchpoint_id, COUNT(*) DESC, r.name",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        let mut out: HashMap<TouchpointId, (u64, String)> = HashMap::new();
        for (tp, cause, n) in rows {
            let entry = out
                .entry(TouchpointId(tp))
                .or_insert_with(|| (0, cause.clone()));
            entry.0 += n as u64;
        }
        Ok(out)
    }
}
