//! Wink Portal's loan-officer dashboard: a Leptos 0.8 app rendered in the browser, in its
//! own bundle (`officer/Trunk.toml`, served by `wink-server` under `/officer/`), so the
//! applicant's bundle stays small and this one can get a strict CSP.
//!
//! Pages: the applicants list (`/officer/`), one applicant (`/officer/applicants/:id`) and
//! their audit trail (`…/audit`), and the staged rollout's conversion (`/officer/rollout`);
//! signing in is a state, not a page: without a session any
//! path shows the login form, and the page asked for once signed in.

pub mod api;
pub mod chart;
pub mod components;
pub mod document;
pub mod format;
pub mod live;
pub mod pages;
pub mod provenance;
pub mod rollout;
pub mod routes;
pub mod session;
pub mod submission;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wink_web::router::use_path_under;

use crate::pages::{ApplicantPage, ApplicantsPage, AuditPage, LoginPage, NotFound, RolloutPage};
use crate::routes::{Route, BASE};
use crate::session::{Session, SessionState, SIGNED_OUT};

/// The whole app: a header, and the login form or the page for the current path.
/// `signed_out`: the page came as the prerendered sign-in, which the server sends only
/// without a session cookie, so the form shows at once (the session is still checked).
#[component]
pub fn App(#[prop(optional)] signed_out: bool) -> impl IntoView {
    let session = Session::install(if signed_out {
        SessionState::SignedOut(None)
    } else {
        SessionState::Checking
    });
    spawn_local(async move {
        let answer = api::me().await;
        let now = session.state.try_get_untracked();
        // A prerendered sign-in form stays as it is (with what is typed in it) unless the
        // session turns out to be good; a sign-in made meanwhile stands.
        let checking = matches!(now, Some(SessionState::Checking));
        match answer {
            Ok(me) if !matches!(now, Some(SessionState::SignedIn(_))) => session.sign_in(me),
            Ok(_) => {}
            Err(_) if !checking => {}
            Err(error) if error.is_unauthorized() => {
                session.state.try_set(SessionState::SignedOut(None));
            }
            Err(error) => {
                leptos::logging::warn!("could not check the session: {error}");
                session.state.try_set(SessionState::SignedOut(None));
            }
        }
    });
    let path = use_path_under(BASE);
    let route = Memo::new(move |_| Route::from_path(&path.read()));
    let signed_in = Memo::new(move |_| matches!(session.state.get(), SessionState::SignedIn(_)));
    // A new page: keyboard and screen-reader users start at its top, not on the link that
    // led there (which is gone).
    Effect::watch(move || route.get(), move |_, _, _| focus_main(), false);
    let page = move || {
        if !signed_in.get() {
            return match session.state.get() {
                SessionState::Checking => {
                    view! { <p class="loading">"Checking your session…"</p> }.into_any()
                }
                SessionState::SignedOut(message) => {
                    view! { <LoginPage session message /> }.into_any()
                }
                SessionState::SignedIn(_) => unreachable!("checked above"),
            };
        }
        match route.get() {
            Route::Applicants => view! { <ApplicantsPage /> }.into_any(),
            Route::Applicant(id) => view! { <ApplicantPage id /> }.into_any(),
            Route::Audit(id) => view! { <AuditPage id /> }.into_any(),
            Route::Rollout => view! { <RolloutPage /> }.into_any(),
            Route::NotFound => view! { <NotFound /> }.into_any(),
        }
    };
    let sign_out = move |_| {
        spawn_local(async move {
            // Whatever the answer (even a 401: already gone), this browser is signed out.
            if let Err(error) = api::logout().await {
                leptos::logging::warn!("logout: {error}");
            }
            session.sign_out(SIGNED_OUT);
        });
    };
    view! {
        <a class="skip-link no-print" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href=format!("{BASE}/")>"Wink Portal " <span class="brand-sub">"Loan officers"</span></a>
            {move || {
                session
                    .email()
                    .map(|email| {
                        view! {
                            <nav class="officer-nav no-print" aria-label="Dashboard">
                                <a
                                    href=format!("{BASE}/")
                                    aria-current=move || (route.get() == Route::Applicants).then_some("page")
                                >
                                    "Applicants"
                                </a>
                                <a
                                    href=Route::Rollout.href()
                                    aria-current=move || (route.get() == Route::Rollout).then_some("page")
                                >
                                    "Rollout"
                                </a>
                                <span class="officer-email">{email}</span>
                                <button type="button" class="secondary" on:click=sign_out>
                                    "Sign out"
                                </button>
                            </nav>
                        }
                    })
            }}
        </header>
        <main id="main" tabindex="-1">{page}</main>
    }
}

fn focus_main() {
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}

/// Sets the browser tab's (and the printed report's) title: `what · Wink Portal officers`.
pub fn set_title(what: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{what} · Wink Portal officers"));
    }
}
