//! Portal use on the journey map: each thing a customer does in the portal (signed in,
//! viewed an invoice, downloaded a document, opened a case) is an event on the portal's
//! touchpoint, which is created in the service stage of the workspace's first journey on
//! first use (the owner may move it like any card). Recording never fails the customer's
//! request: a problem is logged.

use crate::kit::i18n::Tr;
use crate::state::AppState;
use kunde_domain::{Channel, CustomerId, Language, NewEvent, WorkspaceId};

/// What the customer did, as stored in the event's `action` property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SignedIn,
    ViewedInvoice,
    DownloadedDocument,
    OpenedCase,
    RepliedToCase,
    UploadedDocument,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Self::SignedIn => "signed_in",
            Self::ViewedInvoice => "viewed_invoice",
            Self::DownloadedDocument => "downloaded_document",
            Self::OpenedCase => "opened_case",
            Self::RepliedToCase => "replied_to_case",
            Self::UploadedDocument => "uploaded_document",
        }
    }
}

/// Records `action` of `customer` now.
pub async fn record(state: &AppState, ws: WorkspaceId, customer: CustomerId, action: Action) {
    if let Err(e) = try_record(state, ws, customer, action).await {
        tracing::warn!(error = %e, "recording portal use failed");
    }
}

async fn try_record(
    state: &AppState,
    ws: WorkspaceId,
    customer: CustomerId,
    action: Action,
) -> Result<(), kunde_store::StoreError> {
    let workspace = state.store.get_workspace(ws).await?;
    let name = Tr::new(workspace.default_language).t("portal-touchpoint");
    let service: Vec<String> = Language::ALL
        .iter()
        .map(|l| Tr::new(*l).t("stage-service"))
        .collect();
    let Some(touchpoint) = state.store.portal_touchpoint(ws, &name, &service).await? else {
        return Ok(());
    };
    let properties = serde_json::json!({ "source": "portal", "action": action.code() });
    state
        .store
        .insert_events(
            ws,
            &[NewEvent {
                customer_id: Some(customer),
                visitor_id: None,
                touchpoint_id: touchpoint,
                occurred_at: state.now(),
                channel: Channel::Web,
                amount: None,
                properties: properties.to_string(),
            }],
        )
        .await?;
    Ok(())
}
