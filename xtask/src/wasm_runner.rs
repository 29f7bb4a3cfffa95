//! `xtask wasm-runner <wasm> [args]`: cargo's runner for the front ends' browser tests
//! under `cargo xtask test`, wrapping `wasm-bindgen-test-runner`.
//!
//! The runner serves the test page from tiny_http 0.12, whose task pool can leave a new
//! connection unserved for good: `spawn` queues a task whenever some thread is idle, even
//! when that thread has already been handed an earlier one. A page importing several JS
//! snippets at once opens several connections at once, and one of its scripts then never
//! arrives; the tests never start. Only that stall, recognised by the runner's own words,
//! is tried again; a test that fails or hangs once it has started fails the suite.

use std::ffi::OsString;
use std::io::Write;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::proc::tool_path;

const ATTEMPTS: u32 = 3;

/// What the runner prints when its time ran out with the page still importing its scripts.
const STALLED: &str = "Loading scripts...Failed to detect test as having been run";

pub fn run(args: &[OsString]) -> Result<()> {
    for attempt in 1..=ATTEMPTS {
        // In cargo's working directory: the runner serves the package's own files from it.
        let out = Command::new("wasm-bindgen-test-runner")
            .args(args)
            .env("PATH", tool_path())
            .output()
            .context("could not start wasm-bindgen-test-runner")?;
        std::io::stdout().write_all(&out.stdout)?;
        std::io::stderr().write_all(&out.stderr)?;
        if out.status.success() {
            return Ok(());
        }
        if !String::from_utf8_lossy(&out.stdout).contains(STALLED) {
            bail!("wasm-bindgen-test-runner failed ({})", out.status);
        }
        println!(
            "\nxtask: the test page never finished loading its scripts (attempt {attempt} of \
             {ATTEMPTS}; see xtask/src/wasm_runner.rs)"
        );
    }
    bail!("the test page stalled loading its scripts {ATTEMPTS} times")
}
