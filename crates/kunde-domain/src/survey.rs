//! Surveys (PRODUCT.md §4–§5): questions of nine kinds with translated texts and options,
//! responses with their answers, and personal invitations.
//!
//! The answer page hands each question the raw form values; [`Question::parse_answer`] turns
//! them into an [`AnswerValue`] or an [`AnswerError`] whose message key the web layer
//! translates into the customer's language. A stored answer therefore always fits its question.

use crate::{CustomerId, Language, TouchpointId, WorkspaceId};
use serde::{Deserialize, Serialize};

crate::ids::id_type!(SurveyId, QuestionId, OptionId, ResponseId, InvitationId,);

/// Whether customers or employees answer a survey. Employee surveys are anonymous: their
/// responses carry a team or location, never a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    Customer,
    Employee,
}

/// A draft is being edited and answers nothing; a live survey takes answers; a closed one
/// shows its results and takes no more answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    Draft,
    Live,
    Closed,
}

/// How the answer page shows the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presentation {
    /// One question per screen, stepped through by the server (no JavaScript needed).
    OnePerScreen,
    AllAtOnce,
}

macro_rules! code_enum {
    ($ty:ident { $($variant:ident => $code:literal),* $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $($ty::$variant => $code),* }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() { $($code => Some($ty::$variant),)* _ => None }
            }
        }
    };
}

code_enum!(SurveyKind { Customer => "customer", Employee => "employee" });
code_enum!(SurveyStatus { Draft => "draft", Live => "live", Closed => "closed" });
code_enum!(Presentation { OnePerScreen => "one_per_screen", AllAtOnce => "all_at_once" });

/// A text in each of Kunde's languages; an empty string means "not translated".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Texts {
    pub en: String,
    pub da: String,
    pub sv: String,
    pub tl: String,
}

impl Texts {
    /// The same text in every language (for a survey not yet translated).
    pub fn same(text: &str) -> Self {
        Self {
            en: text.to_owned(),
            da: text.to_owned(),
            sv: text.to_owned(),
            tl: text.to_owned(),
        }
    }

    pub fn new(en: &str, da: &str, sv: &str, tl: &str) -> Self {
        Self {
            en: en.to_owned(),
            da: da.to_owned(),
            sv: sv.to_owned(),
            tl: tl.to_owned(),
        }
    }

    pub fn raw(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Da => &self.da,
            Language::Sv => &self.sv,
            Language::Tl => &self.tl,
        }
    }

    pub fn set(&mut self, lang: Language, text: &str) {
        let slot = match lang {
            Language::En => &mut self.en,
            Language::Da => &mut self.da,
            Language::Sv => &mut self.sv,
            Language::Tl => &mut self.tl,
        };
        text.trim().clone_into(slot);
    }

    /// The text in `lang`, else in `fallback`, else in the first language that has one: a
    /// customer always sees a question, in the best language available.
    pub fn get(&self, lang: Language, fallback: Language) -> &str {
        [lang, fallback]
            .into_iter()
            .chain(Language::ALL)
            .map(|l| self.raw(l))
            .find(|t| !t.is_empty())
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        Language::ALL.iter().all(|l| self.raw(*l).is_empty())
    }
}

/// Nine kinds of question. The scales follow the usual definitions, so the analytics core's
/// NPS, CSAT and CES apply to them unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// "How likely are you to recommend us?" 0–10.
    Nps,
    /// Satisfaction 1–5.
    Csat,
    /// Customer effort 1 (very easy) – 7 (very hard).
    Ces,
    /// What did you expect, what did you get: two answers from bad/neutral/good/excellent.
    Expectation,
    SingleChoice,
    MultipleChoice,
    /// 1..=scale_max stars or points.
    Rating,
    FreeText,
    /// "What would you buy from us, if only we offered it?" (free text).
    Wish,
}

code_enum!(QuestionKind {
    Nps => "nps",
    Csat => "csat",
    Ces => "ces",
    Expectation => "expectation",
    SingleChoice => "single_choice",
    MultipleChoice => "multiple_choice",
    Rating => "rating",
    FreeText => "free_text",
    Wish => "wish",
});

impl QuestionKind {
    /// The inclusive score range of a scored question (`rating_max` for ratings).
    pub fn scale(self, rating_max: i64) -> Option<(i64, i64)> {
        match self {
            Self::Nps => Some((0, 10)),
            Self::Csat => Some((1, 5)),
            Self::Ces => Some((1, 7)),
            Self::Rating => Some((1, rating_max)),
            _ => None,
        }
    }

