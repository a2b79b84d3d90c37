//! The OpenAPI document tells the truth (issue 18, finding 14): the real `kunde demo` server
//! with the demo business and a secret key made by `kunde api-key create` is fuzzed by
//! Schemathesis from `/api/v1/openapi.json` — requests that follow the document and requests
//! that break it — and the run fails on any 5xx, any answer the document does not describe
//! (status, content type, headers, body schema), and any request that breaks the document yet
//! is accepted. The snippet endpoint, whose key travels in the body, gets a real publishable
//! key and the demo's touchpoints through `tests/schemathesis_hooks.py`, so its requests are
//! stored rather than refused, and there every request that follows the document must be
//! accepted; the server trusts a proxy, and the hooks give each request a client address of
//! its own, so the per-client limit stays as real clients meet it. The test checks afterwards
//! that the snippet endpoint stored events.
//!
//! Schemathesis is a Python tool (`python3 -m pip install schemathesis`; `scripts/test`
//! installs it). Without it the test says so and passes, unless `KUNDE_REQUIRE_SCHEMATHESIS`
//! is set, as `scripts/test` and CI set it: there a missing tool is a failure. Its settings
//! beyond the command line are in `tests/schemathesis.toml`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kunde");

/// Examples per operation and phase: enough to reach every branch of the document's
/// schemas, few enough that the run takes about a minute on a small machine.
const MAX_EXAMPLES: &str = "40";

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

/// The Schemathesis command line, if it is installed.
fn schemathesis() -> Option<Command> {
    let ok = Command::new("python3")
        .args(["-c", "import schemathesis"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| {
        let mut c = Command::new("python3");
        c.args(["-m", "schemathesis.cli"]);
        c
    })
}

#[test]
fn the_api_answers_as_its_openapi_document_says() {
    let Some(mut st) = schemathesis() else {
        assert!(
            std::env::var_os("KUNDE_REQUIRE_SCHEMATHESIS").is_none(),
            "schemathesis is not installed: python3 -m pip install schemathesis"
        );
        eprintln!("skipped: schemathesis is not installed (python3 -m pip install schemathesis)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut child = kunde(dir.path())
        .args(["demo", "--addr", "127.0.0.1:0"])
        // Schemathesis's hooks play the proxy: each request names its own client.
        .env("KUNDE_TRUST_PROXY", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
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
    // Keep reading the server's output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});

    let created = kunde(dir.path())
        .args([
            "api-key",
            "create",
            "--workspace-email",
            kunde_demo::DEMO_OWNER_EMAIL,
            "--name",
            "schemathesis",
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
    let created = kunde(dir.path())
        .args([
            "api-key",
            "create",
            "--workspace-email",
            kunde_demo::DEMO_OWNER_EMAIL,
            "--name",
            "schemathesis snippet",
            "--kind",
            "publishable",
        ])
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let publishable = String::from_utf8(created.stdout).unwrap().trim().to_owned();
    assert!(publishable.starts_with("kunde_pk_"), "{publishable}");
    let touchpoints = demo_touchpoints(dir.path());
    assert!(!touchpoints.is_empty());

    let report = dir.path().join("schemathesis");
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis.toml");
    let hooks = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis_hooks.py");
    let log = dir.path().join("answers.log");
    let out = st
        .current_dir(dir.path())
        .arg("--config-file")
        .arg(&config)
        .args([
            "run",
            &format!("http://{addr}/api/v1/openapi.json"),
            "--header",
            &format!("Authorization: Bearer {key}"),
            // Every check (the default), as `tests/schemathesis.toml` adjusts them.
            "--max-examples",
            MAX_EXAMPLES,
            "--seed",
            "18",
            "--workers",
            "2",
            "--request-timeout",
            "10",
            // Fuzzing repeats until its time is spent: 90 s keeps the whole test under two
            // minutes, and every operation gets its examples well before that.
            "--max-time",
            "90",
            "--report-dir",
        ])
        .arg(&report)
        .env("NO_COLOR", "1")
        .env("SCHEMATHESIS_HOOKS", &hooks)
        .env("KUNDE_ST_PUBLISHABLE_KEY", &publishable)
        .env("KUNDE_ST_TOUCHPOINTS", touchpoints.join(","))
        .env("KUNDE_ST_LOG", &log)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "schemathesis found answers the document does not describe:\n{stdout}\n{stderr}"
    );
    assert!(!stdout.contains("Server error"), "a 5xx:\n{stdout}");

    // The snippet endpoint was reached for real: events stored, never a wrong key or a wait.
    let answers = std::fs::read_to_string(&log).unwrap_or_default();
    let snippet = |status: &str| {
        answers
            .lines()
            .filter(|l| *l == format!("POST /api/v1/snippet/events {status}"))
            .count()
    };
    eprintln!(
        "snippet answers: {} stored, {} refused as invalid, {} with a wrong key, {} too many",
        snippet("200"),
        snippet("422"),
        snippet("401"),
        snippet("429")
    );
    assert!(
        snippet("200") >= 20,
        "the snippet endpoint stored too little:\n{answers}"
    );
    assert_eq!(snippet("429"), 0, "a client was turned away:\n{answers}");
}

/// The ids of the demo business's touchpoints, read from its database.
fn demo_touchpoints(data_dir: &Path) -> Vec<String> {
    let url = format!("sqlite://{}", data_dir.join("kunde.sqlite").display());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = kunde_store::Store::connect(&url).await.unwrap();
        let mut ids = Vec::new();
        for ws in store.list_workspaces().await.unwrap() {
            for j in store.list_journeys(ws.id).await.unwrap() {
                for t in store.list_touchpoints(ws.id, j.id).await.unwrap() {
                    ids.push(t.id.0.to_string());
                }
            }
        }
        store.close().await;
        ids
    })
}
