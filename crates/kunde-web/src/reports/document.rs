//! What goes into the printable documents, written in the reader's language: the monthly
//! report (from the start page's [`Headline`] of that month, plus the month's root causes of
//! closed cases and its reviews) and an invoice. `kunde_pdf` lays them out and draws them.

use crate::dashboard::{Figure, Headline};
use crate::kit::Page;
use crate::kit::format::{civil_date, format_number, month_short};
use kunde_domain::{Customer, RootCause};
use kunde_pdf::{Bar, Block, Column, Document, Table, Trend, TrendPoint};
use kunde_store::{Invoice, InvoiceStatus};
use std::collections::HashMap;

/// The most reviews of the month the report lists (the newest).
const REVIEWS: usize = 10;
/// A review's text is cut to this many characters in the list.
const REVIEW_TEXT: usize = 240;

/// The figures drawn month by month (by their translation keys' order in the headline):
/// NPS, CSAT, new customers, revenue, churn.
const TRENDS: [usize; 5] = [0, 1, 2, 3, 5];

/// One month's report.
pub struct Monthly<'a> {
    pub p: &'a Page,
    pub business: &'a str,
    /// "Nov 2026".
    pub month_name: String,
    /// The month's first and last second (the last is `now` for the current month).
    pub start: i64,
    pub end: i64,
    pub current: bool,
    pub headline: &'a Headline,
    pub root_causes: &'a [RootCause],
}

/// The month of a `YYYY-MM` label ("2026-11" → 11).
pub fn month_of(label: &str) -> i8 {
    label.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1)
}

fn previous(f: &Figure) -> String {
    f.rows
        .len()
        .checked_sub(2)
        .and_then(|i| f.rows.get(i))
        .map_or_else(|| "–".to_owned(), |(_, v)| v.clone())
}

fn trend(p: &Page, f: &Figure) -> Trend {
    let lang = p.tr.lang();
    Trend {
        title: p.named("dash-spark-label", &f.name),
        points: f
            .rows
            .iter()
            .zip(&f.months)
            .map(|((label, shown), m)| TrendPoint {
                label: month_short(lang, month_of(label)).to_owned(),
                value: m.value,
                thin: m.thin,
                shown: shown
                    .split(" (")
                    .next()
                    .unwrap_or(shown.as_str())
                    .to_owned(),
            })
            .collect(),
        thin_note: p.t("report-thin-note"),
    }
}

fn column(share: f32, right: bool) -> Column {
    Column { share, right }
}

