//! Clicks on a campaign's links (issue 15, migration 0035), counted only for a campaign whose
//! owner asked for it (`campaigns.track_clicks`). A link in such a campaign's e-mail points
//! at `/u/{token}/l/{n}`: the token is the recipient's unsubscribe token (stored as SHA-256
//! in `campaign_recipients`), so [`Store::campaign_click_target`] is a look-up by a secret
//! like the unsubscribe page's, and the web layer finds the destination in the campaign's own
//! body — never in the address — before [`Store::record_campaign_click`] stores the click.

use crate::{Result, Store, with_pool};
use kunde_domain::*;

/// Whose e-mail a click came from: the business, the campaign and the customer it went to,
/// their language (which version of the body they got), and whether the campaign counts
/// clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClickTarget {
    pub workspace: WorkspaceId,
    pub campaign: i64,
    pub customer: CustomerId,
    pub language: Language,
    pub track_clicks: bool,
}

/// Clicks on one link of a campaign: its index among the body's links, its destination, how
/// often it was followed and by how many customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkClicks {
    pub index: i64,
    pub url: String,
    pub clicks: i64,
    pub clickers: i64,
}

impl Store {
    /// The recipient a campaign e-mail's token belongs to, if it is one.
    pub async fn campaign_click_target(&self, token_hash: &str) -> Result<Option<ClickTarget>> {
        let row: Option<(i64, i64, i64, String, bool)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT r.workspace_id, r.campaign_id, r.customer_id, c.language, k.track_clicks
                 FROM campaign_recipients r
                 JOIN customers c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
                 JOIN campaigns k ON k.workspace_id = r.workspace_id AND k.id = r.campaign_id
                 WHERE r.token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(
            |(ws, campaign, customer, language, track_clicks)| ClickTarget {
                workspace: WorkspaceId(ws),
                campaign,
                customer: CustomerId(customer),
                language: Language::parse(&language).unwrap_or_default(),
                track_clicks,
            },
        ))
    }

    /// Stores one click of `customer` on link `index` (destination `url`) of a campaign of
    /// the business. Nothing is stored unless the customer is one of the campaign's
    /// recipients and the campaign counts clicks.
    pub async fn record_campaign_click(
        &self,
        ws: WorkspaceId,
        campaign: i64,
        customer: CustomerId,
        index: i64,
        url: &str,
        now: i64,
    ) -> Result<bool> {
        with_pool!(self, pool => {
            let done = sqlx::query(
                "INSERT INTO campaign_clicks (workspace_id, campaign_id, customer_id, link_index, url, clicked_at)
                 SELECT r.workspace_id, r.campaign_id, r.customer_id, $4, $5, $6
                 FROM campaign_recipients r
                 JOIN campaigns k ON k.workspace_id = r.workspace_id AND k.id = r.campaign_id
                 WHERE r.workspace_id = $1 AND r.campaign_id = $2 AND r.customer_id = $3
                   AND r.state = 'queued' AND k.track_clicks",
            )
            .bind(ws.0)
            .bind(campaign)
            .bind(customer.0)
            .bind(index)
            .bind(url)
            .bind(now)
            .execute(pool)
            .await?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The clicks on each link of a campaign (by index, then destination) and how many
    /// customers clicked any link.
    pub async fn campaign_clicks(
        &self,
        ws: WorkspaceId,
        campaign: i64,
    ) -> Result<(Vec<LinkClicks>, i64)> {
        with_pool!(self, pool => {
            let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
                "SELECT link_index, url, COUNT(*), COUNT(DISTINCT customer_id) FROM campaign_clicks
                 WHERE workspace_id = $1 AND campaign_id = $2
                 GROUP BY link_index, url ORDER BY link_index, url",
            )
            .bind(ws.0)
            .bind(campaign)
            .fetch_all(pool)
            .await?;
            let clickers: i64 = sqlx::query_scalar(
                "SELECT COUNT(DISTINCT customer_id) FROM campaign_clicks
                 WHERE workspace_id = $1 AND campaign_id = $2",
            )
            .bind(ws.0)
            .bind(campaign)
            .fetch_one(pool)
            .await?;
            let links = rows
                .into_iter()
                .map(|(index, url, clicks, clickers)| LinkClicks { index, url, clicks, clickers })
                .collect();
            Ok((links, clickers))
        })
    }
}
