//! Reviews from review sites: a Google Business Profile or Trustpilot export, or a generic
//! CSV (`source,author,rating,text,date,url`), read into [`ReviewRecord`]s. Column names are
//! matched without regard to case and spacing, with the names those exports usually use;
//! every bad row is rejected with its line and reason (the caller imports all or nothing).

use crate::table::Table;
use crate::values::parse_datetime;
use std::fmt;

/// Which export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewPreset {
    Google,
    Trustpilot,
    Generic,
}

impl ReviewPreset {
    pub const ALL: [ReviewPreset; 3] = [Self::Google, Self::Trustpilot, Self::Generic];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == s.trim())
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Google => "google",
            Self::Trustpilot => "trustpilot",
            Self::Generic => "generic",
        }
    }

    /// The source a review of this preset is recorded under (the generic file names its own).
    fn source(self) -> Option<&'static str> {
        match self {
            Self::Google => Some("google"),
            Self::Trustpilot => Some("trustpilot"),
            Self::Generic => None,
        }
    }

    /// The accepted column names of each field, in order of preference.
    fn columns(self, field: Col) -> &'static [&'static str] {
        use Col::*;
        match (self, field) {
            (Self::Google, Id) => &["review id", "reviewid", "review_id", "id"],
            (Self::Google, Author) => &[
                "reviewer",
                "reviewer name",
                "reviewer.displayname",
                "author",
                "name",
            ],
            (Self::Google, Rating) => &["star rating", "starrating", "rating", "stars"],
            (Self::Google, Title) => &[],
            (Self::Google, Text) => &["comment", "review text", "review", "text"],
            (Self::Google, Date) => &[
                "create time",
                "createtime",
                "date",
                "review date",
                "published",
            ],
            (Self::Google, Url) => &["review url", "url", "link"],
            (Self::Google, Email) => &[],
            (Self::Trustpilot, Id) => &["review id", "reviewid", "id"],
            (Self::Trustpilot, Author) => &["consumer name", "reviewer name", "author", "name"],
            (Self::Trustpilot, Rating) => &["review stars", "stars", "rating"],
            (Self::Trustpilot, Title) => &["review title", "title"],
            (Self::Trustpilot, Text) => &["review content", "review text", "content", "text"],
            (Self::Trustpilot, Date) => {
                &["review created (utc)", "review created", "created", "date"]
            }
            (Self::Trustpilot, Url) => &["review url", "url", "link"],
            (Self::Trustpilot, Email) => &["consumer email", "email"],
            (Self::Generic, Id) => &["id", "review id"],
            (Self::Generic, Author) => &["author"],
            (Self::Generic, Rating) => &["rating"],
            (Self::Generic, Title) => &[],
            (Self::Generic, Text) => &["text"],
            (Self::Generic, Date) => &["date"],
            (Self::Generic, Url) => &["url"],
            (Self::Generic, Email) => &["email"],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Author,
    Rating,
    Title,
    Text,
    Date,
    Url,
    Email,
}

/// One review as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRecord {
    pub line: u64,
    /// `google`, `trustpilot` or what a generic file names (lower case).
    pub source: String,
    pub external_id: Option<String>,
    pub author: String,
    pub email: Option<String>,
    /// 1 to 5 stars.
    pub rating: u8,
    pub text: String,
    pub reviewed_at: i64,
    pub url: Option<String>,
}

/// Why a row or file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewProblem {
    /// The file has no column for this field (its accepted names are listed).
    MissingColumn(&'static str),
    MissingSource,
    BadRating(String),
    BadDate(String),
}

impl ReviewProblem {
    /// A stable key for the translated message.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::MissingColumn(_) => "reviews-error-column",
            Self::MissingSource => "reviews-error-source",
            Self::BadRating(_) => "reviews-error-rating",
            Self::BadDate(_) => "reviews-error-date",
        }
    }

    /// The value the message names (a column or the bad cell).
    pub fn value(&self) -> &str {
        match self {
            Self::MissingColumn(c) => c,
            Self::MissingSource => "",
            Self::BadRating(v) | Self::BadDate(v) => v,
        }
    }
}

impl fmt::Display for ReviewProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingColumn(c) => write!(f, "the file has no '{c}' column"),
            Self::MissingSource => write!(f, "the source is empty"),
            Self::BadRating(v) => write!(f, "'{v}' is not a rating from 1 to 5"),
            Self::BadDate(v) => write!(f, "'{v}' is not a date"),
        }
    }
}

/// A refused row (line 1 is the header: a missing column is reported there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRejection {
    pub line: u64,
    pub problem: ReviewProblem,
}

impl fmt::Display for ReviewRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A star rating: "4", "4.0", "4/5", or Google's "FOUR".
fn parse_rating(s: &str) -> Option<u8> {
    let s = s.trim();
    let word = match s.to_ascii_uppercase().as_str() {
        "ONE" => Some(1),
        "TWO" => Some(2),
        "THREE" => Some(3),
        "FOUR" => Some(4),
        "FIVE" => Some(5),
        _ => None,
    };
    let n = word.or_else(|| {
        let number = s.split('/').next()?.trim().replace(',', ".");
        let x: f64 = number.parse().ok()?;
        (x.fract() == 0.0).then_some(x as u8)
    })?;
    (1..=5).contains(&n).then_some(n)
}

