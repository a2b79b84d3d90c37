//! The customer list, one customer's page with their timeline, and the customer form.

use super::log_form::{LogForm, datetime_local, optional};
use crate::kit::error::AppError;
use crate::kit::extract::{Notice, Notices};
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::*;
use kunde_store::{CustomerQuery, CustomerSort, StoreError, TimelineItem};
use serde::Deserialize;

/// The notices this page may show after a redirect (`?done=…`).
pub(super) struct CustomerNotices;

impl Notices for CustomerNotices {
    const KEYS: &'static [&'static str] = &[
        "customer-created",
        "customer-saved",
        "interaction-logged",
        "order-logged",
    ];
}

const PAGE_SIZE: i64 = 50;

#[derive(Template)]
#[template(path = "customers.html")]
struct ListPage {
    p: Page,
    customers: Vec<Customer>,
    total: i64,
    search: String,
    page: i64,
    pages: i64,
    sort: &'static str,
}

impl ListPage {
    fn page_link(&self, page: i64) -> String {
        serde_urlencoded::to_string([
            ("q", self.search.as_str()),
            ("sort", self.sort),
            ("page", &page.to_string()),
        ])
        .map(|q| format!("/customers?{q}"))
        .unwrap_or_default()
    }

    fn sort_link(&self, sort: &str) -> String {
        serde_urlencoded::to_string([("q", self.search.as_str()), ("sort", sort)])
            .map(|q| format!("/customers?{q}"))
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    page: Option<i64>,
    sort: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "customers", "/customers");
    let page = q.page.unwrap_or(1).max(1);
    let search = q.q.unwrap_or_default();
    let query = CustomerQuery {
        search: Some(search.clone()).filter(|s| !s.trim().is_empty()),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    };
    if q.sort.as_deref() == Some(PREDICTED) {
        return list_by_predicted_value(&state, &user, p, search, page).await;
    }
    let sort = q
        .sort
        .as_deref()
        .and_then(CustomerSort::parse)
        .unwrap_or_default();
    let (customers, total) = state
        .store
        .list_customers_sorted(user.workspace.id, &query, sort)
        .await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let view = ListPage {
        p,
        customers,
        total,
        search,
        page,
        pages,
        sort: sort.code(),
    };
    view.render().map(Html).map_err(AppError::from)
}

/// The sort code for "predicted value", which the Value section's fit answers (the store
/// knows no predictions).
const PREDICTED: &str = "predicted";

