//! The knowledge base for staff (`/kb`): list and full-text search of every article,
//! internal and public; one article with its translations; the article form (new, edit,
//! translate); deleting with a confirmation page (owners only).

use crate::kit::error::AppError;
use crate::kit::markdown;
use crate::kit::{FieldErrors, Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use kunde_domain::*;
use kunde_store::StoreError;
use serde::Deserialize;

/// Search results shown at most.
const RESULTS: i64 = 50;

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/kb", get(list))
        .route("/kb/new", get(new_form).post(create))
        .route("/kb/{id}", get(show))
        .route("/kb/{id}/edit", get(edit_form).post(update))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/kb/{id}/delete", get(confirm_delete).post(delete))
        .route("/kb/address", post(set_address))
}

/// An article as a list shows it.
pub struct Row {
    a: Article,
    excerpt: String,
}

fn rows(articles: Vec<Article>) -> Vec<Row> {
    articles
        .into_iter()
        .map(|a| Row {
            excerpt: markdown::excerpt(&a.body_markdown, 160),
            a,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "kb/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<Row>,
    search: String,
    help_url: String,
    /// The help centre's address as the owner may edit it, and an error for it.
    address: String,
    address_error: String,
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    done: Option<String>,
}

fn notice(p: &mut Page, done: Option<&str>) {
    const NOTICES: [&str; 4] = ["kb-created", "kb-saved", "kb-deleted", "kb-address-saved"];
    if let Some(key) = done.filter(|d| NOTICES.contains(d)) {
        p.notice = Some(p.t(key));
    }
}

pub async fn list(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let mut p = Page::staff(&user, &csrf, "kb", "/kb");
    notice(&mut p, q.done.as_deref());
    let ws = user.workspace.id;
    let search = q.q.unwrap_or_default();
    let articles = if search.trim().is_empty() {
        state.store.list_articles(ws, Visibility::All).await
    } else {
        state
            .store
            .search_articles(ws, &search, Visibility::All, RESULTS)
            .await
    }?;
    let slug = state.store.help_site_slug(ws).await?;
    let view = ListPage {
        p,
        rows: rows(articles),
        search,
        help_url: format!("/help/{slug}"),
        address: slug,
        address_error: String::new(),
    };
    view.render().map(Html).map_err(AppError::from)
}

#[derive(Template)]
#[template(path = "kb/show.html")]
struct ShowPage {
    p: Page,
    a: Article,
    html: String,
    translations: Vec<Article>,
    /// Languages the article has no translation in yet.
    missing: Vec<Language>,
    public_url: String,
}

async fn load(state: &AppState, ws: WorkspaceId, id: i64) -> Result<Article, AppError> {
    Ok(state.store.get_article(ws, id).await?)
}

pub async fn show(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let mut p = Page::staff(&user, &csrf, "kb", &format!("/kb/{id}"));
    notice(&mut p, q.done.as_deref());
    let ws = user.workspace.id;
    let a = load(&state, ws, id).await?;
    let translations = state
        .store
        .article_translations(ws, &a.group_key, Visibility::All)
        .await?;
    let missing = Language::ALL
        .into_iter()
        .filter(|l| !translations.iter().any(|t| t.language == *l))
        .collect();
    let slug = state.store.help_site_slug(ws).await?;
    let view = ShowPage {
        html: markdown::render(&a.body_markdown),
        public_url: format!("/help/{slug}/{}", a.slug),
        translations: translations.into_iter().filter(|t| t.id != a.id).collect(),
        missing,
        p,
        a,
    };
    view.render().map(Html).map_err(AppError::from)
}

#[derive(Deserialize, Default)]
pub struct ArticleForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    language: String,
    /// A checkbox: present when ticked.
    public: Option<String>,
    /// The article this one translates (new articles only).
    translation_of: Option<i64>,
}

#[derive(Template)]
#[template(path = "kb/form.html")]
struct FormPage {
    p: Page,
    form: ArticleForm,
    errors: FieldErrors,
    /// The article being edited; None for a new one.
    editing: Option<i64>,
    /// The title of the article being translated.
    original: Option<String>,
}

impl FormPage {
    fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/kb/{id}/edit"),
            None => "/kb/new".to_owned(),
        }
    }
}

fn render_form(view: FormPage, status: StatusCode) -> Result<Response, AppError> {
    let html = view.render()?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
pub struct NewQuery {
    translation_of: Option<i64>,
    language: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "kb", "/kb/new");
    let original = match q.translation_of {
        Some(id) => Some(load(&state, user.workspace.id, id).await?),
        None => None,
    };
    let language = q
        .language
        .filter(|l| Language::parse(l).is_ok())
        .unwrap_or_else(|| user.workspace.default_language.code().to_owned());
    let form = ArticleForm {
        language,
        public: original.as_ref().filter(|o| o.public).map(|_| "on".into()),
        translation_of: original.as_ref().map(|o| o.id),
        ..Default::default()
    };
    render_form(
        FormPage {
            p,
            form,
            errors: FieldErrors::default(),
            editing: None,
            original: original.map(|o| o.title),
        },
        StatusCode::OK,
    )
}

