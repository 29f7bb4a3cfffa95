use leptos::prelude::*;
use wink_api::field;

use crate::application_form::FormState;

/// The consent checkbox: what is shared, through whom, with whom, for what.
#[component]
pub fn ConsentField(state: FormState) -> impl IntoView {
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
            <label for="field-consent">
                "I agree to share my identity, employment, income and contribution records "
                "from the accounts I choose, through Smile, with this lender, to check my "
                "income and employment for this application."
            </label>
            <p class="hint" id="consent-details">
                "We never see your passwords, and you can disconnect an account at any time."
            </p>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field-error" id="field-consent-error">
                                <span class="visually-hidden">"Error: "</span>
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
