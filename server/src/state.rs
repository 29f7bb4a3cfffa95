use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use secrecy::SecretString;
use smile_api::client::SmileClient;
use smile_api::widget::WidgetOptions;
use tokio::sync::{broadcast, Mutex, Notify, RwLock};
use wink_api::Mode;

use crate::db::Db;
use crate::smile::{self, SmileSetup, SmileSetupError};
use crate::Config;

/// What every handler can reach. Cheap to clone: everything is behind one `Arc`.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    mode: Mode,
    dist_dir: PathBuf,
    draining: AtomicBool,
    db: Db,
    smile: SmileClient,
    #[cfg(feature = "emulator")]
    emulator: Option<smile_sandbox::Sandbox>,
    script_url: String,
    widget: WidgetOptions,
    currency: String,
    cookie_secure: bool,
    /// One Smile-user creation at a time per applicant (see `onboarding`).
    user_creation: Mutex<HashMap<String, Arc<Mutex<()>>>>,
    /// Provider display names, fetched once from Smile.
    provider_names: RwLock<HashMap<String, String>>,
    /// The secret Smile signs our webhooks with.
    webhook_secret: SecretString,
    /// Where Smile should post webhooks: `<public or own URL>/webhooks/smile`.
    webhook_url: String,
    /// Wakes the worker when a webhook is stored.
    work: Notify,
    reconcile_every: std::time::Duration,
    sync_debounce: std::time::Duration,
    background: bool,
    /// Announces "this applicant's accounts or data changed" to live streams.
    changes: broadcast::Sender<String>,
    thresholds: crate::summary::SummaryThresholds,
    officer_dist_dir: PathBuf,
    officer_policy: crate::config::OfficerPolicy,
    retention_days: u32,
    /// How long a resume link works after it was issued.
    resume_ttl: std::time::Duration,
    rollout: crate::rollout::Rollout,
    trusted_proxies: crate::client_addr::TrustedProxies,
    expected_origin: crate::cross_site::Expected,
    metrics_access: crate::metrics::Access,
    /// The last readiness probe (see `routes::health`): one probe per second at most.
    readiness: Mutex<Option<(std::time::Instant, bool)>>,
    budgets: crate::budgets::Budgets,
    link_events_per_hour: u32,
    request_timeout: std::time::Duration,
    stream_recheck: std::time::Duration,
    /// Open applicant event streams, per applicant (see `routes::link::stream`).
    applicant_streams: crate::streams::StreamSlots,
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error(transparent)]
    Smile(#[from] SmileSetupError),
}

