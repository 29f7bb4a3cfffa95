//! `cargo xtask fuzz`: Smile's spec, fuzzed by schemathesis against the standalone emulator.
//!
//! Every operation the emulator serves must pass the four conformance checks below; every
//! other operation of the spec must answer Smile's error envelope (404 `MISSING_RESOURCE`
//! for an unknown path), never a server error. The run is bounded and seeded, so it is
//! the same on every machine.
//!
//! The emulator starts with `--seed-demo`, so lists hold items and the response schemas of
//! real data are checked; the seeded ids are handed to schemathesis for the get-by-id
//! operations it cannot chain from other answers.

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value as Json;
use serde_yaml::{Mapping, Value as Yaml};

use crate::proc::{cmd, step, Service};
use crate::{root, target_dir, tools};

/// Smile's spec, as committed (a copy of `../shared/smile/openapi-v1.yaml`).
const SPEC: &str = "sandbox/spec/openapi-v1.yaml";
/// What cannot be said on schemathesis's command line (see the file's comments).
const CONFIG: &str = "sandbox/spec/schemathesis.toml";

/// The response every fully documented operation of the spec declares for each error.
const STANDARD_ERRORS: &str = "#/components/responses/Standard-Errors";

/// What starts the emulator's `--seed-demo` line on stdout; the seeded ids follow as JSON.
const SEEDED_PREFIX: &str = "smile-sandbox seeded ";

/// The get-by-id operations whose `id` schemathesis cannot take from another operation's
/// answer, and the key of the seeded ids they get (in the `--seed-demo` line). The data
/// items' ids it takes from the lists' answers itself. Deletes get none: deleting the
/// seeded account or archives would empty the lists the other operations read.
const SEEDED_IDS: [(&str, &str); 4] = [
    ("get-user", "userId"),
    ("get-account", "accountId"),
    ("get-task", "taskId"),
    ("get-archive", "archiveIds"),
];

/// How often a seeded id replaces a generated one: half the time, so that unknown ids
/// (404) are still tried.
const SEEDED_ID_PROBABILITY: f64 = 0.5;

/// The operations the emulator serves, by the spec's `operationId`. `sandbox/README.md`
/// lists them too.
const SERVED: [&str; 32] = [
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
    "list-tasks",
    "get-task",
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
    let mut spec = read_spec(&root().join(SPEC))?;
    let operations = spec_operations(&spec)?;
    if let Some(missing) = SERVED
        .iter()
        .find(|id| !operations.iter().any(|op| op == *id))
    {
        bail!("{missing} is listed as served but is not an operation of {SPEC}");
    }
    // With the test suites' selection, so that under `cargo xtask test` it is built already.
    crate::test::native_build("build the emulator", "smile-sandbox")?;
    // schemathesis and Hypothesis leave working files in the current folder.
    let work_dir = target_dir().join("schemathesis");
    std::fs::create_dir_all(&work_dir)?;
    let (_emulator, base_url, seed) = start_emulator(&work_dir)?;
    let run = Run {
        schemathesis,
        spec: write_fuzzing_spec(&mut spec, &work_dir)?,
        config: write_config(&seed, &work_dir)?,
        work_dir,
        base_url,
    };
    let version = tools::SCHEMATHESIS_VERSION;

    let unserved = operations.len() - SERVED.len();
    step(
        &format!("schemathesis {version}: the {unserved} operations of Smile's spec the emulator does not serve answer Smile's errors"),
        &mut run.command(&UNSERVED_PASS),
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
        &mut run.command(&SERVED_PASS),
    )
}

/// What every pass shares: the tool, the files it reads, the emulator it fuzzes.
struct Run {
    schemathesis: PathBuf,
    /// The spec as fuzzed ([`write_fuzzing_spec`]).
    spec: PathBuf,
    /// The settings as used ([`write_config`]).
    config: PathBuf,
    work_dir: PathBuf,
    base_url: String,
}

impl Run {
    fn command(&self, pass: &Pass) -> Command {
        let mut command = Command::new(&self.schemathesis);
        command
            .current_dir(&self.work_dir)
            .arg("--config-file")
            .arg(&self.config)
            .arg("run")
            .arg(&self.spec)
            .args(["--url", &self.base_url])
            .args(["--auth", &format!("{API_KEY}:{API_SECRET}")])
            .args(["--checks", pass.checks])
            .args(["--max-examples", pass.max_examples])
            .args(["--phases", pass.phases])
            .args(["--seed", SEED])
            .arg("--no-color");
        for id in SERVED {
            command.args([pass.served, id]);
        }
        command
    }
}

fn read_spec(path: &Path) -> Result<Yaml> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_yaml::from_str(&text).with_context(|| format!("{} is not YAML", path.display()))
}

/// The spec's operations (the mappings with `responses` under each path).
fn operations_mut(spec: &mut Yaml) -> impl Iterator<Item = &mut Mapping> {
    spec["paths"]
        .as_mapping_mut()
        .into_iter()
        .flat_map(Mapping::values_mut)
        .filter_map(Yaml::as_mapping_mut)
        .flat_map(Mapping::values_mut)
        .filter_map(Yaml::as_mapping_mut)
        .filter(|operation| operation.contains_key("responses"))
}

/// Every `operationId` in the spec.
fn spec_operations(spec: &Yaml) -> Result<Vec<String>> {
    let paths = spec["paths"]
        .as_mapping()
        .with_context(|| format!("{SPEC} has no paths"))?;
    Ok(paths
        .values()
        .filter_map(Yaml::as_mapping)
        .flat_map(|operations| operations.values())
        .filter_map(|operation| operation["operationId"].as_str())
        .map(str::to_owned)
        .collect())
}

