//! The emulator's shared state: configuration, runtime settings, the in-memory store, fault
//! rules and the webhook dispatcher.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use parking_lot::Mutex;
use smile_api::{Account, Archive, Event, Token, User, Webhook};

use crate::config::SandboxConfig;
use crate::datastore::DataStore;
use crate::delivery::Dispatcher;
use crate::faults::Faults;
use crate::personas::Persona;
use crate::requests::RequestLog;

/// Settings an admin endpoint may change at run time (reset restores the configured ones).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Lifetime of new link tokens.
    pub token_ttl: Duration,
    /// Wait before each webhook retry.
    pub webhook_retry_delay: Duration,
    /// Limit on one webhook delivery attempt.
    pub webhook_timeout: Duration,
    /// Wait between an archive's `ARCHIVE_STARTED` and its analysis outcome.
    pub analysis_delay: Duration,
}

/// The default [`Settings::analysis_delay`]: long enough to see an archive `STARTED`,
/// short enough for tests.
pub const ANALYSIS_DELAY: Duration = Duration::from_millis(200);

impl Settings {
    /// The settings `config` asks for.
    pub fn from_config(config: &SandboxConfig) -> Self {
        Settings {
            token_ttl: config.token_ttl,
            webhook_retry_delay: config.webhook_retry_delay,
            webhook_timeout: config.webhook_timeout,
            analysis_delay: ANALYSIS_DELAY,
        }
    }
}

/// A link token and whose it is.
#[derive(Clone, Debug)]
pub struct TokenRecord {
    /// The token as issued.
    pub token: Token,
    /// Its user.
    pub user_id: String,
    /// When it stops working.
    pub expires: SystemTime,
}

/// An account and what the emulator needs to drive it.
#[derive(Clone, Debug)]
pub struct AccountRecord {
    /// The account as the Open API shows it.
    pub account: Account,
    /// What the user typed as login, once they did.
    pub login_name: Option<String>,
    /// The persona the login matched (set once credentials were accepted).
    pub persona: Option<&'static Persona>,
}

/// Everything Smile would store, in memory. Lists keep creation order.
#[derive(Debug, Default)]
pub struct Store {
    /// Users.
    pub users: Vec<User>,
    /// Link tokens by access token.
    pub tokens: HashMap<String, TokenRecord>,
    /// Accounts.
    pub accounts: Vec<AccountRecord>,
    /// The accounts' data.
    pub data: DataStore,
    /// Webhook subscriptions.
    pub webhooks: Vec<Webhook>,
    /// Uploaded documents (the widget's and the API's).
    pub archives: Vec<Archive>,
    /// Every event generated, delivered or not (for `/_emulator/events`).
    pub events: Vec<Event>,
}

/// Most events kept in [`Store::events`]; the oldest are dropped first.
pub const EVENT_LOG_LIMIT: usize = 2000;

/// The state behind every handler.
#[derive(Debug)]
pub struct AppState {
    /// The configuration the emulator started with.
    pub config: SandboxConfig,
    /// Run-time settings.
    pub settings: Mutex<Settings>,
    /// The store.
    pub store: Mutex<Store>,
    /// Request fault rules and webhook fault settings.
    pub faults: Faults,
    /// Webhook delivery.
    pub dispatcher: Dispatcher,
    /// Arrivals of API requests (`/_emulator/requests`).
    pub requests: RequestLog,
    /// The widget script, with the configured defaults filled in.
    pub widget_js: String,
}

/// The state as handlers receive it.
pub type Shared = Arc<AppState>;

impl AppState {
    /// A fresh state for `config`: no users, no subscriptions, no faults; `widget_js` is
    /// the widget script to serve.
    pub fn new(config: SandboxConfig, widget_js: String) -> Self {
        AppState {
            settings: Mutex::new(Settings::from_config(&config)),
            store: Mutex::new(Store::default()),
            faults: Faults::default(),
            dispatcher: Dispatcher::new(),
            requests: RequestLog::default(),
            widget_js,
            config,
        }
    }

    /// Current run-time settings.
    pub fn settings(&self) -> Settings {
        self.settings.lock().clone()
    }

    /// Forgets everything: users, accounts, data, subscriptions, fault rules, logs, settings.
    pub fn reset(&self) {
        *self.store.lock() = Store::default();
        *self.settings.lock() = Settings::from_config(&self.config);
        self.faults.clear();
        self.dispatcher.reset();
        self.requests.clear();
    }
}
