//! Officer sign-in under attack: the failed-attempt budget holds under concurrency (each
//! attempt is reserved in the database before its password is checked), refusals never
//! extend a lock-out, the buckets hold hashes rather than typed emails, and Argon2 runs at
//! most a few at once per process, whatever the flood. Runs on SQLite, or PostgreSQL with
//! `WINK_TEST_POSTGRES_URL`.

use reqwest::StatusCode;
use rusty_fork::rusty_fork_test;
use serde_json::{json, Value};
use wink_server::officers::password::Verifier;

use crate::common::{on_two_workers, TestServer};

async fn sign_in(server: &TestServer, email: &str, password: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/officer/login", server.url))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

/// `n` sign-ins at once, each with its own email (from `email(i)`); their statuses.
async fn at_once(
    server: &TestServer,
    n: usize,
    email: impl Fn(usize) -> String,
) -> Vec<reqwest::Response> {
    let attempts = (0..n).map(|i| {
        let email = email(i);
        async move { sign_in(server, &email, "wrong-password-guess").await }
    });
    futures_util::future::join_all(attempts).await
}

async fn assert_typed(response: reqwest::Response, code: &str) {
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait >= 1, "Retry-After {wait}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], code, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_guesses_check_at_most_five_passwords() {
    let server = TestServer::start().await;
    server
        .add_officer("ana@lender.test", "officer-password-123")
        .await;
    let responses = at_once(&server, 20, |_| "ana@lender.test".into()).await;
    let (mut checked, mut limited, mut busy) = (0, 0, 0);
    for response in responses {
        match response.status() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                limited += 1;
                assert_typed(response, "RATE_LIMITED").await;
            }
            // A slow machine (Argon2 unoptimised) may leave one waiting past its turn.
            StatusCode::SERVICE_UNAVAILABLE => busy += 1,
            other => panic!("unexpected {other}"),
        }
    }
    // Without the reservation, every guess reads the old count and is checked.
    assert!(checked <= 5, "{checked} passwords checked");
    assert_eq!(checked + limited + busy, 20);
    assert!(limited >= 15, "{limited} refused");
    assert!(checked >= 1, "the budget is used, not refused early");

    // Five failures lock the account, even for the right password (a busy answer was not
    // counted: then fewer failed).
    let locked = sign_in(&server, "ana@lender.test", "officer-password-123").await;
    let expected = if checked == 5 { 429 } else { 200 };
    assert_eq!(locked.status(), expected, "{checked} checked, {busy} busy");
}

#[tokio::test]
async fn refusals_do_not_extend_the_lock_and_old_attempts_are_pruned() {
    let server = TestServer::start().await;
    let db = server.state.db();
    server
        .add_officer("ben@lender.test", "officer-password-456")
        .await;
    for _ in 0..5 {
        let response = sign_in(&server, "ben@lender.test", "wrong-password!").await;
        assert_eq!(response.status(), 401);
    }
    let failures: Vec<String> = sqlx::query_scalar("SELECT DISTINCT attempt FROM login_failures")
        .fetch_all(db)
        .await
        .unwrap();
    assert_eq!(failures.len(), 5);
    // Keys are hashes: nothing typed is stored.
    let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM login_failures")
        .fetch_all(db)
        .await
        .unwrap();
    assert!(
        keys.iter()
            .all(|k| k.len() == 64 && k.chars().all(|c| c.is_ascii_hexdigit())),
        "{keys:?}"
    );
    // Refused attempts while locked...
    for _ in 0..10 {
        let response = sign_in(&server, "ben@lender.test", "wrong-password!").await;
        assert_eq!(response.status(), 429);
    }
    // ...then the five failures age past the window (15 minutes): the officer is in again,
    // because the refusals were never counted.
    let long_ago = wink_server::db::Timestamp::now() - std::time::Duration::from_secs(16 * 60);
    for attempt in &failures {
        sqlx::query("UPDATE login_failures SET at = $1 WHERE attempt = $2")
            .bind(long_ago)
            .bind(attempt)
            .execute(db)
            .await
            .unwrap();
    }
    let back = sign_in(&server, "ben@lender.test", "officer-password-456").await;
    assert_eq!(back.status(), 200, "{}", back.text().await.unwrap());
    let stale: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE at <= $1")
        .bind(long_ago)
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(stale, 0, "attempts older than the window are pruned");
}

#[tokio::test]
async fn the_login_email_is_bounded_and_free_of_control_characters() {
    let server = TestServer::start().await;
    for email in [
        "ana\u{0}@lender.test".to_owned(),
        format!("{}@lender.test", "a".repeat(250)),
    ] {
        let response = sign_in(&server, &email, "whatever-password").await;
        assert_eq!(response.status(), 422);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["fields"][0]["field"], "email", "{body}");
    }
}

#[test]
fn ipv6_clients_share_a_bucket_per_64() {
    use wink_server::client_addr::ClientAddr;
    let address_bucket = |ip: Option<std::net::IpAddr>| ClientAddr(ip).budget_key();
    let a = address_bucket(Some("2001:db8:1:2:aaaa::1".parse().unwrap()));
    let b = address_bucket(Some("2001:db8:1:2:bbbb::9".parse().unwrap()));
    let c = address_bucket(Some("2001:db8:1:3::1".parse().unwrap()));
    assert_eq!(a, b);
    assert_eq!(a, "2001:db8:1:2::/64");
    assert_ne!(a, c);
    assert_eq!(
        address_bucket(Some("::ffff:10.0.0.7".parse().unwrap())),
        "10.0.0.7"
    );
}

rusty_fork_test! {
    /// 200 sign-ins at once (each its own account, so no budget refuses them): Argon2
    /// never runs more than 2 × cores at once, the rest wait briefly and then get 503 with
    /// Retry-After, and the process's peak memory stays far below 200 × 19 MiB. The
    /// verifier and the peak are the process's: this runs in a process of its own, so
    /// the flood's 503s land in no other test and no other test adds to the peak.
    #[test]
    fn a_flood_of_sign_ins_is_capped_in_argon2_and_memory() {
        on_two_workers(a_flood_of_sign_ins_in_this_process());
    }
}

async fn a_flood_of_sign_ins_in_this_process() {
    let server = TestServer::start_with(&["--login-max-failures-per-address", "100000"]).await;
    let responses = at_once(&server, 200, |i| format!("nobody{i}@lender.test")).await;
    let (mut checked, mut busy) = (0, 0);
    for response in responses {
        match response.status() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                busy += 1;
                assert_typed(response, "UNAVAILABLE").await;
            }
            other => panic!("unexpected {other}"),
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let peak = Verifier::global().peak();
    let rss = peak_rss_kib();
    println!(
        "200 concurrent sign-ins: {checked} checked, {busy} answered 503; \
         at most {peak} Argon2 at once (cap {}); peak RSS {} MiB",
        2 * cores,
        rss / 1024
    );
    assert!(peak <= 2 * cores, "{peak} verifications at once");
    assert!(checked >= 1);
    // 200 concurrent Argon2 would need about 3.8 GiB of buffers; with fresh buffers per
    // check (kept by the allocator) the peak reached ~1 GiB; reused ones stay near
    // cap × 19 MiB plus the rest of this test process.
    assert!(rss < 400 * 1024, "peak RSS {} MiB", rss / 1024);
    // The busy sign-ins were not counted: no reservation is left for them.
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT attempt) FROM login_failures")
        .fetch_one(server.state.db())
        .await
        .unwrap();
    assert_eq!(rows, checked as i64);
}

/// The process's peak resident set (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}
