//! Customers of a workspace.

use crate::rows::CustomerRow;
use crate::{Result, Store, StoreError, debug_assert_scoped, with_pool};
use kunde_domain::*;

/// A page of the customer list. `search` matches name or e-mail, case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct CustomerQuery {
    pub search: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// The order of the customer list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CustomerSort {
    /// Newest first (the default).
    #[default]
    Newest,
    /// The most recent order (an event with a positive amount) first; no order last.
    LastOrder,
    /// The most paid in all (sum of the positive amounts) first.
    Spent,
}

impl CustomerSort {
    pub fn code(self) -> &'static str {
        match self {
            CustomerSort::Newest => "newest",
            CustomerSort::LastOrder => "last_order",
            CustomerSort::Spent => "spent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Newest, Self::LastOrder, Self::Spent]
            .into_iter()
            .find(|x| x.code() == s)
    }
}

/// The list's query with its order; `$1` workspace, `$2` pattern, `$3` limit, `$4` offset.
macro_rules! list_sql {
    ($order:literal) => {
        concat!(
            "SELECT id, workspace_id, name, email, phone, language, marketing_consent,
                    acquisition_channel, acquisition_cost, created_at
             FROM customers c
             WHERE workspace_id = $1
               AND (lower(name) LIKE $2 ESCAPE '\\' OR lower(coalesce(email, '')) LIKE $2 ESCAPE '\\')
             ORDER BY ",
            $order,
            " LIMIT $3 OFFSET $4"
        )
    };
}

/// `%term%` for LIKE, with LIKE's own wildcards escaped so a search for "50%" means that.
fn like_pattern(term: &str) -> String {
    let escaped = term
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    pub async fn create_customer(&self, ws: WorkspaceId, c: &NewCustomer) -> Result<Customer> {
        with_pool!(self, pool => {
            let row: CustomerRow = sqlx::query_as(
                "INSERT INTO customers (workspace_id, name, email, phone, language, marketing_consent,
                                        acquisition_channel, acquisition_cost, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 RETURNING id, workspace_id, name, email, phone, language, marketing_consent,
                           acquisition_channel, acquisition_cost, created_at",
            )
            .bind(ws.0)
            .bind(c.name.as_str())
            .bind(c.email.as_ref().map(Email::as_str))
            .bind(c.phone.as_ref().map(Phone::as_str))
            .bind(c.language.code())
            .bind(c.marketing_consent)
            .bind(c.acquisition_channel.as_ref().map(NonEmpty::as_str))
            .bind(c.acquisition_cost.0)
            .bind(c.created_at)
            .fetch_one(pool)
            .await?;
            row.into_domain()
        })
    }

    /// Changes a customer's details. The creation time is kept as it was.
    pub async fn update_customer(
        &self,
        ws: WorkspaceId,
        id: CustomerId,
        c: &NewCustomer,
    ) -> Result<Customer> {
        with_pool!(self, pool => {
            let row: Option<CustomerRow> = sqlx::query_as(
                "UPDATE customers SET name = $1, email = $2, phone = $3, language = $4,
                        marketing_consent = $5, acquisition_channel = $6, acquisition_cost = $7
                 WHERE workspace_id = $8 AND id = $9
                 RETURNING id, workspace_id, name, email, phone, language, marketing_consent,
                           acquisition_channel, acquisition_cost, created_at",
            )
            .bind(c.name.as_str())
            .bind(c.email.as_ref().map(Email::as_str))
            .bind(c.phone.as_ref().map(Phone::as_str))
            .bind(c.language.code())
            .bind(c.marketing_consent)
            .bind(c.acquisition_channel.as_ref().map(NonEmpty::as_str))
            .bind(c.acquisition_cost.0)
            .bind(ws.0)
            .bind(id.0)
            .fetch_optional(pool)
            .await?;
            row.ok_or(StoreError::NotFound)?.into_domain()
        })
    }

    /// One customer of the workspace; `NotFound` for an id of another workspace.
    pub async fn get_customer(&self, ws: WorkspaceId, id: CustomerId) -> Result<Customer> {
        with_pool!(self, pool => {
            let row: CustomerRow = sqlx::query_as(
                "SELECT id, workspace_id, name, email, phone, language, marketing_consent,
                        acquisition_channel, acquisition_cost, created_at
                 FROM customers WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(id.0)
            .fetch_one(pool)
            .await?;
            debug_assert_scoped(ws, row.workspace_id);
            row.into_domain()
        })
    }

    /// A page of customers, newest first, and how many match in all.
    pub async fn list_customers(
        &self,
        ws: WorkspaceId,
        q: &CustomerQuery,
    ) -> Result<(Vec<Customer>, i64)> {
        self.list_customers_sorted(ws, q, CustomerSort::Newest)
            .await
    }

    /// A page of customers in the chosen order, and how many match in all.
    pub async fn list_customers_sorted(
        &self,
        ws: WorkspaceId,
        q: &CustomerQuery,
        sort: CustomerSort,
    ) -> Result<(Vec<Customer>, i64)> {
        let pattern = like_pattern(q.search.as_deref().unwrap_or(""));
        let sql = match sort {
            CustomerSort::Newest => list_sql!("created_at DESC, id DESC"),
            CustomerSort::LastOrder => list_sql!(
                "COALESCE((SELECT MAX(e.occurred_at) FROM events e
                  WHERE e.workspace_id = $1 AND e.customer_id = c.id AND e.amount > 0), -1) DESC, id DESC"
            ),
            CustomerSort::Spent => list_sql!(
                "COALESCE((SELECT SUM(e.amount) FROM events e
                  WHERE e.workspace_id = $1 AND e.customer_id = c.id AND e.amount > 0), 0) DESC, id DESC"
            ),
        };
        with_pool!(self, pool => {
            let rows: Vec<CustomerRow> = sqlx::query_as(sql)
            .bind(ws.0)
            .bind(&pattern)
            .bind(q.limit.clamp(1, 1000))
            .bind(q.offset.max(0))
            .fetch_all(pool)
            .await?;
            let (total,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM customers
                 WHERE workspace_id = $1
                   AND (lower(name) LIKE $2 ESCAPE '\\' OR lower(coalesce(email, '')) LIKE $2 ESCAPE '\\')",
            )
            .bind(ws.0)
            .bind(&pattern)
            .fetch_one(pool)
            .await?;
            let customers = rows.into_iter().map(CustomerRow::into_domain).collect::<Result<_>>()?;
            Ok((customers, total))
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(super::like_pattern(" Bo "), "%bo%");
        assert_eq!(super::like_pattern("50%_off"), "%50\\%\\_off%");
    }
}
