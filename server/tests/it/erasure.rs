//! Erasure leaves nothing personal: after an applicant is deleted (by an officer or by the
//! retention job), a scan of every column of every table — read from the schema, so new
//! tables are covered — finds their email, name, phone and login name 0 times. Runs on
//! SQLite, or PostgreSQL with `WINK_TEST_POSTGRES_URL`.

use std::time::Duration;

use crate::common::{on_postgres, TestServer, GEORGE_LOGIN};
use reqwest::Method;
use serde_json::json;
use wink_server::db::Db;

/// Every (table, column) of the schema, from the database itself.
async fn columns(db: &Db) -> Vec<(String, String, String)> {
    let sql = if on_postgres() {
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT), CAST(data_type AS TEXT) \
         FROM information_schema.columns WHERE table_schema = 'public' \
         ORDER BY table_name, ordinal_position"
    } else {
        "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"
    };
    sqlx::query_as(sql).fetch_all(db).await.unwrap()
}

/// Where `needle` occurs (case-insensitively), as `table.column: rows`, over every column
/// of every table; bytes (webhook bodies) are read as text.
async fn scan(db: &Db, needle: &str) -> Vec<String> {
    // The same search, named `strpos` in PostgreSQL and `instr` in SQLite.
    let position = if on_postgres() { "strpos" } else { "instr" };
    let mut found = Vec::new();
    for (table, column, kind) in columns(db).await {
        let text = match (on_postgres(), kind.as_str()) {
            (true, "bytea") => format!("encode(\"{column}\", 'escape')"),
            _ => format!("CAST(\"{column}\" AS TEXT)"),
        };
        let count: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM \"{table}\" WHERE {position}(lower({text}), lower($1)) > 0"
        ))
        .bind(needle)
        .fetch_one(db)
        .await
        .unwrap_or_else(|e| panic!("{table}.{column}: {e}"));
        if count > 0 {
            found.push(format!("{table}.{column}: {count}"));
        }
    }
    found
}

