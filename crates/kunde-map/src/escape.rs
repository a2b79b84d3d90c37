//! Escaping user text for SVG (XML): the picture is built as text, so every name, owner and
//! label passes through [`escape`] on its way in.

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'`, and drops the control characters XML 1.0 does not
/// allow at all (a stray one would make the whole SVG unreadable).
pub fn escape(s: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || forbidden(c);
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "Cykelværkstedet Nørrebro – Call to book";
        assert!(matches!(escape(s), std::borrow::Cow::Borrowed(t) if t == s));
    }

    #[test]
    fn control_characters_xml_forbids_are_dropped_but_whitespace_stays() {
        assert_eq!(escape("a\u{0}b\u{1b}c\td\ne"), "abc\td\ne");
    }

    #[test]
    fn an_entity_written_by_the_user_is_escaped_again() {
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }
}
