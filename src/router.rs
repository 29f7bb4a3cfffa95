//! A small client-side router for the portal's six routes.
//!
//! Why not `leptos_router`: it is the single largest piece of the bundle we could remove
//! (~40 KB of wasm, ~15 KB gzip), and the budget before the widget opens is 250 KB gzip.
//! These pages need only: match a path, follow same-origin links without reloading, go
//! somewhere from code, and honour back/forward. `wink-server` answers every page path
//! with `index.html`, so deep links and reloads land here too.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Fired on `window` after [`navigate`] changed the URL (`pushState` fires nothing).
const NAVIGATED: &str = "wink:navigated";

/// The pages, by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Landing,
    Apply,
    Link,
    Done,
    /// `/resume/<token>`
    Resume(String),
    NotFound,
}

impl Route {
    /// The route for a URL path (no query or fragment); a trailing `/` is ignored.
    pub fn from_path(path: &str) -> Route {
        let trimmed = path.trim_end_matches('/');
        match trimmed {
            "" => Route::Landing,
            "/apply" => Route::Apply,
            "/link" => Route::Link,
            "/done" => Route::Done,
            _ => match trimmed.strip_prefix("/resume/") {
                Some(token) if !token.is_empty() && !token.contains('/') => {
                    Route::Resume(token.to_owned())
                }
                _ => Route::NotFound,
            },
        }
    }
}

/// Goes to `to` (a same-origin path) without reloading the page.
pub fn navigate(to: &str) {
    go(to, false);
}

/// Like [`navigate`], but replaces the current history entry ("back" skips this page).
pub fn navigate_replacing(to: &str) {
    go(to, true);
}

fn go(to: &str, replace: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let changed = window.history().and_then(|history| {
        if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(to))
        }
    });
    if changed.is_err() {
        // No history API to speak of: an ordinary page load still gets there.
        let _ = window.location().set_href(to);
        return;
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
    if let Ok(event) = web_sys::Event::new(NAVIGATED) {
        let _ = window.dispatch_event(&event);
    }
}

/// The current path as a signal that follows [`navigate`], back/forward and link clicks.
/// Call once, in the app's root component; the listeners go with it.
pub fn use_path() -> ReadSignal<String> {
    let (path, set_path) = signal(current_path());
    let follow = move |_: web_sys::Event| set_path.set(current_path());
    let listeners = [
        window_event_listener_untyped("popstate", follow),
        window_event_listener_untyped(NAVIGATED, follow),
        window_event_listener(ev::click, follow_link_click),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    path
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

/// Turns a plain left click on a same-origin link into [`navigate`]; anything else (a new
/// tab, a download, another site, a modified click) is left to the browser.
fn follow_link_click(event: web_sys::MouseEvent) {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let Some(anchor) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let same_origin = window.location().origin().ok() == Some(anchor.origin());
    if !same_origin || anchor.has_attribute("download") || !anchor.target().is_empty() {
        return;
    }
    // A jump within this page (`#field-email`) is the browser's job.
    let path = anchor.pathname();
    if path == current_path() && !anchor.hash().is_empty() {
        return;
    }
    event.prevent_default();
    navigate(&format!("{path}{}{}", anchor.search(), anchor.hash()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_pages() {
        assert_eq!(Route::from_path("/"), Route::Landing);
        assert_eq!(Route::from_path(""), Route::Landing);
        assert_eq!(Route::from_path("/apply"), Route::Apply);
        assert_eq!(Route::from_path("/apply/"), Route::Apply);
        assert_eq!(Route::from_path("/link"), Route::Link);
        assert_eq!(Route::from_path("/done"), Route::Done);
        assert_eq!(
            Route::from_path("/resume/3k9-abc_DEF"),
            Route::Resume("3k9-abc_DEF".into())
        );
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/no/such/page",
            "/resume",
            "/resume/",
            "/resume/a/b",
            "/applyx",
            "/Apply",
        ] {
            assert_eq!(Route::from_path(path), Route::NotFound, "{path}");
        }
    }
}
