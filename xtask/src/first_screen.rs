//! `cargo xtask bench screen` (issue 18): how long a phone on Lighthouse's mobile profile
//! waits for each page's first screen to be usable, against a static snapshot of the same
//! screen (what it would cost with no script at all); the bytes each load moves; and what
//! makes the applicant's wasm big (twiggy). The browser side is
//! `tests/bench/first-screen.mjs`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::proc::{cmd, step};
use crate::test::{fresh_dir, EmulatorServer};
use crate::{root, target_dir, tools};

/// Each page, and how many times its static snapshot's time its first screen may take.
const TARGETS: [(&str, f64); 3] = [("/apply", 1.3), ("/", 1.3), ("/officer/", 2.0)];

/// Expects the release front ends built (`tools::release_builds`) and twiggy installed
/// (`tools::ensure_twiggy`).
pub fn run() -> Result<()> {
    // The server as it ships: a debug build spends ~170 ms compressing the wasm (brotli, on
    // the fly) for every load, which is not the front end's time.
    step(
        "build wink-server: cargo build --profile release-server -p wink-server",
        cmd("cargo").args(["build", "--profile", "release-server", "-p", "wink-server"]),
    )?;
    let server_bin = target_dir().join("release-server/wink-server");
    crate::prerender::run(&server_bin)?;
    let data = fresh_dir("first-screen")?;
    let database_url = format!("sqlite://{}/wink.db", data.display());
    let log = data.join("server.log");
    let mut server = EmulatorServer::spawn(&server_bin, &data, &database_url)
        .with_context(|| format!("wink-server's log: {}", log.display()))?;
    let results = data.join("results.json");
    let ran = step(
        "first screen: node tests/bench/first-screen.mjs (Playwright, /usr/bin/chromium, Lighthouse's mobile profile)",
        cmd("node")
            .arg("tests/bench/first-screen.mjs")
            .env("WINK_BASE_URL", &server.url)
            .env("WINK_FIRST_SCREEN_OUT", &results)
            .env("CHROMIUM", tools::CHROMIUM),
    );
    server.service.stop();
    ran.with_context(|| format!("wink-server's log: {}", log.display()))?;
    let text =
        std::fs::read_to_string(&results).with_context(|| format!("read {}", results.display()))?;
    println!("\n{}", summary(&serde_json::from_str(&text)?)?);
    wasm_contributors()
}

/// The medians of each page, against its target; bytes; how the wasm came over the wire.
fn summary(results: &Value) -> Result<String> {
    let loads = results["loads"].as_u64().unwrap_or_default();
    let mut out = format!(
        "first screen: Lighthouse mobile (150 ms latency, 1.6 Mbps down, 750 kbps up, CPU 4× slower, \
         cache off), a new browser context per load, median of {loads} loads"
    );
    let pages = results["pages"]
        .as_array()
        .context("no pages in the results")?;
    for page in pages {
        let path = page["path"].as_str().context("a page without a path")?;
        let target = TARGETS
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, t)| *t)
            .with_context(|| format!("no target for {path}"))?;
        let app = &page["app"];
        let snapshot = &page["snapshot"];
        out += &format!(
            "\n{}",
            verdict(
                path,
                median(&numbers(app, "ms")?),
                median(&numbers(snapshot, "ms")?),
                target
            )
        );
        let element = app[0]["element"].as_str().unwrap_or("?");
        let wasm = match &app[0]["wasm"] {
            Value::Object(wasm) => format!(
                "; wasm content-encoding: {} ({} B)",
                wasm["encoding"].as_str().unwrap_or("?"),
                wasm["bytes"]
            ),
            _ => String::new(),
        };
        out += &format!(
            "\n  {} ({element}); bytes per load: app {:.0} B, snapshot {:.0} B{wasm}",
            page["target"].as_str().unwrap_or("?"),
            median(&numbers(app, "bytes")?),
            median(&numbers(snapshot, "bytes")?),
        );
    }
    Ok(out)
}

