//! Demand lists (issue 15, migration 0034): the answers to "What would you buy from us, if
//! only we offered it?" (survey questions of kind `wish`) grouped into items the owner names
//! and merges, the customers waiting for each item, and telling them once it is available.
//!
//! An answer is in at most one item (`demand_answers`' key). A customer waits for an item at
//! most once (`demand_waiting`'s unique key); one who asked through the public "Notify me"
//! form carries the time of that consent. [`Store::mark_demand_available`] marks the item and,
//! in the same transaction, sets each waiting customer's `notified_at` and queues their
//! e-mail — each row only while its `notified_at` is still empty — so a second call, a
//! restart or a second instance never tells anyone twice.

use crate::mail::insert_outbox;
use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::mail::Mail;
use kunde_domain::*;

/// Where a waiting customer came from (`demand_waiting.source`): the public form.
pub const NOTIFY_FORM_SOURCE: &str = "notify-form";
/// … or staff adding them.
pub const STAFF_SOURCE: &str = "staff";

/// A demand item with its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandItem {
    pub id: i64,
    pub name: String,
    /// The last part of the item's public "Notify me" address.
    pub public_key: String,
    pub created_at: i64,
    pub available_at: Option<i64>,
    pub answers: i64,
    pub waiting: i64,
    pub notified: i64,
    /// Notified customers with an order after their notification.
    pub bought_since: i64,
}

/// One answer to a wish question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WishAnswer {
    pub id: i64,
    pub text: String,
    pub submitted_at: i64,
    pub customer: Option<(CustomerId, String)>,
    pub item: Option<i64>,
}

/// A customer on an item's waiting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub customer: CustomerId,
    pub name: String,
    pub email: Option<String>,
    pub source: String,
    pub added_at: i64,
    pub consent_at: Option<i64>,
    pub notified_at: Option<i64>,
    pub bought_since: bool,
}

/// Who an availability e-mail goes to, in the language they asked in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub customer: CustomerId,
    pub name: String,
    pub email: String,
    pub language: Language,
}

/// What adding a customer to a waiting list did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Added,
    AlreadyWaiting,
    /// The item is available already: nobody waits for it any more.
    Available,
}

/// A customer's place on a waiting list, for the privacy export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerWaiting {
    pub item: String,
    pub source: String,
    pub added_at: i64,
    pub consent_at: Option<i64>,
    pub notified_at: Option<i64>,
}

/// What erasing a customer does here (run by `erase_customer` in its transaction): a request
/// not yet answered goes with its consent; a notification already sent stays on the stand-in
/// (it holds no personal data), so an item's "bought since" does not change.
pub(crate) const DEMAND_ERASE_SQL: [&str; 1] = [
    "DELETE FROM demand_waiting WHERE workspace_id = $1 AND customer_id = $2 AND notified_at IS NULL",
];

const ITEM_SQL: &str = "SELECT i.id, i.name, i.public_key, i.created_at, i.available_at,
        (SELECT COUNT(*) FROM demand_answers a WHERE a.workspace_id = i.workspace_id AND a.item_id = i.id),
        (SELECT COUNT(*) FROM demand_waiting w WHERE w.workspace_id = i.workspace_id AND w.item_id = i.id),
        (SELECT COUNT(*) FROM demand_waiting w WHERE w.workspace_id = i.workspace_id AND w.item_id = i.id
            AND w.notified_at IS NOT NULL),
        (SELECT COUNT(*) FROM demand_waiting w WHERE w.workspace_id = i.workspace_id AND w.item_id = i.id
            AND w.notified_at IS NOT NULL AND (BOUGHT_SINCE))
     FROM demand_items i WHERE i.workspace_id = $1";

/// Whether the waiting row `w` has an order (an event with an amount, or an imported order)
/// at or after its notification.
const BOUGHT_SINCE: &str = "EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = w.workspace_id
        AND e.customer_id = w.customer_id AND e.amount > 0 AND e.occurred_at >= w.notified_at)
     OR EXISTS (SELECT 1 FROM orders o WHERE o.workspace_id = w.workspace_id
        AND o.customer_id = w.customer_id AND o.ordered_at >= w.notified_at)";

type ItemRow = (i64, String, String, i64, Option<i64>, i64, i64, i64, i64);

fn item(r: ItemRow) -> DemandItem {
    DemandItem {
        id: r.0,
        name: r.1,
        public_key: r.2,
        created_at: r.3,
        available_at: r.4,
        answers: r.5,
        waiting: r.6,
        notified: r.7,
        bought_since: r.8,
    }
}

fn item_sql(filter: &str) -> String {
    format!(
        "{} {filter}",
        ITEM_SQL.replace("BOUGHT_SINCE", BOUGHT_SINCE)
    )
}

