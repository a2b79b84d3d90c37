//! Data-driven tests of the CSV import over small files in `tests/fixtures`: each file is
//! read, mapped and validated, and the records or the rejected-row report compared with what
//! a person reading the file would expect.

#![allow(clippy::type_complexity)] // summaries as tuples read best in these tables

use kunde_domain::*;
use kunde_import::*;
use std::collections::HashMap;

const NOW: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAY_2025_12_31: i64 = 1_767_139_200;

fn fixture(name: &str) -> Table {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    read_table(std::fs::File::open(&path).unwrap()).unwrap()
}

fn options() -> Options {
    Options {
        currency: "DKK".into(),
        default_language: Language::Da,
        now: NOW,
    }
}

fn run(kind: Kind, preset: Preset, table: &Table, spec: &str) -> Validated {
    let mapping = Mapping::preset(kind, preset, table)
        .with_spec(kind, table, spec)
        .unwrap();
    mapping.check(kind).unwrap();
    validate(kind, table, &mapping, &options())
}

/// The rejected-row report as the CLI prints it, one line per rejection.
fn report(v: &Validated) -> Vec<String> {
    v.rejected.iter().map(ToString::to_string).collect()
}

#[test]
fn a_danish_customer_file_with_bom_semicolons_decimal_commas_and_day_first_dates() {
    let table = fixture("customers_da.csv");
    assert_eq!(table.delimiter, b';');
    assert_eq!(
        table.headers[0], "Navn",
        "the byte-order mark is not part of the first header"
    );
    let v = run(
        Kind::Customers,
        Preset::Generic,
        &table,
        "Anskaffelsespris=acquisition_cost",
    );
    assert_eq!(report(&v), Vec::<String>::new());
    assert_eq!(v.rows, 3, "the blank ;;; line is not a row");
    let Records::Customers(customers) = v.records else {
        panic!()
    };
    let summary: Vec<(u64, &str, Option<&str>, Language, bool, i64, i64)> = customers
        .iter()
        .map(|(line, c)| {
            (
                *line,
                c.name.as_str(),
                c.email.as_ref().map(Email::as_str),
                c.language,
                c.marketing_consent,
                c.acquisition_cost.0,
                c.created_at,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                2,
                "Mette Hansen",
                Some("mette@example.dk"),
                Language::Da,
                true,
                123_450,
                DAY_2025_12_31
            ),
            (
                3,
                "Søren Østergaard",
                Some("soren@example.dk"),
                Language::Da,
                false,
                99,
                1_706_779_800
            ),
            (
                4,
                "Jensen, Bo",
                Some("bo@example.dk"),
                Language::En,
                false,
                123_450,
                1_749_945_600
            ),
        ]
    );
    assert_eq!(
        customers[0].1.phone.as_ref().unwrap().as_str(),
        "+45 12 34 56 78"
    );
    assert_eq!(
        customers[2]
            .1
            .acquisition_channel
            .as_ref()
            .unwrap()
            .as_str(),
        "referral"
    );
}

#[test]
fn a_malformed_file_reports_every_bad_line_with_its_reason() {
    let table = fixture("customers_malformed.csv");
    let v = run(
        Kind::Customers,
        Preset::Generic,
        &table,
        "Created=created_at",
    );
    assert_eq!(
        report(&v),
        [
            "line 3: email: 'not-an-address' is not a valid e-mail address",
            "line 4: created_at: '31-13-2025' is not a date (write 31-12-2025, 31.12.2025 or 2025-12-31, optionally with a time)",
            "line 6: language: 'de' is not a supported language (use en, da, sv or tl)",
            "line 7: expected 5 columns, found 2",
            "line 8: the e-mail address anna@example.com is already on line 2",
            "line 9: phone: 'call me' is not a valid phone number",
            "line 10: name is missing",
        ]
    );
    assert_eq!(v.records.len(), 1, "only Anna's row is good");
}

