//! The loan officer's API over HTTP against the embedded emulator: authorization on every
//! route, sessions, login limits, cross-site refusal, the list, the detail, the workflow,
//! the audit trail and deletion.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use wink_api::officer::{ApplicantDetail, ApplicantPage, AuditTrail, ReviewStatus};
use wink_api::summary::FlagKind;
use wink_server::GUARDED_OFFICER_ROUTES as GUARDED_ROUTES;

use crate::common::{event, table_names, webhook_request, Browser, TestServer};

/// George applies and links `sss_ph`; returns (applicant id, account id).
async fn george_linked(server: &TestServer) -> (String, String) {
    let (george, account_id) = server.george_linked(json!({})).await;
    (george.id, account_id)
}

/// An applicant who applied but linked nothing.
async fn applicant(server: &TestServer, name: &str, email: &str) -> (Browser, String) {
    let browser = server.browser();
    let created = browser
        .post(
            "/api/applications",
            &json!({"fullName": name, "email": email, "mobile": "+639171234567",
                    "employer": "ABC Corporation", "monthlyIncome": "25000", "consent": true}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    (
        browser,
        created["application"]["id"].as_str().unwrap().to_owned(),
    )
}

fn path_for(route: &str, id: &str) -> String {
    route.replace("{id}", id)
}

async fn status_of(browser: &Browser, method: &Method, path: &str) -> StatusCode {
    browser.send(method.clone(), path).await.status()
}

#[tokio::test]
async fn every_officer_route_needs_an_officer_session() {
    let server = TestServer::start().await;
    let (applicant_browser, id) = applicant(&server, "Maria Santos", "maria@example.com").await;
    let nobody = server.browser();
    for (method, route) in GUARDED_ROUTES {
        let path = path_for(route, &id);
        assert_eq!(
            status_of(&nobody, method, &path).await,
            401,
            "{method} {path}"
        );
        assert_eq!(
            status_of(&applicant_browser, method, &path).await,
            403,
            "{method} {path} with an applicant session"
        );
    }
    // Paths that do not exist are guarded too.
    assert_eq!(
        status_of(&nobody, &Method::GET, "/api/officer/nothing-here").await,
        401
    );

    // The table is honest: with an officer session every route is really there.
    let officer = server.officer("ana@lender.test").await;
    for (method, route) in GUARDED_ROUTES {
        if *method == Method::DELETE || route.ends_with("/logout") || route.ends_with("/stream") {
            continue; // Run last / long-lived; covered by their own tests.
        }
        let status = status_of(&officer, method, &path_for(route, &id)).await;
        assert!(
            ![401, 403, 404, 405].contains(&status.as_u16()),
            "{method} {route}: {status}"
        );
    }
}

/// The cookie value the last response set, if any.
fn set_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("wink_officer="))
        .map(str::to_owned)
}

fn plain_client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn me_with(server: &TestServer, cookie: &str) -> StatusCode {
    plain_client()
        .get(format!("{}/api/officer/me", server.url))
        .header("cookie", format!("wink_officer={cookie}"))
        .send()
        .await
        .unwrap()
        .status()
}

