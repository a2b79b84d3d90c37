//! Sends real messages to a real SMTP server process and reads them back.

use kunde_mail::testing::SmtpSink;
use kunde_mail::{Mail, MailError, send};

#[tokio::test]
async fn a_message_arrives_with_its_text_decoded() {
    let sink = SmtpSink::start();
    let mail = Mail {
        to: "soeren@example.dk".into(),
        to_name: Some("Søren".into()),
        subject: "Hvordan gik dit besøg på værkstedet?".into(),
        text: "Kære Søren\n\nTak for dit besøg. Svar her: https://kunde.example/s/i/abc\n".into(),
        html: Some("<p>Kære Søren</p>".into()),
        unsubscribe_url: Some("https://kunde.example/u/xyz".into()),
        reply_to: Some("svar@example.dk".into()),
    };
    send(&sink.settings(), &mail).await.expect("sent");
    let got = sink.wait_for(1).await;
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.to, vec!["soeren@example.dk".to_owned()]);
    assert_eq!(m.from, "kunde@example.test");
    assert_eq!(m.subject, "Hvordan gik dit besøg på værkstedet?");
    assert!(m.text.contains("Tak for dit besøg"), "{}", m.text);
    assert!(m.text.contains("https://kunde.example/s/i/abc"));
    assert_eq!(m.html.as_deref().map(str::trim), Some("<p>Kære Søren</p>"));
    assert_eq!(
        m.list_unsubscribe.as_deref(),
        Some("<https://kunde.example/u/xyz>")
    );
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_retryable_error() {
    let sink = SmtpSink::start();
    let mut settings = sink.settings();
    drop(sink);
    settings.port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mail = Mail {
        to: "a@example.dk".into(),
        subject: "x".into(),
        text: "y".into(),
        ..Mail::default()
    };
    let e = send(&settings, &mail).await.unwrap_err();
    assert!(matches!(e, MailError::Transport(_)), "{e}");
    assert!(!e.is_permanent());
}