/// `field` of every load in `loads`.
fn numbers(loads: &Value, field: &str) -> Result<Vec<f64>> {
    let loads = loads.as_array().context("no loads in the results")?;
    if loads.is_empty() {
        bail!("no loads in the results");
    }
    loads
        .iter()
        .map(|load| {
            load[field]
                .as_f64()
                .with_context(|| format!("a load without {field}"))
        })
        .collect()
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

/// `/apply: usable 2100 ms, static snapshot 760 ms, ratio 2.76× (target ≤ 1.3×: OVER)`.
fn verdict(path: &str, app_ms: f64, snapshot_ms: f64, target: f64) -> String {
    let ratio = app_ms / snapshot_ms;
    let verdict = if ratio <= target { "within" } else { "OVER" };
    format!(
        "{path}: usable {app_ms:.0} ms, static snapshot {snapshot_ms:.0} ms, ratio {ratio:.2}× \
         (target ≤ {target}×: {verdict})"
    )
}

/// The largest items of the wasm behind `/` and `/apply` (the first screens' own build).
/// wasm-opt strips the names from what ships, so this reads trunk's wasm-bindgen output,
/// the file wasm-opt then optimised into `dist/start/`.
fn wasm_contributors() -> Result<()> {
    let staged = target_dir().join("wasm-bindgen/release");
    let wasm = staged.join("wink-start_bg.wasm");
    if !wasm.is_file() {
        println!(
            "\nno named applicant wasm at {} (trunk's wasm-bindgen output): twiggy skipped",
            wasm.display()
        );
        return Ok(());
    }
    // Its JS glue is byte for byte dist's when both come from the same build.
    let same_build = match dist_glue(&root().join(tools::START_DIST))? {
        Some(glue) => std::fs::read(staged.join("wink-start.js")).ok() == Some(glue),
        None => false,
    };
    let shown = wasm.strip_prefix(root()).unwrap_or(&wasm).display();
    step(
        &format!(
            "applicant wasm's largest items: twiggy top -n 20 {shown} (trunk's wasm-bindgen \
             output, before wasm-opt -Oz shrinks it and strips the \"function names\" it lists{})",
            if same_build {
                "; the build in dist/start/"
            } else {
                "; NOT the build in dist/start/: its JS glue differs"
            }
        ),
        cmd("twiggy").args(["top", "-n", "20"]).arg(&wasm),
    )
}

/// The first screens' JS glue in `dist` (`wink-start-<hash>.js`).
fn dist_glue(dist: &Path) -> Result<Option<Vec<u8>>> {
    for entry in std::fs::read_dir(dist).with_context(|| format!("read {}", dist.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("wink-start-") && name.ends_with(".js") {
            return Ok(Some(std::fs::read(&path)?));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[5.0, 1.0, 3.0, 900.0, 2.0]), 3.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn verdict_names_the_ratio_and_whether_it_meets_the_target() {
        assert_eq!(
            verdict("/apply", 2100.0, 760.0, 1.3),
            "/apply: usable 2100 ms, static snapshot 760 ms, ratio 2.76× (target ≤ 1.3×: OVER)"
        );
        assert_eq!(
            verdict("/officer/", 900.0, 600.0, 2.0),
            "/officer/: usable 900 ms, static snapshot 600 ms, ratio 1.50× (target ≤ 2×: within)"
        );
    }

    #[test]
    fn summary_reads_the_scripts_results() {
        let load = |ms: f64, bytes: u64| {
            serde_json::json!({"ms": ms, "bytes": bytes, "element": "input#name",
                "wasm": {"encoding": "br", "bytes": 1000}})
        };
        let results = serde_json::json!({"loads": 3, "pages": [{
            "path": "/", "target": "primary call to action",
            "app": [load(1300.0, 10), load(1200.0, 12), load(5000.0, 11)],
            "snapshot": [load(1000.0, 2), load(1000.0, 2), load(1000.0, 2)],
        }]});
        let text = summary(&results).unwrap();
        assert!(
            text.contains(
                "/: usable 1300 ms, static snapshot 1000 ms, ratio 1.30× (target ≤ 1.3×: within)"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "bytes per load: app 11 B, snapshot 2 B; wasm content-encoding: br (1000 B)"
            ),
            "{text}"
        );
        let unknown = serde_json::json!({"loads": 1, "pages": [{"path": "/nowhere"}]});
        assert!(summary(&unknown).is_err());
    }
}