async fn login_raw(
    server: &TestServer,
    email: &str,
    password: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = plain_client()
        .post(format!("{}/api/officer/login", server.url))
        .json(&json!({"email": email, "password": password}));
    if let Some(cookie) = cookie {
        request = request.header("cookie", format!("wink_officer={cookie}"));
    }
    request.send().await.unwrap()
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .trim_start_matches("wink_officer=")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn sessions_are_fresh_at_login_strict_and_expire() {
    let server = TestServer::start().await;
    server
        .add_officer("ana@lender.test", "officer-password-123")
        .await;

    // Fixation: a cookie planted before login is never the signed-in one.
    let planted = "a".repeat(64);
    let login = login_raw(
        &server,
        "ana@lender.test",
        "officer-password-123",
        Some(&planted),
    )
    .await;
    assert_eq!(login.status(), 200);
    let cookie = set_cookie(&login).expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let token = cookie_value(&cookie);
    assert_ne!(token, planted);
    assert_eq!(me_with(&server, &planted).await, 401);
    assert_eq!(me_with(&server, &token).await, 200);

    // A second login gets another id; both are separate sessions.
    let again = cookie_value(
        &set_cookie(&login_raw(&server, "ANA@lender.test ", "officer-password-123", None).await)
            .unwrap(),
    );
    assert_ne!(again, token);

    // Idle: 14 minutes is fine (and restarts the clock), 16 is not.
    let db = server.state.db();
    let idle = |minutes: i64| {
        let at = wink_server::db::Timestamp::now()
            - std::time::Duration::from_secs(60 * minutes.unsigned_abs());
        sqlx::query("UPDATE officer_sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(at)
            .bind(wink_server::db::sessions::hash_token(&token))
            .execute(db)
    };
    idle(14).await.unwrap();
    assert_eq!(me_with(&server, &token).await, 200);
    idle(16).await.unwrap();
    assert_eq!(me_with(&server, &token).await, 401);
    assert_eq!(
        me_with(&server, &token).await,
        401,
        "an expired session stays dead"
    );

    // Absolute: past its end, however active.
    sqlx::query("UPDATE officer_sessions SET expires_at = $1 WHERE token_hash = $2")
        .bind(wink_server::db::Timestamp::now() - std::time::Duration::from_secs(1))
        .bind(wink_server::db::sessions::hash_token(&again))
        .execute(db)
        .await
        .unwrap();
    assert_eq!(me_with(&server, &again).await, 401);

    // Logout, then replaying the old cookie.
    let third = cookie_value(
        &set_cookie(&login_raw(&server, "ana@lender.test", "officer-password-123", None).await)
            .unwrap(),
    );
    let logout = plain_client()
        .post(format!("{}/api/officer/logout", server.url))
        .header("cookie", format!("wink_officer={third}"))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    assert_eq!(me_with(&server, &third).await, 401);
}

#[tokio::test]
async fn wrong_passwords_are_limited_per_account_and_per_address() {
    let server = TestServer::start().await;
    server
        .add_officer("ana@lender.test", "officer-password-123")
        .await;
    for _ in 0..5 {
        let response = login_raw(&server, "ana@lender.test", "wrong-password!", None).await;
        assert_eq!(response.status(), 401);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "UNAUTHORIZED");
    }
    // Locked now, even with the right password.
    let limited = login_raw(&server, "ana@lender.test", "officer-password-123", None).await;
    assert_eq!(limited.status(), 429);
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&wait), "{wait}");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["error"]["code"], "RATE_LIMITED");

    // Per address: many accounts guessed from one address.
    for i in 0..15 {
        let response = login_raw(
            &server,
            &format!("nobody{i}@lender.test"),
            "guess-guess-guess",
            None,
        )
        .await;
        assert_eq!(response.status(), 401, "attempt {i}");
    }
    server
        .add_officer("ben@lender.test", "officer-password-456")
        .await;
    let blocked = login_raw(&server, "ben@lender.test", "officer-password-456", None).await;
    assert_eq!(blocked.status(), 429, "20 failures from this address");
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (_, id) = applicant(&server, "Maria Santos", "maria@example.com").await;
    let note = |site: Option<&'static str>, origin: Option<&'static str>| {
        let mut request = officer
            .http
            .post(format!("{}/api/officer/applicants/{id}/notes", server.url))
            .json(&json!({"text": "Called the employer."}));
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.send()
    };
    assert_eq!(note(Some("cross-site"), None).await.unwrap().status(), 403);
    assert_eq!(
        note(None, Some("https://evil.example"))
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(note(Some("same-origin"), None).await.unwrap().status(), 201);
    let notes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM officer_notes")
        .fetch_one(server.state.db())
        .await
        .unwrap();
    assert_eq!(notes, 1, "the refused requests stored nothing");
    // A cross-site login attempt is refused too (login CSRF).
    let login = plain_client()
        .post(format!("{}/api/officer/login", server.url))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"email": "ana@lender.test", "password": "officer-password-123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 403);
}

