//! The `spilno` binary's library: start-up, the HTTP router and the shell commands.

pub mod cli;
mod http;
mod security;

use app::db::{redact, Db, DbError};
use app::hromadas::import::{self, ImportError};
use cli::{Cli, Command};
pub use http::{leptos_options, router};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("database {url}: {source}")]
    Database { url: String, source: DbError },
    #[error("import: {0}")]
    Import(#[from] ImportError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("backup: {0}")]
    Backup(String),
    #[error("{0}")]
    Account(#[from] app::accounts::storage::AccountError),
    #[error("{0}")]
    Mail(#[from] app::mail::MailError),
    #[error("{0}")]
    News(#[from] app::news::storage::NewsError),
    #[error("registry: {0}")]
    Registry(sqlx::Error),
    #[error("{0}")]
    Initiative(#[from] app::initiatives::storage::InitiativeError),
    #[error("{0}")]
    Survey(#[from] app::analytics::storage::SurveyError),
    #[error("{0}")]
    Publication(#[from] app::publications::storage::PublicationError),
    #[error("{0}")]
    Partnership(#[from] app::partnerships::storage::PartnershipError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RunError + '_ {
    move |source| RunError::Io {
        path: path.display().to_string(),
        source,
    }
}

pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

/// Connects and brings the schema up to date: every command starts here.
pub async fn open_database(url: &str) -> Result<Db, RunError> {
    let fail = |source| RunError::Database {
        url: redact(url),
        source,
    };
    let db = Db::connect(url).await.map_err(fail)?;
    db.migrate().await.map_err(fail)?;
    Ok(db)
}

pub async fn run(cli: Cli) -> Result<(), RunError> {
    let url = cli.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&cli.data_dir).map_err(io(&cli.data_dir))?;
    }
    let db = open_database(&url).await?;
    let result = match cli.command.as_ref().unwrap_or(&Command::Serve) {
        Command::Serve => serve(&cli, db.clone()).await,
        Command::Migrate => {
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::ImportHromadas { file, oblasts } => {
            let oblasts = oblasts
                .clone()
                .unwrap_or_else(|| file.with_file_name("oblasts.csv"));
            let oblasts_csv = std::fs::read_to_string(&oblasts).map_err(io(&oblasts))?;
            let hromadas_csv = std::fs::read_to_string(file).map_err(io(file))?;
            let registry = import::parse_registry(&oblasts_csv, &hromadas_csv)?;
            let summary = import::import(&db, &registry).await?;
            println!(
                "imported {} oblasts, {} raions, {} hromadas",
                summary.oblasts, summary.raions, summary.hromadas
            );
            Ok(())
        }
        Command::LoadDemo => {
            match import::import_bundled_if_empty(&db).await? {
                Some(s) => println!("registry: imported {} hromadas", s.hromadas),
                None => println!("registry: already present"),
            }
            let registry = app::hromadas::cache::RegistryCache::default()
                .get(&db)
                .await
                .map_err(RunError::Registry)?;
            let initiative = app::initiatives::demo::load(&db, &registry).await?;
            println!(
                "demo initiative: {}",
                app::initiatives::demo::form().title_uk
            );
            let news = app::news::demo::load(&db, Some(initiative)).await?;
            println!("demo news: {news} added");
            if app::analytics::demo::load(&db, &registry).await? {
                println!("demo survey: {}", app::analytics::demo::TITLE);
            }
            let initiative_slug =
                app::news::text::slugify(&app::initiatives::demo::form().title_uk);
            if app::publications::demo::load(&db, &initiative_slug).await? {
                println!("demo publication: {}", app::publications::demo::TITLE);
            }
            // The demo call in evaluation is scored by the demo evaluators: accounts first.
            let created = app::accounts::demo::load(&db).await?;
            println!(
                "demo accounts: {created} created (password: {})",
                app::accounts::demo::DEMO_PASSWORD
            );
            if app::partnerships::demo::load(&db, &registry, &initiative_slug).await? {
                println!("demo calls: {}", app::partnerships::demo::TITLE);
            }
            Ok(())
        }
        Command::GenerateNews { count } => {
            import::import_bundled_if_empty(&db).await?;
            let added = app::news::demo::generate(&db, *count).await?;
            println!("synthetic news: {added} added");
            Ok(())
        }
        Command::GenerateAnalytics { needs } => {
            import::import_bundled_if_empty(&db).await?;
            let registry = app::hromadas::cache::RegistryCache::default()
                .get(&db)
                .await
                .map_err(RunError::Registry)?;
            let survey = app::analytics::demo::generate(&db, &registry, *needs).await?;
            println!("{survey}");
            Ok(())
        }
        Command::Backup { path } => backup(&db, &url, path).await,
        Command::CreateAdmin { email, name } => create_admin(&cli, &db, email, name).await,
    };
    db.close().await;
    result
}

async fn serve(cli: &Cli, db: Db) -> Result<(), RunError> {
    if let Some(summary) = import::import_bundled_if_empty(&db).await? {
        tracing::info!(
            hromadas = summary.hromadas,
            "imported the bundled hromada registry"
        );
    }
    let options = leptos_options(cli.addr, &cli.site_root);
    let mut state = app::state::AppState::new(db, options);
    state.secure_cookies = cli.secure_cookies;
    state.public_url = cli.public_url();
    state.trusted_proxies = std::sync::Arc::new(cli.trusted_proxies.clone());
    if let Some(url) = &cli.smtp_url {
        state.mailer = Some(std::sync::Arc::new(app::mail::Mailer::new(
            url,
            &cli.mail_from,
        )?));
        tracing::info!("mail: invitations and reset links are sent by SMTP");
    }
    let listener = tokio::net::TcpListener::bind(cli.addr)
        .await
        .map_err(|source| RunError::Io {
            path: cli.addr.to_string(),
            source,
        })?;
    tracing::info!("listening on http://{}", cli.addr);
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|source| RunError::Io {
            path: cli.addr.to_string(),
            source,
        })?;
    tracing::info!("stopped: in-flight requests finished");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

async fn backup(db: &Db, url: &str, path: &Path) -> Result<(), RunError> {
    if path.exists() {
        return Err(RunError::Backup(format!(
            "{} already exists",
            path.display()
        )));
    }
    match db {
        Db::Sqlite { write, .. } => {
            // A transactionally consistent copy, taken while the site keeps serving.
            sqlx::query("VACUUM INTO $1")
                .bind(path.display().to_string())
                .execute(write)
                .await
                .map_err(RunError::Registry)?;
        }
        Db::Postgres(_) => {
            let status = tokio::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--file")
                .arg(path)
                .arg("--dbname")
                .arg(url)
                .status()
                .await
                .map_err(|e| RunError::Backup(format!("pg_dump: {e}")))?;
            if !status.success() {
                return Err(RunError::Backup(format!("pg_dump exited with {status}")));
            }
        }
    }
    println!("backup written to {}", path.display());
    Ok(())
}

async fn create_admin(cli: &Cli, db: &Db, email: &str, name: &str) -> Result<(), RunError> {
    use app::accounts::storage::{self, NewAccount, TokenPurpose};
    use app::accounts::types::Role;
    use app::audit::Actor;
    import::import_bundled_if_empty(db).await?;
    let new = NewAccount {
        email: email.to_string(),
        display_name: name.to_string(),
        roles: vec![Role::Admin],
        hromada_katottg: None,
    };
    let id = storage::create(db, &Actor::Shell, &new).await?;
    let secret = storage::issue_token(db, &Actor::Shell, id, TokenPurpose::Invitation)
        .await
        .map_err(|e| RunError::Account(e.into()))?;
    println!(
        "administrator {email} created; to set the password, open within 72 hours:\n{}",
        TokenPurpose::Invitation.link(&cli.public_url(), &secret)
    );
    Ok(())
}
