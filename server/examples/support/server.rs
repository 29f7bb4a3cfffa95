//! An in-process wink-server for a benchmark: emulator mode on the database
//! `WINK_BENCH_DATABASE_URL` names (`cargo xtask bench` makes a PostgreSQL one), else on
//! its own temporary SQLite file; listening on loopback with the client address known.

#[path = "../../tests/it/common/serve.rs"]
mod serve;

use clap::Parser;
use tokio::net::TcpListener;
use wink_server::AppState;

pub struct BenchServer {
    pub url: String,
    pub state: AppState,
    /// Holds the SQLite file, removed when the benchmark ends.
    _dir: tempfile::TempDir,
}

/// Starts a server with these extra options; with `background`, its worker, reconciler
/// and webhook subscription run as in production.
pub async fn start(args: &[&str], background: bool) -> BenchServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = std::env::var("WINK_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let background = background.to_string();
    let mut argv = vec![
        "wink-server",
        "--database-url",
        &database,
        "--background",
        &background,
        // A bench rig: emulator mode on the bench's PostgreSQL database too.
        "--emulator-anywhere",
        "true",
    ];
    argv.extend_from_slice(args);
    let config = wink_server::Config::try_parse_from(argv).expect("config");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let (url, state) = serve::serve(&config, listener).await;
    BenchServer {
        url,
        state,
        _dir: dir,
    }
}