async fn page(officer: &Browser, query: &str) -> ApplicantPage {
    let response = officer
        .get(&format!("/api/officer/applicants?{query}"))
        .await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.unwrap()
}

/// The list page for `query` once `ready` holds (the derived columns are stored after a
/// sync commits its data); the last page read if it never does within 20 s.
async fn page_until(
    officer: &Browser,
    query: &str,
    ready: impl Fn(&ApplicantPage) -> bool,
) -> ApplicantPage {
    let mut last = page(officer, query).await;
    for _ in 0..200 {
        if ready(&last) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        last = page(officer, query).await;
    }
    last
}

#[tokio::test]
async fn the_list_searches_filters_sorts_counts_and_pages() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (_, maria) = applicant(&server, "Maria Santos", "maria@example.com").await;
    let (_, jose) = applicant(&server, "José Rizal", "jose@example.com").await;
    let (_, andres) = applicant(&server, "Andres Bonifacio", "andres@example.net").await;

    let all = page(&officer, "").await;
    assert_eq!(all.total, 3);
    // Each name shown is audited.
    assert_eq!(audit_rows(&server, &maria, "view_list").await, 1);
    page(&officer, "perPage=1").await;
    assert_eq!(
        audit_rows(&server, &maria, "view_list").await,
        1,
        "not on that page"
    );
    assert_eq!(audit_rows(&server, &andres, "view_list").await, 2);
    assert_eq!(all.items[0].id, andres, "most recently changed first");
    let awaiting = all
        .counts
        .iter()
        .find(|c| c.status == ReviewStatus::AwaitingLink)
        .unwrap();
    assert_eq!(awaiting.count, 3);

    assert_eq!(page(&officer, "q=SANTOS").await.items[0].id, maria);
    assert_eq!(page(&officer, "q=example.net").await.total, 1);
    let reference = page(&officer, "q=jos").await.items[0].reference.clone();
    assert_eq!(
        page(&officer, &format!("q={}", reference.to_lowercase()))
            .await
            .items[0]
            .id,
        jose
    );
    assert_eq!(
        page(&officer, "q=%25").await.total,
        0,
        "LIKE wildcards are literal"
    );
    // Searches of 3+ characters go through the trigram index on SQLite (migration 0013);
    // its query syntax is literal text too, and shorter searches still find substrings.
    assert_eq!(page(&officer, "q=san*").await.total, 0, "no prefix query");
    assert_eq!(page(&officer, "q=%22%20OR%20%22").await.total, 0);
    assert_eq!(page(&officer, "q=ria%20sa").await.items[0].id, maria);
    assert_eq!(page(&officer, "q=ri").await.total, 2, "Maria and Rizal");
    assert_eq!(page(&officer, "q=%C3%A9%20r").await.items[0].id, jose);
    assert_eq!(
        page(&officer, "q=JOS%C3%A9%20RIZAL").await.items[0].id,
        jose
    );
    // Name and email are searched apart: no match runs from one into the other.
    assert_eq!(page(&officer, "q=santos%0Amaria").await.total, 0);
    assert_eq!(page(&officer, "q=santosmaria").await.total, 0);

    let by_name = page(&officer, "sort=name").await;
    let names: Vec<&str> = by_name.items.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(names, ["Andres Bonifacio", "José Rizal", "Maria Santos"]);
    let oldest = page(&officer, "sort=oldest&perPage=2&page=2").await;
    assert_eq!((oldest.total, oldest.items.len()), (3, 1));
    assert_eq!(oldest.items[0].id, andres);

    // A decision moves one to "approved"; the chips count across statuses.
    let decided = officer
        .post(
            &format!("/api/officer/applicants/{maria}/decision"),
            &json!({"outcome": "approve", "reason": "Verified employment and income."}),
        )
        .await;
    assert_eq!(decided.status(), 200);
    let approved = page(&officer, "status=approved").await;
    assert_eq!(approved.total, 1);
    assert_eq!(approved.items[0].status, ReviewStatus::Approved);
    let count =
        |p: &ApplicantPage, s: ReviewStatus| p.counts.iter().find(|c| c.status == s).unwrap().count;
    assert_eq!(count(&approved, ReviewStatus::Approved), 1);
    assert_eq!(count(&approved, ReviewStatus::AwaitingLink), 2);

    for bad in [
        "status=nope",
        "flag=nope",
        "sort=nope",
        "page=0",
        "perPage=500",
    ] {
        let response = officer.get(&format!("/api/officer/applicants?{bad}")).await;
        assert_eq!(response.status(), 400, "{bad}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "INVALID_REQUEST");
    }
    // A decision needs a reason.
    let no_reason = officer
        .post(
            &format!("/api/officer/applicants/{jose}/decision"),
            &json!({"outcome": "decline", "reason": " "}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);
}

async fn audit_rows(server: &TestServer, applicant_id: &str, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE applicant_id = $1 AND action = $2")
        .bind(applicant_id)
        .bind(action)
        .fetch_one(server.state.db())
        .await
        .unwrap()
}

async fn wait_for_status(officer: &Browser, id: &str, status: ReviewStatus) -> ApplicantDetail {
    for _ in 0..200 {
        let detail: ApplicantDetail = officer
            .get_json(&format!("/api/officer/applicants/{id}"))
            .await;
        if detail.status == status {
            return detail;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("applicant {id} never became {status}");
}

#[tokio::test]
async fn the_detail_shows_verified_data_and_every_view_is_audited() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (id, account_id) = george_linked(&server).await;
    let before = audit_rows(&server, &id, "view_detail").await;
    let detail = wait_for_status(&officer, &id, ReviewStatus::Ready).await;
    let views = audit_rows(&server, &id, "view_detail").await - before;
    assert!(views >= 1);

    assert_eq!(detail.accounts.len(), 1);
    assert_eq!(detail.accounts[0].account_id, account_id);
    assert!(detail.accounts[0].last_synced_at.is_some());
    assert_eq!(
        detail.identities[0].full_name,
        "George Cimafranca Palomero, Jr"
    );
    assert!(!detail.contributions.is_empty());
    assert!(!detail.employments.is_empty());
    assert!(detail.summary.name.score.unwrap() >= 90);
    // George's four months without work.
    let gap = detail
        .summary
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::ContributionGap)
        .expect("George's contribution gap is flagged");
    assert!(gap.reason.contains("4 months"), "{}", gap.reason);
    assert!(detail
        .timeline
        .iter()
        .any(|e| e.kind == "ACCOUNT_CONNECTED"));

    // The list carries the flag, and filters on it. The detail computes its status when
    // asked; the list's columns are stored just after the sync that changed them, so the
    // list may be a moment behind the detail.
    let flagged = page_until(&officer, "flag=contribution_gap", |page| {
        !page.items.is_empty()
    })
    .await;
    assert_eq!(
        flagged
            .items
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        [id.as_str()]
    );

    // Exactly one audit row per view.
    let before = audit_rows(&server, &id, "view_detail").await;
    for _ in 0..3 {
        assert_eq!(
            officer
                .get(&format!("/api/officer/applicants/{id}"))
                .await
                .status(),
            200
        );
    }
    assert_eq!(audit_rows(&server, &id, "view_detail").await - before, 3);
    // An export audits each exported applicant.
    let csv = officer
        .get("/api/officer/applicants/export.csv?flag=contribution_gap")
        .await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("reference,full_name,"));
    assert!(text.contains("George Palomero Jr."));
    assert_eq!(audit_rows(&server, &id, "export").await, 1);

    let trail: AuditTrail = officer
        .get_json(&format!("/api/officer/applicants/{id}/audit"))
        .await;
    assert!(trail.entries.len() >= 5);
    assert!(trail
        .entries
        .iter()
        .all(|e| e.officer_email == "ana@lender.test"));
}

