//! The rule segment editor (owner): `/segments/new` and `/segments/{id}/edit` show a form of
//! conditions; its "Preview" button re-renders the form with the number of customers who
//! match now and a sample of them (without JavaScript), and `segments-rule.js` fetches the
//! same from `/segments/preview` as the conditions change. A refused form keeps what was
//! typed and names the field at fault. Saving is audited.

use crate::kit::error::AppError;
use crate::kit::page::FieldErrors;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::rfm::Segment as Rfm;
use kunde_analytics::segment_rule::{Condition, Rule, RuleError, RuleForm};
use kunde_domain::{Language, NonEmpty, SegmentId, WorkspaceId};
use kunde_store::SessionUser;
use serde::Serialize;

/// Customers named in a preview.
const SAMPLE: usize = 10;

type Pairs = Vec<(String, String)>;

/// The number of customers a rule selects now and the first few of them, by name.
#[derive(Serialize)]
pub struct Preview {
    pub count: usize,
    pub sample: Vec<(i64, String)>,
    /// The count in words, in the reader's language.
    pub text: String,
}

#[derive(Template)]
#[template(path = "segments/rule.html")]
struct EditPage {
    p: Page,
    /// Where the form posts.
    action: String,
    heading: String,
    name: String,
    f: RuleForm,
    errors: FieldErrors,
    touchpoints: Vec<(i64, String)>,
    preview: Option<Preview>,
}

impl EditPage {
    fn rfm_codes(&self) -> Vec<&'static str> {
        Rfm::ALL.iter().map(|s| s.code()).collect()
    }

    fn channels(&self) -> &'static [&'static str] {
        &kunde_domain::ACQUISITION_CHANNELS
    }

    fn error(&self, field: &str) -> String {
        self.errors.get(field)
    }
}

fn languages() -> Vec<&'static str> {
    Language::ALL.iter().map(|l| l.code()).collect()
}

async fn touchpoints(state: &AppState, ws: WorkspaceId) -> Result<Vec<(i64, String)>, AppError> {
    Ok(state
        .store
        .all_touchpoints(ws)
        .await?
        .into_iter()
        .map(|t| (t.id.0, t.name))
        .collect())
}

/// The words for a refused field.
fn refusal(p: &Page, e: RuleError) -> String {
    let label = p.t(&format!("segment-rule-field-{}", e.field.replace('_', "-")));
    p.tr.t_args(
        &format!("segment-rule-error-{}", e.reason),
        &[("field", &label)],
    )
}

/// Where a refusal is shown: an operator's error goes next to its number.
fn error_field(e: RuleError) -> &'static str {
    match e.field {
        "alive_op" => "alive",
        "value_op" => "value",
        "last_order_op" => "last_order_days",
        "orders_op" => "orders",
        "nps_days" => "nps",
        f => f,
    }
}

fn field(pairs: &Pairs, name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The rule's members now, counted and sampled.
pub async fn preview(
    state: &AppState,
    user: &SessionUser,
    rule: &Rule,
) -> Result<Preview, AppError> {
    let ws = user.workspace.id;
    let members = super::rule_facts::evaluate(state, ws, rule, state.now()).await?;
    let tr = crate::kit::i18n::Tr::new(user.user.language);
    Ok(Preview {
        count: members.len(),
        text: tr.t_count("segment-rule-matches", members.len() as i64),
        sample: members
            .into_iter()
            .take(SAMPLE)
            .map(|c| (c.id.0, c.name))
            .collect(),
    })
}

/// `GET /segments/new`: an empty form.
pub async fn new(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "segments", "/segments/new");
    let view = EditPage {
        heading: p.t("segment-rule-new"),
        p,
        action: "/segments/new".to_owned(),
        name: String::new(),
        f: RuleForm::default(),
        errors: FieldErrors::default(),
        touchpoints: touchpoints(&state, user.workspace.id).await?,
        preview: None,
    };
    Ok(Html(view.render()?).into_response())
}

