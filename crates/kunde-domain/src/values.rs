//! Value types whose constructors validate: once you hold an `Email`, it is a plausible address.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value was refused. Each variant maps to a translated message in the web layer; the
/// `Display` text is the English fallback used by the CLI and logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long (at most {max} characters)")]
    TooLong { field: &'static str, max: usize },
    #[error("'{0}' is not a valid e-mail address")]
    Email(String),
    #[error("'{0}' is not a valid phone number")]
    Phone(String),
    #[error("the password must be at least {min} characters")]
    PasswordTooShort { min: usize },
    #[error("'{0}' is not a supported language (use en, da, sv or tl)")]
    Language(String),
    #[error("'{0}' is not a known channel")]
    Channel(String),
    #[error("'{0}' is not a valid amount")]
    Money(String),
    #[error("'{0}' is not a known role (use owner or staff)")]
    Role(String),
    /// Any other rule, named by the key of its translated message (e.g. `mail-error-host`).
    /// New rules use this rather than a variant of their own.
    #[error("invalid value ({0})")]
    Invalid(&'static str),
}

impl ValidationError {
    /// A stable key for the translated message (see the web crate's locales).
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::Empty { .. } => "error-empty",
            Self::TooLong { .. } => "error-too-long",
            Self::Email(_) => "error-email",
            Self::Phone(_) => "error-phone",
            Self::PasswordTooShort { .. } => "error-password-short",
            Self::Language(_) => "error-language",
            Self::Channel(_) => "error-channel",
            Self::Money(_) => "error-money",
            Self::Role(_) => "error-role",
            Self::Invalid(key) => key,
        }
    }
}

/// The message key of [`check_text`]'s refusal.
pub const CONTROL_CHARACTERS: &str = "error-control-characters";

/// Refuses text with control characters (NUL, escape, …), which PostgreSQL cannot store
/// (NUL) and no person types. Free text (`multiline`) may hold line breaks and tabs; a name or
/// title may not.
pub fn check_text(s: &str, multiline: bool) -> Result<(), ValidationError> {
    let allowed = |c: char| multiline && matches!(c, '\n' | '\r' | '\t');
    if s.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(ValidationError::Invalid(CONTROL_CHARACTERS));
    }
    Ok(())
}

/// A trimmed, non-empty string of bounded length (names, titles), without control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonEmpty(String);

impl NonEmpty {
    pub const MAX: usize = 200;

    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ValidationError::Empty { field });
        }
        if s.chars().count() > Self::MAX {
            return Err(ValidationError::TooLong {
                field,
                max: Self::MAX,
            });
        }
        check_text(s, false)?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NonEmpty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address, lower-cased so that uniqueness checks are case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let s = s.trim();
        let bad = || ValidationError::Email(s.to_owned());
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(bad());
        }
        Ok(Self(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A phone number as typed, restricted to digits, spaces and the usual punctuation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let s = s.trim();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let allowed = s
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
        if !allowed || !(5..=20).contains(&digits) || s.len() > 32 {
            return Err(ValidationError::Phone(s.to_owned()));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed at sign-up; only its argon2 hash is ever stored.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN: usize = 8;

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        if s.chars().count() < Self::MIN {
            return Err(ValidationError::PasswordTooShort { min: Self::MIN });
        }
        Ok(Self(s.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// The languages Kunde speaks. Every customer-facing page exists in all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Da,
    Sv,
    Tl,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::En, Language::Da, Language::Sv, Language::Tl];

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Self::En),
            "da" => Ok(Self::Da),
            "sv" => Ok(Self::Sv),
            "tl" | "fil" => Ok(Self::Tl),
            _ => Err(ValidationError::Language(s.to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Da => "da",
            Self::Sv => "sv",
            Self::Tl => "tl",
        }
    }

    /// The language's name in itself, for language pickers.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Da => "Dansk",
            Self::Sv => "Svenska",
            Self::Tl => "Tagalog",
        }
    }
}

/// Where an interaction happens (PRODUCT.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Phone,
    Email,
    InPerson,
    Social,
    ReviewSite,
    Mail,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 8] = [
        Channel::Web,
        Channel::Phone,
        Channel::Email,
        Channel::InPerson,
        Channel::Social,
        Channel::ReviewSite,
        Channel::Mail,
        Channel::Other,
    ];

    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let key = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::ALL
            .into_iter()
            .find(|c| c.code() == key)
            .ok_or_else(|| ValidationError::Channel(s.to_owned()))
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::InPerson => "in_person",
            Self::Social => "social",
            Self::ReviewSite => "review_site",
            Self::Mail => "mail",
            Self::Other => "other",
        }
    }

    /// Whether the channel is usually digital; a touchpoint may override it.
    pub fn is_digital(self) -> bool {
        matches!(
            self,
            Self::Web | Self::Email | Self::Social | Self::ReviewSite
        )
    }
}

