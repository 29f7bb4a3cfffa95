use std::path::Path;

use anyhow::Context;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;
use wink_api::Mode;
use wink_server::config::{Command, LogFormat, OfficerCommand};
use wink_server::{app, AppState, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = match Config::load() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("wink-server: invalid configuration: {error}");
            std::process::exit(2);
        }
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match config.observability.log_format {
        // One JSON object per line, the request span's id and route included.
        LogFormat::Json => logs.json().with_current_span(true).init(),
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
    match &config.command {
        Some(Command::Officer(OfficerCommand::Add { email })) => {
            return add_officer(&config, email).await;
        }
        Some(Command::CheckConfig { readme_table: true }) => {
            print!("{}", wink_server::config::readme_table());
            return Ok(());
        }
        Some(Command::CheckConfig { .. }) => check_config(&config),
        Some(Command::VerifyReport { file, key }) => verify_report(&config, file, key.as_deref()),
        None => {}
    }
    if let Err(error) = config.validate() {
        eprintln!("wink-server: invalid configuration: {error}");
        std::process::exit(2);
    }
    let shutdown = Shutdown::register().context("cannot listen for SIGTERM/Ctrl-C")?;
    let listener = TcpListener::bind(config.serving.addr)
        .await
        .with_context(|| format!("cannot listen on {} (WINK_ADDR)", config.serving.addr))?;
    let addr = listener.local_addr()?;
    let state = AppState::build(&config, &format!("http://{addr}")).await?;
    tracing::info!(
        mode = %config.mode(),
        dist = %config.serving.dist_dir.display(),
        report_key = state.report_keys().key_id(),
        "wink-server starting"
    );
    // Printed on stdout on purpose: `cargo xtask` and tests read the bound port from it.
    println!("wink-server listening on http://{addr}");
    if config.mode() == Mode::Emulator {
        let demo = &config.emulator;
        let password = demo.demo_officer_password.as_ref().map(|p| p.expose());
        let generated = wink_server::officers::demo::ensure_demo(
            state.db(),
            &demo.demo_officer_email,
            password,
        )
        .await
        .context("cannot create the demo officer (WINK_DEMO_OFFICER_EMAIL)")?;
        // Emulator mode only: a local, credential-free setup where the developer needs these.
        // Written without `println!`: a reader that closed our stdout must not stop us.
        use std::io::Write;
        let _ = match generated {
            // A terminal is a person; anything else (a supervisor, a log file) may keep what
            // we print, so the password goes to a file only its owner can read.
            Some(password) if std::io::IsTerminal::is_terminal(&std::io::stdout()) => writeln!(
                std::io::stdout(),
                "demo officer: sign in at http://{addr}/officer/ as {} with password {password}",
                demo.demo_officer_email
            ),
            Some(password) => {
                let file = demo_password_file(&config.storage.database_url);
                write_private(&file, &password)
                    .with_context(|| format!("cannot write {}", file.display()))?;
                writeln!(
                    std::io::stdout(),
                    "demo officer: sign in at http://{addr}/officer/ as {} with the password in {} (readable by you only)",
                    demo.demo_officer_email,
                    file.display()
                )
            }
            None => writeln!(
                std::io::stdout(),
                "demo officer: sign in at http://{addr}/officer/ as {} (password from WINK_DEMO_OFFICER_PASSWORD)",
                demo.demo_officer_email
            ),
        };
    }

    if let Some(metrics_addr) = config.observability.metrics_addr {
        let listener = TcpListener::bind(metrics_addr)
            .await
            .with_context(|| format!("cannot listen on {metrics_addr} (WINK_METRICS_ADDR)"))?;
        let metrics = wink_server::metrics_app(state.clone());
        tokio::spawn(async move { axum::serve(listener, metrics).await });
        tracing::info!(%metrics_addr, "metrics served on their own address");
    }
    if state.runs_background_tasks() {
        wink_server::sync::start(state.clone());
    }
    let draining = state.clone();
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.recv().await;
        draining.start_draining();
        tracing::info!("shutting down: finishing in-flight requests");
    })
    .await
    .context("server error")?;
    tracing::info!("stopped");
    Ok(())
}

