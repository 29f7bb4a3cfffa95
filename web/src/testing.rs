//! Helpers for both apps' wasm-bindgen tests in headless Chromium (feature `testing`, a
//! dev-dependency only: never in a bundle).
//!
//! All tests of a file share one page, so each test mounts into a fresh element, installs
//! the stubs it needs and removes them. The runner's own server has no `/api` (every call
//! answers 404); tests that need answers replace `window.fetch` with a scripted stub.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
// A scripted `/api`: routes map "METHOD /path" to [status, json, headers].
export function installFetchStub() {
  window.__fetchRoutes = {};
  window.__fetchCalls = [];
  window.__realFetch = window.__realFetch || window.fetch;
  window.fetch = async function (input, init) {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const key = request.method + ' ' + url.pathname;
    const body = request.method === 'GET' ? null : await request.text();
    window.__fetchCalls.push({ key, search: url.search, body });
    const route = window.__fetchRoutes[key];
    const [status, payload, headers] = route || [404, { error: { code: 'NOT_FOUND', message: 'No stub for ' + key } }, {}];
    return new Response(status === 204 ? null : JSON.stringify(payload), {
      status,
      headers: Object.assign({ 'content-type': 'application/json' }, headers),
    });
  };
}
export function setRoute(key, status, json, headersJson) {
  window.__fetchRoutes[key] = [status, JSON.parse(json), JSON.parse(headersJson || '{}')];
}
export function fetchCount(key) { return window.__fetchCalls.filter((c) => c.key === key).length; }
export function fetchBodies(key) {
  return JSON.stringify(window.__fetchCalls.filter((c) => c.key === key).map((c) => JSON.parse(c.body)));
}
export function fetchSearches(key) {
  return JSON.stringify(window.__fetchCalls.filter((c) => c.key === key).map((c) => c.search));
}
export function restoreFetch() { if (window.__realFetch) window.fetch = window.__realFetch; }
"#)]
extern "C" {
    /// Replaces `window.fetch` with the scripted stub (no routes yet: every call is a 404).
    #[wasm_bindgen(js_name = installFetchStub)]
    pub fn install_fetch_stub();
    #[wasm_bindgen(js_name = setRoute)]
    fn set_route_js(key: &str, status: u16, json: &str, headers_json: Option<String>);
    /// How many calls `METHOD /path` got.
    #[wasm_bindgen(js_name = fetchCount)]
    pub fn fetch_count(key: &str) -> u32;
    /// The JSON bodies `METHOD /path` got, as a JSON array.
    #[wasm_bindgen(js_name = fetchBodies)]
    pub fn fetch_bodies(key: &str) -> String;
    /// The query strings (`?a=1` or `""`) `METHOD /path` got, as a JSON array.
    #[wasm_bindgen(js_name = fetchSearches)]
    pub fn fetch_searches(key: &str) -> String;
    /// Puts the browser's own `fetch` back.
    #[wasm_bindgen(js_name = restoreFetch)]
    pub fn restore_fetch();
}

/// Answers `key` ("METHOD /path") with `status` and the JSON `json`.
pub fn set_route(key: &str, status: u16, json: &str) {
    set_route_js(key, status, json, None);
}

/// [`set_route`] with response headers, e.g. `{"Retry-After": "42"}`.
pub fn set_route_with_headers(key: &str, status: u16, json: &str, headers: &serde_json::Value) {
    set_route_js(key, status, json, Some(headers.to_string()));
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A new element at the end of the body to mount a test's view into.
pub fn fresh_root() -> web_sys::HtmlElement {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits, bounded, until `check` holds: fetches and effects settle on the browser's schedule.
pub async fn eventually(what: &str, check: impl Fn() -> bool) {
    for _ in 0..200 {
        leptos::task::tick().await;
        if check() {
            return;
        }
        sleep(25).await;
    }
    panic!(
        "timed out waiting for: {what}; page: {}",
        document()
            .body()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    );
}

/// Waits until `root` shows `needle`; answers all of its text.
pub async fn eventually_text(root: &web_sys::HtmlElement, needle: &str) -> String {
    eventually(needle, || text(root).contains(needle)).await;
    text(root)
}

pub fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

pub fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

pub fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

pub fn click(root: &web_sys::HtmlElement, selector: &str) {
    query(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

/// Sets an input's value and fires `input`, as typing does.
pub fn type_into(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = query(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}
