//! `kunde import customers|orders|events|spend|reviews|invoices FILE`: the CSV import from the shell, with a
//! progress bar on stderr. Every row is checked first; if any is rejected, the report lists
//! each with its line number and reason, nothing is stored, and the exit code is non-zero.
//! `spend` reads marketing spend as `channel,month,amount` (the Channels page's figures).
//! Reviews (`--preset google|trustpilot|generic`) go through the same path as the reviews
//! page (`kunde_web::import_review_file`); invoices
//! (`number,customer_email,issued,due,amount,paid_at`) through the import page's path
//! (`kunde_web::import::import_invoice_file`): all or nothing, a known number updated.

use crate::config::{Config, ConfigArgs};
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use kunde_domain::{Email, Role};
use kunde_import::ReviewPreset;
use kunde_import::{Kind, Mapping, Preset, read_table};
use kunde_store::{BulkControl, Store, StoreError};
use kunde_web::{ReviewFileError, importing};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Customers,
    Orders,
    Events,
    /// Marketing spend: `channel,month,amount`, one row per channel and month.
    Spend,
    /// Reviews from a review site: `--preset google|trustpilot|generic`.
    Reviews,
    /// Invoices from an accounting export: `number,customer_email,issued,due,amount,paid_at`.
    Invoices,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PresetArg {
    Generic,
    Shopify,
    /// A Google Business Profile review export (reviews only).
    Google,
    /// A Trustpilot review export (reviews only).
    Trustpilot,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// What the file holds.
    pub kind: KindArg,
    /// The CSV file (comma, semicolon or tab separated; UTF-8 or Windows-1252).
    pub file: PathBuf,
    /// The e-mail of the owner of the business to import into.
    #[arg(long)]
    pub workspace_email: String,
    /// Column names of a known export.
    #[arg(long, value_enum, default_value = "generic")]
    pub preset: PresetArg,
    /// Column mapping on top of the preset: "Header=field,Other header=field" ("=ignore"
    /// drops a column).
    #[arg(long)]
    pub map: Option<String>,
    /// Check every row and report, but store nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(args: ImportArgs) -> Result<()> {
    let kind = match args.kind {
        KindArg::Customers => Kind::Customers,
        KindArg::Orders => Kind::Orders,
        KindArg::Events => Kind::Events,
        KindArg::Spend => return import_spend(&args).await,
        KindArg::Reviews => return run_reviews(args).await,
        KindArg::Invoices => return import_invoices(&args).await,
    };
    let preset = match args.preset {
        PresetArg::Generic => Preset::Generic,
        PresetArg::Shopify => Preset::Shopify,
        PresetArg::Google | PresetArg::Trustpilot => {
            bail!("--preset google and trustpilot are for reviews")
        }
    };
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("opening {}", args.file.display()))?;
    let table = read_table(std::io::BufReader::new(file))
        .with_context(|| format!("reading {}", args.file.display()))?;
    let mut mapping = Mapping::preset(kind, preset, &table);
    if let Some(spec) = &args.map {
        mapping = mapping.with_spec(kind, &table, spec)?;
    }
    eprintln!("columns: {}", mapping.describe(&table));
    mapping.check(kind)?;

    let config = Config::load(&args.config)?;
    let store = Store::connect(&config.database_url).await?;
    let result = import(&store, kind, &table, &mapping, &args).await;
    store.close().await;
    result
}

/// The owner's workspace named by `--workspace-email`.
async fn owners_workspace(store: &Store, email: &str) -> Result<kunde_domain::Workspace> {
    let email = Email::parse(email)?;
    let owner = match store.find_user_by_email(&email).await? {
        Some(record) if record.user.role == Role::Owner => record.user,
        _ => bail!("no owner with e-mail {email}: give the e-mail of the business's owner"),
    };
    Ok(store.get_workspace(owner.workspace_id).await?)
}

