use super::*;
use crate::layout::{Op, lay_out};
use crate::measure::{width, wrap};
use std::io::Write;
use std::process::{Command, Stdio};

/// The text of a PDF as poppler's `pdftotext` reads it (layout kept).
pub fn pdftotext(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(pdf)
        .expect("pdf written to pdftotext");
    let out = child.wait_with_output().expect("pdftotext finishes");
    assert!(out.status.success(), "pdftotext failed on the document");
    String::from_utf8(out.stdout).expect("utf-8 text")
}

fn seed(name: &str) -> String {
    let path = format!(
        "{}/../../../shared/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seeds() -> Vec<String> {
    let dir = format!("{}/../../../shared/seeds", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names.iter().map(|n| seed(n)).collect()
}

fn texts(page: &[Op]) -> Vec<(f32, f32, String)> {
    page.iter()
        .filter_map(|op| match op {
            Op::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn wrapped_lines_never_run_past_the_width_and_keep_every_word() {
    for text in seeds() {
        let text: String = text.chars().take(4000).collect();
        for max in [60.0, 180.0, 495.0] {
            let lines = wrap(&text, 10.0, false, max);
            for line in &lines {
                assert!(
                    width(line, 10.0, false) <= max + 0.01,
                    "line wider than {max}: {line:?}"
                );
            }
            let words: Vec<&str> = text.split_whitespace().collect();
            let joined = lines.join(" ");
            let back: String = joined.split_whitespace().collect();
            assert_eq!(back, words.concat(), "wrapping lost or changed text");
        }
    }
}

#[test]
fn a_long_table_breaks_between_rows_and_repeats_its_header() {
    let rows: Vec<Vec<String>> = (0..120)
        .map(|i| vec![format!("Kontaktpunkt {i}"), format!("{i}")])
        .collect();
    let doc = Document {
        title: "Rapport".into(),
        lang: "da".into(),
        footer: "Kunde".into(),
        page_label: "Side {n} af {total}".into(),
        blocks: vec![
            Block::Title("Månedsrapport".into()),
            Block::Table(Table {
                columns: vec![
                    Column {
                        share: 3.0,
                        right: false,
                    },
                    Column {
                        share: 1.0,
                        right: true,
                    },
                ],
                header: vec!["Kontaktpunkt".into(), "Antal".into()],
                rows,
            }),
        ],
    };
    let pages = lay_out(&doc);
    assert!(pages.len() >= 3, "120 rows need several pages");
    let mut seen = Vec::new();
    for page in &pages {
        let t = texts(page);
        assert!(
            t.iter().any(|(_, _, s)| s == "Kontaktpunkt"),
            "every page starts with the header"
        );
        for (_, y, s) in &t {
            assert!(
                *y <= layout::PAGE_H - 64.0 + 0.01,
                "text below the bottom margin: {s}"
            );
            if let Some(n) = s.strip_prefix("Kontaktpunkt ") {
                seen.push(n.parse::<usize>().expect("row number"));
            }
        }
    }
    assert_eq!(
        seen,
        (0..120).collect::<Vec<_>>(),
        "every row once, in order"
    );

    let pdf = render(&doc).expect("rendered");
    let text = pdftotext(&pdf);
    assert!(text.contains("Kontaktpunkt 119"));
    assert!(text.contains(&format!("Side 1 af {}", pages.len())));
    assert!(text.contains(&format!("Side {0} af {0}", pages.len())));
}

#[test]
fn danish_swedish_and_tagalog_text_comes_back_out_of_the_pdf() {
    let samples = [
        "Kundetilfredshed — æøå ÆØÅ",
        "Kundnöjdhet: äö ÄÖ å",
        "Kasiyahan ng kostumer: ñ Ñ, “mga kliyente”",
        "Beløb: 12.345,50 kr. · 79,0 %",
    ];
    let doc = Document {
        title: "Test".into(),
        lang: "da".into(),
        footer: "Kunde".into(),
        page_label: "{n}/{total}".into(),
        blocks: samples
            .iter()
            .map(|s| Block::Paragraph((*s).to_owned()))
            .chain([
                Block::Bars(vec![Bar {
                    label: "Kassen".into(),
                    value: 3.0,
                    shown: "3 dårlige".into(),
                }]),
                Block::Trend(Trend {
                    title: "NPS pr. måned".into(),
                    points: vec![
                        TrendPoint {
                            label: "okt.".into(),
                            value: Some(-12.5),
                            thin: false,
                            shown: "−12,5".into(),
                        },
                        TrendPoint {
                            label: "nov.".into(),
                            value: Some(40.0),
                            thin: true,
                            shown: "40,0".into(),
                        },
                    ],
                    thin_note: "Omridset: for få svar".into(),
                }),
            ])
            .collect(),
    };
    let text = pdftotext(&render(&doc).expect("rendered"));
    for s in samples {
        assert!(text.contains(s), "{s:?} not found in:\n{text}");
    }
    for s in [
        "Kassen",
        "3 dårlige",
        "NPS pr. måned",
        "okt.",
        "Omridset: for få svar",
    ] {
        assert!(text.contains(s), "{s:?} not found in:\n{text}");
    }
}

#[test]
fn a_trend_without_thin_months_draws_no_thin_note() {
    let doc = Document {
        blocks: vec![Block::Trend(Trend {
            title: "Omsætning".into(),
            points: vec![TrendPoint {
                label: "jan.".into(),
                value: Some(10.0),
                thin: false,
                shown: "10".into(),
            }],
            thin_note: "THIN".into(),
        })],
        ..Document::default()
    };
    let pages = lay_out(&doc);
    assert!(!texts(&pages[0]).iter().any(|(_, _, s)| s == "THIN"));
}
