//! Whether this instance should be sent traffic: the database must take writes, or a
//! webhook could not be stored.

use crate::AppState;

/// How long one probe's answer stands: a flood of `/readyz` probes the database once a
/// second, not once per request (SQLite's probe takes its single write lock).
const PROBE_TTL: std::time::Duration = std::time::Duration::from_secs(1);

/// Whether the database takes writes, probed at most once per [`PROBE_TTL`].
pub async fn database_writable(state: &AppState) -> bool {
    // A closed pool (shutting down) is known without a probe.
    if state.db().is_closed() {
        return false;
    }
    // Held across the probe: concurrent callers wait for its answer instead of probing too.
    let mut last = state.readiness().lock().await;
    if let Some((at, writable)) = *last {
        if at.elapsed() < PROBE_TTL {
            return writable;
        }
    }
    let writable = crate::db::health::writable(state.db()).await;
    *last = Some((std::time::Instant::now(), writable));
    writable
}