    pub fn has_options(self) -> bool {
        matches!(self, Self::SingleChoice | Self::MultipleChoice)
    }

    pub fn is_text(self) -> bool {
        matches!(self, Self::FreeText | Self::Wish)
    }
}

/// One level of the expectation-versus-experience scale, stored as 0..=3 (the analytics
/// core's `Expectation` uses the same numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Bad = 0,
    Neutral = 1,
    Good = 2,
    Excellent = 3,
}

code_enum!(Level { Bad => "bad", Neutral => "neutral", Good => "good", Excellent => "excellent" });

impl Level {
    pub fn value(self) -> i64 {
        self as i64
    }

    pub fn from_value(v: i64) -> Option<Self> {
        Self::ALL.get(usize::try_from(v).ok()?).copied()
    }
}

/// How a response reached the business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseChannel {
    /// The public link.
    Link,
    /// The public link reached by scanning the QR code.
    Qr,
    /// A personal e-mail invitation.
    Email,
    /// A paper form typed in by staff.
    Paper,
    /// The widget embedded on the business's web site.
    Widget,
}

code_enum!(ResponseChannel {
    Link => "link",
    Qr => "qr",
    Email => "email",
    Paper => "paper",
    Widget => "widget",
});

impl ResponseChannel {
    /// The channel of the touchpoint event a response writes.
    pub fn event_channel(self) -> crate::Channel {
        match self {
            Self::Link | Self::Widget => crate::Channel::Web,
            Self::Email => crate::Channel::Email,
            Self::Qr | Self::Paper => crate::Channel::InPerson,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survey {
    pub id: SurveyId,
    pub workspace_id: WorkspaceId,
    /// The title the respondent sees, translated.
    pub title: Texts,
    pub kind: SurveyKind,
    pub status: SurveyStatus,
    /// The touchpoint every answer is an event of; None while a draft has none chosen.
    pub touchpoint_id: Option<TouchpointId>,
    pub presentation: Presentation,
    /// Do not invite the same customer again within this many days (used by invitations).
    pub fatigue_days: i64,
    /// Remind an invited customer who has not answered after this many days (0 = never).
    pub reminder_days: i64,
    /// Employee results are hidden for groups smaller than this.
    pub min_group_size: i64,
    /// The language shown when the respondent's language has no translation.
    pub default_language: Language,
    /// The public link's token: 128 random bits, URL-safe. Only a live survey answers it.
    pub token: String,
    pub created_at: i64,
}

impl Survey {
    pub const MAX_FATIGUE_DAYS: i64 = 3650;
    pub const MAX_REMINDER_DAYS: i64 = 365;

    /// Whether the survey may go live: it needs questions, and a customer survey needs a
    /// touchpoint (its answers are events there).
    pub fn ready(&self, questions: &[Question]) -> Result<(), SurveyError> {
        if questions.is_empty() || self.kind == SurveyKind::Customer && self.touchpoint_id.is_none()
        {
            return Err(SurveyError::NotReady);
        }
        Ok(())
    }

    /// Whether the public answer page takes answers now.
    pub fn accepts_answers(&self) -> bool {
        self.status == SurveyStatus::Live
    }
}

impl SurveySettings {
    /// Checks the day counts and the minimum group size.
    pub fn validate(&self) -> Result<(), SurveyError> {
        if !(0..=Survey::MAX_FATIGUE_DAYS).contains(&self.fatigue_days) {
            return Err(SurveyError::Days {
                max: Survey::MAX_FATIGUE_DAYS,
            });
        }
        if !(0..=Survey::MAX_REMINDER_DAYS).contains(&self.reminder_days) {
            return Err(SurveyError::Days {
                max: Survey::MAX_REMINDER_DAYS,
            });
        }
        if !(1..=1000).contains(&self.min_group_size) {
            return Err(SurveyError::GroupSize);
        }
        if self.title.is_empty() {
            return Err(SurveyError::Title);
        }
        Ok(())
    }
}

/// Settings an owner edits; the store keeps the rest.
#[derive(Debug, Clone)]
pub struct SurveySettings {
    pub title: Texts,
    pub kind: SurveyKind,
    pub touchpoint_id: Option<TouchpointId>,
    pub presentation: Presentation,
    pub fatigue_days: i64,
    pub reminder_days: i64,
    pub min_group_size: i64,
    pub default_language: Language,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerOption {
    pub id: OptionId,
    pub question_id: QuestionId,
    pub position: i64,
    pub text: Texts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: QuestionId,
    pub survey_id: SurveyId,
    pub position: i64,
    pub kind: QuestionKind,
    pub text: Texts,
    pub required: bool,
    /// The top of a rating's 1..=N scale (2..=10); unused by other kinds.
    pub rating_max: i64,
    pub options: Vec<AnswerOption>,
}

/// A question as the builder creates or edits it.
#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub kind: QuestionKind,
    pub text: Texts,
    pub required: bool,
    pub rating_max: i64,
    /// Option texts, in order (choice questions only).
    pub options: Vec<Texts>,
}

impl NewQuestion {
    pub fn new(kind: QuestionKind, text: Texts) -> Self {
        Self {
            kind,
            text,
            required: !kind.is_text(),
            rating_max: 5,
            options: Vec::new(),
        }
    }

    pub fn with_options(mut self, options: Vec<Texts>) -> Self {
        self.options = options;
        self
    }

    /// Checks what a question needs to be answerable: a text, a rating scale of 2..=10, and
    /// at least two options for a choice question.
    pub fn validate(&self) -> Result<(), SurveyError> {
        if self.text.is_empty() {
            return Err(SurveyError::QuestionText);
        }
        if self.kind == QuestionKind::Rating && !(2..=10).contains(&self.rating_max) {
            return Err(SurveyError::RatingScale);
        }
        if self.kind.has_options() && self.options.iter().filter(|o| !o.is_empty()).count() < 2 {
            return Err(SurveyError::TooFewOptions);
        }
        Ok(())
    }
}

/// Why an owner's survey edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SurveyError {
    #[error("a question needs a text in at least one language")]
    QuestionText,
    #[error("a rating goes from 1 to between 2 and 10")]
    RatingScale,
    #[error("a choice question needs at least two options")]
    TooFewOptions,
    #[error("a survey needs a touchpoint and at least one question before it goes live")]
    NotReady,
    #[error("days must be between 0 and {max}")]
    Days { max: i64 },
    #[error("the smallest group shown must be between 1 and 1000")]
    GroupSize,
    #[error("a survey needs a title in at least one language")]
    Title,
}

impl SurveyError {
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::QuestionText => "survey-error-question-text",
            Self::RatingScale => "survey-error-rating-scale",
            Self::TooFewOptions => "survey-error-options",
            Self::NotReady => "survey-error-not-ready",
            Self::Days { .. } => "survey-error-days",
            Self::GroupSize => "survey-error-group-size",
            Self::Title => "survey-error-title",
        }
    }
}

