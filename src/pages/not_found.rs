use leptos::prelude::*;

/// Any path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have been mistyped, or the link may be out of date."</p>
            <p><a href="/">"Go to the start page"</a></p>
        </section>
    }
}
