//! Every row of a mapped table checked and turned into domain values, or rejected with its
//! line number and the reason. Nothing is written here: callers store the records only when
//! the list of rejections is empty (all or nothing).

use crate::Kind;
use crate::mapping::{Field, Mapping};
use crate::table::{Row, Table};
use crate::values::{parse_amount, parse_bool, parse_datetime};
use kunde_domain::{
    Channel, Email, Language, Money, NewCustomer, NewOrderLine, NonEmpty, Phone, ValidationError,
};
use std::collections::HashMap;
use std::fmt;

/// What validation needs to know about the workspace.
#[derive(Debug, Clone)]
pub struct Options {
    /// The workspace's ISO 4217 code; an amount in another currency is refused, because Kunde
    /// keeps one currency per workspace and does not convert.
    pub currency: String,
    /// For customers whose file gives no language.
    pub default_language: Language,
    /// The creation time of customers whose file gives none.
    pub now: i64,
}

/// One refused row.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// The line as a spreadsheet numbers it (the header is line 1).
    pub line: u64,
    pub error: RowError,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

/// Why a row was refused. `Display` is the English text for the CLI; the web page translates
/// [`RowError::message_key`] with [`RowError::args`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RowError {
    #[error("expected {expected} columns, found {found}")]
    Columns { expected: usize, found: usize },
    #[error("{field} is missing")]
    Missing { field: &'static str },
    #[error("{field}: {error}")]
    Invalid {
        field: &'static str,
        error: ValidationError,
    },
    #[error(
        "{field}: '{value}' is not a date (write 31-12-2025, 31.12.2025 or 2025-12-31, optionally with a time)"
    )]
    Date { field: &'static str, value: String },
    #[error("{field}: '{value}' is not an amount (write 1234,50 or 1.234,50)")]
    Amount { field: &'static str, value: String },
    #[error("quantity: '{value}' is not a whole number of at least 1")]
    Quantity { value: String },
    #[error("{field}: '{value}' is not yes or no")]
    Bool { field: &'static str, value: String },
    #[error("the amount is in {found}, but this business keeps its books in {expected}")]
    Currency { found: String, expected: String },
    #[error("the e-mail address {email} is already on line {first_line}")]
    DuplicateEmail { email: String, first_line: u64 },
    #[error("order {reference} has e-mail {email} here but another on line {first_line}")]
    OrderMismatch {
        reference: String,
        email: String,
        first_line: u64,
    },
    #[error("there is no touchpoint named '{name}' (create it on a journey first)")]
    UnknownTouchpoint { name: String },
    #[error("there is no customer with e-mail {email} (import the customers first)")]
    UnknownCustomer { email: String },
}

impl RowError {
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Columns { .. } => "import-row-columns",
            Self::Missing { .. } => "import-row-missing",
            Self::Invalid { .. } => "import-row-invalid",
            Self::Date { .. } => "import-row-date",
            Self::Amount { .. } => "import-row-amount",
            Self::Quantity { .. } => "import-row-quantity",
            Self::Bool { .. } => "import-row-bool",
            Self::Currency { .. } => "import-row-currency",
            Self::DuplicateEmail { .. } => "import-row-duplicate-email",
            Self::OrderMismatch { .. } => "import-row-order-mismatch",
            Self::UnknownTouchpoint { .. } => "import-row-unknown-touchpoint",
            Self::UnknownCustomer { .. } => "import-row-unknown-customer",
        }
    }

    /// The message's arguments. `field` is a field code, which the web page translates.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::Columns { expected, found } => vec![
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
            Self::Missing { field } => vec![("field", (*field).to_owned())],
            Self::Invalid { field, error } => vec![
                ("field", (*field).to_owned()),
                ("reason", error.to_string()),
            ],
            Self::Date { field, value }
            | Self::Amount { field, value }
            | Self::Bool { field, value } => {
                vec![("field", (*field).to_owned()), ("value", value.clone())]
            }
            Self::Quantity { value } => vec![("value", value.clone())],
            Self::Currency { found, expected } => {
                vec![("found", found.clone()), ("expected", expected.clone())]
            }
            Self::DuplicateEmail { email, first_line } => {
                vec![("email", email.clone()), ("line", first_line.to_string())]
            }
            Self::OrderMismatch {
                reference,
                email,
                first_line,
            } => vec![
                ("reference", reference.clone()),
                ("email", email.clone()),
                ("line", first_line.to_string()),
            ],
            Self::UnknownTouchpoint { name } => vec![("name", name.clone())],
            Self::UnknownCustomer { email } => vec![("email", email.clone())],
        }
    }
}

