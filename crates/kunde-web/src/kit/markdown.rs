//! Article Markdown to HTML, safe to put on a page as it is: raw HTML written in the
//! Markdown is shown as text (escaped), never passed through, and links and images may only
//! point at `http(s)`, `mailto`, or this site. The result is the one piece of HTML a template
//! may emit unescaped (`|safe`), because everything user-written in it went through the
//! escaping of `pulldown-cmark`'s HTML writer.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Renders an article's Markdown to HTML (see the module docs for what is allowed).
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
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
            dest_url: safe_url(dest_url),
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
    fn excerpts_are_plain_text_cut_at_a_word() {
        assert_eq!(
            excerpt("# Title\n\nSome **bold** text.", 100),
            "Title Some bold text."
        );
        assert_eq!(excerpt("one two three four", 9), "one two…");
    }
}
