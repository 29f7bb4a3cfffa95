//! The real binary: start-up errors, the printed address, graceful shutdown on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_wink-server");

#[test]
fn bad_variable_is_named_at_start_up() {
    let output = Command::new(BIN)
        .env("SMILE_MODE", "staging")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("SMILE_MODE"), "{stderr}");

    let output = Command::new(BIN)
        .env("WINK_ADDR", "localhost-ish")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("WINK_ADDR"), "{stderr}");
}

#[test]
fn real_modes_name_the_missing_key_never_a_value() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .env("SMILE_MODE", "production")
        .env("SMILE_API_KEY", "pk-live-should-not-print")
        .env_remove("SMILE_API_SECRET")
        .env("WINK_ADDR", "127.0.0.1:0")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("wink.db").display()),
        )
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("SMILE_API_SECRET"), "{stderr}");
    assert!(!stderr.contains("pk-live-should-not-print"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn serves_then_stops_cleanly_on_sigterm() {
    let dist = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .env("WINK_ADDR", "127.0.0.1:0")
        .env("WINK_DIST_DIR", dist.path())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dist.path().join("wink.db").display()),
        )
        .env_remove("SMILE_MODE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("wink-server listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();

    let body = http_get(&url, "/api/info");
    assert!(body.contains(r#""mode":"emulator""#), "{body}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status after SIGTERM: {status}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "did not stop within 10 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A minimal HTTP/1.1 GET: enough for a smoke test without another client crate.
fn http_get(base: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let host = base.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    response
}

#[test]
fn officer_add_stores_an_argon2id_hash_and_refuses_short_passwords() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("wink.db").display());
    let run = |password: &str| {
        let mut child = Command::new(BIN)
            .args(["officer", "add", "--email", "Ana@Lender.test"])
            .env("DATABASE_URL", &db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let short = run("short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12"));

    let added = run("a long enough password");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let stdout = String::from_utf8_lossy(&added.stdout);
    assert!(!stdout.contains("a long enough password"), "{stdout}");
    let hash: (String, String) = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let pool = wink_server::db::connect(&db).await.unwrap();
        sqlx::query_as("SELECT email, password_hash FROM officers")
            .fetch_one(&pool)
            .await
            .unwrap()
    });
    assert_eq!(hash.0, "ana@lender.test");
    assert!(hash.1.starts_with("$argon2id$"), "{}", hash.1);
}

#[test]
fn emulator_mode_prints_the_demo_officer_after_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .env("WINK_ADDR", "127.0.0.1:0")
        .env("SMILE_MODE", "emulator")
        .env("WINK_BACKGROUND", "false")
        .env("WINK_DEMO_OFFICER_PASSWORD", "demo-password-123")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("wink.db").display()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(
        first.starts_with("wink-server listening on http://"),
        "{first}"
    );
    let second = lines.next().unwrap().unwrap();
    assert!(second.contains("officer@wink.test"), "{second}");
    assert!(
        !second.contains("demo-password-123"),
        "a given password is not echoed"
    );
    let url = first
        .trim_start_matches("wink-server listening on ")
        .to_owned();
    let status = tokio::runtime::Runtime::new().unwrap().block_on(async {
        reqwest::Client::new()
            .post(format!("{url}/api/officer/login"))
            .json(
                &serde_json::json!({"email": "officer@wink.test", "password": "demo-password-123"}),
            )
            .send()
            .await
            .unwrap()
            .status()
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200);
}

#[test]
fn json_logs_carry_the_request_id_and_route_pattern_not_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .env("WINK_ADDR", "127.0.0.1:0")
        .env("SMILE_MODE", "emulator")
        .env("WINK_BACKGROUND", "false")
        .env("WINK_LOG_FORMAT", "json")
        .env("RUST_LOG", "info,tower_http=debug")
        .env("WINK_DEMO_OFFICER_PASSWORD", "demo-password-123")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("wink.db").display()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .trim_start_matches("wink-server listening on ")
        .to_owned();
    let (status, request_id) = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let response = reqwest::get(format!("{url}/api/invites/secret-invite-token-123"))
            .await
            .unwrap();
        let id = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        (response.status(), id)
    });
    assert_eq!(status, 404);
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains(&request_id))
        .unwrap_or_else(|| panic!("no log line with the request id in:\n{stderr}"));
    let json: serde_json::Value = serde_json::from_str(line).expect("a JSON log line");
    assert_eq!(json["span"]["route"], "/api/invites/{token}", "{line}");
    assert!(!stderr.contains("secret-invite-token-123"), "{stderr}");
}
