//! Test harness for the web crate: an in-process client with a cookie jar over `router()`,
//! fresh databases on both backends, and seeded workspaces.

#![allow(dead_code)]

pub mod browser;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use kunde_domain::*;
use kunde_store::testing::TestDb;
use kunde_web::{AppState, WebConfig, auth::hash_password};
use std::collections::BTreeMap;
use std::sync::Arc;
use tower::ServiceExt;

pub const NOW: i64 = 1_767_225_600;
pub const PASSWORD: &str = "correct horse battery";

/// Runs each listed async test (taking `&TestDb`) on SQLite, and on PostgreSQL when
/// `KUNDE_TEST_DATABASE_URL` is set.
#[macro_export]
macro_rules! on_both_databases {
    ($($test:ident),* $(,)?) => {
        mod sqlite {$(
            #[tokio::test]
            async fn $test() {
                let db = kunde_store::testing::TestDb::sqlite().await.expect("sqlite test database");
                super::$test(&db).await;
            }
        )*}
        mod postgres {$(
            #[tokio::test]
            async fn $test() {
                let Some(db) = kunde_store::testing::TestDb::postgres().await.expect("postgres test database") else {
                    eprintln!("{} is not set: PostgreSQL run skipped here (CI always sets it)", kunde_store::testing::PG_ENV);
                    return;
                };
                super::$test(&db).await;
            }
        )*}
    };
}

pub fn state(db: &TestDb) -> AppState {
    let mut state = AppState::new(db.store.clone(), WebConfig::default());
    state.clock = Arc::new(|| NOW);
    state
}

/// A browser stand-in: sends requests to the router in-process and keeps cookies.
pub struct Client {
    app: Router,
    pub cookies: BTreeMap<String, String>,
    pub accept_language: Option<String>,
}

pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    pub headers: axum::http::HeaderMap,
    /// The body as sent (for downloads that are not text).
    pub bytes: Vec<u8>,
}

impl Client {
    pub fn new(state: AppState) -> Self {
        Self {
            app: kunde_web::router(state),
            cookies: BTreeMap::new(),
            accept_language: None,
        }
    }

    async fn send(&mut self, mut request: Request<Body>) -> Reply {
        if !self.cookies.is_empty() {
            let jar = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request
                .headers_mut()
                .insert(header::COOKIE, jar.parse().unwrap());
        }
        if let Some(lang) = &self.accept_language {
            request
                .headers_mut()
                .insert(header::ACCEPT_LANGUAGE, lang.parse().unwrap());
        }
        request
            .headers_mut()
            .insert(header::HOST, "kunde.test".parse().unwrap());
        let response = self.app.clone().oneshot(request).await.unwrap();
        for cookie in response.headers().get_all(header::SET_COOKIE) {
            let text = cookie.to_str().unwrap();
            let (pair, attrs) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers
            .get(header::LOCATION)
            .map(|l| l.to_str().unwrap().to_owned());
        let bytes = to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Reply {
            status,
            location,
            body,
            headers,
            bytes,
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// Posts a form with the CSRF token from the cookie jar, as a page's form would.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        if !self.cookies.contains_key("kunde_csrf") {
            self.get("/signin").await;
        }
        let token = self.cookies["kunde_csrf"].clone();
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly the given fields: no token is added.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Posts a `multipart/form-data` form with the CSRF token, as an upload form would; a field
    /// with a file name is sent as a file.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &[u8], Option<&str>)],
    ) -> Reply {
        if !self.cookies.contains_key("kunde_csrf") {
            self.get("/signin").await;
        }
        let boundary = "kundeboundary9XmultipartQ";
        let mut body = Vec::new();
        let token = self.cookies["kunde_csrf"].clone();
        let all = std::iter::once(("csrf", token.as_bytes(), None)).chain(fields.iter().copied());
        for (name, value, file_name) in all {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let disposition = match file_name {
                Some(f) => format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n"
                ),
                None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
            };
            body.extend_from_slice(disposition.as_bytes());
            body.extend_from_slice(value);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Sends a request with a JSON body and the given headers.
    pub async fn send_json(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        json: &str,
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(request.body(Body::from(json.to_owned())).unwrap())
            .await
    }

    pub async fn sign_in(&mut self, email: &str) -> Reply {
        let reply = self
            .post(
                "/signin",
                &[("email", email), ("password", PASSWORD), ("next", "/")],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "sign-in of {email} failed: {}",
            reply.body
        );
        reply
    }
}

fn name(s: &str) -> NonEmpty {
    NonEmpty::parse("name", s).unwrap()
}

/// A workspace with an owner `owner@<slug>.test` and a staff member `staff@<slug>.test`.
pub async fn seed_workspace(db: &TestDb, slug: &str) -> (Workspace, User, User) {
    let hash = hash_password(&Password::parse(PASSWORD).unwrap());
    let new = NewWorkspace {
        name: name(&format!("Business {slug}")),
        default_language: Language::En,
        currency: "DKK".into(),
    };
    let owner = NewUser {
        name: name("Olivia Owner"),
        email: Email::parse(&format!("owner@{slug}.test")).unwrap(),
        role: Role::Owner,
        language: Language::En,
        password: None,
    };
    let (ws, owner) = db
        .store
        .create_workspace(&new, &owner, &hash, NOW)
        .await
        .unwrap();
    let staff = NewUser {
        name: name("Sam Staff"),
        email: Email::parse(&format!("staff@{slug}.test")).unwrap(),
        role: Role::Staff,
        language: Language::En,
        password: None,
    };
    let staff = db
        .store
        .create_user(ws.id, &staff, Some(&hash), None, NOW)
        .await
        .unwrap();
    (ws, owner, staff)
}

pub async fn seed_customer(db: &TestDb, ws: WorkspaceId, n: &str) -> Customer {
    db.store
        .create_customer(ws, &NewCustomer::named(name(n), NOW))
        .await
        .unwrap()
}

/// The text of a PDF as poppler's `pdftotext` reads it (`apt-get install poppler-utils`),
/// each page's lines in reading order.
pub fn pdftotext(pdf: &[u8]) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(pdf)
        .expect("the PDF goes to pdftotext");
    let out = child.wait_with_output().expect("pdftotext finishes");
    assert!(out.status.success(), "pdftotext could not read the PDF");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}
