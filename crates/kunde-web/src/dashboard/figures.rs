//! A headline figure of the start page: this month's value, the change against last month
//! and a 12-month sparkline drawn as inline SVG on the server (no script needed). A month
//! with too few answers to trust is marked on the line, not drawn as a dip, and its change
//! is not computed.

use crate::kit::Page;
use crate::kit::format::{format_change, format_number};
use kunde_domain::Money;

/// How many months a sparkline shows, the current one last.
pub const MONTHS: usize = 12;

/// One month of a figure: its value (None without data) and whether it rests on too few
/// answers to be compared.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Month {
    pub value: Option<f64>,
    pub thin: bool,
}

impl Month {
    pub fn of(value: Option<f64>) -> Self {
        Self { value, thin: false }
    }

    /// The value when it may be drawn and compared.
    fn solid(self) -> Option<f64> {
        self.value.filter(|_| !self.thin)
    }
}

/// How a figure's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Count,
    /// A score with one decimal (NPS).
    Score,
    Percent,
    /// Money in major units.
    Money,
}

/// What a figure is: its name, the page behind it, its unit and which way is better.
pub struct Spec {
    pub name_key: &'static str,
    pub href: String,
    pub unit: Unit,
    /// `Some(true)` when up is better, `Some(false)` when down is, `None` when neither.
    pub up_is_better: Option<bool>,
}

pub struct Figure {
    pub name: String,
    pub href: String,
    pub value: String,
    /// The change against last month ("+3.0"), empty when it cannot be given.
    pub change: String,
    /// `better`, `worse` or `same`; empty without a change.
    pub direction: &'static str,
    pub note: String,
    pub spark: Spark,
    /// Month label and its written value, oldest first (the sparkline's numbers as a table).
    pub rows: Vec<(String, String)>,
    /// The months themselves (the monthly report draws them as columns).
    pub months: Vec<Month>,
}

/// The sparkline's pieces in a 120 × 32 box.
#[derive(Debug, Default, PartialEq)]
pub struct Spark {
    /// `points` attributes of the polylines (one per run of drawable months).
    pub lines: Vec<String>,
    /// Lone drawable months (a run of one), as (x, y).
    pub dots: Vec<(String, String)>,
    /// x of each month marked as too thin to draw.
    pub thin: Vec<String>,
}

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 32.0;
const PAD: f64 = 3.0;

pub fn spark(months: &[Month]) -> Spark {
    let values: Vec<f64> = months.iter().filter_map(|m| m.solid()).collect();
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    let step = (WIDTH - 2.0 * PAD) / (months.len().max(2) - 1) as f64;
    let x = |i: usize| format!("{:.1}", PAD + step * i as f64);
    let y = |v: f64| {
        let y = if hi > lo {
            HEIGHT - PAD - (v - lo) / (hi - lo) * (HEIGHT - 2.0 * PAD)
        } else {
            HEIGHT / 2.0
        };
        format!("{y:.1}")
    };
    let mut out = Spark::default();
    let mut run: Vec<(String, String)> = Vec::new();
    let flush = |run: &mut Vec<(String, String)>, out: &mut Spark| {
        match run.len() {
            0 => {}
            1 => out.dots.push(run[0].clone()),
            _ => out.lines.push(
                run.iter()
                    .map(|(x, y)| format!("{x},{y}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
        run.clear();
    };
    for (i, m) in months.iter().enumerate() {
        if m.thin {
            out.thin.push(x(i));
        }
        match m.solid() {
            Some(v) => run.push((x(i), y(v))),
            None => flush(&mut run, &mut out),
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Writes a value in the figure's unit and the page's language.
pub fn write(p: &Page, unit: Unit, v: f64) -> String {
    let lang = p.tr.lang();
    match unit {
        Unit::Count => format_number(lang, v, 0),
        Unit::Score => format_number(lang, v, 1),
        Unit::Percent => format!("{} %", format_number(lang, v, 1)),
        Unit::Money => p.money(&Money((v * 100.0).round() as i64)),
    }
}

/// The figure over `months` (oldest first, this month last) with `labels` of the same
/// length; `note` is shown under the value.
pub fn figure(p: &Page, spec: Spec, months: &[Month], labels: &[String], note: String) -> Figure {
    let lang = p.tr.lang();
    let current = months.last().copied().unwrap_or_default();
    let previous = months
        .len()
        .checked_sub(2)
        .and_then(|i| months.get(i))
        .copied()
        .unwrap_or_default();
    let value = current
        .value
        .map_or_else(|| "–".to_owned(), |v| write(p, spec.unit, v));
    let (change, direction) = match (current.solid(), previous.solid()) {
        (Some(now), Some(before)) => {
            let d = now - before;
            let decimals = if spec.unit == Unit::Count { 0 } else { 1 };
            let text = if spec.unit == Unit::Money {
                let m = write(p, Unit::Money, d.abs());
                if d < 0.0 {
                    format!("\u{2212}{m}")
                } else {
                    format!("+{m}")
                }
            } else {
                format_change(lang, d, decimals)
            };
            let rounded = format_number(lang, d.abs(), decimals);
            let same = !rounded.chars().any(|c| c.is_ascii_digit() && c != '0');
            let direction = match (same, spec.up_is_better) {
                (true, _) | (_, None) => "same",
                (false, Some(up)) if (d > 0.0) == up => "better",
                _ => "worse",
            };
            (text, direction)
        }
        _ => (String::new(), ""),
    };
    let rows = labels
        .iter()
        .zip(months)
        .map(|(label, m)| {
            let text = match m.value {
                Some(v) if m.thin => format!("{} ({})", write(p, spec.unit, v), p.t("dash-thin")),
                Some(v) => write(p, spec.unit, v),
                None => "–".to_owned(),
            };
            (label.clone(), text)
        })
        .collect();
    Figure {
        name: p.t(spec.name_key),
        href: spec.href,
        value,
        change,
        direction,
        note,
        spark: spark(months),
        rows,
        months: months.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thin_and_missing_months_break_the_line_instead_of_dipping() {
        let m = |v: f64| Month::of(Some(v));
        let months = [
            m(10.0),
            m(20.0),
            Month {
                value: Some(-100.0),
                thin: true,
            },
            m(20.0),
            Month::of(None),
            m(15.0),
        ];
        let s = spark(&months);
        // The thin month is marked, and its -100 does not stretch the scale.
        assert_eq!(s.thin, vec!["48.6".to_owned()]);
        assert_eq!(s.lines, vec!["3.0,29.0 25.8,3.0".to_owned()]);
        assert_eq!(
            s.dots,
            vec![
                ("71.4".to_owned(), "3.0".to_owned()),
                ("117.0".to_owned(), "16.0".to_owned())
            ]
        );
    }

    #[test]
    fn a_flat_line_sits_in_the_middle() {
        let s = spark(&[Month::of(Some(5.0)), Month::of(Some(5.0))]);
        assert_eq!(s.lines, vec!["3.0,16.0 117.0,16.0".to_owned()]);
    }
}