/// An order read from one or more rows (Shopify writes one row per line item).
#[derive(Debug, Clone)]
pub struct OrderRecord {
    /// The order's first line in the file.
    pub line: u64,
    pub email: Email,
    pub customer_name: Option<NonEmpty>,
    pub reference: Option<String>,
    pub ordered_at: i64,
    pub paid: bool,
    pub lines: Vec<NewOrderLine>,
    /// The order's own total column (Shopify's `Total`: lines, shipping and taxes, less
    /// discounts), when the file has one; see [`OrderRecord::total`].
    pub stated_total: Option<Money>,
    /// The discount code it was placed with, in capitals (codes are compared without case).
    pub discount_code: Option<String>,
}

impl OrderRecord {
    /// The order's revenue, what the customer paid: the file's total column when it has one
    /// (so shipping is not lost), otherwise the sum of the lines.
    pub fn total(&self) -> Money {
        self.stated_total
            .unwrap_or_else(|| Money(self.lines.iter().map(|l| l.quantity * l.unit_price.0).sum()))
    }
}

/// An event before its customer and touchpoint names are resolved to ids.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub line: u64,
    pub email: Email,
    pub touchpoint: String,
    pub occurred_at: i64,
    /// None: the touchpoint's own channel.
    pub channel: Option<Channel>,
    pub amount: Option<Money>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Records {
    Customers(Vec<(u64, NewCustomer)>),
    Orders(Vec<OrderRecord>),
    Events(Vec<EventRecord>),
}

impl Records {
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

/// The outcome of validating a file: the good records and every rejection, in line order.
#[derive(Debug, Clone)]
pub struct Validated {
    pub records: Records,
    pub rejected: Vec<Rejection>,
    /// Non-blank data rows read.
    pub rows: usize,
}

/// Checks every row of `table` as `kind` through `mapping` (which must have passed
/// [`Mapping::check`]).
pub fn validate(kind: Kind, table: &Table, mapping: &Mapping, options: &Options) -> Validated {
    let mut v = Validator {
        mapping,
        options,
        width: table.headers.len(),
        rejected: Vec::new(),
    };
    let rows: Vec<&Row> = table.data_rows().collect();
    let records = match kind {
        Kind::Customers => Records::Customers(v.customers(&rows)),
        Kind::Orders => Records::Orders(v.orders(&rows)),
        Kind::Events => Records::Events(v.events(&rows)),
    };
    let mut rejected = v.rejected;
    rejected.sort_by_key(|r| r.line);
    Validated {
        records,
        rejected,
        rows: rows.len(),
    }
}

struct Validator<'a> {
    mapping: &'a Mapping,
    options: &'a Options,
    width: usize,
    rejected: Vec<Rejection>,
}

/// One row's cells by field.
struct Cells<'r> {
    row: &'r Row,
    mapping: &'r Mapping,
}

impl<'r> Cells<'r> {
    /// The trimmed cell of `field`, or None when the column is not mapped or the cell empty.
    fn get(&self, field: Field) -> Option<&'r str> {
        let i = self.mapping.column(field)?;
        self.row
            .cells
            .get(i)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }

    fn required(&self, field: Field) -> Result<&'r str, RowError> {
        self.get(field).ok_or(RowError::Missing {
            field: field.code(),
        })
    }
}

fn invalid(field: Field) -> impl Fn(ValidationError) -> RowError {
    move |error| RowError::Invalid {
        field: field.code(),
        error,
    }
}

fn date(cells: &Cells, field: Field) -> Result<Option<i64>, RowError> {
    cells
        .get(field)
        .map(|s| {
            parse_datetime(s).ok_or_else(|| RowError::Date {
                field: field.code(),
                value: s.to_owned(),
            })
        })
        .transpose()
}

fn boolean(cells: &Cells, field: Field) -> Result<Option<bool>, RowError> {
    cells
        .get(field)
        .map(|s| {
            parse_bool(s).ok_or_else(|| RowError::Bool {
                field: field.code(),
                value: s.to_owned(),
            })
        })
        .transpose()
}

