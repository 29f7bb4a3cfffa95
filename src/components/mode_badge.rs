use leptos::prelude::*;
use wink_api::Mode;

use crate::i18n::{tr, use_i18n};
use crate::linking::texts::ModeText;

/// Which Smile the server talks to, in words a developer or a lender's staff understands.
#[component]
pub fn ModeBadge(mode: Mode) -> impl IntoView {
    let i18n = use_i18n();
    let explanation = match mode {
        Mode::Emulator => ModeText::Emulator,
        Mode::Sandbox => ModeText::Sandbox,
        Mode::Production => ModeText::Production,
    };
    // The mode's wire name stays as it is (a badge), the words around it are translated.
    let around = move || i18n.around(ModeText::Name { mode: "" }, "mode");
    view! {
        <p class="mode" data-mode=mode.as_str()>
            {Signal::derive(move || around().0)}
            <span class="mode-badge">{mode.as_str()}</span>
            {Signal::derive(move || around().1)}
            " "
            {tr(explanation)}
        </p>
    }
}
