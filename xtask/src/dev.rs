//! `cargo xtask dev`: wink-server on :3000, `trunk serve` on :8080 (the applicant's app,
//! proxying `/api`, `/sandbox` and `/officer/` to the server) and `trunk watch` rebuilding
//! the officer's dashboard into `officer/dist` (which the server serves), until Ctrl-C.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;

use crate::proc::{cmd, step, Service};
use crate::tools;

pub fn run() -> Result<()> {
    tools::ensure_build_tools()?;
    step(
        "build wink-server",
        cmd("cargo").args(["build", "-p", "wink-server"]),
    )?;

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))?;

    let (mut server, url) = Service::spawn_server(
        cmd("cargo")
            .args(["run", "--quiet", "-p", "wink-server"])
            .env("WINK_ADDR", "127.0.0.1:3000")
            .env("WINK_DIST_DIR", "dist")
            .env("WINK_OFFICER_DIST_DIR", tools::OFFICER_DIST),
    )?;
    println!("wink-server is up at {url}");
    let mut trunk = Service::spawn(
        "trunk serve",
        cmd("trunk").args([
            "serve",
            "--offline",
            "--address",
            "127.0.0.1",
            "--port",
            "8080",
        ]),
    )?;
    let mut officer = Service::spawn(
        "trunk watch (officer)",
        cmd("trunk").args([
            "watch",
            "--offline",
            "--config",
            tools::OFFICER_TRUNK_CONFIG,
        ]),
    )?;
    println!(
        "\n  Wink Portal: http://127.0.0.1:8080  (first build takes a few minutes; Ctrl-C stops)\n  \
         Loan officers: http://127.0.0.1:8080/officer/  (demo officer: officer@wink.test, password in data/demo-officer-password)\n"
    );

    while !stop.load(Ordering::SeqCst) {
        for service in [&mut server, &mut trunk, &mut officer] {
            if let Some(status) = service.try_wait()? {
                println!("{} exited ({status}); stopping the rest.", service.name);
                stop.store(true, Ordering::SeqCst);
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    officer.stop();
    trunk.stop();
    server.stop();
    println!("stopped wink-server and both trunks.");
    Ok(())
}
