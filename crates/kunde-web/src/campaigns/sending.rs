//! Sending a campaign: fixing its audience when its time comes (consenting customers with an
//! address, a random hold-out share set aside), then one chunk a minute through the outbox at
//! the owner's rate, each e-mail in its reader's language with a one-click unsubscribe.

use crate::kit::error::AppError;
use crate::kit::i18n::Tr;
use crate::kit::markdown;
use crate::state::AppState;
use kunde_domain::mail::Mail;
use kunde_domain::{Customer, CustomerId, Language, WorkspaceId};
use kunde_store::{Campaign, CampaignRecipient, CampaignStatus};
use rand::seq::SliceRandom;

/// Who of a segment's members may receive a campaign: marketing consent and an address.
pub fn eligible(members: Vec<Customer>) -> Vec<CustomerId> {
    members
        .into_iter()
        .filter(|c| c.marketing_consent && c.email.is_some())
        .map(|c| c.id)
        .collect()
}

/// Splits `eligible` at random into the recipients and a hold-out group of `percent` % of
/// them (rounded), as (customer, held out).
pub fn draw_holdout(mut eligible: Vec<CustomerId>, percent: i64) -> Vec<(CustomerId, bool)> {
    eligible.shuffle(&mut rand::rng());
    let held = (eligible.len() as i64 * percent.clamp(0, 50) + 50) / 100;
    eligible
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, (i as i64) < held))
        .collect()
}

/// `s` as HTML text (the footer is ours, but it carries the business's name).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The link that unsubscribes the reader of one campaign e-mail.
pub fn unsubscribe_url(base: &str, token: &str) -> String {
    format!("{base}/u/{token}")
}

/// Who one campaign e-mail goes to: address, name, language and (for an offer) their code.
pub struct To<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub language: Language,
    pub offer_code: Option<&'a str>,
    /// The public address and the e-mail's token its links go through, for a campaign that
    /// counts clicks (`None` for a test e-mail: it has no recipient to count).
    pub links: Option<(&'a str, &'a str)>,
}

/// The business one campaign e-mail comes from: its name, language and time zone.
pub struct Sender<'a> {
    pub name: &'a str,
    pub language: Language,
    pub zone: &'a jiff::tz::TimeZone,
}

/// One campaign e-mail: the version in the reader's language (else the business's), its
/// Markdown as text and as HTML — after, for an offer, a line saying it is only for them with
/// their code and its dates — and a footer with the unsubscribe link in the reader's
/// language. With `to.links` and a campaign that counts clicks, the body's web links go
/// through `/u/{token}/l/{n}` (`clicks`); the offer line and the footer are never rewritten.
pub fn campaign_mail(
    campaign: &Campaign,
    from: &Sender<'_>,
    to: &To<'_>,
    unsubscribe: &str,
) -> Mail {
    let (business, fallback) = (from.name, from.language);
    let (email, name) = (to.email, to.name);
    let version = campaign.version_for(to.language, fallback);
    let (subject, body) = version
        .map(|v| (v.subject.clone(), v.body.clone()))
        .unwrap_or_default();
    let redirect = |n: usize| {
        let (base, token) = to.links.unwrap_or_default();
        super::clicks::link_url(base, token, n)
    };
    let (text_body, html_body) = match to.links {
        Some(_) if campaign.track_clicks => (
            super::clicks::text_with_redirects(&body, &redirect),
            super::clicks::html_with_redirects(&body, &redirect),
        ),
        _ => (body.clone(), markdown::render(&body)),
    };
    let mut prefix = String::new();
    // The footer speaks the language the body is in.
    let tr = Tr::new(version.map(|v| v.language).unwrap_or(fallback));
    if let (Some(offer), Some(code)) = (&campaign.offer, to.offer_code) {
        let lang = tr.lang();
        let from_date = crate::kit::format::local_date(lang, from.zone, offer.valid_from);
        let until = crate::kit::format::local_date(lang, from.zone, offer.valid_until);
        let line = tr.t_args(
            "campaign-offer-line",
            &[
                ("business", business),
                ("code", code),
                ("from", &from_date),
                ("until", &until),
            ],
        );
        prefix = line;
    }
    let (text_body, html_body) = if prefix.is_empty() {
        (text_body, html_body)
    } else {
        (
            format!("{prefix}\n\n{text_body}"),
            markdown::render(&prefix) + &html_body,
        )
    };
    let args = [("business", business), ("link", unsubscribe)];
    let footer = tr.t_args("campaign-mail-footer", &args);
    let link_text = tr.t("campaign-mail-unsubscribe");
    let html = format!(
        "{}<hr><p style=\"font-size:small\">{}<br><a href=\"{}\">{}</a></p>",
        html_body,
        escape(&footer),
        escape(unsubscribe),
        escape(&link_text),
    );
    Mail {
        to: email.to_owned(),
        to_name: Some(name.to_owned()),
        subject,
        text: format!("{text_body}\n\n-- \n{footer}\n{link_text}: {unsubscribe}\n"),
        html: Some(html),
        unsubscribe_url: Some(unsubscribe.to_owned()),
        reply_to: None,
    }
}