/// Until no stored webhook waits for the worker (and late deliveries have landed).
async fn settle(db: &Db) {
    tokio::time::sleep(Duration::from_millis(500)).await;
    for _ in 0..100 {
        let pending =
            wink_server::db::inbox::count(db, Some(wink_server::db::inbox::InboxStatus::Pending))
                .await
                .unwrap();
        if pending == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("webhooks still pending");
}

enum By {
    Officer,
    Retention,
}

async fn nothing_personal_left_after(by: By) {
    let server = TestServer::start().await;
    let db = server.state.db().clone();
    let officer = server.officer("ana@lender.test").await;
    let email = format!(
        "erase-{}@example.com",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    );
    let name = "George Palomero Jr.";
    let phone = "+639559991234";
    let (login, _) = GEORGE_LOGIN;
    let (george, account_id) = server.george_linked(json!({ "email": email })).await;
    // And a payslip uploaded, analysed by Smile.
    let archive_id = george.upload_payslip("payslip.pdf").await;
    let analysed = |db: Db, archive_id: String| async move {
        for _ in 0..100 {
            let status: Option<String> =
                sqlx::query_scalar("SELECT status FROM archives WHERE archive_id = $1")
                    .bind(&archive_id)
                    .fetch_optional(&db)
                    .await
                    .unwrap();
            if status.as_deref() == Some("analyzed") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{archive_id} never analysed");
    };
    analysed(db.clone(), archive_id.clone()).await;
    let id = george.id;
    // The same email typed into an officer's sign-in by mistake.
    let typo = server
        .browser()
        .post(
            "/api/officer/login",
            &json!({"email": email, "password": "not-the-password"}),
        )
        .await;
    assert_eq!(typo.status(), 401);

    // Smile's webhooks about the account are stored (and say the login name).
    let mut stored = Vec::new();
    for _ in 0..100 {
        stored = scan(&db, login).await;
        if stored.iter().any(|s| s.starts_with("webhook_inbox.body")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        stored.iter().any(|s| s.starts_with("webhook_inbox.body")),
        "the login name is in a stored webhook first: {stored:?}"
    );
    // A re-verification keeps a snapshot of his verified data (name, email and all).
    let reverify = officer
        .post(
            &format!("/api/officer/applicants/{id}/reverify"),
            &json!({}),
        )
        .await;
    assert_eq!(reverify.status(), 200);
    settle(&db).await;
    // The scan sees what it should before the deletion.
    assert!(scan(&db, &email)
        .await
        .iter()
        .any(|s| s.starts_with("report_snapshots.body")));
    assert!(!scan(&db, &email).await.is_empty());
    assert!(!scan(&db, name).await.is_empty());
    assert!(!scan(&db, phone).await.is_empty());
    let smile_user: String =
        sqlx::query_scalar("SELECT smile_user_id FROM applicants WHERE id = $1")
            .bind(&id)
            .fetch_one(&db)
            .await
            .unwrap();
    let events_before = wink_server::db::inbox::count(&db, None).await.unwrap();

    match by {
        By::Officer => {
            let deleted = officer
                .send(Method::DELETE, &format!("/api/officer/applicants/{id}"))
                .await;
            assert_eq!(deleted.status(), 204);
        }
        By::Retention => {
            sqlx::query(
                "UPDATE applicants SET updated_at = '2001-01-01T00:00:00.000Z' WHERE id = $1",
            )
            .bind(&id)
            .execute(&db)
            .await
            .unwrap();
            let erased = wink_server::erasure::purge_expired(&server.state, 30)
                .await
                .unwrap();
            assert_eq!(erased, 1);
        }
    }
    settle(&db).await;

    for needle in [
        email.as_str(),
        name,
        phone,
        login,
        account_id.as_str(),
        archive_id.as_str(),
    ] {
        let left = scan(&db, needle).await;
        assert!(left.is_empty(), "{needle} is still stored in {left:?}");
    }
    // The document is deleted at Smile too: Smile keeps the file itself.
    let at_smile = server
        .emulator_request(Method::GET, &format!("/v1/archives/{archive_id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(at_smile.status(), 404);
    // Smile's user id stays only where later webhooks are recognised and dropped.
    assert_eq!(
        scan(&db, &smile_user).await,
        ["applicant_tombstones.smile_user_id: 1"]
    );
    // The events stay, for dedupe (ids, types, times), without their bodies.
    assert!(wink_server::db::inbox::count(&db, None).await.unwrap() >= events_before);
    let kept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM webhook_inbox WHERE event_type = 'ACCOUNT_CONNECTED'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(kept >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officers_deletion_leaves_nothing_personal() {
    nothing_personal_left_after(By::Officer).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retention_job_leaves_nothing_personal() {
    nothing_personal_left_after(By::Retention).await;
}

/// Two applicants straight in the database (the purge and the job need only their rows).
async fn two_applicants(db: &Db) {
    for who in ["alice", "bob"] {
        sqlx::query(
            "INSERT INTO applicants (id, reference, full_name, email, mobile, employer, \
               monthly_income, currency, consented_at, status, resume_hash, created_at, \
               updated_at) VALUES ($1, $2, $1, $1, '+639171234567', 'ABC', 1, 'PHP', \
               '2024-01-01T00:00:00.000Z', 'applied', $2, '2024-01-01T00:00:00.000Z', \
               '2024-01-01T00:00:00.000Z')",
        )
        .bind(who)
        .bind(format!("WP-{who}"))
        .execute(db)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn purges_and_sync_jobs_are_scoped_to_their_applicant() {
    use wink_server::db::{items, sync_jobs};
    let server = TestServer::start_with(&["--background", "false"]).await;
    let db = server.state.db();
    two_applicants(db).await;
    items::replace(
        db,
        items::ItemKind::Identity,
        "acc-shared",
        "alice",
        &[("id-1".into(), "{}".into())],
    )
    .await
    .unwrap();
    // Bob's mismatched event or job cannot purge Alice's data...
    items::purge_account(db, "acc-shared", "bob").await.unwrap();
    assert_eq!(
        items::for_applicant(db, "alice", items::ItemKind::Identity)
            .await
            .unwrap()
            .len(),
        1
    );
    // ...Alice's own can.
    items::purge_account(db, "acc-shared", "alice")
        .await
        .unwrap();
    assert!(items::for_applicant(db, "alice", items::ItemKind::Identity)
        .await
        .unwrap()
        .is_empty());

    let zero = std::time::Duration::ZERO;
    assert!(sync_jobs::enqueue(
        db,
        sync_jobs::SourceKind::Account,
        "acc-shared",
        "alice",
        false,
        zero
    )
    .await
    .unwrap());
    assert!(!sync_jobs::enqueue(
        db,
        sync_jobs::SourceKind::Account,
        "acc-shared",
        "bob",
        true,
        zero
    )
    .await
    .unwrap());
    let (owner, finished): (String, i64) = sqlx::query_as(
        "SELECT applicant_id, task_finished FROM sync_jobs WHERE source_id = 'acc-shared'",
    )
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(owner, "alice", "the job was not moved to bob");
    assert_eq!(finished, 0, "bob's request changed nothing");
    assert!(sync_jobs::enqueue(
        db,
        sync_jobs::SourceKind::Account,
        "acc-shared",
        "alice",
        true,
        zero
    )
    .await
    .unwrap());
}

/// The officers' search index (SQLite's FTS5 trigram table, migration 0013) keeps none of
/// an erased applicant's trigrams: `secure-delete` removes them from the index's pages
/// instead of adding delete markers that leave the old ones until a merge. The name ends in
/// a run of `ǯ`, a letter no other stored text has, so its trigram is stored whole (terms
/// are prefix-compressed only against neighbours that share their first bytes) and a byte
/// search of the index's pages finds it while the applicant exists.
#[tokio::test]
async fn the_search_index_keeps_nothing_of_an_erased_applicant() {
    if on_postgres() {
        // PostgreSQL's trigram index lives in its pages like the rows themselves; a
        // deleted row's entries go with the row's when VACUUM reclaims them.
        return;
    }
    let server = TestServer::start_with(&["--background", "false"]).await;
    let db = server.state.db();
    two_applicants(db).await;
    sqlx::query("UPDATE applicants SET full_name = 'Maria ǯǯǯ' WHERE id = 'alice'")
        .execute(db)
        .await
        .unwrap();
    let in_index = |db: Db| async move {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM applicant_search_data WHERE instr(block, CAST($1 AS BLOB)) > 0",
        )
        .bind("ǯǯǯ")
        .fetch_one(&db)
        .await
        .unwrap();
        count
    };
    assert!(
        in_index(db.clone()).await > 0,
        "the trigram is in the index"
    );
    let found: Vec<String> = sqlx::query_scalar(
        "SELECT a.id FROM applicant_search s JOIN applicants a ON a.rowid = s.rowid \
         WHERE applicant_search MATCH '\"ǯǯǯ\"'",
    )
    .fetch_all(db)
    .await
    .unwrap();
    assert_eq!(found, ["alice"]);

    let erased = wink_server::erasure::purge_expired(&server.state, 30)
        .await
        .unwrap();
    assert_eq!(erased, 2);
    assert_eq!(
        in_index(db.clone()).await,
        0,
        "no trace in the index's pages"
    );
}
