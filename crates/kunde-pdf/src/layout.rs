//! The block model, its layout into positioned drawing operations per page, and drawing
//! those with krilla. Coordinates are PDF points from the page's top-left corner.

use crate::PdfError;
use crate::measure::{self, BOLD, REGULAR};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

/// A document: its title (also the PDF's metadata title), its language (BCP 47, for the
/// PDF's metadata), a footer line drawn on every page next to the page number, and blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    pub lang: String,
    pub footer: String,
    /// "Page {n} of {total}" with both placeholders, in the reader's language.
    pub page_label: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's big title.
    Title(String),
    /// A grey line under the title (the period, the business).
    Subtitle(String),
    /// A section heading; kept on the same page as what follows it.
    Heading(String),
    Paragraph(String),
    /// Small grey text: a footnote, a "too few answers" mark.
    Note(String),
    Table(Table),
    /// Labelled horizontal bars, longest value full width.
    Bars(Vec<Bar>),
    /// One figure month by month as columns, thin months marked.
    Trend(Trend),
    /// Empty space in points.
    Space(f32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A table column: its share of the line width (shares are normalised) and alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub share: f32,
    pub right: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as the reader reads it ("12 %", "3.400 kr.").
    pub shown: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub title: String,
    pub points: Vec<TrendPoint>,
    /// Explains the mark on thin months; drawn under the chart when any month is thin.
    pub thin_note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// The month's short label ("nov.").
    pub label: String,
    pub value: Option<f64>,
    /// Too few answers to trust: drawn as an outline, not as a solid column.
    pub thin: bool,
    pub shown: String,
}

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;
const TOP: f32 = 56.0;
const BOTTOM: f32 = PAGE_H - 64.0;
const WIDTH: f32 = RIGHT - LEFT;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ink {
    Text,
    Muted,
    Accent,
    Light,
    Rule,
}

impl Ink {
    fn rgb(self) -> (u8, u8, u8) {
        match self {
            Ink::Text => (31, 41, 51),
            Ink::Muted => (97, 110, 124),
            Ink::Accent => (47, 111, 143),
            Ink::Light => (228, 231, 235),
            Ink::Rule => (203, 210, 217),
        }
    }
}

/// One positioned drawing operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        ink: Ink,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
        /// Outline only.
        outline: bool,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        ink: Ink,
    },
}

pub(crate) type Page = Vec<Op>;

struct Cursor {
    pages: Vec<Page>,
    y: f32,
}

impl Cursor {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is always open")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn need(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, ink: Ink, text: &str) {
        let y = self.y;
        self.page().push(Op::Text {
            x,
            y,
            size,
            bold,
            ink,
            text: text.to_owned(),
        });
    }

    /// Wrapped lines at the cursor, breaking pages between lines.
    fn lines(&mut self, text: &str, size: f32, bold: bool, ink: Ink, leading: f32) {
        for line in measure::wrap(text, size, bold, WIDTH) {
            self.need(leading);
            self.y += leading;
            self.text(LEFT, size, bold, ink, &line);
        }
    }
}

pub(crate) fn lay_out(doc: &Document) -> Vec<Page> {
    let mut c = Cursor {
        pages: vec![Vec::new()],
        y: TOP,
    };
    let mut blocks = doc.blocks.iter().peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Title(t) => {
                c.lines(t, 20.0, true, Ink::Text, 26.0);
                c.y += 4.0;
            }
            Block::Subtitle(t) => {
                c.lines(t, 11.0, false, Ink::Muted, 15.0);
                c.y += 10.0;
            }
            Block::Heading(t) => {
                // Keep the heading with the start of what follows.
                let following = blocks.peek().map_or(0.0, |b| first_height(b));
                c.need(14.0 + 18.0 + following);
                c.y += 14.0;
                c.lines(t, 13.0, true, Ink::Accent, 18.0);
                c.y += 4.0;
            }
            Block::Paragraph(t) => {
                c.lines(t, 10.0, false, Ink::Text, 14.0);
                c.y += 6.0;
            }
            Block::Note(t) => {
                c.lines(t, 8.5, false, Ink::Muted, 11.5);
                c.y += 4.0;
            }
            Block::Space(h) => c.y += h,
            Block::Table(t) => table(&mut c, t),
            Block::Bars(b) => bars(&mut c, b),
            Block::Trend(t) => trend(&mut c, t),
        }
    }
    c.pages
}

/// The height of a block's first unbreakable piece, for keeping headings with it.
fn first_height(block: &Block) -> f32 {
    match block {
        Block::Table(_) => 2.0 * TABLE_ROW,
        Block::Bars(_) => 2.0 * BAR_ROW,
        Block::Trend(_) => TREND_H,
        Block::Paragraph(_) => 2.0 * 14.0,
        _ => 14.0,
    }
}

