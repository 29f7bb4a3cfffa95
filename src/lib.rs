//! Wink Portal's applicant front end: a Leptos 0.8 app rendered in the browser, built by
//! trunk. The applicant's journey: on-ramp (`/`), application (`/apply`), linking accounts
//! through Smile's widget (`/link`), off-ramp (`/done`); `/resume/:token` brings a returning
//! applicant back. [`App`] is the whole app (`src/main.rs`); the release build also ships
//! `/` and `/apply` on their own ([`first_screens`], `src/bin/wink-start.rs`), which bring
//! the whole app's rendering of those pages, prerendered, to life.

pub mod api;
pub mod application_form;
pub mod catalogs;
pub mod components;
pub mod documents;
pub mod errors;
pub mod first_screens;
pub mod i18n;
pub mod linking;
pub mod pages;
pub mod router;
pub mod status;
pub mod uploads;
pub mod validation;
pub mod widget;

#[cfg(test)]
mod test_support;

// Shared with the officer's dashboard (`wink-web`), under the names the pages use.
pub use wink_web::{dom, load};

use leptos::prelude::*;

use crate::pages::{ApplyPage, DonePage, Landing, LinkPage, NotFound, ResumePage};
use crate::router::{use_path, Route};

/// The whole app: every page, by path.
#[component]
pub fn App() -> impl IntoView {
    let path = use_path();
    // Re-render only when the page changes, not on every URL change.
    let route = Memo::new(move |_| Route::from_path(&path.read()));
    let page = move || match route.get() {
        Route::Landing => view! { <Landing /> }.into_any(),
        Route::Apply => view! { <ApplyPage /> }.into_any(),
        Route::Link => view! { <LinkPage /> }.into_any(),
        Route::Done => view! { <DonePage /> }.into_any(),
        Route::Resume(token) => view! { <ResumePage token /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
    };
    view! { <Site page /> }
}

/// What every page has around it: a skip link, the header and the page itself.
#[component]
fn Site(page: impl Fn() -> AnyView + Send + 'static) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{i18n::tr(i18n::Common::SkipLink)}</a>
        <header class="site-header">
            <a class="brand" href="/">{i18n::tr(i18n::Common::Brand)}</a>
            <i18n::LanguageSwitcher />
        </header>
        <main id="main" tabindex="-1">{page}</main>
    }
}

/// Starts `app` in the page: the reader's language first (a few KB, fetched only for
/// Filipino and Indonesian readers), so the first page is already in it; then the app takes
/// over the build's prerendered first screen, if the server sent one, keeping what the
/// reader typed into it meanwhile.
pub fn boot<V: IntoView + 'static>(app: fn() -> V) {
    // wasm-bindgen's own spawner: Leptos sets up its executor when it mounts, not before.
    wasm_bindgen_futures::spawn_local(async move {
        i18n::preload().await;
        let saved = wink_web::prerendered::save();
        leptos::mount::mount_to_body(app);
        wink_web::prerendered::take_over(saved);
    });
}
