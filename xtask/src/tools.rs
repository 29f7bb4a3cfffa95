//! Installs what is missing, at pinned versions, and nothing else (a cold machine needs
//! ~30 minutes of `cargo install`; a warm one none). See `../shared/docs/toolchain.md`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::proc::{cmd, is_root, output, step};
use crate::{root, target_dir};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const WASM_OPT_VERSION: &str = "version 132";
/// The wasm size profiler `cargo xtask bench` runs on the applicant's bundle.
pub const TWIGGY_VERSION: &str = "0.8.0";
/// The spec-driven fuzzer `cargo xtask fuzz` runs (PyPI), in its own virtual environment.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const PDFTOTEXT: &str = "/usr/bin/pdftotext";
/// The officer's dashboard is its own bundle, with its own trunk config (paths in it are
/// relative to its folder; it builds into `officer/dist`).
pub const OFFICER_TRUNK_CONFIG: &str = "officer/Trunk.toml";
pub const OFFICER_DIST: &str = "officer/dist";
/// The applicant's first screens (`/`, `/apply`) are a smaller build of their own, into
/// `dist/start` (so after the whole app's build, which empties `dist/`).
pub const START_TRUNK_CONFIG: &str = "start/Trunk.toml";
pub const START_DIST: &str = "dist/start";

/// The release builds of both front ends: the applicant's (`dist/`, with its first
/// screens' own build in `dist/start/`) and the officer's (`officer/dist/`), each with its
/// hashed files precompressed (`precompress`).
pub fn release_builds() -> Result<()> {
    step(
        "release build (applicant): trunk build --release",
        cmd("trunk").args(["build", "--release", "--offline"]),
    )?;
    step(
        "release build (applicant's first screens): trunk build --release --config start/Trunk.toml",
        cmd("trunk").args(["build", "--release", "--offline", "--config", START_TRUNK_CONFIG]),
    )?;
    precompressed(&root().join("dist"))?;
    step(
        "release build (officer): trunk build --release --config officer/Trunk.toml",
        cmd("trunk").args([
            "build",
            "--release",
            "--offline",
            "--config",
            OFFICER_TRUNK_CONFIG,
        ]),
    )?;
    precompressed(&root().join(OFFICER_DIST))
}

fn precompressed(dist: &Path) -> Result<()> {
    let files = crate::precompress::dist(dist)?;
    println!("brotli -q 11: {files} hashed files in {}", dist.display());
    Ok(())
}

/// Everything `cargo xtask dev` needs.
pub fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    ensure_npm_tools()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()?;
    // trunk runs cargo offline (so it never downloads a tool): fetch crates first.
    step("cargo fetch", cmd("cargo").arg("fetch"))
}

/// Everything `cargo xtask test` needs: the build tools and a browser with its driver.
pub fn ensure_test_tools() -> Result<()> {
    ensure_style_tools()?;
    ensure_apt_packages()?;
    ensure_build_tools()
}

