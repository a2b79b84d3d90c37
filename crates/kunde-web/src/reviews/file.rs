//! The one way a review file reaches the store, shared by the page and the command line:
//! read the CSV, check every row with `kunde_import::parse_reviews` (all or nothing), find the
//! review-site touchpoint, and import in one store transaction.

use kunde_domain::WorkspaceId;
use kunde_import::{ReviewPreset, ReviewRejection, parse_reviews, read_table};
use kunde_store::{ReviewImport, ReviewInput, Store, StoreError};

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ReviewFileError {
    #[error("{0}")]
    Table(#[from] kunde_import::TableError),
    #[error("{} rows refused", .0.len())]
    Rows(Vec<ReviewRejection>),
    #[error("no journey has a touchpoint with the channel 'review site'")]
    NoReviewSite,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Imports the reviews in `bytes` into workspace `ws`, all or nothing.
pub async fn import_review_file(
    store: &Store,
    ws: WorkspaceId,
    bytes: &[u8],
    preset: ReviewPreset,
    now: i64,
) -> Result<ReviewImport, ReviewFileError> {
    let table = read_table(bytes)?;
    let records = parse_reviews(&table, preset).map_err(ReviewFileError::Rows)?;
    let touchpoint = store
        .review_site_touchpoint(ws)
        .await?
        .ok_or(ReviewFileError::NoReviewSite)?;
    let inputs: Vec<ReviewInput> = records
        .into_iter()
        .map(|r| ReviewInput {
            source: r.source,
            external_id: r.external_id,
            author: r.author,
            email: r.email,
            rating: i64::from(r.rating),
            text: r.text,
            reviewed_at: r.reviewed_at,
            url: r.url,
        })
        .collect();
    Ok(store.import_reviews(ws, touchpoint, &inputs, now).await?)
}
