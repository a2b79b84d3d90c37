//! The knowledge base: articles and their full-text search, through each database's own
//! engine. SQLite: the FTS5 table `kb_articles_fts` (external content, kept in step by
//! triggers in the same transaction as every write), ranked by BM25 with the title weighted
//! five times the body. PostgreSQL: the generated `search` tsvector (title A, body B) in the
//! article's language configuration, with a GIN index, ranked by `ts_rank`.
//!
//! User text never reaches either query parser as syntax: `kunde_domain::kb` reduces it to
//! words of letters and digits, and each word is quoted here for the engine (`"word"*` for
//! FTS5, `'word':*` for `to_tsquery`). Every word is matched as a prefix, which stands in for
//! stemming in SQLite and catches Danish and Swedish compounds and endings in both.

use crate::{Backend, Result, Store, StoreError, transaction, with_pool};
use kunde_domain::kb::{MAX_TERMS, meaningful_terms, search_terms, slugify};
use kunde_domain::{Article, ArticleDraft, Language, Visibility, WorkspaceId};

type ArticleRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    bool,
    i64,
    i64,
);

const COLUMNS: &str = "a.id, a.workspace_id, a.group_key, a.language, a.title, a.slug, \
                       a.body_markdown, a.public, a.created_at, a.updated_at";

fn from_row(r: ArticleRow) -> Result<Article> {
    let (id, ws, group_key, language, title, slug, body_markdown, public, created_at, updated_at) =
        r;
    Ok(Article {
        id,
        workspace_id: WorkspaceId(ws),
        group_key,
        language: Language::parse(&language)
            .map_err(|_| StoreError::Corrupt(format!("article language '{language}'")))?,
        title,
        slug,
        body_markdown,
        public,
        created_at,
        updated_at,
    })
}

/// How the words of a query are combined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Combine {
    /// Every word must occur (the search box).
    All,
    /// Any word may occur; more and rarer ones rank higher (suggestions for a case).
    Any,
}

