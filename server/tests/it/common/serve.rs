//! Serving a wink-server in this process as `main` does: the router with each connection's
//! client address (the budgets key on it), and the worker and reconciler when the
//! configuration runs background tasks. The benches (`examples/support`) serve with it too.

use tokio::net::TcpListener;
use wink_server::{app, AppState, Config};

/// Builds the state for `config` and serves it on `listener`; the server's URL and state.
pub async fn serve(config: &Config, listener: TcpListener) -> (String, AppState) {
    let url = format!("http://{}", listener.local_addr().expect("local address"));
    let state = AppState::build(config, &url).await.expect("state");
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
    (url, state)
}
