//! Where everything goes, in SVG user units. Kept apart from the drawing so its promises
//! (columns side by side, cards inside their column and apart, the curve higher where the
//! customer feels better, thicker loops for more customers) are tested as numbers.

use crate::Map;

/// The narrowest the picture gets: about A4 landscape at 96 dpi, scaled up a little so a
/// five-stage map has room for readable cards. Print CSS scales it to the page.
pub const MIN_WIDTH: f64 = 1400.0;
pub const MARGIN: f64 = 20.0;
pub const COLUMN_GAP: f64 = 14.0;
pub const MIN_COLUMN: f64 = 190.0;
/// Title, subtitle and up to two rows of legend.
pub const HEADER: f64 = 122.0;
pub const STAGE_HEADER: f64 = 38.0;
pub const CARD_HEIGHT: f64 = 106.0;
pub const CARD_GAP: f64 = 10.0;
pub const CARD_INSET: f64 = 8.0;
/// Room above the columns for the loop arrows' arcs.
pub const LOOP_LANE: f64 = 70.0;
pub const CURVE_HEIGHT: f64 = 130.0;
pub const MAX_LOOP_WIDTH: f64 = 9.0;
pub const MIN_LOOP_WIDTH: f64 = 1.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn center_x(&self) -> f64 {
        self.x + self.w / 2.0
    }

    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

/// One loop arrow: a cubic curve from `start` (on the later card) up to `apex_y` and down to
/// `end` (on the earlier card).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoopShape {
    pub start: (f64, f64),
    pub end: (f64, f64),
    pub apex_y: f64,
    pub width: f64,
    /// Where the customer count is written (the top of the curve).
    pub label: (f64, f64),
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Each stage's column, its header included.
    pub columns: Vec<Rect>,
    pub cards: Vec<Vec<Rect>>,
    pub loops: Vec<LoopShape>,
    /// The plot area of the emotion curve (its caption sits just above).
    pub curve: Rect,
    /// One point per stage, at the column's centre; `None` where the stage has no score.
    pub curve_points: Vec<Option<(f64, f64)>>,
    /// The size of a card's text that fits its width, in characters (names, small lines).
    pub name_chars: usize,
    pub line_chars: usize,
}

