//! The owner's CSV import page: upload a file, pick what it holds and a preset, confirm the
//! column mapping (a select per header), see a preview and every rejected row, then import.
//! The import runs as a background task while the page reloads itself to show progress (a
//! small JSON status endpoint serves scripts); cancelling rolls everything back.
//!
//! Uploaded files live in memory in a registry of jobs keyed by a random id and checked
//! against the signed-in user's workspace on every request; jobs older than an hour go.

use super::importing::{self, Prepared};
use crate::kit::error::AppError;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Json};
use kunde_domain::WorkspaceId;
use kunde_import::{Field, Kind, Mapping, Preset, Rejection, Table, read_table};
use kunde_store::{BulkControl, BulkOutcome, SessionUser, StoreError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

const PREVIEW_ROWS: usize = 5;
const JOB_LIFETIME: Duration = Duration::from_secs(3600);

/// Where an import stands.
#[derive(Debug, Clone)]
enum Phase {
    /// Waiting for the owner to confirm the mapping.
    Mapping {
        error: Option<String>,
    },
    /// Every row checked; importable only when `rejected` is empty.
    Checked {
        rejected: Vec<Rejection>,
        rows: usize,
        ready: usize,
    },
    Running {
        total: u64,
    },
    Done(BulkOutcome),
    Cancelled,
    Failed,
}

struct Job {
    workspace: WorkspaceId,
    created: Instant,
    kind: Kind,
    file_name: String,
    table: Table,
    cancel: AtomicBool,
    done: AtomicU64,
    state: Mutex<JobState>,
}

struct JobState {
    mapping: Mapping,
    phase: Phase,
    prepared: Option<Arc<Prepared>>,
}

type Jobs = Mutex<HashMap<String, Arc<Job>>>;

static JOBS: LazyLock<Jobs> = LazyLock::new(Jobs::default);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The job `id` if it belongs to the user's workspace (another workspace's id is not found).
fn job(user: &SessionUser, id: &str) -> Option<Arc<Job>> {
    lock(&JOBS)
        .get(id)
        .filter(|j| j.workspace == user.workspace.id)
        .cloned()
}

#[derive(Template)]
#[template(path = "import.html")]
struct UploadPage {
    p: Page,
    error: String,
}

impl UploadPage {
    fn kinds(&self) -> [Kind; 3] {
        Kind::ALL
    }

    fn presets(&self) -> [Preset; 2] {
        Preset::ALL
    }

    fn kind_label(&self, k: &Kind) -> String {
        self.p.t(&format!("import-kind-{}", k.code()))
    }

    fn preset_label(&self, pr: &Preset) -> String {
        self.p.t(&format!("import-preset-{}", pr.code()))
    }
}

fn render<T: Template>(view: &T, status: StatusCode) -> Result<Response, AppError> {
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

pub async fn form(Staff { user, csrf }: Staff) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "import", "/import");
    let view = UploadPage {
        p,
        error: String::new(),
    };
    render(&view, StatusCode::OK)
}

pub async fn upload(
    Staff { user, csrf }: Staff,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "import", "/import");
    let (mut kind, mut preset, mut file) = (None, Preset::Generic, None);
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("kind") => kind = field.text().await.ok().and_then(|k| Kind::parse(&k)),
            Some("preset") => {
                preset = field
                    .text()
                    .await
                    .ok()
                    .and_then(|p| Preset::parse(&p))
                    .unwrap_or(Preset::Generic)
            }
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(|_| AppError::BadRequest)?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let (Some(kind), Some((file_name, bytes))) = (kind, file) else {
        return upload_error(p, "import-error-empty".into());
    };
    let table = match read_table(&bytes[..]) {
        Ok(t) => t,
        Err(e) => {
            let message = p.tr.t_args(
                e.message_key(),
                &[
                    ("detail", &e.to_string()),
                    ("encoding", e.encoding().unwrap_or("")),
                ],
            );
            return upload_error(p, message);
        }
    };
    let mapping = Mapping::preset(kind, preset, &table);
    let id = crate::kit::cookies::random_token();
    let job = Arc::new(Job {
        workspace: user.workspace.id,
        created: Instant::now(),
        kind,
        file_name,
        table,
        cancel: AtomicBool::new(false),
        done: AtomicU64::new(0),
        state: Mutex::new(JobState {
            mapping,
            phase: Phase::Mapping { error: None },
            prepared: None,
        }),
    });
    {
        let mut jobs = lock(&JOBS);
        jobs.retain(|_, j| j.created.elapsed() < JOB_LIFETIME);
        jobs.insert(id.clone(), job);
    }
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

fn upload_error(p: Page, error: String) -> Result<Response, AppError> {
    let view = UploadPage { p, error };
    render(&view, StatusCode::UNPROCESSABLE_ENTITY)
}

#[derive(Template)]
#[template(path = "import_job.html")]
struct JobPage {
    p: Page,
    id: String,
    kind: Kind,
    file_name: String,
    headers: Vec<String>,
    /// The field code chosen for each column ("" for none).
    chosen: Vec<String>,
    preview: Vec<(u64, Vec<String>)>,
    phase: Phase,
    done: u64,
}