/// A validated answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerValue {
    /// NPS, CSAT, CES or rating, inside the question's scale.
    Score(i64),
    Expectation {
        expected: Level,
        experienced: Level,
    },
    /// One or more chosen options (exactly one for a single-choice question).
    Choices(Vec<OptionId>),
    /// Free text or a wish, stored as given (trimmed), never empty.
    Text(String),
}

/// Why an answer was refused; each has a translated message for the respondent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("this question needs an answer")]
    Required,
    #[error("choose a number from {min} to {max}")]
    OutOfRange { min: i64, max: i64 },
    #[error("choose both what you expected and what you got")]
    ExpectationIncomplete,
    #[error("choose one of the options")]
    UnknownOption,
    #[error("choose only one option")]
    OneOptionOnly,
    #[error("the answer is too long (at most {max} characters)")]
    TooLong { max: usize },
}

impl AnswerError {
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Required => "survey-answer-required",
            Self::OutOfRange { .. } => "survey-answer-range",
            Self::ExpectationIncomplete => "survey-answer-expectation",
            Self::UnknownOption => "survey-answer-option",
            Self::OneOptionOnly => "survey-answer-one-option",
            Self::TooLong { .. } => "survey-answer-too-long",
        }
    }
}

/// The raw form values for one question: `values` are the main field's values (several for
/// multiple choice), `expected`/`experienced` the two halves of an expectation question.
#[derive(Debug, Clone, Default)]
pub struct RawAnswer<'a> {
    pub values: Vec<&'a str>,
    pub expected: Option<&'a str>,
    pub experienced: Option<&'a str>,
}

/// The longest free-text answer accepted, in characters.
pub const MAX_ANSWER_TEXT: usize = 5000;

