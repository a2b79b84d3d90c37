//! E-mail as the domain sees it: how to reach the business's SMTP server and what one message
//! says. Sending is `kunde-mail`'s job; queueing is the store's (the outbox).

use crate::ValidationError;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Plain text; only for a server on the same machine or a test server.
    None,
    /// STARTTLS on the submission port (587), the common case.
    #[default]
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl Security {
    pub const ALL: [Security; 3] = [Security::StartTls, Security::Tls, Security::None];

    pub fn code(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::StartTls => "starttls",
            Self::Tls => "tls",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "none" => Some(Self::None),
            "starttls" => Some(Self::StartTls),
            "tls" => Some(Self::Tls),
            _ => None,
        }
    }
}

/// The business's outgoing mail server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender address every message carries.
    pub from_address: String,
    /// The sender name, usually the business's name.
    pub from_name: String,
}

impl SmtpSettings {
    /// Checks what can be checked without a connection.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.host.trim().is_empty() || self.host.contains(char::is_whitespace) {
            return Err(ValidationError::Invalid("mail-error-host"));
        }
        if self.port == 0 {
            return Err(ValidationError::Invalid("mail-error-port"));
        }
        crate::Email::parse(&self.from_address)?;
        Ok(())
    }
}

/// One message to one recipient. Plain text always; HTML optionally.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mail {
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// Put in a `List-Unsubscribe` header, so mail programs offer a one-click way out.
    pub unsubscribe_url: Option<String>,
    pub reply_to: Option<String>,
}

impl Mail {
    pub fn validate(&self) -> Result<(), ValidationError> {
        crate::Email::parse(&self.to)?;
        if self.subject.trim().is_empty() {
            return Err(ValidationError::Invalid("mail-error-subject"));
        }
        if let Some(r) = &self.reply_to {
            crate::Email::parse(r)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SmtpSettings {
        SmtpSettings {
            host: "smtp.example.dk".into(),
            port: 587,
            security: Security::StartTls,
            username: None,
            password: None,
            from_address: "butik@example.dk".into(),
            from_name: "Butikken".into(),
        }
    }

    #[test]
    fn settings_are_checked() {
        assert!(settings().validate().is_ok());
        let bad_host = SmtpSettings {
            host: "smtp example".into(),
            ..settings()
        };
        assert_eq!(
            bad_host.validate().unwrap_err().message_key(),
            "mail-error-host"
        );
        let bad_from = SmtpSettings {
            from_address: "not an address".into(),
            ..settings()
        };
        assert!(bad_from.validate().is_err());
        for s in Security::ALL {
            assert_eq!(Security::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn mail_needs_recipient_and_subject() {
        let m = Mail {
            to: "kunde@example.dk".into(),
            subject: "Hej".into(),
            text: "Tak".into(),
            ..Mail::default()
        };
        assert!(m.validate().is_ok());
        assert!(
            Mail {
                subject: " ".into(),
                ..m.clone()
            }
            .validate()
            .is_err()
        );
        assert!(
            Mail {
                to: "x".into(),
                ..m
            }
            .validate()
            .is_err()
        );
    }
}
