//! `cargo xtask bench`: what an applicant's phone downloads — the release build's wasm, JS
//! glue and CSS, raw and gzip -9, for the first screens (their own build) and for the whole
//! app that `/link` loads — and, separately, what an officer's browser downloads
//! (the dashboard is its own bundle, outside the applicant's budget); then the server's
//! benchmarks, the webhook receiver's on SQLite and again on PostgreSQL, and what the abuse
//! budgets cost (detail with the most callbacks, memory under a sign-in flood, a sync
//! under a flood of browser requests); and the first screen's time on a slow phone against
//! a static snapshot (`cargo xtask bench screen` runs only that).

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::first_screen;
use crate::postgres::Postgres;
use crate::proc::{cmd, step};
use crate::{root, tools};

/// Every benchmark, or only the one named (`screen`, `officer`).
pub fn run(only: Option<&str>) -> Result<()> {
    if let Some(other) = only.filter(|name| !["screen", "officer"].contains(name)) {
        bail!("no benchmark called {other:?} (there are `screen` and `officer`)");
    }
    if only == Some("officer") {
        return officer_api();
    }
    tools::ensure_build_tools()?;
    // Before the half hour of benchmarks, not after: the first screen's step runs it.
    tools::ensure_twiggy()?;
    tools::release_builds()?;
    if only == Some("screen") {
        return first_screen::run();
    }
    let first = measure(&root().join(tools::START_DIST), None)?;
    let whole = measure(&root().join("dist"), Some(&root().join(tools::START_DIST)))?;
    let officer = measure(&root().join(tools::OFFICER_DIST), None)?;
    server_example(
        "webhook receiver: signed, durable, deduplicated acknowledgements on loopback, and a bare handler's ceiling",
        "webhook_bench",
        None,
    )?;
    // The same on a throwaway PostgreSQL cluster (fsync on), stopped before the rest.
    on_postgres(
        "webhook receiver on PostgreSQL: the same deliveries, acknowledged durably on a local cluster",
        "webhook_bench",
        "wink_bench",
    )?;
    officer_api()?;
    server_example(
        "sync throughput against Smile's 20 requests/second",
        "sync_bench",
        None,
    )?;
    // Issue 13's abuse budgets: what they cost an officer, an instance's memory, a sync.
    server_example(
        "officer detail of an applicant with the most widget callbacks the budget lets them store",
        "detail_bench",
        None,
    )?;
    server_example(
        "peak memory under 200 concurrent officer sign-ins (Argon2 capped per process)",
        "signin_bench",
        None,
    )?;
    server_example(
        "sync time while 40 sessions flood the browser routes that spend Smile calls, against unloaded",
        "flood_bench",
        None,
    )?;
    server_example(
        "verification report as JSON and as a typeset PDF (p50/p99, size): George, and 5 accounts with 10 years of contributions",
        "report_bench",
        None,
    )?;
    first_screen::run()?;
    println!(
        "\napplicant's first screens, / and /apply (dist/start/)\n{}",
        render(&first)
    );
    println!("{}", against_budget(&first));
    println!(
        "\nthe whole applicant app, loaded by /link and every later page (dist/)\n{}",
        render(&whole)
    );
    println!("{}", against_english_baseline(&whole));
    println!("{}", translations(&root().join("dist/locales"))?);
    println!("\nofficer bundle (officer/dist/)\n{}", render(&officer));
    Ok(())
}

/// The officers' API at 100,000 applicants, on a throwaway PostgreSQL cluster (when one
/// can start) and on SQLite.
fn officer_api() -> Result<()> {
    on_postgres(
        "officers' API on PostgreSQL: list and detail latency (p50/p99) at 100,000 applicants",
        "officer_bench",
        "wink_officer_bench",
    )?;
    server_example(
        "officers' API: list and detail latency (p50/p99) at 100,000 applicants",
        "officer_bench",
        None,
    )
}

/// [`server_example`] on database `database` of a throwaway PostgreSQL cluster (stopped
/// when it returns); skipped, and said so, when no cluster can start.
fn on_postgres(what: &str, example: &str, database: &str) -> Result<()> {
    match Postgres::start() {
        Ok(pg) => server_example(what, example, Some(&pg.create_database(database)?)),
        Err(err) => {
            println!("\nPostgreSQL unavailable: {err:#}; skipped: {what}");
            Ok(())
        }
    }
}

/// Runs one of wink-server's benchmark examples, built as the server ships: on the
/// database at `database_url` when given (the examples read it from
/// `WINK_BENCH_DATABASE_URL`), else on their own temporary SQLite file.
fn server_example(what: &str, example: &str, database_url: Option<&str>) -> Result<()> {
    let mut command = cmd("cargo");
    command.args([
        "run",
        "--quiet",
        "--profile",
        "release-server",
        "-p",
        "wink-server",
        "--example",
        example,
    ]);
    match database_url {
        Some(url) => command.env(BENCH_DATABASE_VAR, url),
        None => command.env_remove(BENCH_DATABASE_VAR),
    };
    step(what, &mut command)
}

/// The database a benchmark example runs on, when not its own temporary SQLite file.
const BENCH_DATABASE_VAR: &str = "WINK_BENCH_DATABASE_URL";

/// Raw and gzip -9 bytes of one kind of asset.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Size {
    raw: u64,
    gzip: u64,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, other: Size) {
        self.raw += other.raw;
        self.gzip += other.gzip;
    }
}