/// `GET /segments/{id}/edit`: the form of a rule segment; a saved list is `NotFound`.
pub async fn edit(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let ws = user.workspace.id;
    let segment = state.store.segment(ws, SegmentId(id)).await?;
    let rule = segment
        .rule
        .as_deref()
        .ok_or(AppError::NotFound)
        .and_then(|t| Rule::decode(t).ok_or(AppError::internal("segment rule unreadable")))?;
    let p = Page::staff(&user, &csrf, "segments", &format!("/segments/{id}/edit"));
    let view = EditPage {
        heading: p.t("segment-rule-edit"),
        p,
        action: format!("/segments/{id}/edit"),
        name: segment.name,
        f: RuleForm::from_rule(&rule),
        errors: FieldErrors::default(),
        touchpoints: touchpoints(&state, ws).await?,
        preview: None,
    };
    Ok(Html(view.render()?).into_response())
}

/// `POST /segments/new`: previews or saves.
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    client: crate::kit::client::ClientKey,
    Form(pairs): Form<Pairs>,
) -> Result<Response, AppError> {
    submit(state, staff, client, None, pairs).await
}

/// `POST /segments/{id}/edit`: previews or saves a rule segment.
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    client: crate::kit::client::ClientKey,
    Path(id): Path<i64>,
    Form(pairs): Form<Pairs>,
) -> Result<Response, AppError> {
    let segment = state
        .store
        .segment(staff.user.workspace.id, SegmentId(id))
        .await?;
    if segment.rule.is_none() {
        return Err(AppError::NotFound);
    }
    submit(state, staff, client, Some(segment.id), pairs).await
}

async fn submit(
    state: AppState,
    Staff { user, csrf }: Staff,
    client: crate::kit::client::ClientKey,
    id: Option<SegmentId>,
    pairs: Pairs,
) -> Result<Response, AppError> {
    let ws = user.workspace.id;
    let action = match id {
        Some(id) => format!("/segments/{id}/edit"),
        None => "/segments/new".to_owned(),
    };
    let p = Page::staff(&user, &csrf, "segments", &action);
    let tps = touchpoints(&state, ws).await?;
    let tp_ids: Vec<i64> = tps.iter().map(|t| t.0).collect();
    let f = RuleForm::from_pairs(&pairs);
    let name_text = field(&pairs, "name");
    let saving = field(&pairs, "save") == "1";
    let mut errors = FieldErrors::default();
    let rule = match f.parse(&languages(), &tp_ids) {
        Ok(rule) => Some(rule),
        Err(e) => {
            errors.add_message(error_field(e), refusal(&p, e));
            None
        }
    };
    let name = NonEmpty::parse("name", &name_text);
    if saving && name.is_err() {
        errors.add_message("name", p.t("segment-error-name"));
    }
    if let (true, Some(rule), Ok(name)) = (saving && errors.is_empty(), &rule, &name) {
        let text = rule.encode();
        let target = match id {
            Some(id) => {
                state.store.update_rule_segment(ws, id, name, &text).await?;
                id
            }
            None => {
                state
                    .store
                    .create_rule_segment(ws, name, &text, Some(user.user.id), state.now())
                    .await?
                    .id
            }
        };
        crate::kit::audit::Audit::by(&user, &client)
            .record(
                &state,
                kunde_store::audit_action::SEGMENT_SAVE,
                ("segment", Some(target.0)),
                &text,
            )
            .await;
        return Ok(Redirect::to(&format!("/segments/{target}")).into_response());
    }
    let preview = match &rule {
        Some(rule) => Some(preview(&state, &user, rule).await?),
        None => None,
    };
    let view = EditPage {
        heading: p.t(if id.is_some() {
            "segment-rule-edit"
        } else {
            "segment-rule-new"
        }),
        p,
        action,
        name: name_text,
        f,
        errors,
        touchpoints: tps,
        preview,
    };
    let status = if view.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Html(view.render()?)).into_response())
}