/// Reads every data row of `table` as a review; all rows or the rejections.
pub fn parse_reviews(
    table: &Table,
    preset: ReviewPreset,
) -> Result<Vec<ReviewRecord>, Vec<ReviewRejection>> {
    let headers: Vec<String> = table.headers.iter().map(|h| normal(h)).collect();
    let find = |col: Col| {
        preset
            .columns(col)
            .iter()
            .find_map(|name| headers.iter().position(|h| h == name))
    };
    let required = |col: Col| {
        find(col).ok_or_else(|| {
            vec![ReviewRejection {
                line: 1,
                problem: ReviewProblem::MissingColumn(preset.columns(col)[0]),
            }]
        })
    };
    let rating_col = required(Col::Rating)?;
    let date_col = required(Col::Date)?;
    let source_col = match preset {
        ReviewPreset::Generic => {
            Some(headers.iter().position(|h| h == "source").ok_or_else(|| {
                vec![ReviewRejection {
                    line: 1,
                    problem: ReviewProblem::MissingColumn("source"),
                }]
            })?)
        }
        _ => None,
    };
    let (id, author, title, text, url, email) = (
        find(Col::Id),
        find(Col::Author),
        find(Col::Title),
        find(Col::Text),
        find(Col::Url),
        find(Col::Email),
    );
    let mut records = Vec::new();
    let mut rejections = Vec::new();
    for row in table.data_rows() {
        let cell = |i: Option<usize>| {
            i.and_then(|i| row.cells.get(i))
                .map(|c| c.trim().to_owned())
                .unwrap_or_default()
        };
        let optional = |i: Option<usize>| Some(cell(i)).filter(|c| !c.is_empty());
        let reject = |problem| ReviewRejection {
            line: row.line,
            problem,
        };
        let source = match (preset.source(), source_col) {
            (Some(s), _) => s.to_owned(),
            (None, col) => cell(col).to_lowercase(),
        };
        if source.is_empty() {
            rejections.push(reject(ReviewProblem::MissingSource));
            continue;
        }
        let raw_rating = cell(Some(rating_col));
        let Some(rating) = parse_rating(&raw_rating) else {
            rejections.push(reject(ReviewProblem::BadRating(raw_rating)));
            continue;
        };
        let raw_date = cell(Some(date_col));
        let Some(reviewed_at) = parse_datetime(&raw_date) else {
            rejections.push(reject(ReviewProblem::BadDate(raw_date)));
            continue;
        };
        let text = match (optional(title), optional(text)) {
            (Some(t), Some(body)) => format!("{t}\n{body}"),
            (t, body) => t.or(body).unwrap_or_default(),
        };
        records.push(ReviewRecord {
            line: row.line,
            source,
            external_id: optional(id),
            author: cell(author),
            email: optional(email),
            rating,
            text,
            reviewed_at,
            url: optional(url),
        });
    }
    if rejections.is_empty() {
        Ok(records)
    } else {
        Err(rejections)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_table;

    fn parse(csv: &str, preset: ReviewPreset) -> Result<Vec<ReviewRecord>, Vec<ReviewRejection>> {
        parse_reviews(&read_table(csv.as_bytes()).unwrap(), preset)
    }

    #[test]
    fn a_trustpilot_export_is_read_with_its_own_column_names() {
        let csv = "Review Id,Review Created (UTC),Review Stars,Review Title,Review Content,Consumer Name,Consumer Email\n\
                   abc1,2026-02-03 10:00:00,2,Slow,Waited two weeks,Ann Andersen,ann@example.com\n";
        let r = parse(csv, ReviewPreset::Trustpilot).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].source, "trustpilot");
        assert_eq!(r[0].external_id.as_deref(), Some("abc1"));
        assert_eq!(r[0].rating, 2);
        assert_eq!(r[0].text, "Slow\nWaited two weeks");
        assert_eq!(r[0].email.as_deref(), Some("ann@example.com"));
        assert_eq!(r[0].reviewed_at, 1_770_112_800);
    }

    #[test]
    fn google_star_words_and_generic_sources_are_understood() {
        let g = "Reviewer,Star rating,Comment,Create time,Review ID\nBo,FIVE,Great,2026-01-02,g1\n";
        assert_eq!(parse(g, ReviewPreset::Google).unwrap()[0].rating, 5);
        let generic =
            "source,author,rating,text,date,url\nYelp,Cy,4/5,Nice,02.01.2026,https://x.test/r\n";
        let r = parse(generic, ReviewPreset::Generic).unwrap();
        assert_eq!((r[0].source.as_str(), r[0].rating), ("yelp", 4));
        assert_eq!(r[0].url.as_deref(), Some("https://x.test/r"));
    }

    #[test]
    fn every_bad_row_is_named_and_a_missing_column_refuses_the_file() {
        let csv = "source,author,rating,text,date,url\n\
                   google,Ann,6,Too good,2026-01-01,\n\
                   google,Bo,3,Fine,yesterday,\n\
                   ,Cy,3,Fine,2026-01-01,\n\
                   google,Di,3,Fine,2026-01-01,\n";
        let e = parse(csv, ReviewPreset::Generic).unwrap_err();
        assert_eq!(
            e,
            vec![
                ReviewRejection {
                    line: 2,
                    problem: ReviewProblem::BadRating("6".into())
                },
                ReviewRejection {
                    line: 3,
                    problem: ReviewProblem::BadDate("yesterday".into())
                },
                ReviewRejection {
                    line: 4,
                    problem: ReviewProblem::MissingSource
                },
            ]
        );
        let e = parse("author,text\nAnn,Hi\n", ReviewPreset::Google).unwrap_err();
        assert_eq!(e[0].problem, ReviewProblem::MissingColumn("star rating"));
    }
}