/// Writes the spec as fuzzed into `dir`: the committed copy with the two corrections
/// `sandbox/README.md` ("Conformance") explains, where the spec contradicts itself. Its path.
fn write_fuzzing_spec(spec: &mut Yaml, dir: &Path) -> Result<PathBuf> {
    declare_standard_errors(spec);
    discriminated_unions_as_any_of(spec);
    let path = dir.join("openapi-v1.fuzzing.yaml");
    std::fs::write(&path, serde_yaml::to_string(spec)?)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Smile declares its standard errors on every operation but some (`list-tasks`,
/// `get-task`, `list-providers`...), where it answers them all the same: every operation
/// gets those it lacks.
fn declare_standard_errors(spec: &mut Yaml) {
    let standard = Yaml::Mapping(Mapping::from_iter([(
        Yaml::from("$ref"),
        Yaml::from(STANDARD_ERRORS),
    )]));
    let mut codes: Vec<Yaml> = Vec::new();
    for operation in operations_mut(spec) {
        let responses = operation["responses"].as_mapping().into_iter().flatten();
        for (code, response) in responses {
            if *response == standard && !codes.contains(code) {
                codes.push(code.clone());
            }
        }
    }
    for operation in operations_mut(spec) {
        if let Some(responses) = operation["responses"].as_mapping_mut() {
            for code in &codes {
                if !responses.contains_key(code) {
                    responses.insert(code.clone(), standard.clone());
                }
            }
        }
    }
}

/// A `oneOf` with a `discriminator` (e.g. `ArchiveExtraction`) whose members accept each
/// other's objects: OpenAPI picks the member by the discriminator, but JSON Schema, which
/// the fuzzer checks answers with, has no discriminators and finds several members
/// matching. Read as `anyOf`, it still requires a member to match.
fn discriminated_unions_as_any_of(value: &mut Yaml) {
    match value {
        Yaml::Mapping(fields) => {
            if fields.contains_key("discriminator") {
                if let Some(members) = fields.remove("oneOf") {
                    fields.insert(Yaml::from("anyOf"), members);
                }
            }
            fields.values_mut().for_each(discriminated_unions_as_any_of);
        }
        Yaml::Sequence(items) => items.iter_mut().for_each(discriminated_unions_as_any_of),
        _ => {}
    }
}

/// Writes the settings as used into `dir`: the committed ones, and the seeded ids for the
/// [`SEEDED_IDS`] operations as schemathesis dictionaries. Their path.
fn write_config(seed: &Json, dir: &Path) -> Result<PathBuf> {
    let committed = root().join(CONFIG);
    let mut config = std::fs::read_to_string(&committed)
        .with_context(|| format!("cannot read {}", committed.display()))?;
    config.push_str(
        "\n# Written by `cargo xtask fuzz`: the ids `smile-sandbox --seed-demo` seeded.\n",
    );
    for (operation, key) in SEEDED_IDS {
        let ids: Vec<&str> = match &seed[key] {
            Json::String(id) => vec![id.as_str()],
            Json::Array(ids) => ids.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        if ids.is_empty() {
            bail!("the emulator's seed has no `{key}`: {seed}");
        }
        // JSON strings of these ids are TOML strings too.
        let values = serde_json::to_string(&ids)?;
        config.push_str(&format!(
            "\n[dictionaries.seeded-{operation}]\nvalues = {values}\n\n\
             [[operations]]\ninclude-operation-id = \"{operation}\"\n\
             parameters = {{ \"path.id\" = {{ dictionary = \"seeded-{operation}\", probability = {SEEDED_ID_PROBABILITY:?} }} }}\n"
        ));
    }
    let path = dir.join("schemathesis.toml");
    std::fs::write(&path, config).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// The emulator built above, seeded, serving at the root of a free port with its
/// documented key pair: its Open API base URL and what it seeded. Stopped when the
/// [`Service`] is dropped.
fn start_emulator(work_dir: &Path) -> Result<(Service, String, Json)> {
    let port = free_port()?;
    let binary: PathBuf = target_dir().join("debug/smile-sandbox");
    // Its stdout holds only the seed's line: kept in a file, read once it listens.
    let stdout_path = work_dir.join("smile-sandbox.stdout");
    let stdout = File::create(&stdout_path)
        .with_context(|| format!("cannot create {}", stdout_path.display()))?;
    let mut emulator = Service::spawn(
        "smile-sandbox",
        cmd(binary
            .to_str()
            .context("the target folder's path is not UTF-8")?)
        .args(["--port", &port.to_string()])
        .args(["--api-key", API_KEY, "--api-secret", API_SECRET])
        .arg("--seed-demo")
        .stdout(stdout)
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
    // It seeds before it listens, so the line is there.
    let printed = std::fs::read_to_string(&stdout_path)?;
    let seed = printed
        .lines()
        .find_map(|line| line.strip_prefix(SEEDED_PREFIX))
        .with_context(|| format!("smile-sandbox printed no seed: {printed:?}"))?;
    let seed = serde_json::from_str(seed).context("the emulator's seed is not JSON")?;
    Ok((emulator, format!("http://{address}/v1"), seed))
}

/// A port nothing listens on now (the OS picks it; the emulator binds it right after).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("no free local port")?;
    Ok(listener.local_addr()?.port())
}