#[derive(Debug, Default)]
struct Sizes {
    wasm: Size,
    js: Size,
    css: Size,
}

/// The wasm, JS and CSS under `dist`, but for those under `except` (another build's).
fn measure(dist: &Path, except: Option<&Path>) -> Result<Sizes> {
    let mut sizes = Sizes::default();
    for path in crate::files_under(dist)? {
        if except.is_some_and(|other| path.starts_with(other)) {
            continue;
        }
        let slot = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => &mut sizes.wasm,
            Some("js") => &mut sizes.js,
            Some("css") => &mut sizes.css,
            _ => continue,
        };
        *slot += size_of(&std::fs::read(&path)?)?;
    }
    Ok(sizes)
}

fn size_of(bytes: &[u8]) -> Result<Size> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes)?;
    Ok(Size {
        raw: bytes.len() as u64,
        gzip: gz.finish()?.len() as u64,
    })
}

/// The applicant's download target: 100 KB of gzip -9 (wasm, JS and CSS together; issue
/// 18, from 250 KB before).
const APPLICANT_BUDGET: u64 = 100_000;

/// The first screens' download against [`APPLICANT_BUDGET`].
fn against_budget(sizes: &Sizes) -> String {
    let gzip = sizes.wasm.gzip + sizes.js.gzip + sizes.css.gzip;
    let ratio = 100.0 * gzip as f64 / APPLICANT_BUDGET as f64;
    let verdict = if gzip <= APPLICANT_BUDGET {
        "within"
    } else {
        "OVER"
    };
    format!(
        "applicant's first screens: {gzip} B gzip = {ratio:.0}% of the {APPLICANT_BUDGET} B \
         target ({verdict})"
    )
}

/// What an English reader downloaded before the applicant's pages spoke three languages
/// (issue 17): `cargo xtask bench` at commit b56b587, gzip -9 of wasm, JS and CSS.
const ENGLISH_BEFORE_I18N: u64 = 271_589;
/// What the two extra languages may add to an English reader's download.
const I18N_ALLOWANCE: u64 = 15_000;

fn against_english_baseline(sizes: &Sizes) -> String {
    let gzip = sizes.wasm.gzip + sizes.js.gzip + sizes.css.gzip;
    let added = gzip as i64 - ENGLISH_BEFORE_I18N as i64;
    let verdict = if added <= I18N_ALLOWANCE as i64 {
        "within"
    } else {
        "OVER"
    };
    format!(
        "an English reader's download: {gzip} B gzip, {added:+} B against {ENGLISH_BEFORE_I18N} B \
         before the translations ({verdict} the {I18N_ALLOWANCE} B allowance)"
    )
}

/// The translations' sizes: each is fetched only by its readers, on top of the bundle.
fn translations(dir: &Path) -> Result<String> {
    let mut out = String::from("translations, fetched only by their readers:");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in files {
        let size = size_of(&std::fs::read(&path)?)?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        out += &format!(" {name} {} B raw, {} B gzip;", size.raw, size.gzip);
    }
    Ok(out.trim_end_matches(';').to_owned())
}

fn render(sizes: &Sizes) -> String {
    let mut total = Size::default();
    let mut out = format!("{:<8}{:>12}{:>14}\n", "asset", "raw bytes", "gzip -9 bytes");
    for (name, size) in [("wasm", sizes.wasm), ("js", sizes.js), ("css", sizes.css)] {
        total += size;
        out += &format!("{name:<8}{:>12}{:>14}\n", size.raw, size.gzip);
    }
    out += &format!("{:<8}{:>12}{:>14}", "total", total.raw, total.gzip);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_each_kind_and_gzip_shrinks_repetitive_text() {
        let dist = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("snippets")).unwrap();
        std::fs::write(dist.join("app.wasm"), vec![0u8; 4096]).unwrap();
        std::fs::write(dist.join("app.js"), "a".repeat(1000)).unwrap();
        std::fs::write(dist.join("snippets/x.js"), "b".repeat(500)).unwrap();
        std::fs::write(dist.join("main.css"), "c".repeat(100)).unwrap();
        std::fs::write(dist.join("index.html"), "ignored").unwrap();
        std::fs::create_dir_all(dist.join("start")).unwrap();
        std::fs::write(dist.join("start/other.wasm"), vec![1u8; 64]).unwrap();
        let sizes = measure(&dist, Some(&dist.join("start"))).unwrap();
        assert_eq!(measure(&dist.join("start"), None).unwrap().wasm.raw, 64);
        std::fs::remove_dir_all(&dist).unwrap();
        assert_eq!(
            (sizes.wasm.raw, sizes.js.raw, sizes.css.raw),
            (4096, 1500, 100)
        );
        assert!(sizes.wasm.gzip < 100 && sizes.js.gzip < 100);
        assert!(render(&sizes).lines().last().unwrap().contains("5696"));
        let tiny = against_budget(&sizes);
        assert!(
            tiny.contains("0% of the 100000 B target (within)"),
            "{tiny}"
        );
        let big = Sizes {
            wasm: Size {
                raw: 900_000,
                gzip: 260_000,
            },
            ..Sizes::default()
        };
        assert!(against_budget(&big).contains("260% of the 100000 B target (OVER)"));
    }
}
