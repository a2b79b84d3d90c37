//! Counting clicks on a campaign's links — an opt-in per campaign (`track_clicks`), never a
//! tracking pixel. Each `http(s)` link of the body (in the Markdown the reader's version is
//! written in; images are never touched) points at `/u/{token}/l/{n}` on the public address:
//! the token is the e-mail's unsubscribe token, `n` the link's place among the version's
//! tracked links ([`tracked_links`]). The public route ([`follow`]) finds the recipient by the
//! token's SHA-256, the destination in the campaign's own body — the address can name only a
//! link that is there, so this is no open redirect — stores the click and answers 303 to it.
//! The unsubscribe link is in the footer, not the body, so it is never rewritten.

use crate::kit::auth::token_hash;
use crate::kit::client::ClientKey;
use crate::kit::error::{AppError, render_error};
use crate::kit::{Tr, markdown};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kunde_domain::{Language, WorkspaceId};
use kunde_store::Campaign;
use std::collections::BTreeMap;

/// Clicks one client may have counted a minute; past that the reader still goes where the
/// link points, the click is just not stored (so a script cannot fill the table).
const PER_MINUTE: u32 = 60;

/// Whether a link's destination is one a click may be counted on: an absolute web address.
fn trackable(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The body's links whose clicks are counted, in order: the `n` of `/u/{token}/l/{n}`.
pub fn tracked_links(body: &str) -> Vec<String> {
    markdown::link_destinations(body)
        .into_iter()
        .filter(|d| trackable(d))
        .collect()
}

/// Where link `n` of an e-mail with unsubscribe token `token` points.
pub fn link_url(base: &str, token: &str, n: usize) -> String {
    format!("{base}/u/{token}/l/{n}")
}

/// The body as HTML with each tracked link pointing at `redirect(n)`.
pub fn html_with_redirects(body: &str, redirect: &dyn Fn(usize) -> String) -> String {
    let mut n = 0;
    markdown::render_links(body, |dest| {
        trackable(dest).then(|| {
            n += 1;
            redirect(n - 1)
        })
    })
}

/// The body's Markdown (the text version) with each tracked link's destination replaced by
/// `redirect(n)` where it is written: in the link itself, or — for a reference link — at the
/// first place the address is written that no other link took (its definition). An address
/// written differently from how it reads (escaped) is left as it is.
pub fn text_with_redirects(body: &str, redirect: &dyn Fn(usize) -> String) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut taken: Vec<(usize, usize, String)> = Vec::new();
    let mut n = 0;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        if !trackable(&dest_url) {
            continue;
        }
        let dest = dest_url.as_ref();
        let free = |at: usize| {
            taken
                .iter()
                .all(|(s, e, _)| at + dest.len() <= *s || at >= *e)
        };
        let inside = body[range.clone()]
            .rfind(dest)
            .map(|i| range.start + i)
            .filter(|at| free(*at));
        let found = inside.or_else(|| {
            body.match_indices(dest)
                .map(|(i, _)| i)
                .find(|at| free(*at))
        });
        if let Some(at) = found {
            taken.push((at, at + dest.len(), redirect(n)));
        }
        n += 1;
    }
    taken.sort_by_key(|(s, _, _)| *s);
    let mut out = String::with_capacity(body.len() + taken.len() * 80);
    let mut at = 0;
    for (start, end, url) in taken {
        out.push_str(&body[at..start]);
        out.push_str(&url);
        at = end;
    }
    out.push_str(&body[at..]);
    out
}

