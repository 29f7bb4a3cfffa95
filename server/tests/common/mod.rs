//! A real wink-server for tests: its own temporary database, listening on 127.0.0.1:0, with
//! the emulator of Smile's sandbox embedded (the only stand-in, and only for Smile).
#![allow(dead_code)] // each test binary uses a different part of this

use std::path::Path;

use clap::Parser;
use tokio::net::TcpListener;
use wink_server::{app, AppState, Config};

pub struct TestServer {
    pub url: String,
    pub state: AppState,
    /// The temporary directory of `start_in`, removed when the server is dropped.
    owned_dir: Option<tempfile::TempDir>,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts with extra command-line options (the same as the environment variables).
    pub async fn start_with(args: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self::start_in(dir, args).await
    }

    pub async fn start_in(dir: tempfile::TempDir, args: &[&str]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut server = Self::start_at(dir.path(), listener, args).await;
        server.owned_dir = Some(dir);
        server
    }

    /// Starts on `listener` with the database in `dir`, which the caller keeps: a later
    /// server can be started on the same database (and the same port), as after a restart.
    pub async fn start_at(dir: &Path, listener: TcpListener, args: &[&str]) -> Self {
        let database_url = database_url(dir);
        let dist = dir.join("dist");
        let mut argv = vec![
            "wink-server".to_owned(),
            "--database-url".into(),
            database_url,
            "--dist-dir".into(),
            dist.display().to_string(),
        ];
        if on_postgres() {
            // Emulator mode refuses PostgreSQL unless told this is a test rig.
            argv.extend(["--emulator-anywhere".into(), "true".into()]);
        }
        argv.extend(args.iter().map(|s| s.to_string()));
        let config = Config::try_parse_from(argv).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState::build(&config, &url).await.unwrap();
        let router = app(state.clone());
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
        });
        if state.runs_background_tasks() {
            wink_server::sync::start(state.clone());
        }
        Self {
            url,
            state,
            owned_dir: None,
        }
    }

    pub fn dist(&self) -> &Path {
        self.state.dist_dir()
    }

    /// A new browser: its own cookie jar, so its own applicant session.
    pub fn browser(&self) -> Browser {
        Browser {
            base: self.url.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
        }
    }
}

impl TestServer {
    /// Adds an officer with this password straight into the database.
    pub async fn add_officer(&self, email: &str, password: &str) {
        wink_server::officers::demo::add(
            self.state.db(),
            email,
            &secrecy::SecretString::from(password.to_owned()),
        )
        .await
        .unwrap();
    }