/// Assigns `answers` to `item` inside a transaction: each must be a wish answer of the
/// workspace (`InvalidReference` otherwise); an answer in another item moves.
macro_rules! assign_answers {
    ($tx:expr, $ws:expr, $item:expr, $answers:expr) => {{
        for answer in $answers {
            let ok: Option<(i64,)> = sqlx::query_as(
                "SELECT a.id FROM survey_answers a
                 JOIN survey_questions q ON q.workspace_id = a.workspace_id AND q.id = a.question_id
                 WHERE a.workspace_id = $1 AND a.id = $2 AND q.kind = 'wish' AND a.text IS NOT NULL",
            )
            .bind($ws.0)
            .bind(*answer)
            .fetch_optional(&mut *$tx)
            .await?;
            if ok.is_none() {
                return Err(StoreError::InvalidReference(format!("answer {answer}")));
            }
            sqlx::query(
                "INSERT INTO demand_answers (workspace_id, item_id, answer_id) VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id, answer_id) DO UPDATE SET item_id = excluded.item_id",
            )
            .bind($ws.0)
            .bind($item)
            .bind(*answer)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

impl Store {
    /// Creates a demand item named `name` grouping `answers` (wish answers of the workspace),
    /// in one transaction; returns its id.
    pub async fn create_demand_item(
        &self,
        ws: WorkspaceId,
        name: &NonEmpty,
        answers: &[i64],
        now: i64,
    ) -> Result<i64> {
        let key = hex::encode(rand::random::<[u8; 10]>());
        with_pool!(self, pool => transaction!(pool, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO demand_items (workspace_id, name, public_key, created_at)
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(ws.0)
            .bind(name.as_str())
            .bind(&key)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            assign_answers!(tx, ws, id, answers);
            Ok(id)
        }))
    }

    /// Moves `answers` into `item` (all or none).
    pub async fn assign_demand_answers(
        &self,
        ws: WorkspaceId,
        item: i64,
        answers: &[i64],
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM demand_items WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            assign_answers!(tx, ws, item, answers);
            Ok(())
        }))
    }

    pub async fn rename_demand_item(
        &self,
        ws: WorkspaceId,
        item: i64,
        name: &NonEmpty,
    ) -> Result<()> {
        let done = with_pool!(self, pool => {
            sqlx::query("UPDATE demand_items SET name = $3 WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(item)
                .bind(name.as_str())
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Merges item `from` into `into`: its answers and waiting customers move (a customer
    /// waiting for both keeps their place on `into`), and `from` is deleted — in
    /// one transaction. Both must be of the workspace (`NotFound`), differ and still be
    /// waiting for availability (`InvalidReference`).
    pub async fn merge_demand_items(&self, ws: WorkspaceId, from: i64, into: i64) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
                "SELECT id, available_at FROM demand_items WHERE workspace_id = $1 AND id IN ($2, $3)",
            )
            .bind(ws.0)
            .bind(from)
            .bind(into)
            .fetch_all(&mut *tx)
            .await?;
            if from == into {
                return Err(StoreError::InvalidReference("an item cannot be merged into itself".into()));
            }
            if rows.len() != 2 {
                return Err(StoreError::NotFound);
            }
            if rows.iter().any(|(_, available)| available.is_some()) {
                return Err(StoreError::InvalidReference("an available item cannot be merged".into()));
            }
            sqlx::query("UPDATE demand_answers SET item_id = $3 WHERE workspace_id = $1 AND item_id = $2")
                .bind(ws.0)
                .bind(from)
                .bind(into)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE demand_waiting SET item_id = $3 WHERE workspace_id = $1 AND item_id = $2
                   AND customer_id NOT IN (SELECT customer_id FROM demand_waiting WHERE workspace_id = $1 AND item_id = $3)",
            )
            .bind(ws.0)
            .bind(from)
            .bind(into)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM demand_items WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(from)
                .execute(&mut *tx)
                .await?;
            Ok(())
        }))
    }

    /// The workspace's demand items, newest first.
    pub async fn demand_items(&self, ws: WorkspaceId) -> Result<Vec<DemandItem>> {
        let sql = item_sql("ORDER BY i.created_at DESC, i.id DESC");
        let rows: Vec<ItemRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(ws.0).fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(item).collect())
    }

    pub async fn demand_item(&self, ws: WorkspaceId, id: i64) -> Result<DemandItem> {
        let sql = item_sql("AND i.id = $2");
        let row: Option<ItemRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(ws.0).bind(id).fetch_optional(pool).await?
        });
        row.map(item).ok_or(StoreError::NotFound)
    }

    /// The item behind a public "Notify me" address of the workspace.
    pub async fn demand_item_by_key(
        &self,
        ws: WorkspaceId,
        key: &str,
    ) -> Result<Option<DemandItem>> {
        let sql = item_sql("AND i.public_key = $2");
        let row: Option<ItemRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(ws.0).bind(key).fetch_optional(pool).await?
        });
        Ok(row.map(item))
    }

    /// The workspace's answers to wish questions (newest first, at most `limit`), with the
    /// respondent and the item each is in.
    pub async fn wish_answers(&self, ws: WorkspaceId, limit: i64) -> Result<Vec<WishAnswer>> {
        type Row = (i64, String, i64, Option<i64>, Option<String>, Option<i64>);
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT a.id, a.text, r.submitted_at, c.id, c.name, d.item_id
                 FROM survey_answers a
                 JOIN survey_questions q ON q.workspace_id = a.workspace_id AND q.id = a.question_id
                 JOIN survey_responses r ON r.workspace_id = a.workspace_id AND r.id = a.response_id
                 LEFT JOIN customers c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
                 LEFT JOIN demand_answers d ON d.workspace_id = a.workspace_id AND d.answer_id = a.id
                 WHERE a.workspace_id = $1 AND q.kind = 'wish' AND a.text IS NOT NULL
                 ORDER BY r.submitted_at DESC, a.id DESC LIMIT $2",
            )
            .bind(ws.0)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, text, submitted_at, cid, cname, item)| WishAnswer {
                id,
                text,
                submitted_at,
                customer: cid.zip(cname).map(|(c, n)| (CustomerId(c), n)),
                item,
            })
            .collect())
    }

    /// The customers waiting for `item`, in the order they were added.
    pub async fn demand_waiting(&self, ws: WorkspaceId, item: i64) -> Result<Vec<Waiting>> {
        type Row = (
            i64,
            String,
            Option<String>,
            String,
            i64,
            Option<i64>,
            Option<i64>,
            bool,
        );
        let sql = format!(
            "SELECT c.id, c.name, c.email, w.source, w.added_at, w.consent_at, w.notified_at,
                    (w.notified_at IS NOT NULL AND ({BOUGHT_SINCE}))
             FROM demand_waiting w JOIN customers c ON c.workspace_id = w.workspace_id AND c.id = w.customer_id
             WHERE w.workspace_id = $1 AND w.item_id = $2 ORDER BY w.added_at, w.id"
        );
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(ws.0).bind(item).fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(|r| Waiting {
                customer: CustomerId(r.0),
                name: r.1,
                email: r.2,
                source: r.3,
                added_at: r.4,
                consent_at: r.5,
                notified_at: r.6,
                bought_since: r.7,
            })
            .collect())
    }

    /// Staff put a customer of the workspace on `item`'s waiting list (the e-mail goes in
    /// the customer's language).
    pub async fn add_demand_waiting(
        &self,
        ws: WorkspaceId,
        item: i64,
        customer: CustomerId,
        by: Option<UserId>,
        now: i64,
    ) -> Result<Added> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(Option<i64>,)> = sqlx::query_as(
                "SELECT available_at FROM demand_items WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((available,)) = found else { return Err(StoreError::NotFound) };
            let language: Option<(String,)> = sqlx::query_as(
                "SELECT language FROM customers WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((language,)) = language else { return Err(StoreError::NotFound) };
            if available.is_some() {
                return Ok(Added::Available);
            }
            let done = sqlx::query(
                "INSERT INTO demand_waiting (workspace_id, item_id, customer_id, source, added_at, added_by, language)
                 VALUES ($1, $2, $3, $4, $5, (SELECT id FROM users WHERE workspace_id = $1 AND id = $6), $7)
                 ON CONFLICT (workspace_id, item_id, customer_id) DO NOTHING",
            )
            .bind(ws.0)
            .bind(item)
            .bind(customer.0)
            .bind(STAFF_SOURCE)
            .bind(now)
            .bind(by.map(|u| u.0))
            .bind(&language)
            .execute(&mut *tx)
            .await?;
            Ok(if done.rows_affected() == 1 { Added::Added } else { Added::AlreadyWaiting })
        }))
    }

    /// The public "Notify me" form: finds the customer with `email` (the oldest, if several)
    /// or creates one (named by the address, in `language`), and puts them on `item`'s list
    /// with their consent's time — in one transaction. Asking again renews the consent's time.
    pub async fn request_demand_notice(
        &self,
        ws: WorkspaceId,
        item: i64,
        email: &Email,
        language: Language,
        now: i64,
    ) -> Result<Added> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let found: Option<(Option<i64>,)> = sqlx::query_as(
                "SELECT available_at FROM demand_items WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((available,)) = found else { return Err(StoreError::NotFound) };
            if available.is_some() {
                return Ok(Added::Available);
            }
            let existing: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM customers WHERE workspace_id = $1 AND email = $2 ORDER BY id LIMIT 1",
            )
            .bind(ws.0)
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let customer = match existing {
                Some((id,)) => id,
                None => sqlx::query_scalar(
                    "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                            acquisition_channel, acquisition_cost, created_at)
                     VALUES ($1, $2, $2, NULL, $3, $4, NULL, 0, $5) RETURNING id",
                )
                .bind(ws.0)
                .bind(email.as_str())
                .bind(language.code())
                .bind(false)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?,
            };
            let before: Option<(Option<i64>,)> = sqlx::query_as(
                "SELECT consent_at FROM demand_waiting WHERE workspace_id = $1 AND item_id = $2 AND customer_id = $3",
            )
            .bind(ws.0)
            .bind(item)
            .bind(customer)
            .fetch_optional(&mut *tx)
            .await?;
            if before.is_some() {
                sqlx::query(
                    "UPDATE demand_waiting SET consent_at = $4, language = $5
                     WHERE workspace_id = $1 AND item_id = $2 AND customer_id = $3",
                )
                .bind(ws.0)
                .bind(item)
                .bind(customer)
                .bind(now)
                .bind(language.code())
                .execute(&mut *tx)
                .await?;
                return Ok(Added::AlreadyWaiting);
            }
            sqlx::query(
                "INSERT INTO demand_waiting (workspace_id, item_id, customer_id, source, added_at, consent_at, language)
                 VALUES ($1, $2, $3, $4, $5, $5, $6)",
            )
            .bind(ws.0)
            .bind(item)
            .bind(customer)
            .bind(NOTIFY_FORM_SOURCE)
            .bind(now)
            .bind(language.code())
            .execute(&mut *tx)
            .await?;
            Ok(Added::Added)
        }))
    }

    /// Marks `item` available and, in the same transaction, queues one e-mail (made by `mail`)
    /// to every waiting customer with an address who has not been notified, setting their
    /// `notified_at`. `None` when the item was available already (nothing is sent again);
    /// otherwise how many e-mails were queued.
    pub async fn mark_demand_available(
        &self,
        ws: WorkspaceId,
        item: i64,
        now: i64,
        mail: impl Fn(&Recipient) -> Mail,
    ) -> Result<Option<usize>> {
        with_pool!(self, pool => transaction!(pool, tx => {
            let exists: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM demand_items WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(item)
            .fetch_optional(&mut *tx)
            .await?;
            if exists.is_none() {
                return Err(StoreError::NotFound);
            }
            let marked = sqlx::query(
                "UPDATE demand_items SET available_at = $3
                 WHERE workspace_id = $1 AND id = $2 AND available_at IS NULL",
            )
            .bind(ws.0)
            .bind(item)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if marked.rows_affected() == 0 {
                return Ok(None);
            }
            let waiting: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
                "SELECT w.id, c.id, c.name, c.email, w.language
                 FROM demand_waiting w JOIN customers c ON c.workspace_id = w.workspace_id AND c.id = w.customer_id
                 WHERE w.workspace_id = $1 AND w.item_id = $2 AND w.notified_at IS NULL AND c.email IS NOT NULL
                 ORDER BY w.id",
            )
            .bind(ws.0)
            .bind(item)
            .fetch_all(&mut *tx)
            .await?;
            let mut sent = 0;
            for (row, customer, name, email, language) in waiting {
                let recipient = Recipient {
                    customer: CustomerId(customer),
                    name,
                    email,
                    language: crate::rows::language(&language)?,
                };
                let message = mail(&recipient);
                message.validate()?;
                let claimed = sqlx::query(
                    "UPDATE demand_waiting SET notified_at = $3
                     WHERE workspace_id = $1 AND id = $2 AND notified_at IS NULL",
                )
                .bind(ws.0)
                .bind(row)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if claimed.rows_affected() == 1 {
                    insert_outbox!(&mut *tx, ws, &message, now);
                    sent += 1;
                }
            }
            Ok(Some(sent))
        }))
    }

    /// The waiting lists `customer` is on (for the privacy export).
    pub async fn customer_demand(
        &self,
        ws: WorkspaceId,
        customer: CustomerId,
    ) -> Result<Vec<CustomerWaiting>> {
        type Row = (String, String, i64, Option<i64>, Option<i64>);
        let rows: Vec<Row> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT i.name, w.source, w.added_at, w.consent_at, w.notified_at
                 FROM demand_waiting w JOIN demand_items i ON i.workspace_id = w.workspace_id AND i.id = w.item_id
                 WHERE w.workspace_id = $1 AND w.customer_id = $2 ORDER BY w.added_at, w.id",
            )
            .bind(ws.0)
            .bind(customer.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(
                |(item, source, added_at, consent_at, notified_at)| CustomerWaiting {
                    item,
                    source,
                    added_at,
                    consent_at,
                    notified_at,
                },
            )
            .collect())
    }
}
