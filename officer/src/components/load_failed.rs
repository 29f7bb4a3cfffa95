use leptos::prelude::*;

use crate::api::ApiError;

/// "We couldn't load …", the reason, and a retry.
#[component]
pub fn LoadFailed(
    /// What could not be loaded: "the applicants".
    what: &'static str,
    error: ApiError,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="callout problem" role="alert">
            <p>{format!("We couldn't load {what}. {error}")}</p>
            <button type="button" class="secondary" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
