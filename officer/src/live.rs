//! Live updates: the officers' event stream (`GET /api/officer/stream`) names each
//! applicant whose data, accounts or review changed; a page refetches what it shows, a
//! burst of events becoming one refetch. While the stream is down (a proxy that buffers
//! streams, a server restart) the page polls instead.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wink_api::officer::ApplicantChanged;
use wink_web::event_stream::EventStream;

/// Events closer together than this become one refetch.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// How often a page refetches while the stream is down.
pub const POLL_EVERY: Duration = Duration::from_secs(10);

const STREAM: &str = "/api/officer/stream";

/// How the page hears about changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    /// The stream is opening.
    Connecting,
    /// The stream is open: changes arrive as they happen.
    Live,
    /// The stream is down (or impossible here): the page polls.
    Polling,
}

impl Feed {
    pub fn as_str(self) -> &'static str {
        match self {
            Feed::Connecting => "connecting",
            Feed::Live => "live",
            Feed::Polling => "polling",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Feed::Connecting => "Connecting to live updates…",
            Feed::Live => "Live: changes appear as they happen.",
            Feed::Polling => "Live updates are unavailable; refreshing every 10 seconds.",
        }
    }
}

/// Keeps the calling page fresh: `refresh` runs (debounced) after each event for an
/// applicant `wanted` accepts, and every [`POLL_EVERY`] while the stream is down. Call in
/// the page's component; everything stops with it. Answers how changes arrive now.
pub fn follow(
    wanted: impl Fn(&str) -> bool + 'static,
    refresh: impl Fn() + 'static,
) -> ReadSignal<Feed> {
    let (feed, set_feed) = signal(Feed::Connecting);
    let refresh: Rc<dyn Fn()> = Rc::new(refresh);
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let poll = StoredValue::new_local(None::<IntervalHandle>);
    let ever_down = StoredValue::new(false);

    let soon = {
        let refresh = refresh.clone();
        move || {
            if pending.try_with_value(Option::is_some) != Some(false) {
                return;
            }
            let refresh = refresh.clone();
            let handle = set_timeout_with_handle(
                move || {
                    if pending.try_set_value(None).is_none() {
                        refresh();
                    }
                },
                DEBOUNCE,
            );
            pending.set_value(handle.ok());
        }
    };
    let start_polling = {
        let refresh = refresh.clone();
        move || {
            if poll.try_with_value(Option::is_some) != Some(false) {
                return;
            }
            let refresh = refresh.clone();
            let handle = set_interval_with_handle(move || refresh(), POLL_EVERY);
            poll.set_value(handle.ok());
        }
    };
    let stop_polling = move || {
        if let Some(Some(handle)) = poll.try_update_value(Option::take) {
            handle.clear();
        }
    };

    let on_data = {
        let soon = soon.clone();
        move |data: String| match serde_json::from_str::<ApplicantChanged>(&data) {
            Ok(changed) if wanted(&changed.applicant_id) => soon(),
            Ok(_) => {}
            Err(e) => leptos::logging::warn!("unreadable applicant event: {e}"),
        }
    };
    let stream = match EventStream::open(STREAM, "applicant", on_data) {
        Some(mut stream) => {
            let start_polling = start_polling.clone();
            stream.watch_connection(move |up| {
                set_feed.try_set(if up { Feed::Live } else { Feed::Polling });
                if up {
                    stop_polling();
                    // Events may have been missed while it was down.
                    if ever_down.try_get_value() == Some(true) {
                        soon();
                    }
                } else {
                    ever_down.try_set_value(true);
                    start_polling();
                }
            });
            Some(stream)
        }
        None => {
            set_feed.set(Feed::Polling);
            start_polling();
            None
        }
    };
    let stream = StoredValue::new_local(stream);
    on_cleanup(move || {
        stream.set_value(None);
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        stop_polling();
    });
    feed
}
