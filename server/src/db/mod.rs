//! Storage: SQLite (the embedded default) or PostgreSQL (several instances) through sqlx,
//! migrations applied at start-up.

pub mod accounts;
pub mod applicants;
pub mod archives;
pub mod audit;
pub mod dynamic;
pub mod health;
pub mod inbox;
pub mod inbox_writer;
pub mod invites;
pub mod items;
pub mod kinds;
pub mod link_events;
pub mod officers;
pub mod review;
pub mod rollout;
pub mod sessions;
pub mod snapshots;
pub mod sync_jobs;
pub mod text;
mod timestamp;
pub mod tombstones;

pub use timestamp::{NotATimestamp, Timestamp};

use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};

/// One pool type for both databases (sqlx's `Any`): queries use `$n` placeholders, which
/// SQLite and PostgreSQL both read, and only the types both share (text, integers, bytes).
pub type Db = AnyPool;

/// Which database a `DATABASE_URL` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Self> {
        let scheme = url.split(':').next()?;
        match scheme {
            "sqlite" => Some(Self::Sqlite),
            "postgres" | "postgresql" => Some(Self::Postgres),
            _ => None,
        }
    }

    /// Its name, for people.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }

    /// For the subquery that picks work to lease. PostgreSQL: lock the picked rows and skip
    /// rows another instance is leasing right now. SQLite has one writer at a time already.
    pub fn skip_locked(self) -> &'static str {
        match self {
            Self::Sqlite => "",
            Self::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }

    /// The backend a pool talks to (from the URL it was opened with).
    pub fn of(db: &Db) -> Self {
        Self::of_url(db.connect_options().database_url.as_str()).unwrap_or(Self::Sqlite)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL: expected sqlite://path or postgres://user@host/database")]
    Scheme,
    #[error("DATABASE_URL: {0}")]
    Url(sqlx::Error),
    #[error("cannot create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error("cannot open the database DATABASE_URL names: {0}")]
    Open(sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens (creating if needed) the database and brings its schema up to date.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    sqlx::any::install_default_drivers();
    match Backend::of_url(url).ok_or(DbError::Scheme)? {
        Backend::Sqlite => connect_sqlite(url).await,
        Backend::Postgres => connect_postgres(url).await,
    }
}

async fn connect_sqlite(url: &str) -> Result<Db, DbError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(DbError::Url)?
        .create_if_missing(true);
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() && !parent.exists() {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbError::Folder(parent.display().to_string(), e))?;
        }
    }
    let any = AnyConnectOptions::from_url(&options.to_url_lossy()).map_err(DbError::Url)?;
    let db = AnyPoolOptions::new()
        .max_connections(8)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // WAL: readers never block the writer. FULL: a webhook acknowledged is on
                // disk, even through a power cut (W7).
                for pragma in [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = FULL",
                    "PRAGMA foreign_keys = ON",
                    "PRAGMA busy_timeout = 5000",
                ] {
                    conn.execute(pragma).await?;
                }
                Ok(())
            })
        })
        .connect_with(any)
        .await
        .map_err(DbError::Open)?;
    sqlx::migrate!("./migrations/sqlite").run(&db).await?;
    Ok(db)
}

/// PostgreSQL, for several instances behind one address: the migrator takes an advisory
/// lock, so instances starting together apply each migration once.
async fn connect_postgres(url: &str) -> Result<Db, DbError> {
    let any = AnyConnectOptions::from_str(url).map_err(DbError::Url)?;
    // One connection first: its error says why (refused, wrong password, no such
    // database), where the pool's would only say that it timed out.
    any.connect()
        .await
        .map_err(DbError::Open)?
        .close()
        .await
        .map_err(DbError::Open)?;
    let db = AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .connect_with(any)
        .await
        .map_err(DbError::Open)?;
    sqlx::migrate!("./migrations/postgres").run(&db).await?;
    Ok(db)
}

/// A boolean stored as 0/1 (both databases read integers alike; only PostgreSQL has a
/// boolean type). Derefs to `bool`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flag(pub bool);

impl From<i64> for Flag {
    fn from(n: i64) -> Self {
        Self(n != 0)
    }
}

impl std::ops::Deref for Flag {
    type Target = bool;
    fn deref(&self) -> &bool {
        &self.0
    }
}
