use leptos::prelude::*;

use wink_api::messages;

use crate::api;
use crate::components::ModeBadge;
use crate::i18n::{use_i18n, Common};
use crate::load::Load;

messages! {
    /// The start page's small print about the server.
    pub enum ServerText {
        Checking = "server.checking" => "Checking the server…",
        Version { version } = "server.version" => "Server version {version}",
        Failed { reason } = "server.failed" => "We could not check the server's status. {reason}",
    }
}

/// Which Smile the server talks to, and its version: small print for staff and testers.
#[component]
pub fn ServerStatus() -> impl IntoView {
    let i18n = use_i18n();
    let info = Load::new(api::info);
    let status = move || match info.get() {
        None => view! { <p class="loading">{i18n.t(ServerText::Checking)}</p> }.into_any(),
        Some(Ok(info)) => view! {
            <ModeBadge mode=info.mode />
            <p class="version">{i18n.t(ServerText::Version { version: &info.version })}</p>
        }
        .into_any(),
        Some(Err(err)) => {
            let reason = i18n.error_text(&err);
            view! {
                <div class="error" role="alert">
                    <p>{i18n.t(ServerText::Failed { reason: &reason })}</p>
                    <button type="button" class="secondary" on:click=move |_| info.reload()>
                        {i18n.t(Common::TryAgain)}
                    </button>
                </div>
            }
            .into_any()
        }
    };
    view! { <div class="server-status" aria-live="polite">{status}</div> }
}
