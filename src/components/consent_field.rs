use leptos::prelude::*;
use wink_api::field;

use crate::application_form::{FormState, FormText};
use crate::i18n::{tr, use_i18n};

/// The consent checkbox: what is shared, through whom, with whom, for what.
#[component]
pub fn ConsentField(state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || state.error_text(field::CONSENT, &i18n));
    let has_error = move || !error.with(String::is_empty);
    view! {
        <div class="field consent" class:has-error=has_error>
            <input
                id="field-consent"
                name="consent"
                type="checkbox"
                prop:checked=move || state.form.with(|f| f.consent)
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=move || {
                    if has_error() {
                        "consent-details field-consent-error"
                    } else {
                        "consent-details"
                    }
                }
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    state.edit(field::CONSENT, |f| f.consent = checked);
                    state.leave(field::CONSENT);
                }
            />
            // The words agreed to are versioned with the consent (`wink_api::consent_text`).
            <label for="field-consent">{tr(FormText::Consent)}</label>
            <p class="hint" id="consent-details">
                {tr(FormText::ConsentDetails)}
            </p>
            {move || {
                has_error()
                    .then(|| {
                        view! {
                            <p class="field-error" id="field-consent-error">
                                <span class="visually-hidden">{tr(FormText::ErrorPrefix)}</span>
                                {error}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
