//! `cargo xtask test`: every suite, in the order a failure is cheapest to find. The server's
//! tests and the end-to-end suite run twice: on SQLite, then on a throwaway PostgreSQL.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::postgres::Postgres;
use crate::proc::{cmd, step, Service};
use crate::{root, target_dir, tools};

/// The wasm crates, linted for the target they ship to as well.
const WASM_CRATES: [&str; 3] = ["wink-portal", "wink-officer", "wink-web"];

/// Formatting and lints first, failing fast: a style slip costs seconds to find here, not
/// the half hour of suites after it.
fn style() -> Result<()> {
    crate::layers::run()?;
    step(
        "format: cargo fmt --all --check",
        cmd("cargo").args(["fmt", "--all", "--check"]),
    )?;
    step(
        "lints: cargo clippy --workspace --all-targets --all-features -- -D warnings",
        cmd("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    let mut wasm = cmd("cargo");
    wasm.args([
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
    ]);
    for krate in WASM_CRATES {
        wasm.args(["-p", krate]);
    }
    step(
        "lints (wasm32): cargo clippy --target wasm32-unknown-unknown -p wink-portal -p wink-officer -p wink-web -- -D warnings",
        wasm.args(["--", "-D", "warnings"]),
    )
}

/// What every native cargo command of the run selects. Cargo unifies dependencies'
/// features over the packages a command selects, so a `-p` of its own resolves them
/// differently and builds most of them again (minutes and gigabytes each); targets are
/// selected by filter instead. Examples (the benchmarks) are left to clippy, which checks
/// them: linking them here bought nothing.
pub const NATIVE: [&str; 5] = [
    "--workspace",
    "--all-features",
    "--lib",
    "--bins",
    "--tests",
];

/// The step `what`: `cargo build` of the binary `bin` as the native tests built it, so
/// already built under `cargo xtask test`: `--tests` keeps dev-dependencies in the feature
/// resolution, as `cargo test` has them. One binary by name, never `--bins`: that would
/// link xtask anew over the one running (and cargo's test runner for the browser tests).
pub fn native_build(what: &str, bin: &str) -> Result<()> {
    step(
        &format!("{what}: cargo build --workspace --all-features --tests --bin {bin}"),
        cmd("cargo")
            .args(["build", "--workspace", "--all-features", "--tests", "--bin"])
            .arg(bin),
    )
}

/// Set to the admin URL of a PostgreSQL cluster, the server's tests run on it (they create
/// a fresh database per test through it) instead of SQLite.
const POSTGRES_URL_VAR: &str = "WINK_TEST_POSTGRES_URL";
/// `1`: PostgreSQL being unavailable fails the run instead of skipping its suites (CI).
const REQUIRE_VAR: &str = "WINK_REQUIRE_POSTGRES";

pub fn run() -> Result<()> {
    tools::ensure_test_tools()?;
    style()?;
    let mut failed = Vec::new();

    if step(
        "native tests: cargo test --workspace --all-features --lib --bins --tests",
        cmd("cargo")
            .arg("test")
            .args(NATIVE)
            // On SQLite, even in a shell that exported `cargo xtask pg`'s line.
            .env_remove(POSTGRES_URL_VAR),
    )
    .is_err()
        || step(
            "doc tests: cargo test --workspace --all-features --doc",
            cmd("cargo").args(["test", "--workspace", "--all-features", "--doc"]),
        )
        .is_err()
    {
        failed.push("native");
    }

    // The emulator against Smile's spec: what the native tests check by example, checked
    // by a fuzzer over every operation.
    if let Err(err) = crate::fuzz::run() {
        println!("\n{err:#}");
        failed.push("the emulator against Smile's spec (schemathesis)");
    }

    // What production ships: the server built without the embedded emulator.
    if step(
        "the server without the emulator: cargo test --workspace --no-default-features --features wink-web/testing,smile-api/client --test without_emulator",
        cmd("cargo")
            .args([
                "test",
                "--workspace",
                // `--all-features` but for wink-server's default `emulator`: every other
                // crate is built as in NATIVE, only the server again.
                "--no-default-features",
                "--features",
                "wink-web/testing,smile-api/client",
                "--test",
                "without_emulator",
            ])
            .env_remove(POSTGRES_URL_VAR),
    )
    .is_err()
    {
        failed.push("without the emulator");
    }

    // Up until the PostgreSQL end-to-end run; stopped and deleted when dropped.
    let postgres = match Postgres::start() {
        Ok(pg) => Some(pg),
        Err(err) => {
            println!("\nPostgreSQL unavailable: {err:#}; the PostgreSQL runs are skipped");
            if std::env::var(REQUIRE_VAR).is_ok_and(|v| v == "1") {
                println!("({REQUIRE_VAR}=1, so they count as failing)");
                failed.extend(["native (PostgreSQL)", "end-to-end (PostgreSQL)"]);
            }
            None
        }
    };
    if let Some(pg) = &postgres {
        if step(
            "native tests on PostgreSQL: cargo test --workspace --all-features --test it",
            cmd("cargo")
                // The server's integration tests, the ones that take a database URL;
                // selected by target, not by `-p`, so that nothing is built again.
                .args(["test", "--workspace", "--all-features", "--test", "it"])
                .env(POSTGRES_URL_VAR, pg.admin_url()),
        )
        .is_err()
        {
            failed.push("native (PostgreSQL)");
        }
    }

    for (suite, package) in [
        ("wasm (applicant)", "wink-portal"),
        ("wasm (officer)", "wink-officer"),
    ] {
        if in_browser(package).is_err() {
            failed.push(suite);
        }
    }

    // Both end-to-end runs serve the same builds, made once.
    let built = end_to_end_builds().is_ok();
    let sqlite = built
        && fresh_dir("e2e-data")
            .and_then(|data| {
                let url = format!("sqlite://{}/wink.db", data.display());
                end_to_end("SQLite", &data, &url)
            })
            .is_ok();
    if !sqlite {
        failed.push("end-to-end (SQLite)");
    }
    if let Some(pg) = &postgres {
        let ok = built
            && match fresh_dir("e2e-data-postgres")
                .and_then(|data| Ok((data, pg.create_database("wink_e2e")?)))
            {
                Ok((data, url)) => end_to_end("PostgreSQL", &data, &url).is_ok(),
                Err(err) => {
                    println!("\nend-to-end (PostgreSQL): no database: {err:#}");
                    false
                }
            };
        if !ok {
            failed.push("end-to-end (PostgreSQL)");
        }
    }
    drop(postgres);

    if !failed.is_empty() {
        bail!("failing suites: {}", failed.join(", "));
    }
    Ok(())
}

/// `<target>/<name>`, empty.
pub fn fresh_dir(name: &str) -> Result<PathBuf> {
    let dir = target_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// One front end's tests in headless Chromium (wasm-bindgen-test).
fn in_browser(package: &str) -> Result<()> {
    step(
        &format!(
            "front end in headless Chromium: cargo test --target wasm32-unknown-unknown -p {package}"
        ),
        cmd("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "-p", package])
            // Through xtask, which tries a test page again only when its scripts stalled.
            .arg("--config")
            .arg(format!(
                "target.wasm32-unknown-unknown.runner = [{:?}, \"wasm-runner\"]",
                std::env::current_exe()?
            ))
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            // Its "pageLoadStrategy" is "none": the runner's own timeout below, not
            // chromedriver's 300 s page load, then bounds a page whose scripts stall.
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root().join("webdriver.json"))
            // A loaded 2-core machine starts Chromium slowly; the defaults (5 s / 20 s) flake.
            .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )
}

/// What both end-to-end runs serve: the front ends' release builds, and wink-server.
fn end_to_end_builds() -> Result<()> {
    tools::release_builds()?;
    // Already built by the native tests, with the same selection; this puts the emulator
    // build back at target/debug/wink-server, where the build without it was linked since.
    native_build("build wink-server", "wink-server")?;
    crate::prerender::run(&target_dir().join("debug/wink-server"))
}

/// The release builds served by wink-server on `database_url` (`label` names it in the
/// step), driven by Playwright in Debian's Chromium; the server's log goes into `data`.
fn end_to_end(label: &str, data: &Path, database_url: &str) -> Result<()> {
    let server_bin = target_dir().join("debug/wink-server");
    let mut server = EmulatorServer::spawn(&server_bin, data, database_url).inspect_err(|err| {
        println!(
            "\n==> end-to-end ({label})\n{err:#}\nwink-server's log: {}",
            data.join("server.log").display()
        );
    })?;
    let result = step(
        &format!("end-to-end ({label}): node --test tests/e2e (Playwright, /usr/bin/chromium)"),
        cmd("node")
            .args([
                "--test",
                "--test-reporter=spec",
                "--test-concurrency=1",
                "tests/e2e/",
            ])
            .env("WINK_BASE_URL", &server.url)
            // For `wink-server verify-report` on the reports the suite downloads.
            .env("WINK_SERVER_BIN", &server_bin)
            .env("WINK_DIST_DIR", root().join("dist"))
            .env("WINK_OFFICER_DIST_DIR", root().join(tools::OFFICER_DIST))
            .env("WINK_DEMO_OFFICER_EMAIL", DEMO_OFFICER_EMAIL)
            .env("WINK_DEMO_OFFICER_PASSWORD", &server.officer_password)
            .env(
                "WINK_TEST_SECRETS",
                format!(
                    "{},{},{}",
                    server.key, server.secret, server.officer_password
                ),
            )
            .env("SMILE_SANDBOX_API_KEY", &server.key)
            .env("SMILE_SANDBOX_API_SECRET", &server.secret)
            .env("CHROMIUM", tools::CHROMIUM),
    );
    server.service.stop();
    if result.is_err() {
        println!("wink-server's log: {}", data.join("server.log").display());
    }
    result
}

/// The demo officer the server creates in emulator mode.
pub const DEMO_OFFICER_EMAIL: &str = "officer@wink.test";

/// wink-server as the end-to-end suite (and the first-screen bench) drives it: emulator
/// mode, the release front ends in `dist/` and `officer/dist/`, limits raised for one
/// client address applying many times, and a Smile key pair and demo-officer password
/// made up for this run.
pub struct EmulatorServer {
    pub service: Service,
    /// Where it listens, `http://127.0.0.1:<port>`.
    pub url: String,
    pub key: String,
    pub secret: String,
    pub officer_password: String,
}

impl EmulatorServer {
    /// Starts `server_bin` on `database_url`, its log going to `data/server.log`.
    pub fn spawn(server_bin: &Path, data: &Path, database_url: &str) -> Result<Self> {
        // A key pair made up for this run: the suite checks that none of it reaches dist/.
        let key = format!("e2e-key-{}", std::process::id());
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let secret = format!("e2e-secret-{nanos}");
        // The demo officer's password, made up for this run (the suite checks that it
        // reaches neither bundle either).
        let officer_password = format!("e2e-officer-{nanos}-{}", std::process::id());
        let (service, url) = Service::spawn_server(
            cmd(server_bin.to_str().expect("utf-8 path"))
                .env("WINK_ADDR", "127.0.0.1:0")
                .env("WINK_DIST_DIR", root().join("dist"))
                .env("WINK_OFFICER_DIST_DIR", root().join(tools::OFFICER_DIST))
                .env("WINK_DEMO_OFFICER_EMAIL", DEMO_OFFICER_EMAIL)
                .env("WINK_DEMO_OFFICER_PASSWORD", &officer_password)
                .env("SMILE_MODE", "emulator")
                // A test rig: emulator mode on the PostgreSQL run's database too.
                .env("WINK_EMULATOR_ANYWHERE", "1")
                // Every suite applies from 127.0.0.1: one client address, many applicants.
                .env("WINK_APPLY_PER_HOUR", "10000")
                .env("WINK_LINK_PER_MINUTE_PER_ADDRESS", "100000")
                // A 0 % rollout with every domain the suites apply with on the allow-list:
                // the Wink journeys run as before, and manual.test.mjs gets its manual
                // applicant.
                .env("WINK_ROLLOUT_PERCENT", "0")
                .env("WINK_ROLLOUT_ALLOWLIST", "@smileapi.io,@example.com")
                .env("SMILE_API_KEY", &key)
                .env("SMILE_API_SECRET", &secret)
                .env("DATABASE_URL", database_url)
                // Its log goes to a file so the suite's own summary lines end the output.
                .stderr(std::fs::File::create(data.join("server.log"))?),
        )?;
        Ok(Self {
            service,
            url,
            key,
            secret,
            officer_password,
        })
    }
}
