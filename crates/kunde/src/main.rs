//! The `kunde` binary: the command line over the web server, the store and the analytics core.

mod analyze;
mod api_key;
mod config;
mod customer;
mod import;
mod serve;
mod user;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use config::{Config, ConfigArgs};
use kunde_store::{Backend, Store};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kunde",
    version,
    about = "Kunde, the customer-experience workbench for small businesses"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start Kunde (on first visit it asks for the business and its owner).
    Serve(ConfigArgs),
    /// Create the demo business (a bike shop with two years of history), then start Kunde.
    Demo(ConfigArgs),
    /// Create a user (and, for a new business, its workspace) or reset a password.
    User {
        #[command(subcommand)]
        command: user::UserCommand,
    },
    /// Apply pending database migrations and exit.
    Migrate(ConfigArgs),
    /// Write a consistent copy of the database while Kunde runs.
    Backup {
        #[command(flatten)]
        config: ConfigArgs,
        /// Where to write the copy (a SQLite file, or a pg_dump file for PostgreSQL).
        target: PathBuf,
    },
    /// Replace the database with a backup made by `kunde backup` (stop Kunde first), then
    /// erase again every customer erased since the backup was made.
    Restore {
        #[command(flatten)]
        config: ConfigArgs,
        /// The backup file (a SQLite file, or a pg_dump file for PostgreSQL).
        file: PathBuf,
    },
    /// Export or erase one customer's data (privacy requests).
    Customer {
        #[command(subcommand)]
        command: customer::CustomerCommand,
    },
    /// Run the analytics core over a CSV file and print the result.
    Analyze(analyze::AnalyzeArgs),
    /// Create, list or revoke API keys for sending events to Kunde.
    ApiKey {
        #[command(subcommand)]
        command: api_key::ApiKeyCommand,
    },
    /// Import customers, orders, events or marketing spend from a CSV file (all rows or none).
    Import(import::ImportArgs),
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Import(args) => runtime()?.block_on(import::run(args)),
        Command::Serve(args) => runtime()?.block_on(serve::serve(Config::load(&args)?, false)),
        Command::Demo(args) => runtime()?.block_on(serve::serve(Config::load(&args)?, true)),
        Command::User { command } => runtime()?.block_on(user::run(command)),
        Command::ApiKey { command } => runtime()?.block_on(api_key::run(command)),
        Command::Migrate(args) => runtime()?.block_on(async {
            let config = Config::load(&args)?;
            let store = Store::connect(&config.database_url).await?;
            store.close().await;
            println!("migrations applied to {}", config.redacted_database_url());
            Ok(())
        }),
        Command::Restore { config, file } => runtime()?.block_on(async {
            let config = Config::load(&config)?;
            customer::restore(&config, &file).await
        }),
        Command::Customer { command } => runtime()?.block_on(customer::run(command)),
        Command::Backup { config, target } => runtime()?.block_on(async {
            let config = Config::load(&config)?;
            backup(&config, &target).await
        }),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

async fn backup(config: &Config, target: &std::path::Path) -> Result<()> {
    if target.exists() {
        anyhow::bail!(
            "{} already exists: choose a new file name so no backup is overwritten",
            target.display()
        );
    }
    let store = Store::connect(&config.database_url).await?;
    match store.backend() {
        Backend::Sqlite => {
            store
                .backup_sqlite(target)
                .await
                .context("writing the backup")?;
        }
        Backend::Postgres => {
            let status = std::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--file")
                .arg(target)
                .arg(&config.database_url)
                .status()
                .context("running pg_dump (install the PostgreSQL client tools)")?;
            anyhow::ensure!(status.success(), "pg_dump failed with {status}");
        }
    }
    store.close().await;
    println!("backup written to {}", target.display());
    Ok(())
}
