//! `kunde api-key`: create, list and revoke a workspace's API keys from the shell, for
//! scripts and for when nobody is at the settings page.

use crate::config::{Config, ConfigArgs};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use kunde_domain::{Email, NonEmpty, WorkspaceId};
use kunde_store::{ApiKeyKind, Store};

#[derive(Debug, Subcommand)]
pub enum ApiKeyCommand {
    /// Create a key and print it (it is shown only this once).
    Create {
        #[command(flatten)]
        config: ConfigArgs,
        /// The e-mail of a user of the business (its owner, usually).
        #[arg(long)]
        workspace_email: String,
        /// A name to tell the key apart, such as "web shop" or "till".
        #[arg(long)]
        name: String,
        /// secret (for your servers) or publishable (for the web snippet).
        #[arg(long, default_value = "secret")]
        kind: String,
    },
    /// List the business's keys (their first characters only).
    List {
        #[command(flatten)]
        config: ConfigArgs,
        #[arg(long)]
        workspace_email: String,
    },
    /// Revoke a key: it stops working at once.
    Revoke {
        #[command(flatten)]
        config: ConfigArgs,
        #[arg(long)]
        workspace_email: String,
        /// The key's id, as `kunde api-key list` shows it.
        #[arg(long)]
        id: i64,
    },
}

async fn open(config: &ConfigArgs, email: &str) -> Result<(Store, WorkspaceId)> {
    let config = Config::load(config)?;
    let email = Email::parse(email)?;
    let store = Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", config.redacted_database_url()))?;
    let Some(record) = store.find_user_by_email(&email).await? else {
        bail!("no user has the e-mail {email}; give the e-mail of someone in the business");
    };
    Ok((store, record.user.workspace_id))
}

pub async fn run(command: ApiKeyCommand) -> Result<()> {
    let now = (kunde_web::system_clock())();
    match command {
        ApiKeyCommand::Create {
            config,
            workspace_email,
            name,
            kind,
        } => {
            let name = NonEmpty::parse("name", &name)?;
            let Some(kind) = ApiKeyKind::parse(&kind) else {
                bail!("unknown kind '{kind}': use secret or publishable");
            };
            let (store, ws) = open(&config, &workspace_email).await?;
            let (key, plain) = store.create_api_key(ws, &name, kind, None, now).await?;
            store.close().await;
            eprintln!(
                "Created the {} key \"{}\" (id {}). Copy it now; it is shown only this once:",
                kind.code(),
                key.name,
                key.id
            );
            println!("{plain}");
            Ok(())
        }
        ApiKeyCommand::List {
            config,
            workspace_email,
        } => {
            let (store, ws) = open(&config, &workspace_email).await?;
            let keys = store.list_api_keys(ws).await?;
            store.close().await;
            if keys.is_empty() {
                println!("There are no keys yet.");
            }
            for k in keys {
                let status = if k.is_active() { "active" } else { "revoked" };
                println!(
                    "{:>5}  {:<11}  {}…  {:<8}  {}",
                    k.id,
                    k.kind.code(),
                    k.prefix,
                    status,
                    k.name
                );
            }
            Ok(())
        }
        ApiKeyCommand::Revoke {
            config,
            workspace_email,
            id,
        } => {
            let (store, ws) = open(&config, &workspace_email).await?;
            let result = store.revoke_api_key(ws, id, now).await;
            store.close().await;
            result.with_context(|| format!("there is no key {id} in this business"))?;
            println!("Key {id} is revoked; it no longer works.");
            Ok(())
        }
    }
}