impl Question {
    /// Parses the raw form values into an answer: `Ok(None)` for an optional question left
    /// blank, an error the respondent can fix otherwise.
    pub fn parse_answer(&self, raw: &RawAnswer<'_>) -> Result<Option<AnswerValue>, AnswerError> {
        let values: Vec<&str> = raw
            .values
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        let blank = || {
            if self.required {
                Err(AnswerError::Required)
            } else {
                Ok(None)
            }
        };
        match self.kind {
            QuestionKind::Nps | QuestionKind::Csat | QuestionKind::Ces | QuestionKind::Rating => {
                let (min, max) = self.kind.scale(self.rating_max).unwrap_or((1, 5));
                let Some(first) = values.first() else {
                    return blank();
                };
                match first.parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) && values.len() == 1 => {
                        Ok(Some(AnswerValue::Score(n)))
                    }
                    _ => Err(AnswerError::OutOfRange { min, max }),
                }
            }
            QuestionKind::Expectation => {
                fn level(v: Option<&str>) -> Option<&str> {
                    v.map(str::trim).filter(|v| !v.is_empty())
                }
                match (level(raw.expected), level(raw.experienced)) {
                    (None, None) => blank(),
                    (Some(e), Some(x)) => match (Level::parse(e), Level::parse(x)) {
                        (Some(expected), Some(experienced)) => Ok(Some(AnswerValue::Expectation {
                            expected,
                            experienced,
                        })),
                        _ => Err(AnswerError::UnknownOption),
                    },
                    _ => Err(AnswerError::ExpectationIncomplete),
                }
            }
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                if values.is_empty() {
                    return blank();
                }
                if self.kind == QuestionKind::SingleChoice && values.len() > 1 {
                    return Err(AnswerError::OneOptionOnly);
                }
                let mut chosen = Vec::with_capacity(values.len());
                for v in values {
                    let id = v
                        .parse::<i64>()
                        .ok()
                        .filter(|id| self.options.iter().any(|o| o.id.0 == *id))
                        .ok_or(AnswerError::UnknownOption)?;
                    if !chosen.contains(&OptionId(id)) {
                        chosen.push(OptionId(id));
                    }
                }
                Ok(Some(AnswerValue::Choices(chosen)))
            }
            QuestionKind::FreeText | QuestionKind::Wish => {
                let text = raw.values.join("\n");
                let text = text.trim();
                if text.is_empty() {
                    return blank();
                }
                if text.chars().count() > MAX_ANSWER_TEXT {
                    return Err(AnswerError::TooLong {
                        max: MAX_ANSWER_TEXT,
                    });
                }
                Ok(Some(AnswerValue::Text(text.to_owned())))
            }
        }
    }
}

/// A response ready to store: every answer already parsed against its question.
#[derive(Debug, Clone)]
pub struct NewResponse {
    pub customer_id: Option<CustomerId>,
    pub channel: ResponseChannel,
    pub language: Language,
    pub submitted_at: i64,
    /// Employee surveys: the respondent's team and location, if given.
    pub team: Option<String>,
    pub location: Option<String>,
    /// Unique per workspace: a second submit with the same key stores nothing new.
    pub submission_key: String,
    pub answers: Vec<(QuestionId, AnswerValue)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub id: ResponseId,
    pub workspace_id: WorkspaceId,
    pub survey_id: SurveyId,
    pub customer_id: Option<CustomerId>,
    pub channel: ResponseChannel,
    pub language: Language,
    pub submitted_at: i64,
    pub team: Option<String>,
    pub location: Option<String>,
    pub answers: Vec<(QuestionId, AnswerValue)>,
}

/// A personal invitation: one customer, one survey, one link (its token is stored hashed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Invitation {
    pub id: InvitationId,
    pub workspace_id: WorkspaceId,
    pub survey_id: SurveyId,
    pub customer_id: CustomerId,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub reminded_at: Option<i64>,
    pub answered_at: Option<i64>,
}

/// The summary of one response a touchpoint event carries, so the map and the analytics see
/// the score without reading the survey tables: the first NPS, CSAT and CES answers.
pub fn response_scores(
    questions: &[Question],
    answers: &[(QuestionId, AnswerValue)],
) -> (Option<i64>, Option<i64>, Option<i64>) {
    let mut scores = (None, None, None);
    for (qid, value) in answers {
        let (Some(q), AnswerValue::Score(n)) = (questions.iter().find(|q| q.id == *qid), value)
        else {
            continue;
        };
        let slot = match q.kind {
            QuestionKind::Nps => &mut scores.0,
            QuestionKind::Csat => &mut scores.1,
            QuestionKind::Ces => &mut scores.2,
            _ => continue,
        };
        slot.get_or_insert(*n);
    }
    scores
}

pub mod templates;

#[cfg(test)]
mod tests;
