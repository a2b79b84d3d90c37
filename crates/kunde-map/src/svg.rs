//! Draws a [`Map`] as a standalone SVG document. Every piece of text goes through
//! [`escape`]; nothing else in the output comes from the user.

use std::fmt::Write;

use crate::layout::{Layout, Rect, layout, wrap};
use crate::{Health, Map, escape};

/// The font the picture is designed for (bundled for the PNG renderer), then what browsers
/// without it should use.
pub const FONT: &str =
    "'DejaVu Sans Condensed', 'Arial Narrow', 'Liberation Sans Narrow', sans-serif";

/// Fill and border colours per health. Poor also gets a thicker border and a "!" so it
/// stands out on a black-and-white print.
fn colours(h: Health) -> (&'static str, &'static str) {
    match h {
        Health::Good => ("#e3f3e6", "#1e7b34"),
        Health::Mixed => ("#fff1cc", "#a86400"),
        Health::Poor => ("#fde0df", "#c62828"),
        Health::NoData => ("#f1f3f4", "#80868b"),
    }
}

struct Svg(String);

impl Svg {
    fn text(&mut self, x: f64, y: f64, size: f64, style: &str, content: &str) {
        let _ = writeln!(
            self.0,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" {style}>{}</text>"#,
            escape(content)
        );
    }

    fn rect(&mut self, r: &Rect, rx: f64, attrs: &str) {
        let _ = writeln!(
            self.0,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{rx}" {attrs}/>"#,
            r.x, r.y, r.w, r.h
        );
    }
}

