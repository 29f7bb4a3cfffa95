//! The real `wink-server` binary, for tests that start, signal or kill it.

use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStdout, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_wink-server");

/// The binary on a free local port with `database_url`, its stdout piped (the first line
/// names its address: see [`listening_url`]).
pub fn server_command(database_url: &str) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("WINK_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", database_url)
        .stdout(Stdio::piped());
    command
}

/// The address a started server printed first, and the rest of its stdout.
pub fn listening_url(child: &mut Child) -> (String, Lines<BufReader<ChildStdout>>) {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .trim()
        .strip_prefix("wink-server listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first:?}"))
        .to_owned();
    (url, lines)
}

/// The binary in emulator mode on `database_url`, with `webhook_secret`; returns the
/// process and the address it printed.
pub fn spawn_binary(database_url: &str, webhook_secret: &str, background: bool) -> (Child, String) {
    let mut child = server_command(database_url)
        .env("SMILE_MODE", "emulator")
        // A test rig: emulator mode on the suites' PostgreSQL databases too.
        .env("WINK_EMULATOR_ANYWHERE", "1")
        // Given, so no generated password file is written beside a PostgreSQL run.
        .env("WINK_DEMO_OFFICER_PASSWORD", "spawned-binary-demo-password")
        .env("SMILE_WEBHOOK_SECRET", webhook_secret)
        .env("WINK_BACKGROUND", background.to_string())
        .env("WINK_DIST_DIR", "/nonexistent")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (url, _) = listening_url(&mut child);
    (child, url)
}

/// Sends `signal` (`"TERM"`, `"KILL"`) to a started server.
pub fn signal(child: &Child, signal: &str) {
    let sent = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{signal}");
}
