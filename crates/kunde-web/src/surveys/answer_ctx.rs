//! What one request of the answer page knows: how the respondent arrived (public link,
//! widget or personal invitation), the survey and its questions, and the language.

use crate::kit::auth::public_tr;
use crate::kit::i18n::Tr;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use kunde_domain::*;
use std::ops::Range;

/// How the respondent arrived, which decides the channel, the layout and where to post.
#[derive(Clone)]
pub(super) enum Entry {
    Public {
        channel: ResponseChannel,
    },
    Personal {
        invitation: Invitation,
        token: String,
    },
}

/// Everything one request of the answer page needs.
pub(super) struct Ctx {
    pub(super) survey: Survey,
    /// The business asking: named on the page, so a link sent by SMS is not taken for
    /// phishing.
    pub(super) business: String,
    pub(super) questions: Vec<Question>,
    pub(super) tr: Tr,
    pub(super) entry: Entry,
}

impl Ctx {
    pub(super) fn embed(&self) -> bool {
        matches!(
            self.entry,
            Entry::Public {
                channel: ResponseChannel::Widget
            }
        )
    }

    pub(super) fn channel(&self) -> ResponseChannel {
        match &self.entry {
            Entry::Public { channel } => *channel,
            Entry::Personal { .. } => ResponseChannel::Email,
        }
    }

    pub(super) fn action(&self) -> String {
        match &self.entry {
            Entry::Public { .. } => format!("/s/{}", self.survey.token),
            Entry::Personal { token, .. } => format!("/s/i/{token}"),
        }
    }

    pub(super) fn thanks(&self) -> String {
        let embed = if self.embed() { "&embed=1" } else { "" };
        format!(
            "{}/thanks?lang={}{embed}",
            self.action(),
            self.tr.lang().code()
        )
    }

    /// The questions on each screen, in order.
    pub(super) fn screens(&self) -> Vec<Range<usize>> {
        let n = self.questions.len();
        if self.embed() {
            // The widget asks the first question, then opens up to the rest.
            return if n > 1 {
                vec![0..1, 1..n]
            } else {
                std::iter::once(0..n).collect()
            };
        }
        match self.survey.presentation {
            Presentation::OnePerScreen if n > 0 => (0..n).map(|i| i..i + 1).collect(),
            _ => std::iter::once(0..n).collect(),
        }
    }
}

/// The language: a `lang` the respondent picked, else the invited customer's, else the
/// browser's (or the language cookie), else English.
pub(super) fn pick_language(
    picked: Option<&str>,
    customer: Option<Language>,
    headers: &HeaderMap,
) -> Tr {
    match picked.and_then(|l| Language::parse(l).ok()).or(customer) {
        Some(lang) => Tr::new(lang),
        None => public_tr(headers),
    }
}

/// Lets any site frame the widget page; every other page keeps `frame-ancestors 'none'`.
pub(super) fn allow_framing(response: &mut Response) {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'none'; frame-ancestors *; form-action 'self'",
        ),
    );
}

/// "May we contact you?" (see `contact.rs`) is shared here, so the answer page can send a
/// respondent to it without the two files importing each other.
///
/// The address of the contact question for the answer just stored with `key`, when the
/// survey asks it and the answer qualifies; `None` sends the respondent to the thanks page.
pub(super) async fn contact_url(
    state: &crate::state::AppState,
    ctx: &Ctx,
    key: &str,
) -> Option<String> {
    let public = matches!(
        ctx.entry,
        Entry::Public {
            channel: ResponseChannel::Link | ResponseChannel::Qr
        }
    );
    if !public || ctx.survey.kind != kunde_domain::SurveyKind::Customer {
        return None;
    }
    let ws = ctx.survey.workspace_id;
    if !state
        .store
        .survey_asks_contact(ws, ctx.survey.id)
        .await
        .ok()?
    {
        return None;
    }
    answer_of(state, ctx, key).await.ok().flatten()?;
    Some(format!(
        "/s/{}/contact?key={key}&lang={}",
        ctx.survey.token,
        ctx.tr.lang().code()
    ))
}

/// The stored answer `key` names that may still be given a contact.
pub(super) async fn answer_of(
    state: &crate::state::AppState,
    ctx: &Ctx,
    key: &str,
) -> Result<Option<i64>, kunde_store::StoreError> {
    let since = state.now() - kunde_store::CONTACT_WINDOW_SECS;
    state
        .store
        .contactable_response(ctx.survey.workspace_id, ctx.survey.id, key, since)
        .await
}
