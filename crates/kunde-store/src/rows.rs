//! Row types as the database returns them, and their conversion into domain values. A value
//! that no longer parses (a hand-edited database) is reported as corrupt, never guessed.

use crate::{Result, StoreError};
use kunde_domain::*;

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

pub(crate) fn language(s: &str) -> Result<Language> {
    Language::parse(s).map_err(|_| corrupt("language", s))
}

pub(crate) fn channel(s: &str) -> Result<Channel> {
    Channel::parse(s).map_err(|_| corrupt("channel", s))
}

pub(crate) fn email(s: &str) -> Result<Email> {
    Email::parse(s).map_err(|_| corrupt("e-mail", s))
}

#[derive(sqlx::FromRow)]
pub(crate) struct WorkspaceRow {
    pub id: i64,
    pub name: String,
    pub default_language: String,
    pub currency: String,
    pub created_at: i64,
}

impl WorkspaceRow {
    pub fn into_domain(self) -> Result<Workspace> {
        Ok(Workspace {
            id: WorkspaceId(self.id),
            name: self.name,
            default_language: language(&self.default_language)?,
            currency: self.currency,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub language: String,
    pub active: bool,
    pub created_at: i64,
    pub password_hash: Option<String>,
}

impl UserRow {
    pub fn into_domain(self) -> Result<(User, Option<String>)> {
        Ok((
            User {
                id: UserId(self.id),
                workspace_id: WorkspaceId(self.workspace_id),
                name: self.name,
                email: email(&self.email)?,
                role: Role::parse(&self.role).map_err(|_| corrupt("role", &self.role))?,
                language: language(&self.language)?,
                active: self.active,
                created_at: self.created_at,
            },
            self.password_hash,
        ))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CustomerRow {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
    pub marketing_consent: bool,
    pub acquisition_channel: Option<String>,
    pub acquisition_cost: i64,
    pub created_at: i64,
}

impl CustomerRow {
    pub fn into_domain(self) -> Result<Customer> {
        Ok(Customer {
            id: CustomerId(self.id),
            workspace_id: WorkspaceId(self.workspace_id),
            name: self.name,
            email: self.email.as_deref().map(email).transpose()?,
            phone: self.phone,
            language: language(&self.language)?,
            marketing_consent: self.marketing_consent,
            acquisition_channel: self.acquisition_channel,
            acquisition_cost: Money(self.acquisition_cost),
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct JourneyRow {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub description: String,
    pub variant: String,
    pub counterpart_of: Option<i64>,
    pub parent_id: Option<i64>,
    pub created_at: i64,
}

impl JourneyRow {
    pub fn into_domain(self) -> Result<Journey> {
        Ok(Journey {
            id: JourneyId(self.id),
            workspace_id: WorkspaceId(self.workspace_id),
            name: self.name,
            description: self.description,
            variant: JourneyVariant::parse(&self.variant)
                .ok_or_else(|| corrupt("variant", &self.variant))?,
            counterpart_of: self.counterpart_of.map(JourneyId),
            parent_id: self.parent_id.map(JourneyId),
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct StageRow {
    pub id: i64,
    pub journey_id: i64,
    pub name: String,
    pub position: i64,
}

impl StageRow {
    pub fn into_domain(self) -> Stage {
        Stage {
            id: StageId(self.id),
            journey_id: JourneyId(self.journey_id),
            name: self.name,
            position: self.position,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TouchpointRow {
    pub id: i64,
    pub workspace_id: i64,
    pub stage_id: i64,
    pub name: String,
    pub channel: String,
    pub digital: bool,
    pub owned: bool,
    pub owner_id: Option<i64>,
    pub customer_goal: String,
    pub pain_points: String,
    pub ideas: String,
    pub position: i64,
}

impl TouchpointRow {
    pub fn into_domain(self) -> Result<Touchpoint> {
        Ok(Touchpoint {
            id: TouchpointId(self.id),
            workspace_id: WorkspaceId(self.workspace_id),
            stage_id: StageId(self.stage_id),
            name: self.name,
            channel: channel(&self.channel)?,
            digital: self.digital,
            owned: self.owned,
            owner_id: self.owner_id.map(UserId),
            customer_goal: self.customer_goal,
            pain_points: self.pain_points,
            ideas: self.ideas,
            position: self.position,
        })
    }
}
