//! The steps of a CSV import that need the store, shared by the web page and `kunde import`:
//! [`check`] validates a mapped file and resolves its references against the workspace
//! (reading only), and [`write`] stores what was checked in one transaction.
//!
//! Customers and events name customers by **e-mail address** (the one identifier every shop
//! and till export carries); events name touchpoints by their name in the workspace's maps.

use kunde_domain::{NewCustomer, NewEvent, Workspace, WorkspaceId};
use kunde_import::{
    Kind, Lookups, Mapping, Options, Records, Rejection, Table, resolve_events, validate,
};
use kunde_store::{BulkControl, BulkOrder, BulkOutcome, Store, StoreError};

/// Rows ready for the store.
#[derive(Debug, Clone)]
pub enum Prepared {
    Customers(Vec<NewCustomer>),
    Orders(Vec<BulkOrder>),
    Events(Vec<NewEvent>),
}

impl Prepared {
    pub fn len(&self) -> usize {
        match self {
            Self::Customers(v) => v.len(),
            Self::Orders(v) => v.len(),
            Self::Events(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The outcome of checking a file: what can be stored, and every rejected row in line order.
#[derive(Debug, Clone)]
pub struct Checked {
    pub prepared: Prepared,
    pub rejected: Vec<Rejection>,
    /// Non-blank data rows in the file.
    pub rows: usize,
}

/// Validates every row of `table` and resolves customers and touchpoints of events.
pub async fn check(
    store: &Store,
    workspace: &Workspace,
    kind: Kind,
    table: &Table,
    mapping: &Mapping,
    now: i64,
) -> Result<Checked, StoreError> {
    let options = Options {
        currency: workspace.currency.clone(),
        default_language: workspace.default_language,
        now,
    };
    let validated = validate(kind, table, mapping, &options);
    let mut rejected = validated.rejected;
    let prepared = match validated.records {
        Records::Customers(v) => Prepared::Customers(v.into_iter().map(|(_, c)| c).collect()),
        Records::Orders(v) => Prepared::Orders(
            v.into_iter()
                .map(|o| BulkOrder {
                    total: o.total(),
                    email: o.email,
                    customer_name: o.customer_name,
                    reference: o.reference,
                    ordered_at: o.ordered_at,
                    paid: o.paid,
                    lines: o.lines,
                    discount_code: o.discount_code,
                })
                .collect(),
        ),
        Records::Events(records) => {
            let mut lookups = Lookups {
                customers: store.customer_ids_by_email(workspace.id).await?,
                ..Lookups::default()
            };
            for t in store.all_touchpoints(workspace.id).await? {
                lookups.add_touchpoint(&t.name, t.id, t.channel);
            }
            let (events, unresolved) = resolve_events(&records, &lookups);
            rejected.extend(unresolved);
            rejected.sort_by_key(|r| r.line);
            Prepared::Events(events)
        }
    };
    Ok(Checked {
        prepared,
        rejected,
        rows: validated.rows,
    })
}

/// Stores checked rows, all or nothing.
pub async fn write(
    store: &Store,
    ws: WorkspaceId,
    prepared: &Prepared,
    ctl: &BulkControl<'_>,
) -> Result<BulkOutcome, StoreError> {
    match prepared {
        Prepared::Customers(v) => store.bulk_insert_customers(ws, v, ctl).await,
        Prepared::Orders(v) => store.bulk_insert_orders(ws, v, ctl).await,
        Prepared::Events(v) => store.bulk_insert_events(ws, v, ctl).await,
    }
}
