//! `cargo xtask bench` runs this: memory under a flood of officer sign-ins (issue 13 §3).
//! 200 sign-ins arrive at once, each for its own (unknown) email so the per-account budget
//! refuses none; the per-address budget is lifted, since all of them come from loopback
//! and it would otherwise refuse all but 20 before any password is checked. What bounds
//! memory is then only the cap on concurrent Argon2 verifications (19 MiB each).
//! Reported: the process's peak resident set (VmHWM; the server runs in this process),
//! its resident set before the flood, how the 200 were answered, and the database.

mod support {
    pub mod server;
}

use std::collections::BTreeMap;
use std::time::Instant;

use wink_server::db::Backend;
use wink_server::officers::password::Verifier;

const SIGN_INS: usize = 200;

#[tokio::main]
async fn main() {
    let server =
        support::server::start(&["--login-max-failures-per-address", "1000000"], false).await;
    let database = Backend::of(server.state.db()).name();
    let login = format!("{}/api/officer/login", server.url);
    let http = reqwest::Client::new();
    let at_rest = status_kib("VmRSS:");
    let started = Instant::now();
    let attempts = (0..SIGN_INS).map(|i| {
        let request = http.post(&login).json(&serde_json::json!({
            "email": format!("nobody{i}@lender.test"),
            "password": "a-wrong-password-guess",
        }));
        async move { request.send().await.expect("sign-in").status().as_u16() }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let elapsed = started.elapsed();
    let mut answers: BTreeMap<u16, usize> = BTreeMap::new();
    for status in statuses {
        *answers.entry(status).or_default() += 1;
    }
    let count = |status| answers.get(&status).copied().unwrap_or(0);
    let others = SIGN_INS - count(401) - count(429) - count(503);
    println!(
        "{SIGN_INS} concurrent sign-ins on {database}: peak RSS {} MiB ({} MiB before); {} answered 401, \
         {} 429, {} 503, {others} other, in {:.1} s; at most {} Argon2 at once",
        status_kib("VmHWM:") / 1024,
        at_rest / 1024,
        count(401),
        count(429),
        count(503),
        elapsed.as_secs_f64(),
        Verifier::global().peak(),
    );
}

/// A size line of `/proc/self/status` (`VmHWM:`, `VmRSS:`), in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a size in kB")
}
