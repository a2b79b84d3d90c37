//! `kunde import` run as the real binary on a temporary SQLite data directory: a good file is
//! imported with a summary, a malformed one is refused with a line-by-line report, a non-zero
//! exit code and nothing stored, and a dry run stores nothing.

use std::path::Path;
use std::process::{Command, Output};

fn kunde(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kunde"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("KUNDE_TEST_PASSWORD", "correct horse battery")
        .env_remove("KUNDE_DATABASE_URL")
        .env_remove("KUNDE_CONFIG")
        .output()
        .expect("the kunde binary runs")
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../kunde-import/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = kunde(
        dir.path(),
        &[
            "user",
            "create",
            "--workspace",
            "Cykelsmeden",
            "--name",
            "Ole",
            "--email",
            "ole@cykelsmeden.test",
            "--role",
            "owner",
            "--password-env",
            "KUNDE_TEST_PASSWORD",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir
}

#[test]
fn a_good_danish_file_is_imported_and_a_second_run_skips_known_customers() {
    let dir = setup();
    let args = [
        "import",
        "customers",
        &fixture("customers_da.csv"),
        "--workspace-email",
        "ole@cykelsmeden.test",
        "--map",
        "Anskaffelsespris=acquisition_cost",
    ];
    let out = kunde(dir.path(), &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "imported 3 customers into Cykelsmeden"
    );

    let again = kunde(dir.path(), &args);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(
        text(&again.stdout).trim(),
        "imported 0 customers into Cykelsmeden; 3 skipped (e-mail already present)"
    );

    let orders = kunde(
        dir.path(),
        &[
            "import",
            "orders",
            &fixture("shopify_orders.csv"),
            "--workspace-email",
            "ole@cykelsmeden.test",
            "--preset",
            "shopify",
        ],
    );
    assert!(orders.status.success(), "{}", text(&orders.stderr));
    assert_eq!(
        text(&orders.stdout).trim(),
        "imported 2 orders into Cykelsmeden"
    );
}

#[test]
fn a_malformed_file_is_refused_with_every_bad_line_and_nothing_is_stored() {
    let dir = setup();
    let out = kunde(
        dir.path(),
        &[
            "import",
            "customers",
            &fixture("customers_malformed.csv"),
            "--workspace-email",
            "ole@cykelsmeden.test",
            "--map",
            "Created=created_at",
        ],
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("7 of 8 rows rejected; nothing was imported:"),
        "{stderr}"
    );
    for line in [
        "line 3: email:",
        "line 4: created_at:",
        "line 6: language:",
        "line 7: expected 5 columns, found 2",
        "line 8: the e-mail address anna@example.com is already on line 2",
        "line 9: phone:",
        "line 10: name is missing",
    ] {
        assert!(stderr.contains(line), "{line} missing from:\n{stderr}");
    }
    // Anna's good row was not stored either: importing the file's good row alone now works.
    let good = dir.path().join("anna.csv");
    std::fs::write(&good, "Name,Email\nAnna,anna@example.com\n").unwrap();
    let out = kunde(
        dir.path(),
        &[
            "import",
            "customers",
            good.to_str().unwrap(),
            "--workspace-email",
            "ole@cykelsmeden.test",
        ],
    );
    assert_eq!(
        text(&out.stdout).trim(),
        "imported 1 customers into Cykelsmeden",
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_dry_run_checks_but_stores_nothing_and_only_an_owner_may_import() {
    let dir = setup();
    let file = fixture("customers_da.csv");
    let base = [
        "import",
        "customers",
        file.as_str(),
        "--map",
        "Anskaffelsespris=acquisition_cost",
    ];
    let dry = kunde(
        dir.path(),
        &[
            &base[..],
            &["--workspace-email", "ole@cykelsmeden.test", "--dry-run"],
        ]
        .concat(),
    );
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert_eq!(
        text(&dry.stdout).trim(),
        "dry run: 3 customers in 3 rows would be imported into Cykelsmeden"
    );
    let real = kunde(
        dir.path(),
        &[&base[..], &["--workspace-email", "ole@cykelsmeden.test"]].concat(),
    );
    assert_eq!(
        text(&real.stdout).trim(),
        "imported 3 customers into Cykelsmeden",
        "the dry run stored nothing"
    );

    let stranger = kunde(
        dir.path(),
        &[&base[..], &["--workspace-email", "nobody@cykelsmeden.test"]].concat(),
    );
    assert!(!stranger.status.success());
    assert!(text(&stranger.stderr).contains("no owner with e-mail nobody@cykelsmeden.test"));

    let bad_map = kunde(
        dir.path(),
        &[
            "import",
            "events",
            &fixture("events_sv.tsv"),
            "--workspace-email",
            "ole@cykelsmeden.test",
            "--map",
            "Kanal=colour",
        ],
    );
    assert!(!bad_map.status.success());
    assert!(
        text(&bad_map.stderr).contains("'colour' is not a field of events"),
        "{}",
        text(&bad_map.stderr)
    );
}

#[test]
fn spend_is_imported_all_or_nothing_with_bad_rows_named() {
    let dir = setup();
    let bad = dir.path().join("bad_spend.csv");
    std::fs::write(
        &bad,
        "channel,month,amount\nads,2025-01,300\nflyers,May,20\n",
    )
    .unwrap();
    let args = |file: &Path| {
        vec![
            "import".to_owned(),
            "spend".to_owned(),
            file.display().to_string(),
            "--workspace-email".to_owned(),
            "ole@cykelsmeden.test".to_owned(),
        ]
    };
    let a: Vec<String> = args(&bad);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let out = kunde(dir.path(), &a);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("line 3: the month must be written YYYY-MM"),
        "{err}"
    );
    let good = dir.path().join("spend.csv");
    std::fs::write(
        &good,
        "channel,month,amount\nads,2025-01,300\nflyers,2025-05,20\n",
    )
    .unwrap();
    let a: Vec<String> = args(&good);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let out = kunde(dir.path(), &a);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("imported 2 spend rows into Cykelsmeden"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn invoices_are_imported_all_or_nothing_and_a_second_run_updates() {
    let dir = setup();
    let customers = kunde(
        dir.path(),
        &[
            "import",
            "customers",
            &fixture("customers_da.csv"),
            "--workspace-email",
            "ole@cykelsmeden.test",
        ],
    );
    assert!(customers.status.success(), "{}", text(&customers.stderr));
    let email = std::fs::read_to_string(fixture("customers_da.csv"))
        .unwrap()
        .lines()
        .nth(1)
        .and_then(|l| {
            l.split([';', ','])
                .find(|f| f.contains('@'))
                .map(str::to_owned)
        })
        .expect("the fixture has an e-mail");
    let file = dir.path().join("invoices.csv");
    let write = |body: &str| std::fs::write(&file, body).unwrap();
    let run = || {
        kunde(
            dir.path(),
            &[
                "import",
                "invoices",
                file.to_str().unwrap(),
                "--workspace-email",
                "ole@cykelsmeden.test",
            ],
        )
    };
    // One good row and one with an unknown customer: nothing is stored, the bad line named.
    write(&format!(
        "number,customer_email,issued,due,amount,paid_at\n\
         F-1,{email},2026-01-05,2026-01-19,1250.00,\n\
         F-2,nobody@example.test,2026-01-06,2026-01-20,99.00,\n"
    ));
    let out = run();
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("line 3:") && err.contains("nothing was imported"),
        "{err}"
    );
    write(&format!(
        "number,customer_email,issued,due,amount,paid_at\n\
         F-1,{email},2026-01-05,2026-01-19,1250.00,\n"
    ));
    let out = run();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 new, 0 updated"),
        "{}",
        text(&out.stdout)
    );
    // The same number again, now paid: updated, not duplicated.
    write(&format!(
        "number,customer_email,issued,due,amount,paid_at\n\
         F-1,{email},2026-01-05,2026-01-19,1250.00,2026-01-15\n"
    ));
    let out = run();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 new, 1 updated"),
        "{}",
        text(&out.stdout)
    );
}
