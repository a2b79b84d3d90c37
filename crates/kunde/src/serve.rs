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
    let portal_link = if demo {
        demo_portal_link(&store, &config.public_url).await?
    } else {
        None
    };
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
        if let Some((name, link)) = &portal_link {
            println!("See the client portal as the customer {name} (link valid 24 hours, once):");
            println!("  {link}");
        }
    } else if store.count_workspaces().await? == 0 {
        println!("Open the address to set up your business.");
    }
    let events_backend = match &config.events_url {
        Some(url) => {
            let backend = kunde_clickhouse::EventsBackend::new(url)
                .with_context(|| format!("reading the events url {}", redact_url(url)))?;
            println!(
                "Events are copied to ClickHouse at {} (database {}).",
                redact_url(url),
                backend.database()
            );
            Some(backend)
        }
        None => None,
    };
    println!("Stop with Ctrl-C.");
    let state = AppState::new(
        store.clone(),
        WebConfig {
            secure_cookies: config.secure_cookies,
            public_url: Some(config.public_url.clone()),
            trust_proxy: config.trust_proxy,
            claim_lease_secs: claim_lease()?,
            analytics_dir: Some(config.data_dir.join("analytics")),
            analytics_idle: secs_from_env("KUNDE_ANALYTICS_IDLE_SECS")?
                .map(|s| std::time::Duration::from_secs(s as u64)),
            events_backend,
        },
    );
    // Claims on timed work carry this id (see "Running several instances" in the README).
    println!("This instance claims timed work as {}.", state.claimer.id);
    kunde_web::serve(listener, state, shutdown_signal())
        .await
        .context("serving")?;
    store.close().await;
    Ok(())
}

/// An events URL without its password, for messages.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}***{}", &url[..s + 3], &url[at..]),
        _ => url.to_owned(),
    }
}

/// `KUNDE_CLAIM_LEASE_SECS`: how long this instance's claim on timed work holds before
/// another instance may take it over (default 120 s; the multi-instance test shortens it).
fn claim_lease() -> Result<Option<i64>> {
    secs_from_env("KUNDE_CLAIM_LEASE_SECS")
}

/// A number of seconds above 0 from the environment variable `name`, if set.
fn secs_from_env(name: &str) -> Result<Option<i64>> {
    match std::env::var(name) {
        Err(_) => Ok(None),
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| *s > 0)
            .map(Some)
            .with_context(|| format!("{name} must be a number of seconds above 0, not '{v}'")),
    }
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

/// A ready sign-in link to the client portal for one demo customer (with an e-mail), made
/// through the store, so a new user can look inside without a mail server. The customer gets
/// two invoices (one paid, one open) the first time.
async fn demo_portal_link(store: &Store, public_url: &str) -> Result<Option<(String, String)>> {
    let owner = Email::parse(DEMO_OWNER_EMAIL).expect("demo e-mail is valid");
    let Some(record) = store.find_user_by_email(&owner).await? else {
        return Ok(None);
    };
    let ws = record.user.workspace_id;
    let (customers, _) = store
        .list_customers(
            ws,
            &kunde_store::CustomerQuery {
                search: None,
                limit: 50,
                offset: 0,
            },
        )
        .await?;
    let Some(customer) = customers.into_iter().find(|c| c.email.is_some()) else {
        return Ok(None);
    };
    let now = (system_clock())();
    if store.customer_invoices(ws, customer.id).await?.is_empty() {
        let day = |offset: i64| kunde_web::kit::format_date(now + offset * 86_400);
        for (number, issued, due, amount, paid) in [
            ("DEMO-1001", day(-40), day(-26), 129_500, true),
            ("DEMO-1002", day(-5), day(9), 45_000, false),
        ] {
            let invoice = store
                .create_invoice(
                    ws,
                    customer.id,
                    &kunde_store::NewInvoice {
                        number: number.into(),
                        issued,
                        due,
                        amount: kunde_domain::Money(amount),
                    },
                    now,
                )
                .await
                .context("adding the demo customer's invoices")?;
            if paid {
                store
                    .set_invoice_paid(ws, customer.id, invoice.id, Some(now - 30 * 86_400))
                    .await?;
            }
        }
    }
    let site = store.help_site_slug(ws).await?;
    let token = store
        .create_portal_link(ws, customer.id, now, now + 24 * 3600)
        .await?;
    let base = public_url.trim_end_matches('/');
    Ok(Some((
        customer.name,
        format!("{base}/portal/{site}/link/{token}"),
    )))
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
