//! `kunde customer`: answer a customer's request from the shell — export everything held about
//! them as a ZIP, or erase their personal data (issue 18) — and `kunde restore`, which puts a
//! backup back and re-applies the erasures made since.

use crate::config::{Config, ConfigArgs};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use kunde_domain::{Customer, Email, Language, WorkspaceId};
use kunde_store::{Actor, AuditEntry, Backend, Store, audit_action};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Write everything held about one customer to a ZIP file (JSON, CSV files, attachments
    /// and a README in the customer's language).
    Export {
        #[command(flatten)]
        config: ConfigArgs,
        /// The e-mail of a user of the business (its owner, usually).
        #[arg(long)]
        workspace_email: String,
        /// The customer's e-mail address.
        #[arg(long)]
        email: String,
        /// The README's language (en, da, sv, tl); the customer's own by default.
        #[arg(long)]
        language: Option<String>,
        /// The ZIP file to write (must not exist).
        file: PathBuf,
    },
    /// Erase one customer's personal data; their anonymous figures stay. Shows what goes and
    /// asks first, unless --yes.
    Erase {
        #[command(flatten)]
        config: ConfigArgs,
        #[arg(long)]
        workspace_email: String,
        #[arg(long)]
        email: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

async fn open(config: &ConfigArgs, workspace_email: &str) -> Result<(Store, WorkspaceId)> {
    let config = Config::load(config)?;
    let email = Email::parse(workspace_email)?;
    let store = Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", config.redacted_database_url()))?;
    let Some(record) = store.find_user_by_email(&email).await? else {
        bail!("no user has the e-mail {email}; give the e-mail of someone in the business");
    };
    Ok((store, record.user.workspace_id))
}

async fn customer(store: &Store, ws: WorkspaceId, email: &str) -> Result<Customer> {
    let email = Email::parse(email)?;
    store
        .customer_by_email(ws, &email)
        .await?
        .with_context(|| format!("this business has no customer with the e-mail {email}"))
}

fn cli_actor() -> Actor {
    Actor::system("kunde CLI")
}

pub async fn run(command: CustomerCommand) -> Result<()> {
    let now = (kunde_web::system_clock())();
    match command {
        CustomerCommand::Export {
            config,
            workspace_email,
            email,
            language,
            file,
        } => {
            if file.exists() {
                bail!("{} already exists: choose a new file name", file.display());
            }
            let (store, ws) = open(&config, &workspace_email).await?;
            let c = customer(&store, ws, &email).await?;
            let language = match language {
                Some(l) => Language::parse(&l)?,
                None => c.language,
            };
            let export = store.customer_export(ws, c.id, now).await?;
            let bytes = kunde_store::export_zip::customer_zip(&export, language)?;
            std::fs::write(&file, &bytes).with_context(|| format!("writing {}", file.display()))?;
            store
                .record_audit(
                    ws,
                    &AuditEntry {
                        at: now,
                        actor: cli_actor(),
                        action: audit_action::CUSTOMER_EXPORT.into(),
                        target_kind: "customer".into(),
                        target_id: Some(c.id.0),
                        detail: format!("customer #{} exported", c.id.0),
                    },
                )
                .await?;
            store.close().await;
            println!(
                "Wrote {} ({} bytes): {} events, {} orders, {} answers, {} cases, {} files.",
                file.display(),
                bytes.len(),
                export.events.len(),
                export.orders.len(),
                export.answers.len(),
                export.cases.len(),
                export.files.len()
            );
            Ok(())
        }
        CustomerCommand::Erase {
            config,
            workspace_email,
            email,
            yes,
        } => {
            let (store, ws) = open(&config, &workspace_email).await?;
            let c = customer(&store, ws, &email).await?;
            let n = store.count_customer_data(ws, c.id).await?;
            println!(
                "Erasing {} (customer #{}) removes their name, e-mail and phone, {} free-text answers, \
                 the texts of {} cases ({} entries), {} attachments, {} e-mails in the outbox, {} visitor links, \
                 {} client-portal documents and {} portal sign-in links and sessions.\n\
                 Kept without personal data: {} events, {} orders, {} survey responses (scores), \
                 {} invoices, membership of {} segments.",
                c.name,
                c.id.0,
                n.text_answers,
                n.cases,
                n.case_entries,
                n.attachments,
                n.emails,
                n.visitor_links,
                n.documents,
                n.portal_sign_ins,
                n.events,
                n.orders,
                n.responses,
                n.invoices,
                n.segments
            );
            if !yes && !confirm("Erase? This cannot be undone. Type yes: ")? {
                store.close().await;
                bail!("nothing was erased");
            }
            store.erase_customer(ws, c.id, &cli_actor(), now).await?;
            store.close().await;
            println!(
                "Customer #{} is erased; a restore of an older backup erases them again.",
                c.id.0
            );
            Ok(())
        }
    }
}

fn confirm(prompt: &str) -> Result<bool> {
    print!("{prompt}");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().eq_ignore_ascii_case("yes"))
}

/// `kunde restore FILE`: replaces the database with a backup made by `kunde backup`, then
/// re-applies every erasure the current database records that the backup does not. Kunde
/// must not be running.
pub async fn restore(config: &Config, backup: &Path) -> Result<()> {
    if !backup.is_file() {
        bail!("{} is not a file", backup.display());
    }
    // The erasure log of the database being replaced, read first.
    let current = Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", config.redacted_database_url()))?;
    let erasures = current.all_erasures().await?;
    let backend = current.backend();
    current.close().await;
    let now = (kunde_web::system_clock())();

    let reapplied = match backend {
        Backend::Sqlite => {
            let db = kunde_store::sqlite_path(&config.database_url)
                .context("the database URL names no SQLite file")?
                .to_path_buf();
            // The backup is copied next to the database and brought up to date there (migrations,
            // erasures), then moved over the database in one rename: the database is never the
            // backup without its erasures.
            let staging = sidecar(&db, "restoring");
            remove_sqlite_files(&staging)?;
            std::fs::copy(backup, &staging)
                .with_context(|| format!("copying {}", backup.display()))?;
            let url = format!("sqlite://{}", staging.display());
            let store = Store::connect(&url)
                .await
                .context("opening the backup (is it a file made by kunde backup?)")?;
            let n = store.reapply_erasures(&erasures, now).await?;
            store.checkpoint_sqlite().await?;
            store.close().await;
            remove_sqlite_files(&db)?;
            std::fs::rename(&staging, &db)
                .with_context(|| format!("moving the restored database to {}", db.display()))?;
            remove_sqlite_files(&staging)?;
            n
        }
        Backend::Postgres => {
            let status = std::process::Command::new("pg_restore")
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                ])
                .arg("--dbname")
                .arg(&config.database_url)
                .arg(backup)
                .status()
                .context("running pg_restore (install the PostgreSQL client tools)")?;
            anyhow::ensure!(
                status.success(),
                "pg_restore failed with {status}; the database is unchanged"
            );
            let store = Store::connect(&config.database_url).await?;
            let n = store.reapply_erasures(&erasures, now).await?;
            store.close().await;
            n
        }
    };
    println!(
        "Restored {} into {}; {} erasure(s) made after the backup applied again.",
        backup.display(),
        config.redacted_database_url(),
        reapplied
    );
    Ok(())
}

/// `kunde.sqlite` → `kunde.sqlite.<suffix>`.
fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a SQLite database's write-ahead log and shared-memory files.
fn remove_sqlite_files(db: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        if path.exists() {
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}
