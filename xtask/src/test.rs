//! `cargo xtask test`: every suite, in the order a failure is cheapest to find.

use std::path::PathBuf;

use anyhow::{bail, Result};

use crate::proc::{cmd, step, Service};
use crate::{root, tools};

pub fn run() -> Result<()> {
    tools::ensure_test_tools()?;
    let mut failed = Vec::new();

    if step(
        "native tests: cargo test --workspace --all-features",
        cmd("cargo").args(["test", "--workspace", "--all-features"]),
    )
    .is_err()
    {
        failed.push("native");
    }

    for (suite, package) in [
        ("wasm (applicant)", "wink-portal"),
        ("wasm (officer)", "wink-officer"),
    ] {
        if in_browser(package).is_err() {
            failed.push(suite);
        }
    }

    if end_to_end().is_err() {
        failed.push("end-to-end");
    }

    if !failed.is_empty() {
        bail!("failing suites: {}", failed.join(", "));
    }
    Ok(())
}

/// Where cargo builds: `CARGO_TARGET_DIR` when set (relative to the workspace, where every
/// command runs), else `target/`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// One front end's tests in headless Chromium (wasm-bindgen-test).
fn in_browser(package: &str) -> Result<()> {
    step(
        &format!(
            "front end in headless Chromium: cargo test --target wasm32-unknown-unknown -p {package}"
        ),
        cmd("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "-p", package])
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root().join("webdriver.json"))
            // A loaded 2-core machine starts Chromium slowly; the defaults (5 s / 20 s) flake.
            .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
    )
}

/// The release builds served by wink-server, driven by Playwright in Debian's Chromium.
fn end_to_end() -> Result<()> {
    tools::release_builds()?;
    step(
        "build wink-server",
        cmd("cargo").args(["build", "-p", "wink-server"]),
    )?;
    let target = target_dir();
    let server_bin = target.join("debug/wink-server");
    let data = target.join("e2e-data");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data)?;
    // A key pair made up for this run: the suite checks that none of it reaches dist/.
    let key = format!("e2e-key-{}", std::process::id());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let secret = format!("e2e-secret-{nanos}");
    // The demo officer the server creates in emulator mode, with a password made up for
    // this run (the suite checks that it reaches neither bundle either).
    let officer_email = "officer@wink.test";
    let officer_password = format!("e2e-officer-{nanos}-{}", std::process::id());
    let (mut server, url) = Service::spawn_server(
        cmd(server_bin.to_str().expect("utf-8 path"))
            .env("WINK_ADDR", "127.0.0.1:0")
            .env("WINK_DIST_DIR", root().join("dist"))
            .env("WINK_OFFICER_DIST_DIR", root().join(tools::OFFICER_DIST))
            .env("WINK_DEMO_OFFICER_EMAIL", officer_email)
            .env("WINK_DEMO_OFFICER_PASSWORD", &officer_password)
            .env("SMILE_MODE", "emulator")
            // A 0 % rollout with every domain the suites apply with on the allow-list: the
            // Wink journeys run as before, and manual.test.mjs gets its manual applicant.
            .env("WINK_ROLLOUT_PERCENT", "0")
            .env("WINK_ROLLOUT_ALLOWLIST", "@smileapi.io,@example.com")
            .env("SMILE_API_KEY", &key)
            .env("SMILE_API_SECRET", &secret)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/wink.db", data.display()),
            )
            // Its log goes to a file so the suite's own summary lines end the output.
            .stderr(std::fs::File::create(data.join("server.log"))?),
    )?;
    let result = step(
        "end-to-end: node --test tests/e2e (Playwright, /usr/bin/chromium)",
        cmd("node")
            .args([
                "--test",
                "--test-reporter=spec",
                "--test-concurrency=1",
                "tests/e2e/",
            ])
            .env("WINK_BASE_URL", &url)
            .env("WINK_DIST_DIR", root().join("dist"))
            .env("WINK_OFFICER_DIST_DIR", root().join(tools::OFFICER_DIST))
            .env("WINK_DEMO_OFFICER_EMAIL", officer_email)
            .env("WINK_DEMO_OFFICER_PASSWORD", &officer_password)
            .env(
                "WINK_TEST_SECRETS",
                format!("{key},{secret},{officer_password}"),
            )
            .env("SMILE_SANDBOX_API_KEY", &key)
            .env("SMILE_SANDBOX_API_SECRET", &secret)
            .env("CHROMIUM", tools::CHROMIUM),
    );
    server.stop();
    if result.is_err() {
        println!("wink-server's log: {}", data.join("server.log").display());
    }
    result
}
