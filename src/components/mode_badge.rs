use leptos::prelude::*;
use wink_api::Mode;

/// Which Smile the server talks to, in words a developer or a lender's staff understands.
#[component]
pub fn ModeBadge(mode: Mode) -> impl IntoView {
    let explanation = match mode {
        Mode::Emulator => {
            "Smile's sandbox is emulated on this machine: no credentials, no real data, nothing leaves it."
        }
        Mode::Sandbox => "Connected to Smile's sandbox: test personas only, no real accounts.",
        Mode::Production => "Connected to Smile's production service: real applicants, real data.",
    };
    view! {
        <p class="mode" data-mode=mode.as_str()>
            <span class="mode-badge">{mode.as_str()}</span>
            " mode. "
            {explanation}
        </p>
    }
}
