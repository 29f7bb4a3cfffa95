//! Running commands with the project's tool paths, and managing long-running children.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::root;

/// PATH with the project's npm tools (wasm-opt 132) and cargo's bin folder first.
pub fn tool_path() -> OsString {
    let mut dirs = vec![root().join("node_modules/.bin"), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// A command run from the workspace root with the project's PATH.
pub fn cmd(program: &str) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(root())
        .env("PATH", tool_path())
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// Runs to completion with inherited output; a non-zero exit is an error naming the step.
pub fn step(step: &str, command: &mut Command) -> Result<()> {
    println!("\n==> {step}");
    let status = command
        .status()
        .with_context(|| format!("{step}: could not start {:?}", command.get_program()))?;
    if !status.success() {
        bail!("{step} failed ({status})");
    }
    Ok(())
}

/// Runs and captures stdout; `None` when the program is missing or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether we run as root (effective uid 0).
pub fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

/// A long-running child that is stopped (SIGTERM, then SIGKILL) when dropped.
pub struct Service {
    pub name: &'static str,
    child: Child,
}

impl Service {
    pub fn spawn(name: &'static str, command: &mut Command) -> Result<Self> {
        let child = command
            .spawn()
            .with_context(|| format!("could not start {name}"))?;
        Ok(Self { name, child })
    }

    /// Starts wink-server and waits for the line that says where it listens.
    pub fn spawn_server(command: &mut Command) -> Result<(Self, String)> {
        command.stdout(Stdio::piped());
        let mut service = Self::spawn("wink-server", command)?;
        let stdout = service.child.stdout.take().expect("stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("wink-server listening on ") {
                    let _ = tx.send(url.to_owned());
                }
                println!("{line}");
            }
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => Ok((service, url)),
            Err(_) => match service.child.try_wait()? {
                Some(status) => bail!("wink-server exited at start-up ({status})"),
                None => bail!("wink-server did not report its address within 60 s"),
            },
        }
    }

    pub fn try_wait(&mut self) -> Result<Option<ExitStatus>> {
        Ok(self.child.try_wait()?)
    }

    pub fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        // SIGTERM first so the server drains and trunk cleans up; kill if it does not stop.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..100 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop();
    }
}