    /// A browser signed in as a (new) officer.
    pub async fn officer(&self, email: &str) -> Browser {
        const PASSWORD: &str = "officer-password-123";
        self.add_officer(email, PASSWORD).await;
        let browser = self.browser();
        let login = browser
            .post(
                "/api/officer/login",
                &serde_json::json!({"email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(login.status(), 200, "{}", login.text().await.unwrap());
        browser
    }

    /// A browser whose applicant applied (fields over George's) and linked `provider` with
    /// `login`/`password` through the emulator's Link API, as the widget does. Returns the
    /// browser, the applicant id and the account id.
    pub async fn link_applicant(
        &self,
        fields: serde_json::Value,
        provider: &str,
        login: &str,
        password: &str,
    ) -> (Browser, String, String) {
        let mut form = george();
        for (key, value) in fields.as_object().unwrap() {
            form[key] = value.clone();
        }
        let (http, applicant_id, token) = apply(&self.url, &form).await;
        let link_api = format!("{}/sandbox/link/v1", self.url);
        let account_id = link(&link_api, &token, provider, (login, password), None).await;
        let browser = Browser {
            base: self.url.clone(),
            http,
        };
        (browser, applicant_id, account_id)
    }
}

pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
}

impl Browser {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn send(&self, method: reqwest::Method, path: &str) -> reqwest::Response {
        self.http
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }
}

/// The embedded emulator's documented (not secret) key pair, for its admin endpoints.
pub const EMULATOR_KEY: &str = "sandbox-emulator-key";
pub const EMULATOR_SECRET: &str = "sandbox-emulator-secret";

/// Calls an emulator endpoint (`base` is the emulator's root, e.g. `<server>/sandbox`)
/// with its Basic auth; panics unless it succeeds.
pub async fn emulator(
    base: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> serde_json::Value {
    let mut request = reqwest::Client::new()
        .request(method, format!("{base}{path}"))
        .basic_auth(EMULATOR_KEY, Some(EMULATOR_SECRET));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

/// George's application, as the front end posts it.
pub fn george() -> serde_json::Value {
    serde_json::json!({
        "fullName": "George Palomero Jr.", "email": "gpalomero1234@smileapi.io",
        "mobile": "+639559991234", "employer": "ABC Corporation",
        "monthlyIncome": "25000", "consent": true
    })
}

/// An applicant applies and opens the link page: their browser (with the session
/// cookie), their application id and the widget's link token.
pub async fn apply(
    server_url: &str,
    application: &serde_json::Value,
) -> (reqwest::Client, String, String) {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let apply = browser
        .post(format!("{server_url}/api/applications"))
        .json(application)
        .send()
        .await
        .unwrap();
    assert_eq!(apply.status(), reqwest::StatusCode::CREATED);
    let applicant_id = apply.json::<serde_json::Value>().await.unwrap()["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let config: serde_json::Value = browser
        .get(format!("{server_url}/api/link/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = config["widget"]["userToken"].as_str().unwrap().to_owned();
    (browser, applicant_id, token)
}

/// Links an account as the widget does, through the emulator's Link API (`link` is
/// `<emulator root>/link/v1`); `mfa` for providers that ask. Returns the account id.
pub async fn link(
    link: &str,
    token: &str,
    provider: &str,
    (login, password): (&str, &str),
    mfa: Option<&str>,
) -> String {
    let http = reqwest::Client::new();
    let created: serde_json::Value = http
        .post(format!("{link}/accounts"))
        .bearer_auth(token)
        .json(&serde_json::json!({ "providerId": provider }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let account_id = created["data"]["id"].as_str().unwrap().to_owned();
    let login = http
        .post(format!("{link}/accounts/{account_id}/login"))
        .bearer_auth(token)
        .json(&serde_json::json!({ "loginName": login, "password": password }))
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success());
    if let Some(code) = mfa {
        let mfa = http
            .post(format!("{link}/accounts/{account_id}/mfa"))
            .bearer_auth(token)
            .json(&serde_json::json!({ "code": code }))
            .send()
            .await
            .unwrap();
        assert!(mfa.status().is_success());
    }
    account_id
}

pub const GEORGE_LOGIN: (&str, &str) = ("gpalomero1234@smileapi.io", "123456");

/// Everything stored about an applicant's accounts: each account's status and error
/// code, and every item (kind, Smile id, body). Sorted, for comparing runs.
pub async fn stored_state(
    db: &wink_server::db::Db,
    applicant_id: &str,
) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT kind, smile_id, body FROM smile_items WHERE applicant_id = $1 ORDER BY kind, smile_id",
    )
    .bind(applicant_id)
    .fetch_all(db)
    .await
    .unwrap();
    let accounts: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT account_id, CASE WHEN disconnected_at IS NULL THEN status \
         ELSE 'disconnected' END, COALESCE(error_code, '') FROM linked_accounts \
         WHERE applicant_id = $1 ORDER BY account_id",
    )
    .bind(applicant_id)
    .fetch_all(db)
    .await
    .unwrap();
    rows.extend(accounts);
    rows
}

/// A server on its own thread and tokio runtime: stopping it ends everything it runs —
/// listener, open connections, webhook worker, reconciler — at once, as a process exit
/// would, while the database stays on disk for a restart.
pub struct Detached {
    pub url: String,
    pub port: u16,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Detached {
    pub async fn start(dir: &Path, args: &[&str]) -> Self {
        let (ready, started) = tokio::sync::oneshot::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let dir = dir.to_owned();
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                let port = listener.local_addr().unwrap().port();
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let server = TestServer::start_at(&dir, listener, &args).await;
                ready.send((server.url.clone(), port)).unwrap();
                let _ = stopped.await;
                drop(server);
            });
            // Cancels every task still running (serve loop, connections, worker).
            runtime.shutdown_timeout(std::time::Duration::from_secs(5));
        });
        let (url, port) = started.await.unwrap();
        Self {
            url,
            port,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Stops the server and waits until its runtime is gone (its port is closed).
    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        let thread = self.thread.take().unwrap();
        tokio::task::spawn_blocking(move || thread.join().unwrap())
            .await
            .unwrap();
    }
}

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

/// The real `wink-server` binary in emulator mode on `database_url`, with `webhook_secret`;
/// returns the process and the address it printed. For tests that signal or kill it.
pub fn spawn_binary(
    database_url: &str,
    webhook_secret: &str,
    background: bool,
) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_wink-server"))
        .env("WINK_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", database_url)
        .env("SMILE_MODE", "emulator")
        // A test rig: emulator mode on the suites' PostgreSQL databases too.
        .env("WINK_EMULATOR_ANYWHERE", "1")
        // Given, so no generated password file is written beside a PostgreSQL run.
        .env("WINK_DEMO_OFFICER_PASSWORD", "spawned-binary-demo-password")
        .env("SMILE_WEBHOOK_SECRET", webhook_secret)
        .env("WINK_BACKGROUND", background.to_string())
        .env("WINK_DIST_DIR", "/nonexistent")
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
        .trim_start_matches("wink-server listening on ")
        .to_owned();
    (child, url)
}
