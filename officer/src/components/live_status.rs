use leptos::prelude::*;

use crate::live::Feed;

/// A quiet line saying whether the page updates live or by polling.
#[component]
pub fn LiveStatus(feed: ReadSignal<Feed>) -> impl IntoView {
    view! {
        <p class="live-status no-print" role="status" data-live=move || feed.get().as_str()>
            {move || feed.get().label()}
        </p>
    }
}
