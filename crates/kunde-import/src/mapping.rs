//! Which column of a file holds which of Kunde's fields: chosen by hand (`Email=email,Navn=name`
//! on the command line, a select per header on the web page) or by a preset that knows the
//! column names of a common export.

use crate::Kind;
use crate::table::Table;

/// A field Kunde can read from a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    Name,
    FirstName,
    LastName,
    Phone,
    Language,
    Consent,
    AcquisitionChannel,
    AcquisitionCost,
    CreatedAt,
    /// The shop's order number; rows with the same number are lines of one order.
    OrderRef,
    CustomerName,
    OrderedAt,
    Paid,
    Currency,
    Product,
    Quantity,
    UnitPrice,
    /// An order's total, used as a single line when the file has no line items.
    Total,
    /// The discount code an order was placed with (Shopify's `Discount Code`).
    DiscountCode,
    Touchpoint,
    OccurredAt,
    Channel,
    Amount,
    Note,
}

impl Field {
    pub const ALL: [Field; 25] = [
        Field::Email,
        Field::Name,
        Field::FirstName,
        Field::LastName,
        Field::Phone,
        Field::Language,
        Field::Consent,
        Field::AcquisitionChannel,
        Field::AcquisitionCost,
        Field::CreatedAt,
        Field::OrderRef,
        Field::CustomerName,
        Field::OrderedAt,
        Field::Paid,
        Field::Currency,
        Field::Product,
        Field::Quantity,
        Field::UnitPrice,
        Field::Total,
        Field::DiscountCode,
        Field::Touchpoint,
        Field::OccurredAt,
        Field::Channel,
        Field::Amount,
        Field::Note,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Name => "name",
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Phone => "phone",
            Self::Language => "language",
            Self::Consent => "consent",
            Self::AcquisitionChannel => "acquisition_channel",
            Self::AcquisitionCost => "acquisition_cost",
            Self::CreatedAt => "created_at",
            Self::OrderRef => "order",
            Self::CustomerName => "customer_name",
            Self::OrderedAt => "ordered_at",
            Self::Paid => "paid",
            Self::Currency => "currency",
            Self::Product => "product",
            Self::Quantity => "quantity",
            Self::UnitPrice => "unit_price",
            Self::Total => "total",
            Self::DiscountCode => "discount_code",
            Self::Touchpoint => "touchpoint",
            Self::OccurredAt => "occurred_at",
            Self::Channel => "channel",
            Self::Amount => "amount",
            Self::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.code() == s)
    }

    /// The fields a file of `kind` can fill, in the order forms offer them.
    pub fn for_kind(kind: Kind) -> &'static [Field] {
        match kind {
            Kind::Customers => &[
                Field::Email,
                Field::Name,
                Field::FirstName,
                Field::LastName,
                Field::Phone,
                Field::Language,
                Field::Consent,
                Field::AcquisitionChannel,
                Field::AcquisitionCost,
                Field::CreatedAt,
            ],
            Kind::Orders => &[
                Field::OrderRef,
                Field::Email,
                Field::CustomerName,
                Field::OrderedAt,
                Field::Paid,
                Field::Currency,
                Field::Product,
                Field::Quantity,
                Field::UnitPrice,
                Field::Total,
                Field::DiscountCode,
            ],
            Kind::Events => &[
                Field::Email,
                Field::Touchpoint,
                Field::OccurredAt,
                Field::Channel,
                Field::Amount,
                Field::Currency,
                Field::Note,
            ],
        }
    }
}

/// A known export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Kunde's own column names and their common Danish, Swedish and English variants.
    Generic,
    /// Shopify's customers and orders exports (one row per line item, the order's details on
    /// its first row only).
    Shopify,
}

