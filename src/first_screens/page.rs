//! The first screens' hands on their prerendered page: finding its elements, listening to
//! them and writing to them. The writes are a few lines of JavaScript (`page.js`, shipped
//! as written) rather than `web-sys` calls: each `web-sys` method is its own import and
//! glue, and these screens are held to a 100 KB download (issue 18). Markup is built in
//! Rust, with `wink_web::dom::escape` around every text.

use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlElement, HtmlInputElement};
pub use wink_web::dom::escape;

#[wasm_bindgen(module = "/src/first_screens/page.js")]
extern "C" {
    #[wasm_bindgen(js_name = byId)]
    fn by_id_js(id: &str) -> Option<HtmlElement>;
    #[wasm_bindgen(js_name = find)]
    fn find_js(selector: &str) -> Option<HtmlElement>;
    #[wasm_bindgen(js_name = findAll)]
    fn find_all_js(selector: &str) -> Vec<HtmlElement>;
    /// Buttons are prerendered disabled (a click before the wasm would be lost).
    #[wasm_bindgen(js_name = enableButtons)]
    pub fn enable_buttons();
    fn listen(target: &JsValue, kind: &str, handler: &Closure<dyn FnMut(Event)>);
    /// Replaces the prerendered page with the server's page at `url` (the same route, in
    /// the language the `wink_lang` cookie now names); false if it could not be loaded.
    #[wasm_bindgen(js_name = swapTo)]
    pub async fn swap_to(url: &str, timeout_ms: u32) -> JsValue;
    /// A field's error line: `html` inside `<p class="field-error" id=id>` (none when
    /// empty), `has-error` on its `.field`, and `aria-invalid` and `aria-describedby`
    /// (`base`, then the error's id) on `input`.
    #[wasm_bindgen(js_name = fieldError)]
    pub fn field_error(input: &HtmlElement, base: &str, id: &str, html: &str);
    #[wasm_bindgen(js_name = setHtml)]
    pub fn set_html(element: &HtmlElement, html: &str);
    #[wasm_bindgen(js_name = setText)]
    pub fn set_text(element: &HtmlElement, text: &str);
    /// Whether `text` reached the clipboard.
    #[wasm_bindgen(js_name = copyText)]
    pub async fn copy_text(text: &str) -> JsValue;
}

/// The element with `id`, if the page has it. This and the other finders look only inside
/// the prerendered page (`body > [data-prerendered]`).
pub fn by_id(id: &str) -> Option<HtmlElement> {
    by_id_js(id)
}

/// The first element matching `selector`, if any.
pub fn find(selector: &str) -> Option<HtmlElement> {
    find_js(selector)
}

/// Every element matching `selector`.
pub fn find_all(selector: &str) -> Vec<HtmlElement> {
    find_all_js(selector)
}

/// The input with `id`.
pub fn input(id: &str) -> Option<HtmlInputElement> {
    by_id(id).map(JsCast::unchecked_into)
}

/// Calls `handler` on every `kind` event at `target` for as long as the page lives. The
/// handler is leaked with its element: the first screens replace their elements only when
/// the reader switches language, and a dropped handler would throw if a late event came.
pub fn on(target: &JsValue, kind: &str, handler: impl FnMut(Event) + 'static) {
    let handler = Closure::<dyn FnMut(Event)>::new(handler);
    listen(target, kind, &handler);
    handler.forget();
}

/// Moves focus to `element` once the pending updates are on screen (see
/// `wink_web::dom::focus_after_render`, the same for a rendered page).
pub fn focus_soon(element: HtmlElement) {
    leptos::prelude::request_animation_frame(move || {
        let _ = element.focus();
    });
}