/// `kunde import invoices FILE`: every row or none; an invoice number already known for the
/// same customer is updated, never added twice.
async fn import_invoices(args: &ImportArgs) -> Result<()> {
    use kunde_web::import::{InvoiceFileError, import_invoice_file, parse_invoice_csv};
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let report = |problems: &[(u64, kunde_web::import::InvoiceProblem)]| {
        eprintln!("{} rows rejected; nothing was imported:", problems.len());
        for (line, problem) in problems {
            eprintln!("  line {line}: {}", problem.english());
        }
    };
    if let Err(problems) = parse_invoice_csv(&bytes) {
        report(&problems);
        bail!("fix the rows above and run the import again");
    }
    let config = Config::load(&args.config)?;
    let store = Store::connect(&config.database_url).await?;
    let result = async {
        let workspace = owners_workspace(&store, &args.workspace_email).await?;
        if args.dry_run {
            bail!("invoices take no --dry-run: an import with a bad row stores nothing anyway");
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        match import_invoice_file(&store, workspace.id, &bytes, now).await {
            Ok(o) => {
                println!(
                    "imported invoices into {}: {} new, {} updated",
                    workspace.name, o.created, o.updated
                );
                Ok(())
            }
            Err(InvoiceFileError::Rows(problems)) => {
                report(&problems);
                bail!("fix the rows above and run the import again")
            }
            Err(InvoiceFileError::Store(e)) => Err(e.into()),
        }
    }
    .await;
    store.close().await;
    result
}

/// `kunde import spend FILE`: every row or none; a month already recorded is replaced.
async fn import_spend(args: &ImportArgs) -> Result<()> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let rows = match kunde_web::import::parse_spend_csv(&bytes) {
        Ok(rows) => rows,
        Err(problems) => {
            eprintln!("{} rows rejected; nothing was imported:", problems.len());
            for (line, problem) in &problems {
                eprintln!("  line {line}: {}", problem.english());
            }
            bail!("fix the rows above and run the import again");
        }
    };
    let config = Config::load(&args.config)?;
    let store = Store::connect(&config.database_url).await?;
    let result = async {
        let workspace = owners_workspace(&store, &args.workspace_email).await?;
        if args.dry_run {
            println!(
                "dry run: {} spend rows would be imported into {}",
                rows.len(),
                workspace.name
            );
            return Ok(());
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        store.record_spend(workspace.id, &rows, now).await?;
        println!("imported {} spend rows into {}", rows.len(), workspace.name);
        Ok(())
    }
    .await;
    store.close().await;
    result
}

async fn run_reviews(args: ImportArgs) -> Result<()> {
    let preset = match args.preset {
        PresetArg::Google => ReviewPreset::Google,
        PresetArg::Trustpilot => ReviewPreset::Trustpilot,
        PresetArg::Generic => ReviewPreset::Generic,
        PresetArg::Shopify => bail!("--preset shopify is not a review export"),
    };
    if args.dry_run || args.map.is_some() {
        bail!("reviews take neither --dry-run nor --map");
    }
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let config = Config::load(&args.config)?;
    let store = Store::connect(&config.database_url).await?;
    let result = async {
        let email = Email::parse(&args.workspace_email)?;
        let owner = match store.find_user_by_email(&email).await? {
            Some(record) if record.user.role == Role::Owner => record.user,
            _ => bail!("no owner with e-mail {email}: give the e-mail of the business's owner"),
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        match kunde_web::import_review_file(&store, owner.workspace_id, &bytes, preset, now).await {
            Ok(done) => {
                println!(
                    "imported {} reviews; {} already imported were skipped; {} matched to known customers",
                    done.imported, done.duplicates, done.matched
                );
                Ok(())
            }
            Err(ReviewFileError::Rows(rows)) => {
                eprintln!("{} rows rejected; nothing was imported:", rows.len());
                for r in &rows {
                    eprintln!("  {r}");
                }
                bail!("fix the rows above and run the import again")
            }
            Err(e) => Err(anyhow::Error::new(e).context("nothing was imported")),
        }
    }
    .await;
    store.close().await;
    result
}

async fn import(
    store: &Store,
    kind: Kind,
    table: &kunde_import::Table,
    mapping: &Mapping,
    args: &ImportArgs,
) -> Result<()> {
    let workspace = owners_workspace(store, &args.workspace_email).await?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let checked = importing::check(store, &workspace, kind, table, mapping, now).await?;
    if !checked.rejected.is_empty() {
        eprintln!(
            "{} of {} rows rejected; nothing was imported:",
            checked.rejected.len(),
            checked.rows
        );
        for r in &checked.rejected {
            eprintln!("  {r}");
        }
        bail!("fix the rows above and run the import again");
    }
    let count = checked.prepared.len();
    if args.dry_run {
        println!(
            "dry run: {count} {} in {} rows would be imported into {}",
            kind.code(),
            checked.rows,
            workspace.name
        );
        return Ok(());
    }

    let bar = Arc::new(ProgressBar::new(count as u64));
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} ({eta})")
            .expect("the template is valid"),
    );
    bar.set_message(kind.code());
    let cancel = Arc::new(AtomicBool::new(false));
    let on_signal = cancel.clone();
    let watcher = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_signal.store(true, Ordering::Relaxed);
        }
    });
    let progress_bar = bar.clone();
    let progress = move |n: u64| progress_bar.set_position(n);
    let ctl = BulkControl {
        progress: &progress,
        cancel: &cancel,
    };
    let outcome = importing::write(store, workspace.id, &checked.prepared, &ctl).await;
    watcher.abort();
    bar.finish_and_clear();
    match outcome {
        Ok(out) => {
            let mut summary = format!(
                "imported {} {} into {}",
                out.inserted,
                kind.code(),
                workspace.name
            );
            if out.skipped > 0 {
                let why = match kind {
                    Kind::Orders => "order number already present",
                    _ => "e-mail already present",
                };
                summary.push_str(&format!("; {} skipped ({why})", out.skipped));
            }
            if out.customers_created > 0 {
                summary.push_str(&format!(
                    "; {} new customers created from the orders",
                    out.customers_created
                ));
            }
            println!("{summary}");
            Ok(())
        }
        Err(StoreError::Cancelled) => bail!("cancelled: nothing was imported"),
        Err(e) => Err(anyhow::Error::new(e).context("the import failed and nothing was imported")),
    }
}
