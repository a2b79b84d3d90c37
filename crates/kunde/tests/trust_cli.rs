//! Privacy requests from the shell, with the real `kunde` binary on both databases:
//! `kunde customer export` writes a ZIP, `kunde customer erase` erases, and an erasure
//! survives `kunde backup` → erase → `kunde restore` (issue 18).

use kunde_domain::*;
use kunde_store::Store;
use kunde_store::testing::TestDb;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kunde");

fn kunde(url: &str, data_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut c = Command::new(BIN);
    for var in [
        "KUNDE_CONFIG",
        "KUNDE_DATABASE_URL",
        "KUNDE_ADDR",
        "KUNDE_DATA_DIR",
    ] {
        c.env_remove(var);
    }
    c.env("KUNDE_DATABASE_URL", url)
        .env("KUNDE_DATA_DIR", data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("kunde runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "kunde failed: {text}");
    text
}

/// A business with its owner and two customers; returns the customers.
async fn seed(store: &Store) -> (WorkspaceId, CustomerId, CustomerId) {
    let name = |s: &str| NonEmpty::parse("name", s).unwrap();
    let (ws, _) = store
        .create_workspace(
            &NewWorkspace {
                name: name("Cykelværkstedet"),
                default_language: Language::Da,
                currency: "DKK".into(),
            },
            &NewUser {
                name: name("Olivia"),
                email: Email::parse("owner@shop.test").unwrap(),
                role: Role::Owner,
                language: Language::Da,
                password: None,
            },
            "not-a-real-hash",
            0,
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (n, e) in [
        ("Kirstine Vestergaard", "kirstine@shop.test"),
        ("Bo Nielsen", "bo@shop.test"),
    ] {
        let c = store
            .create_customer(
                ws.id,
                &NewCustomer {
                    email: Some(Email::parse(e).unwrap()),
                    language: Language::Da,
                    ..NewCustomer::named(name(n), 0)
                },
            )
            .await
            .unwrap();
        ids.push(c.id);
    }
    (ws.id, ids[0], ids[1])
}

async fn an_erasure_survives_a_restore(db: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let (ws, kirstine, bo) = seed(&db.store).await;
    // Only the commands use the database from here (a restore replaces it under them).
    db.store.close().await;
    let url = db.url.clone();
    let backup = dir.path().join("before.backup");
    ok(&kunde(
        &url,
        dir.path(),
        &["backup", backup.to_str().unwrap()],
        "",
    ));

    let zip = dir.path().join("kirstine.zip");
    let who = [
        "--workspace-email",
        "owner@shop.test",
        "--email",
        "kirstine@shop.test",
    ];
    let mut args = vec!["customer", "export"];
    args.extend(who);
    args.push(zip.to_str().unwrap());
    ok(&kunde(&url, dir.path(), &args, ""));
    let bytes = std::fs::read(&zip).unwrap();
    assert!(bytes.starts_with(b"PK"), "a ZIP file");

    // Without --yes, anything but "yes" erases nothing.
    let mut args = vec!["customer", "erase"];
    args.extend(who);
    let refused = kunde(&url, dir.path(), &args, "no\n");
    assert!(!refused.status.success());
    let store = Store::connect(&url).await.unwrap();
    assert!(!store.is_erased(ws, kirstine).await.unwrap());
    store.close().await;

    args.push("--yes");
    let text = ok(&kunde(&url, dir.path(), &args, ""));
    assert!(text.contains("removes their name"), "{text}");

    let text = ok(&kunde(
        &url,
        dir.path(),
        &["restore", backup.to_str().unwrap()],
        "",
    ));
    assert!(text.contains("1 erasure(s)"), "{text}");

    let store = Store::connect(&url).await.unwrap();
    let c = store.get_customer(ws, kirstine).await.unwrap();
    assert_eq!(c.name, kunde_store::erased_name(kirstine));
    assert_eq!(c.email, None);
    assert!(store.is_erased(ws, kirstine).await.unwrap());
    assert_eq!(store.get_customer(ws, bo).await.unwrap().name, "Bo Nielsen");
    store.close().await;

    // Restoring again (the erasure now in both) changes nothing.
    let text = ok(&kunde(
        &url,
        dir.path(),
        &["restore", backup.to_str().unwrap()],
        "",
    ));
    assert!(
        text.contains("1 erasure(s)"),
        "the backup predates it: {text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sqlite_an_erasure_survives_a_restore() {
    let db = TestDb::sqlite().await.unwrap();
    an_erasure_survives_a_restore(db).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_an_erasure_survives_a_restore() {
    let Some(db) = TestDb::postgres().await.unwrap() else {
        eprintln!(
            "{} is not set: PostgreSQL run skipped",
            kunde_store::testing::PG_ENV
        );
        return;
    };
    an_erasure_survives_a_restore(db).await;
}
