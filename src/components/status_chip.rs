use leptos::prelude::*;
use wink_api::LinkStatus;

use crate::i18n::tr;
use crate::status::status_view;

/// An account's status as a word with a symbol; colour only repeats what the word says.
#[component]
pub fn StatusChip(status: LinkStatus) -> impl IntoView {
    let view = status_view(status);
    view! {
        <span class="chip" data-status=view.name title=tr(view.hint)>
            <span class="chip-symbol" aria-hidden="true">{view.symbol}</span>
            {tr(view.label)}
        </span>
    }
}
