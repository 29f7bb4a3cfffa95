use leptos::prelude::*;
use leptos::task::spawn_local;

use wink_api::messages;
use wink_web::http::ApiError;

use crate::api;
use crate::components::Panel;
use crate::i18n::{tr, use_i18n};
use crate::router::navigate_replacing;

messages! {
    /// The sign-out panel's words.
    pub enum SignOutText {
        Heading = "sign_out.heading" => "Using a shared phone or computer?",
        Body = "sign_out.body" => "Sign out when you've finished. Your resume link brings you back to your application whenever you need it.",
        Button = "sign_out.button" => "Sign out",
        Busy = "sign_out.busy" => "Signing out…",
        Failed { reason } = "sign_out.failed" => "We couldn't sign you out. {reason}",
    }
}

/// The start page's query after signing out: it then says how to come back.
pub const SIGNED_OUT_QUERY: &str = "signed-out";

/// "Sign out", for a shared phone or computer: ends the session on the server
/// (`POST /api/applications/me/logout`), then goes to the start page, replacing this one
/// so "back" does not return to a page without a session.
#[component]
pub fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
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
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <Panel id="sign-out" title=tr(SignOutText::Heading) class="sign-out">
            <p>{tr(SignOutText::Body)}</p>
            <button
                type="button"
                class="secondary sign-out"
                disabled=move || busy.get()
                on:click=sign_out
            >
                {Signal::derive(move || i18n.t(if busy.get() { SignOutText::Busy } else { SignOutText::Button }))}
            </button>
            <div role="alert">
                {move || {
                    error
                        .with(|e| {
                            e.as_ref()
                                .map(|e| {
                                    let reason = i18n.error_text(e);
                                    let message = i18n.t(SignOutText::Failed { reason: &reason });
                                    view! { <p class="error">{message}</p> }
                                })
                        })
                }}
            </div>
        </Panel>
    }
}