/// The customer list sorted by predicted value: only customers with a prediction (those
/// with an order, when the data supports a fit), most valuable first; a search narrows it.
async fn list_by_predicted_value(
    state: &AppState,
    user: &kunde_store::SessionUser,
    p: Page,
    search: String,
    page: i64,
) -> Result<Html<String>, AppError> {
    let ws = user.workspace.id;
    let mut ranked = crate::value::by_predicted_value(state, user).await?;
    if !search.trim().is_empty() {
        let query = CustomerQuery {
            search: Some(search.clone()),
            limit: i64::MAX,
            offset: 0,
        };
        let (found, _) = state
            .store
            .list_customers_sorted(ws, &query, CustomerSort::Newest)
            .await?;
        let found: std::collections::HashSet<i64> = found.iter().map(|c| c.id.0).collect();
        ranked.retain(|(id, _)| found.contains(&id.0));
    }
    let total = ranked.len() as i64;
    let mut customers = Vec::new();
    for (id, _) in ranked
        .iter()
        .skip(((page - 1) * PAGE_SIZE) as usize)
        .take(PAGE_SIZE as usize)
    {
        match state.store.get_customer(ws, *id).await {
            Ok(c) => customers.push(c),
            // Erased or deleted since the fit was cached.
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let view = ListPage {
        p,
        customers,
        total,
        search,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        sort: PREDICTED,
    };
    view.render().map(Html).map_err(AppError::from)
}

#[derive(Template)]
#[template(path = "customer.html")]
struct ShowPage {
    p: Page,
    c: Customer,
    timeline: Vec<TimelineItem>,
    /// The touchpoints an interaction can be logged at.
    touchpoints: Vec<Touchpoint>,
    log: LogForm,
    errors: FieldErrors,
    /// RFM segment, P(alive) and predicted value (the Value section's block).
    value: Option<crate::value::CustomerValue>,
    thanks: crate::thanks::CustomerPanel,
    /// "Log an order", dated today in the business's zone.
    order: super::orders::OrderForm,
}

impl ShowPage {
    fn when(&self, at: &i64) -> String {
        self.p.datetime(at)
    }

    fn channels(&self) -> [Channel; 8] {
        Channel::ALL
    }

    fn channel_label(&self, item: &TimelineItem) -> String {
        if item.kind == "event" {
            // Events carry a channel code; orders and survey answers a ready summary.
            self.p.t(&format!("channel-{}", item.detail))
        } else {
            item.detail.clone()
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    done: Notice<CustomerNotices>,
) -> Result<Html<String>, AppError> {
    let mut p =
        Page::staff(&user, &csrf, "customers", &format!("/customers/{id}")).with_notice(done.key());
    if done.key() == Some("interaction-logged") {
        p.notice = Some(p.t("log-done"));
    }
    let ws = user.workspace.id;
    let c = state.store.get_customer(ws, CustomerId(id)).await?;
    let mut timeline = state.store.customer_timeline(ws, c.id, 500).await?;
    with_cases(&state, ws, c.id, &mut timeline).await?;
    timeline
        .extend(crate::survey_results::timeline_items(&state, ws, c.id, p.tr.lang(), 200).await?);
    timeline.sort_by_key(|i| std::cmp::Reverse(i.at));
    let touchpoints = state.store.all_touchpoints(ws).await?;
    let log = LogForm {
        channel: touchpoints
            .first()
            .map_or("phone", |t| t.channel.code())
            .to_owned(),
        at: datetime_local(state.now()),
        ..LogForm::default()
    };
    let value = crate::value::customer_value(&state, &user, c.id).await?;
    let thanks = crate::thanks::customer_panel(&state, ws, c.id).await?;
    let order = super::orders::OrderForm::today(&p.tz, state.now());
    let view = ShowPage {
        p,
        c,
        timeline,
        touchpoints,
        log,
        errors: FieldErrors::default(),
        value,
        thanks,
        order,
    };
    view.render().map(Html).map_err(AppError::from)
}

/// Adds the customer's service cases to the timeline, newest first like the rest.
async fn with_cases(
    state: &AppState,
    ws: WorkspaceId,
    customer: CustomerId,
    timeline: &mut Vec<TimelineItem>,
) -> Result<(), StoreError> {
    let cases = state.store.list_cases(ws, Some(customer), 500).await?;
    timeline.extend(crate::cases::case_timeline_items(&cases));
    timeline.sort_by_key(|item| std::cmp::Reverse(item.at));
    Ok(())
}

#[derive(Template)]
#[template(path = "customer_form.html")]
struct FormPage {
    p: Page,
    /// None for a new customer.
    id: Option<i64>,
    f: CustomerForm,
    errors: FieldErrors,
}

impl FormPage {
    fn channels(&self) -> &'static [&'static str] {
        &ACQUISITION_CHANNELS
    }
}

#[derive(Deserialize, Default)]
pub struct CustomerForm {
    name: String,
    email: String,
    phone: String,
    language: String,
    #[serde(default)]
    marketing_consent: Option<String>,
    acquisition_channel: String,
    acquisition_cost: String,
}

impl CustomerForm {
    fn from_customer(c: &Customer) -> Self {
        Self {
            name: c.name.clone(),
            email: c.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
            phone: c.phone.clone().unwrap_or_default(),
            language: c.language.code().to_owned(),
            marketing_consent: c.marketing_consent.then(|| "on".to_owned()),
            acquisition_channel: c.acquisition_channel.clone().unwrap_or_default(),
            acquisition_cost: c.acquisition_cost.to_string(),
        }
    }

    fn consent(&self) -> bool {
        self.marketing_consent.is_some()
    }

    /// Validates every field, collecting all errors at once so the user fixes them in one go.
    fn parse(&self, tr: crate::kit::i18n::Tr, created_at: i64) -> Result<NewCustomer, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check(tr, "name", "col-name", NonEmpty::parse("name", &self.name));
        let email = errors.check(
            tr,
            "email",
            "col-email",
            optional(&self.email).map(Email::parse).transpose(),
        );
        let phone = errors.check(
            tr,
            "phone",
            "col-phone",
            optional(&self.phone).map(Phone::parse).transpose(),
        );
        let language = errors.check(
            tr,
            "language",
            "col-language",
            Language::parse(&self.language),
        );
        let channel = errors.check(
            tr,
            "acquisition_channel",
            "col-channel",
            optional(&self.acquisition_channel)
                .map(|c| NonEmpty::parse("channel", c))
                .transpose(),
        );
        let cost = errors.check(
            tr,
            "acquisition_cost",
            "col-cost",
            optional(&self.acquisition_cost).map_or(Ok(Money(0)), Money::parse),
        );
        match (name, email, phone, language, channel, cost) {
            (Some(name), Some(email), Some(phone), Some(language), Some(channel), Some(cost))
                if errors.is_empty() =>
            {
                Ok(NewCustomer {
                    name,
                    email,
                    phone,
                    language,
                    marketing_consent: self.consent(),
                    acquisition_channel: channel,
                    acquisition_cost: cost,
                    created_at,
                })
            }
            _ => Err(errors),
        }
    }
}

fn render_form(view: FormPage, status: StatusCode) -> Result<Response, AppError> {
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

pub async fn new_form(Staff { user, csrf }: Staff) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "customers", "/customers/new");
    let f = CustomerForm {
        language: user.workspace.default_language.code().to_owned(),
        ..Default::default()
    };
    render_form(
        FormPage {
            p,
            id: None,
            f,
            errors: FieldErrors::default(),
        },
        StatusCode::OK,
    )
}

/// A duplicate e-mail becomes an error on the e-mail field; anything else is a page error.
fn store_error(p: &Page, errors: &mut FieldErrors, e: StoreError) -> Result<(), AppError> {
    match e {
        StoreError::Conflict(_) => {
            errors.add_message("email", p.t("error-duplicate-email"));
            Ok(())
        }
        other => Err(other.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<CustomerForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "customers", "/customers/new");
    let mut errors = match f.parse(p.tr, state.now()) {
        Ok(new) => match state.store.create_customer(user.workspace.id, &new).await {
            Ok(c) => {
                return Ok(
                    Redirect::to(&format!("/customers/{}?done=customer-created", c.id))
                        .into_response(),
                );
            }
            Err(e) => {
                let mut errors = FieldErrors::default();
                store_error(&p, &mut errors, e)?;
                errors
            }
        },
        Err(errors) => errors,
    };
    if errors.is_empty() {
        errors.add_message("form", p.t("error-form"));
    }
    render_form(
        FormPage {
            p,
            id: None,
            f,
            errors,
        },
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "customers", &format!("/customers/{id}/edit"));
    let c = state
        .store
        .get_customer(user.workspace.id, CustomerId(id))
        .await?;
    render_form(
        FormPage {
            p,
            id: Some(id),
            f: CustomerForm::from_customer(&c),
            errors: FieldErrors::default(),
        },
        StatusCode::OK,
    )
}

pub async fn update(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<CustomerForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "customers", &format!("/customers/{id}/edit"));
    let ws = user.workspace.id;
    // Reading first makes an id from another workspace a 404 before anything is validated.
    let existing = state.store.get_customer(ws, CustomerId(id)).await?;
    let errors = match f.parse(p.tr, existing.created_at) {
        Ok(changed) => match state.store.update_customer(ws, existing.id, &changed).await {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/customers/{id}?done=customer-saved")).into_response(),
                );
            }
            Err(StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => {
                let mut errors = FieldErrors::default();
                store_error(&p, &mut errors, e)?;
                errors
            }
        },
        Err(errors) => errors,
    };
    render_form(
        FormPage {
            p,
            id: Some(id),
            f,
            errors,
        },
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

pub async fn log_interaction(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<LogForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "customers", &format!("/customers/{id}"));
    let ws = user.workspace.id;
    let c = state.store.get_customer(ws, CustomerId(id)).await?;
    let touchpoints = state.store.all_touchpoints(ws).await?;
    let errors = match f.parse(p.tr, &touchpoints, c.id, user.user.id) {
        Ok(event) => {
            state.store.insert_events(ws, &[event]).await?;
            return Ok(
                Redirect::to(&format!("/customers/{id}?done=interaction-logged")).into_response(),
            );
        }
        Err(errors) => errors,
    };
    let mut timeline = state.store.customer_timeline(ws, c.id, 500).await?;
    timeline
        .extend(crate::survey_results::timeline_items(&state, ws, c.id, p.tr.lang(), 200).await?);
    timeline.sort_by_key(|i| std::cmp::Reverse(i.at));
    let thanks = crate::thanks::customer_panel(&state, ws, c.id).await?;
    let order = super::orders::OrderForm::today(&p.tz, state.now());
    let view = ShowPage {
        p,
        c,
        timeline,
        touchpoints,
        log: f,
        errors,
        value: None,
        thanks,
        order,
    };
    let html = view.render()?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
}
