//! Deliveries stored by group commit. A delivery is acknowledged only once its row is on
//! disk, and on SQLite (`synchronous = FULL`) every commit waits for an fsync: one commit
//! per delivery made concurrent deliveries queue for the disk one by one. One writer task
//! instead takes every delivery that arrived while the previous batch was being written,
//! drops those about deleted applicants' Smile users, and stores the rest in one statement,
//! so sixteen concurrent deliveries cost one lookup and one fsync (a lookup per delivery,
//! in parallel before queueing, measured slower). Nothing waits for company: a lone
//! delivery is written at once.

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
    /// Starts the writer task on the current runtime; it ends when every handle is gone.
    pub fn spawn(db: Db) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(write(db, queue));
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
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let deliveries: Vec<&NewDelivery> = batch.iter().map(|job| &job.delivery).collect();
        match store_together(&db, &deliveries).await {
            Ok(stored) => {
                for (job, stored) in batch.drain(..).zip(stored) {
                    let _ = job.answer.send(Ok(stored));
                }
            }
            // One bad row (or a failed commit) must not fail the others: each is tried
            // alone and gets its own answer. PostgreSQL aborts a statement at its first
            // error, so alone is also how the good rows get in there.
            Err(_) => {
                for job in batch.drain(..) {
                    let stored = store_together(&db, &[&job.delivery]).await;
                    let _ = job
                        .answer
                        .send(stored.map(|s| s[0]).map_err(WriteError::from));
                }
            }
        }
    }
}

/// One lookup of the batch's Smile users among the deleted, one insert of the rest.
async fn store_together(db: &Db, deliveries: &[&NewDelivery]) -> sqlx::Result<Vec<Stored>> {
    let users: Vec<&str> = deliveries
        .iter()
        .filter_map(|d| d.smile_user_id.as_deref())
        .collect();
    let buried = tombstones::buried_among(db, &users).await?;
    let is_buried = |d: &NewDelivery| {
        d.smile_user_id
            .as_ref()
            .is_some_and(|user| buried.contains(user))
    };
    let kept: Vec<&NewDelivery> = deliveries
        .iter()
        .copied()
        .filter(|d| !is_buried(d))
        .collect();
    let mut new = if kept.is_empty() {
        Vec::new()
    } else {
        inbox::insert_many(db, &kept).await?
    }
    .into_iter();
    Ok(deliveries
        .iter()
        .map(|d| match is_buried(d) {
            true => Stored::Buried,
            false if new.next() == Some(true) => Stored::New,
            false => Stored::Duplicate,
        })
        .collect())
}