/// A destination as a `Location` header: bytes outside printable ASCII percent-encoded.
fn location(dest: &str) -> String {
    let mut out = String::with_capacity(dest.len());
    for b in dest.trim().bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The answer to a link that is not one: a 404 page in the reader's language.
fn unknown(lang: Language) -> Response {
    render_error(
        Tr::new(lang),
        StatusCode::NOT_FOUND,
        "campaign-link-unknown",
    )
}

/// `GET /u/{token}/l/{n}`: stores the click and sends the reader on (303), or says the link
/// is not valid (404) — an unknown token, a campaign that does not count clicks, or an index
/// past the reader's version's links.
pub async fn follow(
    State(state): State<AppState>,
    client: ClientKey,
    Path((token, n)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let target = if super::unsubscribe::plausible(&token) {
        state
            .store
            .campaign_click_target(&token_hash(&token))
            .await?
    } else {
        None
    };
    let Some(target) = target else {
        return Ok(unknown(Language::En));
    };
    let Some(n) = n.parse::<usize>().ok().filter(|_| target.track_clicks) else {
        return Ok(unknown(target.language));
    };
    let ws = target.workspace;
    let campaign = state.store.campaign(ws, target.campaign).await?;
    let fallback = state.store.get_workspace(ws).await?.default_language;
    let dest = campaign
        .version_for(target.language, fallback)
        .and_then(|v| tracked_links(&v.body).into_iter().nth(n));
    let Some(dest) = dest else {
        return Ok(unknown(target.language));
    };
    let counted = state
        .rate_limits
        .check("campaign-click", &client.0, PER_MINUTE)
        .await
        .is_ok();
    if counted {
        state
            .store
            .record_campaign_click(
                ws,
                campaign.id,
                target.customer,
                n as i64,
                &dest,
                state.now(),
            )
            .await?;
    }
    Ok((
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location(&dest)),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
    )
        .into_response())
}

/// One link's line in the report.
pub struct LinkRow {
    /// 1-based, as the owner counts.
    pub number: i64,
    pub url: String,
    pub clicks: i64,
    pub clickers: i64,
}

/// What the campaign page shows under "Clicks".
pub struct ClickReport {
    pub links: Vec<LinkRow>,
    /// Customers who clicked any link, and their share of the e-mails sent (per cent).
    pub clickers: i64,
    pub sent: i64,
    pub share: f64,
}

/// The clicks of a campaign that counts them: every tracked link of every version (those
/// never clicked too) with its clicks and clickers, and the click-through share.
pub async fn report(
    state: &AppState,
    ws: WorkspaceId,
    c: &Campaign,
    sent: i64,
) -> Result<ClickReport, AppError> {
    let (counted, clickers) = state.store.campaign_clicks(ws, c.id).await?;
    let mut rows: BTreeMap<(i64, String), (i64, i64)> = BTreeMap::new();
    for v in &c.versions {
        for (i, url) in tracked_links(&v.body).into_iter().enumerate() {
            rows.entry((i as i64, url)).or_default();
        }
    }
    for l in counted {
        rows.insert((l.index, l.url), (l.clicks, l.clickers));
    }
    Ok(ClickReport {
        links: rows
            .into_iter()
            .map(|((index, url), (clicks, clickers))| LinkRow {
                number: index + 1,
                url,
                clicks,
                clickers,
            })
            .collect(),
        clickers,
        sent,
        share: if sent > 0 {
            clickers as f64 * 100.0 / sent as f64
        } else {
            0.0
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(n: usize) -> String {
        format!("https://k.test/u/T/l/{n}")
    }

    #[test]
    fn only_web_links_are_tracked_and_both_versions_agree_on_their_numbers() {
        let body = "Hi [shop](https://shop.test/a?x=1&y=2), [mail](mailto:a@b.test), \
                    <HTTPS://Upper.test>, ![pic](https://img.test/p.png), [again](https://shop.test/a?x=1&y=2)\n\n\
                    [ref][r] and [local](/help)\n\n[r]: https://ref.test/page\n";
        assert_eq!(
            tracked_links(body),
            [
                "https://shop.test/a?x=1&y=2",
                "HTTPS://Upper.test",
                "https://shop.test/a?x=1&y=2",
                "https://ref.test/page"
            ]
        );
        let text = text_with_redirects(body, &to);
        for n in 0..4 {
            assert_eq!(text.matches(&to(n)).count(), 1, "{text}");
        }
        assert!(
            !text.contains("shop.test") && !text.contains("ref.test"),
            "{text}"
        );
        assert!(text.contains("mailto:a@b.test") && text.contains("https://img.test/p.png"));
        // The rewritten text is Markdown whose links are the redirects, in the same order.
        assert_eq!(tracked_links(&text), (0..4).map(to).collect::<Vec<_>>());
        let html = html_with_redirects(body, &to);
        for n in 0..4 {
            assert!(html.contains(&format!("href=\"{}\"", to(n))), "{html}");
        }
        assert!(
            html.contains("href=\"mailto:a@b.test\"")
                && html.contains("src=\"https://img.test/p.png\"")
        );
        assert!(!html.contains("shop.test"), "{html}");
    }

    #[test]
    fn a_body_without_links_is_unchanged() {
        let body = "No links here, only https://bare.test as text.";
        assert_eq!(text_with_redirects(body, &to), body);
        assert!(tracked_links(body).is_empty());
    }

    #[test]
    fn a_location_is_a_valid_header_value() {
        assert_eq!(
            location("https://a.test/æble?q=1"),
            "https://a.test/%C3%A6ble?q=1"
        );
        assert!(axum::http::HeaderValue::from_str(&location("https://a.test/x y\u{7f}")).is_ok());
    }
}
