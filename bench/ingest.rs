//! Ingestion benchmark (not a test): starts the real `kunde serve` on a fresh SQLite data
//! directory (WAL, synchronous=FULL: every acknowledged batch is on disk), posts batches of
//! events over HTTP from a few concurrent keep-alive clients, and prints events per second.
//! Afterwards it kills the server with SIGKILL and counts the events in the database, so the
//! figure is for events that were durably stored.
//!
//! Run it with `bench/ingest.sh [--clients N] [--batches N] [--batch-size N] [--sql STATEMENT]`.
//! `--sql` runs a statement on the seeded database first (with the `sqlite3` shell), for comparisons: for example
//! `--sql "CREATE INDEX events_time ON events(workspace_id, occurred_at)"` puts back an index
//! of an older schema.

use kunde_domain::*;
use kunde_store::{ApiKeyKind, Store};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Options {
    kunde: String,
    clients: usize,
    batches: usize,
    batch_size: usize,
    /// SQL run on the seeded database before the server starts (for comparisons, e.g. the
    /// indexes an older schema had).
    sql: Vec<String>,
}

fn options() -> Options {
    let mut o = Options {
        kunde: "target/release/kunde".into(),
        clients: 4,
        batches: 50,
        batch_size: 1000,
        sql: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--kunde" => o.kunde = value,
            "--clients" => o.clients = value.parse().expect("--clients N"),
            "--batches" => o.batches = value.parse().expect("--batches N (per client)"),
            "--batch-size" => o.batch_size = value.parse().expect("--batch-size N"),
            "--sql" => o.sql.push(value),
            other => panic!(
                "unknown option {other}: use --kunde PATH --clients N --batches N --batch-size N --sql STATEMENT"
            ),
        }
    }
    o
}

/// A workspace with a few touchpoints and customers, and a secret key.
async fn seed(url: &str) -> (Vec<i64>, Vec<i64>, String) {
    let store = Store::connect(url).await.unwrap();
    let name = |s: &str| NonEmpty::parse("name", s).unwrap();
    let ws = NewWorkspace {
        name: name("Benchmark"),
        default_language: Language::En,
        currency: "DKK".into(),
    };
    let owner = NewUser {
        name: name("Owner"),
        email: Email::parse("owner@bench.test").unwrap(),
        role: Role::Owner,
        language: Language::En,
        password: None,
    };
    let (ws, _) = store
        .create_workspace(&ws, &owner, "not-a-real-hash", 0)
        .await
        .unwrap();
    let journey = NewJourney {
        name: name("Web shop"),
        description: String::new(),
        variant: JourneyVariant::AsIs,
        counterpart_of: None,
        parent_id: None,
    };
    let j = store
        .create_journey(ws.id, &journey, &DEFAULT_STAGES, 0)
        .await
        .unwrap();
    let mut touchpoints = Vec::new();
    for (i, stage) in store
        .list_stages(ws.id, j.id)
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        let tp = NewTouchpoint {
            stage_id: stage.id,
            name: name(&format!("Touchpoint {i}")),
            channel: Channel::Web,
            digital: true,
            owned: true,
            owner_id: None,
            customer_goal: String::new(),
            pain_points: String::new(),
            ideas: String::new(),
        };
        touchpoints.push(store.create_touchpoint(ws.id, &tp).await.unwrap().id.0);
    }
    let mut customers = Vec::new();
    for i in 0..500 {
        customers.push(
            store
                .create_customer(
                    ws.id,
                    &NewCustomer::named(name(&format!("Customer {i}")), 0),
                )
                .await
                .unwrap()
                .id
                .0,
        );
    }
    let (_, key) = store
        .create_api_key(ws.id, &name("bench"), ApiKeyKind::Secret, None, 0)
        .await
        .unwrap();
    store.close().await;
    (touchpoints, customers, key)
}

