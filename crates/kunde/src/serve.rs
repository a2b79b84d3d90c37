//! `kunde serve` and `kunde demo`: open the database, load the demo business if asked, and
//! serve until Ctrl-C or SIGTERM.

use crate::config::Config;
use anyhow::{Context, Result};
use kunde_demo::{DEMO_OWNER_EMAIL, DEMO_PASSWORD, DEMO_STAFF_EMAIL, DemoOptions};
use kunde_domain::{Email, Password};
use kunde_store::Store;
use kunde_web::{AppState, WebConfig, auth::hash_password, system_clock};

pub async fn serve(config: Config, demo: bool) -> Result<()> {
    init_tracing();
    let store = Store::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database {}", config.redacted_database_url()))?;
    if demo {
        load_demo(&store).await?;
    }
    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .with_context(|| {
            format!(
                "listening on {} (is another program using it? choose another with --addr)",
                config.addr
            )
        })?;
    let addr = listener.local_addr()?;
    println!("Kunde is running at http://{addr}/");
    if config.database_url.starts_with("sqlite:") {
        println!(
            "Its data lives in {} (back it up with: kunde backup FILE).",
            config.data_dir.display()
        );
    }
    if demo {
        println!("Sign in as the owner:  {DEMO_OWNER_EMAIL}  /  {DEMO_PASSWORD}");
        println!("or as a staff member:  {DEMO_STAFF_EMAIL}  /  {DEMO_PASSWORD}");
    } else if store.count_workspaces().await? == 0 {
        println!("Open the address to set up your business.");
    }
    println!("Stop with Ctrl-C.");
    let state = AppState::new(
        store.clone(),
        WebConfig {
            secure_cookies: config.secure_cookies,
            public_url: Some(config.public_url.clone()),
            trust_proxy: config.trust_proxy,
        },
    );
    kunde_web::serve(listener, state, shutdown_signal())
        .await
        .context("serving")?;
    store.close().await;
    Ok(())
}

/// Creates the demo workspace unless it exists already, so `kunde demo` can be run again.
async fn load_demo(store: &Store) -> Result<()> {
    let owner = Email::parse(DEMO_OWNER_EMAIL).expect("demo e-mail is valid");
    if store.find_user_by_email(&owner).await?.is_some() {
        println!("The demo business is already there.");
        return Ok(());
    }
    println!("Creating the demo business…");
    let started = std::time::Instant::now();
    let hash = hash_password(&Password::parse(DEMO_PASSWORD).expect("demo password is valid"));
    let now = (system_clock())();
    let import = kunde_demo::generate(
        &DemoOptions {
            today: now,
            ..DemoOptions::default()
        },
        hash.clone(),
        hash,
    );
    let (customers, events, orders) = (
        import.customers.len(),
        import.events.len(),
        import.orders.len(),
    );
    let ws = store
        .import_workspace(&import, now)
        .await
        .context("writing the demo business")?;
    let spend: Vec<kunde_store::Spend> =
        kunde_demo::marketing_spend(&import, DemoOptions::default().seed)
            .into_iter()
            .map(|(channel, month, amount)| kunde_store::Spend {
                channel,
                month,
                amount,
            })
            .collect();
    store
        .record_spend(ws, &spend, now)
        .await
        .context("writing the demo business's marketing spend")?;
    println!(
        "Demo business created: {customers} customers, {events} events, {orders} orders ({:.1} s).",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KUNDE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    println!("Stopping.");
}
