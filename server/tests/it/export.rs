//! PostgreSQL parity: text that PostgreSQL cannot store (NUL) or that hides what an officer
//! reads is refused at validation with 422 naming the field, on both databases, and a
//! search for it matches nothing; the CSV export pages its rows, so 70,000 matches export
//! whole (one statement per match would pass both databases' limits on parameters).
//! Runs on SQLite, or PostgreSQL with `WINK_TEST_POSTGRES_URL`.

use std::collections::HashSet;

use crate::common::{george, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn refused_field(response: reqwest::Response) -> String {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "INVALID_REQUEST", "{body}");
    body["error"]["fields"][0]["field"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nul_and_other_controls_are_refused_naming_the_field() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;

    for (field, bad) in [
        ("fullName", "George\u{0}Palomero"),
        ("email", "g\u{0}p@example.com"),
        ("mobile", "+63955\u{0}9991234"),
        ("employer", "ABC\u{0}Corp"),
        ("monthlyIncome", "25\u{0}000"),
        ("fullName", "George \u{202e}Palomero"),
        ("employer", "ABC\u{1b}[31mCorp"),
    ] {
        let mut form = george();
        form[field] = json!(bad);
        let response = server.browser().post("/api/applications", &form).await;
        assert_eq!(refused_field(response).await, field, "{bad:?}");
    }

    let browser = server.browser();
    let created: Value = browser.post_json("/api/applications", &george()).await;
    let id = created["application"]["id"].as_str().unwrap().to_owned();

    let note = officer
        .post(
            &format!("/api/officer/applicants/{id}/notes"),
            &json!({"text": "called\u{0}back"}),
        )
        .await;
    assert_eq!(refused_field(note).await, "text");
    // Line breaks are fine in a note.
    let note = officer
        .post(
            &format!("/api/officer/applicants/{id}/notes"),
            &json!({"text": "called back\r\nno answer"}),
        )
        .await;
    assert_eq!(note.status(), StatusCode::CREATED);
    let decision = officer
        .post(
            &format!("/api/officer/applicants/{id}/decision"),
            &json!({"outcome": "decline", "reason": "no\u{0}income"}),
        )
        .await;
    assert_eq!(refused_field(decision).await, "reason");
    for field in ["fullName", "email", "mobile", "employer"] {
        let invite = officer
            .post("/api/officer/invites", &json!({ field: "a\u{0}b" }))
            .await;
        assert_eq!(refused_field(invite).await, field);
    }
    let login = server
        .browser()
        .post(
            "/api/officer/login",
            &json!({"email": "ana\u{0}@lender.test", "password": "officer-password-123"}),
        )
        .await;
    assert_eq!(refused_field(login).await, "email");

    // A search with NUL matches nothing (no 500), in the list and the export.
    let list = officer.get("/api/officer/applicants?q=a%00b").await;
    assert_eq!(list.status(), StatusCode::OK);
    let page: Value = list.json().await.unwrap();
    assert_eq!(page["total"], 0, "{page}");
    let export = officer
        .get("/api/officer/applicants/export.csv?q=%00")
        .await;
    assert_eq!(export.status(), StatusCode::OK);
    assert_eq!(
        export.text().await.unwrap().lines().count(),
        1,
        "header only"
    );
    // An id with NUL is no applicant.
    for path in [
        "/api/officer/applicants/a%00b",
        "/api/officer/applicants/a%00b/audit",
    ] {
        assert_eq!(
            officer.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

const SEEDED: i64 = 70_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seventy_thousand_applicants_export_whole() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    let db = server.state.db();
    // Seeded in the database in one statement each (the HTTP path would take minutes).
    sqlx::query(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {SEEDED}) \
         INSERT INTO applicants (id, reference, full_name, email, mobile, employer, \
           monthly_income, currency, consented_at, status, resume_hash, created_at, \
           updated_at) \
         SELECT 'seed-' || CAST(i AS TEXT), 'WS-' || CAST(i AS TEXT), \
           'Seeded Applicant ' || CAST(i AS TEXT), 'seed' || CAST(i AS TEXT) || '@example.com', \
           '+639171234567', 'ABC Corporation', 25000, 'PHP', '2024-01-01T00:00:00.000Z', \
           'applied', 'resume-' || CAST(i AS TEXT), '2024-01-01T00:00:00.000Z', \
           '2024-01-01T00:00:00.000Z' FROM n"
    ))
    .execute(db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO applicant_flags (applicant_id, kind, position) \
         SELECT id, 'stale_data', 0 FROM applicants WHERE id LIKE '%7'",
    )
    .execute(db)
    .await
    .unwrap();
    let officer = server.officer("ana@lender.test").await;

    let started = std::time::Instant::now();
    let export = officer.get("/api/officer/applicants/export.csv").await;
    assert_eq!(export.status(), StatusCode::OK);
    let csv = export.text().await.unwrap();
    println!(
        "export of {SEEDED} applicants: {} bytes in {:?}",
        csv.len(),
        started.elapsed()
    );
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("reference,"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len() as i64, SEEDED);
    let references: HashSet<&str> = rows
        .iter()
        .map(|row| row.split(',').next().unwrap())
        .collect();
    assert_eq!(
        references.len() as i64,
        SEEDED,
        "no row twice, none missing"
    );
    let flagged = rows.iter().filter(|r| r.contains(",stale_data,")).count();
    assert_eq!(flagged, 7_000, "flags fetched for every page");
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'export'")
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(audited, SEEDED, "one audit row per exported applicant");
}
