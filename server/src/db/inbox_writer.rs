//! Deliveries stored by group commit. A delivery is acknowledged only once its row is on
//! disk, and on SQLite (`synchronous = FULL`) every commit waits for an fsync: one commit
//! per delivery made concurrent deliveries queue for the disk one by one. One writer
//! instead takes every delivery that arrived while the previous batch was being written
//! and stores them in one statement, which also leaves out those about deleted applicants'
//! Smile users: sixteen concurrent deliveries cost one statement and one fsync. Whether a
//! delivery left out was a redelivery or buried is looked up beside the next batch, not
//! before it (a lookup of the deleted before each insert, per delivery or per batch,
//! measured slower). Nothing waits for company: a lone delivery is written at once.

use sqlx::pool::PoolConnection;
use sqlx::Any;
use tokio::sync::{mpsc, oneshot};

use super::inbox::{self, NewDelivery};
use super::{tombstones, Db};

/// The most deliveries one batch holds.
const MAX_BATCH: usize = 256;
/// Deliveries waiting for the writer before new ones wait to be queued.
const QUEUE: usize = 1024;

/// What became of a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    New,
    /// Its event id was already stored: a redelivery.
    Duplicate,
    /// About a deleted applicant's Smile user: nothing about it is kept.
    Buried,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Whether a delivery not stored was a redelivery or buried could not be told.
    #[error("looking up deleted applicants failed: {0}")]
    Lookup(String),
    #[error("the webhook writer has stopped")]
    Stopped,
}

struct Job {
    delivery: NewDelivery,
    answer: oneshot::Sender<Result<Stored, WriteError>>,
}

/// The handle deliveries are stored through. Cheap to clone.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer on the current runtime; it ends when every handle is gone.
    pub fn spawn(db: Db) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        // A thread of its own, not a task: under load a task woken by the database's reply
        // waits behind every ready request on the runtime's few workers, and every batch
        // waits for that (25 % more acknowledgements per second on 2 cores, measured).
        // The runtime's workers still drive its timers and sockets.
        let runtime = tokio::runtime::Handle::current();
        std::thread::Builder::new()
            .name("webhook-writer".into())
            .spawn(move || runtime.block_on(write(db, queue)))
            .expect("a thread for the webhook writer");
        Self { jobs }
    }

    /// Stores one delivery; `Ok` once it is durably stored (or deliberately dropped).
    pub async fn store(&self, delivery: NewDelivery) -> Result<Stored, WriteError> {
        let (answer, answered) = oneshot::channel();
        self.jobs
            .send(Job { delivery, answer })
            .await
            .map_err(|_| WriteError::Stopped)?;
        answered.await.map_err(|_| WriteError::Stopped)?
    }
}

async fn write(db: Db, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // One connection through a burst: each batch size is a statement of its own, and a
    // connection prepares each once (a pooled one per batch prepared them over and over).
    // Given back whenever the queue is empty, so the pool can close.
    let mut held: Option<PoolConnection<Any>> = None;
    loop {
        if queue.is_empty() {
            held = None;
        }
        if queue.recv_many(&mut batch, MAX_BATCH).await == 0 {
            break;
        }
        if held.is_none() {
            held = db.acquire().await.ok();
        }
        let deliveries: Vec<&NewDelivery> = batch.iter().map(|job| &job.delivery).collect();
        let inserted = match held.as_mut() {
            Some(conn) => inbox::insert_unless_buried(&mut **conn, &deliveries).await,
            None => inbox::insert_unless_buried(&db, &deliveries).await,
        };
        match inserted {
            Ok(stored) => {
                let unstored = answer_stored(batch.drain(..).zip(stored));
                if !unstored.is_empty() {
                    // A read, beside the next batch's write rather than before it.
                    tokio::spawn(answer_unstored(db.clone(), unstored));
                }
            }
            // One bad row (or a failed commit) must not fail the others: each is tried
            // alone and gets its own answer. PostgreSQL aborts a statement at its first
            // error, so alone is also how the good rows get in there.
            Err(_) => {
                // The connection may be what failed.
                held = None;
                for job in batch.drain(..) {
                    match inbox::insert_unless_buried(&db, &[&job.delivery]).await {
                        Ok(stored) => {
                            let unstored = answer_stored(std::iter::once((job, stored[0])));
                            answer_unstored(db.clone(), unstored).await;
                        }
                        Err(e) => {
                            let _ = job.answer.send(Err(e.into()));
                        }
                    }
                }
            }
        }
    }
}

/// Answers each stored delivery; returns the others.
fn answer_stored(jobs: impl Iterator<Item = (Job, bool)>) -> Vec<Job> {
    let mut unstored = Vec::new();
    for (job, stored) in jobs {
        if stored {
            let _ = job.answer.send(Ok(Stored::New));
        } else {
            unstored.push(job);
        }
    }
    unstored
}

/// Answers deliveries the insert left out: redeliveries, or about a deleted applicant's
/// Smile user. Either way nothing more is to be stored; which one it was is for the
/// metrics and the log, so a failed lookup is an error (Smile retries) rather than a guess.
async fn answer_unstored(db: Db, jobs: Vec<Job>) {
    if jobs.is_empty() {
        return;
    }
    let users: Vec<&str> = jobs
        .iter()
        .filter_map(|job| job.delivery.smile_user_id.as_deref())
        .collect();
    match tombstones::buried_among(&db, &users).await {
        Ok(buried) => {
            for job in jobs {
                let is_buried = job
                    .delivery
                    .smile_user_id
                    .as_ref()
                    .is_some_and(|user| buried.contains(user));
                let stored = if is_buried {
                    Stored::Buried
                } else {
                    Stored::Duplicate
                };
                let _ = job.answer.send(Ok(stored));
            }
        }
        Err(e) => {
            let message = e.to_string();
            for job in jobs {
                let _ = job.answer.send(Err(WriteError::Lookup(message.clone())));
            }
        }
    }
}
