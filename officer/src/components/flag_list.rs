use leptos::prelude::*;
use wink_api::summary::FlagKind;

use crate::format::flag_label;

/// The flags of an applicant's summary, as short labels.
#[component]
pub fn FlagList(flags: Vec<FlagKind>) -> impl IntoView {
    if flags.is_empty() {
        return view! { <span class="muted">"None"</span> }.into_any();
    }
    view! {
        <ul class="flag-tags">
            {flags
                .into_iter()
                .map(|kind| view! { <li data-flag=kind.as_str().to_owned()>{flag_label(&kind)}</li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
