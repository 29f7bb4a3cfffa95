//! Whether the database can take writes, for readiness.

use super::{Backend, Db};

/// Whether the database would take a write: SQLite's write lock taken and let go; for
/// PostgreSQL, a primary (not a read-only standby) that accepts writes.
pub async fn writable(db: &Db) -> bool {
    let Ok(mut conn) = db.acquire().await else {
        return false;
    };
    match Backend::of(db) {
        Backend::Sqlite => {
            let began = sqlx::query("BEGIN IMMEDIATE")
                .execute(&mut *conn)
                .await
                .is_ok();
            let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
            began
        }
        Backend::Postgres => sqlx::query_scalar::<_, i64>(
            "SELECT CASE WHEN pg_is_in_recovery() \
               OR current_setting('default_transaction_read_only') = 'on' THEN 0 ELSE 1 END",
        )
        .fetch_one(&mut *conn)
        .await
        .is_ok_and(|writable| writable == 1),
    }
}
