use leptos::prelude::*;

use crate::api;
use crate::components::ModeBadge;
use crate::load::Load;

/// Which Smile the server talks to, and its version: small print for staff and testers.
#[component]
pub fn ServerStatus() -> impl IntoView {
    let info = Load::new(api::info);
    let status = move || match info.get() {
        None => view! { <p class="loading">"Checking the server…"</p> }.into_any(),
        Some(Ok(info)) => view! {
            <ModeBadge mode=info.mode />
            <p class="version">"Server version " {info.version}</p>
        }
        .into_any(),
        Some(Err(err)) => view! {
            <div class="error" role="alert">
                <p>"We could not check the server's status. " {err.to_string()}</p>
                <button type="button" class="secondary" on:click=move |_| info.reload()>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
    };
    view! { <div class="server-status" aria-live="polite">{status}</div> }
}
