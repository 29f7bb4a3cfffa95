//! `smile-sandbox`: the emulator as a standalone server, `/v1/...` and `/smile.v2.js` at
//! the root.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use clap::Parser;
use secrecy::SecretString;
use smile_sandbox::{Sandbox, SandboxConfig, WebhookSecret};
use tracing_subscriber::EnvFilter;

/// An offline emulator of Smile's sandbox: Open API, personas, the widget, signed webhooks.
#[derive(Debug, Parser)]
#[command(name = "smile-sandbox", version)]
struct Args {
    /// Port to listen on.
    #[arg(long, env = "SMILE_SANDBOX_PORT", default_value_t = 4010)]
    port: u16,
    /// Address to bind.
    #[arg(long, env = "SMILE_SANDBOX_HOST", default_value = "127.0.0.1")]
    host: IpAddr,
    /// API key accepted as the Basic-auth user name.
    #[arg(long, env = "SMILE_SANDBOX_API_KEY", default_value = smile_sandbox::DEFAULT_API_KEY)]
    api_key: String,
    /// API secret accepted as the Basic-auth password.
    #[arg(long, env = "SMILE_SANDBOX_API_SECRET", default_value = smile_sandbox::DEFAULT_API_SECRET, hide_default_value = true)]
    api_secret: String,
    /// Lifetime of link tokens, in seconds (Smile: 18000 = 5 h).
    #[arg(long, env = "SMILE_SANDBOX_TOKEN_TTL_SECS", default_value_t = 18_000)]
    token_ttl_secs: u64,
    /// Wait before each webhook retry, in milliseconds.
    #[arg(
        long,
        env = "SMILE_SANDBOX_WEBHOOK_RETRY_DELAY_MS",
        default_value_t = 30_000
    )]
    webhook_retry_delay_ms: u64,
    /// Secret for webhook subscriptions created without one (default: a random one each).
    #[arg(long, env = "SMILE_SANDBOX_WEBHOOK_SECRET", hide_env_values = true)]
    webhook_secret: Option<String>,
    /// Public URL of the emulator, if the widget cannot derive it from its script URL.
    #[arg(long, env = "SMILE_SANDBOX_PUBLIC_URL")]
    public_url: Option<String>,
    /// Serve under this path prefix (e.g. `/sandbox`, as Wink's server mounts it) instead
    /// of at the root.
    #[arg(long, env = "SMILE_SANDBOX_BASE_PATH")]
    base_path: Option<String>,
    /// Start with George's SSS account linked and three payslips uploaded (analysed,
    /// unreadable, tampered), so every list and get-by-id has data; their ids are printed
    /// on stdout as `smile-sandbox seeded {json}`.
    #[arg(long, env = "SMILE_SANDBOX_SEED_DEMO")]
    seed_demo: bool,
}

/// What starts the `--seed-demo` line on stdout; the seeded ids follow as JSON.
const SEEDED_PREFIX: &str = "smile-sandbox seeded ";

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let config = SandboxConfig {
        api_key: args.api_key,
        api_secret: SecretString::from(args.api_secret),
        token_ttl: Duration::from_secs(args.token_ttl_secs),
        webhook_retry_delay: Duration::from_millis(args.webhook_retry_delay_ms),
        webhook_secret: args
            .webhook_secret
            .map_or(WebhookSecret::Generate, |s| WebhookSecret::Fixed(s.into())),
        public_base_url: args.public_url,
        ..SandboxConfig::emulator_defaults()
    };
    let sandbox = Sandbox::new(config);
    if args.seed_demo {
        // Before listening: whoever waits for the port finds the seed complete.
        let seed = sandbox.seed_demo().await.map_err(std::io::Error::other)?;
        // One line on stdout, for people and for tools (`cargo xtask fuzz` reads the ids).
        println!("{SEEDED_PREFIX}{}", serde_json::to_string(&seed)?);
    }
    let prefix = args
        .base_path
        .as_deref()
        .map(|p| format!("/{}", p.trim_matches('/')))
        .filter(|p| p != "/");
    let app = match &prefix {
        Some(prefix) => axum::Router::new().nest(prefix, sandbox.router()),
        None => sandbox.router(),
    };
    let address = SocketAddr::new(args.host, args.port);
    let listener = tokio::net::TcpListener::bind(address).await?;
    let prefix = prefix.unwrap_or_default();
    tracing::info!(
        "smile-sandbox listening on http://{} (Open API at {prefix}/v1, widget at {prefix}/smile.v2.js)",
        listener.local_addr()?
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
