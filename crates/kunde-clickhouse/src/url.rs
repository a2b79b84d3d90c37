//! The events backend's address: `http://host:port/?database=name` (ClickHouse's HTTP
//! interface) or `clickhouse://host:port/name`, which means the same over HTTP (default port
//! 8123). A user and password in the address are sent as ClickHouse's own headers.

/// A parsed events URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventsUrl {
    /// `http://host:port/`, what requests go to.
    pub base: String,
    pub database: String,
    pub user: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error(
        "the events url must start with http:// or clickhouse:// (https is not supported: run ClickHouse on loopback or a private network)"
    )]
    Scheme,
    #[error("the events url has no host")]
    Host,
    #[error("the events url's database must be letters, digits and underscores")]
    Database,
}

/// The database used when the URL names none.
pub const DEFAULT_DATABASE: &str = "kunde";

impl EventsUrl {
    pub fn parse(url: &str) -> Result<Self, UrlError> {
        let (rest, native) = if let Some(r) = url.strip_prefix("http://") {
            (r, false)
        } else if let Some(r) = url.strip_prefix("clickhouse://") {
            (r, true)
        } else {
            return Err(UrlError::Scheme);
        };
        let (authority, path_query) = match rest.find(['/', '?']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let (userinfo, host) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        if host.is_empty() || host.starts_with(':') {
            return Err(UrlError::Host);
        }
        let host = if host.contains(':') || !native {
            host.to_owned()
        } else {
            format!("{host}:8123")
        };
        let (user, password) = match userinfo {
            Some(u) => match u.split_once(':') {
                Some((u, p)) => (Some(decode(u)), Some(decode(p))),
                None => (Some(decode(u)), None),
            },
            None => (None, None),
        };
        let (path, query) = match path_query.split_once('?') {
            Some((p, q)) => (p, q),
            None => (path_query, ""),
        };
        let from_query = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "database")
            .map(|(_, v)| decode(v));
        let from_path = path.trim_matches('/');
        let database = match from_query {
            Some(d) => d,
            None if !from_path.is_empty() => decode(from_path),
            None => DEFAULT_DATABASE.to_owned(),
        };
        if database.is_empty()
            || !database
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(UrlError::Database);
        }
        Ok(Self {
            base: format!("http://{host}/"),
            database,
            user,
            password,
        })
    }
}

/// Percent-decoding of a URL part (invalid escapes are kept as written).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of a query-string value.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse_to_the_http_interface() {
        // (address, the base and database it means, or the error)
        type Case<'a> = (&'a str, Result<(&'a str, &'a str), UrlError>);
        let cases: &[Case] = &[
            (
                "http://127.0.0.1:8123/?database=ev",
                Ok(("http://127.0.0.1:8123/", "ev")),
            ),
            (
                "http://127.0.0.1:18123/",
                Ok(("http://127.0.0.1:18123/", "kunde")),
            ),
            ("http://ch:8123", Ok(("http://ch:8123/", "kunde"))),
            (
                "clickhouse://ch:9123/events_1",
                Ok(("http://ch:9123/", "events_1")),
            ),
            ("clickhouse://ch/ev", Ok(("http://ch:8123/", "ev"))),
            ("clickhouse://ch", Ok(("http://ch:8123/", "kunde"))),
            ("http://ch/?x=1&database=a_b", Ok(("http://ch/", "a_b"))),
            ("https://ch/", Err(UrlError::Scheme)),
            ("postgres://ch/", Err(UrlError::Scheme)),
            ("clickhouse:///db", Err(UrlError::Host)),
            ("http://ch/?database=a;DROP", Err(UrlError::Database)),
            ("clickhouse://ch/a%20b", Err(UrlError::Database)),
        ];
        for (url, want) in cases {
            let got = EventsUrl::parse(url).map(|u| (u.base, u.database));
            let want = want.clone().map(|(b, d)| (b.to_owned(), d.to_owned()));
            assert_eq!(got, want, "{url}");
        }
    }

    #[test]
    fn a_user_and_password_are_taken_from_the_address() {
        let u = EventsUrl::parse("clickhouse://kunde:s%40cret@ch:8123/ev").unwrap();
        assert_eq!(u.user.as_deref(), Some("kunde"));
        assert_eq!(u.password.as_deref(), Some("s@cret"));
        assert_eq!(u.base, "http://ch:8123/");
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        assert_eq!(
            encode("INSERT INTO t FORMAT X"),
            "INSERT%20INTO%20t%20FORMAT%20X"
        );
        assert_eq!(encode("a&b=c"), "a%26b%3Dc");
    }
}