pub fn layout(map: &Map) -> Layout {
    let n = map.stages.len().max(1);
    let width = MIN_WIDTH.max(2.0 * MARGIN + n as f64 * MIN_COLUMN + (n - 1) as f64 * COLUMN_GAP);
    let column_w = (width - 2.0 * MARGIN - (n - 1) as f64 * COLUMN_GAP) / n as f64;
    let has_loops = !map.loops.is_empty();
    let columns_top = HEADER + if has_loops { LOOP_LANE } else { 0.0 };
    let most_cards = map
        .stages
        .iter()
        .map(|s| s.cards.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let column_h =
        STAGE_HEADER + most_cards as f64 * (CARD_HEIGHT + CARD_GAP) + CARD_GAP - CARD_GAP / 2.0;
    let columns: Vec<Rect> = (0..map.stages.len())
        .map(|i| Rect {
            x: MARGIN + i as f64 * (column_w + COLUMN_GAP),
            y: columns_top,
            w: column_w,
            h: column_h,
        })
        .collect();
    let cards: Vec<Vec<Rect>> = map
        .stages
        .iter()
        .zip(&columns)
        .map(|(stage, col)| {
            (0..stage.cards.len())
                .map(|j| Rect {
                    x: col.x + CARD_INSET,
                    y: col.y + STAGE_HEADER + j as f64 * (CARD_HEIGHT + CARD_GAP),
                    w: col.w - 2.0 * CARD_INSET,
                    h: CARD_HEIGHT,
                })
                .collect()
        })
        .collect();
    let curve_top = columns_top + column_h + 44.0;
    let curve = Rect {
        x: MARGIN,
        y: curve_top,
        w: width - 2.0 * MARGIN,
        h: CURVE_HEIGHT - 30.0,
    };
    let curve_points = map
        .stages
        .iter()
        .zip(&columns)
        .map(|(s, col)| {
            s.emotion
                .filter(|e| e.is_finite())
                .map(|e| (col.center_x(), curve.bottom() - e.clamp(0.0, 1.0) * curve.h))
        })
        .collect();
    let card_at = |(s, c): (usize, usize)| cards.get(s).and_then(|cs| cs.get(c));
    // A loop naming a card that is not there is left out (and does not set the scale).
    let drawable: Vec<_> = map
        .loops
        .iter()
        .filter_map(|l| Some((l, card_at(l.from)?, card_at(l.to)?)))
        .collect();
    let most = drawable
        .iter()
        .map(|(l, ..)| l.customers)
        .max()
        .unwrap_or(0)
        .max(1);
    let loops = drawable
        .into_iter()
        .enumerate()
        .map(|(i, (l, from, to))| {
            // Arrows leave the right part of the later card and land on the left part of the
            // earlier one, so two opposite loops between the same cards do not overlap.
            let start = (from.x + from.w * 0.7, from.y);
            let end = (to.x + to.w * 0.3, to.y);
            let apex_y = HEADER + 10.0 + (i % 5) as f64 * 10.0;
            let width = MIN_LOOP_WIDTH
                + (MAX_LOOP_WIDTH - MIN_LOOP_WIDTH) * l.customers as f64 / most as f64;
            // The top of a cubic Bézier with both control points at apex_y.
            let label = (
                (start.0 + end.0) / 2.0,
                0.125 * (start.1 + end.1) + 0.75 * apex_y,
            );
            LoopShape {
                start,
                end,
                apex_y,
                width,
                label,
                customers: l.customers,
            }
        })
        .collect();
    let card_w = column_w - 2.0 * CARD_INSET;
    Layout {
        width,
        height: curve.bottom() + 40.0,
        columns,
        cards,
        loops,
        curve,
        curve_points,
        // Average advance of DejaVu Sans Condensed: ~0.55 em bold at 14 px, ~0.5 em at 11 px.
        name_chars: ((card_w - 20.0) / 7.7).floor().max(8.0) as usize,
        line_chars: ((card_w - 20.0) / 5.6).floor().max(10.0) as usize,
    }
}

/// Breaks `text` into at most `lines` lines of at most `width` characters, at spaces where it
/// can, ending with "…" when it had to cut.
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    // "54 %" stays on one line: a word starting with "%" is glued to the one before.
    let mut glued: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        match glued.last_mut() {
            Some(prev) if w.starts_with('%') => {
                prev.push(' ');
                prev.push_str(w);
            }
            _ => glued.push(w.to_owned()),
        }
    }
    let mut words = glued.iter().map(String::as_str).peekable();
    let mut cut = false;
    while let Some(word) = words.next() {
        let len = current.chars().count();
        let wlen = word.chars().count();
        if len > 0 && len + 1 + wlen <= width {
            current.push(' ');
            current.push_str(word);
        } else if len == 0 && wlen <= width {
            current.push_str(word);
        } else {
            if len > 0 {
                out.push(std::mem::take(&mut current));
            }
            if out.len() == lines {
                cut = true;
                break;
            }
            if wlen <= width {
                current.push_str(word);
            } else {
                // A word longer than a line: cut it.
                current = word.chars().take(width).collect();
                if words.peek().is_some() || wlen > width {
                    cut = true;
                    out.push(std::mem::take(&mut current));
                    break;
                }
            }
        }
    }
    if !current.is_empty() {
        if out.len() < lines {
            out.push(current);
        } else {
            cut = true;
        }
    }
    out.truncate(lines);
    if cut && let Some(last) = out.last_mut() {
        let keep = width.saturating_sub(1);
        if last.chars().count() > keep {
            *last = last.chars().take(keep).collect();
        }
        last.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Card, Loop, StageColumn};

    fn map(cards_per_stage: &[usize]) -> Map {
        Map {
            title: "t".into(),
            stages: cards_per_stage
                .iter()
                .enumerate()
                .map(|(i, &n)| StageColumn {
                    name: format!("stage {i}"),
                    cards: (0..n)
                        .map(|j| Card {
                            name: format!("card {i}.{j}"),
                            ..Card::default()
                        })
                        .collect(),
                    emotion: Some(i as f64 / cards_per_stage.len() as f64),
                    emotion_label: String::new(),
                })
                .collect(),
            ..Map::default()
        }
    }

    #[test]
    fn columns_sit_side_by_side_inside_the_margins_in_stage_order() {
        let l = layout(&map(&[4, 3, 2, 2, 1]));
        assert_eq!(l.columns.len(), 5);
        assert_eq!(l.width, MIN_WIDTH);
        for pair in l.columns.windows(2) {
            assert!(pair[0].right() + COLUMN_GAP - 1e-9 <= pair[1].x, "{pair:?}");
        }
        assert_eq!(l.columns[0].x, MARGIN);
        assert!((l.columns[4].right() - (l.width - MARGIN)).abs() < 1e-9);
    }

    #[test]
    fn cards_stay_inside_their_column_and_apart() {
        let l = layout(&map(&[4, 3, 0, 2, 6]));
        for (col, cards) in l.columns.iter().zip(&l.cards) {
            for c in cards {
                assert!(col.contains(c), "{c:?} outside {col:?}");
            }
            for pair in cards.windows(2) {
                assert!(pair[0].bottom() < pair[1].y);
            }
        }
        assert!(
            l.curve.y > l.columns[4].bottom(),
            "the curve is drawn under the cards"
        );
        assert!(l.height > l.curve.bottom());
    }

    #[test]
    fn a_typical_map_fits_one_landscape_page_at_full_width() {
        // Five stages of up to four cards, with loops: scaled to the printable width of A4
        // (277 mm) or Letter (259 mm) landscape, the height must stay within the page
        // (190 mm and 196 mm).
        let mut m = map(&[4, 3, 2, 2, 2]);
        m.loops = vec![Loop {
            from: (1, 0),
            to: (0, 0),
            customers: 3,
        }];
        let l = layout(&m);
        for (width_mm, height_mm) in [(277.0, 190.0), (259.0, 196.0)] {
            assert!(
                l.height * width_mm / l.width <= height_mm,
                "{} × {}",
                l.width,
                l.height
            );
        }
    }

    #[test]
    fn more_cards_make_a_taller_picture_and_more_stages_a_wider_one() {
        assert!(layout(&map(&[8])).height > layout(&map(&[2])).height);
        let wide = layout(&map(&[1; 12]));
        assert!(wide.width > MIN_WIDTH);
        assert!(wide.columns.iter().all(|c| c.w >= MIN_COLUMN - 1e-9));
    }

    #[test]
    fn the_emotion_curve_is_higher_where_the_score_is_higher_and_missing_scores_leave_gaps() {
        let mut m = map(&[1, 1, 1]);
        m.stages[0].emotion = Some(0.9);
        m.stages[1].emotion = Some(0.2);
        m.stages[2].emotion = None;
        let l = layout(&m);
        let (a, b) = (l.curve_points[0].unwrap(), l.curve_points[1].unwrap());
        assert!(
            a.1 < b.1,
            "SVG y grows downwards: a happier stage sits higher"
        );
        assert_eq!(a.0, l.columns[0].center_x());
        assert!(l.curve_points[2].is_none());
        assert!(b.1 <= l.curve.bottom() && a.1 >= l.curve.y);
    }

    #[test]
    fn loops_go_from_the_later_card_to_the_earlier_one_thicker_for_more_customers() {
        let mut m = map(&[2, 2, 2]);
        m.loops = vec![
            Loop {
                from: (2, 0),
                to: (1, 1),
                customers: 40,
            },
            Loop {
                from: (1, 0),
                to: (0, 0),
                customers: 10,
            },
            Loop {
                from: (7, 0),
                to: (0, 0),
                customers: 99,
            },
        ];
        let l = layout(&m);
        assert_eq!(
            l.loops.len(),
            2,
            "a loop naming a card that is not there is left out"
        );
        let (big, small) = (l.loops[0], l.loops[1]);
        assert!(big.width > small.width);
        assert_eq!(big.width, MAX_LOOP_WIDTH);
        assert!(big.start.0 > big.end.0, "drawn back to the left");
        assert_eq!(big.start.1, l.cards[2][0].y);
        assert_eq!(big.end.1, l.cards[1][1].y);
        assert!(big.apex_y < l.columns[0].y, "arcs pass above the columns");
        assert!(big.label.1 < big.start.1 && big.label.1 > big.apex_y);
    }

    #[test]
    fn no_loops_means_no_lane_above_the_columns() {
        let with = {
            let mut m = map(&[1, 1]);
            m.loops = vec![Loop {
                from: (1, 0),
                to: (0, 0),
                customers: 1,
            }];
            layout(&m)
        };
        let without = layout(&map(&[1, 1]));
        assert_eq!(with.columns[0].y - without.columns[0].y, LOOP_LANE);
    }

    #[test]
    fn long_names_wrap_at_spaces_and_end_with_an_ellipsis_when_cut() {
        assert_eq!(wrap("Call to book", 20, 2), ["Call to book"]);
        assert_eq!(
            wrap("Call-back within an hour", 12, 2),
            ["Call-back", "within an…"]
        );
        assert_eq!(
            wrap("one two three four five six", 9, 2),
            ["one two", "three…"]
        );
        assert_eq!(wrap("Supercalifragilistic", 8, 2), ["Superca…"]);
        assert!(wrap("", 10, 2).is_empty());
        assert_eq!(
            wrap("67 % went on · 54 % failed", 16, 2),
            ["67 % went on ·", "54 % failed"]
        );
    }
}
