//! Workspaces (businesses), their users and what each role may do.

use crate::{Email, Language, NonEmpty, Password, UserId, ValidationError, WorkspaceId};
use serde::{Deserialize, Serialize};

/// A business. One Kunde server holds many (an agency or a franchise runs several).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: String,
    pub default_language: Language,
    /// ISO 4217 code shown next to amounts, such as "DKK".
    pub currency: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewWorkspace {
    pub name: NonEmpty,
    pub default_language: Language,
    pub currency: String,
}

/// What a user may do. Customers are not users: they reach Kunde through links and the
/// client portal, never through the staff pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Runs the business: settings, staff, API keys, every page.
    Owner,
    /// Logs interactions, answers cases, reads the knowledge base.
    Staff,
}

impl Role {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "owner" => Ok(Self::Owner),
            "staff" => Ok(Self::Staff),
            _ => Err(ValidationError::Role(s.to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Staff => "staff",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: UserId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub email: Email,
    pub role: Role,
    pub language: Language,
    /// False for an invited user who has not chosen a password yet.
    pub active: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: NonEmpty,
    pub email: Email,
    pub role: Role,
    pub language: Language,
    /// None for an invitation: the user chooses the password from the invitation link.
    pub password: Option<Password>,
}
