//! Landed migrations are immutable: a database that ran a migration never runs it again, so
//! an edit to a landed file would leave old and new installations with different schemas
//! (0004 was once edited after it landed). This test holds the SHA-256 of every migration
//! file of both backends and fails when one changes or disappears; a new migration adds its
//! line here when it lands.

use sha2::{Digest, Sha256};
use std::path::Path;

const LANDED: &[(&str, &str)] = &[
    (
        "migrations/postgres/0001_foundation.sql",
        "b217cca5d12269e151d528d2b8401c18b530af0dbd6404442744a0486ff8fd84",
    ),
    (
        "migrations/postgres/0002_api.sql",
        "91f7c9f79ea4da99b77ae1e26f3dd6bc2ef69616e4a1a5f11b846f3e846c1b10",
    ),
    (
        "migrations/postgres/0004_map.sql",
        "8c303f6716ea902f102b06dac80189aa9c11621c33dce8d4af42b05b2b2c63b5",
    ),
    (
        "migrations/postgres/0005_mail.sql",
        "1ed9e9a657698c7b74bfe236226130ac17629082daf48bf07319e864080e83c5",
    ),
    (
        "migrations/postgres/0006_surveys.sql",
        "5ec04227e0dd2ad4e649688c9258796d9624a35c1aa912df44a5c34fec31438f",
    ),
    (
        "migrations/postgres/0007_survey_results.sql",
        "d5c419f6218821cb82833df2540aff2fa726c20e246cc74192d1f89dafdbec89",
    ),
    (
        "migrations/postgres/0008_kb_calendar.sql",
        "fabe661e1ae517df833f28b3be8a6ed69278e4b29a5159a8409cefe226ea0f80",
    ),
    (
        "migrations/postgres/0009_cases.sql",
        "d4a8be9853b039dffae70edaf2d58cbd604318d03375458a091a55421bd2e14a",
    ),
    (
        "migrations/postgres/0010_ingest.sql",
        "8f99bd484940135d756fc661a605eb4fba3ae72efff6e301d1d942c54ac6e08b",
    ),
    (
        "migrations/postgres/0011_trust.sql",
        "fd153fc4fa7f20b5ee45ea157df2b239078f285825c93e321aa8cb93b0c2c3fc",
    ),
    (
        "migrations/postgres/0012_value.sql",
        "581b3203c0eab46abff63de3239f8fd2bb40099109c99d8fbf3b413f859ce145",
    ),
    (
        "migrations/postgres/0013_dashboard.sql",
        "ebb3a865e13dc5210d2e9487c3f206c8782077c206339445ef242be8f04a8432",
    ),
    (
        "migrations/postgres/0014_portal.sql",
        "4e6e2d7bb708be258056475d811d736d6d8cd281d5dbd696b0e055d9e0760650",
    ),
    (
        "migrations/postgres/0015_instances.sql",
        "53b2839387069c2582d2413f685d8320956c18491e56689422a6906ed11498b4",
    ),
    (
        "migrations/postgres/0016_trust_rest.sql",
        "2580f4140eeb23b6ab314bfdafffa9c5bcf1a27bd61d6e875791ac4c29c854ae",
    ),
    (
        "migrations/postgres/0017_accounts.sql",
        "636a3599305e712966c09b08b4ef253f92d884936c598e4ae840517bbb6ec6e3",
    ),
    (
        "migrations/postgres/0020_competitors.sql",
        "918bde79a048932cd46acd0d5c5ee0f7a31afab50f6e1f352f70f57f6474a894",
    ),
    (
        "migrations/postgres/0021_review_followups.sql",
        "e446b4313a6694eacf9fb1bcf73e0aaf1a872690f3d30bd2ebeb1359767d8469",
    ),
    (
        "migrations/postgres/0025_monthly_report.sql",
        "51dfaa10136de8363f21cc2cf806dc01f94942c91c8c7aeec7b57f9e3a353a1f",
    ),
    (
        "migrations/postgres/0028_staff_invitations.sql",
        "7ffd43dece4c9a66445e15af7332b4d5fd1cf97549212a1c2b73711f23e7c650",
    ),
    (
        "migrations/postgres/0018_portal_more.sql",
        "c7d11a3e6d6f6beef8c9126c56edcfd9e4ecc2d09853c178a2ce70b750bef890",
    ),
    (
        "migrations/postgres/0024_entry_mail.sql",
        "114873ebf932fd09ba02afb98e368d5ad95d2924d4d0698c21044cad794c23a1",
    ),
    (
        "migrations/sqlite/0001_foundation.sql",
        "55e78e3893a09b8d6b7b1c92ddb4356145e156f7322b25f5b3c96f486b5ff0a4",
    ),
    (
        "migrations/sqlite/0002_api.sql",
        "6f2a85426b4cd4ed17765d8dfd71880c189a60cc571bd52b497c3a9662dff357",
    ),
    (
        "migrations/sqlite/0004_map.sql",
        "0746dceca548daf3939e9f2f8442220f3aea98a3115254c586a9ab895324b1f1",
    ),
    (
        "migrations/sqlite/0005_mail.sql",
        "ff79cda62476773fe5803d08d9b051db2d5f4af3134f0e3f78a5b45634396939",
    ),
    (
        "migrations/sqlite/0006_surveys.sql",
        "236c5ca448dd883da4cae90f0995d3b13f869f6a6fd50f4a49a60286bb4e536e",
    ),
    (
        "migrations/sqlite/0007_survey_results.sql",
        "89bb8e9e73d8992d03b2f99d3dd9c217e06d886bca940cb6295ebf0dec2dd1c5",
    ),
    (
        "migrations/sqlite/0008_kb_calendar.sql",
        "5544ecdfcf24b39986b052074f64f526f6073ab8597580cb9caca5968f4555ca",
    ),
    (
        "migrations/sqlite/0009_cases.sql",
        "8d3ae6c03fb19f6e470ccf44b53b653560e37eef0c03f42772eeee44f4daf5a2",
    ),
    (
        "migrations/sqlite/0010_ingest.sql",
        "a17bc1524607c2f08228e2b1b2de650888aa495c214ff3a0f67ed237bd686c90",
    ),
    (
        "migrations/sqlite/0011_trust.sql",
        "23c74c393e60487d785692e62457d591482775d281634b0ed7f0d6fbf2723dbc",
    ),
    (
        "migrations/sqlite/0012_value.sql",
        "9e1e3f2fbe326f8e414bd398f7869300a7d9161fbd9f3ad332f2663d278928bf",
    ),
    (
        "migrations/sqlite/0013_dashboard.sql",
        "5d9ee6631ab9bf4d136ce2b7c2bfdea4983ea2dba1708af21b022f4666676075",
    ),
    (
        "migrations/sqlite/0014_portal.sql",
        "0a92825d304a8933e7d7772b95dcaf168e9c1607e0703240ff1439ba4360d5b0",
    ),
    (
        "migrations/sqlite/0015_instances.sql",
        "53b2839387069c2582d2413f685d8320956c18491e56689422a6906ed11498b4",
    ),
    (
        "migrations/sqlite/0016_trust_rest.sql",
        "2580f4140eeb23b6ab314bfdafffa9c5bcf1a27bd61d6e875791ac4c29c854ae",
    ),
    (
        "migrations/sqlite/0017_accounts.sql",
        "e0653752f618fb32aba1182449479724a859d619f67e9549dc055332b0129fce",
    ),
    (
        "migrations/sqlite/0020_competitors.sql",
        "1a1aa2ca406028b6640990ff5aab0894bc73bdf27c87b180f51dd23c30a6ec35",
    ),
    (
        "migrations/sqlite/0021_review_followups.sql",
        "4b1a6242769b7fd6871841f7cd88f18dded2faff11a734553c65465add671305",
    ),
    (
        "migrations/sqlite/0025_monthly_report.sql",
        "1a7cf410b42fd913c3ff759bd2b13c1b2d4d5e1974ee6a3bde572c09825bbb36",
    ),
    (
        "migrations/sqlite/0028_staff_invitations.sql",
        "a6dd1b7d8c5fee1d0d6a95d888945d923c1893235c1610741786d3e9328a4e0f",
    ),
    (
        "migrations/sqlite/0018_portal_more.sql",
        "ebc405cebf8c1f5f6a0115f05fd2552f953d0b4591a46046eb7897b98adb7f41",
    ),
    (
        "migrations/sqlite/0024_entry_mail.sql",
        "114873ebf932fd09ba02afb98e368d5ad95d2924d4d0698c21044cad794c23a1",
    ),
    (
        "migrations/postgres/0029_signups.sql",
        "79eed5d956a8e3843382baf3f65f98a6e26b8d88d86f50452d7e65f0fe59cc7d",
    ),
    (
        "migrations/sqlite/0029_signups.sql",
        "03708e21e31788c938e222a5f5ae4f20598125e99f6501b4e96eae1d5f50ea08",
    ),
    (
        "migrations/postgres/0026_anonymous_cases.sql",
        "248d8598239a2b27af171c62d1a7b07b1c8660450f58c083df49db67aea66c4e",
    ),
    (
        "migrations/postgres/0027_mail_and_contact.sql",
        "836b668cd86c415e79eb0e62e001fdd3a365e2269a817350e69c35e9a62bcc1c",
    ),
    (
        "migrations/sqlite/0027_mail_and_contact.sql",
        "0a17d70e53030f2aec718123a2643fbaea35320c5ac439f66fd7f328669a2ef6",
    ),
    (
        "migrations/sqlite/0026_anonymous_cases.sql",
        "4e716b2c7fadc575afa643f1301f0769c5afc8fa5980b5fdb232cf3e4472cd14",
    ),
    (
        "migrations/postgres/0031_rule_segments.sql",
        "a191b274d107092f6a63d5d3bd24d1d144968521dbb88e74aeffe3d88a2071e1",
    ),
    (
        "migrations/sqlite/0031_rule_segments.sql",
        "a191b274d107092f6a63d5d3bd24d1d144968521dbb88e74aeffe3d88a2071e1",
    ),
    (
        "migrations/postgres/0034_demand_thanks.sql",
        "97f0033c632c5c2acc7a56ca4d1b9b1b28e4e1603085e32fe8b9e02ea5cab29e",
    ),
    (
        "migrations/sqlite/0034_demand_thanks.sql",
        "e227e07607e5ba21622f898e10644674615450d26057b05ee16809d36d53d943",
    ),
    (
        "migrations/postgres/0037_analytics_changes.sql",
        "4a66fa21fce1cf4e76f9d043f577d9b64bd8ef95b4a4aed4030abb628c4d6b69",
    ),
    (
        "migrations/sqlite/0037_analytics_changes.sql",
        "57b0603aef958b0c6b9a6b7902b535f72101b62d8f6877f3d84a73e722da421e",
    ),
    (
        "migrations/postgres/0032_campaigns.sql",
        "ad64257ced8a5aa1a7533f7df0832fed06f0ad12b9a9d38d2db89b1a2df04fff",
    ),
    (
        "migrations/sqlite/0032_campaigns.sql",
        "06d2d712a998b8f04694498abdaafa3b3b321a0e62a6c5da1694eb33902b5889",
    ),
    (
        "migrations/postgres/0033_discount_codes.sql",
        "88b13965a3542f633465388aab73c87830ba5152d342b721f36147ce13b53bb8",
    ),
    (
        "migrations/sqlite/0033_discount_codes.sql",
        "88b13965a3542f633465388aab73c87830ba5152d342b721f36147ce13b53bb8",
    ),
    (
        "migrations/postgres/0036_events_forward_leases.sql",
        "7e4b3556e304a9b80c969ad813c46fe940afb4e067d98cc1ff6a67a676069148",
    ),
    (
        "migrations/sqlite/0036_events_forward_leases.sql",
        "7e4b3556e304a9b80c969ad813c46fe940afb4e067d98cc1ff6a67a676069148",
    ),
    (
        "migrations/postgres/0035_campaign_clicks.sql",
        "3416b725886928944c688a53ba8d83c73beb9534c26b435ed93eb5a5c28d7d7e",
    ),
    (
        "migrations/sqlite/0035_campaign_clicks.sql",
        "65f1f91060cbfc9309c2df53822e611e868922658434b211357a84960561b8fb",
    ),
];

