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
    // A text per field (empty when it is fine): the one reactive text type the app has.
    let texts: Vec<(&'static str, Signal<String>)> = FIELDS
        .iter()
        .map(|&name| {
            (
                name,
                Signal::derive(move || state.summary_text(name, &i18n)),
            )
        })
        .collect();
    let any = {
        let texts = texts.clone();
        move || texts.iter().any(|(_, text)| !text.with(String::is_empty))
    };
    let items = move || {
        texts
            .iter()
            .map(|&(name, text)| {
                move || {
                    (!text.with(String::is_empty))
                        .then(|| view! { <li><a href=format!("#field-{name}")>{text}</a></li> })
                }
            })
            .collect_view()
    };
    let visible = any.clone();
    view! {
        <div
            class="error-summary"
            class:visible=visible
            tabindex="-1"
            node_ref=focus_target
            aria-labelledby="error-summary-heading"
        >
            <Show when=any>
                <h2 id="error-summary-heading">{tr(FormText::SummaryHeading)}</h2>
                <ul>{items.clone()}</ul>
            </Show>
        </div>
    }
}
