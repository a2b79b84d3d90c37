//! Kunde's CSV import, as pure functions: read a file into a [`Table`] (UTF-8 with or
//! without BOM, Windows-1252 as a fallback, delimiter sniffed), map its columns onto Kunde's
//! fields by hand or with a [`Preset`], and validate every row into domain types, collecting
//! a [`Rejection`] with the spreadsheet line number and the reason for each bad row.
//!
//! Invariants:
//! - nothing here does I/O beyond reading the `io::Read` it is given; the store and the
//!   callers (CLI and web page) do the writing, all or nothing;
//! - every row of the file is either turned into a record or rejected with its line number
//!   (the header is line 1, as a spreadsheet shows it), never silently dropped;
//! - references to rows already in the database (customers by e-mail, touchpoints by name)
//!   are resolved by [`resolve`] against plain lookup maps the caller loads.

mod mapping;
mod resolve;
mod reviews;
mod table;
mod validate;
mod values;

pub use mapping::{Field, Mapping, MappingError, Preset};
pub use resolve::{Lookups, resolve_events};
pub use reviews::{ReviewPreset, ReviewProblem, ReviewRecord, ReviewRejection, parse_reviews};
pub use table::{Table, TableError, read_table};
pub use validate::{
    EventRecord, Options, OrderRecord, Records, Rejection, RowError, Validated, validate,
};
pub use values::{parse_amount, parse_bool, parse_datetime};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Customers,
    Orders,
    Events,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Customers, Kind::Orders, Kind::Events];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim())
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Customers => "customers",
            Self::Orders => "orders",
            Self::Events => "events",
        }
    }
}