#[test]
fn danish_orders_group_their_lines_by_order_number() {
    let table = fixture("orders_da.csv");
    let v = run(Kind::Orders, Preset::Generic, &table, "");
    assert_eq!(report(&v), Vec::<String>::new());
    let Records::Orders(orders) = v.records else {
        panic!()
    };
    let summary: Vec<(u64, Option<&str>, &str, i64, bool, Vec<(&str, i64, i64)>)> = orders
        .iter()
        .map(|o| {
            (
                o.line,
                o.reference.as_deref(),
                o.email.as_str(),
                o.ordered_at,
                o.paid,
                o.lines
                    .iter()
                    .map(|l| (l.product.as_str(), l.quantity, l.unit_price.0))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                2,
                Some("1001"),
                "mette@example.dk",
                DAY_2025_12_31 + 14 * 3600 + 300,
                true,
                vec![("Cykelhjelm", 1, 49_995), ("Cykellås", 2, 123_450)],
            ),
            (
                4,
                Some("1002"),
                "bo@example.dk",
                NOW + 86_400,
                false,
                vec![("Service", 1, 35_000)]
            ),
        ]
    );
    assert_eq!(
        orders[0].customer_name.as_ref().unwrap().as_str(),
        "Mette Hansen"
    );
}

#[test]
fn shopify_orders_export_is_read_with_its_own_column_names() {
    let table = fixture("shopify_orders.csv");
    let mapping = Mapping::preset(Kind::Orders, Preset::Shopify, &table);
    assert_eq!(
        mapping.describe(&table),
        "Name=order,Email=email,Financial Status=paid,Currency=currency,Total=total,Discount Code=discount_code,\
         Created at=ordered_at,Lineitem quantity=quantity,Lineitem name=product,Lineitem price=unit_price,\
         Billing Name=customer_name"
    );
    let v = run(Kind::Orders, Preset::Shopify, &table, "");
    assert_eq!(report(&v), Vec::<String>::new());
    let Records::Orders(orders) = v.records else {
        panic!()
    };
    assert_eq!(orders.len(), 2, "two orders from three rows");
    let first = &orders[0];
    assert_eq!(first.reference.as_deref(), Some("#1001"));
    assert!(first.paid);
    assert_eq!(
        first.ordered_at,
        DAY_2025_12_31 + 13 * 3600 + 312,
        "+0100 is taken into account"
    );
    let total: i64 = first
        .lines
        .iter()
        .map(|l| l.quantity * l.unit_price.0)
        .sum();
    assert_eq!(total, 49_995 + 2 * 48_450, "the lines stay as they are");
    // Issue 20: the order's revenue is Shopify's `Total`, shipping (49.00) included.
    assert_eq!(first.stated_total, Some(Money(151_795)));
    assert_eq!(first.total(), Money(151_795));
    assert_eq!(orders[1].total(), Money(35_000));
    assert!(!orders[1].paid, "a pending order is not paid");
    // Issue 15: the discount code, for counting a campaign's offer codes (case aside).
    assert_eq!(first.discount_code, None);
    assert_eq!(orders[1].discount_code.as_deref(), Some("WINTER10"));
}

#[test]
fn an_amount_in_another_currency_is_refused() {
    let table = read_table(
        "order,email,date,product,price,currency\n\
         A1,a@example.dk,2025-12-31,Bell,\"12,50\",DKK\n\
         A2,a@example.dk,2025-12-31,Bell,€ 3,\n\
         A3,a@example.dk,2025-12-31,Bell,10,SEK\n"
            .as_bytes(),
    )
    .unwrap();
    let v = run(Kind::Orders, Preset::Generic, &table, "price=unit_price");
    assert_eq!(
        report(&v),
        [
            "line 3: the amount is in EUR, but this business keeps its books in DKK",
            "line 4: the amount is in SEK, but this business keeps its books in DKK",
        ]
    );
}

