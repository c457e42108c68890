//! Command line and environment.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "spilno",
    version,
    about = "Spilno: hromadas' analytics, dialogue and cooperation"
)]
pub struct Cli {
    /// Address to listen on.
    #[arg(
        long,
        env = "SPILNO_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,
    /// Database URL: sqlite://… (default: <data-dir>/spilno.db) or postgres://…
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory for the SQLite database and uploaded files.
    #[arg(long, env = "SPILNO_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// The built site (wasm, JS, CSS, static files), as cargo-leptos writes it.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,
    /// Behind TLS: Secure cookies and Strict-Transport-Security.
    #[arg(long, env = "SPILNO_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,
    /// The address people reach the site at, for links the site hands out.
    #[arg(long, env = "SPILNO_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// SMTP server for invitations and reset links, e.g. smtps://user:pass@smtp.example.org:465
    /// or smtp://user:pass@host:587?tls=required. Without it, links are shown to the admin and logged.
    #[arg(long, env = "SPILNO_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// The sender of that mail.
    #[arg(
        long,
        env = "SPILNO_MAIL_FROM",
        default_value = "Спільно <no-reply@spilno.org.ua>",
        global = true
    )]
    pub mail_from: String,
    /// Reverse proxies (comma-separated addresses) whose X-Forwarded-For header names the
    /// client; rate limits count per client, so set this behind a proxy.
    #[arg(
        long,
        env = "SPILNO_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web site (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Import or update the hromada registry from a hromadas.csv (and the oblasts.csv beside it).
    ImportHromadas {
        file: PathBuf,
        /// The oblasts file; by default oblasts.csv in the same directory as FILE.
        #[arg(long)]
        oblasts: Option<PathBuf>,
    },
    /// Load the demo content (idempotent: a second run adds nothing).
    LoadDemo,
    /// For the benchmark only: add COUNT synthetic news items.
    GenerateNews { count: usize },
    /// For the benchmark only: a 30-question survey answered by every hromada it asks, and
    /// NEEDS synthetic needs; prints the survey's id.
    GenerateAnalytics { needs: usize },
    /// Write a consistent copy of the database to PATH.
    Backup { path: PathBuf },
    /// Create an administrator and print the one-time link that sets their password.
    CreateAdmin {
        email: String,
        /// The name shown for them.
        #[arg(long, default_value = "Адміністратор")]
        name: String,
    },
}

impl Cli {
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_string()
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("spilno.db").display()))
    }
}
