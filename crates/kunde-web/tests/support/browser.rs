//! Headless-browser harness: the real server on a loopback port and Debian's Chromium driven
//! through `chromedriver` with fantoccini.
//!
//! Use from a test file that has `mod support;`:
//!
//! ```ignore
//! #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
//! async fn something_in_the_browser() {
//!     let db = TestDb::sqlite().await.unwrap();
//!     let (ws, owner, _) = support::seed_workspace(&db, "acme").await;
//!     let server = support::browser::Server::start(support::state(&db)).await;
//!     let browser = support::browser::Browser::start().await;      // desktop size
//!     // or Browser::start_sized(390, 844) for a phone
//!     browser.sign_in(&server, "owner@acme.test").await;
//!     browser.goto(&server, "/customers").await;
//!     let text = browser.text("main").await;
//!     browser.close().await;
//! }
//! ```
//!
//! Each browser has its own chromedriver process, port and throw-away profile, so browser
//! tests may run in parallel. The driver is killed when the [`Browser`] is dropped, even when
//! a test fails half-way.

use super::PASSWORD;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use kunde_web::AppState;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::sync::oneshot;

/// The application served on `127.0.0.1` on a free port, until dropped.
pub struct Server {
    pub base: String,
    stop: Option<oneshot::Sender<()>>,
}

impl Server {
    pub async fn start(state: AppState) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            kunde_web::serve(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        Self {
            base,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// A desktop-sized window (1280 × 900).
    pub async fn start() -> Self {
        Self::start_sized(1280, 900).await
    }

    /// A window of the given size, e.g. `(390, 844)` for a phone.
    pub async fn start_sized(width: u32, height: u32) -> Self {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (apt-get install chromium chromium-driver; scripts/test does it)");
        let profile = tempfile::tempdir().unwrap();
        let mut guard = DriverGuard(Some(driver));
        // The driver answers once it listens; give it a few seconds on a busy machine.
        let mut ready = false;
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                ready = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(ready, "chromedriver did not start listening on port {port}");

        let chromium =
            std::env::var("KUNDE_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "chrome".into());
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": chromium, "args": args }),
        );
        let mut client = None;
        let mut last_error = String::new();
        for _ in 0..3 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(e) => {
                    last_error = e.to_string();
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
        }
        let client = client
            .unwrap_or_else(|| panic!("a Chromium session through chromedriver: {last_error}"));
        client.set_window_size(width, height).await.ok();
        Self {
            client,
            driver: guard.0.take().unwrap(),
            _profile: profile,
        }
    }

    pub async fn goto(&self, server: &Server, path: &str) {
        self.client
            .goto(&server.url(path))
            .await
            .expect("navigation");
    }

    /// The path (and query) of the page the browser shows.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The visible text of the first element matching `css`, waiting for it to appear.
    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.unwrap()
    }

    /// Waits (up to 20 s) for an element matching `css`.
    pub async fn wait(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css}: {e}"))
    }

    /// Types `value` into the field matching `css`, replacing what it held.
    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.wait(css).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Clicks an element that does not leave the page (an option, a tab, a script's button).
    pub async fn click(&self, css: &str) {
        self.wait(css).await.click().await.unwrap();
    }

    /// Clicks a link or submit button and waits until the browser has left the page, so the
    /// next lookup cannot find an element of the old page (the same `h1`, a field of the same
    /// id) before the new one arrives.
    pub async fn follow(&self, css: &str) {
        let old = self
            .client
            .find(Locator::Css("html"))
            .await
            .expect("a page is shown");
        self.wait(css).await.click().await.unwrap();
        for _ in 0..600 {
            // Asking the old page's root element anything fails once it is gone.
            if old.tag_name().await.is_err() {
                self.wait("body").await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("clicking {css} did not leave {}", self.path().await);
    }

    /// Signs in through the sign-in form, with the test password, and waits for the overview.
    pub async fn sign_in(&self, server: &Server, email: &str) {
        self.goto(server, "/signin").await;
        self.fill("#email", email).await;
        self.fill("#password", PASSWORD).await;
        self.click("form[action='/signin'] button[type=submit]")
            .await;
        self.wait("form.signout").await;
    }

    /// Ends the WebDriver session; the driver process is killed on drop.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Kills the driver if starting the session panics.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