impl Validator<'_> {
    fn cells<'r>(&'r self, row: &'r Row) -> Result<Cells<'r>, RowError> {
        if row.cells.len() != self.width {
            return Err(RowError::Columns {
                expected: self.width,
                found: row.cells.len(),
            });
        }
        Ok(Cells {
            row,
            mapping: self.mapping,
        })
    }

    fn reject(&mut self, line: u64, error: RowError) {
        self.rejected.push(Rejection { line, error });
    }

    /// An amount in the workspace's currency (a currency column or a code in the cell must
    /// agree with it).
    fn amount(&self, cells: &Cells, field: Field) -> Result<Option<Money>, RowError> {
        let Some(s) = cells.get(field) else {
            return Ok(None);
        };
        let (money, code) = parse_amount(s).ok_or_else(|| RowError::Amount {
            field: field.code(),
            value: s.to_owned(),
        })?;
        let expected = self.options.currency.trim();
        if let Some(found) = code.as_deref().or(cells.get(Field::Currency))
            && !expected.is_empty()
            && !found.eq_ignore_ascii_case(expected)
        {
            return Err(RowError::Currency {
                found: found.to_uppercase(),
                expected: expected.to_uppercase(),
            });
        }
        Ok(Some(money))
    }

    fn customers(&mut self, rows: &[&Row]) -> Vec<(u64, NewCustomer)> {
        let mut out = Vec::new();
        let mut seen: HashMap<Email, u64> = HashMap::new();
        for row in rows {
            match self.customer(row) {
                Ok(c) => {
                    if let Some(email) = &c.email {
                        if let Some(&first_line) = seen.get(email) {
                            self.reject(
                                row.line,
                                RowError::DuplicateEmail {
                                    email: email.to_string(),
                                    first_line,
                                },
                            );
                            continue;
                        }
                        seen.insert(email.clone(), row.line);
                    }
                    out.push((row.line, c));
                }
                Err(e) => self.reject(row.line, e),
            }
        }
        out
    }

    fn customer(&self, row: &Row) -> Result<NewCustomer, RowError> {
        let cells = self.cells(row)?;
        let email = cells
            .get(Field::Email)
            .map(Email::parse)
            .transpose()
            .map_err(invalid(Field::Email))?;
        let joined = [cells.get(Field::FirstName), cells.get(Field::LastName)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let name_text = cells
            .get(Field::Name)
            .map(str::to_owned)
            .or(Some(joined).filter(|j| !j.is_empty()))
            .or_else(|| email.as_ref().map(|e| e.to_string()))
            .ok_or(RowError::Missing {
                field: Field::Name.code(),
            })?;
        let name = NonEmpty::parse("name", &name_text).map_err(invalid(Field::Name))?;
        let phone = cells
            .get(Field::Phone)
            .map(Phone::parse)
            .transpose()
            .map_err(invalid(Field::Phone))?;
        let language = cells
            .get(Field::Language)
            .map(Language::parse)
            .transpose()
            .map_err(invalid(Field::Language))?
            .unwrap_or(self.options.default_language);
        let acquisition_channel = cells
            .get(Field::AcquisitionChannel)
            .map(|c| NonEmpty::parse("channel", c))
            .transpose()
            .map_err(invalid(Field::AcquisitionChannel))?;
        Ok(NewCustomer {
            name,
            email,
            phone,
            language,
            marketing_consent: boolean(&cells, Field::Consent)?.unwrap_or(false),
            acquisition_channel,
            acquisition_cost: self
                .amount(&cells, Field::AcquisitionCost)?
                .unwrap_or_default(),
            created_at: date(&cells, Field::CreatedAt)?.unwrap_or(self.options.now),
        })
    }

    fn orders(&mut self, rows: &[&Row]) -> Vec<OrderRecord> {
        let mut out: Vec<OrderRecord> = Vec::new();
        let mut by_ref: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let cells = match self.cells(row) {
                Ok(c) => c,
                Err(e) => {
                    self.reject(row.line, e);
                    continue;
                }
            };
            let existing = cells
                .get(Field::OrderRef)
                .and_then(|r| by_ref.get(r).copied());
            let result = match existing {
                // A further line item of an order already begun (Shopify leaves the order's
                // own columns empty on these rows).
                Some(i) => self.order_line(&cells).and_then(|line| {
                    let order = &mut out[i];
                    if let Some(email) = cells.get(Field::Email) {
                        let email = Email::parse(email).map_err(invalid(Field::Email))?;
                        if email != order.email {
                            return Err(RowError::OrderMismatch {
                                reference: order.reference.clone().unwrap_or_default(),
                                email: email.to_string(),
                                first_line: order.line,
                            });
                        }
                    }
                    order.lines.extend(line);
                    Ok(())
                }),
                None => self.order(&cells).map(|order| {
                    if let Some(r) = &order.reference {
                        by_ref.insert(r.clone(), out.len());
                    }
                    out.push(order);
                }),
            };
            if let Err(e) = result {
                self.reject(row.line, e);
            }
        }
        out
    }

    fn order(&self, cells: &Cells) -> Result<OrderRecord, RowError> {
        let email = Email::parse(cells.required(Field::Email)?).map_err(invalid(Field::Email))?;
        let ordered_at = date(cells, Field::OrderedAt)?.ok_or(RowError::Missing {
            field: Field::OrderedAt.code(),
        })?;
        let customer_name = cells
            .get(Field::CustomerName)
            .map(|n| NonEmpty::parse("name", n))
            .transpose()
            .map_err(invalid(Field::CustomerName))?;
        let mut lines: Vec<NewOrderLine> = self.order_line(cells)?.into_iter().collect();
        let stated_total = self.amount(cells, Field::Total)?;
        if lines.is_empty() {
            // No line items: the order's total becomes one line, so revenue still adds up.
            let total = stated_total.ok_or(RowError::Missing {
                field: if self.mapping.column(Field::Product).is_some() {
                    Field::Product.code()
                } else {
                    Field::Total.code()
                },
            })?;
            lines.push(NewOrderLine {
                product: NonEmpty::parse("product", "Order").expect("constant is not empty"),
                quantity: 1,
                unit_price: total,
            });
        }
        Ok(OrderRecord {
            line: cells.row.line,
            email,
            customer_name,
            reference: cells.get(Field::OrderRef).map(str::to_owned),
            ordered_at,
            paid: boolean(cells, Field::Paid)?.unwrap_or(false),
            lines,
            stated_total,
            discount_code: cells
                .get(Field::DiscountCode)
                .map(|c| c.trim().to_uppercase())
                .filter(|c| !c.is_empty()),
        })
    }

    /// The row's line item, if its product cell is filled.
    fn order_line(&self, cells: &Cells) -> Result<Option<NewOrderLine>, RowError> {
        let Some(product) = cells.get(Field::Product) else {
            return Ok(None);
        };
        let product = NonEmpty::parse("product", product).map_err(invalid(Field::Product))?;
        let quantity = match cells.get(Field::Quantity) {
            None => 1,
            Some(q) => {
                q.parse::<i64>()
                    .ok()
                    .filter(|q| *q >= 1)
                    .ok_or_else(|| RowError::Quantity {
                        value: q.to_owned(),
                    })?
            }
        };
        let unit_price = self
            .amount(cells, Field::UnitPrice)?
            .ok_or(RowError::Missing {
                field: Field::UnitPrice.code(),
            })?;
        Ok(Some(NewOrderLine {
            product,
            quantity,
            unit_price,
        }))
    }

    fn events(&mut self, rows: &[&Row]) -> Vec<EventRecord> {
        let mut out = Vec::new();
        for row in rows {
            match self.event(row) {
                Ok(e) => out.push(e),
                Err(e) => self.reject(row.line, e),
            }
        }
        out
    }

    fn event(&self, row: &Row) -> Result<EventRecord, RowError> {
        let cells = self.cells(row)?;
        let email = Email::parse(cells.required(Field::Email)?).map_err(invalid(Field::Email))?;
        let touchpoint = cells.required(Field::Touchpoint)?.to_owned();
        let occurred_at = date(&cells, Field::OccurredAt)?.ok_or(RowError::Missing {
            field: Field::OccurredAt.code(),
        })?;
        let channel = cells
            .get(Field::Channel)
            .map(Channel::parse)
            .transpose()
            .map_err(invalid(Field::Channel))?;
        Ok(EventRecord {
            line: row.line,
            email,
            touchpoint,
            occurred_at,
            channel,
            amount: self.amount(&cells, Field::Amount)?,
            note: cells.get(Field::Note).map(str::to_owned),
        })
    }
}
