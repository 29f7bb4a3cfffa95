//! A real wink-server for tests, in this process: its own temporary database, listening on
//! 127.0.0.1:0, with the emulator of Smile's sandbox embedded.

use std::path::Path;

use clap::Parser;
use tokio::net::TcpListener;
use wink_server::{AppState, Config};

use super::serve::serve;
use super::{database_url, on_postgres, Browser};

/// The report signing key the tests give a server in a real mode (any 32 bytes, base64).
pub const REPORT_SIGNING_KEY: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

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

    /// Starts for a test that delivers events and runs the worker itself: no background
    /// work, no debounce, and the client's rate limit raised (only the embedded emulator is
    /// called; Smile's 20/s would make hundreds of syncs take minutes).
    pub async fn start_for_replay() -> Self {
        Self::start_with(&[
            "--background",
            "false",
            "--sync-debounce-ms",
            "0",
            "--smile-rate-limit",
            "100000",
        ])
        .await
    }

    /// Starts in a real Smile mode (`sandbox`, `production`: with a key pair, a webhook
    /// secret, a public URL and a report signing key, as those modes require) with extra
    /// options.
    pub async fn start_in_mode(mode: &str, args: &[&str]) -> Self {
        let real = [
            "--smile-mode",
            mode,
            "--smile-api-key",
            "test-key",
            "--smile-api-secret",
            "test-secret",
            "--smile-webhook-secret",
            "test-webhook-secret",
            "--public-url",
            "https://loans.example.com",
            "--report-signing-key",
            REPORT_SIGNING_KEY,
        ];
        Self::start_with(&[&real[..], args].concat()).await
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
        let (url, state) = serve(&config, listener).await;
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
        Browser::new(&self.url)
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
