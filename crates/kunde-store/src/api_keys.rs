//! Workspace API keys. A key is 32 random bytes shown to the owner once; the database keeps
//! only its SHA-256 (a random 256-bit key needs no slow hash), so a stolen copy of the database
//! holds no usable key. Every request looks its key up afresh: a revoked key stops working at
//! once.

use crate::{Result, Store, StoreError, with_pool};
use base64::Engine;
use kunde_domain::{NonEmpty, UserId, WorkspaceId};
use sha2::{Digest, Sha256};

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyKind {
    /// Kept on the business's servers: sends events of any kind and identifies visitors.
    Secret,
    /// Sits in the web pages (the snippet): may only add anonymous page views and clicks, and
    /// can read nothing.
    Publishable,
}

impl ApiKeyKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Secret => "secret",
            Self::Publishable => "publishable",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "secret" => Some(Self::Secret),
            "publishable" => Some(Self::Publishable),
            _ => None,
        }
    }

    /// The readable start of every key of this kind, so a key pasted in the wrong place is
    /// recognised at a glance (and by secret scanners).
    pub fn key_prefix(self) -> &'static str {
        match self {
            Self::Secret => "kunde_sk_",
            Self::Publishable => "kunde_pk_",
        }
    }
}

/// A key as the settings page lists it (never the key itself).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ApiKey {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub kind: ApiKeyKind,
    /// The first characters of the key, e.g. `kunde_sk_Q2x9`.
    pub prefix: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    /// Publishable keys: the only origins whose pages may use the key (empty: any).
    pub allowed_origins: Vec<String>,
}

impl ApiKey {
    pub fn is_active(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// The workspace and kind a presented key grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyGrant {
    pub key_id: i64,
    pub workspace_id: WorkspaceId,
    pub kind: ApiKeyKind,
    /// The origins whose pages may use the key (empty: any); see
    /// `kunde_domain::origin_allowed`.
    pub allowed_origins: Vec<String>,
}

/// Origins are stored one per line.
fn origins(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The SHA-256 of a presented key, as stored.
pub fn api_key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// A fresh random key of `kind`: the prefix and 43 URL-safe characters (256 bits).
pub fn generate_api_key(kind: ApiKeyKind) -> String {
    let bytes: [u8; 32] = rand::random();
    format!(
        "{}{}",
        kind.key_prefix(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Characters of a key shown in lists: the kind prefix and four random characters.
const SHOWN: usize = 13;

type ApiKeyRow = (i64, i64, String, String, String, i64, Option<i64>, String);

fn from_row(r: ApiKeyRow) -> Result<ApiKey> {
    let (id, ws, name, kind, prefix, created_at, revoked_at, allowed_origins) = r;
    Ok(ApiKey {
        id,
        workspace_id: WorkspaceId(ws),
        name,
        kind: ApiKeyKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("api key kind '{kind}'")))?,
        prefix,
        created_at,
        revoked_at,
        allowed_origins: origins(&allowed_origins),
    })
}

impl Store {
    /// Creates a key and returns it with its plain text, which is never available again.
    pub async fn create_api_key(
        &self,
        ws: WorkspaceId,
        name: &NonEmpty,
        kind: ApiKeyKind,
        created_by: Option<UserId>,
        now: i64,
    ) -> Result<(ApiKey, String)> {
        self.create_api_key_for_origins(ws, name, kind, &[], created_by, now)
            .await
    }

    /// Like [`create_api_key`](Self::create_api_key), with the origins whose pages may use
    /// the key (normalised by `kunde_domain::parse_origins`; empty: any origin).
    pub async fn create_api_key_for_origins(
        &self,
        ws: WorkspaceId,
        name: &NonEmpty,
        kind: ApiKeyKind,
        allowed_origins: &[String],
        created_by: Option<UserId>,
        now: i64,
    ) -> Result<(ApiKey, String)> {
        let key = generate_api_key(kind);
        let prefix = key[..SHOWN].to_owned();
        let row: ApiKeyRow = with_pool!(self, pool => {
            sqlx::query_as(
                "INSERT INTO api_keys (workspace_id, name, kind, prefix, key_hash, created_by, created_at, allowed_origins)
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8
                 WHERE $6 IS NULL OR EXISTS (SELECT 1 FROM users WHERE workspace_id = $1 AND id = $6)
                 RETURNING id, workspace_id, name, kind, prefix, created_at, revoked_at, allowed_origins",
            )
            .bind(ws.0)
            .bind(name.as_str())
            .bind(kind.code())
            .bind(&prefix)
            .bind(api_key_hash(&key))
            .bind(created_by.map(|u| u.0))
            .bind(now)
            .bind(allowed_origins.join("\n"))
            .fetch_optional(pool)
            .await?
            .ok_or_else(|| StoreError::InvalidReference("the key's creator is not in this workspace".into()))?
        });
        Ok((from_row(row)?, key))
    }

    /// The workspace's keys, newest first, revoked ones included.
    pub async fn list_api_keys(&self, ws: WorkspaceId) -> Result<Vec<ApiKey>> {
        let rows: Vec<ApiKeyRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, workspace_id, name, kind, prefix, created_at, revoked_at, allowed_origins
                 FROM api_keys WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(from_row).collect()
    }

    /// Revokes a key of the workspace; revoking twice keeps the first time. A key of another
    /// workspace is `NotFound`.
    pub async fn revoke_api_key(&self, ws: WorkspaceId, id: i64, now: i64) -> Result<()> {
        let done = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE workspace_id = $1 AND id = $2",
            )
            .bind(ws.0)
            .bind(id)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// What a presented key grants, or None when it is unknown or revoked.
    pub async fn authenticate_api_key(&self, key: &str) -> Result<Option<ApiKeyGrant>> {
        let row: Option<(i64, i64, String, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT id, workspace_id, kind, allowed_origins FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
            )
            .bind(api_key_hash(key))
            .fetch_optional(pool)
            .await?
        });
        row.map(|(key_id, ws, kind, allowed)| {
            Ok(ApiKeyGrant {
                key_id,
                workspace_id: WorkspaceId(ws),
                kind: ApiKeyKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("api key kind '{kind}'")))?,
                allowed_origins: origins(&allowed),
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_carry_their_kind_and_hash_to_hex() {
        let a = generate_api_key(ApiKeyKind::Secret);
        let b = generate_api_key(ApiKeyKind::Secret);
        assert_ne!(a, b);
        assert!(a.starts_with("kunde_sk_") && a.len() == 9 + 43, "{a}");
        assert!(generate_api_key(ApiKeyKind::Publishable).starts_with("kunde_pk_"));
        assert_eq!(api_key_hash(&a).len(), 64);
        assert_ne!(api_key_hash(&a), api_key_hash(&b));
    }
}
