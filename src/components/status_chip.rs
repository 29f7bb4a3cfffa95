use leptos::prelude::*;
use wink_api::LinkStatus;

use crate::status::status_view;

/// An account's status as a word with a symbol; colour only repeats what the word says.
#[component]
pub fn StatusChip(status: LinkStatus) -> impl IntoView {
    let view = status_view(status);
    view! {
        <span class="chip" data-status=view.name title=view.hint>
            <span class="chip-symbol" aria-hidden="true">{view.symbol}</span>
            {view.label}
        </span>
    }
}
