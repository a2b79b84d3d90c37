//! Kunde's outgoing e-mail. [`send`] delivers one [`Mail`] through the business's SMTP server
//! ([`SmtpSettings`]) with lettre over rustls; it does nothing else — queueing, retries and the
//! choice of recipients belong to the store's outbox and the web layer.
//!
//! With the `testing` feature, [`testing::SmtpSink`] runs a real SMTP server process (Python's
//! `aiosmtpd`) on a loopback port and reads back what it received, so tests check real SMTP
//! traffic rather than a mock transport.

#[cfg(feature = "testing")]
pub mod testing;

use lettre::message::header::{self, ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

pub use kunde_domain::mail::{Mail, Security, SmtpSettings};

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// An address or header could not be used; sending again will not help.
    #[error("the message cannot be sent: {0}")]
    Message(String),
    /// The server refused or could not be reached; worth retrying later.
    #[error("the mail server did not take the message: {0}")]
    Transport(String),
    /// The server refused the message for good (an SMTP 5xx answer, such as an unknown
    /// mailbox); sending the same message again will not help.
    #[error("the mail server refused the message: {0}")]
    Refused(String),
}

impl MailError {
    /// Whether retrying later could succeed.
    pub fn is_permanent(&self) -> bool {
        matches!(self, Self::Message(_) | Self::Refused(_))
    }
}

/// How long one connection attempt and each SMTP command may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A file sent with a message (the monthly report's PDF).
#[derive(Debug, Clone, Copy)]
pub struct Attachment<'a> {
    pub name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// Sends `mail` through the server in `settings`.
pub async fn send(settings: &SmtpSettings, mail: &Mail) -> Result<(), MailError> {
    send_with(settings, mail, None).await
}

/// Sends `mail` with an optional file attached.
pub async fn send_with(
    settings: &SmtpSettings,
    mail: &Mail,
    attachment: Option<Attachment<'_>>,
) -> Result<(), MailError> {
    let message = build_message(settings, mail, attachment)?;
    let transport = transport(settings)?;
    transport.send(message).await.map_err(|e| {
        if e.is_permanent() {
            MailError::Refused(e.to_string())
        } else {
            MailError::Transport(e.to_string())
        }
    })?;
    Ok(())
}

/// The `List-Unsubscribe` header (RFC 2369), which lettre has no type for.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl header::Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// The `List-Unsubscribe-Post` header (RFC 8058): the unsubscribe address takes a one-click
/// POST with the body `List-Unsubscribe=One-Click`, without a session or a form token, so a
/// mail program's "Unsubscribe" button works without opening a page.
#[derive(Clone)]
struct ListUnsubscribePost;

impl header::Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

fn mailbox(name: Option<&str>, address: &str) -> Result<Mailbox, MailError> {
    let address = address
        .trim()
        .parse()
        .map_err(|e| MailError::Message(format!("address '{address}': {e}")))?;
    Ok(Mailbox::new(
        name.map(str::trim)
            .filter(|n| !n.is_empty())
            .map(String::from),
        address,
    ))
}

fn build_message(
    settings: &SmtpSettings,
    mail: &Mail,
    attachment: Option<Attachment<'_>>,
) -> Result<Message, MailError> {
    let mut builder = Message::builder()
        .from(mailbox(Some(&settings.from_name), &settings.from_address)?)
        .to(mailbox(mail.to_name.as_deref(), &mail.to)?)
        .subject(mail.subject.clone());
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(mailbox(None, reply_to)?);
    }
    if let Some(url) = &mail.unsubscribe_url {
        builder = builder
            .header(ListUnsubscribe(format!("<{url}>")))
            .header(ListUnsubscribePost);
    }
    let built = match (&mail.html, attachment) {
        (Some(html), None) => builder.multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            html.clone(),
        )),
        (None, None) => builder
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone()),
        (html, Some(file)) => {
            let body = match html {
                Some(html) => MultiPart::alternative_plain_html(mail.text.clone(), html.clone()),
                None => MultiPart::mixed().singlepart(SinglePart::plain(mail.text.clone())),
            };
            let content_type = ContentType::parse(file.content_type)
                .map_err(|e| MailError::Message(format!("attachment type: {e}")))?;
            builder.multipart(
                MultiPart::mixed().multipart(body).singlepart(
                    lettre::message::Attachment::new(file.name.to_owned())
                        .body(file.bytes.to_vec(), content_type),
                ),
            )
        }
    };
    built.map_err(|e| MailError::Message(e.to_string()))
}

fn transport(settings: &SmtpSettings) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
    let host = settings.host.trim();
    let builder = match settings.security {
        Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
            .map_err(|e| MailError::Message(e.to_string()))?,
        Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
            .map_err(|e| MailError::Message(e.to_string()))?,
    };
    let mut builder = builder.port(settings.port).timeout(Some(TIMEOUT));
    if let Some(user) = settings.username.as_deref().filter(|u| !u.is_empty()) {
        builder = builder.credentials(Credentials::new(
            user.to_owned(),
            settings.password.clone().unwrap_or_default(),
        ));
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SmtpSettings {
        SmtpSettings {
            host: "127.0.0.1".into(),
            port: 2525,
            security: Security::None,
            username: None,
            password: None,
            from_address: "butik@example.dk".into(),
            from_name: "Cykelværkstedet".into(),
        }
    }

    #[test]
    fn a_bad_recipient_is_a_permanent_error() {
        let mail = Mail {
            to: "not an address".into(),
            subject: "Hej".into(),
            text: "Tak".into(),
            ..Mail::default()
        };
        let e = build_message(&settings(), &mail, None).unwrap_err();
        assert!(e.is_permanent(), "{e}");
    }

    #[test]
    fn headers_carry_unsubscribe_and_non_ascii_subject() {
        let mail = Mail {
            to: "kunde@example.dk".into(),
            to_name: Some("Søren Æbelø".into()),
            subject: "Hvordan gik dit besøg?".into(),
            text: "Svar her".into(),
            unsubscribe_url: Some("https://kunde.example/u/abc".into()),
            ..Mail::default()
        };
        let raw = String::from_utf8(build_message(&settings(), &mail, None).unwrap().formatted())
            .unwrap();
        assert!(
            raw.contains("List-Unsubscribe: <https://kunde.example/u/abc>"),
            "{raw}"
        );
        assert!(
            raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{raw}"
        );
        // Non-ASCII header text is encoded (RFC 2047), never sent raw.
        assert!(!raw.contains("besøg"), "{raw}");
    }
}