impl Preset {
    pub const ALL: [Preset; 2] = [Preset::Generic, Preset::Shopify];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == s.trim())
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Generic => "generic",
            Self::Shopify => "shopify",
        }
    }

    /// Header names (normalised, see [`normalise`]) this preset reads as `field`.
    fn aliases(self, kind: Kind, field: Field) -> &'static [&'static str] {
        use Field::*;
        match (self, kind, field) {
            (Preset::Shopify, Kind::Orders, f) => match f {
                OrderRef => &["name"],
                Email => &["email"],
                CustomerName => &["billingname", "shippingname"],
                OrderedAt => &["createdat"],
                Paid => &["financialstatus"],
                Currency => &["currency"],
                Product => &["lineitemname"],
                Quantity => &["lineitemquantity"],
                UnitPrice => &["lineitemprice"],
                // The order's revenue: lines plus shipping and taxes, less discounts.
                Total => &["total"],
                DiscountCode => &["discountcode"],
                _ => &[],
            },
            (Preset::Shopify, Kind::Customers, f) => match f {
                Email => &["email"],
                FirstName => &["firstname"],
                LastName => &["lastname"],
                Phone => &["phone", "defaultaddressphone"],
                Consent => &["acceptsemailmarketing", "acceptsmarketing"],
                _ => &[],
            },
            (_, _, f) => match f {
                Email => &[
                    "email",
                    "mail",
                    "emailadresse",
                    "emailadress",
                    "epost",
                    "customeremail",
                ],
                Name => &[
                    "name", "navn", "namn", "pangalan", "fullname", "kunde", "kund", "customer",
                ],
                FirstName => &["firstname", "fornavn", "förnamn", "fornamn"],
                LastName => &["lastname", "efternavn", "efternamn", "surname"],
                Phone => &[
                    "phone",
                    "telefon",
                    "tlf",
                    "mobil",
                    "mobile",
                    "telefonnummer",
                ],
                Language => &["language", "sprog", "språk", "sprak"],
                Consent => &[
                    "consent",
                    "marketingconsent",
                    "samtykke",
                    "samtycke",
                    "nyhedsbrev",
                    "nyhetsbrev",
                ],
                AcquisitionChannel => &["acquisitionchannel", "source", "kilde", "källa"],
                AcquisitionCost => &["acquisitioncost", "cac"],
                CreatedAt => &[
                    "createdat",
                    "created",
                    "oprettet",
                    "skapad",
                    "kundesiden",
                    "kundsedan",
                ],
                OrderRef => &[
                    "order",
                    "ordernumber",
                    "orderno",
                    "ordre",
                    "ordrenr",
                    "ordrenummer",
                    "ordernummer",
                    "reference",
                    "invoice",
                    "faktura",
                ],
                CustomerName => &["customername", "kundenavn", "kundnamn"],
                OrderedAt => &[
                    "orderedat",
                    "date",
                    "dato",
                    "datum",
                    "orderdate",
                    "ordredato",
                    "orderdatum",
                ],
                Paid => &["paid", "betalt", "betald", "status"],
                Currency => &["currency", "valuta"],
                Product => &["product", "produkt", "vare", "vara", "item"],
                Quantity => &["quantity", "qty", "antal", "stk"],
                UnitPrice => &[
                    "unitprice",
                    "price",
                    "pris",
                    "stykpris",
                    "styckpris",
                    "apris",
                ],
                Total => &[
                    "total", "beløb", "belopp", "belob", "totalt", "sum", "amount",
                ],
                DiscountCode => &[
                    "discountcode",
                    "couponcode",
                    "coupon",
                    "rabatkode",
                    "rabattkod",
                ],
                Touchpoint => &["touchpoint", "kontaktpunkt", "beröringspunkt"],
                OccurredAt => &[
                    "occurredat",
                    "time",
                    "tidspunkt",
                    "tidpunkt",
                    "date",
                    "dato",
                    "datum",
                    "when",
                ],
                Channel => &["channel", "kanal"],
                Amount => &[
                    "amount", "value", "beløb", "belopp", "belob", "værdi", "värde",
                ],
                Note => &["note", "notat", "anteckning", "comment", "kommentar"],
            },
        }
    }
}

/// A header name reduced to lowercase letters and digits, so "E-mail", "email" and "E mail"
/// are one name.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why a mapping cannot be used for a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("'{0}' is not a mapping: write header=field, for example Email=email")]
    Syntax(String),
    #[error("the file has no column '{0}'")]
    UnknownHeader(String),
    #[error("'{field}' is not a field of {kind} (use one of: {known})")]
    UnknownField {
        field: String,
        kind: &'static str,
        known: String,
    },
    #[error("no column is mapped to '{0}', which this import needs")]
    Missing(&'static str),
    #[error("two columns are mapped to '{0}'")]
    Twice(&'static str),
}

impl MappingError {
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Syntax(_) => "import-map-syntax",
            Self::UnknownHeader(_) => "import-map-unknown-header",
            Self::UnknownField { .. } => "import-map-unknown-field",
            Self::Missing(_) => "import-map-missing",
            Self::Twice(_) => "import-map-twice",
        }
    }
}

