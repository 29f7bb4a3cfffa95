use leptos::prelude::*;
use wink_api::officer::{TimelineEntry, TimelineSource};

use crate::format::timestamp;

/// What happened to the application, newest first: widget callbacks, Smile's webhooks and
/// officers' notes and decisions.
#[component]
pub fn EventTimeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">"Nothing has happened yet."</p> }.into_any();
    }
    view! {
        <ol class="event-timeline">
            {entries
                .into_iter()
                .map(|e| {
                    let source = match e.source {
                        TimelineSource::Widget => "Widget",
                        TimelineSource::Webhook => "Webhook",
                        TimelineSource::Officer => "Officer",
                    };
                    view! {
                        <li data-source=source.to_lowercase()>
                            <time datetime=e.at.clone()>{timestamp(&e.at)}</time>
                            " "
                            <span class="source">{source}</span>
                            " "
                            <code>{e.kind}</code>
                            {e.account_id.map(|id| view! { <span class="muted">{format!(" {id}")}</span> })}
                            <div>{e.detail}</div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
