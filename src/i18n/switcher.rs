//! The language switcher on every page: each language named in itself (and marked with its
//! own `lang`, so a screen reader pronounces it right), the current one pressed.

use leptos::prelude::*;
use wink_api::Lang;

use super::{tr, use_i18n, Common};

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let buttons = Lang::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <button
                    type="button"
                    lang=lang.as_str()
                    aria-pressed=move || (i18n.lang() == lang).to_string()
                    on:click=move |_| i18n.choose(lang)
                >
                    {lang.native_name()}
                </button>
            }
        })
        .collect_view();
    let loading = Signal::derive(move || {
        i18n.loading()
            .map(|lang| {
                let language = lang.native_name();
                i18n.t(Common::LanguageLoading { language })
            })
            .unwrap_or_default()
    });
    view! {
        <nav class="language-switcher" aria-label=tr(Common::LanguageLabel)>
            {buttons}
            <span class="visually-hidden" role="status">{loading}</span>
        </nav>
    }
}