const TABLE_SIZE: f32 = 9.0;
const TABLE_LEADING: f32 = 12.0;
const TABLE_ROW: f32 = TABLE_LEADING + 6.0;
const PAD: f32 = 4.0;

fn table(c: &mut Cursor, t: &Table) {
    let total: f32 = t.columns.iter().map(|col| col.share.max(0.0)).sum::<f32>();
    let total = if total > 0.0 { total } else { 1.0 };
    let widths: Vec<f32> = t
        .columns
        .iter()
        .map(|col| col.share.max(0.0) / total * WIDTH)
        .collect();
    let header_cells: Vec<Vec<String>> = cells(&t.header, &widths, true);
    let header_h = row_height(&header_cells);
    let draw_header = |c: &mut Cursor| {
        let y = c.y;
        c.page().push(Op::Rect {
            x: LEFT,
            y,
            w: WIDTH,
            h: header_h,
            ink: Ink::Light,
            outline: false,
        });
        row(c, &header_cells, &widths, &t.columns, true, header_h);
    };
    c.need(header_h + TABLE_ROW);
    draw_header(c);
    for r in &t.rows {
        let wrapped = cells(r, &widths, false);
        let h = row_height(&wrapped);
        if c.y + h > BOTTOM {
            c.new_page();
            draw_header(c);
        }
        row(c, &wrapped, &widths, &t.columns, false, h);
        let y = c.y;
        c.page().push(Op::Line {
            x1: LEFT,
            y1: y,
            x2: RIGHT,
            y2: y,
            ink: Ink::Rule,
        });
    }
    c.y += 8.0;
}

fn cells(texts: &[String], widths: &[f32], bold: bool) -> Vec<Vec<String>> {
    widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let text = texts.get(i).map_or("", String::as_str);
            measure::wrap(text, TABLE_SIZE, bold, (w - 2.0 * PAD).max(10.0))
        })
        .collect()
}