impl AppState {
    /// Connects the database and the Smile client. `self_url` is where this server listens
    /// (`http://127.0.0.1:3000`): in emulator mode the client reaches the embedded emulator
    /// there, over real HTTP, exactly as it would reach Smile.
    pub async fn build(config: &Config, self_url: &str) -> Result<Self, StateError> {
        config.validate()?;
        crate::metrics::install();
        let db = crate::db::connect(&config.database_url).await?;
        let SmileSetup {
            client,
            script_url,
            api_host,
            #[cfg(feature = "emulator")]
            emulator,
        } = smile::setup(config, self_url)?;
        let widget = WidgetOptions {
            user_token: String::new(),
            template_id: config.smile_template_id.clone(),
            api_host,
            top_providers: non_empty(&config.widget_top_providers),
            providers: non_empty(&config.widget_providers),
            enable_search_bar: Some(config.widget_enable_search_bar),
            enable_type_bar: Some(config.widget_enable_type_bar),
            enable_upload: Some(config.widget_enable_upload),
            company_name: Some(config.company_name.clone()),
            enable_consent_page: None,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                mode: config.smile_mode,
                dist_dir: config.dist_dir.clone(),
                draining: AtomicBool::new(false),
                db,
                smile: client,
                #[cfg(feature = "emulator")]
                emulator,
                script_url,
                widget,
                currency: config.currency.clone(),
                cookie_secure: config.cookie_secure(),
                user_creation: Mutex::new(HashMap::new()),
                provider_names: RwLock::new(HashMap::new()),
                webhook_secret: match &config.smile_webhook_secret {
                    Some(secret) => SecretString::from(secret.expose().to_owned()),
                    // Emulator mode: a fresh secret each start, given to the emulator when
                    // we subscribe.
                    None => SecretString::from(crate::db::sessions::new_token()),
                },
                webhook_url: format!(
                    "{}/webhooks/smile",
                    config
                        .public_url
                        .as_deref()
                        .unwrap_or(self_url)
                        .trim_end_matches('/')
                ),
                work: Notify::new(),
                reconcile_every: std::time::Duration::from_secs(config.reconcile_secs.max(1)),
                sync_debounce: std::time::Duration::from_millis(config.sync_debounce_ms),
                background: config.background,
                changes: broadcast::channel(256).0,
                thresholds: config.summary_thresholds(),
                officer_dist_dir: config.officer_dist_dir.clone(),
                officer_policy: config.officer_policy(),
                retention_days: config.retention_days,
                resume_ttl: std::time::Duration::from_secs(86_400 * u64::from(config.resume_days)),
                rollout: crate::rollout::Rollout::new(
                    config.rollout_percent,
                    &config.rollout_allowlist,
                ),
                trusted_proxies: config.trusted_proxies.clone(),
                metrics_access: crate::metrics::Access::new(
                    config.metrics_token.as_ref().map(|t| t.expose()),
                    config.metrics_addr.is_some(),
                ),
                readiness: Mutex::new(None),
                expected_origin: crate::cross_site::Expected::new(
                    config.public_url.as_deref(),
                    // A laptop's emulator: listening on loopback, so only loopback names.
                    config.smile_mode == Mode::Emulator && config.addr.ip().is_loopback(),
                ),
                budgets: crate::budgets::Budgets::new(&config.budget_limits()),
                link_events_per_hour: config.link_events_per_hour,
                request_timeout: std::time::Duration::from_secs(config.request_timeout_secs),
                stream_recheck: std::time::Duration::from_secs(config.stream_recheck_secs),
                applicant_streams: crate::streams::StreamSlots::new(config.applicant_streams),
            }),
        })
    }

    pub fn mode(&self) -> Mode {
        self.inner.mode
    }

    pub fn dist_dir(&self) -> &Path {
        &self.inner.dist_dir
    }

    pub fn officer_dist_dir(&self) -> &Path {
        &self.inner.officer_dist_dir
    }

    pub fn rollout(&self) -> &crate::rollout::Rollout {
        &self.inner.rollout
    }

    /// 0: the retention job is off.
    pub fn retention_days(&self) -> u32 {
        self.inner.retention_days
    }

    pub fn resume_ttl(&self) -> std::time::Duration {
        self.inner.resume_ttl
    }

    pub fn officer_policy(&self) -> &crate::config::OfficerPolicy {
        &self.inner.officer_policy
    }

    pub fn trusted_proxies(&self) -> &crate::client_addr::TrustedProxies {
        &self.inner.trusted_proxies
    }

    pub fn expected_origin(&self) -> &crate::cross_site::Expected {
        &self.inner.expected_origin
    }

    pub fn metrics_access(&self) -> &crate::metrics::Access {
        &self.inner.metrics_access
    }

    pub fn readiness(&self) -> &Mutex<Option<(std::time::Instant, bool)>> {
        &self.inner.readiness
    }

    pub fn budgets(&self) -> &crate::budgets::Budgets {
        &self.inner.budgets
    }

    pub fn link_events_per_hour(&self) -> u32 {
        self.inner.link_events_per_hour
    }

    pub fn request_timeout(&self) -> std::time::Duration {
        self.inner.request_timeout
    }

    pub fn stream_recheck(&self) -> std::time::Duration {
        self.inner.stream_recheck
    }

    pub fn applicant_streams(&self) -> &crate::streams::StreamSlots {
        &self.inner.applicant_streams
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn smile(&self) -> &SmileClient {
        &self.inner.smile
    }

    #[cfg(feature = "emulator")]
    pub fn emulator(&self) -> Option<&smile_sandbox::Sandbox> {
        self.inner.emulator.as_ref()
    }

    pub fn script_url(&self) -> &str {
        &self.inner.script_url
    }

    /// The lender's widget options, without a token.
    pub fn widget_options(&self) -> &WidgetOptions {
        &self.inner.widget
    }

    pub fn currency(&self) -> &str {
        &self.inner.currency
    }

    pub fn cookie_secure(&self) -> bool {
        self.inner.cookie_secure
    }

    /// The lock that serialises Smile-user creation for one applicant.
    pub async fn user_creation_lock(&self, applicant_id: &str) -> Arc<Mutex<()>> {
        let mut locks = self.inner.user_creation.lock().await;
        locks.retain(|_, lock| Arc::strong_count(lock) > 1);
        locks.entry(applicant_id.to_owned()).or_default().clone()
    }

    pub fn webhook_secret(&self) -> &SecretString {
        &self.inner.webhook_secret
    }

    pub fn webhook_url(&self) -> &str {
        &self.inner.webhook_url
    }

    /// Tells the worker there is work (a webhook stored, a sync asked for).
    pub fn wake_worker(&self) {
        self.inner.work.notify_one();
    }

    pub async fn work_arrived(&self) {
        self.inner.work.notified().await;
    }

    pub fn reconcile_every(&self) -> std::time::Duration {
        self.inner.reconcile_every
    }

    /// How long a burst of events for one account is gathered before one fetch.
    pub fn sync_debounce(&self) -> std::time::Duration {
        self.inner.sync_debounce
    }

    /// Tells live streams that this applicant's accounts or data changed.
    pub fn announce_change(&self, applicant_id: &str) {
        // No receivers is fine: nobody is watching.
        let _ = self.inner.changes.send(applicant_id.to_owned());
    }

    pub fn watch_changes(&self) -> broadcast::Receiver<String> {
        self.inner.changes.subscribe()
    }

    pub fn summary_thresholds(&self) -> &crate::summary::SummaryThresholds {
        &self.inner.thresholds
    }

    pub fn runs_background_tasks(&self) -> bool {
        self.inner.background
    }

    pub fn provider_names(&self) -> &RwLock<HashMap<String, String>> {
        &self.inner.provider_names
    }

    /// Marks the server as shutting down: `/readyz` turns 503 so a load balancer stops
    /// routing new requests here while in-flight ones finish.
    pub fn start_draining(&self) {
        self.inner.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.inner.draining.load(Ordering::SeqCst)
    }
}

fn non_empty(list: &[String]) -> Option<Vec<String>> {
    let list: Vec<String> = list
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then_some(list)
}
