//! Kunde's domain model: the nouns of the product (workspace, user, customer, journey, event,
//! order) and the value types that can only hold valid values ("parse, don't validate").
//!
//! Nothing here does I/O. The store turns rows into these types; the web layer turns forms into
//! them through the `parse` constructors, so a value of one of these types is already valid.

pub mod business_hours;
mod case;
mod customer;
mod event;
mod ids;
mod import;
mod journey;
pub mod kb;
pub mod mail;
mod origin;
mod segment;
mod survey;
pub mod survey_schedule;
mod user;
mod values;

pub use business_hours::{BusinessCalendar, CalendarError, Interval};
pub use case::*;
pub use customer::{ACQUISITION_CHANNELS, Customer, NewCustomer};
pub use event::{Event, NewEvent, NewOrder, NewOrderLine, Order, OrderLine};
pub use ids::*;
pub use import::{
    ImportArticle, ImportCompetitors, ImportEvent, ImportJourney, ImportKb, ImportOrder,
    ImportStage, ImportStandard, ImportTouchpoint, WorkspaceImport,
};
pub use journey::{Journey, JourneyVariant, NewJourney, NewTouchpoint, Stage, Touchpoint};
pub use kb::{Article, ArticleDraft, Visibility};
pub use origin::{MAX_ORIGINS, origin_allowed, parse_origin, parse_origins};
pub use segment::{NewSegment, Segment, SegmentId};
pub use survey::templates::{SurveyTemplate, TemplateSurvey};
pub use survey::{
    AnswerError, AnswerOption, AnswerValue, ImportAnswer, ImportResponse, ImportSurvey, Invitation,
    InvitationId, Level, MAX_ANSWER_TEXT, NewQuestion, NewResponse, OptionId, Presentation,
    Question, QuestionId, QuestionKind, RawAnswer, Response as SurveyResponse, ResponseChannel,
    ResponseId, Survey, SurveyError, SurveyId, SurveyKind, SurveySettings, SurveyStatus, Texts,
    response_scores,
};
pub use user::{NewUser, NewWorkspace, Role, User, Workspace};
pub use values::{
    CONTROL_CHARACTERS, Channel, Email, Language, Money, NonEmpty, Password, Phone, Timestamp,
    ValidationError, check_text,
};

/// The stages a new journey starts with (PRODUCT.md §1); the owner may rename or reorder them.
pub const DEFAULT_STAGES: [&str; 5] = [
    "Awareness",
    "Consideration",
    "Purchase",
    "Service",
    "Loyalty",
];
