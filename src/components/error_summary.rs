use leptos::html;
use leptos::prelude::*;

use crate::application_form::{FormState, FormText};
use crate::i18n::{tr, use_i18n};
use crate::validation::FIELDS;

/// After a failed submit: every problem, each linking to its field. The page moves focus
/// here (`focus_target`) so the list is read out first.
#[component]
pub fn ErrorSummary(state: FormState, focus_target: NodeRef<html::Div>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = Memo::new(move |_| state.summary());
    let items = move || {
        errors.with(|errors| {
            FIELDS
                .iter()
                .filter_map(|name| {
                    errors.get(name).map(|message| {
                        view! { <li><a href=format!("#field-{name}")>{message.text(&i18n)}</a></li> }
                    })
                })
                .collect_view()
        })
    };
    view! {
        <div
            class="error-summary"
            class:visible=move || errors.with(|e| !e.is_empty())
            tabindex="-1"
            node_ref=focus_target
            aria-labelledby="error-summary-heading"
        >
            <Show when=move || errors.with(|e| !e.is_empty())>
                <h2 id="error-summary-heading">{tr(FormText::SummaryHeading)}</h2>
                <ul>{items}</ul>
            </Show>
        </div>
    }
}