/// An amount of money in minor units (øre, öre, sentimo, cents): exact, no floating point.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    /// Parses "1234", "1234.50", "1.234,50" and "1 234,50" (Danish and Swedish style).
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let bad = || ValidationError::Money(s.to_owned());
        let mut t: String = s
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect();
        let negative = t.starts_with('-');
        if negative {
            t.remove(0);
        }
        if t.is_empty() {
            return Err(bad());
        }
        // The last separator followed by one or two digits is the decimal separator; any
        // other separator groups thousands.
        let decimal_at = t.rfind([',', '.']).filter(|&i| {
            let tail = &t[i + 1..];
            (1..=2).contains(&tail.len()) && tail.chars().all(|c| c.is_ascii_digit())
        });
        let (int_part, frac_part) = match decimal_at {
            Some(i) => (&t[..i], &t[i + 1..]),
            None => (t.as_str(), ""),
        };
        let int_digits: String = int_part
            .chars()
            .filter(|c| *c != '.' && *c != ',')
            .collect();
        if int_digits.is_empty() && frac_part.is_empty()
            || !int_digits.chars().all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        let units: i64 = if int_digits.is_empty() {
            0
        } else {
            int_digits.parse().map_err(|_| bad())?
        };
        let frac: i64 = match frac_part.len() {
            0 => 0,
            1 => frac_part.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac_part.parse().map_err(|_| bad())?,
        };
        let minor = units
            .checked_mul(100)
            .and_then(|u| u.checked_add(frac))
            .ok_or_else(bad)?;
        Ok(Money(if negative { -minor } else { minor }))
    }

    pub fn as_major(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// A moment in time as Unix seconds (UTC). Kept as an integer so both databases and the
/// analytics core agree exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

#[cfg(test)]
mod tests {

    #[test]
    fn control_characters_are_refused_in_names_and_text() {
        let refused = Err(ValidationError::Invalid(CONTROL_CHARACTERS));
        assert_eq!(NonEmpty::parse("name", "Ann\0Berg").map(|_| ()), refused);
        assert_eq!(
            NonEmpty::parse("name", "Ann\u{1b}[31m").map(|_| ()),
            refused
        );
        assert_eq!(NonEmpty::parse("name", "Ann\nBerg").map(|_| ()), refused);
        assert!(NonEmpty::parse("name", "Åse Ørsted-Ångström").is_ok());
        assert_eq!(check_text("line one\r\nline two\tend", true), Ok(()));
        assert_eq!(check_text("a\0b", true), refused);
        assert_eq!(
            crate::case_text("note", "x\u{0}y", 100, false).map(|_| ()),
            refused
        );
    }

    use super::*;

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(
            Email::parse(" Mette@Example.DK ").unwrap().as_str(),
            "mette@example.dk"
        );
        for bad in [
            "",
            "mette",
            "mette@",
            "@example.dk",
            "a b@example.dk",
            "a@example",
            "a@.dk",
            "a@x..dk",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn money_reads_danish_swedish_and_english_styles() {
        let cases = [
            ("1234", 123_400),
            ("1234.5", 123_450),
            ("1.234,50", 123_450),
            ("1 234,50", 123_450),
            ("1,234.50", 123_450),
            ("0,99", 99),
            ("-12,00", -1_200),
            ("1.234", 123_400),
        ];
        for (input, minor) in cases {
            assert_eq!(Money::parse(input).unwrap(), Money(minor), "{input}");
        }
        for bad in ["", "abc", "12,3x", "-", "1e5"] {
            assert!(Money::parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(Money(123_450).to_string(), "1234.50");
        assert_eq!(Money(-5).to_string(), "-0.05");
    }

    #[test]
    fn channels_and_languages_round_trip_their_codes() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()).unwrap(), c);
        }
        assert_eq!(Channel::parse("In person").unwrap(), Channel::InPerson);
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()).unwrap(), l);
        }
        assert!(Language::parse("de").is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(NonEmpty::parse("name", "  Bo ").unwrap().as_str(), "Bo");
        assert!(NonEmpty::parse("name", "   ").is_err());
        assert!(NonEmpty::parse("name", &"x".repeat(201)).is_err());
        assert!(Phone::parse("+45 12 34 56 78").is_ok());
        assert!(Phone::parse("call me").is_err());
        assert!(Password::parse("short").is_err());
    }
}
