//! An event the API acknowledged is never lost (PRODUCT.md §2): the real `kunde serve` binary
//! on a fresh SQLite data directory takes batches over HTTP, is killed with SIGKILL right
//! after the last 2xx, and every acknowledged event is found in the database afterwards.

use kunde_domain::*;
use kunde_store::Store;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kunde");
const BATCHES: usize = 8;
const PER_BATCH: usize = 500;

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn kunde(data_dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    // The test's own settings only, whatever the environment says.
    for var in [
        "KUNDE_CONFIG",
        "KUNDE_DATABASE_URL",
        "KUNDE_ADDR",
        "KUNDE_DATA_DIR",
    ] {
        c.env_remove(var);
    }
    c.env("KUNDE_DATA_DIR", data_dir);
    c
}

/// A workspace with one touchpoint and one customer, written before the server starts.
async fn seed(url: &str) -> (TouchpointId, CustomerId) {
    let store = Store::connect(url).await.unwrap();
    let name = |s: &str| NonEmpty::parse("name", s).unwrap();
    let ws = NewWorkspace {
        name: name("Cykelværkstedet"),
        default_language: Language::Da,
        currency: "DKK".into(),
    };
    let owner = NewUser {
        name: name("Olivia"),
        email: Email::parse("owner@shop.test").unwrap(),
        role: Role::Owner,
        language: Language::Da,
        password: None,
    };
    let (ws, _) = store
        .create_workspace(&ws, &owner, "not-a-real-hash", 0)
        .await
        .unwrap();
    let journey = NewJourney {
        name: name("Repairs"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let j = store
        .create_journey(ws.id, &journey, &["Service"], 0)
        .await
        .unwrap();
    let stage = store.list_stages(ws.id, j.id).await.unwrap().remove(0);
    let tp = NewTouchpoint {
        stage_id: stage.id,
        name: name("Drop-off"),
        channel: Channel::InPerson,
        digital: false,
        owned: true,
        owner_id: None,
        customer_goal: String::new(),
        pain_points: String::new(),
        ideas: String::new(),
    };
    let tp = store.create_touchpoint(ws.id, &tp).await.unwrap();
    let customer = store
        .create_customer(ws.id, &NewCustomer::named(name("Anna"), 0))
        .await
        .unwrap();
    store.close().await;
    (tp.id, customer.id)
}

/// One HTTP/1.1 request on a fresh connection; the status and the body.
fn post(addr: &str, path: &str, key: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn every_acknowledged_event_survives_a_killed_server() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("kunde.sqlite").display());
    let (tp, customer) = seed(&url).await;

    // The key comes from the command line, as an owner would make one.
    let created = kunde(dir.path())
        .args([
            "api-key",
            "create",
            "--workspace-email",
            "owner@shop.test",
            "--name",
            "durability test",
        ])
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let key = String::from_utf8(created.stdout).unwrap().trim().to_owned();
    assert!(key.starts_with("kunde_sk_"), "{key}");

    let mut child = kunde(dir.path())
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix("Kunde is running at http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };

    let mut acknowledged = 0;
    for b in 0..BATCHES {
        let events: Vec<serde_json::Value> = (0..PER_BATCH)
            .map(|i| {
                serde_json::json!({
                    "customer_id": customer, "touchpoint_id": tp, "time": 1_767_225_600 + (b * PER_BATCH + i) as i64,
                    "amount": 100, "idempotency_key": format!("b{b}-e{i}"),
                })
            })
            .collect();
        let (status, body) = post(
            &addr,
            "/api/v1/events",
            &key,
            &serde_json::json!({ "events": events }).to_string(),
        );
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(&format!("\"stored\":{PER_BATCH}")), "{body}");
        acknowledged += PER_BATCH;
    }
    // SIGKILL at once after the last 2xx: no graceful shutdown, no chance to flush anything.
    server.0.kill().unwrap();
    let status = server.0.wait().unwrap();
    assert!(!status.success(), "the server was killed, not stopped");

    let store = Store::connect(&url).await.unwrap();
    let ws = store
        .find_user_by_email(&Email::parse("owner@shop.test").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user
        .workspace_id;
    let totals = store.workspace_totals(ws).await.unwrap();
    assert_eq!(totals.events, acknowledged as i64);
    let timeline = store.customer_timeline(ws, customer, 1).await.unwrap();
    assert_eq!(
        timeline[0].at,
        1_767_225_600 + (acknowledged - 1) as i64,
        "the last acknowledged event is there"
    );
    store.close().await;
}
