use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::Panel;
use crate::router::navigate_replacing;

/// The start page's query after signing out: it then says how to come back.
pub const SIGNED_OUT_QUERY: &str = "signed-out";

/// "Sign out", for a shared phone or computer: ends the session on the server
/// (`POST /api/applications/me/logout`), then goes to the start page, replacing this one
/// so "back" does not return to a page without a session.
#[component]
pub fn SignOut() -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = api::sign_out().await;
            busy.try_set(false);
            match answer {
                Ok(()) => navigate_replacing(&format!("/?{SIGNED_OUT_QUERY}=1")),
                Err(e) => {
                    error.try_set(Some(format!("We couldn't sign you out. {e}")));
                }
            }
        });
    };
    view! {
        <Panel id="sign-out" title="Using a shared phone or computer?" class="sign-out">
            <p>
                "Sign out when you've finished. Your resume link brings you back to your "
                "application whenever you need it."
            </p>
            <button
                type="button"
                class="secondary sign-out"
                disabled=move || busy.get()
                on:click=sign_out
            >
                {move || if busy.get() { "Signing out…" } else { "Sign out" }}
            </button>
            <div role="alert">
                {move || error.get().map(|message| view! { <p class="error">{message}</p> })}
            </div>
        </Panel>
    }
}
