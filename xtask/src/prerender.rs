//! The applicant's first screens rendered at build time (issue 18): the release build in
//! `dist/` is served by wink-server (emulator mode, a throwaway database) and
//! `xtask/js/prerender.mjs` loads each prerendered route in each language in Chromium,
//! writing `dist/start/prerendered/<lang>/<route>.html` (those routes are the first
//! screens' own build's) and the officers' sign-in into `officer/dist/prerendered/en/`.
//! wink-server serves those for their routes, so the form shows before the wasm arrives;
//! the app takes it over when it mounts.

use std::path::Path;

use anyhow::{Context, Result};

use crate::proc::{cmd, step};
use crate::test::{fresh_dir, EmulatorServer};
use crate::{root, target_dir, tools};

/// `cargo xtask build`: the release builds, then their first screens, rendered by a debug
/// wink-server (the shipped one has no emulator to render against).
pub fn release() -> Result<()> {
    tools::ensure_test_tools()?;
    tools::release_builds()?;
    step(
        "build wink-server (with its emulator, to render against)",
        cmd("cargo").args(["build", "-p", "wink-server"]),
    )?;
    run(&target_dir().join("debug/wink-server"))
}

/// Renders into `dist/start/` and `officer/dist/` with `server_bin` (any build of
/// wink-server serving them).
pub fn run(server_bin: &Path) -> Result<()> {
    let data = fresh_dir("prerender")?;
    let database_url = format!("sqlite://{}/wink.db", data.display());
    let log = data.join("server.log");
    let mut server = EmulatorServer::spawn(server_bin, &data, &database_url)
        .with_context(|| format!("wink-server's log: {}", log.display()))?;
    let ran = step(
        "prerender the applicant's first screens: node xtask/js/prerender.mjs",
        cmd("node")
            .arg("xtask/js/prerender.mjs")
            .env("WINK_BASE_URL", &server.url)
            .env("WINK_DIST", root().join(tools::START_DIST))
            .env("WINK_OFFICER_DIST", root().join(tools::OFFICER_DIST))
            .env("CHROMIUM", tools::CHROMIUM),
    );
    server.service.stop();
    ran.with_context(|| format!("wink-server's log: {}", log.display()))
}
