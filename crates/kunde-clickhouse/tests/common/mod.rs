//! What the differential tests share: a fresh ClickHouse database per test, and a small
//! deterministic generator.

#![allow(dead_code)]

use kunde_clickhouse::EventsBackend;

/// A backend on a database of its own, dropped again by [`Fresh::finish`]; `None` (with a
/// message) when no server is configured.
pub struct Fresh {
    pub backend: EventsBackend,
    pub admin: EventsBackend,
}

impl Fresh {
    pub async fn new(name: &str) -> Option<Self> {
        let Ok(url) = std::env::var("KUNDE_TEST_CLICKHOUSE_URL") else {
            eprintln!(
                "ClickHouse test `{name}` did not run: KUNDE_TEST_CLICKHOUSE_URL is not set \
                 (scripts/clickhouse-test-server starts a server and prints the URL)"
            );
            return None;
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let db = format!("kunde_test_{}_{}_{nanos}", name, std::process::id());
        let base = url.split('?').next().unwrap().trim_end_matches('/');
        let backend = EventsBackend::new(&format!("{base}/?database={db}")).unwrap();
        backend.ensure_schema().await.unwrap();
        let admin = EventsBackend::new(&format!("{base}/?database=default")).unwrap();
        Some(Self { backend, admin })
    }

    pub async fn finish(self) {
        self.admin
            .drop_database(self.backend.database())
            .await
            .unwrap();
    }
}

/// A small deterministic generator (xorshift), so a failure can be replayed by its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
