//! The staff pages of demand lists: the items, grouping answers into them, one item with its
//! waiting list, and the owner's naming, merging and "available now".

use super::mail::available_mail;
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_analytics::themes::{ThemeOptions, themes};
use kunde_domain::{CustomerId, Email, NonEmpty};
use kunde_store::{Added, DemandItem, StoreError, Waiting, WishAnswer};

/// The notices these pages may show after a redirect (`?done=…`).
pub struct DemandNotices;

impl Notices for DemandNotices {
    const KEYS: &'static [&'static str] = &[
        "demand-created",
        "demand-assigned",
        "demand-renamed",
        "demand-merged",
        "demand-added",
        "demand-already-waiting",
        "demand-respondents-added",
        "demand-marked-available",
    ];
}

/// Answers shown on the list page at most (the newest).
const ANSWERS_SHOWN: i64 = 500;
/// Groups proposed at most.
const PROPOSALS: usize = 8;
/// The longest item name.
const NAME_MAX: usize = 200;

/// A group of open answers the themes engine proposes as an item.
pub struct Proposal {
    pub phrase: String,
    pub answers: Vec<i64>,
}

#[derive(Template)]
#[template(path = "demand/list.html")]
struct ListPage {
    p: Page,
    items: Vec<DemandItem>,
    open: Vec<WishAnswer>,
    proposals: Vec<Proposal>,
    /// What was typed into the new item's name, and the answers ticked.
    name: String,
    ticked: Vec<i64>,
    errors: FieldErrors,
}

impl ListPage {
    fn ticked(&self, id: &i64) -> bool {
        self.ticked.contains(id)
    }
    fn joined(&self, ids: &[i64]) -> String {
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }
}

async fn list_page(
    state: &AppState,
    staff: &Staff,
    done: Option<&'static str>,
    name: String,
    ticked: Vec<i64>,
    errors: FieldErrors,
) -> Result<ListPage, AppError> {
    let ws = staff.user.workspace.id;
    let items = state.store.demand_items(ws).await?;
    let open: Vec<WishAnswer> = state
        .store
        .wish_answers(ws, ANSWERS_SHOWN)
        .await?
        .into_iter()
        .filter(|a| a.item.is_none())
        .collect();
    let texts: Vec<&str> = open.iter().map(|a| a.text.as_str()).collect();
    let options = ThemeOptions {
        min_answers: 2,
        max_themes: PROPOSALS,
    };
    let proposals = themes(&texts, options)
        .into_iter()
        .map(|t| Proposal {
            phrase: t.phrase,
            answers: t.answers.iter().map(|&i| open[i].id).collect(),
        })
        .collect();
    Ok(ListPage {
        p: staff.page("demand", "/demand").with_notice(done),
        items,
        open,
        proposals,
        name,
        ticked,
        errors,
    })
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    done: Notice<DemandNotices>,
) -> Result<Html<String>, AppError> {
    let view = list_page(
        &state,
        &staff,
        done.key(),
        String::new(),
        Vec::new(),
        FieldErrors::default(),
    )
    .await?;
    Ok(Html(view.render()?))
}

