//! Article Markdown to HTML, safe to put on a page as it is: raw HTML written in the
//! Markdown is shown as text (escaped), never passed through, and links and images may only
//! point at `http(s)`, `mailto`, or this site. The result is the one piece of HTML a template
//! may emit unescaped (`|safe`), because everything user-written in it went through the
//! escaping of `pulldown-cmark`'s HTML writer.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// The Markdown features every renderer and link reader here understands alike.
const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// Renders an article's Markdown to HTML (see the module docs for what is allowed).
pub fn render(markdown: &str) -> String {
    render_links(markdown, |_| None)
}

/// The destination of every link (not image) of `markdown`, in the order they appear: the
/// same links, in the same order, that [`render_links`] hands its function.
pub fn link_destinations(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, OPTIONS)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

/// Renders like [`render`], with each link's (not image's) destination replaced by what
/// `replace` returns for it (called once per link, in order), kept when it returns `None`.
/// A replacement passes the same check as any destination.
pub fn render_links(markdown: &str, mut replace: impl FnMut(&str) -> Option<String>) -> String {
    let events = Parser::new_ext(markdown, OPTIONS).map(|event| match event {
        // Raw HTML becomes text, which the writer escapes.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        // An HTML block is shown as a paragraph of its (escaped) source.
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(match replace(&dest_url) {
                Some(other) => CowStr::from(other),
                None => dest_url,
            }),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// The first characters of an article's text without Markdown, for result lists.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
        if text.chars().count() > max_chars {
            break;
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() <= max_chars {
        return joined;
    }
    let cut: String = joined.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// Keeps a link target that is relative or uses a harmless scheme; anything else (such as
/// `javascript:` or `data:`) becomes `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
        || lower.starts_with('/')
        || lower.starts_with('#')
        || !lower.contains(':');
    if allowed { url } else { CowStr::Borrowed("#") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html = render("# Dæktryk\n\nPump til **4 bar**.\n\n- en\n- to\n");
        assert!(html.contains("<h1>Dæktryk</h1>"), "{html}");
        assert!(html.contains("<strong>4 bar</strong>"));
        assert!(html.contains("<li>en</li>"));
    }

    #[test]
    fn raw_html_is_escaped_not_passed_through() {
        let html = render(
            "Hello <script>alert(1)</script> there\n\n<div onclick=\"x()\">block</div>\n\n<img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;div onclick=\"x()\"&gt;block"), "{html}");
    }

    #[test]
    fn only_harmless_links_survive() {
        let html = render(
            "[a](javascript:alert(1)) [b](https://example.com/x?a=1&b=2) [c](/help) [d](JaVaScRiPt:x) ![e](data:image/png;base64,xx)",
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(
            html.contains("href=\"https://example.com/x?a=1&amp;b=2\""),
            "{html}"
        );
        assert!(html.contains("href=\"/help\""));
        assert_eq!(html.matches("href=\"#\"").count(), 2, "{html}");
    }

    #[test]
    fn links_are_read_and_replaced_in_the_same_order_images_aside() {
        let md = "[a](https://a.test/x) ![i](https://img.test/i.png) <https://b.test>\n\n[c][r]\n\n[r]: mailto:x@y.test\n";
        assert_eq!(
            link_destinations(md),
            ["https://a.test/x", "https://b.test", "mailto:x@y.test"]
        );
        let mut seen = Vec::new();
        let html = render_links(md, |d| {
            seen.push(d.to_owned());
            Some(format!("https://r.test/{}", seen.len() - 1))
        });
        assert_eq!(seen, link_destinations(md));
        for n in 0..3 {
            assert!(
                html.contains(&format!("href=\"https://r.test/{n}\"")),
                "{html}"
            );
        }
        assert!(html.contains("src=\"https://img.test/i.png\""), "{html}");
        assert!(!html.contains("a.test"), "{html}");
        // A replacement is checked like any destination.
        assert!(
            render_links("[x](https://a.test)", |_| Some("javascript:x".into()))
                .contains("href=\"#\"")
        );
    }

    #[test]
    fn excerpts_are_plain_text_cut_at_a_word() {
        assert_eq!(
            excerpt("# Title\n\nSome **bold** text.", 100),
            "Title Some bold text."
        );
        assert_eq!(excerpt("one two three four", 9), "one two…");
    }
}