fn row_height(cells: &[Vec<String>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * TABLE_LEADING + 6.0
}

fn row(c: &mut Cursor, cells: &[Vec<String>], widths: &[f32], cols: &[Column], bold: bool, h: f32) {
    let top = c.y;
    let mut x = LEFT;
    for ((lines, w), col) in cells.iter().zip(widths).zip(cols) {
        for (i, line) in lines.iter().enumerate() {
            let tx = if col.right {
                x + w - PAD - measure::width(line, TABLE_SIZE, bold)
            } else {
                x + PAD
            };
            c.page().push(Op::Text {
                x: tx,
                y: top + 3.0 + (i as f32 + 1.0) * TABLE_LEADING - 3.0,
                size: TABLE_SIZE,
                bold,
                ink: Ink::Text,
                text: line.clone(),
            });
        }
        x += w;
    }
    c.y = top + h;
}

const BAR_ROW: f32 = 16.0;

fn bars(c: &mut Cursor, bars: &[Bar]) {
    let label_w = WIDTH * 0.38;
    let value_w = WIDTH * 0.16;
    let bar_w = WIDTH - label_w - value_w;
    let max = bars
        .iter()
        .map(|b| b.value.abs())
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    for b in bars {
        c.need(BAR_ROW);
        let top = c.y;
        let label = measure::fit(&b.label, 9.0, false, label_w - PAD);
        c.page().push(Op::Text {
            x: LEFT,
            y: top + 11.0,
            size: 9.0,
            bold: false,
            ink: Ink::Text,
            text: label,
        });
        let w = ((b.value.abs() / max) as f32 * bar_w).max(1.0);
        c.page().push(Op::Rect {
            x: LEFT + label_w,
            y: top + 3.0,
            w,
            h: BAR_ROW - 6.0,
            ink: Ink::Accent,
            outline: false,
        });
        let shown_w = measure::width(&b.shown, 9.0, false);
        c.page().push(Op::Text {
            x: RIGHT - shown_w,
            y: top + 11.0,
            size: 9.0,
            bold: false,
            ink: Ink::Text,
            text: b.shown.clone(),
        });
        c.y = top + BAR_ROW;
    }
    c.y += 8.0;
}

const TREND_H: f32 = 150.0;

fn trend(c: &mut Cursor, t: &Trend) {
    let thin = t.points.iter().any(|p| p.thin);
    c.need(TREND_H + if thin { 12.0 } else { 0.0 });
    let top = c.y;
    let title = t.title.clone();
    c.page().push(Op::Text {
        x: LEFT,
        y: top + 12.0,
        size: 10.0,
        bold: true,
        ink: Ink::Text,
        text: title,
    });
    // Chart area: values above, labels below.
    let chart_top = top + 30.0;
    let chart_h = 86.0;
    let values: Vec<f64> = t.points.iter().filter_map(|p| p.value).collect();
    let lo = values.iter().copied().fold(0.0_f64, f64::min);
    let hi = values.iter().copied().fold(0.0_f64, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let y_of = |v: f64| chart_top + ((hi - v) / span) as f32 * chart_h;
    let zero = y_of(0.0);
    let n = t.points.len().max(1);
    let slot = WIDTH / n as f32;
    c.page().push(Op::Line {
        x1: LEFT,
        y1: zero,
        x2: RIGHT,
        y2: zero,
        ink: Ink::Rule,
    });
    for (i, p) in t.points.iter().enumerate() {
        let x = LEFT + slot * i as f32;
        if let Some(v) = p.value {
            let y = y_of(v);
            let (ry, h) = if y < zero {
                (y, zero - y)
            } else {
                (zero, y - zero)
            };
            c.page().push(Op::Rect {
                x: x + slot * 0.18,
                y: ry,
                w: slot * 0.64,
                h: h.max(0.8),
                ink: if p.thin { Ink::Muted } else { Ink::Accent },
                outline: p.thin,
            });
            let shown = measure::fit(&p.shown, 7.0, false, slot);
            let sw = measure::width(&shown, 7.0, false);
            let ty = if v >= 0.0 { ry - 2.5 } else { ry + h + 8.0 };
            c.page().push(Op::Text {
                x: x + (slot - sw) / 2.0,
                y: ty,
                size: 7.0,
                bold: false,
                ink: if p.thin { Ink::Muted } else { Ink::Text },
                text: shown,
            });
        }
        let label = measure::fit(&p.label, 7.5, false, slot);
        let lw = measure::width(&label, 7.5, false);
        c.page().push(Op::Text {
            x: x + (slot - lw) / 2.0,
            y: chart_top + chart_h + 22.0,
            size: 7.5,
            bold: false,
            ink: Ink::Muted,
            text: label,
        });
    }
    c.y = top + TREND_H - 14.0;
    if thin {
        c.lines(&t.thin_note, 8.0, false, Ink::Muted, 11.0);
    }
    c.y += 10.0;
}

fn paint(ink: Ink) -> krilla::paint::Paint {
    let (r, g, b) = ink.rgb();
    rgb::Color::new(r, g, b).into()
}

fn set_fill(surface: &mut Surface, ink: Ink) {
    surface.set_fill(Some(Fill {
        paint: paint(ink),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
}

pub(crate) fn draw(doc: &Document, pages: &[Page]) -> Result<Vec<u8>, PdfError> {
    let regular = Font::new(REGULAR.into(), 0).ok_or(PdfError::Font)?;
    let bold = Font::new(BOLD.into(), 0).ok_or(PdfError::Font)?;
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.clone())
            .creator("Kunde".to_owned()),
    );
    let total = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| PdfError::Write("page size".to_owned()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw_op(&mut surface, op, &regular, &bold);
        }
        let number = doc
            .page_label
            .replace("{n}", &(index + 1).to_string())
            .replace("{total}", &total.to_string());
        let footer_y = PAGE_H - 34.0;
        draw_op(
            &mut surface,
            &Op::Line {
                x1: LEFT,
                y1: footer_y - 12.0,
                x2: RIGHT,
                y2: footer_y - 12.0,
                ink: Ink::Rule,
            },
            &regular,
            &bold,
        );
        let footer = measure::fit(&doc.footer, 8.0, false, WIDTH * 0.7);
        draw_op(
            &mut surface,
            &Op::Text {
                x: LEFT,
                y: footer_y,
                size: 8.0,
                bold: false,
                ink: Ink::Muted,
                text: footer,
            },
            &regular,
            &bold,
        );
        let nw = measure::width(&number, 8.0, false);
        draw_op(
            &mut surface,
            &Op::Text {
                x: RIGHT - nw,
                y: footer_y,
                size: 8.0,
                bold: false,
                ink: Ink::Muted,
                text: number,
            },
            &regular,
            &bold,
        );
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

fn draw_op(surface: &mut Surface, op: &Op, regular: &Font, bold: &Font) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold: is_bold,
            ink,
            text,
        } => {
            if text.is_empty() {
                return;
            }
            set_fill(surface, *ink);
            surface.set_stroke(None);
            let font = if *is_bold { bold } else { regular };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect {
            x,
            y,
            w,
            h,
            ink,
            outline,
        } => {
            let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.1), h.max(0.1)) else {
                return;
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            let Some(path) = pb.finish() else { return };
            if *outline {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: paint(*ink),
                    width: 0.8,
                    ..Default::default()
                }));
            } else {
                set_fill(surface, *ink);
                surface.set_stroke(None);
            }
            surface.draw_path(&path);
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            ink,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            let Some(path) = pb.finish() else { return };
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: paint(*ink),
                width: 0.6,
                ..Default::default()
            }));
            surface.draw_path(&path);
        }
    }
}