#[tokio::test]
async fn the_audit_table_is_append_only() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (_, id) = applicant(&server, "Maria Santos", "maria@example.com").await;
    officer.get(&format!("/api/officer/applicants/{id}")).await;
    let db = server.state.db();
    assert!(sqlx::query("UPDATE audit_log SET officer_email = 'x'")
        .execute(db)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(db)
        .await
        .is_err());
    assert_eq!(audit_rows(&server, &id, "view_detail").await, 1);
}

/// A large export is audited row for row: 1,203 applicants span several multi-row inserts.
#[tokio::test]
async fn a_large_audit_write_keeps_one_row_per_applicant() {
    use wink_server::db::audit::{self, Actor};
    let server = TestServer::start().await;
    let ids: Vec<String> = (0..1203).map(|i| format!("applicant-{i:04}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let actor = Actor {
        officer_id: "officer-1".into(),
        email: "ana@lender.test".into(),
    };
    audit::record(
        server.state.db(),
        &actor,
        &refs,
        wink_api::officer::AuditAction::Export,
    )
    .await
    .unwrap();
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT officer_id, officer_email, applicant_id, action FROM audit_log ORDER BY id",
    )
    .fetch_all(server.state.db())
    .await
    .unwrap();
    assert_eq!(rows.len(), 1203);
    for (row, id) in rows.iter().zip(&ids) {
        assert_eq!(
            (
                row.0.as_str(),
                row.1.as_str(),
                row.2.as_str(),
                row.3.as_str()
            ),
            ("officer-1", "ana@lender.test", id.as_str(), "export")
        );
    }
}

