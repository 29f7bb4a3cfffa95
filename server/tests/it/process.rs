//! The real binary: start-up errors, the printed address, graceful shutdown on SIGTERM.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{listening_url, server_command, signal, BIN, REPORT_SIGNING_KEY};

/// A SQLite database in `dir`.
fn sqlite_in(dir: &std::path::Path) -> String {
    format!("sqlite://{}", dir.join("wink.db").display())
}

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
        .env("DATABASE_URL", sqlite_in(dir.path()))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("SMILE_API_SECRET"), "{stderr}");
    assert!(!stderr.contains("pk-live-should-not-print"), "{stderr}");
}

#[test]
fn an_unreachable_postgres_is_named_never_its_password() {
    // A port nothing listens on: connections are refused at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = std::time::Instant::now();
    let output = Command::new(BIN)
        .env("WINK_ADDR", "127.0.0.1:0")
        .env("SMILE_MODE", "emulator")
        // Past emulator mode's refusal of PostgreSQL, to the connection itself.
        .env("WINK_EMULATOR_ANYWHERE", "1")
        .env(
            "DATABASE_URL",
            format!("postgres://wink:pw-db-secret@127.0.0.1:{port}/wink"),
        )
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    assert!(!stderr.contains("pw-db-secret"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "gave up after {:?}",
        started.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn serves_then_stops_cleanly_on_sigterm() {
    let dist = tempfile::tempdir().unwrap();
    let mut child = server_command(&sqlite_in(dist.path()))
        .env("WINK_DIST_DIR", dist.path())
        .env_remove("SMILE_MODE")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (url, _stdout) = listening_url(&mut child);

    let body = http_get(&url, "/api/info");
    assert!(body.contains(r#""mode":"emulator""#), "{body}");

    signal(&child, "TERM");
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
    let db = sqlite_in(dir.path());
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
    let mut child = emulator_mode(dir.path())
        .env("WINK_DEMO_OFFICER_PASSWORD", "demo-password-123")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (url, mut lines) = listening_url(&mut child);
    assert!(url.starts_with("http://"), "{url}");
    let second = lines.next().unwrap().unwrap();
    assert!(second.contains("officer@wink.test"), "{second}");
    assert!(
        !second.contains("demo-password-123"),
        "a given password is not echoed"
    );
    let status = demo_officer_sign_in(&url, "demo-password-123");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200);
}

/// Signs in to the server at `url` as the demo officer with `password`; the answer's status.
fn demo_officer_sign_in(url: &str, password: &str) -> reqwest::StatusCode {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        reqwest::Client::new()
            .post(format!("{url}/api/officer/login"))
            .json(&serde_json::json!({"email": "officer@wink.test", "password": password}))
            .send()
            .await
            .unwrap()
            .status()
    })
}

#[test]
fn json_logs_carry_the_request_id_and_route_pattern_not_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = spawn_with_json_logs(dir.path());
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

/// Secret values of the configuration matrix: none may ever be printed.
const MATRIX_SECRETS: [&str; 6] = [
    REPORT_SIGNING_KEY,
    "pk-live-never-printed",
    "sk-live-never-printed",
    "whsec-never-printed",
    "sandbox-emulator-key",
    "sandbox-emulator-secret",
];

/// Runs the binary with only `env` set, in `dir` (so no stray `secrets.env` is read); kills
/// it after 20 s. Returns (exit success, stdout, stderr).
fn run_with(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, String)],
) -> (bool, String, String) {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_clear()
        .current_dir(dir)
        .env("WINK_ADDR", "127.0.0.1:0")
        .env("WINK_BACKGROUND", "false")
        .env("DATABASE_URL", sqlite_in(dir))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{args:?} {env:?}: still running after 20 s (it should have refused to start)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Variables to set (`Some`) or remove (`None`) from a valid configuration.
type Changes<'a> = Vec<(&'a str, Option<&'a str>)>;

fn real_mode_env(mode: &str) -> Vec<(&'static str, String)> {
    vec![
        ("SMILE_MODE", mode.to_owned()),
        ("SMILE_API_KEY", "pk-live-never-printed".to_owned()),
        ("SMILE_API_SECRET", "sk-live-never-printed".to_owned()),
        ("SMILE_WEBHOOK_SECRET", "whsec-never-printed".to_owned()),
        ("WINK_PUBLIC_URL", "https://loans.example.com".to_owned()),
        ("WINK_REPORT_SIGNING_KEY", REPORT_SIGNING_KEY.to_owned()),
    ]
}

#[cfg(unix)]
fn write_secrets_file(path: &std::path::Path, content: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, content).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Each missing or inconsistent variable, in sandbox and production mode, stops both the
/// server and `check-config` with a non-zero exit naming the variable, never a value.
#[cfg(unix)]
#[test]
fn configuration_matrix_names_the_variable_never_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let loose = dir.path().join("loose-secrets.env");
    write_secrets_file(&loose, "SMILE_API_SECRET=sk-live-never-printed\n", 0o644);
    let loose = loose.display().to_string();
    let missing = dir.path().join("no-such-secrets.env").display().to_string();
    for mode in ["sandbox", "production"] {
        let other_host = if mode == "production" {
            "https://sandbox.smileapi.io/v1"
        } else {
            "https://open.smileapi.io/v1"
        };
        let mut cases: Vec<(&str, Changes)> = vec![
            ("SMILE_API_KEY", vec![("SMILE_API_KEY", None)]),
            ("SMILE_API_SECRET", vec![("SMILE_API_SECRET", None)]),
            ("SMILE_WEBHOOK_SECRET", vec![("SMILE_WEBHOOK_SECRET", None)]),
            ("WINK_PUBLIC_URL", vec![("WINK_PUBLIC_URL", None)]),
            (
                "WINK_REPORT_SIGNING_KEY",
                vec![("WINK_REPORT_SIGNING_KEY", None)],
            ),
            (
                "WINK_REPORT_SIGNING_KEY",
                vec![("WINK_REPORT_SIGNING_KEY", Some("bm90LTMyLWJ5dGVz"))],
            ),
            (
                "SMILE_API_KEY",
                vec![("SMILE_API_KEY", Some("sandbox-emulator-key"))],
            ),
            (
                "SMILE_API_SECRET",
                vec![("SMILE_API_SECRET", Some("sandbox-emulator-secret"))],
            ),
            (
                "WINK_COOKIE_SECURE",
                vec![("WINK_COOKIE_SECURE", Some("false"))],
            ),
            ("SMILE_BASE_URL", vec![("SMILE_BASE_URL", Some(other_host))]),
            (
                "WINK_SECRETS_FILE",
                vec![("WINK_SECRETS_FILE", Some(&missing))],
            ),
            (
                "WINK_SECRETS_FILE",
                vec![
                    ("WINK_SECRETS_FILE", Some(&loose)),
                    ("SMILE_API_SECRET", None),
                ],
            ),
        ];
        if mode == "production" {
            cases.push((
                "WINK_PUBLIC_URL",
                vec![("WINK_PUBLIC_URL", Some("http://loans.example.com"))],
            ));
        }
        for (variable, changes) in cases {
            let mut env = real_mode_env(mode);
            for (name, value) in &changes {
                env.retain(|(n, _)| n != name);
                if let Some(value) = value {
                    env.push((name, (*value).to_owned()));
                }
            }
            for args in [&[][..], &["check-config"][..]] {
                let (ok, stdout, stderr) = run_with(dir.path(), args, &env);
                let case = format!("{mode} {changes:?} {args:?}");
                assert!(!ok, "{case}: accepted\n{stdout}\n{stderr}");
                assert!(stderr.contains(variable), "{case}: {stderr}");
                for secret in MATRIX_SECRETS {
                    assert!(
                        !stdout.contains(secret) && !stderr.contains(secret),
                        "{case} printed a secret:\n{stdout}\n{stderr}"
                    );
                }
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn check_config_prints_the_effective_configuration_with_secrets_redacted() {
    let dir = tempfile::tempdir().unwrap();
    // Production, with the key pair from the default secrets file and the webhook secret
    // from the environment (which wins over the file).
    write_secrets_file(
        &dir.path().join("secrets.env"),
        "# Smile production\nSMILE_API_KEY=pk-live-never-printed\nSMILE_API_SECRET=sk-live-never-printed\nSMILE_WEBHOOK_SECRET=file-loses\n",
        0o600,
    );
    let mut env = real_mode_env("production");
    env.retain(|(name, _)| !["SMILE_API_KEY", "SMILE_API_SECRET"].contains(name));
    let (ok, stdout, stderr) = run_with(dir.path(), &["check-config"], &env);
    assert!(ok, "{stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.iter().all(|line| line.contains('=')), "{stdout}");
    for expected in [
        "SMILE_MODE=production",
        "SMILE_API_KEY=[REDACTED]",
        "SMILE_API_SECRET=[REDACTED]",
        "SMILE_WEBHOOK_SECRET=[REDACTED]",
        "WINK_REPORT_SIGNING_KEY=[REDACTED]",
        "SMILE_BASE_URL=https://open.smileapi.io/v1",
        "WINK_PUBLIC_URL=https://loans.example.com",
        "WINK_COOKIE_SECURE=true",
        "WINK_SECRETS_FILE=secrets.env",
    ] {
        assert!(lines.contains(&expected), "{expected} missing:\n{stdout}");
    }
    for secret in MATRIX_SECRETS.iter().chain(&["file-loses"]) {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "{stdout}\n{stderr}"
        );
    }

    // Emulator mode, nothing set: valid, and the unset secrets show as unset.
    let empty = tempfile::tempdir().unwrap();
    let (ok, stdout, stderr) = run_with(empty.path(), &["check-config"], &[]);
    assert!(ok, "{stdout}\n{stderr}");
    for expected in [
        "SMILE_MODE=emulator",
        "SMILE_API_KEY=",
        "SMILE_WEBHOOK_SECRET=",
        "WINK_COOKIE_SECURE=false",
    ] {
        assert!(
            stdout.lines().any(|line| line == expected),
            "{expected} missing:\n{stdout}"
        );
    }
}

#[test]
fn emulator_mode_refuses_a_public_address_or_postgres_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = sqlite_in(dir.path());
    for (addr, database, variable) in [
        ("0.0.0.0:0", sqlite.as_str(), "WINK_ADDR"),
        (
            "127.0.0.1:0",
            "postgres://wink:pw-db-secret@127.0.0.1:1/wink",
            "DATABASE_URL",
        ),
    ] {
        let output = Command::new(BIN)
            .env("SMILE_MODE", "emulator")
            .env("WINK_ADDR", addr)
            .env("DATABASE_URL", database)
            .env_remove("WINK_EMULATOR_ANYWHERE")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{addr} {database}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(variable), "{stderr}");
        assert!(stderr.contains("WINK_EMULATOR_ANYWHERE"), "{stderr}");
        assert!(!stderr.contains("pw-db-secret"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_generated_demo_password_goes_to_a_private_file_not_to_a_pipe() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mut child = emulator_mode(dir.path())
        .env_remove("WINK_DEMO_OFFICER_PASSWORD")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (url, mut lines) = listening_url(&mut child);
    let second = lines.next().unwrap().unwrap();
    let file = dir.path().join("demo-officer-password");
    assert!(second.contains(&file.display().to_string()), "{second}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let password = std::fs::read_to_string(&file).unwrap().trim().to_owned();
    assert!(password.len() >= 16);
    assert!(!second.contains(&password), "the password reached stdout");
    let status = demo_officer_sign_in(&url, &password);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200);
}

#[test]
fn help_never_shows_the_database_password() {
    let output = Command::new(BIN)
        .arg("--help")
        .env(
            "DATABASE_URL",
            "postgres://wink:pw-help-secret@db.internal/wink",
        )
        .env("WINK_METRICS_TOKEN", "metrics-help-secret")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("DATABASE_URL"), "{stdout}");
    assert!(!stdout.contains("pw-help-secret"), "{stdout}");
    assert!(!stdout.contains("metrics-help-secret"), "{stdout}");
}

#[test]
fn a_client_chosen_request_id_is_logged_only_when_short_and_plain() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, url) = spawn_with_json_logs(dir.path());
    let forged = format!("forged{}", "A".repeat(80));
    let echoed = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let http = reqwest::Client::new();
        let mut echoed = Vec::new();
        for id in ["plain-id-123", forged.as_str(), "has space", "quote\"x"] {
            let response = http
                .get(format!("{url}/api/info"))
                .header("x-request-id", id)
                .send()
                .await
                .unwrap();
            echoed.push(
                response.headers()["x-request-id"]
                    .to_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        echoed
    });
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(echoed[0], "plain-id-123");
    for (sent, got) in [(forged.as_str(), &echoed[1]), ("has space", &echoed[2])] {
        assert_ne!(got, sent);
        assert!(got.len() <= 64 && got.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    }
    assert!(stderr.contains("plain-id-123"), "{stderr}");
    assert!(!stderr.contains(&forged), "a forged id was logged");
    assert!(!stderr.contains("has space"), "a forged id was logged");
}

/// The binary in emulator mode with JSON logs on stderr (piped) and the database in `dir`;
/// returns it and the URL it printed.
fn spawn_with_json_logs(dir: &std::path::Path) -> (std::process::Child, String) {
    let mut child = emulator_mode(dir)
        .env("WINK_LOG_FORMAT", "json")
        .env("RUST_LOG", "info,tower_http=debug")
        .env("WINK_DEMO_OFFICER_PASSWORD", "demo-password-123")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (url, _) = listening_url(&mut child);
    (child, url)
}

/// The binary in emulator mode, workers off, with its SQLite database in `dir`.
fn emulator_mode(dir: &std::path::Path) -> Command {
    let mut command = server_command(&sqlite_in(dir));
    command
        .env("SMILE_MODE", "emulator")
        .env("WINK_BACKGROUND", "false");
    command
}
