//! CSV downloads and chart data: cells a spreadsheet cannot run as a formula, rows written
//! into a download response, plain-text refusals for a bad download request, and the JSON
//! blocks charts are drawn from.

use crate::kit::error::AppError;

/// JSON for a `<script type="application/json">` block. `<`, `>` and `&` only ever occur
/// inside JSON strings, where their `\u` escapes mean the same; escaped, no text (a
/// touchpoint named `</script>`, say) can end the block early. The result is safe to insert
/// without HTML escaping, which would corrupt the JSON (a script's text is not decoded).
pub(crate) fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A CSV cell that a spreadsheet will not run as a formula, whichever separator it splits on:
/// Danish and Swedish Excel split on `;`, so `safe;=1+1` holds a formula there. Every piece
/// between separators (`,` or `;`) whose first character after spaces and quotes could start
/// a formula (`=`, `+`, `-`, `@`, tab, carriage return, line feed) gets a `'` before it, which
/// makes the spreadsheet read it as text.
pub fn csv_text(s: &str) -> String {
    const TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];
    let mut out = String::with_capacity(s.len() + 2);
    let mut piece_start = true;
    for c in s.chars() {
        if piece_start && TRIGGERS.contains(&c) {
            out.push('\'');
            piece_start = false;
        } else if piece_start && !matches!(c, ' ' | '"') {
            piece_start = false;
        }
        out.push(c);
        if matches!(c, ',' | ';') {
            piece_start = true;
        }
    }
    out
}

/// Writes rows as CSV (header first) into a download response.
pub fn csv_response(filename: &str, rows: Vec<Vec<String>>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        if let Err(e) = w.write_record(&row) {
            return AppError::internal(format!("csv: {e}"))
                .into_plain()
                .into_response();
        }
    }
    let body = w.into_inner().unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A bad request for a CSV download: the messages as plain text.
pub fn csv_problems(messages: &[String]) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        axum::http::StatusCode::BAD_REQUEST,
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        messages.join("\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_end_its_script_block() {
        let v = serde_json::json!({"name": "</script><script>alert(1)</script> & co"});
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("Ann"), "Ann");
        assert_eq!(csv_text("-1"), "'-1");
        // A Danish or Swedish spreadsheet splits on `;`, an English one on `,`.
        assert_eq!(csv_text("safe;=1+1"), "safe;'=1+1");
        assert_eq!(csv_text("a, +cmd"), "a, '+cmd");
        assert_eq!(csv_text("x; \"=1+1\""), "x; \"'=1+1\"");
        assert_eq!(csv_text("Hansen; Bo, Ribe"), "Hansen; Bo, Ribe");
        assert_eq!(csv_text("a=b;c+d"), "a=b;c+d");
        for bad in ["safe;=1+1", "a,@SUM(A1)", "ok;\t=1", "x;\n=1"] {
            let cell = csv_text(bad);
            for piece in cell.split([',', ';']) {
                let first = piece.trim_start_matches([' ', '"']).chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n')),
                    "{bad:?} → {cell:?}"
                );
            }
        }
    }
}
