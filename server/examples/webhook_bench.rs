//! `cargo xtask bench` runs this: how many signed, durable, deduplicated webhooks the
//! receiver acknowledges per second on loopback, and the p50/p99 acknowledgement latency —
//! against the ceiling of a bare axum handler that only answers 200 under the same load.
//! The server runs in-process, worker off, on a fresh SQLite file (WAL, synchronous=FULL) —
//! or on the PostgreSQL database `WINK_BENCH_DATABASE_URL` names (`cargo xtask bench` makes one).

mod support {
    pub mod latency;
    pub mod server;
}

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use axum::routing::post;
use secrecy::ExposeSecret;
use smile_api::{sign, SIGNATURE_HEADER};
use support::latency::Latencies;
use tokio::net::TcpListener;
use wink_server::db::Backend;

const EVENTS: usize = 4000;
const CONCURRENCY: usize = 16;
/// Rounds of each, alternating which goes first: one round of the bare handler lasts about
/// 50 ms, short enough for the machine's other work to move it by a third, so the medians
/// of several are compared, and neither always runs on a machine the other just warmed.
const ROUNDS: usize = 5;
/// Issue 18's target on SQLite: acknowledgements at this share (%) of the bare handler's rate.
const TARGET_SHARE: f64 = 25.0;

/// Rounds of one side: their rates, and every delivery's latency.
#[derive(Default)]
struct Runs {
    per_second: Vec<f64>,
    latencies: Vec<Duration>,
}

impl Runs {
    fn add(&mut self, elapsed: Duration, latencies: Vec<Duration>) {
        self.per_second.push(EVENTS as f64 / elapsed.as_secs_f64());
        self.latencies.extend(latencies);
    }

    fn median_per_second(&self) -> f64 {
        let mut rates = self.per_second.clone();
        rates.sort_by(f64::total_cmp);
        rates[rates.len() / 2]
    }

    /// The quantile `q` of every round's latencies, in milliseconds.
    fn at(&self, q: f64) -> f64 {
        Latencies::from(self.latencies.clone())
            .quantile(q)
            .as_secs_f64()
            * 1000.0
    }

    fn rates(&self) -> String {
        let rates: Vec<String> = self.per_second.iter().map(|r| format!("{r:.0}")).collect();
        rates.join(", ")
    }
}

#[tokio::main]
async fn main() {
    let server = support::server::start(&[], false).await;
    let backend = Backend::of(server.state.db());
    let database = backend.name();
    let secret = server.state.webhook_secret().expose_secret().to_owned();

    // The ceiling: the same requests to a handler that does nothing.
    let bare = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let bare_url = format!("http://{}", bare.local_addr().expect("addr"));
    let router = axum::Router::new().route("/webhooks/smile", post(|| async { StatusCode::OK }));
    tokio::spawn(async move { axum::serve(bare, router).await });

    let (mut receiver, mut ceiling) = (Runs::default(), Runs::default());
    for round in 0..ROUNDS {
        let bare_first = round % 2 == 1;
        if bare_first {
            let (elapsed, latencies) = drive(&bare_url, &secret, round).await;
            ceiling.add(elapsed, latencies);
        }
        let (elapsed, latencies) = drive(&server.url, &secret, round).await;
        receiver.add(elapsed, latencies);
        if !bare_first {
            let (elapsed, latencies) = drive(&bare_url, &secret, round).await;
            ceiling.add(elapsed, latencies);
        }
    }

    let share = 100.0 * receiver.median_per_second() / ceiling.median_per_second();
    // The target is SQLite's; PostgreSQL's share is reported as it is.
    let verdict = match (backend, share >= TARGET_SHARE) {
        (Backend::Sqlite, true) => ": within",
        (Backend::Sqlite, false) => ": OVER",
        (Backend::Postgres, _) => "",
    };
    println!(
        "webhooks on {database}: {EVENTS} signed deliveries ({CONCURRENCY} concurrent, 10% \
         duplicates) per round, median of {ROUNDS} rounds: {:.0} acks/s (rounds: {}), \
         p50 {:.2} ms, p99 {:.2} ms",
        receiver.median_per_second(),
        receiver.rates(),
        receiver.at(0.50),
        receiver.at(0.99),
    );
    println!(
        "webhooks: bare axum handler (the ceiling), rounds alternating with the receiver's: \
         {:.0} req/s (rounds: {}), p50 {:.2} ms, p99 {:.2} ms; the receiver on {database} \
         reaches {share:.1}% of it (target on SQLite: at least {TARGET_SHARE}%{verdict})",
        ceiling.median_per_second(),
        ceiling.rates(),
        ceiling.at(0.50),
        ceiling.at(0.99),
    );
}

/// One round: every delivery once from `CONCURRENCY` senders; the time it took, and each
/// delivery's latency. Event ids are the round's own, so each round stores new events.
async fn drive(url: &str, secret: &str, round: usize) -> (Duration, Vec<Duration>) {
    let http = reqwest::Client::new();
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..CONCURRENCY {
        let (http, url, secret) = (http.clone(), url.to_owned(), secret.to_owned());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for i in (worker..EVENTS).step_by(CONCURRENCY) {
                // Every tenth delivery repeats an earlier event: deduplication is measured too.
                let id = if i % 10 == 9 { i - 1 } else { i };
                let body = serde_json::to_vec(&serde_json::json!({
                    "id": format!("et-bench-{round}-{id}"), "version": 1, "type": "ACCOUNT_CONNECTED",
                    "createdAt": "2026-11-27T09:30:24Z",
                    "data": {"userId": "usr-bench", "accountId": format!("a-{id}")}
                }))
                .expect("json");
                let signature = sign(secret.as_bytes(), &body);
                let sent = Instant::now();
                let response = http
                    .post(format!("{url}/webhooks/smile"))
                    .header("content-type", "application/json")
                    .header(SIGNATURE_HEADER, signature)
                    .body(body)
                    .send()
                    .await
                    .expect("send");
                assert!(response.status().is_success(), "{}", response.status());
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for worker in workers {
        latencies.extend(worker.await.expect("worker"));
    }
    (started.elapsed(), latencies)
}