/// Beside the SQLite database (`data/`, git-ignored), else in the working directory.
fn demo_password_file(database_url: &str) -> std::path::PathBuf {
    let name = "demo-officer-password";
    database_url
        .strip_prefix("sqlite://")
        .map(|path| path.split('?').next().unwrap_or(path))
        .and_then(|path| {
            std::path::Path::new(path)
                .parent()
                .map(|dir| dir.join(name))
        })
        .unwrap_or_else(|| std::path::PathBuf::from(name))
}

/// Writes `text` to a file only its owner may read or write (0600 from its creation).
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    // An existing file keeps its mode on open: narrow it too.
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    writeln!(file, "{text}")
}

/// `wink-server check-config`: the effective configuration on stdout, one `NAME=value` per
/// line with secrets redacted, then exit 0 when it is valid, 2 (naming the variable) if not.
fn check_config(config: &Config) -> ! {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for (name, value) in config.effective() {
        let _ = writeln!(out, "{name}={value}");
    }
    let _ = out.flush();
    match config.validate() {
        Ok(()) => {
            eprintln!("wink-server: the configuration is valid");
            std::process::exit(0)
        }
        Err(error) => {
            eprintln!("wink-server: invalid configuration: {error}");
            std::process::exit(2)
        }
    }
}

/// `wink-server verify-report FILE [--key KEYS]`: the verdict on stdout, then exit 0 when the
/// report is valid, 1 when it is not, 2 when there are no keys to check it with.
fn verify_report(config: &Config, file: &Path, keys_file: Option<&Path>) -> ! {
    use wink_server::report_signing::{keys::TrustedKeys, verify};
    let keys = match keys_file {
        Some(path) => TrustedKeys::from_file(path).map_err(|e| e.to_string()),
        None => match config.reports.trusted_keys() {
            Ok(keys) if keys.is_empty() => Err("no report keys to check with: pass --key with \
                 the lender's keys (a copy of /.well-known/wink-report-keys.json), or set \
                 WINK_REPORT_SIGNING_KEY or WINK_REPORT_RETIRED_KEYS"
                .to_owned()),
            other => other.map_err(|e| e.to_string()),
        },
    };
    let keys = keys.unwrap_or_else(|message| {
        eprintln!("wink-server: {message}");
        std::process::exit(2)
    });
    let verdict = verify::verdict(verify::verify_path(file, &keys));
    println!("{}", verdict.message);
    std::process::exit(if verdict.valid { 0 } else { 1 })
}

/// Ctrl-C or SIGTERM (what `docker stop`, systemd and Kubernetes send). Registered at once,
/// before the address is printed: a signal that comes while start-up is still busy (the demo
/// officer's password hash) is then a graceful stop, not the default sudden exit.
struct Shutdown {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Shutdown {
    fn register() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Shutdown {
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Shutdown {})
    }

    async fn recv(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {},
            _ = self.interrupt.recv() => {},
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            tokio::signal::ctrl_c().await.ok();
        }
    }
}

/// `wink-server officer add --email ...`: asks for the password twice on a terminal, or
/// reads one line from standard input otherwise (for scripts).
async fn add_officer(config: &Config, email: &str) -> anyhow::Result<()> {
    let password = if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        let first = rpassword::prompt_password("Password (12 characters or more): ")?;
        let again = rpassword::prompt_password("Same password again: ")?;
        anyhow::ensure!(
            first == again,
            "the two passwords differ; nothing was changed"
        );
        first
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    let db = wink_server::db::connect(&config.storage.database_url)
        .await
        .context("cannot open the database (DATABASE_URL)")?;
    let id = wink_server::officers::demo::add(&db, email, &secrecy::SecretString::from(password))
        .await?;
    println!("officer {email} can sign in (id {id})");
    Ok(())
}
