//! A real SMTP server for tests: Python's `aiosmtpd` (`pip install aiosmtpd`) as a child
//! process on a free loopback port, storing every message it accepts in a Maildir that
//! [`SmtpSink::received`] reads back and parses.

use crate::{Security, SmtpSettings};
use mail_parser::MimeHeaders;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope sender (`MAIL FROM`).
    pub from: String,
    /// The envelope recipients (`RCPT TO`).
    pub to: Vec<String>,
    pub subject: String,
    /// The plain-text body, decoded.
    pub text: String,
    /// The HTML body, decoded, when there is one.
    pub html: Option<String>,
    /// The `List-Unsubscribe` header, when there is one.
    pub list_unsubscribe: Option<String>,
    /// Attached files: their names and decoded contents.
    pub attachments: Vec<(String, Vec<u8>)>,
    /// The whole message as it arrived.
    pub raw: String,
}

/// An `aiosmtpd` handler that stores like `Mailbox` and refuses `refused…` recipients.
const REFUSING_HANDLER: &str = "\
from aiosmtpd.handlers import Mailbox

class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith('refused'):
            return '550 5.1.1 no such mailbox here'
        envelope.rcpt_tos.append(address)
        return '250 OK'
";

/// A running SMTP server; stopped when dropped.
pub struct SmtpSink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

/// Whether an SMTP server answers on the port: it must send its `220` greeting.
fn greets(port: u16) -> bool {
    use std::io::{BufRead, BufReader, Write};
    let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut line = String::new();
    let greeted = BufReader::new(&stream)
        .read_line(&mut line)
        .is_ok_and(|_| line.starts_with("220"));
    let _ = (&stream).write_all(b"QUIT\r\n");
    greeted
}

impl SmtpSink {
    /// Starts the server and waits until it greets like an SMTP server.
    ///
    /// The free port is found by binding port 0 and letting go of it, so another test may
    /// take it before Python binds it: then the server exits (address in use), or the
    /// readiness probe reaches the other test's socket and hears no SMTP greeting. Either way
    /// it tries again on a new port, a few times.
    ///
    /// Panics with instructions when `python3 -m aiosmtpd` is not available.
    pub fn start() -> Self {
        Self::start_with("aiosmtpd.handlers.Mailbox")
    }

    /// Like [`SmtpSink::start`], but the server refuses every recipient whose address starts
    /// with `refused` with a permanent `550` (an unknown mailbox), as a real server refuses
    /// an address that does not exist.
    pub fn start_refusing() -> Self {
        Self::start_with("kunde_sink.RefusingMailbox")
    }

    fn start_with(handler: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::write(dir.path().join("kunde_sink.py"), REFUSING_HANDLER)
            .expect("writing the test handler");
        for _ in 0..5 {
            let port = {
                let l = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
                l.local_addr().expect("local address").port()
            };
            let maildir = dir.path().join("mail");
            let mut child = Command::new("python3")
                .args(["-m", "aiosmtpd", "-n", "-l"])
                .arg(format!("127.0.0.1:{port}"))
                .args(["-c", handler])
                .env("PYTHONPATH", dir.path())
                .arg(&maildir)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("starting python3 -m aiosmtpd (install it with `pip install aiosmtpd`)");
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                if greets(port) {
                    return Self { child, port, dir };
                }
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if Instant::now() >= deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let python = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .status();
        match python {
            Ok(s) if s.success() => {
                panic!("the test SMTP server (python3 -m aiosmtpd) did not start listening")
            }
            _ => panic!(
                "the test SMTP server needs python3 with aiosmtpd; install it with `pip install aiosmtpd`"
            ),
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Settings that send to this server (plain SMTP, no login).
    pub fn settings(&self) -> SmtpSettings {
        SmtpSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            security: Security::None,
            username: None,
            password: None,
            from_address: "kunde@example.test".into(),
            from_name: "Kunde test".into(),
        }
    }

    fn new_dir(&self) -> PathBuf {
        self.dir.path().join("mail").join("new")
    }

    /// Every message received so far, in the order they arrived.
    pub fn received(&self) -> Vec<Received> {
        let Ok(entries) = std::fs::read_dir(self.new_dir()) else {
            return Vec::new();
        };
        let mut files: Vec<(std::time::SystemTime, String, PathBuf)> = entries
            .filter_map(|e| e.ok())
            .map(|e| {
                let modified = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                (
                    modified,
                    e.file_name().to_string_lossy().into_owned(),
                    e.path(),
                )
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, _, path)| std::fs::read(path).ok())
            .map(|raw| parse(&raw))
            .collect()
    }

    /// Waits (up to 20 s) until at least `n` messages have arrived and returns all of them.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} messages at the test SMTP server, got {}: {:#?}",
                got.len(),
                got.iter().map(|m| &m.subject).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn parse(raw: &[u8]) -> Received {
    let message = mail_parser::MessageParser::default().parse(raw);
    let header = |name: &str| {
        message
            .as_ref()
            .and_then(|m| m.header_raw(name))
            .map(|v| v.trim().to_owned())
    };
    Received {
        from: header("X-MailFrom").unwrap_or_default(),
        to: header("X-RcptTo")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        subject: message
            .as_ref()
            .and_then(|m| m.subject())
            .unwrap_or_default()
            .to_owned(),
        text: message
            .as_ref()
            .and_then(|m| m.body_text(0))
            .map(|t| t.into_owned())
            .unwrap_or_default(),
        html: message
            .as_ref()
            .filter(|m| m.html_body_count() > 0)
            .and_then(|m| m.body_html(0))
            .map(|t| t.into_owned()),
        list_unsubscribe: header("List-Unsubscribe"),
        attachments: message
            .as_ref()
            .map(|m| {
                m.attachments()
                    .map(|a| {
                        (
                            a.attachment_name().unwrap_or_default().to_owned(),
                            a.contents().to_vec(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        raw: String::from_utf8_lossy(raw).into_owned(),
    }
}