impl JobPage {
    /// Each header with its position and the field chosen for it.
    fn columns(&self) -> Vec<(usize, &str, &str)> {
        self.headers
            .iter()
            .zip(&self.chosen)
            .enumerate()
            .map(|(i, (h, c))| (i, h.as_str(), c.as_str()))
            .collect()
    }

    fn fields(&self) -> &'static [Field] {
        Field::for_kind(self.kind)
    }

    fn field_label(&self, code: &str) -> String {
        self.p.t(&format!("import-field-{code}"))
    }

    fn reason(&self, r: &Rejection) -> String {
        if let kunde_import::RowError::Invalid { field, error } = &r.error {
            let mut errors = FieldErrors::default();
            let label = format!("import-field-{field}");
            errors.add(self.p.tr, "row", &label, error);
            return self.p.tr.t_args(
                "import-row-invalid",
                &[("field", &self.p.t(&label)), ("reason", &errors.get("row"))],
            );
        }
        let mut args = r.error.args();
        for (name, value) in &mut args {
            if *name == "field" {
                *value = self.field_label(value);
            }
        }
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.p.tr.t_args(r.error.message_key(), &pairs)
    }

    fn stage(&self) -> &'static str {
        match self.phase {
            Phase::Mapping { .. } => "mapping",
            Phase::Checked { .. } => "checked",
            Phase::Running { .. } => "running",
            Phase::Done(_) => "done",
            Phase::Cancelled => "cancelled",
            Phase::Failed => "failed",
        }
    }

    fn mapping_error(&self) -> String {
        match &self.phase {
            Phase::Mapping { error: Some(e) } => e.clone(),
            _ => String::new(),
        }
    }

    fn rejected(&self) -> &[Rejection] {
        match &self.phase {
            Phase::Checked { rejected, .. } => rejected,
            _ => &[],
        }
    }

    /// "12 of 14 rows rejected" or "14 rows ready", once checked.
    fn check_summary(&self) -> String {
        match &self.phase {
            Phase::Checked {
                rejected,
                rows,
                ready,
            } => {
                let (n, rows, ready) = (
                    rejected.len().to_string(),
                    rows.to_string(),
                    ready.to_string(),
                );
                if rejected.is_empty() {
                    self.p
                        .tr
                        .t_args("import-ready", &[("rows", &rows), ("ready", &ready)])
                } else {
                    self.p
                        .tr
                        .t_args("import-rejected", &[("n", &n), ("rows", &rows)])
                }
            }
            _ => String::new(),
        }
    }

    fn total(&self) -> u64 {
        match self.phase {
            Phase::Running { total } => total,
            _ => 0,
        }
    }

    fn percent(&self) -> u64 {
        (self.done * 100).checked_div(self.total()).unwrap_or(100)
    }

    fn outcome(&self) -> String {
        match &self.phase {
            Phase::Done(out) => self.p.tr.t_args(
                "import-done",
                &[
                    ("inserted", &out.inserted.to_string()),
                    ("skipped", &out.skipped.to_string()),
                    ("created", &out.customers_created.to_string()),
                ],
            ),
            _ => String::new(),
        }
    }

    fn kind_label(&self) -> String {
        self.p.t(&format!("import-kind-{}", self.kind.code()))
    }
}

pub async fn show(
    Staff { user, csrf }: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "import", &format!("/import/{id}"));
    let job = job(&user, &id).ok_or_else(|| AppError::NotFound)?;
    let (chosen, phase) = {
        let state = lock(&job.state);
        let chosen = state
            .mapping
            .columns
            .iter()
            .map(|f| f.map_or(String::new(), |f| f.code().to_owned()))
            .collect();
        (chosen, state.phase.clone())
    };
    let status = match &phase {
        Phase::Checked { rejected, .. } if !rejected.is_empty() => StatusCode::UNPROCESSABLE_ENTITY,
        Phase::Mapping { error: Some(_) } => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    let view = JobPage {
        p,
        id,
        kind: job.kind,
        file_name: job.file_name.clone(),
        headers: job.table.headers.clone(),
        chosen,
        preview: job
            .table
            .data_rows()
            .take(PREVIEW_ROWS)
            .map(|r| (r.line, r.cells.clone()))
            .collect(),
        phase,
        done: job.done.load(Ordering::Relaxed),
    };
    render(&view, status)
}

