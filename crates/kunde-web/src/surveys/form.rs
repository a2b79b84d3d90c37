//! The survey form shared by the public answer page, the widget and the staff's paper entry:
//! reading the posted fields, checking answers question by question, and the view of one
//! question with its labels already translated (so the templates only place them).

use crate::kit::i18n::Tr;
use kunde_domain::*;
use std::collections::HashMap;

/// The fields of a posted form; a field may repeat (multiple choice).
#[derive(Debug, Default, Clone)]
pub struct Fields(HashMap<String, Vec<String>>);

impl Fields {
    pub fn parse(body: &[u8]) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            map.entry(k).or_default().push(v);
        }
        Self(map)
    }

    pub fn one(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .get(name)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    pub fn raw_answer(&self, q: &Question) -> RawAnswer<'_> {
        let f = field(q.id);
        RawAnswer {
            values: self.all(&f),
            expected: self.one(&format!("{f}_expected")),
            experienced: self.one(&format!("{f}_experienced")),
        }
    }

    /// The question's raw values as hidden fields, to carry them to the next screen.
    pub fn hidden_for(&self, q: &Question) -> Vec<(String, String)> {
        let f = field(q.id);
        [
            f.clone(),
            format!("{f}_expected"),
            format!("{f}_experienced"),
        ]
        .into_iter()
        .flat_map(|name| {
            self.all(&name)
                .into_iter()
                .map(move |v| (name.clone(), v.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
    }
}

/// The form field name of a question.
pub fn field(q: QuestionId) -> String {
    format!("q{}", q.0)
}

/// The answer error in the respondent's language.
pub fn error_message(tr: Tr, e: &AnswerError) -> String {
    let (min, max) = match e {
        AnswerError::OutOfRange { min, max } => (*min, *max),
        AnswerError::TooLong { max } => (0, *max as i64),
        _ => (0, 0),
    };
    tr.t_args(
        e.message_key(),
        &[("min", &min.to_string()), ("max", &max.to_string())],
    )
}

/// Checks every question; the answers, or every error by question.
pub fn parse_all(
    questions: &[Question],
    fields: &Fields,
) -> Result<Vec<(QuestionId, AnswerValue)>, HashMap<QuestionId, AnswerError>> {
    let mut answers = Vec::new();
    let mut errors = HashMap::new();
    for q in questions {
        match q.parse_answer(&fields.raw_answer(q)) {
            Ok(Some(a)) => answers.push((q.id, a)),
            Ok(None) => {}
            Err(e) => {
                errors.insert(q.id, e);
            }
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// One choice on a scale or list: its value, its label and whether it is chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A question ready for the template.
pub struct QView {
    pub field: String,
    pub kind: &'static str,
    pub number: usize,
    pub text: String,
    pub required: bool,
    pub error: String,
    /// Scored questions: the points of the scale; choice questions: the options.
    pub choices: Vec<Choice>,
    pub multiple: bool,
    /// What the two ends of a scale mean ("Not at all likely" … "Extremely likely").
    pub low: String,
    pub high: String,
    /// Expectation questions: the two halves.
    pub expected: Vec<Choice>,
    pub experienced: Vec<Choice>,
    pub text_value: String,
}

impl QView {
    pub fn is_scale(&self) -> bool {
        matches!(self.kind, "nps" | "csat" | "ces" | "rating")
    }

    pub fn is_expectation(&self) -> bool {
        self.kind == "expectation"
    }

    pub fn is_text(&self) -> bool {
        matches!(self.kind, "free_text" | "wish")
    }

    pub fn has_error(&self) -> bool {
        !self.error.is_empty()
    }
}

pub fn view(
    q: &Question,
    tr: Tr,
    fallback: Language,
    fields: &Fields,
    error: Option<&AnswerError>,
    number: usize,
) -> QView {
    let lang = tr.lang();
    let f = field(q.id);
    let given = fields.all(&f);
    let chosen = |v: &str| given.iter().any(|g| g.trim() == v);
    let mut choices = Vec::new();
    let (mut low, mut high) = (String::new(), String::new());
    if let Some((min, max)) = q.kind.scale(q.rating_max) {
        choices = (min..=max)
            .map(|n| Choice {
                value: n.to_string(),
                label: n.to_string(),
                checked: chosen(&n.to_string()),
            })
            .collect();
        let ends = match q.kind {
            QuestionKind::Nps => Some(("survey-scale-nps-low", "survey-scale-nps-high")),
            QuestionKind::Csat => Some(("survey-scale-csat-low", "survey-scale-csat-high")),
            QuestionKind::Ces => Some(("survey-scale-ces-low", "survey-scale-ces-high")),
            _ => Some(("survey-scale-rating-low", "survey-scale-rating-high")),
        };
        if let Some((l, h)) = ends {
            low = tr.t(l);
            high = tr.t(h);
        }
    }
    if q.kind.has_options() {
        choices = q
            .options
            .iter()
            .map(|o| Choice {
                value: o.id.0.to_string(),
                label: o.text.get(lang, fallback).to_owned(),
                checked: chosen(&o.id.0.to_string()),
            })
            .collect();
    }
    let levels = |name: &str| -> Vec<Choice> {
        let picked = fields.one(name).map(str::trim);
        Level::ALL
            .iter()
            .map(|l| Choice {
                value: l.code().to_owned(),
                label: tr.t(&format!("survey-level-{}", l.code())),
                checked: picked == Some(l.code()),
            })
            .collect()
    };
    let (expected, experienced) = if q.kind == QuestionKind::Expectation {
        (
            levels(&format!("{f}_expected")),
            levels(&format!("{f}_experienced")),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    QView {
        kind: q.kind.code(),
        number,
        text: q.text.get(lang, fallback).to_owned(),
        required: q.required,
        error: error.map(|e| error_message(tr, e)).unwrap_or_default(),
        choices,
        multiple: q.kind == QuestionKind::MultipleChoice,
        low,
        high,
        expected,
        experienced,
        text_value: if q.kind.is_text() {
            given.join("\n")
        } else {
            String::new()
        },
        field: f,
    }
}
