use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use secrecy::SecretString;
use smile_api::client::SmileClient;
use smile_api::widget::WidgetOptions;
use tokio::sync::{broadcast, Mutex, Notify};
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
    /// The settings, by group: the accessors below read them.
    config: Config,
    draining: AtomicBool,
    db: Db,
    /// Stores webhook deliveries, committing concurrent ones together.
    webhook_writer: crate::db::inbox_writer::Writer,
    smile: SmileClient,
    #[cfg(feature = "emulator")]
    emulator: Option<smile_sandbox::Sandbox>,
    script_url: String,
    widget: WidgetOptions,
    /// One Smile-user creation at a time per applicant (see `onboarding`).
    user_creation: Mutex<HashMap<String, Arc<Mutex<()>>>>,
    /// Provider display names, fetched once from Smile.
    provider_names: smile::ProviderNames,
    /// The secret Smile signs our webhooks with.
    webhook_secret: SecretString,
    /// Where Smile should post webhooks: `<public or own URL>/webhooks/smile`.
    webhook_url: String,
    /// `WINK_PUBLIC_URL`, else where this server listens; without a trailing slash.
    public_base_url: String,
    /// Wakes the worker when a webhook is stored.
    work: Notify,
    /// Announces "this applicant's accounts or data changed" to live streams.
    changes: broadcast::Sender<String>,
    thresholds: crate::summary::SummaryThresholds,
    officer_policy: crate::config::OfficerPolicy,
    rollout: crate::rollout::Rollout,
    expected_origin: crate::origin::Expected,
    metrics_access: crate::metrics::Access,
    /// The last readiness probe (see `http::health`): one probe per second at most.
    readiness: Mutex<Option<(std::time::Instant, bool)>>,
    budgets: crate::budgets::Budgets,
    /// Open applicant event streams, per applicant (see `http::link`).
    applicant_streams: crate::streams::StreamSlots,
    /// The key that signs reports, and the retired ones that still verify.
    report_keys: crate::report_signing::keys::KeyRing,
    /// Checks report files from anyone against `report_keys`.
    verifier: crate::report_signing::verify::Verifier,
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
        let db = crate::db::connect(&config.storage.database_url).await?;
        let SmileSetup {
            client,
            script_url,
            api_host,
            #[cfg(feature = "emulator")]
            emulator,
        } = smile::setup(config, self_url)?;
        let report_keys = config.reports.key_ring(config.mode())?;
        let verifier = crate::report_signing::verify::Verifier::new(report_keys.trusted().clone());
        Ok(Self {
            inner: Arc::new(Inner {
                draining: AtomicBool::new(false),
                webhook_writer: crate::db::inbox_writer::Writer::spawn(db.clone()),
                db,
                smile: client,
                #[cfg(feature = "emulator")]
                emulator,
                script_url,
                widget: config.widget.options(api_host),
                user_creation: Mutex::new(HashMap::new()),
                provider_names: smile::ProviderNames::default(),
                webhook_secret: match &config.smile.smile_webhook_secret {
                    Some(secret) => SecretString::from(secret.expose().to_owned()),
                    // Emulator mode: a fresh secret each start, given to the emulator when
                    // we subscribe.
                    None => SecretString::from(crate::db::sessions::new_token()),
                },
                webhook_url: format!(
                    "{}/webhooks/smile",
                    config.serving.public_url_or(self_url).trim_end_matches('/')
                ),
                public_base_url: config
                    .serving
                    .public_url_or(self_url)
                    .trim_end_matches('/')
                    .to_owned(),
                work: Notify::new(),
                changes: broadcast::channel(256).0,
                thresholds: config.summary.thresholds(),
                officer_policy: config.officers.policy(),
                rollout: config.applicants.rollout(),
                metrics_access: config.observability.metrics_access(),
                readiness: Mutex::new(None),
                expected_origin: crate::origin::Expected::new(
                    config.serving.public_url.as_deref(),
                    // A laptop's emulator: listening on loopback, so only loopback names.
                    config.mode() == Mode::Emulator && config.serving.addr.ip().is_loopback(),
                ),
                budgets: crate::budgets::Budgets::new(&config.limits.budget_limits()),
                applicant_streams: crate::streams::StreamSlots::new(
                    config.limits.applicant_streams,
                ),
                report_keys,
                verifier,
                config: config.clone(),
            }),
        })
    }

    pub fn mode(&self) -> Mode {
        self.inner.config.mode()
    }

    pub fn dist_dir(&self) -> &Path {
        &self.inner.config.serving.dist_dir
    }

    pub fn officer_dist_dir(&self) -> &Path {
        &self.inner.config.serving.officer_dist_dir
    }

    pub fn rollout(&self) -> &crate::rollout::Rollout {
        &self.inner.rollout
    }

    /// 0: the retention job is off.
    pub fn retention_days(&self) -> u32 {
        self.inner.config.storage.retention_days
    }

    pub fn resume_ttl(&self) -> std::time::Duration {
        self.inner.config.applicants.resume_ttl()
    }

    pub fn officer_policy(&self) -> &crate::config::OfficerPolicy {
        &self.inner.officer_policy
    }

    pub fn trusted_proxies(&self) -> &crate::client_addr::TrustedProxies {
        &self.inner.config.serving.trusted_proxies
    }

    pub fn expected_origin(&self) -> &crate::origin::Expected {
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
        self.inner.config.limits.link_events_per_hour
    }

    pub fn request_timeout(&self) -> std::time::Duration {
        self.inner.config.serving.request_timeout()
    }

    pub fn stream_recheck(&self) -> std::time::Duration {
        self.inner.config.limits.stream_recheck()
    }

    pub fn applicant_streams(&self) -> &crate::streams::StreamSlots {
        &self.inner.applicant_streams
    }

    pub fn webhook_writer(&self) -> &crate::db::inbox_writer::Writer {
        &self.inner.webhook_writer
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
        &self.inner.config.widget.currency
    }

    /// The lender's name (`WINK_COMPANY_NAME`).
    pub fn company_name(&self) -> &str {
        &self.inner.config.widget.company_name
    }

    pub fn report_keys(&self) -> &crate::report_signing::keys::KeyRing {
        &self.inner.report_keys
    }

    pub fn verifier(&self) -> &crate::report_signing::verify::Verifier {
        &self.inner.verifier
    }

    pub fn cookie_secure(&self) -> bool {
        self.inner.config.cookie_secure()
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

    /// This server's public base URL (`https://loans.example.com`), for links people
    /// follow from outside: `WINK_PUBLIC_URL`, else where it listens.
    pub fn public_base_url(&self) -> &str {
        &self.inner.public_base_url
    }

    /// Smile's consent template the widget shows (`SMILE_TEMPLATE_ID`), when one is set.
    pub fn smile_template_id(&self) -> Option<&str> {
        self.inner.config.widget.smile_template_id.as_deref()
    }

    /// Tells the worker there is work (a webhook stored, a sync asked for).
    pub fn wake_worker(&self) {
        self.inner.work.notify_one();
    }

    pub async fn work_arrived(&self) {
        self.inner.work.notified().await;
    }

    pub fn reconcile_every(&self) -> std::time::Duration {
        self.inner.config.sync.reconcile_every()
    }

    /// How long a burst of events for one account is gathered before one fetch.
    pub fn sync_debounce(&self) -> std::time::Duration {
        self.inner.config.sync.debounce()
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
        self.inner.config.sync.background
    }

    pub fn provider_names(&self) -> &smile::ProviderNames {
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
