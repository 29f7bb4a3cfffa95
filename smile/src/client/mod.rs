//! An HTTP client for Smile's Open API (feature `client`).
//!
//! - Basic auth from a [`Credentials`] key pair that no `Debug` output reveals; reqwest
//!   marks the `Authorization` header sensitive.
//! - Connect timeout 5 s, whole-request timeout 30 s (configurable).
//! - Retries per [`RetryPolicy`]: at most 3 attempts; only connection failures and HTTP
//!   408/429/502/503/504; `Retry-After` honoured up to a cap. **Creates are not blindly
//!   retried**: `create_user` and `create_webhook` are retried only when Smile certainly
//!   did nothing (connection refused, 408, 429, 503) — never after a timeout, a broken
//!   connection, or a 502/504, where Smile may have created the resource. Such errors
//!   report [`SmileError::is_ambiguous`]; look the resource up before creating it again.
//! - A [`RateLimit`] shared by all clones of a client (default 20 requests per 1.1 s).
//! - Lists are [`Paged`] streams that follow `nextCursor` to the end; a repeated or
//!   cycling cursor, or a list longer than [`SmileConfig::max_pages`], ends the list early
//!   with what was read (logged and counted), never an endless loop or an error.
//!
//! ```no_run
//! use smile_api::client::{Credentials, DataFilter, SmileClient, SmileConfig};
//! use smile_api::ExternalMetadata;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let config = SmileConfig::sandbox(Credentials::new("api-key", "api-secret"));
//! let smile = SmileClient::new(config)?;
//! let created = smile
//!     .create_user(&ExternalMetadata::new().with("applicationRef", "APP-1042")?)
//!     .await?;
//! // … the applicant links an account through the widget with `created.token` …
//! for account in smile.list_accounts(&created.user.id).collect_vec().await? {
//!     let contributions = smile
//!         .contributions(&DataFilter::source(&account.id))
//!         .collect_vec()
//!         .await?;
//!     println!("{}: {} contributions", account.provider_id, contributions.len());
//! }
//! # Ok(())
//! # }
//! ```

mod config;
mod error;
mod limiter;
mod paging;
mod retry;

use std::sync::Arc;

use futures_util::stream::{self, TryStreamExt};
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, Url};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::Deserialize;

pub use config::{Credentials, SmileConfig};
pub use error::{Cause, SmileError};
pub use futures_util::stream::Stream;
pub use limiter::RateLimit;
pub use paging::{DataFilter, Paged, ProviderQuery, UserQuery, DEFAULT_MAX_PAGES};
pub use retry::RetryPolicy;

use limiter::{Class, RateLimiter};
use paging::{Cursor, ItemId};
use retry::{parse_retry_after, retryable_status, Replay};

use crate::account::Account;
use crate::archive::{Archive, ClassifyArchiveRequest, CreateArchiveRequest, FileType, Upload};
use crate::data::{Contribution, Eincome, Employment, Identity, Income};
use crate::envelope::{Ack, Page};
use crate::provider::Provider;
use crate::task::Task;
use crate::user::{CreateUserRequest, CreatedUser, ExternalMetadata, Token, User};
use crate::webhook::{CreateWebhook, Webhook};

/// Smile's largest page.
const MAX_PAGE_SIZE: u8 = 150;

/// A Smile Open API client. Cheap to clone; clones share the connection pool and the rate
/// limit.
///
/// A client makes interactive calls (on someone's behalf, waiting at most
/// [`SmileConfig::interactive_wait`] for the rate limit); [`SmileClient::background`] gives
/// a handle for background work, which has its own reserved share of the limit.
#[derive(Clone)]
pub struct SmileClient {
    inner: Arc<Inner>,
    class: Class,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    credentials: Credentials,
    retry: RetryPolicy,
    limiter: RateLimiter,
    page_size: u8,
    max_pages: u32,
    interactive_wait: std::time::Duration,
}

impl std::fmt::Debug for SmileClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmileClient")
            .field("base_url", &self.inner.base_url.as_str())
            .field("credentials", &self.inner.credentials)
            .field("class", &self.class)
            .finish_non_exhaustive()
    }
}

/// One API call, replayable across attempts.
struct Call {
    method: Method,
    path: Vec<String>,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    replay: Replay,
}

impl Call {
    fn new(method: Method, path: &[&str]) -> Self {
        let replay = if method == Method::POST {
            Replay::Unsafe
        } else {
            Replay::Safe
        };
        Call {
            method,
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: None,
            replay,
        }
    }