#[tokio::test]
async fn deleting_revokes_at_smile_purges_and_ignores_later_webhooks() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (id, account_id) = george_linked(&server).await;
    wait_for_status(&officer, &id, ReviewStatus::Ready).await;
    let note = officer
        .post(
            &format!("/api/officer/applicants/{id}/notes"),
            &json!({"text": "George called."}),
        )
        .await;
    assert_eq!(note.status(), 201);
    let smile_user: String =
        sqlx::query_scalar("SELECT smile_user_id FROM applicants WHERE id = $1")
            .bind(&id)
            .fetch_one(server.state.db())
            .await
            .unwrap();
    // Counts Smile's DELETEs (a rule without statuses only counts).
    let rule = server
        .emulator(
            Method::POST,
            "/_emulator/faults",
            Some(json!({"endpoint": "DELETE /v1/accounts/*"})),
        )
        .await;

    let deleted = officer
        .send(Method::DELETE, &format!("/api/officer/applicants/{id}"))
        .await;
    assert_eq!(deleted.status(), 204);
    let rules = server
        .emulator(Method::GET, "/_emulator/faults", None)
        .await;
    let matched = rules
        .as_array()
        .or_else(|| rules["rules"].as_array())
        .unwrap()
        .iter()
        .find(|r| r["id"] == rule["id"])
        .unwrap()["matched"]
        .as_u64();
    assert_eq!(matched, Some(1), "one DELETE for the one account");
    let at_smile: Value = server
        .emulator_request(Method::GET, &format!("/v1/accounts/{account_id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(at_smile["data"]["connectionStatus"], "CONNECTED");

    // No personal data left anywhere: every table searched for the name, email and ids.
    let db = server.state.db();
    let tables: Vec<String> = table_names(db)
        .await
        .into_iter()
        .filter(|t| !["audit_log", "applicant_tombstones", "webhook_inbox"].contains(&t.as_str()))
        .collect();
    for table in &tables {
        let rows: Vec<sqlx::any::AnyRow> = sqlx::query(&format!("SELECT * FROM {table}"))
            .fetch_all(db)
            .await
            .unwrap();
        for row in rows {
            use sqlx::{Column, Row, ValueRef};
            for column in row.columns() {
                let raw = row.try_get_raw(column.ordinal()).unwrap();
                if raw.is_null() {
                    continue;
                }
                let text: Option<String> = row.try_get(column.ordinal()).ok();
                if let Some(text) = text {
                    for needle in [
                        "Palomero",
                        "gpalomero1234",
                        "639559991234",
                        id.as_str(),
                        account_id.as_str(),
                    ] {
                        assert!(
                            !text.contains(needle),
                            "{table}.{} still holds {needle}",
                            column.name()
                        );
                    }
                }
            }
        }
    }
    let tombstones: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM applicant_tombstones WHERE applicant_id = $1")
            .bind(&id)
            .fetch_one(db)
            .await
            .unwrap();
    assert_eq!(tombstones, 1);
    assert!(audit_rows(&server, &id, "delete").await == 1);
    assert_eq!(
        officer
            .get(&format!("/api/officer/applicants/{id}"))
            .await
            .status(),
        404
    );
    let trail = officer
        .get(&format!("/api/officer/applicants/{id}/audit"))
        .await;
    assert_eq!(trail.status(), 200, "the trail outlives the applicant");

    // A later webhook for that Smile user stores nothing.
    let inbox_before = wink_server::db::inbox::count(db, None).await.unwrap();
    let body = event(
        "evt-after-delete",
        "INCOMES_ADDED",
        json!({"userId": smile_user, "accountId": account_id}),
    );
    let signature = server.sign(&body);
    let hook = webhook_request(&plain_client(), &server.url, body, Some(&signature))
        .send()
        .await
        .unwrap();
    assert_eq!(hook.status(), 200);
    assert_eq!(
        wink_server::db::inbox::count(db, None).await.unwrap(),
        inbox_before
    );
}

#[tokio::test]
async fn an_invitation_prefills_once_and_expires() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let invite: Value = officer
        .post_json(
            "/api/officer/invites",
            &json!({"fullName": "Liza Soberano", "email": "liza@example.com"}),
        )
        .await;
    let path = invite["path"].as_str().unwrap();
    let token = path.split("invite=").nth(1).unwrap();
    let visitor = server.browser();
    let prefill: Value = visitor.get_json(&format!("/api/invites/{token}")).await;
    assert_eq!(prefill["fullName"], "Liza Soberano");
    assert_eq!(prefill["mobile"], "");
    let form = json!({"fullName": "Liza Soberano", "email": "liza@example.com",
        "mobile": "+639171234567", "employer": "ABC Corporation", "monthlyIncome": "30000",
        "consent": true, "invite": token});
    assert_eq!(visitor.post("/api/applications", &form).await.status(), 201);
    // Single use.
    assert_eq!(
        visitor.get(&format!("/api/invites/{token}")).await.status(),
        410
    );
    let again = server.browser().post("/api/applications", &form).await;
    assert_eq!(again.status(), 410);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["error"]["code"], "GONE");
    assert_eq!(
        server
            .browser()
            .get("/api/invites/not-a-token")
            .await
            .status(),
        404
    );
    // Expired.
    let second: Value = officer.post_json("/api/officer/invites", &json!({})).await;
    let token = second["path"]
        .as_str()
        .unwrap()
        .split("invite=")
        .nth(1)
        .unwrap()
        .to_owned();
    sqlx::query("UPDATE invites SET expires_at = '2000-01-01T00:00:00.000Z' WHERE used_at IS NULL")
        .execute(server.state.db())
        .await
        .unwrap();
    assert_eq!(
        visitor.get(&format!("/api/invites/{token}")).await.status(),
        410
    );
}

