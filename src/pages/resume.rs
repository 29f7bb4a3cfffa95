use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::router::navigate_replacing;

/// `/resume/:token`: trades the secret link for a session, then continues to `/link`
/// (replacing this page in the history, so "back" does not resume again).
#[component]
pub fn ResumePage(
    /// The secret from the link.
    token: String,
) -> impl IntoView {
    // `None` while trying; on success the page is left.
    let failure = RwSignal::new(None::<ApiError>);
    let attempt = Callback::new(move |()| {
        failure.set(None);
        let token = token.clone();
        spawn_local(async move {
            match api::resume_application(&token).await {
                Ok(_) => navigate_replacing("/link"),
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
        });
    });
    attempt.run(());

    let body = move || match failure.get() {
        None => view! { <p class="loading">"Opening your application…"</p> }.into_any(),
        Some(error) if link_is_unusable(&error) => view! {
            <div class="callout warning" role="alert">
                <h2>"This resume link isn't valid"</h2>
                <p>
                    "It may be incomplete, so check that you copied all of it, or it may no "
                    "longer work."
                </p>
                <ul>
                    <li>
                        "If you applied in this browser, your application may still be open: "
                        <a href="/link">"go to your linked accounts"</a> "."
                    </li>
                    <li>"Otherwise, start again. It takes about a minute."</li>
                </ul>
                <p>
                    <a class="button primary" href="/apply">"Start a new application"</a>
                </p>
            </div>
        }
        .into_any(),
        Some(error) => view! {
            <div class="callout problem" role="alert">
                <h2>"We couldn't open your application"</h2>
                <p>{error.to_string()}</p>
                <button type="button" class="primary" on:click=move |_| attempt.run(())>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
    };

    view! {
        <section class="page resume">
            <h1>"Continue your application"</h1>
            <div aria-live="polite">{body}</div>
        </section>
    }
}

/// The server rejected the token itself (not a hiccup worth retrying).
fn link_is_unusable(error: &ApiError) -> bool {
    matches!(error.status(), Some(400 | 401 | 403 | 404 | 410 | 422))
}
