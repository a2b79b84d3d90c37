//! `kunde user`: create a user, or a new business with its owner, and reset passwords from the
//! shell — the way in when nobody can sign in any more.

use crate::config::{Config, ConfigArgs};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use kunde_domain::*;
use kunde_store::Store;
use kunde_web::auth::hash_password;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user in a business; a business name not known yet creates that business.
    Create {
        #[command(flatten)]
        config: ConfigArgs,
        /// The business's name.
        #[arg(long)]
        workspace: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// owner or staff.
        #[arg(long, default_value = "staff")]
        role: String,
        /// en, da, sv or tl.
        #[arg(long, default_value = "da")]
        language: String,
        /// Read the password from this variable instead of asking for it.
        #[arg(long, value_name = "VARIABLE")]
        password_env: Option<String>,
    },
    /// Set a new password for a user (and end their sessions).
    ResetPassword {
        #[command(flatten)]
        config: ConfigArgs,
        #[arg(long)]
        email: String,
        #[arg(long, value_name = "VARIABLE")]
        password_env: Option<String>,
    },
}

fn read_password(env: Option<&str>) -> Result<Password> {
    let raw = match env {
        Some(var) => std::env::var(var).with_context(|| format!("variable {var} is not set"))?,
        None => rpassword::prompt_password("Password: ").context("reading the password")?,
    };
    Password::parse(&raw).map_err(|e| anyhow::anyhow!("{e}"))
}

pub async fn run(command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Create {
            config,
            workspace,
            name,
            email,
            role,
            language,
            password_env,
        } => {
            let config = Config::load(&config)?;
            let name = NonEmpty::parse("name", &name)?;
            let email = Email::parse(&email)?;
            let role = Role::parse(&role)?;
            let language = Language::parse(&language)?;
            let business = NonEmpty::parse("workspace", &workspace)?;
            let password = read_password(password_env.as_deref())?;
            let store = Store::connect(&config.database_url).await?;
            let hash = hash_password(&password);
            let now = (kunde_web::system_clock())();
            let user = NewUser {
                name,
                email,
                role,
                language,
                password: None,
            };
            let existing = store
                .list_workspaces()
                .await?
                .into_iter()
                .find(|w| w.name == business.as_str());
            match existing {
                Some(ws) => {
                    store
                        .create_user(ws.id, &user, Some(&hash), None, now)
                        .await?;
                    println!("{} can now sign in to {}.", user.email, ws.name);
                }
                None => {
                    if role != Role::Owner {
                        bail!(
                            "there is no business called '{workspace}'; create it with --role owner"
                        );
                    }
                    let new = NewWorkspace {
                        name: business,
                        default_language: language,
                        currency: "DKK".into(),
                    };
                    let (ws, _) = store.create_workspace(&new, &user, &hash, now).await?;
                    println!("Created {} with {} as its owner.", ws.name, user.email);
                }
            }
            store.close().await;
            Ok(())
        }
        UserCommand::ResetPassword {
            config,
            email,
            password_env,
        } => {
            let config = Config::load(&config)?;
            let email = Email::parse(&email)?;
            let password = read_password(password_env.as_deref())?;
            let store = Store::connect(&config.database_url).await?;
            let Some(record) = store.find_user_by_email(&email).await? else {
                bail!("no user has the e-mail {email}");
            };
            store
                .set_password(
                    record.user.workspace_id,
                    record.user.id,
                    &hash_password(&password),
                )
                .await?;
            store.close().await;
            println!("The password of {email} is changed; their other sessions have ended.");
            Ok(())
        }
    }
}