/// Starts every scheduled campaign whose time has come and queues the due chunk of every
/// sending one. Safe to run on every instance: starting and each chunk are claimed in the
/// store.
pub async fn run_due(state: &AppState, now: i64) -> Result<(), AppError> {
    for (ws, id, status) in state.store.due_campaigns(now).await? {
        let result = match status {
            CampaignStatus::Scheduled => start(state, ws, id, now).await,
            _ => chunk(state, ws, id, now).await.map(|_| ()),
        };
        if let Err(e) = result {
            tracing::warn!(campaign = id, error = ?e, "sending a campaign failed");
        }
    }
    Ok(())
}

/// Fixes the audience of a due scheduled campaign and queues its first chunk.
pub(super) async fn start(
    state: &AppState,
    ws: WorkspaceId,
    id: i64,
    now: i64,
) -> Result<(), AppError> {
    let campaign = state.store.campaign(ws, id).await?;
    let members = match campaign.segment {
        Some(segment) => crate::analytics::members(state, ws, segment, now).await?,
        None => Vec::new(),
    };
    let mut eligible = eligible(members);
    // An offer is for existing customers only: those who have ordered.
    if campaign.offer.is_some() {
        let ordered = state.store.customers_with_orders(ws).await?;
        eligible.retain(|c| ordered.contains(c));
    }
    let audience = draw_holdout(eligible, campaign.holdout_percent);
    // A monthly campaign's next occurrence, in the business's time zone.
    let next = match campaign.repeat {
        Some((nth, weekday, minute)) => {
            let zone = business_zone(state, ws).await?;
            super::repeat::Monthly::new(nth, weekday, minute).and_then(|r| r.next_after(&zone, now))
        }
        None => None,
    };
    if state
        .store
        .start_campaign(ws, id, now, &audience, next)
        .await?
    {
        chunk(state, ws, id, now).await?;
    }
    Ok(())
}

/// The business's time zone (its opening hours', else its language's).
pub(super) async fn business_zone(
    state: &AppState,
    ws: WorkspaceId,
) -> Result<jiff::tz::TimeZone, AppError> {
    let calendar = state.store.business_calendar(ws).await?;
    Ok(crate::kit::format::zone(calendar.time_zone_name()))
}

/// Queues the campaign's chunk for this minute; how many messages, `None` when not due.
async fn chunk(
    state: &AppState,
    ws: WorkspaceId,
    id: i64,
    now: i64,
) -> Result<Option<usize>, AppError> {
    let campaign = state.store.campaign(ws, id).await?;
    let workspace = state.store.get_workspace(ws).await?;
    let base = state.public_url(None);
    let zone = business_zone(state, ws).await?;
    let from = Sender {
        name: &workspace.name,
        language: workspace.default_language,
        zone: &zone,
    };
    let make = |r: &CampaignRecipient, token: &str| {
        let to = To {
            email: &r.email,
            name: &r.name,
            language: r.language,
            offer_code: r.offer_code.as_deref(),
            links: Some((&base, token)),
        };
        campaign_mail(&campaign, &from, &to, &unsubscribe_url(&base, token))
    };
    Ok(
        crate::outbox::queue_campaign_chunk(state, ws, id, now, campaign.rate_per_minute, make)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: i64) -> Vec<CustomerId> {
        (1..=n).map(CustomerId).collect()
    }

    #[test]
    fn the_holdout_is_the_share_asked_for_and_everyone_is_in_once() {
        for (n, percent, held) in [
            (0, 10, 0),
            (10, 10, 1),
            (100, 10, 10),
            (7, 50, 4),
            (20, 0, 0),
            (20, 80, 10),
        ] {
            let drawn = draw_holdout(ids(n), percent);
            assert_eq!(drawn.len() as i64, n);
            assert_eq!(
                drawn.iter().filter(|(_, h)| *h).count() as i64,
                held,
                "{n} at {percent} %"
            );
            let mut seen: Vec<i64> = drawn.iter().map(|(c, _)| c.0).collect();
            seen.sort_unstable();
            assert_eq!(seen, (1..=n).collect::<Vec<_>>());
        }
    }
}
