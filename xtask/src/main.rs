//! `cargo xtask <command>`: the project's own build and test driver (no shell scripts, so it
//! behaves the same on every machine). A binary-only tool, hence `anyhow` throughout.

mod bench;
mod dev;
mod first_screen;
mod fixtures;
mod fuzz;
mod layers;
mod pg;
mod postgres;
mod precompress;
mod prerender;
mod proc;
mod test;
mod tools;
mod wasm_runner;

use std::path::PathBuf;

const USAGE: &str = "\
usage: cargo xtask <command>

  dev     install missing tools, run wink-server (emulator mode) on 127.0.0.1:3000
          and trunk serve on http://127.0.0.1:8080; Ctrl-C stops both
  build   the release builds to ship: both front ends (their wasm, JS and CSS
          precompressed with brotli -q 11) and the applicant's first screens
          prerendered in each language (Chromium, against a throwaway emulator server)
  test    install missing tools, run every suite: cargo test (native), the front end
          in headless Chromium (wasm-bindgen-test), end-to-end (Playwright); the server's
          tests and end-to-end again on a throwaway PostgreSQL (installed if missing;
          skipped if unavailable unless WINK_REQUIRE_POSTGRES=1)
  bench   bundle sizes (applicant and officer, raw and gzip -9), webhook acks/s vs a bare
          handler (SQLite, then PostgreSQL), officer API latency at 100,000 applicants,
          sync throughput vs 20 req/s, first screen on a slow phone vs a static snapshot;
          `bench screen` runs only the last (about 2 minutes once built), `bench officer`
          only the officers' API on both databases
  fixtures  extract the data of Smile's spec and webhooks reference that the tests read
          from ../shared/smile into smile/tests/fixtures (committed)
  fuzz    Smile's spec against the standalone emulator with schemathesis (pinned, in a
          virtual environment under the target folder): 0 failures on every operation it
          serves, Smile's errors on the others (run by test)
  layers  check that no crate's modules import each other in a circle, and that the
          server's domain and storage never import its HTTP layer (run by test)
  pg      start a throwaway PostgreSQL cluster on a free port of 127.0.0.1, print
          `export WINK_TEST_POSTGRES_URL=...`; Ctrl-C stops it and deletes its data";

fn main() {
    let command = std::env::args().nth(1);
    let result = match command.as_deref() {
        Some("dev") => dev::run(),
        Some("build") => prerender::release(),
        Some("test") => test::run(),
        Some("bench") => bench::run(std::env::args().nth(2).as_deref()),
        Some("pg") => pg::run(),
        // Not typed by hand: `test` makes it cargo's runner for the browser tests.
        Some("wasm-runner") => wasm_runner::run(&std::env::args_os().skip(2).collect::<Vec<_>>()),
        Some("fixtures") => fixtures::run(),
        Some("fuzz") => fuzz::run(),
        Some("layers") => layers::run(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(err) = result {
        eprintln!("\nxtask: {err:#}");
        std::process::exit(1);
    }
}

/// Every file under `dir`, at any depth (a build's output: the bundle's sizes, what to
/// precompress).
fn files_under(dir: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("read {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

/// Where cargo builds: `CARGO_TARGET_DIR` when set (relative to the workspace, where every
/// command runs), else `target/`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}
