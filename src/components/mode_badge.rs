use leptos::prelude::*;
use wink_api::Mode;

use crate::i18n::{tr, tr_around};
use crate::linking::texts::ModeText;

/// Which Smile the server talks to, in words a developer or a lender's staff understands.
#[component]
pub fn ModeBadge(mode: Mode) -> impl IntoView {
    let explanation = explanation(mode);
    // The mode's wire name stays as it is (a badge), the words around it are translated.
    let (before, after) = tr_around(ModeText::Name { mode: "" }, "mode");
    view! {
        <p class="mode" data-mode=mode.as_str()>
            {before}
            <span class="mode-badge">{mode.as_str()}</span>
            {after}
            " "
            {tr(explanation)}
        </p>
    }
}

/// What a mode means, for the badge (here and on the first screens).
pub fn explanation(mode: Mode) -> ModeText<'static> {
    match mode {
        Mode::Emulator => ModeText::Emulator,
        Mode::Sandbox => ModeText::Sandbox,
        Mode::Production => ModeText::Production,
    }
}
