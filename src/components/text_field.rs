use leptos::prelude::*;

use crate::application_form::{FormState, FormText, Getter, Setter};
use crate::i18n::{tr, use_i18n};

/// A labelled text input of the application form, with an optional hint and an inline
/// error that screen readers announce with the field (`aria-describedby`, `aria-invalid`).
#[component]
pub fn TextField(
    state: FormState,
    /// The field's JSON name; also its id (`field-<name>`), so error links can target it.
    name: &'static str,
    label: FormText<'static>,
    get: Getter,
    set: Setter,
    #[prop(optional)] hint: Option<FormText<'static>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = Signal::derive(move || state.error_text(name, &i18n));
    let has_error = move || !error.with(String::is_empty);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = [
                hint.map(|_| hint_id.as_str()),
                has_error().then_some(error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:has-error=has_error>
            <label for=id.clone()>{tr(label)}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{tr(hint)}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                prop:value=move || state.form.with(|f| get(f).clone())
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described_by
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.edit(name, |f| set(f, value));
                }
                on:blur=move |_| state.leave(name)
            />
            {move || {
                has_error()
                    .then(|| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                <span class="visually-hidden">{tr(FormText::ErrorPrefix)}</span>
                                {error}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
