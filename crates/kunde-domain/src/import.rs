//! A whole workspace's data in one value, written by the store in one transaction: the demo
//! generator produces it, and later importers can too. References between rows are indexes
//! into the vectors here, because the database ids do not exist yet.

use crate::{
    BusinessCalendar, Channel, JourneyVariant, Language, Money, NewCustomer, NewUser, NewWorkspace,
};

#[derive(Debug, Clone)]
pub struct WorkspaceImport {
    pub workspace: NewWorkspace,
    /// Users with their argon2 hashes already computed (hashing is the web layer's job).
    pub users: Vec<(NewUser, Option<String>)>,
    pub customers: Vec<NewCustomer>,
    pub journeys: Vec<ImportJourney>,
    pub events: Vec<ImportEvent>,
    pub orders: Vec<ImportOrder>,
    /// Opening hours and knowledge-base articles.
    pub kb: ImportKb,
    /// Service cases (issue 7).
    pub cases: Vec<crate::ImportCase>,
    /// Surveys with their responses (each response also becomes a touchpoint event).
    pub surveys: Vec<crate::ImportSurvey>,
    /// (touchpoint key, key of the touchpoint it redesigns): a to-be step and the as-is step
    /// whose numbers the to-be map shows next to it.
    pub touchpoint_counterparts: Vec<(String, String)>,
    /// Competitors' names and their standards per touchpoint (issue 14).
    pub competitors: ImportCompetitors,
}

/// Competitors and the standards to compare, as an import carries them.
#[derive(Debug, Clone, Default)]
pub struct ImportCompetitors {
    pub names: Vec<String>,
    pub standards: Vec<ImportStandard>,
}

/// One numeric standard of a touchpoint: its kind code (price, time, hours, rating), unit,
/// the business's value, the target, and (competitor name, value).
#[derive(Debug, Clone)]
pub struct ImportStandard {
    pub touchpoint: String,
    pub kind: String,
    pub unit: String,
    pub own: Option<f64>,
    pub target: Option<f64>,
    pub values: Vec<(String, f64)>,
}

/// A workspace's business calendar and knowledge base, as an import carries them.
#[derive(Debug, Clone, Default)]
pub struct ImportKb {
    /// None keeps the default calendar (office hours).
    pub calendar: Option<BusinessCalendar>,
    pub articles: Vec<ImportArticle>,
}

#[derive(Debug, Clone)]
pub struct ImportArticle {
    pub title: String,
    pub language: Language,
    pub public: bool,
    pub body_markdown: String,
    /// Index into `ImportKb::articles` of the article this one translates (an earlier one).
    pub translation_of: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ImportJourney {
    pub name: String,
    pub description: String,
    pub variant: JourneyVariant,
    /// Index into `WorkspaceImport::journeys` of the as-is journey a to-be journey redesigns.
    pub counterpart_of: Option<usize>,
    pub parent: Option<usize>,
    pub stages: Vec<ImportStage>,
}

#[derive(Debug, Clone)]
pub struct ImportStage {
    pub name: String,
    pub touchpoints: Vec<ImportTouchpoint>,
}

#[derive(Debug, Clone)]
pub struct ImportTouchpoint {
    /// A key that events use to point at this touchpoint, unique within the import.
    pub key: String,
    pub name: String,
    pub channel: Channel,
    pub digital: bool,
    pub owned: bool,
    /// Index into `WorkspaceImport::users`.
    pub owner: Option<usize>,
    pub customer_goal: String,
    pub pain_points: String,
    pub ideas: String,
}

#[derive(Debug, Clone)]
pub struct ImportEvent {
    /// Index into `WorkspaceImport::customers`.
    pub customer: usize,
    /// A touchpoint's `key`.
    pub touchpoint: String,
    pub occurred_at: i64,
    pub channel: Channel,
    pub amount: Option<Money>,
    pub properties: String,
}

#[derive(Debug, Clone)]
pub struct ImportOrder {
    pub customer: usize,
    pub reference: Option<String>,
    pub ordered_at: i64,
    pub paid: bool,
    /// (product, quantity, unit price)
    pub lines: Vec<(String, i64, Money)>,
}
