//! Webhooks sent concurrently to a server that is stopped or killed meanwhile, keeping
//! count of what it acknowledged.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use smile_api::sign;
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

use super::webhook_request;

/// One task for each queue of events, delivering them in order, signed; each records the
/// ids acknowledged (2xx) and gives up at the first delivery that gets no answer: the
/// server is gone, or refused it before reading it, which Smile retries.
pub struct WebhookSenders {
    acked: Arc<Mutex<HashSet<String>>>,
    tasks: Vec<JoinHandle<()>>,
}

impl WebhookSenders {
    /// Starts delivering `queues` of `(event id, body)` to the server at `server_url`,
    /// signed with `secret`.
    pub fn start(server_url: &str, secret: &str, queues: Vec<Vec<(String, Vec<u8>)>>) -> Self {
        let acked = Arc::new(Mutex::new(HashSet::new()));
        let http = reqwest::Client::new();
        let tasks = queues
            .into_iter()
            .map(|queue| {
                let (http, url, secret, acked) = (
                    http.clone(),
                    server_url.to_owned(),
                    secret.to_owned(),
                    acked.clone(),
                );
                tokio::spawn(async move {
                    for (id, body) in queue {
                        let signature = sign(secret.as_bytes(), &body);
                        let sent = webhook_request(&http, &url, body, Some(&signature))
                            .send()
                            .await;
                        match sent {
                            Ok(r) if r.status().is_success() => {
                                acked.lock().await.insert(id);
                            }
                            Ok(_) => {}
                            Err(_) => return,
                        }
                    }
                })
            })
            .collect();
        Self { acked, tasks }
    }

    /// Waits until at least `count` events have been acknowledged.
    pub async fn until_acked(&self, count: usize) {
        while self.acked.lock().await.len() < count {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    /// Waits until every sender has ended; the ids acknowledged.
    pub async fn acked(self) -> HashSet<String> {
        for task in self.tasks {
            task.await.unwrap();
        }
        let acked = self.acked.lock().await;
        acked.clone()
    }
}
