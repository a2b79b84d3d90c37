//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database on the
//! server named by `KUNDE_TEST_DATABASE_URL` (CI always sets it). Used by this crate's store
//! suite and by the web crate's tests, so both run on both backends the same way.

use crate::{Result, Store, with_pool};
use std::path::PathBuf;

/// The environment variable naming the PostgreSQL server for tests, such as
/// `postgres://postgres@127.0.0.1:5432/test`.
pub const PG_ENV: &str = "KUNDE_TEST_DATABASE_URL";

/// A store on a database of its own, removed when dropped.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    PgDatabase { admin_url: String, name: String },
}

impl TestDb {
    pub async fn sqlite() -> Result<Self> {
        let dir =
            std::env::temp_dir().join(format!("kunde-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| crate::StoreError::Database(sqlx::Error::Io(e)))?;
        let url = format!("sqlite://{}", dir.join("kunde.sqlite").display());
        let store = Store::connect(&url).await?;
        Ok(Self {
            store,
            url,
            cleanup: Cleanup::Dir(dir),
        })
    }

    /// A fresh PostgreSQL database, or None when no test server is configured.
    pub async fn postgres() -> Result<Option<Self>> {
        let Ok(admin_url) = std::env::var(PG_ENV) else {
            return Ok(None);
        };
        let name = format!("kunde_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Store::open(&admin_url).await?;
        with_pool!(admin, pool => {
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(pool).await?;
        });
        admin.close().await;
        let url = replace_database(&admin_url, &name);
        let store = Store::connect(&url).await?;
        Ok(Some(Self {
            store,
            url,
            cleanup: Cleanup::PgDatabase { admin_url, name },
        }))
    }
}

/// `postgres://u@h:p/db?x` with `db` replaced by `name`.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PgDatabase { admin_url, name } => {
                // The test's pool is driven by the test's runtime, which is blocked here, so it
                // cannot be closed politely: `WITH (FORCE)` ends its connections instead. The
                // drop runs on a thread and runtime of its own so it works from any context.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
                    rt.block_on(async move {
                        if let Ok(admin) = Store::open(&admin_url).await {
                            let _ = with_pool!(admin, pool => {
                                sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                                    .execute(pool)
                                    .await
                                    .map(|_| ())
                            });
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Instantiates store tests for both backends: each named `async fn test(store: &Store)` of
/// the calling file runs once on a fresh SQLite database (`mod sqlite`) and once on a fresh
/// PostgreSQL database (`mod postgres`), the latter only when [`PG_ENV`] names a server (CI
/// always does). Every store test file uses this one macro, so the two backends are always
/// tested alike.
#[macro_export]
macro_rules! store_suite {
    // `db:` first: each test takes the whole `&TestDb` (for raw SQL, backups), not the store.
    (db: $($test:ident),* $(,)?) => {
        mod sqlite {$(
            #[tokio::test]
            async fn $test() {
                let db = $crate::testing::TestDb::sqlite().await.expect("sqlite test database");
                super::$test(&db).await;
            }
        )*}
        mod postgres {$(
            #[tokio::test]
            async fn $test() {
                let Some(db) = $crate::testing::TestDb::postgres().await.expect("postgres test database") else {
                    eprintln!("{} is not set: PostgreSQL half of the suite not run here", $crate::testing::PG_ENV);
                    return;
                };
                super::$test(&db).await;
            }
        )*}
    };
    ($($test:ident),* $(,)?) => {
        mod sqlite {$(
            #[tokio::test]
            async fn $test() {
                let db = $crate::testing::TestDb::sqlite().await.expect("sqlite test database");
                super::$test(&db.store).await;
            }
        )*}
        mod postgres {$(
            #[tokio::test]
            async fn $test() {
                let Some(db) = $crate::testing::TestDb::postgres().await.expect("postgres test database") else {
                    eprintln!("{} is not set: PostgreSQL half of the suite not run here", $crate::testing::PG_ENV);
                    return;
                };
                super::$test(&db.store).await;
            }
        )*}
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_names_are_replaced_in_urls() {
        use super::replace_database as r;
        assert_eq!(
            r("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            r("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(r("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