/// rustfmt and clippy: in rustup's default profile, but not in its minimal one.
fn ensure_style_tools() -> Result<()> {
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    let missing: Vec<&str> = ["rustfmt", "clippy"]
        .into_iter()
        .filter(|tool| {
            !installed
                .lines()
                .any(|l| l.starts_with(&format!("{tool}-")))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(
        &format!("rustup component add {}", missing.join(" ")),
        cmd("rustup").args(["component", "add"]).args(&missing),
    )
}

fn ensure_wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step(
        "rustup target add wasm32-unknown-unknown",
        cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

fn ensure_trunk() -> Result<()> {
    // 0.22 needs a newer rustc than the machines have.
    cargo_install("trunk", TRUNK_VERSION, " (about 20 minutes on 2 cores)")
}

/// twiggy at [`TWIGGY_VERSION`] (its `--version` says `twiggy-opt 0.8.0`).
pub fn ensure_twiggy() -> Result<()> {
    cargo_install("twiggy", TWIGGY_VERSION, "")
}

/// `cargo install tool --version version --locked` unless `tool --version` already names
/// that version as its second word; `--locked` keeps its tested dependencies.
fn cargo_install(tool: &str, version: &str, how_long: &str) -> Result<()> {
    let found = output(tool, &["--version"]).unwrap_or_default();
    if found.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    step(
        &format!("cargo install {tool} {version}{how_long}"),
        cmd("cargo").args(["install", tool, "--version", version, "--locked"]),
    )
}

fn ensure_wasm_bindgen() -> Result<()> {
    let wanted = locked_version(&root().join("Cargo.lock"), "wasm-bindgen")?;
    let cli = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    let matches = |s: &str| s.split_whitespace().nth(1) == Some(wanted.as_str());
    if matches(&cli) && matches(&runner) {
        return Ok(());
    }
    // Not --locked: its lockfile names a crate version the registry mirror lacks.
    step(
        &format!("cargo install wasm-bindgen-cli {wanted} (about 7 minutes on 2 cores)"),
        cmd("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &format!("={wanted}"),
            "--force",
        ]),
    )
}

fn ensure_npm_tools() -> Result<()> {
    if output("npm", &["--version"]).is_none() {
        bail!(
            "npm is missing. Install Node.js and npm (Debian/Ubuntu: `sudo apt-get install -y nodejs npm`), then run this again."
        );
    }
    let wasm_opt = root().join("node_modules/.bin/wasm-opt");
    let wasm_opt_ok = output(wasm_opt.to_str().unwrap_or_default(), &["--version"])
        .is_some_and(|v| v.contains(WASM_OPT_VERSION));
    // A checkout made before a package was added has a node_modules without it.
    let packages_ok = ["playwright-core", "@axe-core/playwright"]
        .iter()
        .all(|package| {
            root()
                .join("node_modules")
                .join(package)
                .join("package.json")
                .is_file()
        });
    if wasm_opt_ok && packages_ok {
        return Ok(());
    }
    step(
        "npm ci (binaryen 132, playwright-core, @axe-core/playwright) into ./node_modules",
        cmd("npm").args(["ci", "--no-audit", "--no-fund"]),
    )
}

/// The Debian packages the suites drive, each by a file it installs: Chromium and its
/// driver (headless tests, end to end), and poppler's `pdftotext` (reading the reports the
/// end-to-end suite downloads).
const APT_PACKAGES: [(&str, &str); 3] = [
    (CHROMIUM, "chromium"),
    (CHROMEDRIVER, "chromium-driver"),
    (PDFTOTEXT, "poppler-utils"),
];

fn ensure_apt_packages() -> Result<()> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(file, _)| !Path::new(file).is_file())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let install = format!("apt-get update && apt-get install -y {}", missing.join(" "));
    if !is_root() {
        bail!(
            "{} missing. Install with:\n    sudo sh -c '{install}'",
            missing.join(", ")
        );
    }
    step("apt-get update", cmd("apt-get").arg("update"))?;
    step(
        &format!("apt-get install {}", missing.join(" ")),
        cmd("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// schemathesis at [`SCHEMATHESIS_VERSION`], in a virtual environment under the target
/// folder (made on first use, reused while it holds that version); its executable's path.
pub fn ensure_schemathesis() -> Result<PathBuf> {
    let venv = target_dir().join("schemathesis-venv");
    let schemathesis = venv.join("bin/schemathesis");
    let installed = output(path_str(&schemathesis)?, &["--version"]).unwrap_or_default();
    if installed.split_whitespace().last() == Some(SCHEMATHESIS_VERSION) {
        return Ok(schemathesis);
    }
    if output("python3", &["--version"]).is_none() {
        bail!(
            "python3 is missing. Install it with venv (Debian/Ubuntu: `sudo apt-get install -y python3 python3-venv`), then run this again."
        );
    }
    if !venv.join("bin/pip").is_file() {
        step(
            &format!("python3 -m venv {}", venv.display()),
            cmd("python3").args(["-m", "venv"]).arg(&venv),
        )?;
    }
    step(
        &format!(
            "pip install schemathesis=={SCHEMATHESIS_VERSION} (into {})",
            venv.display()
        ),
        cmd(path_str(&venv.join("bin/pip"))?).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
        ]),
    )?;
    Ok(schemathesis)
}

fn path_str(path: &Path) -> Result<&str> {
    path.to_str()
        .with_context(|| format!("{} is not UTF-8", path.display()))
}

/// The version of `package` that Cargo.lock pins (trunk insists on exactly that CLI).
pub fn locked_version(lockfile: &Path, package: &str) -> Result<String> {
    let text = std::fs::read_to_string(lockfile)
        .with_context(|| format!("cannot read {}", lockfile.display()))?;
    parse_locked_version(&text, package)
        .with_context(|| format!("{package} is not in {}", lockfile.display()))
}

fn parse_locked_version(lockfile: &str, package: &str) -> Option<String> {
    let wanted = format!("name = \"{package}\"");
    let mut lines = lockfile.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse_locked_version;

    #[test]
    fn reads_the_locked_version_of_exactly_that_package() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-futures"
version = "0.4.50"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
"#;
        assert_eq!(
            parse_locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_locked_version(lock, "trunk"), None);
    }
}