pub fn monthly(m: &Monthly) -> Document {
    let p = m.p;
    let lang = p.tr.lang();
    let h = m.headline;
    let mut blocks = vec![
        Block::Title(p.named("report-title", &m.month_name)),
        Block::Subtitle(if m.current {
            p.tr.t_args(
                "report-subtitle-current",
                &[("business", m.business), ("date", &p.date(&m.end))],
            )
        } else {
            p.tr.t_args(
                "report-subtitle",
                &[
                    ("business", m.business),
                    ("from", &p.date(&m.start)),
                    ("to", &p.date(&m.end)),
                ],
            )
        }),
        Block::Heading(p.t("report-figures")),
    ];
    let rows = h
        .figures
        .iter()
        .map(|f| {
            let change = if f.change.is_empty() {
                "–".to_owned()
            } else {
                format!("{} ({})", f.change, p.t(&format!("report-{}", f.direction)))
            };
            vec![
                f.name.clone(),
                f.value.clone(),
                previous(f),
                change,
                f.note.clone(),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns: vec![
            column(2.2, false),
            column(1.3, true),
            column(1.3, true),
            column(1.5, true),
            column(2.6, false),
        ],
        header: vec![
            p.t("report-figure"),
            p.t("report-this-month"),
            p.t("report-last-month"),
            p.t("report-change"),
            p.t("report-note"),
        ],
        rows,
    }));

    blocks.push(Block::Heading(p.t("report-trends")));
    for i in TRENDS {
        if let Some(f) = h.figures.get(i) {
            blocks.push(Block::Trend(trend(p, f)));
        }
    }

    blocks.push(Block::Heading(p.t("dash-today-moments")));
    blocks.push(Block::Note(p.t("report-moments-note")));
    if h.worst.is_empty() {
        blocks.push(Block::Paragraph(p.t("report-no-moments")));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                column(2.4, false),
                column(2.0, false),
                column(1.0, true),
                column(1.0, true),
                column(1.6, true),
            ],
            header: vec![
                p.t("report-touchpoint"),
                p.t("report-journey"),
                p.t("report-bad"),
                p.t("report-good"),
                p.t("report-lost-after-bad"),
            ],
            rows: h
                .worst
                .iter()
                .map(|w| {
                    vec![
                        w.name.clone(),
                        w.journey.clone(),
                        format_number(lang, w.bad as f64, 0),
                        format_number(lang, w.good as f64, 0),
                        p.percent(&w.lost_after_bad_percent, 0),
                    ]
                })
                .collect(),
        }));
    }

    blocks.push(Block::Heading(p.t("report-root-causes")));
    let names: HashMap<_, _> = m
        .root_causes
        .iter()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let mut counts: HashMap<&str, u64> = HashMap::new();
    let mut closed = 0u64;
    for c in &h.cases {
        let Some(at) = c.resolved_at else { continue };
        if at < m.start || at > m.end {
            continue;
        }
        closed += 1;
        if let Some(name) = c.root_cause_id.and_then(|id| names.get(&id)) {
            *counts.entry(name).or_default() += 1;
        }
    }
    let opened = h
        .cases
        .iter()
        .filter(|c| c.created_at >= m.start && c.created_at <= m.end)
        .count();
    blocks.push(Block::Paragraph(p.tr.t_args(
        "report-cases-line",
        &[
            ("opened", &format_number(lang, opened as f64, 0)),
            ("closed", &format_number(lang, closed as f64, 0)),
        ],
    )));
    if counts.is_empty() {
        blocks.push(Block::Paragraph(p.t("report-no-root-causes")));
    } else {
        let mut counts: Vec<(&str, u64)> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        blocks.push(Block::Bars(
            counts
                .into_iter()
                .map(|(name, n)| Bar {
                    label: name.to_owned(),
                    value: n as f64,
                    shown: p.count("report-cases", &(n as i64)),
                })
                .collect(),
        ));
    }

    blocks.push(Block::Heading(p.t("report-reviews")));
    let mut reviews: Vec<_> = h
        .reviews
        .iter()
        .filter(|r| r.reviewed_at >= m.start && r.reviewed_at <= m.end)
        .collect();
    reviews.sort_by_key(|r| std::cmp::Reverse(r.reviewed_at));
    if reviews.is_empty() {
        blocks.push(Block::Paragraph(p.t("report-no-reviews")));
    } else {
        let average = reviews.iter().map(|r| r.rating as f64).sum::<f64>() / reviews.len() as f64;
        let unanswered = reviews.iter().filter(|r| r.replied_at.is_none()).count();
        blocks.push(Block::Paragraph(p.tr.t_args(
            "report-reviews-line",
            &[
                ("n", &format_number(lang, reviews.len() as f64, 0)),
                ("average", &format_number(lang, average, 1)),
                ("unanswered", &format_number(lang, unanswered as f64, 0)),
            ],
        )));
        blocks.push(Block::Table(Table {
            columns: vec![
                column(1.3, false),
                column(1.2, false),
                column(0.8, true),
                column(5.0, false),
            ],
            header: vec![
                p.t("report-date"),
                p.t("reviews-source"),
                p.t("report-rating"),
                p.t("report-review"),
            ],
            rows: reviews
                .iter()
                .take(REVIEWS)
                .map(|r| {
                    let mut text: String = r.text.chars().take(REVIEW_TEXT).collect();
                    if r.text.chars().count() > REVIEW_TEXT {
                        text.push('…');
                    }
                    vec![
                        p.date(&r.reviewed_at),
                        r.source.clone(),
                        format!("{}/5", r.rating),
                        format!("{} — {}", r.author, text),
                    ]
                })
                .collect(),
        }));
    }

    blocks.push(Block::Heading(p.t("overview-facts")));
    for (fact, you) in &h.facts {
        blocks.push(Block::Paragraph(format!("{fact} — {you}")));
    }

    Document {
        title: p.named("report-title", &m.month_name),
        lang: p.lang().to_owned(),
        footer: format!("{} · Kunde", m.business),
        page_label: page_label(p),
        blocks,
    }
}

fn page_label(p: &Page) -> String {
    p.tr.t_args("report-page", &[("n", "{n}"), ("total", "{total}")])
}

/// What an invoice's PDF shows.
pub struct InvoiceInput<'a> {
    pub p: &'a Page,
    pub business: &'a str,
    pub customer: &'a Customer,
    pub invoice: &'a Invoice,
    pub status: InvoiceStatus,
    /// The amount written with the business's currency.
    pub amount: String,
}

pub fn invoice(i: &InvoiceInput) -> Document {
    let p = i.p;
    let lang = p.tr.lang();
    let inv = i.invoice;
    let title = format!("{} {}", p.t("portal-invoice"), inv.number);
    let mut to = i.customer.name.clone();
    if let Some(email) = &i.customer.email {
        to.push('\n');
        to.push_str(email.as_str());
    }
    let paid = inv.paid_at.map_or_else(|| "–".to_owned(), |at| p.date(&at));
    Document {
        title: title.clone(),
        lang: p.lang().to_owned(),
        footer: format!("{} · {}", i.business, title),
        page_label: page_label(p),
        blocks: vec![
            Block::Title(i.business.to_owned()),
            Block::Subtitle(title.clone()),
            Block::Heading(p.t("invoice-to")),
            Block::Paragraph(to),
            Block::Table(Table {
                columns: vec![column(1.0, false), column(1.6, false)],
                header: vec![p.t("invoice-field"), p.t("invoice-value")],
                rows: vec![
                    vec![p.t("portal-invoice-number"), inv.number.clone()],
                    vec![p.t("portal-invoice-issued"), civil_date(lang, &inv.issued)],
                    vec![p.t("portal-invoice-due"), civil_date(lang, &inv.due)],
                    vec![
                        p.t("case-status"),
                        p.t(&format!("portal-status-{}", i.status.code())),
                    ],
                    vec![p.t("portal-invoice-paid"), paid],
                ],
            }),
            Block::Table(Table {
                columns: vec![column(3.0, false), column(1.0, true)],
                header: vec![p.t("invoice-description"), p.t("col-amount")],
                rows: vec![
                    vec![title, i.amount.clone()],
                    vec![p.t("invoice-total"), i.amount.clone()],
                ],
            }),
        ],
    }
}
