//! Removing live links from a sent e-mail's stored copy (issue 18, finding 12): once a
//! message has gone out, the outbox keeps its text without the secret links it carried —
//! invitations and new-password links, survey links, rating links, unsubscribe links and
//! portal sign-in links — so whoever reads the outbox later (the owner on the e-mail
//! settings page, a database copy) cannot use them.

/// What a removed link is replaced by.
pub const REMOVED: &str = "[link removed after sending]";

/// `body` with every link to one of Kunde's token pages replaced by [`REMOVED`]; other
/// links and all other text are kept as they are.
pub fn redact_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = find_url(rest) {
        out.push_str(&rest[..start]);
        let url_len = rest[start..]
            .find(|c: char| c.is_whitespace() || "\"'<>()[]{}".contains(c))
            .unwrap_or(rest.len() - start);
        // A sentence's full stop after a link is not part of it.
        let url = rest[start..start + url_len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let url_len = url.len();
        if carries_token(url) {
            out.push_str(REMOVED);
        } else {
            out.push_str(url);
        }
        rest = &rest[start + url_len..];
    }
    out.push_str(rest);
    out
}

/// Where the next `http://` or `https://` starts.
fn find_url(s: &str) -> Option<usize> {
    match (s.find("http://"), s.find("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A token as Kunde makes them: long, of URL-safe characters.
fn is_token(s: &str) -> bool {
    s.len() >= 16
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether the URL's path is one of the token pages.
fn carries_token(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let Some((_, path)) = after_scheme.split_once('/') else {
        return false;
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["invite", t, ..] | ["c", t, ..] | ["u", t, ..] => is_token(t),
        ["s", "i", t, ..] | ["s", "unsubscribe", t, ..] => is_token(t),
        ["s", t, ..] => is_token(t),
        ["portal", _, "link", t, ..] => is_token(t),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "AbCdEf0123456789_-xyzXYZ0123456789abcdefgh";

    #[test]
    fn token_links_go_and_everything_else_stays() {
        let cases = [
            (
                format!("Open https://k.example/invite/{T} now."),
                format!("Open {REMOVED} now."),
            ),
            (
                format!("<a href=\"http://k.example:8080/c/{T}\">rate</a>"),
                format!("<a href=\"{REMOVED}\">rate</a>"),
            ),
            (
                format!("https://k.example/s/i/{T}\nhttps://k.example/s/unsubscribe/{T}"),
                format!("{REMOVED}\n{REMOVED}"),
            ),
            (
                format!("(https://k.example/portal/cykel/link/{T})"),
                format!("({REMOVED})"),
            ),
            (format!("https://k.example/s/{T}/embed"), REMOVED.to_owned()),
            (
                "See https://k.example/kb/returns and https://shop.example/c/x.".to_owned(),
                "See https://k.example/kb/returns and https://shop.example/c/x.".to_owned(),
            ),
            (
                "https://k.example/invite/short".to_owned(),
                "https://k.example/invite/short".to_owned(),
            ),
            (
                format!("Rate us: https://k.example/c/{T}."),
                format!("Rate us: {REMOVED}."),
            ),
            (
                "no links at all, æøå".to_owned(),
                "no links at all, æøå".to_owned(),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(redact_links(&body), expected, "{body}");
        }
    }
}
