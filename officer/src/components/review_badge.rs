use leptos::prelude::*;
use wink_api::officer::ReviewStatus;

/// Where an applicant stands, in words; the colour only repeats them.
#[component]
pub fn ReviewBadge(status: ReviewStatus) -> impl IntoView {
    view! {
        <span class="badge" data-review=status.as_str()>
            {status.label()}
        </span>
    }
}
