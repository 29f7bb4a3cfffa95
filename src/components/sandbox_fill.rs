use leptos::prelude::*;
use wink_api::Mode;

use crate::api;
use crate::application_form::FormText;
use crate::i18n::tr;
use crate::load::Load;

/// In emulator and sandbox mode, a button that fills the form with Smile's sandbox persona,
/// so demos and manual tests need no typing. Never shown in production.
#[component]
pub fn SandboxFill(on_fill: Callback<()>) -> impl IntoView {
    let info = Load::new(api::info);
    move || {
        info.get()
            .and_then(Result::ok)
            .filter(|info| info.mode != Mode::Production)
            .map(|info| {
                view! {
                    <p class="sandbox-fill">
                        <button type="button" class="link-button" on:click=move |_| on_fill.run(())>
                            {tr(FormText::SandboxFill { mode: info.mode.as_str() })}
                        </button>
                    </p>
                }
            })
    }
}
