//! Migration 0028: people invited before invitations had a table of their own were user rows
//! without a password. On both backends, a database that holds such a row at migration 0025
//! comes out of `Store::connect` with the row moved to `staff_invitations` — same address,
//! role, language, link and inviter — and no user left behind, so the address is free to
//! accept; a real user stays untouched.

use kunde_domain::*;
use kunde_store::Store;
use sqlx::migrate::Migrator;
use std::borrow::Cow;
use std::path::Path;

const NOW: i64 = 1_760_000_000;

/// The statements that leave a database as an invitation made before 0028 did.
const LEGACY: &[&str] = &[
    "INSERT INTO workspaces (name, default_language, currency, created_at)
     VALUES ('Cykel', 'da', 'DKK', 1759000000)",
    "INSERT INTO users (workspace_id, name, email, password_hash, role, language, active, created_at)
     SELECT id, 'Mette', 'mette@cykel.dk', '$argon2id$x', 'owner', 'da', TRUE, 1759000000
     FROM workspaces",
    "INSERT INTO users (workspace_id, name, email, password_hash, role, language, active,
                        invite_token_hash, invite_expires_at, created_at)
     SELECT id, 'Jonas', 'jonas@cykel.dk', NULL, 'staff', 'sv', FALSE, 'legacy-hash', 1760000100,
            1759500000
     FROM workspaces",
    "INSERT INTO audit_log (workspace_id, at, actor_user_id, actor_label, action, target_kind,
                           target_id, detail)
     SELECT w.id, 1759500000, m.id, 'Mette', 'user.invite', 'user', j.id, 'role=staff'
     FROM workspaces w, users m, users j
     WHERE m.email = 'mette@cykel.dk' AND j.email = 'jonas@cykel.dk'",
];

/// The landed migrations of `dir` up to and including `last`.
async fn migrator_up_to(dir: &str, last: i64) -> Migrator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut m = Migrator::new(path).await.unwrap();
    let kept: Vec<_> = m
        .migrations
        .iter()
        .filter(|x| x.version <= last)
        .cloned()
        .collect();
    m.migrations = Cow::Owned(kept);
    m
}

async fn check(store: &Store) {
    let ws = store.list_workspaces().await.unwrap()[0].id;
    let users = store.list_users(ws).await.unwrap();
    assert_eq!(users.len(), 1, "only the real user is left");
    assert_eq!(users[0].email.as_str(), "mette@cykel.dk");
    let pending = store.list_staff_invitations(ws).await.unwrap();
    assert_eq!(pending.len(), 1);
    let i = &pending[0];
    assert_eq!(i.email.as_str(), "jonas@cykel.dk");
    assert_eq!(i.name, "Jonas");
    assert_eq!(i.role, Role::Staff);
    assert_eq!(i.language, Language::Sv);
    assert_eq!(i.expires_at, 1_760_000_100);
    assert_eq!(
        i.invited_by,
        Some(users[0].id),
        "the inviter, from the audit trail"
    );
    // The link sent before the migration still opens it, and the address is free.
    let (found, taken) = store
        .find_staff_invitation("legacy-hash", NOW)
        .await
        .unwrap()
        .expect("the old link works");
    assert_eq!(found.id, i.id);
    assert!(!taken);
    let joined = store
        .accept_staff_invitation("legacy-hash", "$argon2id$new", NOW)
        .await
        .unwrap();
    assert!(matches!(joined, kunde_store::Acceptance::Joined(ref u) if u.active));
    assert_eq!(store.list_users(ws).await.unwrap().len(), 2);
}

#[tokio::test]
async fn invited_user_rows_move_to_invitations_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("kunde-mig28-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("old.sqlite").display());
    {
        let options = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(&url)
            .unwrap()
            .create_if_missing(true)
            .foreign_keys(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        migrator_up_to("migrations/sqlite", 25)
            .await
            .run(&pool)
            .await
            .unwrap();
        for sql in LEGACY {
            sqlx::query(sqlx::AssertSqlSafe(*sql))
                .execute(&pool)
                .await
                .unwrap();
        }
        pool.close().await;
    }
    let store = Store::connect(&url).await.unwrap();
    check(&store).await;
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn invited_user_rows_move_to_invitations_on_postgres() {
    let Ok(admin_url) = std::env::var("KUNDE_TEST_DATABASE_URL") else {
        eprintln!("KUNDE_TEST_DATABASE_URL is not set: the PostgreSQL half was skipped");
        return;
    };
    let name = format!("kunde_mig28_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&admin)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        migrator_up_to("migrations/postgres", 25)
            .await
            .run(&pool)
            .await
            .unwrap();
        for sql in LEGACY {
            sqlx::query(sqlx::AssertSqlSafe(*sql))
                .execute(&pool)
                .await
                .unwrap();
        }
        pool.close().await;
    }
    let store = Store::connect(&url).await.unwrap();
    check(&store).await;
    store.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
}
