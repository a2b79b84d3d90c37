//! Who a request comes from, for rate limits: the peer address, or the one a trusted proxy
//! names.

use crate::state::AppState;

/// The client a request comes from, for rate limits: when the server is configured to trust
/// its proxy (`WebConfig::trust_proxy`), the right-most address in `X-Forwarded-For` — the
/// one the trusted proxy added; the entries to its left are whatever the client wrote — else
/// the peer address, else "unknown". Use it as a handler argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientKey(pub String);

impl axum::extract::FromRequestParts<AppState> for ClientKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0);
        Ok(Self(client_key(
            &parts.headers,
            peer,
            state.config.trust_proxy,
        )))
    }
}

fn client_key(
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::SocketAddr>,
    trust_proxy: bool,
) -> String {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .filter(|_| trust_proxy)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| peer.map(|p| p.ip().to_string()))
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forwarded_address_counts_only_behind_a_trusted_proxy() {
        let mut h = axum::http::HeaderMap::new();
        let peer = Some("10.0.0.1:5000".parse().unwrap());
        assert_eq!(client_key(&h, peer, true), "10.0.0.1");
        // The proxy appends the address it saw; what is left of it the client wrote.
        h.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        assert_eq!(client_key(&h, peer, true), "198.51.100.7");
        // A client that varies a forged first entry is still one client.
        h.insert("x-forwarded-for", "1.1.1.1, 198.51.100.7".parse().unwrap());
        assert_eq!(client_key(&h, peer, true), "198.51.100.7");
        // With the header twice, the proxy's is the last.
        h.append("x-forwarded-for", "192.0.2.44".parse().unwrap());
        assert_eq!(client_key(&h, peer, true), "192.0.2.44");
        // Without a trusted proxy the header is the client's own word: ignored.
        assert_eq!(client_key(&h, peer, false), "10.0.0.1");
        assert_eq!(
            client_key(&axum::http::HeaderMap::new(), None, false),
            "unknown"
        );
    }
}
