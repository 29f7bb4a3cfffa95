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

struct Run {
    elapsed: Duration,
    latencies: Latencies,
}

impl Run {
    fn per_second(&self) -> f64 {
        EVENTS as f64 / self.elapsed.as_secs_f64()
    }

    /// The quantile `q` of the latencies, in milliseconds.
    fn at(&self, q: f64) -> f64 {
        self.latencies.quantile(q).as_secs_f64() * 1000.0
    }
}

#[tokio::main]
async fn main() {
    let server = support::server::start(&[], false).await;
    let database = Backend::of(server.state.db()).name();
    let secret = server.state.webhook_secret().expose_secret().to_owned();
    let receiver = drive(&server.url, &secret).await;

    // The ceiling: the same requests to a handler that does nothing.
    let bare = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let bare_url = format!("http://{}", bare.local_addr().expect("addr"));
    let router = axum::Router::new().route("/webhooks/smile", post(|| async { StatusCode::OK }));
    tokio::spawn(async move { axum::serve(bare, router).await });
    let ceiling = drive(&bare_url, &secret).await;

    println!(
        "webhooks on {database}: {EVENTS} signed deliveries ({CONCURRENCY} concurrent, 10% \
         duplicates) in {:.2} s: {:.0} acks/s, p50 {:.2} ms, p99 {:.2} ms",
        receiver.elapsed.as_secs_f64(),
        receiver.per_second(),
        receiver.at(0.50),
        receiver.at(0.99),
    );
    println!(
        "webhooks: bare axum handler (the ceiling): {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms; \
         the receiver on {database} reaches {:.0}% of it (target on SQLite: at least 25%)",
        ceiling.per_second(),
        ceiling.at(0.50),
        ceiling.at(0.99),
        100.0 * receiver.per_second() / ceiling.per_second(),
    );
}

async fn drive(url: &str, secret: &str) -> Run {
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
                    "id": format!("et-bench-{id}"), "version": 1, "type": "ACCOUNT_CONNECTED",
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
    Run {
        elapsed: started.elapsed(),
        latencies: Latencies::from(latencies),
    }
}
