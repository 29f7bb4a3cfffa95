use leptos::prelude::*;
use wink_api::report::Reverification;

use crate::api;
use crate::submission::Submission;

/// "Re-verify": asks the server to fetch every linked account and analysed document from
/// Smile again. `on_started` reads the detail again at once (so "What changed" compares
/// with the new snapshot); the live stream brings the fresh data as it arrives.
#[component]
pub fn ReverifyButton(id: String, on_started: Callback<()>) -> impl IntoView {
    let started = RwSignal::new(None::<Reverification>);
    let submission = Submission::new();
    let id = StoredValue::new(id);
    let on_click = move |_| {
        started.set(None);
        let id = id.get_value();
        submission.run(async move { api::reverify(&id).await }, move |answer| {
            started.try_set(Some(answer));
            on_started.run(());
        });
    };
    view! {
        <p class="hint" id="reverify-hint">
            "Asks Smile again for the data of every linked account and analysed document."
        </p>
        {submission.error_view()}
        <button
            type="button"
            class="secondary reverify"
            aria-describedby="reverify-hint"
            disabled=move || submission.pending.get()
            on:click=on_click
        >
            {submission.label("Re-verify", "Re-verifying…")}
        </button>
        <p class="reverify-status" role="status">
            {move || started.get().map(|answer| started_message(&answer))}
        </p>
    }
}

fn started_message(answer: &Reverification) -> &'static str {
    if answer.queued == 0 {
        "Nothing to refresh: no linked account or analysed document."
    } else {
        "Re-verification started; data is being refreshed from Smile."
    }
}
