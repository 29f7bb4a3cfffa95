//! The officers' live stream: an `applicant` event (data [`ApplicantChanged`]) whenever an
//! applicant's accounts, data or review change, so the list and the detail refetch without
//! a reload. Ids only — the data itself is fetched (and audited) through the API. The
//! stream ends when the session reaches its absolute end.

use std::convert::Infallible;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::Utc;
use tokio::sync::broadcast::error::RecvError;
use wink_api::officer::ApplicantChanged;

use super::session::CurrentOfficer;
use crate::AppState;

pub async fn stream(
    State(state): State<AppState>,
    officer: CurrentOfficer,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let remaining = chrono::DateTime::parse_from_rfc3339(&officer.expires_at)
        .map(|end| end.with_timezone(&Utc) - Utc::now())
        .ok()
        .and_then(|d| d.to_std().ok())
        .unwrap_or_default();
    let deadline = tokio::time::Instant::now() + remaining;
    let changes = state.watch_changes();
    let events = futures_util::stream::unfold(changes, move |mut changes| async move {
        let received = tokio::select! {
            received = changes.recv() => received,
            () = tokio::time::sleep_until(deadline) => return None,
        };
        let event = match received {
            Ok(applicant_id) => Event::default()
                .event("applicant")
                .json_data(ApplicantChanged { applicant_id })
                .unwrap_or_default(),
            // Missed announcements: tell the page to refetch everything.
            Err(RecvError::Lagged(_)) => Event::default().event("resync").data("{}"),
            Err(RecvError::Closed) => return None,
        };
        Some((Ok(event), changes))
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}
