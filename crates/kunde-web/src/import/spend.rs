//! Importing marketing spend from a CSV of `channel,month,amount` (a header row first; comma
//! or semicolon), from the import page (`POST /import/spend`) and `kunde import spend`. All
//! or nothing: every bad row is named by its line and nothing is stored while any is bad.

use crate::kit::error::AppError;
use crate::kit::{Page, Staff};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kunde_domain::Money;
use kunde_store::Spend;

/// What is wrong with one row of a spend file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpendProblem {
    /// The first row is not `channel,month,amount`.
    Header,
    Columns,
    Channel,
    Month,
    Amount,
    /// The same channel and month twice in one file.
    Duplicate,
}

impl SpendProblem {
    /// The translation key's suffix, and the English for the command line.
    pub fn code(self) -> &'static str {
        match self {
            SpendProblem::Header => "header",
            SpendProblem::Columns => "columns",
            SpendProblem::Channel => "channel",
            SpendProblem::Month => "month",
            SpendProblem::Amount => "amount",
            SpendProblem::Duplicate => "duplicate",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            SpendProblem::Header => "the first row must be the header channel,month,amount",
            SpendProblem::Columns => "a row needs exactly three columns: channel, month, amount",
            SpendProblem::Channel => "the channel is empty or longer than 100 characters",
            SpendProblem::Month => "the month must be written YYYY-MM, such as 2025-03",
            SpendProblem::Amount => "the amount is not a number of zero or more, such as 1500.00",
            SpendProblem::Duplicate => "this channel and month already appear earlier in the file",
        }
    }
}

/// A month `YYYY-MM` (1900–9999), as stored.
pub fn parse_spend_month(s: &str) -> Option<String> {
    let (y, m) = s.trim().split_once('-')?;
    let (y, m): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
    ((1900..=9999).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}

/// An amount of zero or more, in the styles `Money::parse` reads.
pub fn parse_spend_amount(s: &str) -> Option<Money> {
    Money::parse(s.trim()).ok().filter(|m| m.0 >= 0)
}

/// Reads a spend file: every row, or every bad row with its line number (1 = the header).
pub fn parse_spend_csv(bytes: &[u8]) -> Result<Vec<Spend>, Vec<(u64, SpendProblem)>> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 1;
        let Ok(record) = record else {
            problems.push((line, SpendProblem::Columns));
            continue;
        };
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if line == 1 {
            let header: Vec<String> = cells.iter().map(|c| c.to_lowercase()).collect();
            if header != ["channel", "month", "amount"] {
                return Err(vec![(1, SpendProblem::Header)]);
            }
            continue;
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() != 3 {
            problems.push((line, SpendProblem::Columns));
            continue;
        }
        let channel = cells[0];
        if channel.is_empty() || channel.chars().count() > 100 {
            problems.push((line, SpendProblem::Channel));
            continue;
        }
        let Some(month) = parse_spend_month(cells[1]) else {
            problems.push((line, SpendProblem::Month));
            continue;
        };
        let Some(amount) = parse_spend_amount(cells[2]) else {
            problems.push((line, SpendProblem::Amount));
            continue;
        };
        if !seen.insert((channel.to_owned(), month.clone())) {
            problems.push((line, SpendProblem::Duplicate));
            continue;
        }
        rows.push(Spend {
            channel: channel.to_owned(),
            month,
            amount,
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

#[derive(Template)]
#[template(path = "import/spend_errors.html")]
struct ErrorsPage {
    p: Page,
    problems: Vec<(u64, String)>,
}

/// `POST /import/spend`: stores every row of the uploaded file, or none and names the bad ones.
pub async fn upload_spend(
    State(state): State<AppState>,
    Staff { user, csrf }: Staff,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut file = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            file = Some(field.bytes().await.map_err(|_| AppError::BadRequest)?);
        }
    }
    let file = file.ok_or(AppError::BadRequest)?;
    match parse_spend_csv(&file) {
        Ok(rows) => {
            state
                .store
                .record_spend(user.workspace.id, &rows, state.now())
                .await?;
            Ok(Redirect::to("/value/channels?done=value-spend-imported").into_response())
        }
        Err(problems) => {
            let p = Page::staff(&user, &csrf, "import", "/import");
            let problems = problems
                .into_iter()
                .map(|(line, problem)| (line, p.t(&format!("import-spend-bad-{}", problem.code()))))
                .collect();
            let html = ErrorsPage { p, problems }.render()?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_is_read_and_every_bad_row_is_named() {
        let good = "channel,month,amount\ngoogle_ads,2025-01,1500.00\nflyers;x\n";
        assert_eq!(
            parse_spend_csv(good.as_bytes()),
            Err(vec![(3, SpendProblem::Columns)])
        );
        let good = "Channel;Month;Amount\ngoogle_ads;2025-01;1.500,50\nflyers;2025-2;0\n";
        let rows = parse_spend_csv(good.as_bytes()).unwrap();
        assert_eq!(rows[0].amount, Money(150_050));
        assert_eq!(rows[1].month, "2025-02");
        let bad = "channel,month,amount\n,2025-01,1\nads,2025-13,1\nads,2025-01,-5\nads,2025-01,1\nads,2025-01,2\n";
        assert_eq!(
            parse_spend_csv(bad.as_bytes()),
            Err(vec![
                (2, SpendProblem::Channel),
                (3, SpendProblem::Month),
                (4, SpendProblem::Amount),
                (6, SpendProblem::Duplicate),
            ])
        );
        assert_eq!(
            parse_spend_csv(b"name,when,what\n"),
            Err(vec![(1, SpendProblem::Header)])
        );
    }
}