/// The mapping form: one `col` field per header, in order.
pub async fn check(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "import", &format!("/import/{id}"));
    let job = job(&user, &id).ok_or_else(|| AppError::NotFound)?;
    let codes: Vec<String> = fields
        .into_iter()
        .filter(|(k, _)| k == "col")
        .map(|(_, v)| v)
        .collect();
    if codes.len() != job.table.headers.len() {
        return Err(AppError::BadRequest);
    }
    let mapping = Mapping::from_codes(job.kind, &codes).and_then(|m| m.check(job.kind).map(|()| m));
    let phase = match mapping {
        Err(e) => {
            let field = match &e {
                kunde_import::MappingError::Missing(f) | kunde_import::MappingError::Twice(f) => {
                    p.t(&format!("import-field-{f}"))
                }
                _ => String::new(),
            };
            let mut errors = FieldErrors::default();
            errors.add_message(
                "mapping",
                p.tr.t_args(e.message_key(), &[("field", &field)]),
            );
            let mut s = lock(&job.state);
            if let Ok(m) = Mapping::from_codes(job.kind, &codes) {
                s.mapping = m;
            }
            s.phase = Phase::Mapping {
                error: Some(errors.get("mapping")),
            };
            return Ok(Redirect::to(&format!("/import/{id}")).into_response());
        }
        Ok(mapping) => {
            let checked = importing::check(
                &state.store,
                &user.workspace,
                job.kind,
                &job.table,
                &mapping,
                state.now(),
            )
            .await?;
            let phase = Phase::Checked {
                ready: checked.prepared.len(),
                rows: checked.rows,
                rejected: checked.rejected,
            };
            let mut s = lock(&job.state);
            s.mapping = mapping;
            s.prepared = Some(Arc::new(checked.prepared));
            phase
        }
    };
    lock(&job.state).phase = phase;
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

/// Starts the import of a checked file without rejected rows, as a background task.
pub async fn run(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    client: crate::kit::client::ClientKey,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let _p = Page::staff(&user, &csrf, "import", &format!("/import/{id}"));
    let job = job(&user, &id).ok_or_else(|| AppError::NotFound)?;
    let prepared = {
        let mut s = lock(&job.state);
        match (&s.phase, &s.prepared) {
            (Phase::Checked { rejected, .. }, Some(prepared)) if rejected.is_empty() => {
                let prepared = prepared.clone();
                s.phase = Phase::Running {
                    total: prepared.len() as u64,
                };
                prepared
            }
            _ => return Err(AppError::BadRequest),
        }
    };
    let ws = user.workspace.id;
    let task_job = job.clone();
    let audit = crate::kit::audit::Audit::by(&user, &client);
    tokio::spawn(async move {
        let job = task_job;
        let progress = |n: u64| job.done.store(n, Ordering::Relaxed);
        let ctl = BulkControl {
            progress: &progress,
            cancel: &job.cancel,
        };
        let outcome = importing::write(&state.store, ws, &prepared, &ctl).await;
        let phase = match outcome {
            Ok(out) => {
                audit
                    .record(
                        &state,
                        kunde_store::audit_action::IMPORT,
                        ("import", None),
                        &format!(
                            "inserted={} skipped={} customers_created={}",
                            out.inserted, out.skipped, out.customers_created
                        ),
                    )
                    .await;
                Phase::Done(out)
            }
            Err(StoreError::Cancelled) => Phase::Cancelled,
            Err(e) => {
                tracing::error!(error = %e, "import failed; nothing was stored");
                Phase::Failed
            }
        };
        lock(&job.state).phase = phase;
    });
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

/// Cancels a running import (rolled back) or drops a file not yet imported.
pub async fn cancel(
    Staff { user, csrf }: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let _p = Page::staff(&user, &csrf, "import", &format!("/import/{id}"));
    let job = job(&user, &id).ok_or_else(|| AppError::NotFound)?;
    job.cancel.store(true, Ordering::Relaxed);
    let mut s = lock(&job.state);
    if !matches!(s.phase, Phase::Running { .. } | Phase::Done(_)) {
        s.phase = Phase::Cancelled;
    }
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

#[derive(serde::Serialize)]
pub struct Status {
    phase: &'static str,
    done: u64,
    total: u64,
    rejected: usize,
    inserted: u64,
    skipped: u64,
    customers_created: u64,
}

/// The job's state as JSON, for a page script polling progress.
pub async fn status(
    Staff { user, .. }: Staff,
    Path(id): Path<String>,
) -> Result<Json<Status>, StatusCode> {
    let job = job(&user, &id).ok_or(StatusCode::NOT_FOUND)?;
    let s = lock(&job.state);
    let mut status = Status {
        phase: "mapping",
        done: job.done.load(Ordering::Relaxed),
        total: s.prepared.as_ref().map_or(0, |p| p.len() as u64),
        rejected: 0,
        inserted: 0,
        skipped: 0,
        customers_created: 0,
    };
    status.phase = match &s.phase {
        Phase::Mapping { .. } => "mapping",
        Phase::Checked { rejected, .. } => {
            status.rejected = rejected.len();
            "checked"
        }
        Phase::Running { .. } => "running",
        Phase::Done(out) => {
            status.inserted = out.inserted;
            status.skipped = out.skipped;
            status.customers_created = out.customers_created;
            "done"
        }
        Phase::Cancelled => "cancelled",
        Phase::Failed => "failed",
    };
    Ok(Json(status))
}
