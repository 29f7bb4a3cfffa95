use leptos::prelude::*;

use crate::routes::BASE;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page not-found">
            <h1>"Page not found"</h1>
            <p>"There is no dashboard page at this address."</p>
            <p><a href=format!("{BASE}/")>"Go to the applicants list"</a></p>
        </section>
    }
}
