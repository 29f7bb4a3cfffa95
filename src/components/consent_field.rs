use leptos::prelude::*;
use wink_api::{consent_text, field};

use crate::application_form::{FormState, FormText};
use crate::i18n::{tr, use_i18n};

/// The consent checkbox: what is shared, through whom, with whom, for what.
#[component]
pub fn ConsentField(state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| state.error(field::CONSENT));
    view! {
        <div class="field consent" class:has-error=move || error.with(Option::is_some)>
            <input
                id="field-consent"
                name="consent"
                type="checkbox"
                prop:checked=move || state.form.with(|f| f.consent)
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || {
                    if error.with(Option::is_some) {
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
            // The words agreed to are versioned with the consent, in each language.
            <label for="field-consent">{move || consent_text(i18n.lang())}</label>
            <p class="hint" id="consent-details">
                {tr(FormText::ConsentDetails)}
            </p>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field-error" id="field-consent-error">
                                <span class="visually-hidden">{i18n.t(FormText::ErrorPrefix)}</span>
                                {message.text(&i18n)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
