//! Webhook delivery, off the request path: one background worker per subscription sends
//! its events in order; a failed event is retried twice after the retry delay on a task
//! of its own (so it does not hold up later events), then dropped — as Smile does.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;
use std::time::Duration;

use serde::Serialize;
use smile_api::{sign, SIGNATURE_HEADER};
use tokio::sync::mpsc;

use crate::clock;

/// Attempts per event: the first and two retries.
pub const MAX_ATTEMPTS: u32 = 3;
/// Most records kept in the delivery log; the oldest are dropped first.
const LOG_LIMIT: usize = 5000;

/// One event on its way to one subscription.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The subscription.
    pub webhook_id: String,
    /// Its URL.
    pub url: String,
    /// Its signing secret.
    pub secret: String,
    /// The event id.
    pub event_id: String,
    /// The event type.
    pub event_type: String,
    /// The exact bytes sent (and signed), identical on every attempt.
    pub body: Arc<[u8]>,
    /// Wait before each retry.
    pub retry_delay: Duration,
    /// Limit on each attempt.
    pub timeout: Duration,
    /// Extra wait before the first attempt (a fault).
    pub delay: Duration,
}

/// What happened to one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// A 2xx answer.
    Delivered,
    /// A failure that will be retried.
    Failed,
    /// The last attempt failed; the event is dropped.
    GaveUp,
    /// Never sent: a webhook fault dropped it.
    FaultDropped,
}

/// A line of the delivery log (`GET /_emulator/deliveries`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryRecord {
    /// The event.
    pub event_id: String,
    /// Its type.
    pub event_type: String,
    /// The subscription.
    pub webhook_id: String,
    /// Where it went.
    pub url: String,
    /// 1 for the first attempt (0 when never sent).
    pub attempt: u32,
    /// The receiver's HTTP status, if it answered.
    pub status: Option<u16>,
    /// Transport error, if it did not.
    pub error: Option<String>,
    /// Result.
    pub outcome: Outcome,
    /// When.
    pub at: String,
}

/// What the dispatcher and its workers share: the log, and the generation that tells
/// workers started before a reset to stop.
#[derive(Debug, Default)]
struct DeliveryLog {
    entries: Mutex<Vec<DeliveryRecord>>,
    /// Bumped by a reset: work scheduled before it stops.
    generation: AtomicU64,
}

impl DeliveryLog {
    fn record(&self, delivery: &Delivery, attempt: u32, result: &AttemptResult, outcome: Outcome) {
        let mut entries = self.entries.lock();
        if entries.len() >= LOG_LIMIT {
            entries.remove(0);
        }
        entries.push(DeliveryRecord {
            event_id: delivery.event_id.clone(),
            event_type: delivery.event_type.clone(),
            webhook_id: delivery.webhook_id.clone(),
            url: delivery.url.clone(),
            attempt,
            status: result.status,
            error: result.error.clone(),
            outcome,
            at: clock::now_string(),
        });
    }
}

#[derive(Debug, Default)]
struct AttemptResult {
    status: Option<u16>,
    error: Option<String>,
}