#[tokio::test]
async fn the_officers_stream_announces_changes() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let mut stream = officer.get("/api/officer/stream").await;
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let (_, id) = applicant(&server, "Maria Santos", "maria@example.com").await;
    let mut seen = String::new();
    let found = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(chunk) = stream.chunk().await.unwrap() {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if seen.contains(&id) {
                return true;
            }
        }
        false
    })
    .await
    .unwrap_or(false);
    assert!(found, "{seen}");
    assert!(seen.contains("event: applicant"), "{seen}");
}

/// P7.
#[tokio::test]
async fn retention_erases_expired_applicants_and_keeps_the_rest() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    let (_, old) = applicant(&server, "Maria Santos", "maria@example.com").await;
    let (_, recent) = applicant(&server, "José Rizal", "jose@example.com").await;
    sqlx::query("UPDATE applicants SET updated_at = '2024-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(&old)
        .execute(server.state.db())
        .await
        .unwrap();
    let erased = wink_server::erasure::purge_expired(&server.state, 365)
        .await
        .unwrap();
    assert_eq!(erased, 1);
    let left: Vec<String> = sqlx::query_scalar("SELECT id FROM applicants")
        .fetch_all(server.state.db())
        .await
        .unwrap();
    assert_eq!(left, [recent]);
    let by: String =
        sqlx::query_scalar("SELECT deleted_by FROM applicant_tombstones WHERE applicant_id = $1")
            .bind(&old)
            .fetch_one(server.state.db())
            .await
            .unwrap();
    assert_eq!(by, "retention");
    assert_eq!(audit_rows(&server, &old, "delete").await, 1);
}

