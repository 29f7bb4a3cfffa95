//! The officers' live stream: an `applicant` event (data [`ApplicantChanged`]) whenever an
//! applicant's accounts, data or review change, so the list and the detail refetch without
//! a reload. Ids only — the data itself is fetched (and audited) through the API. The
//! stream ends with its session: at sign-out, at the idle timeout (the stream itself is not
//! activity), at the absolute end, or when the session is deleted — re-checked every
//! `WINK_STREAM_RECHECK_SECS`.

use std::convert::Infallible;

use crate::db::Timestamp;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast::error::RecvError;
use wink_api::officer::ApplicantChanged;

use axum_extra::extract::cookie::CookieJar;

use super::session::CurrentOfficer;
use crate::{officers, AppState};

pub async fn stream(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    jar: CookieJar,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let token = jar
        .get(super::session::cookie_name(&state))
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let remaining = officer.expires_at.duration_since(Timestamp::now());
    let deadline = tokio::time::Instant::now() + remaining;
    let changes = state.watch_changes();
    let recheck = crate::streams::recheck_timer(state.stream_recheck());
    let start = (state, token, changes, recheck);
    let events = futures_util::stream::unfold(
        start,
        move |(state, token, mut changes, mut recheck)| async move {
            let received = loop {
                tokio::select! {
                    received = changes.recv() => break received,
                    () = tokio::time::sleep_until(deadline) => return None,
                    _ = recheck.tick() => {
                        if !officers::is_live(&state, &token).await {
                            return None;
                        }
                    }
                }
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
            Some((Ok(event), (state, token, changes, recheck)))
        },
    );
    Sse::new(events).keep_alive(KeepAlive::default())
}