#[test]
fn swedish_tab_separated_events_resolve_customers_by_email_and_touchpoints_by_name() {
    let table = fixture("events_sv.tsv");
    assert_eq!(table.delimiter, b'\t');
    let v = run(Kind::Events, Preset::Generic, &table, "");
    assert_eq!(report(&v), Vec::<String>::new());
    let Records::Events(records) = v.records else {
        panic!()
    };
    let mut lookups = Lookups::default();
    lookups.add_touchpoint("Ring för bokning", TouchpointId(7), Channel::Phone);
    lookups.add_touchpoint("BESÖK I BUTIKEN ", TouchpointId(8), Channel::InPerson);
    lookups.customers = HashMap::from([(Email::parse("anna@example.se").unwrap(), CustomerId(3))]);
    let (events, rejected) = resolve_events(&records, &lookups);
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(events[0].touchpoint_id, TouchpointId(7));
    assert_eq!(events[0].occurred_at, DAY_2025_12_31 + 10 * 3600 + 900);
    assert_eq!(
        events[0].properties,
        r#"{"note":"Vill boka service","source":"import"}"#
    );
    assert_eq!(
        events[1].channel,
        Channel::InPerson,
        "the touchpoint's channel when the file has none"
    );
    assert_eq!(events[1].amount, Some(Money(123_450)));
    assert_eq!(events[1].customer_id, Some(CustomerId(3)));

    let (_, rejected) = resolve_events(&records, &Lookups::default());
    let lines: Vec<String> = rejected.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "line 2: there is no touchpoint named 'Ring för bokning' (create it on a journey first)",
            "line 3: there is no touchpoint named 'Besök i butiken' (create it on a journey first)",
        ]
    );
}

#[test]
fn column_mapping_by_hand_is_checked_against_the_file_and_the_kind() {
    let table = read_table("Kunde-mail,Hvem\nx@example.dk,X\n".as_bytes()).unwrap();
    let generic = Mapping::preset(Kind::Customers, Preset::Generic, &table);
    assert_eq!(generic.columns, [None, None]);
    let mapped = generic
        .clone()
        .with_spec(Kind::Customers, &table, "Kunde-mail=email, hvem=name")
        .unwrap();
    assert_eq!(mapped.columns, [Some(Field::Email), Some(Field::Name)]);
    let errors = [
        ("Nope=email", "the file has no column 'Nope'"),
        (
            "Hvem=touchpoint",
            "'touchpoint' is not a field of customers (use one of: email, name, first_name, last_name, phone, language, consent, acquisition_channel, acquisition_cost, created_at)",
        ),
        (
            "Hvem",
            "'Hvem' is not a mapping: write header=field, for example Email=email",
        ),
    ];
    for (spec, message) in errors {
        let e = generic
            .clone()
            .with_spec(Kind::Customers, &table, spec)
            .unwrap_err();
        assert_eq!(e.to_string(), message, "{spec}");
    }
    assert_eq!(
        generic.check(Kind::Customers).unwrap_err().to_string(),
        "no column is mapped to 'name', which this import needs"
    );
    let twice = Mapping {
        columns: vec![Some(Field::Email), Some(Field::Email)],
    };
    assert_eq!(
        twice.check(Kind::Customers),
        Err(MappingError::Twice("email"))
    );
    assert_eq!(
        mapped.check(Kind::Events).unwrap_err(),
        MappingError::Missing("touchpoint")
    );
}

#[test]
fn a_further_line_of_an_order_with_another_email_is_refused() {
    let table = read_table(
        "order;email;date;product;price\n\
         7;a@example.dk;2025-12-31;Bell;10\n\
         7;b@example.dk;;Lamp;20\n\
         8;a@example.dk;;Lamp;20\n\
         9;a@example.dk;2025-12-31;Lamp;0\n\
         10;a@example.dk;2025-12-31;;\n"
            .as_bytes(),
    )
    .unwrap();
    let v = run(Kind::Orders, Preset::Generic, &table, "");
    assert_eq!(
        report(&v),
        [
            "line 3: order 7 has e-mail b@example.dk here but another on line 2",
            "line 4: ordered_at is missing",
            "line 6: product is missing",
        ]
    );
}
