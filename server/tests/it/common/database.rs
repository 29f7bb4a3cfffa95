//! The test databases: SQLite files in a test's directory, or (with [`POSTGRES_ENV`])
//! fresh databases on a PostgreSQL cluster.

use std::path::Path;

/// The variable `cargo xtask test` sets to run these suites against PostgreSQL: the admin
/// URL of a throwaway cluster, where each test creates its own database.
pub const POSTGRES_ENV: &str = "WINK_TEST_POSTGRES_URL";

pub fn on_postgres() -> bool {
    std::env::var_os(POSTGRES_ENV).is_some()
}

/// The database of a test that keeps its files in `dir`: SQLite's file there, or (with
/// [`POSTGRES_ENV`]) a new PostgreSQL database whose URL is remembered in `dir`, so a
/// server started later on the same `dir` finds the same data, as after a restart.
pub fn database_url(dir: &Path) -> String {
    let Ok(admin) = std::env::var(POSTGRES_ENV) else {
        return format!("sqlite://{}", dir.join("wink.db").display());
    };
    let remembered = dir.join("postgres-url");
    if let Ok(url) = std::fs::read_to_string(&remembered) {
        return url;
    }
    let name = format!("wink_test_{}", uuid::Uuid::new_v4().simple());
    postgres_admin(&admin, format!("CREATE DATABASE {name}"));
    let url = with_database(&admin, &name);
    std::fs::write(&remembered, &url).unwrap();
    url
}

/// A consistent copy of one test database into another `dir` (the server is stopped).
pub fn copy_database(from: &Path, to: &Path) {
    match std::env::var(POSTGRES_ENV) {
        Err(_) => {
            let source = format!("sqlite://{}", from.join("wink.db").display());
            let target = to.join("wink.db").display().to_string();
            on_own_runtime(move || async move {
                let db = wink_server::db::connect(&source).await.unwrap();
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(&db)
                    .await
                    .unwrap();
                db.close().await;
            });
        }
        Ok(admin) => {
            let source = database_url(from);
            let source_name = source.rsplit('/').next().unwrap().to_owned();
            // A template must have no one connected: the stopped server's idle pool goes.
            postgres_admin(
                &admin,
                format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{source_name}' AND pid <> pg_backend_pid()"
                ),
            );
            let name = format!("wink_test_{}", uuid::Uuid::new_v4().simple());
            postgres_admin(
                &admin,
                format!("CREATE DATABASE {name} TEMPLATE {source_name}"),
            );
            std::fs::write(to.join("postgres-url"), with_database(&admin, &name)).unwrap();
        }
    }
}

/// Everything stored about an applicant's accounts and documents: each account's status
/// and error code, each archive's status and body, and every item (kind, Smile id, body).
/// Sorted, for comparing runs.
pub async fn stored_state(
    db: &wink_server::db::Db,
    applicant_id: &str,
) -> Vec<(String, String, String)> {
    const QUERIES: [&str; 3] = [
        "SELECT kind, smile_id, body FROM smile_items WHERE applicant_id = $1 \
         ORDER BY kind, smile_id",
        "SELECT account_id, CASE WHEN disconnected_at IS NULL THEN status \
         ELSE 'disconnected' END, COALESCE(error_code, '') FROM linked_accounts \
         WHERE applicant_id = $1 ORDER BY account_id",
        "SELECT archive_id, status, COALESCE(body, '') FROM archives \
         WHERE applicant_id = $1 ORDER BY archive_id",
    ];
    let mut rows = Vec::new();
    for sql in QUERIES {
        let found: Vec<(String, String, String)> = sqlx::query_as(sql)
            .bind(applicant_id)
            .fetch_all(db)
            .await
            .unwrap();
        rows.extend(found);
    }
    rows
}

/// The tables of the server's schema (not the migrator's bookkeeping).
pub async fn table_names(db: &wink_server::db::Db) -> Vec<String> {
    let sql = if on_postgres() {
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations'"
    };
    sqlx::query_scalar(sql).fetch_all(db).await.unwrap()
}

fn with_database(admin: &str, name: &str) -> String {
    let (server, _) = admin
        .rsplit_once('/')
        .expect("postgres://user@host:port/db");
    format!("{server}/{name}")
}

fn postgres_admin(admin: &str, sql: String) {
    let admin = admin.to_owned();
    on_own_runtime(move || async move {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&admin).await.unwrap();
        sqlx::raw_sql(&sql).execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    });
}

/// Runs `work` to completion on a runtime of its own thread, callable from sync code and
/// from inside a test's runtime alike.
fn on_own_runtime<Work, Done>(work: Work)
where
    Work: FnOnce() -> Done + Send + 'static,
    Done: std::future::Future<Output = ()>,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(work())
    })
    .join()
    .unwrap();
}