/// For each column of the file, the field it fills (None: the column is ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// The preset's guess for each header of `table`.
    pub fn preset(kind: Kind, preset: Preset, table: &Table) -> Self {
        let mut taken = Vec::new();
        let columns = table
            .headers
            .iter()
            .map(|h| {
                let name = normalise(h);
                let field = Field::for_kind(kind).iter().copied().find(|f| {
                    !taken.contains(f) && preset.aliases(kind, *f).contains(&name.as_str())
                });
                taken.extend(field);
                field
            })
            .collect();
        Self { columns }
    }

    /// A preset with `spec` (`Header=field,Other header=field`) applied on top; the field
    /// `ignore` drops a column the preset had mapped.
    pub fn with_spec(
        mut self,
        kind: Kind,
        table: &Table,
        spec: &str,
    ) -> Result<Self, MappingError> {
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (header, field) = pair
                .rsplit_once('=')
                .ok_or_else(|| MappingError::Syntax(pair.to_owned()))?;
            let column = table
                .headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(header.trim()))
                .or_else(|| {
                    let wanted = normalise(header);
                    table.headers.iter().position(|h| normalise(h) == wanted)
                })
                .ok_or_else(|| MappingError::UnknownHeader(header.trim().to_owned()))?;
            self.columns[column] = parse_field(kind, field)?;
        }
        Ok(self)
    }

    /// A mapping from one field code (or "" / "ignore") per column, as the web form sends it.
    pub fn from_codes(kind: Kind, codes: &[String]) -> Result<Self, MappingError> {
        let columns = codes
            .iter()
            .map(|c| parse_field(kind, c))
            .collect::<Result<_, _>>()?;
        Ok(Self { columns })
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }

    /// Checks that no field is mapped twice and that the fields `kind` needs are there.
    pub fn check(&self, kind: Kind) -> Result<(), MappingError> {
        for (i, f) in self.columns.iter().enumerate() {
            if let Some(f) = f
                && self.columns[..i].contains(&Some(*f))
            {
                return Err(MappingError::Twice(f.code()));
            }
        }
        let has = |f| self.column(f).is_some();
        match kind {
            Kind::Customers => {
                if ![Field::Name, Field::FirstName, Field::LastName, Field::Email]
                    .into_iter()
                    .any(has)
                {
                    return Err(MappingError::Missing(Field::Name.code()));
                }
            }
            Kind::Orders => {
                for f in [Field::Email, Field::OrderedAt] {
                    if !has(f) {
                        return Err(MappingError::Missing(f.code()));
                    }
                }
                let has_lines = has(Field::Product) && has(Field::UnitPrice);
                if !has_lines && !has(Field::Total) {
                    return Err(MappingError::Missing(Field::UnitPrice.code()));
                }
            }
            Kind::Events => {
                for f in [Field::Email, Field::Touchpoint, Field::OccurredAt] {
                    if !has(f) {
                        return Err(MappingError::Missing(f.code()));
                    }
                }
            }
        }
        Ok(())
    }

    /// The mapping as `--map` text, for showing what a preset chose.
    pub fn describe(&self, table: &Table) -> String {
        table
            .headers
            .iter()
            .zip(&self.columns)
            .filter_map(|(h, f)| f.map(|f| format!("{h}={}", f.code())))
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn parse_field(kind: Kind, code: &str) -> Result<Option<Field>, MappingError> {
    let code = code.trim();
    if code.is_empty() || code.eq_ignore_ascii_case("ignore") {
        return Ok(None);
    }
    Field::parse(code)
        .filter(|f| Field::for_kind(kind).contains(f))
        .map(Some)
        .ok_or_else(|| MappingError::UnknownField {
            field: code.to_owned(),
            kind: kind.code(),
            known: Field::for_kind(kind)
                .iter()
                .map(|f| f.code())
                .collect::<Vec<_>>()
                .join(", "),
        })
}
