//! `cargo xtask bench` runs this: sync throughput against Smile's limit of 20 requests per
//! second. Forty applicants link George's `sss_ph` with the worker off; then the worker
//! syncs all of them while the embedded emulator logs every request's arrival. Reported:
//! the share of the limit used over the sync, and the most requests seen in any one second
//! (must never exceed 20).

mod support {
    pub mod applicant;
    pub mod emulator;
    pub mod linking;
    pub mod server;
}

use std::time::Instant;

use support::emulator::{busiest_second, open_api_arrivals, request_log};

const APPLICANTS: usize = 40;
const LIMIT: f64 = 20.0;

#[tokio::main]
async fn main() {
    let server = support::server::start(
        &[
            "--sync-debounce-ms",
            "0",
            // Every applicant here applies from 127.0.0.1: one client address, 40 applicants.
            "--apply-per-hour",
            "10000",
            "--link-per-minute-per-address",
            "100000",
        ],
        false,
    )
    .await;
    let (url, state) = (&server.url, &server.state);
    wink_server::webhooks::subscription::ensure(state)
        .await
        .expect("subscription");
    for i in 0..APPLICANTS {
        let token = support::linking::link_page(url, &format!("george{i}@example.com")).await;
        support::linking::link_in_widget(url, &token).await;
    }
    // Every webhook of the linking has arrived (the emulator delivers in the background).
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;

    let marker = request_log(url).await.len();
    let started = Instant::now();
    while wink_server::sync::run_once(state)
        .await
        .expect("worker pass")
    {}
    let elapsed = started.elapsed().as_secs_f64();
    let arrivals = open_api_arrivals(&request_log(url).await[marker..]);
    let most_in_a_second = busiest_second(arrivals.clone());
    let rate = arrivals.len() as f64 / elapsed;
    println!(
        "sync: {APPLICANTS} accounts, {} Smile requests in {elapsed:.1} s = {rate:.1} req/s, \
         {:.0}% of Smile's 20 req/s; most in any 1 s: {most_in_a_second} (over the limit: {})",
        arrivals.len(),
        100.0 * rate / LIMIT,
        most_in_a_second.saturating_sub(20),
    );
}
