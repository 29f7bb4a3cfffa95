//! `cargo xtask fuzz`: Smile's spec, fuzzed by schemathesis against the standalone emulator.
//!
//! Every operation the emulator serves must pass the four conformance checks below; every
//! other operation of the spec must answer Smile's error envelope (404 `MISSING_RESOURCE`
//! for an unknown path), never a server error. The run is bounded and seeded, so it is
//! the same on every machine.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::proc::{cmd, step, Service};
use crate::{root, target_dir, tools};

/// Smile's spec, as committed (a copy of `../shared/smile/openapi-v1.yaml`).
const SPEC: &str = "sandbox/spec/openapi-v1.yaml";
/// What cannot be said on schemathesis's command line (see the file's comments).
const CONFIG: &str = "sandbox/spec/schemathesis.toml";

/// The operations the emulator serves, by the spec's `operationId`. `sandbox/README.md`
/// lists them too.
const SERVED: [&str; 30] = [
    "create-user",
    "list-users",
    "get-user",
    "create-token",
    "list-providers",
    "get-provider",
    "list-accounts",
    "get-account",
    "delete-account",
    "list-identities",
    "get-identity",
    "list-employments",
    "get-employment",
    "list-incomes",
    "get-income",
    "list-contributions",
    "get-contribution",
    "list-eincomes",
    "get-eincomes",
    "list-archives",
    "get-archive",
    "delete-archive",
    "create-archive",
    "create-and-classify-archive",
    "list-uploads",
    "list-file-types",
    "list-webhooks",
    "create-webhook",
    "get-webhook",
    "delete-webhook",
];

/// One schemathesis run over part of the spec.
struct Pass {
    /// The checks every answer must pass.
    checks: &'static str,
    /// Test cases per operation.
    max_examples: &'static str,
    phases: &'static str,
    /// `--include-operation-id` or `--exclude-operation-id`, applied to [`SERVED`].
    served: &'static str,
}

/// The operations the emulator serves: every answer conforms to the spec. About 30 s on a
/// loaded 2-core machine.
const SERVED_PASS: Pass = Pass {
    checks: "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
    max_examples: "100",
    phases: "examples,coverage,fuzzing",
    served: "--include-operation-id",
};

/// The other operations have no answer of their own to conform to: they must fail
/// cleanly, with Smile's envelope. They all take the same path in the emulator, so a few
/// cases each are enough.
const UNSERVED_PASS: Pass = Pass {
    checks: "not_a_server_error,content_type_conformance,response_schema_conformance",
    max_examples: "5",
    phases: "examples,fuzzing",
    served: "--exclude-operation-id",
};

/// A fixed seed: the same requests on every run.
const SEED: &str = "15";

/// The emulator's documented key pair (sandbox/README.md): it opens only the emulator.
const API_KEY: &str = "sandbox-emulator-key";
const API_SECRET: &str = "sandbox-emulator-secret";

pub fn run() -> Result<()> {
    let schemathesis = tools::ensure_schemathesis()?;
    let operations = spec_operations(&root().join(SPEC))?;
    if let Some(missing) = SERVED
        .iter()
        .find(|id| !operations.iter().any(|op| op == *id))
    {
        bail!("{missing} is listed as served but is not an operation of {SPEC}");
    }
    step(
        "build the emulator: cargo build -p smile-sandbox",
        cmd("cargo").args(["build", "-p", "smile-sandbox"]),
    )?;
    let (_emulator, base_url) = start_emulator()?;
    // schemathesis and Hypothesis leave working files in the current folder.
    let work_dir = target_dir().join("schemathesis");
    std::fs::create_dir_all(&work_dir)?;
    let version = tools::SCHEMATHESIS_VERSION;

    let unserved = operations.len() - SERVED.len();
    step(
        &format!("schemathesis {version}: the {unserved} operations of Smile's spec the emulator does not serve answer Smile's errors"),
        &mut UNSERVED_PASS.command(&schemathesis, &work_dir, &base_url),
    )?;
    // Last, so the output ends with its summary.
    println!(
        "\nThe emulator serves {} of the {} operations of Smile's spec; each is exercised next.",
        SERVED.len(),
        operations.len()
    );
    step(
        &format!(
            "schemathesis {version}: the {} operations the emulator serves conform to Smile's spec",
            SERVED.len()
        ),
        &mut SERVED_PASS.command(&schemathesis, &work_dir, &base_url),
    )
}

impl Pass {
    fn command(&self, schemathesis: &Path, work_dir: &Path, base_url: &str) -> Command {
        let mut command = Command::new(schemathesis);
        command
            .current_dir(work_dir)
            .arg("--config-file")
            .arg(root().join(CONFIG))
            .arg("run")
            .arg(root().join(SPEC))
            .args(["--url", base_url])
            .args(["--auth", &format!("{API_KEY}:{API_SECRET}")])
            .args(["--checks", self.checks])
            .args(["--max-examples", self.max_examples])
            .args(["--phases", self.phases])
            .args(["--seed", SEED])
            .arg("--no-color");
        for id in SERVED {
            command.args([self.served, id]);
        }
        command
    }
}

/// Every `operationId` in the spec.
fn spec_operations(spec: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(spec).with_context(|| format!("cannot read {}", spec.display()))?;
    let spec: serde_yaml::Value =
        serde_yaml::from_str(&text).with_context(|| format!("{} is not YAML", spec.display()))?;
    let paths = spec["paths"]
        .as_mapping()
        .with_context(|| format!("{} has no paths", SPEC))?;
    Ok(paths
        .values()
        .filter_map(serde_yaml::Value::as_mapping)
        .flat_map(|operations| operations.values())
        .filter_map(|operation| operation["operationId"].as_str())
        .map(str::to_owned)
        .collect())
}

/// The emulator built above, serving at the root of a free port with its documented key
/// pair; its Open API base URL. Stopped when the [`Service`] is dropped.
fn start_emulator() -> Result<(Service, String)> {
    let port = free_port()?;
    let binary: PathBuf = target_dir().join("debug/smile-sandbox");
    let mut emulator = Service::spawn(
        "smile-sandbox",
        cmd(binary
            .to_str()
            .context("the target folder's path is not UTF-8")?)
        .args(["--port", &port.to_string()])
        .args(["--api-key", API_KEY, "--api-secret", API_SECRET])
        // The run's own output stays readable: the emulator logs only its problems.
        .env("RUST_LOG", "warn"),
    )?;
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
        if let Some(status) = emulator.try_wait()? {
            bail!("smile-sandbox exited at start-up ({status})");
        }
        if Instant::now() > deadline {
            bail!("smile-sandbox did not listen on {address} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok((emulator, format!("http://{address}/v1")))
}

/// A port nothing listens on now (the OS picks it; the emulator binds it right after).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("no free local port")?;
    Ok(listener.local_addr()?.port())
}