/// An FTS5 query of quoted prefix terms; a `"` inside a term is doubled as FTS5 requires.
fn fts5_query(terms: &[String], combine: Combine) -> String {
    let sep = if combine == Combine::All { " " } else { " OR " };
    terms
        .iter()
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A `to_tsquery` text of quoted prefix terms; a `'` or `\` inside a term is escaped.
fn tsquery(terms: &[String], combine: Combine) -> String {
    let sep = if combine == Combine::All {
        " & "
    } else {
        " | "
    };
    terms
        .iter()
        .map(|t| format!("'{}':*", t.replace('\\', "\\\\").replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Writes an import's calendar and articles inside the import's transaction `$tx` (a macro
/// because the transaction's type differs per backend; `with_pool!` expands it for each).
/// Slugs are made unique within the import; translations point at earlier articles.
macro_rules! import_kb {
    ($tx:ident, $ws:expr, $kb:expr, $now:expr) => {{
        let ws: i64 = $ws;
        let kb: &kunde_domain::ImportKb = $kb;
        if let Some(calendar) = &kb.calendar {
            sqlx::query("INSERT INTO business_calendars (workspace_id, time_zone, updated_at) VALUES ($1, $2, $3)")
                .bind(ws)
                .bind(calendar.time_zone_name())
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            for (day, intervals) in calendar.week().iter().enumerate() {
                for iv in intervals {
                    sqlx::query(
                        "INSERT INTO business_hours (workspace_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(ws)
                    .bind(day as i64)
                    .bind(i64::from(iv.start_minute()))
                    .bind(i64::from(iv.end_minute()))
                    .execute(&mut *$tx)
                    .await?;
                }
            }
            for (date, name) in calendar.holidays() {
                sqlx::query("INSERT INTO business_holidays (workspace_id, day, name) VALUES ($1, $2, $3)")
                    .bind(ws)
                    .bind(date.to_string())
                    .bind(name)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        let mut groups: Vec<String> = Vec::with_capacity(kb.articles.len());
        let mut slugs = std::collections::HashSet::new();
        for (i, a) in kb.articles.iter().enumerate() {
            let group = match a.translation_of {
                Some(j) if j < i => groups[j].clone(),
                Some(_) => {
                    return Err(crate::StoreError::InvalidReference(
                        "an article translates a later one".into(),
                    ))
                }
                None => uuid::Uuid::new_v4().simple().to_string(),
            };
            let base = kunde_domain::kb::slugify(&a.title);
            let slug = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|s| !slugs.contains(s))
                .expect("an unused slug exists");
            slugs.insert(slug.clone());
            sqlx::query(
                "INSERT INTO kb_articles (workspace_id, group_key, language, title, slug, body_markdown, public, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(ws)
            .bind(&group)
            .bind(a.language.code())
            .bind(&a.title)
            .bind(&slug)
            .bind(&a.body_markdown)
            .bind(a.public)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
            groups.push(group);
        }
    }};
}
pub(crate) use import_kb;

impl Store {
    /// The workspace's help-centre address (`/help/{slug}`), made from its name the first
    /// time it is asked for.
    pub async fn help_site_slug(&self, ws: WorkspaceId) -> Result<String> {
        if let Some(slug) = self.find_help_site_slug(ws).await? {
            return Ok(slug);
        }
        let workspace = self.get_workspace(ws).await?;
        let base = slugify(&workspace.name);
        for candidate in [base.clone(), format!("{base}-{}", ws.0)] {
            with_pool!(self, pool => {
                sqlx::query(
                    "INSERT INTO kb_sites (workspace_id, slug) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(ws.0)
                .bind(&candidate)
                .execute(pool)
                .await?;
            });
            if let Some(slug) = self.find_help_site_slug(ws).await? {
                return Ok(slug);
            }
        }
        Err(StoreError::Conflict("a help centre with this address"))
    }

    async fn find_help_site_slug(&self, ws: WorkspaceId) -> Result<Option<String>> {
        let row: Option<(String,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT slug FROM kb_sites WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(|r| r.0))
    }

    /// The workspace whose help centre lives at `/help/{slug}`.
    pub async fn help_site_workspace(&self, slug: &str) -> Result<Option<WorkspaceId>> {
        let row: Option<(i64,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT workspace_id FROM kb_sites WHERE slug = $1")
                .bind(slug)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(|r| WorkspaceId(r.0)))
    }

    /// Creates an article, as a translation of `translation_of` when given (an article of
    /// the same workspace in another language). Its slug comes from the title, made unique.
    pub async fn create_article(
        &self,
        ws: WorkspaceId,
        draft: &ArticleDraft,
        translation_of: Option<i64>,
        now: i64,
    ) -> Result<Article> {
        let base = slugify(draft.title.as_str());
        let row: ArticleRow = with_pool!(self, pool => transaction!(pool, tx => {
            let group_key = match translation_of {
                None => uuid::Uuid::new_v4().simple().to_string(),
                Some(original) => {
                    let group: Option<(String,)> = sqlx::query_as(
                        "SELECT group_key FROM kb_articles WHERE workspace_id = $1 AND id = $2",
                    )
                    .bind(ws.0)
                    .bind(original)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let (group,) = group.ok_or_else(|| {
                        StoreError::InvalidReference("the original article is not in this workspace".into())
                    })?;
                    let taken: Option<(i64,)> = sqlx::query_as(
                        "SELECT id FROM kb_articles WHERE workspace_id = $1 AND group_key = $2 AND language = $3",
                    )
                    .bind(ws.0)
                    .bind(&group)
                    .bind(draft.language.code())
                    .fetch_optional(&mut *tx)
                    .await?;
                    if taken.is_some() {
                        return Err(StoreError::Conflict("a translation in this language"));
                    }
                    group
                }
            };
            let used: Vec<(String,)> = sqlx::query_as(
                "SELECT slug FROM kb_articles WHERE workspace_id = $1 AND (slug = $2 OR slug LIKE $3)",
            )
            .bind(ws.0)
            .bind(&base)
            .bind(format!("{base}-%"))
            .fetch_all(&mut *tx)
            .await?;
            let used: std::collections::HashSet<String> = used.into_iter().map(|r| r.0).collect();
            let slug = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|s| !used.contains(s))
                .expect("an unused slug exists");
            let row: ArticleRow = sqlx::query_as(
                "INSERT INTO kb_articles (workspace_id, group_key, language, title, slug, body_markdown, public, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
                 RETURNING id, workspace_id, group_key, language, title, slug, body_markdown, public, created_at, updated_at",
            )
            .bind(ws.0)
            .bind(&group_key)
            .bind(draft.language.code())
            .bind(draft.title.as_str())
            .bind(&slug)
            .bind(&draft.body_markdown)
            .bind(draft.public)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(row)
        }))?;
        from_row(row)
    }

    /// Replaces an article's title, body, language and visibility; its slug (and so its
    /// public address) stays. Another workspace's article is `NotFound`; a language another
    /// translation already has is a `Conflict`.
    pub async fn update_article(
        &self,
        ws: WorkspaceId,
        id: i64,
        draft: &ArticleDraft,
        now: i64,
    ) -> Result<Article> {
        let row: Option<ArticleRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "UPDATE kb_articles SET title = $3, body_markdown = $4, language = $5, public = $6, updated_at = $7
                 WHERE workspace_id = $1 AND id = $2
                 RETURNING id, workspace_id, group_key, language, title, slug, body_markdown, public, created_at, updated_at",
            )
            .bind(ws.0)
            .bind(id)
            .bind(draft.title.as_str())
            .bind(&draft.body_markdown)
            .bind(draft.language.code())
            .bind(draft.public)
            .bind(now)
            .fetch_optional(pool)
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Conflict(_) => StoreError::Conflict("a translation in this language"),
                other => other,
            })?
        });
        from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Deletes an article of the workspace (its translations stay).
    pub async fn delete_article(&self, ws: WorkspaceId, id: i64) -> Result<()> {
        let done = with_pool!(self, pool => {
            sqlx::query("DELETE FROM kb_articles WHERE workspace_id = $1 AND id = $2")
                .bind(ws.0)
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn get_article(&self, ws: WorkspaceId, id: i64) -> Result<Article> {
        let sql =
            format!("SELECT {COLUMNS} FROM kb_articles a WHERE a.workspace_id = $1 AND a.id = $2");
        let row: Option<ArticleRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ws.0)
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// A public article by its slug, for the help centre; internal ones are never found.
    pub async fn public_article(&self, ws: WorkspaceId, slug: &str) -> Result<Option<Article>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM kb_articles a WHERE a.workspace_id = $1 AND a.slug = $2 AND a.public"
        );
        let row: Option<ArticleRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ws.0)
                .bind(slug)
                .fetch_optional(pool)
                .await?
        });
        row.map(from_row).transpose()
    }

    /// The workspace's articles visible at `visibility`, by title.
    pub async fn list_articles(
        &self,
        ws: WorkspaceId,
        visibility: Visibility,
    ) -> Result<Vec<Article>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM kb_articles a WHERE a.workspace_id = $1 AND ($2 OR a.public)
             ORDER BY a.title, a.id"
        );
        let rows: Vec<ArticleRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ws.0)
                .bind(visibility == Visibility::All)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(from_row).collect()
    }

    /// An article and its translations (the whole group), by language code.
    pub async fn article_translations(
        &self,
        ws: WorkspaceId,
        group_key: &str,
        visibility: Visibility,
    ) -> Result<Vec<Article>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM kb_articles a
             WHERE a.workspace_id = $1 AND a.group_key = $2 AND ($3 OR a.public) ORDER BY a.language"
        );
        let rows: Vec<ArticleRow> = with_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(ws.0)
                .bind(group_key)
                .bind(visibility == Visibility::All)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(from_row).collect()
    }

    /// Articles containing every word of `query` (each as a word prefix), best match first.
    /// A query with no words (such as `*` or `"(`) finds nothing rather than failing.
    pub async fn search_articles(
        &self,
        ws: WorkspaceId,
        query: &str,
        visibility: Visibility,
        limit: i64,
    ) -> Result<Vec<Article>> {
        let terms = search_terms(query);
        self.full_text(ws, &terms, Combine::All, visibility, limit)
            .await
    }

    /// Articles (internal and public) that best match the text of a case: its meaningful
    /// words, any of which may match; articles with more and rarer ones come first.
    pub async fn suggest_articles(
        &self,
        ws: WorkspaceId,
        free_text: &str,
        limit: i64,
    ) -> Result<Vec<Article>> {
        let terms = meaningful_terms(free_text, MAX_TERMS);
        self.full_text(ws, &terms, Combine::Any, Visibility::All, limit)
            .await
    }

    async fn full_text(
        &self,
        ws: WorkspaceId,
        terms: &[String],
        combine: Combine,
        visibility: Visibility,
        limit: i64,
    ) -> Result<Vec<Article>> {
        if terms.is_empty() || limit <= 0 {
            return Ok(Vec::new());
        }
        let all = visibility == Visibility::All;
        let rows: Vec<ArticleRow> = match self.backend() {
            Backend::Sqlite => {
                let sql = format!(
                    "SELECT {COLUMNS} FROM kb_articles_fts JOIN kb_articles a ON a.id = kb_articles_fts.rowid
                     WHERE kb_articles_fts MATCH $1 AND a.workspace_id = $2 AND ($3 OR a.public)
                     ORDER BY bm25(kb_articles_fts, 5.0, 1.0), a.id LIMIT $4"
                );
                let crate::Pool::Sqlite(pool) = &self.pool else {
                    unreachable!("backend is sqlite")
                };
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(fts5_query(terms, combine))
                    .bind(ws.0)
                    .bind(all)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
            Backend::Postgres => {
                // One query per language configuration, each compared only with articles of
                // its language, so every branch can use the GIN index on `search`.
                let sql = format!(
                    "WITH q AS (SELECT to_tsquery('english', $1) AS en, to_tsquery('danish', $1) AS da,
                                       to_tsquery('swedish', $1) AS sv, to_tsquery('simple', $1) AS tl)
                     SELECT {COLUMNS} FROM kb_articles a, q
                     WHERE a.workspace_id = $2 AND ($3 OR a.public)
                       AND ((a.language = 'en' AND a.search @@ q.en) OR (a.language = 'da' AND a.search @@ q.da)
                         OR (a.language = 'sv' AND a.search @@ q.sv) OR (a.language = 'tl' AND a.search @@ q.tl))
                     ORDER BY ts_rank(a.search, CASE a.language WHEN 'en' THEN q.en WHEN 'da' THEN q.da
                                                 WHEN 'sv' THEN q.sv ELSE q.tl END) DESC, a.id
                     LIMIT $4"
                );
                let crate::Pool::Postgres(pool) = &self.pool else {
                    unreachable!("backend is postgres")
                };
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(tsquery(terms, combine))
                    .bind(ws.0)
                    .bind(all)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
        };
        rows.into_iter().map(from_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_quoted_for_each_engine() {
        let terms = vec!["dæk".to_owned(), "it's".to_owned(), "a\"b".to_owned()];
        assert_eq!(
            fts5_query(&terms, Combine::All),
            r#""dæk"* "it's"* "a""b"*"#
        );
        assert_eq!(
            fts5_query(&terms[..2], Combine::Any),
            r#""dæk"* OR "it's"*"#
        );
        assert_eq!(tsquery(&terms[..2], Combine::All), "'dæk':* & 'it''s':*");
        assert_eq!(tsquery(&terms[..1], Combine::Any), "'dæk':*");
    }
}
