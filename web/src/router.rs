//! A small client-side router, shared by both apps.
//!
//! Why not `leptos_router`: it is the single largest piece of the applicant bundle we could
//! remove (~40 KB of wasm, ~15 KB gzip), and the budget before the widget opens is 250 KB
//! gzip. The pages need only: match a path (each app has its own `Route` enum), follow
//! same-origin links without reloading, go somewhere from code, and honour back/forward.
//! `wink-server` answers every page path with the app's `index.html`, so deep links and
//! reloads land here too.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Fired on `window` after [`navigate`] changed the URL (`pushState` fires nothing).
const NAVIGATED: &str = "wink:navigated";

/// Goes to `to` (a same-origin path, with an optional query) without reloading the page.
pub fn navigate(to: &str) {
    go(to, false, true);
}

/// Like [`navigate`], but replaces the current history entry ("back" skips this page).
pub fn navigate_replacing(to: &str) {
    go(to, true, true);
}

/// Rewrites the current entry's query (`?a=1`, or `""` for none) without scrolling or
/// re-rendering anything: a page keeping its own state (filters, a page number) in the
/// URL, so a reload or "back" from elsewhere restores it.
pub fn replace_query(query: &str) {
    let path = current_path();
    let to = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    go(&to, true, false);
}

fn go(to: &str, replace: bool, announce: bool) {
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
    if !announce {
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
    use_path_under("/")
}

/// [`use_path`] for an app that owns only the paths under `base` (the officer's dashboard
/// under `/officer`): links elsewhere on the site are left to the browser.
pub fn use_path_under(base: &'static str) -> ReadSignal<String> {
    let (path, set_path) = signal(current_path());
    let follow = move |_: web_sys::Event| set_path.set(current_path());
    let listeners = [
        window_event_listener_untyped("popstate", follow),
        window_event_listener_untyped(NAVIGATED, follow),
        window_event_listener(ev::click, move |event| follow_link_click(event, base)),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    path
}

/// The path of the page's URL (no query or fragment).
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

/// The query of the page's URL, without the `?` (empty when there is none).
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_owned())
        .unwrap_or_default()
}

/// The first value of `name` in a query string (`a=1&b=x%20y`, a leading `?` allowed),
/// percent-decoded with `+` as a space; a malformed escape is kept as typed.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find_map(|(key, value)| (key == name).then(|| value.into_owned()))
}

/// Decodes the `%XX` escapes of a path segment (a malformed escape is kept as typed).
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Turns a plain left click on a same-origin link under `base` into [`navigate`]; anything
/// else (a new tab, a download, another site or app, a modified click) is left to the
/// browser.
fn follow_link_click(event: web_sys::MouseEvent, base: &str) {
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
    let path = anchor.pathname();
    if !path.starts_with(base) {
        return;
    }
    // A jump within this page (`#field-email`) is the browser's job.
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
    fn query_params_are_found_and_decoded() {
        let query = "?invite=abc%2D1&q=Jos%C3%A9+Rizal&empty=&flag";
        assert_eq!(query_param(query, "invite").as_deref(), Some("abc-1"));
        assert_eq!(query_param(query, "q").as_deref(), Some("José Rizal"));
        assert_eq!(query_param(query, "empty").as_deref(), Some(""));
        assert_eq!(query_param(query, "flag").as_deref(), Some(""));
        assert_eq!(query_param(query, "missing"), None);
        assert_eq!(query_param("", "q"), None);
    }

    #[test]
    fn a_broken_escape_is_kept_as_typed() {
        assert_eq!(query_param("q=100%", "q").as_deref(), Some("100%"));
        assert_eq!(query_param("q=%zz", "q").as_deref(), Some("%zz"));
    }
}
