//! The background work that keeps Smile's data current.

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct SyncSettings {
    /// Run the webhook worker, reconciler and subscription in this process.
    #[arg(long, env = "WINK_BACKGROUND", default_value_t = true, action = clap::ArgAction::Set)]
    pub background: bool,

    /// How often the reconciler asks Smile about data that webhooks may have missed.
    #[arg(long, env = "WINK_RECONCILE_SECS", default_value_t = 120)]
    pub reconcile_secs: u64,

    /// How long events for one account are gathered before its data is fetched once.
    #[arg(long, env = "WINK_SYNC_DEBOUNCE_MS", default_value_t = 300)]
    pub sync_debounce_ms: u64,
}

impl SyncSettings {
    pub fn reconcile_every(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.reconcile_secs.max(1))
    }

    pub fn debounce(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.sync_debounce_ms)
    }
}