/// What `/segments/preview` answers: the preview, or the refused field and why.
#[derive(Serialize)]
struct PreviewJson {
    #[serde(flatten)]
    preview: Option<Preview>,
    field: Option<&'static str>,
    error: Option<String>,
}

/// `GET /segments/preview?…`: the preview of the form's conditions as JSON, for the
/// editor's script.
pub async fn preview_json(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(pairs): Query<Pairs>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "segments", "/segments/preview");
    let tps = touchpoints(&state, user.workspace.id).await?;
    let tp_ids: Vec<i64> = tps.iter().map(|t| t.0).collect();
    let body = match RuleForm::from_pairs(&pairs).parse(&languages(), &tp_ids) {
        Ok(rule) => PreviewJson {
            preview: Some(preview(&state, &user, &rule).await?),
            field: None,
            error: None,
        },
        Err(e) => PreviewJson {
            preview: None,
            field: Some(error_field(e)),
            error: Some(refusal(&p, e)),
        },
    };
    Ok(axum::Json(body).into_response())
}

/// The conditions of a rule in words, one a line, for the segment's page and the list.
pub fn describe(p: &Page, rule: &Rule, touchpoints: &[(i64, String)]) -> Vec<String> {
    let tp = |id: &i64| {
        touchpoints
            .iter()
            .find(|t| t.0 == *id)
            .map(|t| t.1.clone())
            .unwrap_or_else(|| p.t("segment-rule-touchpoint-gone"))
    };
    let pct = |x: &f64| p.percent(&(x * 100.0), 0);
    let num = |x: &f64| p.money(&kunde_domain::Money((x * 100.0).round() as i64));
    let one = |key: &str, arg: String| p.tr.t_args(key, &[("x", &arg)]);
    rule.all
        .iter()
        .map(|c| match c {
            Condition::Rfm(s) => one(
                "segment-rule-is-rfm",
                s.iter()
                    .map(|s| p.t(&format!("value-rfm-{}", s.code())))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Condition::AliveBelow(x) => one("segment-rule-is-alive-below", pct(x)),
            Condition::AliveAbove(x) => one("segment-rule-is-alive-above", pct(x)),
            Condition::ValueAbove(x) => one("segment-rule-is-value-above", num(x)),
            Condition::ValueBelow(x) => one("segment-rule-is-value-below", num(x)),
            Condition::LastOrderBefore(d) => {
                one("segment-rule-is-last-order-before", d.to_string())
            }
            Condition::LastOrderWithin(d) => {
                one("segment-rule-is-last-order-within", d.to_string())
            }
            Condition::OrdersAtLeast(n) => one("segment-rule-is-orders-at-least", n.to_string()),
            Condition::OrdersAtMost(n) => one("segment-rule-is-orders-at-most", n.to_string()),
            Condition::Bought(x) => one("segment-rule-is-bought", x.clone()),
            Condition::NeverBought(x) => one("segment-rule-is-never-bought", x.clone()),
            Condition::Channel(x) => one("segment-rule-is-channel", p.acquisition(x)),
            Condition::Language(x) => one(
                "segment-rule-is-language",
                Language::parse(x)
                    .map(|l| l.native_name().to_owned())
                    .unwrap_or_else(|_| x.clone()),
            ),
            Condition::Consent(true) => p.t("segment-rule-is-consent-yes"),
            Condition::Consent(false) => p.t("segment-rule-is-consent-no"),
            Condition::Detractor(d) => one("segment-rule-is-detractor", d.to_string()),
            Condition::Promoter(d) => one("segment-rule-is-promoter", d.to_string()),
            Condition::CaseClosed(d) => one("segment-rule-is-case-closed", d.to_string()),
            Condition::Reached(t) => one("segment-rule-is-reached", tp(t)),
            Condition::DroppedAt(t) => one("segment-rule-is-dropped-at", tp(t)),
        })
        .collect()
}