/// Validates the form into a draft, recording each field's error.
fn draft(p: &Page, f: &ArticleForm, errors: &mut FieldErrors) -> Option<ArticleDraft> {
    match ArticleDraft::parse(&f.title, &f.body, &f.language, f.public.is_some()) {
        Ok(d) => Some(d),
        Err(list) => {
            for (field, e) in list {
                let (name, label) = match field {
                    "title" => ("title", "kb-title-field"),
                    "body" => ("body", "kb-body-field"),
                    _ => ("language", "kb-language-field"),
                };
                errors.add(p.tr, name, label, &e);
            }
            None
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<ArticleForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "kb", "/kb/new");
    let mut errors = FieldErrors::default();
    if let Some(d) = draft(&p, &f, &mut errors) {
        match state
            .store
            .create_article(user.workspace.id, &d, f.translation_of, state.now())
            .await
        {
            Ok(a) => {
                return Ok(Redirect::to(&format!("/kb/{}?done=kb-created", a.id)).into_response());
            }
            Err(StoreError::Conflict(_)) => {
                errors.add_message("language", p.t("kb-error-translation-exists"))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let original = match f.translation_of {
        Some(id) => Some(load(&state, user.workspace.id, id).await?.title),
        None => None,
    };
    render_form(
        FormPage {
            p,
            form: f,
            errors,
            editing: None,
            original,
        },
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "kb", &format!("/kb/{id}/edit"));
    let a = load(&state, user.workspace.id, id).await?;
    let form = ArticleForm {
        title: a.title,
        body: a.body_markdown,
        language: a.language.code().to_owned(),
        public: a.public.then(|| "on".into()),
        translation_of: None,
    };
    render_form(
        FormPage {
            p,
            form,
            errors: FieldErrors::default(),
            editing: Some(id),
            original: None,
        },
        StatusCode::OK,
    )
}

pub async fn update(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
    Form(f): Form<ArticleForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "kb", &format!("/kb/{id}/edit"));
    let mut errors = FieldErrors::default();
    if let Some(d) = draft(&p, &f, &mut errors) {
        match state
            .store
            .update_article(user.workspace.id, id, &d, state.now())
            .await
        {
            Ok(_) => return Ok(Redirect::to(&format!("/kb/{id}?done=kb-saved")).into_response()),
            Err(StoreError::Conflict(_)) => {
                errors.add_message("language", p.t("kb-error-translation-exists"))
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        // An id of another workspace is a 404 even when the form is also wrong.
        load(&state, user.workspace.id, id).await?;
    }
    render_form(
        FormPage {
            p,
            form: f,
            errors,
            editing: Some(id),
            original: None,
        },
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

#[derive(Template)]
#[template(path = "kb/delete.html")]
struct DeletePage {
    p: Page,
    a: Article,
}

pub async fn confirm_delete(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let p = Page::staff(&user, &csrf, "kb", &format!("/kb/{id}/delete"));
    let a = load(&state, user.workspace.id, id).await?;
    let view = DeletePage { p, a };
    view.render().map(Html).map_err(AppError::from)
}

pub async fn delete(
    State(state): State<AppState>,
    Staff { user, .. }: Staff,
    client: crate::kit::client::ClientKey,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    state.store.delete_article(user.workspace.id, id).await?;
    crate::kit::audit::Audit::by(&user, &client)
        .record(
            &state,
            kunde_store::audit_action::DELETE,
            ("article", Some(id)),
            "",
        )
        .await;
    Ok(Redirect::to("/kb?done=kb-deleted").into_response())
}

#[derive(Deserialize)]
pub struct AddressForm {
    address: String,
}

/// Moves the public help centre to another address; old links stop working.
pub async fn set_address(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    Form(f): Form<AddressForm>,
) -> Result<Response, AppError> {
    let p = Page::staff(&user, &csrf, "kb", "/kb");
    let ws = user.workspace.id;
    let slug = kunde_domain::kb::slugify(&f.address);
    let error = if f.address.trim().is_empty() {
        Some(p.t("kb-address-empty"))
    } else {
        match state.store.set_help_site_slug(ws, &slug).await {
            Ok(()) => return Ok(Redirect::to("/kb?done=kb-address-saved").into_response()),
            Err(StoreError::Conflict(_)) => Some(p.named("kb-address-taken", &slug)),
            Err(e) => return Err(e.into()),
        }
    };
    let articles = state.store.list_articles(ws, Visibility::All).await?;
    let current = state.store.help_site_slug(ws).await?;
    let view = ListPage {
        p,
        rows: rows(articles),
        search: String::new(),
        help_url: format!("/help/{current}"),
        address: f.address,
        address_error: error.unwrap_or_default(),
    };
    let html = view.render()?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
}