#[test]
fn landed_migrations_are_never_edited() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, expected) in LANDED {
        let bytes = std::fs::read(root.join(path))
            .unwrap_or_else(|e| panic!("{path}: a landed migration is missing ({e})"));
        let actual = hex::encode(Sha256::digest(&bytes));
        assert_eq!(
            &actual, expected,
            "{path}: a landed migration was edited; add a new migration instead"
        );
    }
}

#[test]
fn every_migration_file_is_listed_and_both_backends_have_the_same_numbers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut numbers = Vec::new();
    for backend in ["sqlite", "postgres"] {
        let mut files: Vec<String> = std::fs::read_dir(root.join("migrations").join(backend))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        for f in &files {
            let path = format!("migrations/{backend}/{f}");
            assert!(
                LANDED.iter().any(|(p, _)| *p == path),
                "{path}: a migration that is not listed in tests/migrations.rs; add its SHA-256 there when it lands"
            );
        }
        numbers.push(
            files
                .iter()
                .map(|f| f.split('_').next().unwrap().to_owned())
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(
        numbers[0], numbers[1],
        "sqlite and postgres migrations differ in numbering"
    );
    assert!(
        !numbers[0].iter().any(|n| n == "0003"),
        "0003 was never used and must stay unused"
    );
}

/// Migration 0026 rebuilds `cases` on SQLite (customer may be NULL). Migrations run in a
/// transaction with foreign keys on, where dropping the old table would first delete every
/// entry, attachment, grant and escalation of every case by cascade; this test fills a
/// database migrated up to 0025 and checks that all of it is still there afterwards, that
/// the foreign keys still hold and cascade, and that a case may now have no customer.
#[tokio::test]
async fn rebuilding_cases_keeps_their_entries_attachments_grants_and_escalations() {
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    use std::str::FromStr;
    let options = SqliteConnectOptions::from_str("sqlite::memory:")
        .unwrap()
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    let full = sqlx::migrate!("./migrations/sqlite");
    let mut before = sqlx::migrate!("./migrations/sqlite");
    before.migrations = before
        .migrations
        .iter()
        .filter(|m| m.version < 26)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&pool).await.unwrap();
    for sql in [
        "INSERT INTO workspaces VALUES (1, 'w', 'en', 'DKK', 0)",
        "INSERT INTO customers VALUES (1, 1, 'Anna', NULL, NULL, 'en', 0, NULL, 0, 0)",
        "INSERT INTO case_categories VALUES (1, 1, NULL, 'c', 1, 1)",
        "INSERT INTO cases (id, workspace_id, customer_id, category_id, subject, description, status,
                priority, source, created_at, first_response_warn, first_response_due,
                resolution_warn, resolution_due, root_cause_note, is_idea, idea_note,
                rating_token_hash, escalation_claimed_by)
         VALUES (7, 1, 1, 1, 's', 'd', 'new', 'low', 'staff', 5, 6, 7, 8, 9, '', 0, '', 'h', 'i1')",
        "INSERT INTO case_entries (id, workspace_id, case_id, kind, body, created_at, outbox_id)
         VALUES (3, 1, 7, 'reply', 'hello', 5, 42)",
        "INSERT INTO case_attachments (workspace_id, case_id, file_name, content_type, size, data, created_at)
         VALUES (1, 7, 'f.txt', 'text/plain', 1, 'eA==', 5)",
        "INSERT INTO case_grants (workspace_id, case_id, kind, amount, note, status, requested_at)
         VALUES (1, 7, 'refund', 500, '', 'pending', 5)",
        "INSERT INTO case_escalations VALUES (1, 7, 'first_warn', 5)",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    full.run(&pool).await.unwrap();

    let count = |table: &'static str| {
        let pool = pool.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {table} WHERE case_id = 7"
            )))
            .fetch_one(&pool)
            .await
            .unwrap();
            n
        }
    };
    for table in [
        "case_entries",
        "case_attachments",
        "case_grants",
        "case_escalations",
    ] {
        assert_eq!(count(table).await, 1, "{table} lost its rows");
    }
    let kept: (i64, String, String, i64) = sqlx::query_as(
        "SELECT c.customer_id, c.escalation_claimed_by, e.body, e.outbox_id
         FROM cases c JOIN case_entries e ON e.case_id = c.id WHERE c.id = 7",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(kept, (1, "i1".into(), "hello".into(), 42));
    let broken: Vec<(String, i64, String, i64)> = sqlx::query_as("PRAGMA foreign_key_check")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('cases_workspace',
         'cases_customer', 'cases_open', 'case_entries_case', 'case_attachments_case',
         'case_grants_case', 'case_grants_pending')",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(indexes.len(), 7, "{indexes:?}");

    // A case without a customer is accepted now; an entry of a missing case still is not,
    // and deleting a case still takes its rows with it.
    sqlx::query(
        "INSERT INTO cases (id, workspace_id, customer_id, category_id, subject, description, status,
                priority, source, created_at, first_response_warn, first_response_due,
                resolution_warn, resolution_due, root_cause_note, is_idea, idea_note)
         VALUES (8, 1, NULL, 1, 's', 'd', 'new', 'low', 'staff', 5, 6, 7, 8, 9, '', 0, '')",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert!(
        sqlx::query(
            "INSERT INTO case_entries (workspace_id, case_id, kind, body, created_at)
             VALUES (1, 99, 'note', 'x', 5)"
        )
        .execute(&pool)
        .await
        .is_err()
    );
    sqlx::query("DELETE FROM cases WHERE id = 7")
        .execute(&pool)
        .await
        .unwrap();
    for table in [
        "case_entries",
        "case_attachments",
        "case_grants",
        "case_escalations",
    ] {
        assert_eq!(count(table).await, 0, "{table} kept rows of a deleted case");
    }
}
