//! Wink Portal's front end: a Leptos 0.8 app rendered in the browser, built by trunk.

pub mod api;
pub mod components;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::pages::{Landing, NotFound};

/// The whole app: one router, one page per route.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="site-header">
                <a class="brand" href="/">"Wink Portal"</a>
            </header>
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Landing />
                </Routes>
            </main>
        </Router>
    }
}