impl AttemptResult {
    fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// Sends webhooks in the background.
#[derive(Debug)]
pub struct Dispatcher {
    http: reqwest::Client,
    queues: Mutex<HashMap<String, mpsc::UnboundedSender<Delivery>>>,
    log: Arc<DeliveryLog>,
}

impl Default for Dispatcher {
    fn default() -> Self {
        Self::new()
    }
}

impl Dispatcher {
    /// A dispatcher with its own HTTP client (no runtime needed until the first event).
    pub fn new() -> Self {
        let http = reqwest::Client::builder()
            .user_agent(concat!(
                "smile-sandbox-webhooks/",
                env!("CARGO_PKG_VERSION")
            ))
            // Webhooks go to the URL given; a redirect is a failure, as a 3xx is not 2xx.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "webhook HTTP client: falling back to defaults");
                reqwest::Client::new()
            });
        Dispatcher {
            http,
            queues: Mutex::new(HashMap::new()),
            log: Arc::new(DeliveryLog::default()),
        }
    }

    /// Queues `batch` (already in delivery order) for its subscription's worker.
    pub fn enqueue(&self, webhook_id: &str, batch: Vec<Delivery>) {
        if batch.is_empty() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::error!("webhook events raised outside a tokio runtime were not sent");
            return;
        };
        let mut queues = self.queues.lock();
        let sender = match queues.get(webhook_id) {
            Some(sender) if !sender.is_closed() => sender.clone(),
            _ => {
                let (sender, receiver) = mpsc::unbounded_channel();
                let generation = self.log.generation.load(Ordering::SeqCst);
                runtime.spawn(worker(
                    self.http.clone(),
                    self.log.clone(),
                    generation,
                    receiver,
                ));
                queues.insert(webhook_id.to_owned(), sender.clone());
                sender
            }
        };
        for delivery in batch {
            // Fails only if the worker is gone (after a reset); nothing to deliver then.
            let _ = sender.send(delivery);
        }
    }

    /// Logs an event a fault dropped.
    pub fn record_fault_drop(&self, delivery: &Delivery) {
        self.log.record(
            delivery,
            0,
            &AttemptResult::default(),
            Outcome::FaultDropped,
        );
    }

    /// Stops the worker of a deleted subscription (after what it has queued).
    pub fn forget(&self, webhook_id: &str) {
        self.queues.lock().remove(webhook_id);
    }

    /// The delivery log, oldest first.
    pub fn log(&self) -> Vec<DeliveryRecord> {
        self.log.entries.lock().clone()
    }

    /// Stops all workers and pending retries and clears the log.
    pub fn reset(&self) {
        self.log.generation.fetch_add(1, Ordering::SeqCst);
        self.queues.lock().clear();
        self.log.entries.lock().clear();
    }
}

fn current(log: &DeliveryLog, generation: u64) -> bool {
    log.generation.load(Ordering::SeqCst) == generation
}

async fn worker(
    http: reqwest::Client,
    log: Arc<DeliveryLog>,
    generation: u64,
    mut queue: mpsc::UnboundedReceiver<Delivery>,
) {
    while let Some(delivery) = queue.recv().await {
        if !delivery.delay.is_zero() {
            tokio::time::sleep(delivery.delay).await;
        }
        if !current(&log, generation) {
            return;
        }
        let result = attempt(&http, &delivery).await;
        if result.ok() {
            log.record(&delivery, 1, &result, Outcome::Delivered);
            continue;
        }
        log.record(&delivery, 1, &result, Outcome::Failed);
        tokio::spawn(retry(http.clone(), log.clone(), generation, delivery));
    }
}

async fn retry(http: reqwest::Client, log: Arc<DeliveryLog>, generation: u64, delivery: Delivery) {
    for n in 2..=MAX_ATTEMPTS {
        tokio::time::sleep(delivery.retry_delay).await;
        if !current(&log, generation) {
            return;
        }
        let result = attempt(&http, &delivery).await;
        let outcome = match (result.ok(), n == MAX_ATTEMPTS) {
            (true, _) => Outcome::Delivered,
            (false, false) => Outcome::Failed,
            (false, true) => Outcome::GaveUp,
        };
        log.record(&delivery, n, &result, outcome);
        if result.ok() {
            return;
        }
    }
    tracing::info!(
        event_id = %delivery.event_id,
        webhook_id = %delivery.webhook_id,
        "webhook dropped after {MAX_ATTEMPTS} attempts"
    );
}

async fn attempt(http: &reqwest::Client, delivery: &Delivery) -> AttemptResult {
    let signature = sign(delivery.secret.as_bytes(), &delivery.body);
    let response = http
        .post(&delivery.url)
        .timeout(delivery.timeout)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_HEADER, signature)
        .body(delivery.body.to_vec())
        .send()
        .await;
    match response {
        Ok(response) => AttemptResult {
            status: Some(response.status().as_u16()),
            error: None,
        },
        Err(e) => AttemptResult {
            status: None,
            error: Some(e.to_string()),
        },
    }
}
