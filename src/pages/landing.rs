use leptos::prelude::*;

use crate::api;
use crate::components::ModeBadge;

/// The start page: what Wink Portal does, and which Smile this installation talks to.
#[component]
pub fn Landing() -> impl IntoView {
    let info = LocalResource::new(api::info);
    let status = move || {
        info.get().map(|result| match result {
            Ok(info) => view! {
                <ModeBadge mode=info.mode />
                <p class="version">"Server version " {info.version}</p>
            }
            .into_any(),
            Err(err) => view! {
                <div class="error" role="alert">
                    <p>"We could not check the server's status. " {err.to_string()}</p>
                    <button type="button" on:click=move |_| info.refetch()>"Try again"</button>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <section class="page landing">
            <h1>"Verify income and employment in minutes"</h1>
            <p class="lead">
                "Wink Portal lets loan applicants share their employment, gig-platform and "
                "social-security records straight from the source, through Smile's Wink widget, "
                "and shows loan officers the verified data as it arrives."
            </p>
            <div class="server-status" aria-live="polite">
                <Suspense fallback=|| view! { <p class="loading">"Checking the server…"</p> }>
                    {status}
                </Suspense>
            </div>
        </section>
    }
}