/// The values of every `key` field of a form with repeated fields.
fn all<'a>(
    fields: &'a [(String, String)],
    key: &'static str,
) -> impl Iterator<Item = &'a str> + 'a {
    fields
        .iter()
        .filter(move |(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn one<'a>(fields: &'a [(String, String)], key: &'static str) -> &'a str {
    all(fields, key).next().unwrap_or("").trim()
}

fn parse_name(tr: crate::kit::i18n::Tr, typed: &str, errors: &mut FieldErrors) -> Option<NonEmpty> {
    let name = NonEmpty::parse("name", typed)
        .ok()
        .filter(|n| n.as_str().chars().count() <= NAME_MAX);
    if name.is_none() {
        errors.add_message("name", tr.t("demand-error-name"));
    }
    name
}

/// A new item from the ticked answers (`answer`, repeated; or `answers`, comma-separated, as
/// a proposal sends them), or those answers moved into the item chosen in `item`.
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let ws = staff.user.workspace.id;
    let tr = crate::kit::i18n::Tr::new(staff.user.user.language);
    let answers: Vec<i64> = all(&fields, "answer")
        .chain(all(&fields, "answers").flat_map(|v| v.split(',')))
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    let target = one(&fields, "item");
    let typed = one(&fields, "name").to_owned();
    let mut errors = FieldErrors::default();
    if !target.is_empty() {
        let item: i64 = target.parse().map_err(|_| AppError::BadRequest)?;
        if answers.is_empty() {
            errors.add_message("answer", tr.t("demand-error-no-answers"));
        } else {
            state
                .store
                .assign_demand_answers(ws, item, &answers)
                .await?;
            return Ok(
                Redirect::to(&format!("/demand/{item}?done=demand-assigned")).into_response(),
            );
        }
    } else if let Some(name) = parse_name(tr, &typed, &mut errors) {
        let id = state
            .store
            .create_demand_item(ws, &name, &answers, state.now())
            .await?;
        return Ok(Redirect::to(&format!("/demand/{id}?done=demand-created")).into_response());
    }
    let view = list_page(&state, &staff, None, typed, answers, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(view.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "demand/item.html")]
struct ItemPage {
    p: Page,
    item: DemandItem,
    answers: Vec<WishAnswer>,
    waiting: Vec<Waiting>,
    /// Items this one can be merged into.
    others: Vec<DemandItem>,
    notify_url: String,
    /// Respondents of the answers not yet waiting.
    respondents_left: i64,
    email: String,
    name: String,
    errors: FieldErrors,
}

impl ItemPage {
    fn source(&self, w: &Waiting) -> String {
        self.p.t(&format!("demand-source-{}", w.source))
    }
}

#[allow(clippy::too_many_arguments)]
async fn item_page(
    state: &AppState,
    staff: &Staff,
    headers: &HeaderMap,
    id: i64,
    done: Option<&'static str>,
    email: String,
    name: Option<String>,
    errors: FieldErrors,
) -> Result<ItemPage, AppError> {
    let ws = staff.user.workspace.id;
    let item = state.store.demand_item(ws, id).await?;
    let answers: Vec<WishAnswer> = state
        .store
        .wish_answers(ws, i64::MAX)
        .await?
        .into_iter()
        .filter(|a| a.item == Some(id))
        .collect();
    let waiting = state.store.demand_waiting(ws, id).await?;
    let respondents_left = respondents(&answers)
        .iter()
        .filter(|c| !waiting.iter().any(|w| w.customer == **c))
        .count() as i64;
    let others = state
        .store
        .demand_items(ws)
        .await?
        .into_iter()
        .filter(|o| o.id != id && o.available_at.is_none())
        .collect();
    let site = state.store.help_site_slug(ws).await?;
    let notify_url = format!(
        "{}/portal/{site}/notify/{}",
        state.public_url(Some(headers)),
        item.public_key
    );
    let name = name.unwrap_or_else(|| item.name.clone());
    Ok(ItemPage {
        p: staff
            .page("demand", &format!("/demand/{id}"))
            .with_notice(done),
        item,
        answers,
        waiting,
        others,
        notify_url,
        respondents_left,
        email,
        name,
        errors,
    })
}

/// The distinct customers behind `answers`, in the answers' order.
fn respondents(answers: &[WishAnswer]) -> Vec<CustomerId> {
    let mut out: Vec<CustomerId> = Vec::new();
    for c in answers
        .iter()
        .filter_map(|a| a.customer.as_ref().map(|(c, _)| *c))
    {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    done: Notice<DemandNotices>,
) -> Result<Html<String>, AppError> {
    let view = item_page(
        &state,
        &staff,
        &headers,
        id,
        done.key(),
        String::new(),
        None,
        FieldErrors::default(),
    )
    .await?;
    Ok(Html(view.render()?))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct WaitingForm {
    email: String,
    respondents: Option<String>,
}

/// Puts a customer (by address) or every respondent of the item's answers on its list.
pub async fn add_waiting(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<WaitingForm>,
) -> Result<Response, AppError> {
    let ws = staff.user.workspace.id;
    let tr = crate::kit::i18n::Tr::new(staff.user.user.language);
    let by = Some(staff.user.user.id);
    let now = state.now();
    let item = state.store.demand_item(ws, id).await?;
    let mut errors = FieldErrors::default();
    if item.available_at.is_some() {
        errors.add_message("email", tr.t("demand-error-available"));
    } else if f.respondents.is_some() {
        let answers: Vec<WishAnswer> = state
            .store
            .wish_answers(ws, i64::MAX)
            .await?
            .into_iter()
            .filter(|a| a.item == Some(id))
            .collect();
        for c in respondents(&answers) {
            state.store.add_demand_waiting(ws, id, c, by, now).await?;
        }
        return Ok(
            Redirect::to(&format!("/demand/{id}?done=demand-respondents-added")).into_response(),
        );
    } else {
        match Email::parse(&f.email) {
            Err(_) => errors.add_message("email", tr.t("portal-error-email")),
            Ok(email) => match state
                .store
                .customer_by_email(ws, &email)
                .await?
                .map(|c| c.id)
            {
                None => errors.add_message("email", tr.t("demand-error-unknown-customer")),
                Some(c) => {
                    let done = match state.store.add_demand_waiting(ws, id, c, by, now).await? {
                        Added::AlreadyWaiting => "demand-already-waiting",
                        _ => "demand-added",
                    };
                    return Ok(Redirect::to(&format!("/demand/{id}?done={done}")).into_response());
                }
            },
        }
    }
    let view = item_page(&state, &staff, &headers, id, None, f.email, None, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(view.render()?)).into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct RenameForm {
    name: String,
}

pub async fn rename(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<RenameForm>,
) -> Result<Response, AppError> {
    let ws = staff.user.workspace.id;
    let tr = crate::kit::i18n::Tr::new(staff.user.user.language);
    let mut errors = FieldErrors::default();
    if let Some(name) = parse_name(tr, &f.name, &mut errors) {
        state.store.rename_demand_item(ws, id, &name).await?;
        return Ok(Redirect::to(&format!("/demand/{id}?done=demand-renamed")).into_response());
    }
    let view = item_page(
        &state,
        &staff,
        &headers,
        id,
        None,
        String::new(),
        Some(f.name),
        errors,
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(view.render()?)).into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct MergeForm {
    into: String,
}

/// Merges this item into the one chosen; the merged item's page is gone, so the answer goes
/// to the one that stays.
pub async fn merge(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<MergeForm>,
) -> Result<Response, AppError> {
    let ws = staff.user.workspace.id;
    // Reading first makes another business's id a 404 whatever the form says.
    state.store.demand_item(ws, id).await?;
    let into: i64 = f.into.trim().parse().map_err(|_| AppError::BadRequest)?;
    match state.store.merge_demand_items(ws, id, into).await {
        Ok(()) => Ok(Redirect::to(&format!("/demand/{into}?done=demand-merged")).into_response()),
        Err(StoreError::NotFound) => Err(AppError::BadRequest),
        Err(e) => Err(e.into()),
    }
}

/// Marks the item available: every waiting customer gets one e-mail in the language they
/// asked in, queued with their "notified" mark; a second press sends nothing.
pub async fn available(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let ws = staff.user.workspace.id;
    let item = state.store.demand_item(ws, id).await?;
    let business = staff.user.workspace.name.clone();
    crate::outbox::notify_demand_available(&state, ws, id, |r| {
        available_mail(r, &business, &item.name)
    })
    .await?;
    Ok(Redirect::to(&format!("/demand/{id}?done=demand-marked-available")).into_response())
}
