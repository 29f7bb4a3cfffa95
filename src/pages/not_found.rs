use leptos::prelude::*;
use wink_api::messages;

use crate::i18n::tr;

messages! {
    /// The words of a page that does not exist.
    pub enum NotFoundText {
        Title = "not_found.title" => "Page not found",
        Body = "not_found.body" => "There is nothing at this address. It may have been mistyped, or the link may be out of date.",
        Home = "not_found.home" => "Go to the start page",
    }
}

/// Any path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page not-found">
            <h1>{tr(NotFoundText::Title)}</h1>
            <p>{tr(NotFoundText::Body)}</p>
            <p><a href="/">{tr(NotFoundText::Home)}</a></p>
        </section>
    }
}