    fn query(mut self, query: Vec<(&'static str, String)>) -> Self {
        self.query.extend(query);
        self
    }

    fn json(mut self, body: &impl serde::Serialize) -> Result<Self, SmileError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| SmileError::Config(format!("request body: {e}")))?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Marks a POST whose repetition is harmless (e.g. minting one more link token).
    fn replay_safe(mut self) -> Self {
        self.replay = Replay::Safe;
        self
    }
}

/// For reading `requestId` out of a body that is otherwise not what we expected.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestIdOnly {
    request_id: Option<String>,
}

fn request_id_of(body: &[u8]) -> Option<String> {
    serde_json::from_slice::<RequestIdOnly>(body)
        .ok()
        .and_then(|r| r.request_id)
        .filter(|id| !id.is_empty())
}

impl SmileClient {
    /// Builds a client (TLS via rustls with the webpki roots).
    pub fn new(config: SmileConfig) -> Result<Self, SmileError> {
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("smile-api/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SmileError::Config(format!("HTTP client: {e}")))?;
        Ok(SmileClient {
            inner: Arc::new(Inner {
                http,
                base_url: config.base_url,
                credentials: config.credentials,
                retry: config.retry,
                limiter: RateLimiter::new(config.rate_limit),
                page_size: config.page_size.clamp(1, MAX_PAGE_SIZE),
                max_pages: config.max_pages.max(1),
                interactive_wait: config.interactive_wait,
            }),
            class: Class::Interactive,
        })
    }

    /// The same client for background work (syncs, reconciling, revocations): its calls
    /// use the share of the rate limit reserved for background work (and any share
    /// interactive calls leave idle), and wait as long as that takes instead of failing
    /// with [`SmileError::Saturated`]. A flood of interactive calls cannot starve them.
    pub fn background(&self) -> SmileClient {
        SmileClient {
            inner: self.inner.clone(),
            class: Class::Background,
        }
    }

    /// The Open API base URL in use.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    // ----- users and tokens -----

    /// `POST /users`: creates a Smile user carrying `external_metadata` (our reference —
    /// never personal data) and its first link token.
    ///
    /// Not retried where Smile may already have created the user; on an error with
    /// [`SmileError::is_ambiguous`], look the user up (e.g. [`Self::list_users`] and match
    /// `externalMetadata`) before creating another.
    pub async fn create_user(
        &self,
        external_metadata: &ExternalMetadata,
    ) -> Result<CreatedUser, SmileError> {
        let body = CreateUserRequest {
            external_metadata: (!external_metadata.is_empty()).then(|| external_metadata.clone()),
        };
        self.data(Call::new(Method::POST, &["users"]).json(&body)?)
            .await
    }

    /// `POST /tokens?userId=`: a fresh link token for a returning user.
    pub async fn create_token(&self, user_id: &str) -> Result<Token, SmileError> {
        let call = Call::new(Method::POST, &["tokens"])
            .query(vec![("userId", user_id.to_owned())])
            .replay_safe();
        self.data(call).await
    }

    /// `GET /users/{id}`.
    pub async fn get_user(&self, user_id: &str) -> Result<User, SmileError> {
        self.data(Call::new(Method::GET, &["users", user_id])).await
    }

    /// `GET /users`: all users, optionally by creation date.
    pub fn list_users(&self, query: &UserQuery) -> Paged<User> {
        self.paged(&["users"], query.query())
    }

    // ----- accounts -----

    /// `GET /accounts?userId=`: the user's linked accounts.
    pub fn list_accounts(&self, user_id: &str) -> Paged<Account> {
        self.paged(&["accounts"], vec![("userId", user_id.to_owned())])
    }

    /// `GET /accounts/{id}`.
    pub async fn get_account(&self, account_id: &str) -> Result<Account, SmileError> {
        self.data(Call::new(Method::GET, &["accounts", account_id]))
            .await
    }

    /// `DELETE /accounts/{id}`: revokes the account and deletes its data at Smile.
    ///
    /// Retried like any idempotent call: if a first attempt succeeded but its answer was
    /// lost, the retry can report 404 `MISSING_RESOURCE`.
    pub async fn delete_account(&self, account_id: &str) -> Result<(), SmileError> {
        self.ack(Call::new(Method::DELETE, &["accounts", account_id]))
            .await
    }

    // ----- providers -----

    /// `GET /providers`.
    pub fn list_providers(&self, query: &ProviderQuery) -> Paged<Provider> {
        self.paged(&["providers"], query.query())
    }

    /// `GET /providers/{id}`.
    pub async fn get_provider(&self, provider_id: &str) -> Result<Provider, SmileError> {
        self.data(Call::new(Method::GET, &["providers", provider_id]))
            .await
    }

    // ----- user data -----

    /// `GET /identities?sourceId=|userId=`.
    pub fn identities(&self, filter: &DataFilter) -> Paged<Identity> {
        self.paged(&["identities"], filter.query())
    }

    /// `GET /employments?sourceId=|userId=`.
    pub fn employments(&self, filter: &DataFilter) -> Paged<Employment> {
        self.paged(&["employments"], filter.query())
    }

    /// `GET /incomes?sourceId=|userId=`.
    pub fn incomes(&self, filter: &DataFilter) -> Paged<Income> {
        self.paged(&["incomes"], filter.query())
    }

    /// `GET /contributions?sourceId=|userId=`.
    pub fn contributions(&self, filter: &DataFilter) -> Paged<Contribution> {
        self.paged(&["contributions"], filter.query())
    }

    /// `GET /eincomes?sourceId=|userId=` (estimated incomes).
    pub fn eincomes(&self, filter: &DataFilter) -> Paged<Eincome> {
        self.paged(&["eincomes"], filter.query())
    }

    // ----- tasks -----

    /// `GET /tasks?sourceId=|userId=`: the data syncs of an account or archive (or of all a
    /// user's), e.g. to see whether a sync whose `TASK_*` webhooks never came has finished.
    pub fn list_tasks(&self, filter: &DataFilter) -> Paged<Task> {
        self.paged(&["tasks"], filter.query())
    }

    /// `GET /tasks/{id}`.
    pub async fn get_task(&self, task_id: &str) -> Result<Task, SmileError> {
        self.data(Call::new(Method::GET, &["tasks", task_id])).await
    }

    // ----- archives (uploaded documents) -----

    /// `GET /archives?userId=`: the user's archives.
    pub fn list_archives(&self, user_id: &str) -> Paged<Archive> {
        self.paged(&["archives"], vec![("userId", user_id.to_owned())])
    }

    /// `GET /archives/{id}`.
    pub async fn get_archive(&self, archive_id: &str) -> Result<Archive, SmileError> {
        self.data(Call::new(Method::GET, &["archives", archive_id]))
            .await
    }

    /// `DELETE /archives/{id}`: revokes the archive (Smile sends `ARCHIVE_REVOKED`).
    ///
    /// Retried like [`Self::delete_account`], with the same possible 404 on a retry.
    pub async fn delete_archive(&self, archive_id: &str) -> Result<(), SmileError> {
        self.ack(Call::new(Method::DELETE, &["archives", archive_id]))
            .await
    }

    /// `POST /archives`: uploads files as a new archive, analysed asynchronously (the
    /// `ARCHIVE_*` webhooks follow). Not retried where Smile may already have created it
    /// (as [`Self::create_user`]).
    pub async fn create_archive(
        &self,
        request: &CreateArchiveRequest,
    ) -> Result<Archive, SmileError> {
        self.data(Call::new(Method::POST, &["archives"]).json(request)?)
            .await
    }

    /// `POST /archives/classify`: uploads files for Smile to tell their type
    /// ([`Archive::classification`]). Not retried where Smile may already have created the
    /// archive (as [`Self::create_user`]).
    pub async fn classify_archive(
        &self,
        request: &ClassifyArchiveRequest,
    ) -> Result<Archive, SmileError> {
        self.data(Call::new(Method::POST, &["archives", "classify"]).json(request)?)
            .await
    }

    /// `GET /uploads?userId=`: the user's uploads (Smile's deprecated view of archives).
    pub fn list_uploads(&self, user_id: &str) -> Paged<Upload> {
        self.paged(&["uploads"], vec![("userId", user_id.to_owned())])
    }

    /// `GET /fileTypes`: the kinds of document users can upload.
    pub fn list_file_types(&self) -> Paged<FileType> {
        self.paged(&["fileTypes"], Vec::new())
    }

    // ----- webhooks -----

    /// `POST /webhooks`. Not retried where Smile may already have created it (as
    /// [`Self::create_user`]).
    pub async fn create_webhook(&self, request: &CreateWebhook) -> Result<Webhook, SmileError> {
        self.data(Call::new(Method::POST, &["webhooks"]).json(request)?)
            .await
    }

    /// `GET /webhooks`.
    pub fn list_webhooks(&self) -> Paged<Webhook> {
        self.paged(&["webhooks"], Vec::new())
    }

    /// `DELETE /webhooks/{id}`.
    pub async fn delete_webhook(&self, webhook_id: &str) -> Result<(), SmileError> {
        self.ack(Call::new(Method::DELETE, &["webhooks", webhook_id]))
            .await
    }

    // ----- plumbing -----

    /// `data` of a successful call.
    async fn data<T: DeserializeOwned>(&self, call: Call) -> Result<T, SmileError> {
        let (status, envelope) = self.send(&call).await?;
        let request_id = Some(envelope.request_id).filter(|id| !id.is_empty());
        match envelope.data {
            None | Some(serde_json::Value::Null) => Err(SmileError::MissingData { request_id }),
            Some(data) => serde_path_to_error::deserialize(data).map_err(|e| SmileError::Decode {
                status,
                request_id,
                path: format!("data{}", json_path(e.path())),
                source: e.into_inner(),
            }),
        }
    }

    /// A call whose answer carries no data.
    async fn ack(&self, call: Call) -> Result<(), SmileError> {
        self.send(&call).await.map(|_| ())
    }

    /// A list as a stream of items, one page request at a time.
    ///
    /// A list that misbehaves — `nextCursor` naming a page already read (a repeat or a
    /// cycle), or pages beyond [`SmileConfig::max_pages`] — ends early instead of failing or
    /// looping: what was read is kept (each id once), a warning names the cause and
    /// `smile_list_truncated_total` counts it. Callers run again later (next sync, next
    /// reconcile pass), so a cut list only delays what it did not read.
    fn paged<T>(&self, path: &[&str], query: Vec<(&'static str, String)>) -> Paged<T>
    where
        T: DeserializeOwned + ItemId + Send + 'static,
    {
        let client = self.clone();
        let path: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
        let start = Cursor::new(self.inner.max_pages);
        let pages = stream::try_unfold(start, move |mut cursor| {
            let client = client.clone();
            let path = path.clone();
            let mut query = query.clone();
            async move {
                let Some(at) = cursor.page_to_fetch() else {
                    return Ok(None);
                };
                query.push(("size", client.inner.page_size.to_string()));
                if let Some(at) = at {
                    query.push(("cursor", at.to_owned()));
                }
                let segments: Vec<&str> = path.iter().map(String::as_str).collect();
                let page: Page<T> = client
                    .data(Call::new(Method::GET, &segments).query(query))
                    .await?;
                let next = page.next().map(str::to_owned);
                let (items, truncated) = cursor.advance(page.items, next.as_deref());
                if let Some(cause) = truncated {
                    let resource = path.first().map(String::as_str).unwrap_or("");
                    tracing::warn!(
                        resource,
                        cause = cause.label(),
                        detail = ?cause,
                        "Smile list cut short; keeping the items read so far"
                    );
                    metrics::counter!(
                        "smile_list_truncated_total",
                        "resource" => resource.to_owned(),
                        "cause" => cause.label(),
                    )
                    .increment(1);
                }
                Ok(Some((items, cursor)))
            }
        });
        Paged::new(
            pages
                .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
                .try_flatten(),
        )
    }

    fn url(&self, call: &Call) -> Result<Url, SmileError> {
        let mut url = self.inner.base_url.clone();
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| SmileError::Config("base URL cannot take a path".into()))?;
            segments.pop_if_empty();
            // `push` percent-encodes `/`, so an id can never escape its segment; it drops
            // `.`/`..` and keeps an empty segment, so those are refused up front.
            for segment in &call.path {
                if matches!(segment.as_str(), "" | "." | "..") {
                    return Err(SmileError::InvalidArgument(format!(
                        "`{segment}` is not a valid id"
                    )));
                }
                segments.push(segment);
            }
        }
        if !call.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&call.query);
        }
        Ok(url)
    }

    /// Sends `call` under the rate limit and retry policy; returns the status and envelope
    /// of the 2xx answer (its `data` still JSON).
    async fn send(&self, call: &Call) -> Result<(u16, Ack), SmileError> {
        let inner = &*self.inner;
        let policy = &inner.retry;
        let url = self.url(call)?;
        let max_attempts = policy.max_attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt >= max_attempts;
            let waited = std::time::Instant::now();
            let deadline = match self.class {
                Class::Interactive => Some(tokio::time::Instant::now() + inner.interactive_wait),
                Class::Background => None,
            };
            let class = match self.class {
                Class::Interactive => "interactive",
                Class::Background => "background",
            };
            let granted = inner.limiter.acquire(self.class, deadline).await;
            metrics::histogram!("smile_rate_limit_wait_seconds", "class" => class)
                .record(waited.elapsed());
            if granted.is_err() {
                metrics::counter!("smile_rate_limit_saturated_total").increment(1);
                return Err(SmileError::Saturated {
                    waited: waited.elapsed(),
                });
            }
            let started = std::time::Instant::now();

            let mut request = inner
                .http
                .request(call.method.clone(), url.clone())
                .basic_auth(
                    inner.credentials.key.expose_secret(),
                    Some(inner.credentials.secret.expose_secret()),
                )
                .header(ACCEPT, HeaderValue::from_static("application/json"));
            if let Some(body) = &call.body {
                request = request
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(body.clone());
            }

            let sent = request.send().await;
            observe(call, &sent, started.elapsed());
            let response = match sent {
                Ok(response) => response,
                // Nothing reached Smile: safe to retry even a create.
                Err(e) if e.is_connect() => {
                    if last {
                        return Err(SmileError::Connect(e));
                    }
                    let delay = policy.backoff(attempt);
                    log_retry(call, attempt, delay, None, "connect error");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                Err(e) if e.is_timeout() => return Err(SmileError::Timeout(e)),
                Err(e) => return Err(SmileError::Transport(e)),
            };

            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            let canonical = response.status().canonical_reason().unwrap_or("");
            let body = match response.bytes().await {
                Ok(body) => body,
                Err(e) if e.is_timeout() => return Err(SmileError::Timeout(e)),
                Err(e) => return Err(SmileError::Transport(e)),
            };

            if (200..300).contains(&status) {
                let mut json = serde_json::Deserializer::from_slice(&body);
                let envelope: Ack = serde_path_to_error::deserialize(&mut json).map_err(|e| {
                    SmileError::Decode {
                        status,
                        request_id: request_id_of(&body),
                        path: json_path(e.path()),
                        source: e.into_inner(),
                    }
                })?;
                // A 2xx whose envelope carries a known error code is still an error.
                if envelope.code.is_known() && !envelope.code.is_success() {
                    return Err(SmileError::Api {
                        status,
                        message: envelope.message,
                        request_id: Some(envelope.request_id).filter(|id| !id.is_empty()),
                        code: Some(envelope.code),
                    });
                }
                return Ok((status, envelope));
            }

            let (code, message, request_id) = match serde_json::from_slice::<Ack>(&body) {
                Ok(envelope) => (
                    // An absent code reads as OK (see `Envelope::code`): not a cause.
                    Some(envelope.code).filter(|code| !code.is_success()),
                    if envelope.message.is_empty() {
                        canonical.to_owned()
                    } else {
                        envelope.message
                    },
                    Some(envelope.request_id).filter(|id| !id.is_empty()),
                ),
                Err(_) => (None, canonical.to_owned(), request_id_of(&body)),
            };

            if !last && retryable_status(status, call.replay) {
                let delay = match retry_after {
                    Some(wait) if wait > policy.max_retry_after => {
                        return Err(SmileError::RetryAfterTooLong {
                            status,
                            retry_after: wait,
                            limit: policy.max_retry_after,
                            request_id,
                        })
                    }
                    Some(wait) => wait,
                    None => policy.backoff(attempt),
                };
                log_retry(
                    call,
                    attempt,
                    delay,
                    request_id.as_deref(),
                    &status.to_string(),
                );
                tokio::time::sleep(delay).await;
                continue;
            }

            return Err(SmileError::Api {
                status,
                code,
                message,
                request_id,
            });
        }
    }
}