pub fn render_svg(map: &Map) -> String {
    let l = layout(map);
    let mut s = Svg(String::with_capacity(16 * 1024));
    let (w, h) = (l.width, l.height);
    let _ = writeln!(
        s.0,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" font-family="{FONT}" role="img" aria-labelledby="journey-map-title" class="journey-map">"#
    );
    let _ = writeln!(
        s.0,
        r#"<title id="journey-map-title">{}</title>"#,
        escape(&map.title)
    );
    s.0.push_str(concat!(
        r#"<defs><marker id="loop-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">"#,
        r##"<path d="M0,0 L10,5 L0,10 z" fill="#5b4b8a"/></marker></defs>"##,
        "\n",
    ));
    s.rect(
        &Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
        },
        0.0,
        r##"fill="#ffffff""##,
    );
    s.text(
        20.0,
        38.0,
        26.0,
        r##"font-weight="bold" fill="#202124""##,
        &map.title,
    );
    s.text(20.0, 62.0, 13.0, r##"fill="#3c4043""##, &map.subtitle);
    legend(&mut s, map, &l);
    for (i, stage) in map.stages.iter().enumerate() {
        let col = &l.columns[i];
        s.rect(col, 8.0, r##"fill="#f8f9fa" stroke="#dadce0""##);
        let name = wrap(&stage.name, l.name_chars, 1).pop().unwrap_or_default();
        s.text(
            col.x + 10.0,
            col.y + 25.0,
            16.0,
            r##"font-weight="bold" fill="#202124""##,
            &name,
        );
        if stage.cards.is_empty() {
            s.text(
                col.x + 10.0,
                col.y + 62.0,
                12.0,
                r##"fill="#5f6368" font-style="italic""##,
                &map.labels.empty_stage,
            );
        }
        for (card, r) in stage.cards.iter().zip(&l.cards[i]) {
            draw_card(&mut s, card, r, &l);
        }
    }
    for lp in &l.loops {
        let (sx, sy) = lp.start;
        let (ex, ey) = lp.end;
        let _ = writeln!(
            s.0,
            r##"<path class="loop" d="M{sx:.1},{sy:.1} C{sx:.1},{a:.1} {ex:.1},{a:.1} {ex:.1},{ey:.1}" fill="none" stroke="#5b4b8a" stroke-opacity="0.6" stroke-width="{:.1}" stroke-linecap="round" marker-end="url(#loop-arrow)"/>"##,
            lp.width,
            a = lp.apex_y
        );
        let (lx, ly) = lp.label;
        s.text(lx, ly - 4.0, 11.0, r##"text-anchor="middle" fill="#5b4b8a" font-weight="bold" stroke="#ffffff" stroke-width="3" paint-order="stroke""##, &lp.customers.to_string());
    }
    curve(&mut s, map, &l);
    s.0.push_str("</svg>\n");
    s.0
}

fn legend(s: &mut Svg, map: &Map, l: &Layout) {
    // Entries flow left to right and wrap onto a second row when the labels are long (they
    // are translated, so their length is not known here).
    let (mut x, mut y) = (20.0, 74.0);
    let mut place = |label: &str, lead: f64| {
        let w = lead + 6.2 * label.chars().count() as f64;
        if x > 20.0 && x + w > l.width - 20.0 {
            x = 20.0;
            y += 22.0;
        }
        let at = (x, y);
        x += w + 24.0;
        at
    };
    for (h, label) in [
        (Health::Good, &map.labels.good),
        (Health::Mixed, &map.labels.mixed),
        (Health::Poor, &map.labels.poor),
        (Health::NoData, &map.labels.no_data),
    ] {
        let (fill, stroke) = colours(h);
        let (x, y) = place(label, 20.0);
        s.rect(
            &Rect {
                x,
                y,
                w: 14.0,
                h: 14.0,
            },
            3.0,
            &format!(r#"fill="{fill}" stroke="{stroke}" stroke-width="2""#),
        );
        s.text(x + 20.0, y + 12.0, 12.0, r##"fill="#3c4043""##, label);
    }
    if !l.loops.is_empty() {
        let (x, y) = place(&map.labels.loops, 36.0);
        let _ = writeln!(
            s.0,
            r##"<path d="M{:.1},{:.1} h26" stroke="#5b4b8a" stroke-width="4" stroke-opacity="0.6" marker-end="url(#loop-arrow)"/>"##,
            x,
            y + 7.0
        );
        s.text(
            x + 36.0,
            y + 12.0,
            12.0,
            r##"fill="#3c4043""##,
            &map.labels.loops,
        );
    }
}

fn draw_card(s: &mut Svg, card: &crate::Card, r: &Rect, l: &Layout) {
    let (fill, stroke) = colours(card.health);
    let width = if card.health == Health::Poor {
        3.0
    } else {
        1.5
    };
    let dash = if card.outside {
        r#" stroke-dasharray="6 4""#
    } else {
        ""
    };
    let class = match card.health {
        Health::Good => "good",
        Health::Mixed => "mixed",
        Health::Poor => "poor",
        Health::NoData => "nodata",
    };
    let _ = writeln!(s.0, r#"<g class="card {class}">"#);
    s.rect(
        r,
        6.0,
        &format!(r#"fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}"#),
    );
    s.rect(
        &Rect {
            x: r.x,
            y: r.y,
            w: 6.0,
            h: r.h,
        },
        3.0,
        &format!(r#"fill="{stroke}""#),
    );
    let x = r.x + 14.0;
    let mut name_chars = l.name_chars;
    if card.health == Health::Poor {
        s.text(
            r.right() - 12.0,
            r.y + 22.0,
            20.0,
            &format!(r#"font-weight="bold" text-anchor="middle" fill="{stroke}""#),
            "!",
        );
        name_chars = name_chars.saturating_sub(2);
    }
    for (k, line) in wrap(&card.name, name_chars, 2).iter().enumerate() {
        s.text(
            x,
            r.y + 20.0 + 16.0 * k as f64,
            14.0,
            r##"font-weight="bold" fill="#202124""##,
            line,
        );
    }
    let mut y = r.y + 54.0;
    for line in [&card.kind, &card.owner] {
        if let Some(text) = wrap(line, l.line_chars, 1).pop() {
            s.text(x, y, 11.0, r##"fill="#3c4043""##, &text);
        }
        y += 14.5;
    }
    // The numbers behind the colour get two lines (counts, then failures if any).
    for text in wrap(&card.detail, l.line_chars, 2) {
        s.text(
            x,
            y,
            11.0,
            &format!(r#"fill="{stroke}" font-weight="bold""#),
            &text,
        );
        y += 14.0;
    }
    s.0.push_str("</g>\n");
}

fn curve(s: &mut Svg, map: &Map, l: &Layout) {
    let c = &l.curve;
    s.text(
        c.x,
        c.y - 14.0,
        13.0,
        r##"font-weight="bold" fill="#202124""##,
        &map.labels.emotion,
    );
    // The band: a happy top half and an unhappy bottom half, with a neutral line between.
    s.rect(&Rect { h: c.h / 2.0, ..*c }, 0.0, r##"fill="#f1f8f2""##);
    s.rect(
        &Rect {
            y: c.y + c.h / 2.0,
            h: c.h / 2.0,
            ..*c
        },
        0.0,
        r##"fill="#fdf1f0""##,
    );
    let mid = c.y + c.h / 2.0;
    let _ = writeln!(
        s.0,
        r##"<line x1="{:.1}" y1="{mid:.1}" x2="{:.1}" y2="{mid:.1}" stroke="#bdc1c6" stroke-dasharray="4 4"/>"##,
        c.x,
        c.right()
    );
    s.text(c.x + 6.0, c.y + 14.0, 14.0, r##"fill="#1e7b34""##, "☺");
    s.text(
        c.x + 6.0,
        c.bottom() - 6.0,
        14.0,
        r##"fill="#c62828""##,
        "☹",
    );
    // Consecutive known points are joined with smooth S-curves (horizontal tangents); a
    // stage without a score breaks the line rather than inventing a value.
    let mut d = String::new();
    let mut previous: Option<(f64, f64)> = None;
    for p in &l.curve_points {
        match (*p, previous) {
            (Some((x, y)), Some((px, py))) => {
                let mx = (px + x) / 2.0;
                let _ = write!(d, " C{mx:.1},{py:.1} {mx:.1},{y:.1} {x:.1},{y:.1}");
            }
            (Some((x, y)), None) => {
                let _ = write!(d, " M{x:.1},{y:.1}");
            }
            (None, _) => {}
        }
        previous = *p;
    }
    if !d.is_empty() {
        let _ = writeln!(
            s.0,
            r##"<path class="emotion" d="{}" fill="none" stroke="#1a73e8" stroke-width="3"/>"##,
            d.trim()
        );
    }
    for (p, stage) in l.curve_points.iter().zip(&map.stages) {
        if let Some((x, y)) = p {
            let _ = writeln!(
                s.0,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="#1a73e8"/>"##
            );
            s.text(
                *x + 9.0,
                y - 7.0,
                12.0,
                r##"fill="#174ea6" font-weight="bold""##,
                &stage.emotion_label,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Card, Labels, Loop, StageColumn};

    fn sample() -> Map {
        let card = |name: &str, health| Card {
            name: name.into(),
            owner: "Owner: Sara <s@x>".into(),
            kind: "Phone · physical".into(),
            detail: "120 reached · 38 % went on".into(),
            health,
            outside: false,
        };
        Map {
            title: "Repair & service".into(),
            subtitle: "As-is".into(),
            stages: vec![
                StageColumn {
                    name: "Consideration".into(),
                    cards: vec![
                        card("Web site", Health::Good),
                        card("Call to book", Health::Poor),
                    ],
                    emotion: Some(0.4),
                    emotion_label: "40 %".into(),
                },
                StageColumn {
                    name: "Purchase".into(),
                    cards: vec![card("<b>Booking</b>", Health::Mixed)],
                    emotion: Some(0.7),
                    emotion_label: "70 %".into(),
                },
                StageColumn {
                    name: "Empty".into(),
                    cards: vec![],
                    emotion: None,
                    emotion_label: String::new(),
                },
            ],
            loops: vec![Loop {
                from: (1, 0),
                to: (0, 0),
                customers: 12,
            }],
            labels: Labels {
                emotion: "Emotion (derived)".into(),
                empty_stage: "No touchpoints".into(),
                ..Labels::default()
            },
        }
    }

    #[test]
    fn the_svg_names_every_stage_and_card_escaped() {
        let svg = render_svg(&sample());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1400 "));
        for text in [
            "Repair &amp; service",
            "Consideration",
            "Call to book",
            "&lt;b&gt;Booking&lt;/b&gt;",
            "Owner: Sara &lt;s@x&gt;",
            "No touchpoints",
            "Emotion (derived)",
            "40 %",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn cards_carry_their_health_and_a_poor_card_stands_out() {
        let svg = render_svg(&sample());
        assert_eq!(svg.matches(r#"<g class="card poor">"#).count(), 1);
        assert_eq!(svg.matches(r#"<g class="card good">"#).count(), 1);
        assert!(svg.contains(r##"stroke="#c62828" stroke-width="3""##));
    }

    #[test]
    fn loops_are_arrows_labelled_with_their_customers_and_the_curve_is_one_path() {
        let svg = render_svg(&sample());
        assert_eq!(svg.matches(r#"<path class="loop""#).count(), 1);
        assert!(svg.contains("marker-end=\"url(#loop-arrow)\""));
        assert!(svg.contains(">12</text>"));
        assert_eq!(svg.matches(r#"<path class="emotion" d="M"#).count(), 1);
        assert_eq!(
            svg.matches("<circle").count(),
            2,
            "no point for the stage without a score"
        );
    }

    #[test]
    fn an_empty_map_is_still_a_valid_picture() {
        let svg = render_svg(&Map {
            title: "Nothing yet".into(),
            ..Map::default()
        });
        assert!(svg.contains("Nothing yet") && svg.trim_end().ends_with("</svg>"));
        assert!(!svg.contains("class=\"emotion\""));
    }
}