#[tokio::test]
async fn outside_the_rollout_applicants_take_the_manual_path() {
    let server = TestServer::start_with(&[
        "--rollout-percent",
        "0",
        "--rollout-allowlist",
        "@lender.test",
    ])
    .await;
    let officer = server.officer("ana@lender.test").await;
    let (manual_browser, manual) = applicant(&server, "Maria Santos", "maria@example.com").await;
    let me: Value = manual_browser.get_json("/api/applications/me").await;
    assert_eq!(me["verification"], "manual");
    // No Smile user, and no widget: a clear 409.
    let user: Option<String> =
        sqlx::query_scalar("SELECT smile_user_id FROM applicants WHERE id = $1")
            .bind(&manual)
            .fetch_one(server.state.db())
            .await
            .unwrap();
    assert_eq!(user, None);
    let config = manual_browser.get("/api/link/config").await;
    assert_eq!(config.status(), 409);
    let body: Value = config.json().await.unwrap();
    assert_eq!(body["error"]["code"], "CONFLICT");

    // Staff on the allow-list always take the Wink path.
    let (staff, _) = server
        .george_linked(json!({"email": "tester@lender.test"}))
        .await;
    let staff = staff.id;
    let detail: ApplicantDetail = officer
        .get_json(&format!("/api/officer/applicants/{manual}"))
        .await;
    assert_eq!(detail.status, ReviewStatus::Manual);
    wait_for_status(&officer, &staff, ReviewStatus::Ready).await;

    let report: Value = officer.get_json("/api/officer/rollout").await;
    assert_eq!(report["percent"], 0);
    assert_eq!(report["allowlistEntries"], 1);
    let cohort = |name: &str| {
        report["cohorts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["cohort"] == name)
            .unwrap()
            .clone()
    };
    let wink = cohort("wink");
    assert_eq!(
        (
            wink["applied"].as_u64(),
            wink["started"].as_u64(),
            wink["connected"].as_u64(),
            wink["synced"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1))
    );
    let manual_cohort = cohort("manual");
    assert_eq!(
        (
            manual_cohort["applied"].as_u64(),
            manual_cohort["started"].as_u64()
        ),
        (Some(1), Some(0))
    );
    assert_eq!(page(&officer, "status=manual").await.total, 1);
}