/// A `serde_path_to_error` path as a JSON path relative to its root (`.items[0].id`, or `.`
/// for the root itself).
fn json_path(path: &serde_path_to_error::Path) -> String {
    let path = path.to_string();
    if path == "." {
        path
    } else {
        format!(".{path}")
    }
}

fn log_retry(
    call: &Call,
    attempt: u32,
    delay: std::time::Duration,
    request_id: Option<&str>,
    reason: &str,
) {
    tracing::warn!(
        method = %call.method,
        path = %call.path.first().map(String::as_str).unwrap_or(""),
        attempt,
        delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
        request_id,
        reason,
        "retrying Smile request"
    );
}

/// Counts and times one attempt, labelled by method, resource (the first path segment, never
/// an id) and outcome (the HTTP status, or `connect`/`timeout`/`transport`).
fn observe(
    call: &Call,
    sent: &Result<reqwest::Response, reqwest::Error>,
    took: std::time::Duration,
) {
    let outcome = match sent {
        Ok(response) => response.status().as_u16().to_string(),
        Err(e) if e.is_connect() => "connect".to_owned(),
        Err(e) if e.is_timeout() => "timeout".to_owned(),
        Err(_) => "transport".to_owned(),
    };
    let resource = call.path.first().cloned().unwrap_or_default();
    let labels = [
        ("method", call.method.to_string()),
        ("resource", resource),
        ("outcome", outcome),
    ];
    metrics::counter!("smile_requests_total", &labels).increment(1);
    metrics::histogram!("smile_request_duration_seconds", &labels).record(took);
}
