//! Web origins (`https://shop.example.dk`), as a publishable key's allow-list names them and
//! as browsers send them in the `Origin` header.

/// Most origins a key may list.
pub const MAX_ORIGINS: usize = 20;

/// One origin in the form browsers send: `scheme://host[:port]`, lowercase, without a path
/// or a trailing slash. Accepts what an owner is likely to paste (`https://Shop.dk/`,
/// `https://shop.dk/some/page`) and drops the path; refuses anything that is not an http(s)
/// origin, giving back the offending text.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let t = text.trim();
    let bad = || t.to_owned();
    let lower = t.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://").ok_or_else(bad)?;
    if scheme != "http" && scheme != "https" {
        return Err(bad());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return Err(bad());
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') && !h.contains(']') && !p.contains(']') => (h, Some(p)),
        _ => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    let port = match port {
        None => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => Some(n),
            _ => return Err(bad()),
        },
    };
    if !host_ok {
        return Err(bad());
    }
    // Browsers leave the scheme's default port out of `Origin`.
    Ok(match port {
        Some(80) if scheme == "http" => format!("{scheme}://{host}"),
        Some(443) if scheme == "https" => format!("{scheme}://{host}"),
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    })
}

/// An allow-list as the owner types it: origins separated by new lines, commas or spaces;
/// duplicates dropped. Empty text is an empty list (any origin). Refuses the first origin
/// that is not one, and more than [`MAX_ORIGINS`] (`Err` holds the text to show).
pub fn parse_origins(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(|c: char| c == ',' || c.is_whitespace()) {
        if part.trim().is_empty() {
            continue;
        }
        let o = parse_origin(part)?;
        if !out.contains(&o) {
            out.push(o);
        }
    }
    if out.len() > MAX_ORIGINS {
        return Err(out[MAX_ORIGINS].clone());
    }
    Ok(out)
}

/// Whether a request's `Origin` header value may use a key with this allow-list: any
/// origin when the list is empty, else only a listed one (a request without an origin, which
/// no browser sends here, is refused then).
pub fn origin_allowed(allowed: &[String], origin: Option<&str>) -> bool {
    if allowed.is_empty() {
        return true;
    }
    match origin.map(parse_origin) {
        Some(Ok(o)) => allowed.contains(&o),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised_the_way_browsers_send_them() {
        assert_eq!(
            parse_origin(" https://Shop.Example.dk/ ").unwrap(),
            "https://shop.example.dk"
        );
        assert_eq!(
            parse_origin("https://shop.dk/book?x=1").unwrap(),
            "https://shop.dk"
        );
        assert_eq!(
            parse_origin("http://localhost:8080").unwrap(),
            "http://localhost:8080"
        );
        assert_eq!(
            parse_origin("https://shop.dk:443").unwrap(),
            "https://shop.dk"
        );
        assert_eq!(
            parse_origin("http://shop.dk:80/").unwrap(),
            "http://shop.dk"
        );
        assert_eq!(
            parse_origin("https://[::1]:3000").unwrap(),
            "https://[::1]:3000"
        );
    }

    #[test]
    fn what_is_not_an_http_origin_is_refused_with_its_text() {
        for bad in [
            "shop.dk",
            "ftp://shop.dk",
            "https://",
            "https://user@shop.dk",
            "https://shop.dk:0",
            "https://shop.dk:99999",
            "https://sh op.dk",
            "javascript://x",
            "https://shop.dk:abc",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_origins("https://a.dk\nnope").unwrap_err(), "nope");
    }

    #[test]
    fn lists_split_on_lines_commas_and_spaces_without_duplicates() {
        assert_eq!(
            parse_origins("https://a.dk\r\nhttps://b.dk, https://A.dk/  http://c.dk:81").unwrap(),
            vec!["https://a.dk", "https://b.dk", "http://c.dk:81"]
        );
        assert_eq!(parse_origins("  \n ").unwrap(), Vec::<String>::new());
        let many: Vec<String> = (0..=MAX_ORIGINS)
            .map(|i| format!("https://s{i}.dk"))
            .collect();
        assert!(parse_origins(&many.join("\n")).is_err());
    }

    #[test]
    fn an_empty_list_allows_any_origin_and_a_list_only_its_own() {
        assert!(origin_allowed(&[], None));
        assert!(origin_allowed(&[], Some("https://evil.example")));
        let list = vec!["https://shop.dk".to_owned()];
        assert!(origin_allowed(&list, Some("https://shop.dk")));
        assert!(origin_allowed(&list, Some("https://SHOP.dk")));
        assert!(!origin_allowed(&list, Some("https://evil.example")));
        assert!(!origin_allowed(&list, Some("http://shop.dk")));
        assert!(!origin_allowed(&list, Some("null")));
        assert!(!origin_allowed(&list, None));
    }
}
