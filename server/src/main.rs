use anyhow::Context;
use clap::Parser;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;
use wink_server::{app, AppState, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let config = Config::parse();
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {} (WINK_ADDR)", config.addr))?;
    let addr = listener.local_addr()?;
    let state = AppState::build(&config, &format!("http://{addr}")).await?;
    tracing::info!(mode = %config.smile_mode, dist = %config.dist_dir.display(), "wink-server starting");
    // Printed on stdout on purpose: `cargo xtask` and tests read the bound port from it.
    println!("wink-server listening on http://{addr}");

    if state.runs_background_tasks() {
        wink_server::sync::start(state.clone());
    }
    let draining = state.clone();
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            draining.start_draining();
            tracing::info!("shutting down: finishing in-flight requests");
        })
        .await
        .context("server error")?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (what `docker stop`, systemd and Kubernetes send).
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
