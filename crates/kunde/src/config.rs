//! Kunde's configuration: defaults, then an optional TOML file, then `KUNDE_*` environment
//! variables, then command-line flags (clap reads the last two). The result is a plain struct
//! passed to whoever needs it; nothing reads configuration from globals.

use anyhow::{Context, Result};
use clap::Args;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// A TOML file with any of: addr, database_url, data_dir, secure_cookies, public_url,
    /// trust_proxy, events_url.
    #[arg(long, env = "KUNDE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Where Kunde keeps its files; the SQLite database defaults to DATA_DIR/kunde.sqlite.
    #[arg(long, env = "KUNDE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// sqlite://path/to/file.sqlite (the default) or postgres://user@host/database.
    #[arg(long, env = "KUNDE_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "KUNDE_ADDR")]
    pub addr: Option<String>,
    /// Mark cookies Secure (set when Kunde is served over HTTPS).
    #[arg(long, env = "KUNDE_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
    /// The address customers reach Kunde at, for links in e-mails and QR codes
    /// (e.g. https://kunde.example.dk); defaults to http://ADDR.
    #[arg(long, env = "KUNDE_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Kunde runs behind a reverse proxy that sets X-Forwarded-For (rate limits then count
    /// the client address it names).
    #[arg(long, env = "KUNDE_TRUST_PROXY")]
    pub trust_proxy: Option<bool>,
    /// An events backend for large installations: ClickHouse's HTTP interface,
    /// http://host:8123/?database=kunde or clickhouse://host:8123/kunde. Events are copied
    /// there and the funnel page computes there.
    #[arg(long, env = "KUNDE_EVENTS_URL")]
    pub events_url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    addr: Option<String>,
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    secure_cookies: Option<bool>,
    public_url: Option<String>,
    trust_proxy: Option<bool>,
    events_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: String,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub secure_cookies: bool,
    pub public_url: String,
    pub trust_proxy: bool,
    pub events_url: Option<String>,
}

impl Config {
    pub fn load(args: &ConfigArgs) -> Result<Self> {
        let file = match &args.config {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let data_dir = args
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = args
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("kunde.sqlite").display()));
        let addr = args
            .addr
            .clone()
            .or(file.addr)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let public_url = args
            .public_url
            .clone()
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_owned();
        Ok(Self {
            addr,
            database_url,
            data_dir,
            secure_cookies: args.secure_cookies.or(file.secure_cookies).unwrap_or(false),
            public_url,
            trust_proxy: args.trust_proxy.or(file.trust_proxy).unwrap_or(false),
            events_url: args.events_url.clone().or(file.events_url),
        })
    }

    /// The database URL without its password, for messages.
    pub fn redacted_database_url(&self) -> String {
        redact(&self.database_url)
    }
}

fn read_file(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading config file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("config file {} is not valid", path.display()))
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> ConfigArgs {
        ConfigArgs {
            config: None,
            data_dir: None,
            database_url: None,
            addr: None,
            secure_cookies: None,
            public_url: None,
            trust_proxy: None,
            events_url: None,
        }
    }

    #[test]
    fn defaults_put_sqlite_in_the_data_dir() {
        let c = Config::load(&ConfigArgs {
            data_dir: Some("/srv/kunde".into()),
            ..args()
        })
        .unwrap();
        assert_eq!(c.database_url, "sqlite:///srv/kunde/kunde.sqlite");
        assert_eq!(c.addr, "127.0.0.1:8080");
    }

    #[test]
    fn flags_win_over_the_file_which_wins_over_defaults() {
        let dir = std::env::temp_dir().join(format!("kunde-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kunde.toml");
        std::fs::write(
            &file,
            "addr = \"0.0.0.0:9000\"\ndatabase_url = \"postgres://u:secret@db/kunde\"\n",
        )
        .unwrap();
        let c = Config::load(&ConfigArgs {
            config: Some(file.clone()),
            ..args()
        })
        .unwrap();
        assert_eq!(c.addr, "0.0.0.0:9000");
        assert_eq!(c.redacted_database_url(), "postgres://u:***@db/kunde");
        let c = Config::load(&ConfigArgs {
            config: Some(file.clone()),
            addr: Some("127.0.0.1:1".into()),
            ..args()
        })
        .unwrap();
        assert_eq!(c.addr, "127.0.0.1:1");
        std::fs::write(&file, "adress = \"typo\"\n").unwrap();
        let err = Config::load(&ConfigArgs {
            config: Some(file),
            ..args()
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("unknown field"), "{err:#}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