/// One batch as the HTTP request bytes, events with idempotency keys, amounts and properties
/// like a web shop's.
fn request(addr: &str, key: &str, body: &str) -> Vec<u8> {
    format!(
        "POST /api/v1/events HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn batch_body(client: usize, batch: usize, size: usize, tps: &[i64], customers: &[i64]) -> String {
    let events: Vec<serde_json::Value> = (0..size)
        .map(|i| {
            let n = (client * 1_000_003 + batch * 7919 + i * 31) % 1_000_000;
            serde_json::json!({
                "customer_id": customers[n % customers.len()],
                "touchpoint_id": tps[n % tps.len()],
                "time": 1_767_225_600 - (n as i64) * 60,
                "amount": if i % 10 == 0 { serde_json::json!((n % 5000) as i64 * 100) } else { serde_json::Value::Null },
                "properties": {"source": "bench"},
                "idempotency_key": format!("c{client}-b{batch}-e{i}"),
            })
        })
        .collect();
    serde_json::json!({ "events": events }).to_string()
}

/// Sends one request on a keep-alive connection and reads the response; returns the status.
fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> u16 {
    stream.get_mut().write_all(request).unwrap();
    let mut status_line = String::new();
    stream.read_line(&mut status_line).unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0;
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).unwrap();
    if status != 200 {
        panic!("status {status}: {}", String::from_utf8_lossy(&body));
    }
    status
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let o = options();
    let dir = std::env::temp_dir().join(format!("kunde-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("kunde.sqlite").display());
    let (tps, customers, key) = seed(&url).await;
    for statement in &o.sql {
        // Through the sqlite3 shell, which the funnel-page benchmark needs too.
        let done = Command::new("sqlite3")
            .arg(dir.join("kunde.sqlite"))
            .arg(statement)
            .status()
            .expect("sqlite3 runs (install the sqlite3 shell for --sql)");
        assert!(done.success(), "{statement} failed");
    }

    let mut child = Command::new(&o.kunde)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("KUNDE_DATA_DIR", &dir)
        .env_remove("KUNDE_DATABASE_URL")
        .env_remove("KUNDE_CONFIG")
        .env("KUNDE_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "starting {}: {e} (build it with cargo build --release -p kunde)",
                o.kunde
            )
        });
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        if let Some(rest) = line.strip_prefix("Kunde is running at http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };

    eprintln!(
        "preparing {} batches of {} events…",
        o.clients * o.batches,
        o.batch_size
    );
    let work: Vec<Vec<Vec<u8>>> = (0..o.clients)
        .map(|c| {
            (0..o.batches)
                .map(|b| {
                    request(
                        &addr,
                        &key,
                        &batch_body(c, b, o.batch_size, &tps, &customers),
                    )
                })
                .collect()
        })
        .collect();
    let bytes: usize = work.iter().flatten().map(Vec::len).sum();

    let started = Instant::now();
    let latencies: Vec<Duration> = std::thread::scope(|s| {
        let handles: Vec<_> = work
            .iter()
            .map(|batches| {
                let addr = addr.clone();
                s.spawn(move || {
                    let mut stream = BufReader::new(TcpStream::connect(&addr).unwrap());
                    stream.get_ref().set_nodelay(true).unwrap();
                    batches
                        .iter()
                        .map(|request| {
                            let t = Instant::now();
                            exchange(&mut stream, request);
                            t.elapsed()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds(child.id());
    // Killed, not stopped: what was acknowledged must already be on disk.
    child.kill().unwrap();
    child.wait().unwrap();

    let store = Store::connect(&url).await.unwrap();
    let ws = store
        .find_user_by_email(&Email::parse("owner@bench.test").unwrap())
        .await
        .unwrap()
        .unwrap()
        .user
        .workspace_id;
    let stored = store.workspace_totals(ws).await.unwrap().events;
    store.close().await;
    let sent = o.clients * o.batches * o.batch_size;
    assert_eq!(
        stored, sent as i64,
        "every acknowledged event is in the database after SIGKILL"
    );
    let _ = std::fs::remove_dir_all(&dir);

    let mut sorted = latencies.clone();
    sorted.sort();
    let pct = |p: f64| sorted[((sorted.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    println!(
        "{sent} events in {} batches of {} from {} clients: {elapsed:.2} s, {:.0} events/s ({:.1} MB/s of JSON); batch latency p50 {:.1} ms, p99 {:.1} ms; {stored} found after SIGKILL",
        sorted.len(),
        o.batch_size,
        o.clients,
        sent as f64 / elapsed,
        bytes as f64 / elapsed / 1e6,
        pct(0.5),
        pct(0.99),
    );
    // On a machine shared with other work the wall-clock figure depends on what else runs;
    // the server's own CPU time does not.
    if let Some(cpu) = cpu {
        println!(
            "server CPU time {cpu:.2} s (user + system, seeding excluded): {:.0} events per CPU-second",
            sent as f64 / cpu
        );
    }
}

/// User plus system CPU seconds the process has used so far (Linux, 100 ticks a second),
/// its start-up included (a few milliseconds).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
